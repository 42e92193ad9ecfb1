"""Direct quotations and their speakers.

``extract_quotes(doc)`` finds every quoted segment of an article and ties it to the person (or
body) who said it. It works in three passes, each linear in the length of the text:

1. **Marks** (character level, one paragraph at a time): pair the quotation marks of each line
   (curly, straight, NYT-style ``…'' and single quotes outside double ones). Pairing never crosses
   a line, so a stray mark can only affect its own paragraph; a quote left open at a paragraph
   end stops there and is continued by the next paragraph if that one opens with a mark.
2. **Attribution** (token level): look for a reporting cue right after the closing mark
   (“A,” she said), right before the opening mark (She added, “A”), or "according to X", and
   take the cue's grammatical subject as the speaker mention. Segments without a cue inherit
   from the statement they belong to, the previous quote of the paragraph, or, for a paragraph
   that is only a quote, the speaker introduced just before.
3. **Names**: a named mention is expanded to the fullest name of that person in the article; a
   pronoun is resolved to the most recent compatible person, or left unresolved (None) when in
   doubt: a wrong speaker is worse than a missing one.
"""
from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from factx.schema import Quote

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------------------------

# Lemmas of verbs that report speech or writing. Matched on the lemma and, because the
# lemmatizer of small models sometimes fails on rarer verbs, on a crude lemma of the form too.
CUE_LEMMAS = frozenset("""
    acknowledge add admit advise affirm agree allege announce answer argue ask assert assure
    beg blast boast brag call caution challenge charge chant chime cite claim clarify comment
    complain concede conclude confess confide confirm contend continue counter cry declare
    demand deny describe dismiss echo email emphasise emphasize estimate exclaim explain fume
    grumble gush hint indicate inform insist interject joke lament laugh maintain marvel mention
    muse mutter note object observe offer opine plead pledge point post predict proclaim promise
    propose protest quip quote rage rail rave read reason recall recount reflect reiterate
    remark remember reply report respond retort reveal say scoff scream shout shrug sigh snap
    speak state stress suggest swear tease testify text thunder tell tout tweet underscore urge
    vow warn whisper wonder write yell
""".split())

# Cues that continue what the previous speaker was saying ("she added"): a pronoun subject of
# one of these almost always refers back to the previous speaker.
CONTINUATION_CUES = frozenset("add continue conclude explain go elaborate reiterate repeat".split())

SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
# Dependents allowed between a speaker and its cue, or after a cue before the quote opens:
# adverbs ("later", "also"), auxiliaries ("has said"), negation and punctuation.
LIGHT_DEPS = frozenset({"advmod", "aux", "auxpass", "neg", "punct", "cc", "prt", "npadvmod", "intj"})
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
SPEAKER_PRONOUNS = frozenset("i we you he she it they who one".split())
HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
              "sir": "m", "lady": "f", "madam": "f", "dr": None, "dr.": None}
NAME_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
SENTENCE_END = frozenset({".", "!", "?"})
# Longest stretch (in tokens) between a cue and its quote or speaker that we still consider
# an attribution; beyond this the cue belongs to another clause.
MAX_ATTRIBUTION_TOKENS = 40
PARTIAL_MAX_WORDS = 3
PRONOUN_LOOKBACK_CHARS = 2500

# Characters before an opening mark / after a closing mark in running text.
_OPEN_BEFORE = set(" \t\u00a0([{<—–-/:;,\u2009\u200a\u202f") | {""}
_CLOSE_AFTER = set(" \t\u00a0)]}>—–-/:;,.!?…\u2009\u200a\u202f") | {""}
_NYT_MARK = re.compile(r"''+|``")
_DOUBLE_MARK = re.compile(r"''+|``|[\"“”„‟«»]")
_SINGLE_MARK = re.compile(r"[‘’'‚‛`]")


# --------------------------------------------------------------------------------------------
# Pass 1: quotation marks -> segments
# --------------------------------------------------------------------------------------------

@dataclass
class _Segment:
    """One pair of quotation marks (or an opening mark left unclosed at the paragraph end)."""

    start: int  # offsets of the quoted words (marks excluded, whitespace trimmed)
    end: int
    open_at: int  # offset of the opening mark
    close_end: int  # offset just after the closing mark (== paragraph end when unclosed)
    para: int
    closed: bool
    single: bool = False  # made of single quotes (headline style)
    # filled by pass 2
    speaker: Optional[tuple[int, int]] = None  # token span [i, j) of the speaker mention
    cue: Optional[str] = None
    own: bool = False  # attribution found next to this very segment
    statement: int = -1
    partial: bool = False


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, "\\r" excluded; blank lines are kept as empty paragraphs."""
    out, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        out.append((pos, end - 1 if line.endswith("\r") else end))
        pos = end + 1
    return out


def _char(text: str, i: int) -> str:
    return text[i] if 0 <= i < len(text) else ""


def _double_marks(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    """Double-quote marks of text[a:b] as (start, end, role) with role "open", "close" or "?".

    Curly marks say their role; a straight mark is an opener after a space and before a word,
    a closer after a word and before a space or punctuation, else ambiguous ("?"). A run of
    three apostrophes is a single quote plus an NYT double mark.
    """
    out = []
    for m in _DOUBLE_MARK.finditer(text, a, b):
        s, e, mark = m.start(), m.end(), m.group()
        before, after = _char(text, s - 1) if s > a else "", _char(text, e) if e < b else ""
        if mark.startswith("''"):
            if len(mark) > 3:
                continue  # a row of apostrophes is decoration, not a quotation
            if len(mark) == 3:  # ''' = ' + '' (closing) or '' + ' (opening)
                if before and not before.isspace():
                    s += 1
                else:
                    e -= 1
                before, after = _char(text, s - 1) if s > a else "", _char(text, e) if e < b else ""
        if mark in "“„‟«" or mark == "``":
            role = "open"
        elif mark in "”»":
            role = "close"
        else:
            can_open = (before in _OPEN_BEFORE or before in "“‘'\"") and after not in _CLOSE_AFTER - {"-"}
            can_close = before not in _OPEN_BEFORE - {"-", "—", "–"} and (after in _CLOSE_AFTER or after in "”’'\"")
            if before and before.isspace() and after and after.isspace():
                can_open = can_close = False
            role = "open" if can_open and not can_close else "close" if can_close and not can_open else "?"
            if before and before.isspace() and after and after.isspace():
                role = "?"
        out.append((s, e, role))
    return out


def _family(text: str, s: int, e: int) -> str:
    """Which marks can close a quote opened with this mark."""
    mark = text[s:e]
    if mark in "“„‟«":
        return "curly"
    if mark in ("''", "``"):
        return "nyt"
    return "straight"


def _closes(family: str, mark: str) -> bool:
    if family == "curly":
        return mark in "”»\""
    if family == "nyt":
        return mark == "''"
    return mark == "\""


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _pair_doubles(text: str, para: int, a: int, b: int) -> list[_Segment]:
    """Pair the double marks of one paragraph, left to right.

    A mark of another family inside an open quote is a nested quote and is skipped; a curly
    opener inside a curly quote nests one level deeper. A quote still open at the end of the
    paragraph ends there (the news convention for multi-paragraph quotes).
    """
    segs: list[_Segment] = []
    opened: Optional[tuple[int, int, str]] = None  # (mark start, mark end, family)
    depth = 0
    for s, e, role in _double_marks(text, a, b):
        mark = text[s:e]
        if opened is None:
            if role == "close" or (role == "?" and s + 1 >= b):
                continue  # a stray closer: ignore it rather than shift every later pair
            opened, depth = (s, e, _family(text, s, e)), 1
            continue
        fam = opened[2]
        if fam == "curly" and mark in "“„‟«":
            depth += 1
            continue
        if not _closes(fam, mark):
            continue
        if fam == "straight" and role == "open" and not _closes_here(text, e, b):
            # `"A "B" C"` style nesting is rarer than a closer typed like an opener, but a
            # straight mark glued to the next word still reads as an opener: treat it as the
            # start of a new quote if the previous one has content and clearly ended.
            pass
        if fam == "curly" and depth > 1 and mark != "\"":
            depth -= 1
            continue
        st, en = _trim(text, opened[1], s)
        if en > st:
            segs.append(_Segment(st, en, opened[0], e, para, True))
        opened, depth = None, 0
    if opened is not None:
        st, en = _trim(text, opened[1], b)
        if en > st:
            segs.append(_Segment(st, en, opened[0], b, para, False))
    return segs


def _closes_here(text: str, e: int, b: int) -> bool:
    return e >= b or not text[e].isalnum()


def _pair_singles(text: str, para: int, a: int, b: int) -> list[_Segment]:
    """Single-quoted segments of text[a:b] (called only outside double quotes).

    An apostrophe between letters (don’t), a possessive (workers’) or an elision (’90s) is not
    a mark: an opener must follow a space (or line start) and precede a word character, a
    closer must follow a non-space and precede a space or punctuation. A new opener replaces an
    unclosed one, and an opener never closed is simply an apostrophe.
    """
    segs: list[_Segment] = []
    pending: Optional[int] = None
    for m in _SINGLE_MARK.finditer(text, a, b):
        s = m.start()
        before = text[s - 1] if s > a else ""
        after = text[s + 1] if s + 1 < b else ""
        if before in ("'", "`") or after in ("'", "`"):
            continue  # part of an NYT double mark handled elsewhere
        can_open = (before == "" or before in _OPEN_BEFORE or before in "\"“") and after.isalnum() \
            and text[s] in "‘'‛`"
        can_close = before != "" and not before.isspace() and (after == "" or after in _CLOSE_AFTER
                                                               or after in "\"”") \
            and text[s] in "’'"
        if pending is not None and can_close and s > pending + 1:
            # "workers’ rights": a plural possessive before a space also looks like a closer;
            # only accept it when it ends a plausible quoted phrase.
            st, en = _trim(text, pending + 1, s)
            if en > st:
                segs.append(_Segment(st, en, pending, s + 1, para, True, single=True))
            pending = None
        elif can_open:
            pending = s
    return segs


def find_segments(text: str) -> list[_Segment]:
    """Every quoted segment of the text, in order (pass 1)."""
    segs: list[_Segment] = []
    for p, (a, b) in enumerate(_paragraphs(text)):
        if a >= b:
            continue
        doubles = _pair_doubles(text, p, a, b)
        # single quotes only outside double-quoted stretches (inside they are nested quotes)
        free, pos = [], a
        for s in doubles:
            free.append((pos, s.open_at))
            pos = s.close_end
        free.append((pos, b))
        singles = [q for fa, fb in free if fb > fa for q in _pair_singles(text, p, fa, fb)]
        segs.extend(sorted(doubles + singles, key=lambda s: s.start))
    return segs


# --------------------------------------------------------------------------------------------
# Pass 2: attribution
# --------------------------------------------------------------------------------------------

def _lemma(tok) -> str:
    lem = tok.lemma_.lower()
    if lem in CUE_LEMMAS:
        return lem
    low = tok.lower_
    for suffix, repl in (("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ed", "e"),
                         ("d", ""), ("ing", "e")):
        if low.endswith(suffix) and low[: len(low) - len(suffix)] + repl in CUE_LEMMAS:
            return low[: len(low) - len(suffix)] + repl
    return lem


def _is_cue(tok) -> bool:
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return False
    lem = _lemma(tok)
    if lem not in CUE_LEMMAS:
        return False
    if lem in ("call", "describe", "read", "offer", "continue", "point", "go", "remember", "speak",
               "text", "post", "cite", "quote"):
        # verbs that report speech only in some uses: "called X 'a disaster'" is a label, not
        # a quote; keep them, but not when they take an object clause of their own
        return not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children) or lem == "continue"
    return True


def _according_to(doc, i: int) -> Optional[int]:
    """If token i starts "according to X", the index of X's head, else None."""
    if doc[i].lower_ != "according" or i + 1 >= len(doc) or doc[i + 1].lower_ != "to":
        return None
    to = doc[i + 1]
    for c in to.children:
        if c.dep_ == "pobj":
            return c.i
    return i + 2 if i + 2 < len(doc) and doc[i + 2].pos_ in ("PROPN", "NOUN", "PRON", "DET") else None


def _subject(cue) -> Optional[object]:
    """The speaker token of a cue verb: its subject, the agent of a passive, or the subject
    inherited from the verb it is coordinated with or subordinate to ("smiled and said",
    "..., writing that"). Never an object: that is the addressee ("told Vogue")."""
    tok = cue
    for _ in range(3):
        passive = False
        for c in tok.children:
            if c.dep_ in SUBJECT_DEPS and c.dep_ != "expl":
                if c.lower_ in ("that", "which") and tok.dep_ == "relcl":
                    return tok.head
                if c.lower_ in ("who",) and tok.dep_ == "relcl":
                    return tok.head
                return c
            if c.dep_ == "nsubjpass":
                passive = True
        for c in tok.children:
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        if passive:
            return None
        if tok.dep_ == "relcl" and tok.head.pos_ in ("PROPN", "NOUN"):
            return tok.head
        if tok.dep_ in ("conj", "advcl", "xcomp") and tok.head is not tok:
            if tok.dep_ == "advcl" and tok.tag_ != "VBG":
                return None
            tok = tok.head
            continue
        return None
    return None


def _inside(tok, head) -> bool:
    """tok is in the subtree of head (projective parses: subtrees are contiguous)."""
    return head.left_edge.i <= tok.i <= head.right_edge.i


def _mention(doc, head) -> tuple[int, int]:
    """Token span [i, j) naming the speaker whose head token is ``head``.

    A name takes its compound chain ("Texas Governor Greg Abbott") and its entity; a common
    noun takes its determiner and modifiers ("a press release"); a noun with a named apposition
    ("a spokesman, Brian Fallon,") is named by the apposition.
    """
    if head.pos_ == "PRON":
        return head.i, head.i + 1
    if head.pos_ != "PROPN" and not head.ent_type_:
        for c in head.children:
            if c.dep_ == "appos" and c.ent_type_ == "PERSON":
                head = c
                break
    lo, hi = head.i, head.i + 1
    if head.ent_type_ and head.ent_iob_:
        # the entity that contains the head
        i = head.i
        while i > 0 and doc[i].ent_iob_ == "I":
            i -= 1
        j = head.i + 1
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        lo, hi = min(lo, i), max(hi, j)
    # left modifiers glued to the head
    keep = ("compound", "amod", "det", "nummod", "poss", "nmod", "case") if head.pos_ != "PROPN" \
        else ("compound", "amod", "nmod", "flat")
    while lo > 0 and doc[lo - 1].head.i >= lo - 1 and doc[lo - 1].dep_ in keep \
            and doc[lo - 1].head.i < hi and doc[lo - 1].head.i >= lo - 1 and not doc[lo - 1].is_punct:
        lo -= 1
    # possessive 's is not part of the name
    while hi - 1 > lo and doc[hi - 1].tag_ == "POS":
        hi -= 1
    if hi - lo > 12:
        lo = max(lo, hi - 12)
    return lo, hi


@dataclass
class _Attribution:
    speaker: Optional[tuple[int, int]]
    cue: str


def _speaker_for(doc, cue_tok) -> Optional[tuple[int, int]]:
    subj = _subject(cue_tok)
    if subj is None:
        return None
    if subj.lower_ in ("that", "which", "this", "there"):
        return None
    if subj.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PUNCT", "NUM", "ADV") and subj.lower_ not in SPEAKER_PRONOUNS:
        return None
    return _mention(doc, subj)


class _Tokens:
    """Character offset -> token index lookups."""

    def __init__(self, doc):
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def at(self, char: int) -> int:
        """Index of the token containing (or starting after) char."""
        i = bisect.bisect_right(self.starts, char) - 1
        if i < 0:
            return 0
        t = self.doc[i]
        return i if char < t.idx + len(t.text) else i + 1

    def before(self, char: int) -> int:
        """One past the last token that ends at or before char."""
        return bisect.bisect_right(self.starts, char - 1)


def _window_after(doc, toks: _Tokens, seg: _Segment, limit: int) -> tuple[int, int]:
    """Tokens after the closing mark up to the next quote or the end of the sentence."""
    i = toks.at(seg.close_end)
    j = min(toks.before(limit), len(doc))
    k = i
    while k < j and k - i < MAX_ATTRIBUTION_TOKENS:
        if doc[k].text in SENTENCE_END:
            break
        k += 1
    return i, k


def _window_before(doc, toks: _Tokens, seg: _Segment, limit: int) -> tuple[int, int]:
    """Tokens from the start of the sentence (or the previous quote) up to the opening mark."""
    j = toks.before(seg.open_at)
    i = max(toks.at(limit), 0)
    k = j
    while k > i and j - k < MAX_ATTRIBUTION_TOKENS:
        if doc[k - 1].text in SENTENCE_END or doc[k - 1].text in ("”", "\"", "''"):
            break
        k -= 1
    return k, j


def _quote_tail(text: str, seg: _Segment) -> str:
    """Last non-space character of the quoted words ("," in “A,” she said)."""
    return text[seg.end - 1] if seg.end > seg.start else ""


def _attribution_after(doc, text: str, seg: _Segment, win: tuple[int, int]) -> Optional[_Attribution]:
    """“A,” she said / “A,” said Smith / “A,” according to X."""
    i, j = win
    if i >= j:
        return None
    for k in range(i, j):
        tok = doc[k]
        acc = _according_to(doc, k)
        if acc is not None:
            if all(doc[m].is_punct for m in range(i, k)):
                return _Attribution(_mention(doc, doc[acc]), "according to")
            return None
        if not _is_cue(tok):
            continue
        subj = _subject(tok)
        # everything between the quote and the cue must be the speaker phrase or light words
        for m in range(i, k):
            t = doc[m]
            if subj is not None and _inside(t, subj) and subj.i < k:
                continue
            if t.dep_ in LIGHT_DEPS or t.is_punct:
                continue
            return None
        if _quote_tail(text, seg) in ".!?" and seg.closed:
            # “A.” Smith said the plan ...: a new sentence with its own content is not the
            # attribution of A (it is when it has nothing else to report: “A.” Smith said.)
            if any(c.dep_ in ("ccomp", "dobj") and c.i > k for c in tok.children) and \
                    not text[seg.close_end:seg.close_end + 2].startswith(","):
                return None
        return _Attribution(_speaker_for(doc, tok), tok.text)
    return None


def _attribution_before(doc, text: str, seg: _Segment, win: tuple[int, int]) -> Optional[_Attribution]:
    """She added, “A” / Smith told reporters: “A” / According to X, “A”."""
    i, j = win
    if i >= j:
        return None
    # the last cue of the window, with nothing but its addressee and adverbials after it
    for k in range(j - 1, i - 1, -1):
        tok = doc[k]
        if tok.lower_ == "according":
            acc = _according_to(doc, k)
            if acc is not None:
                return _Attribution(_mention(doc, doc[acc]), "according to")
        if not _is_cue(tok):
            continue
        for m in range(k + 1, j):
            t = doc[m]
            if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass") and not t.tag_ == "VBG":
                return None
        last = doc[j - 1]
        if last.text not in (",", ":", "—", "–", "-", "that") and last.i != k and \
                last.dep_ not in ("dobj", "dative", "pobj", "npadvmod", "advmod", "prt"):
            return None
        return _Attribution(_speaker_for(doc, tok), tok.text)
    return None


def _only_quote(text: str, segs: list[_Segment], a: int, b: int) -> bool:
    """The paragraph text[a:b] is nothing but quotes (and punctuation)."""
    pos = a
    for s in segs:
        if text[pos:s.open_at].strip(" \t\u00a0.,;:—–-…"):
            return False
        pos = s.close_end
    return not text[pos:b].strip(" \t\u00a0.,;:—–-…\"”’'")


def _prose(text: str, a: int, b: int) -> bool:
    """A paragraph of running text (ends like a sentence), not a caption or a link line."""
    line = text[a:b].rstrip()
    return bool(line) and line[-1] in ".!?:\"”’'…)"


def _intro_speaker(doc, toks: _Tokens, text: str, a: int, b: int) -> Optional[_Attribution]:
    """The speaker a paragraph introduces for a following quote paragraph: its last sentence
    has a reporting cue with a subject ("Caddell continued:", "In a post, she reiterated ...")."""
    i, j = toks.at(a), toks.before(b)
    if i >= j:
        return None
    k = j - 1
    while k > i and doc[k].is_punct:
        k -= 1
    start = k
    while start > i and doc[start - 1].text not in SENTENCE_END:
        start -= 1
    for m in range(start, j):
        tok = doc[m]
        if _is_cue(tok) and tok.dep_ in ("ROOT", "conj", "ccomp") and not _in_any_quote(tok):
            spk = _speaker_for(doc, tok)
            if spk is not None:
                return _Attribution(spk, tok.text)
    return None


_QUOTE_TOKENS: set = set()


def _in_any_quote(tok) -> bool:
    return tok.i in _QUOTE_TOKENS


def _word_count(text: str) -> int:
    return len(re.findall(r"[\w@#]+(?:[’'][\w]+)*", text))


def attribute(doc, segs: list[_Segment]) -> None:
    """Pass 2: fill speaker, cue, statement and partial of every segment."""
    text = doc.text
    toks = _Tokens(doc)
    paras = _paragraphs(text)
    by_para: dict[int, list[_Segment]] = {}
    for s in segs:
        by_para.setdefault(s.para, []).append(s)

    # direct attribution next to each segment
    for p, plist in by_para.items():
        pa, pb = paras[p]
        for n, seg in enumerate(plist):
            nxt = plist[n + 1].open_at if n + 1 < len(plist) else pb
            prv = plist[n - 1].close_end if n > 0 else pa
            att = None
            if seg.closed:
                att = _attribution_after(doc, text, seg, _window_after(doc, toks, seg, nxt))
            if att is None:
                att = _attribution_before(doc, text, seg, _window_before(doc, toks, seg, prv))
            if att is not None:
                seg.speaker, seg.cue, seg.own = att.speaker, att.cue, True

    # statements: split quotes and multi-paragraph quotes share one
    statement = -1
    prev: Optional[_Segment] = None
    for seg in segs:
        same = False
        if prev is not None:
            if prev.para == seg.para:
                between = text[prev.close_end:seg.open_at]
                # “A,” she said, “B.” (one attribution between) or “A.” “B.”
                same = (not seg.own or _shared_attribution(prev, seg)) and not prev.single and not seg.single
                if seg.own and not _shared_attribution(prev, seg):
                    same = False
                if not same and not seg.own and not between.strip():
                    same = True
            elif not prev.closed and _next_prose_para(paras, text, prev.para) == seg.para \
                    and seg.open_at == _first_char(text, paras[seg.para]):
                same = True
        if not same:
            statement += 1
        seg.statement = statement
        prev = seg

    # within a statement, segments without their own attribution take the statement's
    groups: dict[int, list[_Segment]] = {}
    for s in segs:
        groups.setdefault(s.statement, []).append(s)
    for g in groups.values():
        own = [s for s in g if s.own]
        if not own:
            continue
        for s in g:
            if not s.own:
                src = min(own, key=lambda o: abs(o.start - s.start))
                s.speaker, s.cue = src.speaker, src.cue

    # statements still without a speaker: a quote-only paragraph continues the previous
    # quote's speaker or takes the speaker introduced just before it
    last_spk: Optional[_Segment] = None
    for sid in sorted(groups):
        g = groups[sid]
        first = g[0]
        if not any(s.speaker for s in g):
            att = _inherited(doc, toks, text, paras, by_para, first, last_spk)
            if att is not None:
                for s in g:
                    if not s.single:
                        s.speaker, s.cue = att.speaker, att.cue
        if any(s.speaker for s in g) and not all(s.single for s in g):
            last_spk = max((s for s in g if s.speaker), key=lambda s: s.start)

    for s in segs:
        s.partial = _is_partial(doc, toks, text, paras, by_para, s)
        if s.partial and not s.own:
            s.speaker, s.cue = s.speaker if s.cue else None, s.cue


def _shared_attribution(a: _Segment, b: _Segment) -> bool:
    return a.own and b.own and a.speaker == b.speaker and a.cue == b.cue


def _first_char(text: str, para: tuple[int, int]) -> int:
    a, b = para
    while a < b and text[a].isspace():
        a += 1
    return a


def _next_prose_para(paras, text: str, p: int) -> int:
    q = p + 1
    while q < len(paras) and not text[paras[q][0]:paras[q][1]].strip():
        q += 1
    return q


def _inherited(doc, toks, text, paras, by_para, seg: _Segment, last_spk: Optional[_Segment]) -> Optional[_Attribution]:
    pa, pb = paras[seg.para]
    plist = by_para.get(seg.para, [])
    # an earlier quote of the same paragraph
    for o in plist:
        if o.start < seg.start and o.speaker is not None and not o.single:
            return _Attribution(o.speaker, o.cue)
    if seg.open_at != _first_char(text, paras[seg.para]) or not _only_quote(text, plist, pa, pb):
        return None
    # walk back over captions and link lines to the previous paragraph of running text
    q, hops = seg.para - 1, 0
    while q >= 0 and hops < 4:
        qa, qb = paras[q]
        if text[qa:qb].strip():
            if _prose(text, qa, qb):
                break
            hops += 1
        q -= 1
    if q < 0 or hops >= 4:
        return None
    qa, qb = paras[q]
    prev_segs = by_para.get(q, [])
    if prev_segs:
        last = prev_segs[-1]
        if last.speaker is not None and (last.close_end >= qb - 2 or _only_tail_attribution(text, last, qb)):
            return _Attribution(last.speaker, None)
        if last.speaker is not None and any(s.speaker for s in prev_segs):
            return _Attribution(last.speaker, None)
    intro = _intro_speaker(doc, toks, text, qa, qb)
    return intro


def _only_tail_attribution(text: str, seg: _Segment, qb: int) -> bool:
    tail = text[seg.close_end:qb]
    return len(tail) < 200 and tail.count(".") <= 2


def _is_partial(doc, toks, text, paras, by_para, seg: _Segment) -> bool:
    """A short fragment (scare quote, title, label) rather than a statement."""
    words = _word_count(text[seg.start:seg.end])
    if seg.own and words > PARTIAL_MAX_WORDS and not seg.single:
        return False
    if words <= PARTIAL_MAX_WORDS:
        return True
    if seg.single:
        return True
    return False


# --------------------------------------------------------------------------------------------
# Pass 3: names
# --------------------------------------------------------------------------------------------

def _name_tokens(words: Iterable[str]) -> tuple[str, ...]:
    out = []
    for w in words:
        w = re.sub(r"[’']s$", "", w).strip(".,;:’'\"“”")
        if not w or w.lower() in HONORIFICS:
            continue
        out.append(w.lower())
    return tuple(out)


@dataclass
class _People:
    """The PERSON names of an article: their fullest forms, mentions and likely gender."""

    names: dict[tuple[str, ...], str] = field(default_factory=dict)  # tokens -> surface
    count: dict[tuple[str, ...], int] = field(default_factory=dict)
    first: dict[tuple[str, ...], int] = field(default_factory=dict)
    index: dict[tuple[str, ...], set] = field(default_factory=dict)  # sub-tuple -> full names
    gender: dict[tuple[str, ...], dict[str, int]] = field(default_factory=dict)
    mentions: list[tuple[int, tuple[str, ...], bool]] = field(default_factory=list)  # char, name, subject

    def add(self, toks: tuple[str, ...], surface: str, pos: int) -> None:
        if not toks or len(toks) > 6:
            return
        if toks not in self.names or len(surface) > len(self.names[toks]):
            self.names.setdefault(toks, surface)
        self.count[toks] = self.count.get(toks, 0) + 1
        self.first.setdefault(toks, pos)
        if self.count[toks] == 1:
            for i in range(len(toks)):
                for j in range(i + 1, len(toks) + 1):
                    self.index.setdefault(toks[i:j], set()).add(toks)

    def canonical(self, toks: tuple[str, ...]) -> Optional[tuple[str, ...]]:
        """The fullest name containing toks; among rivals, the most mentioned, then the first."""
        cands = self.index.get(toks)
        if not cands:
            return None
        if not any(t in NAME_SUFFIXES for t in toks):
            plain = {c for c in cands if not any(t in NAME_SUFFIXES for t in c)}
            cands = plain or cands
        maximal = [c for c in cands if not any(c != d and c in self.index and d in self.index[c] for d in cands)]
        maximal = maximal or list(cands)
        best = max(maximal, key=lambda c: (self._support(c), len(c), -self.first[c]))
        return best

    def _support(self, name: tuple[str, ...]) -> int:
        """Mentions of this name or of a shorter form that only this name contains."""
        total = 0
        for sub in self._subs(name):
            full = self.index.get(sub, set())
            owners = {c for c in full if not any(c != d and d in self.index.get(c, ()) for d in full)}
            if owners == {name} or sub == name:
                total += self.count.get(sub, 0)
        return total

    @staticmethod
    def _subs(name):
        for i in range(len(name)):
            for j in range(i + 1, len(name) + 1):
                yield name[i:j]

    def vote(self, name: tuple[str, ...], g: Optional[str]) -> None:
        if g:
            d = self.gender.setdefault(name, {})
            d[g] = d.get(g, 0) + 1

    def gender_of(self, name: tuple[str, ...]) -> Optional[str]:
        d = self.gender.get(name)
        if not d:
            return None
        if d.get("m", 0) > d.get("f", 0):
            return "m"
        if d.get("f", 0) > d.get("m", 0):
            return "f"
        return None


def _person_spans(doc) -> list:
    return [e for e in doc.ents if e.label_ == "PERSON"]


def collect_people(doc) -> _People:
    """Names, mentions and gender evidence of the people of the article."""
    people = _People()
    ents = _person_spans(doc)
    for e in ents:
        toks = _name_tokens(t.text for t in e)
        people.add(toks, e.text, e.start_char)
    for e in ents:
        toks = _name_tokens(t.text for t in e)
        full = people.canonical(toks)
        if not full:
            continue
        root = e.root
        subject = root.dep_ in ("nsubj", "nsubjpass")
        people.mentions.append((e.start_char, full, subject))
        if e.start > 0:
            people.vote(full, HONORIFICS.get(doc[e.start - 1].lower_))
        if e.start > 1 and doc[e.start - 1].text == ".":
            people.vote(full, HONORIFICS.get(doc[e.start - 2].lower_))
    _gender_from_pronouns(doc, people, ents)
    return people


def _gender_from_pronouns(doc, people: _People, ents) -> None:
    """A person who is the only one named as subject of a sentence is usually what the next
    he/she of that sentence (or of the next one) refers to: count that as gender evidence."""
    by_sent: dict[int, list] = {}
    for e in ents:
        by_sent.setdefault(e.sent.start, []).append(e)
    sents = list(doc.sents)
    for n, sent in enumerate(sents):
        es = by_sent.get(sent.start, [])
        names = {people.canonical(_name_tokens(t.text for t in e)) for e in es} - {None}
        if len(names) != 1:
            continue
        e = es[0]
        if e.root.dep_ not in ("nsubj", "nsubjpass"):
            continue
        name = names.pop()
        found = None
        for t in doc[e.end:sent.end]:
            if t.lower_ in PERSON_PRONOUNS and t.dep_ in ("nsubj", "nsubjpass", "poss"):
                found = PERSON_PRONOUNS[t.lower_]
                break
        if found is None and n + 1 < len(sents) and not by_sent.get(sents[n + 1].start):
            for t in sents[n + 1]:
                if t.lower_ in PERSON_PRONOUNS and t.dep_ in ("nsubj", "nsubjpass"):
                    found = PERSON_PRONOUNS[t.lower_]
                    break
        people.vote(name, found)


def _display(people: _People, name: tuple[str, ...]) -> str:
    surface = people.names.get(name, " ".join(name))
    return re.sub(r"[’']s$", "", surface).strip()


def _resolve_pronoun(people: _People, pron, pos: int, cue: Optional[str],
                     prev_speaker: Optional[tuple[tuple[str, ...], int]]) -> Optional[tuple[str, ...]]:
    """The person a he/she speaker refers to, or None when it is not clear.

    Candidates are the people mentioned in the preceding stretch of text whose gender (from
    honorifics and pronoun evidence) does not contradict the pronoun. The previous speaker wins
    for continuation cues ("she added") and when nobody else became a sentence subject since
    their quote; otherwise the most recent compatible subject, then the most recent mention.
    """
    g = PERSON_PRONOUNS.get(pron.lower())
    if g is None:
        return None
    lo = bisect.bisect_left(people.mentions, (pos - PRONOUN_LOOKBACK_CHARS,))
    hi = bisect.bisect_left(people.mentions, (pos,))
    window = people.mentions[lo:hi]

    def ok(name):
        return people.gender_of(name) in (None, g)

    compatible = [m for m in window if ok(m[1])]
    if prev_speaker is not None and ok(prev_speaker[0]) and pos - prev_speaker[1] < PRONOUN_LOOKBACK_CHARS:
        rivals = {m[1] for m in compatible if m[0] > prev_speaker[1] and m[2] and m[1] != prev_speaker[0]}
        if cue and cue in CONTINUATION_CUES or not rivals:
            return prev_speaker[0]
    subjects = [m for m in compatible if m[2]]
    if subjects:
        return subjects[-1][1]
    if compatible:
        distinct = {m[1] for m in compatible}
        known = [m for m in compatible if people.gender_of(m[1]) == g]
        if len(distinct) == 1:
            return compatible[-1][1]
        if known:
            return known[-1][1]
    return None


def _name_of(doc, people: _People, span: tuple[int, int], pos: int, cue: Optional[str],
             prev_speaker) -> tuple[Optional[str], Optional[tuple[str, ...]]]:
    """(speaker, person key) for the mention doc[span]."""
    i, j = span
    toks = doc[i:j]
    if j - i == 1 and toks[0].pos_ == "PRON" or toks[0].lower_ in SPEAKER_PRONOUNS and j - i == 1:
        key = _resolve_pronoun(people, toks[0].text, pos, _lemma(doc[0]) if False else cue, prev_speaker)
        return (_display(people, key), key) if key else (None, None)
    # the person entity inside the mention, else the mention's own words
    person = [t for t in toks if t.ent_type_ == "PERSON"]
    words = person if person else [t for t in toks if t.pos_ == "PROPN"]
    if words:
        key = people.canonical(_name_tokens(t.text for t in words))
        if key:
            return _display(people, key), key
    if person:
        return re.sub(r"[’']s$", "", " ".join(t.text for t in person)), None
    return re.sub(r"[’']s$", "", doc[i:j].text).strip() or None, None


# --------------------------------------------------------------------------------------------
# Public interface
# --------------------------------------------------------------------------------------------

def extract_quotes(doc) -> list[Quote]:
    """Every quoted segment of ``doc`` with its speaker; never raises."""
    try:
        return _extract(doc)
    except Exception:  # noqa: BLE001 - a bad article must not stop the pipeline
        log.exception("quote attribution failed; keeping unattributed quotes")
        try:
            return [Quote(doc.text[s.start:s.end], s.start, s.end, partial=True, statement=n)
                    for n, s in enumerate(find_segments(doc.text))]
        except Exception:  # noqa: BLE001
            return []


def _extract(doc) -> list[Quote]:
    text = doc.text
    segs = find_segments(text)
    if not segs:
        return []
    global _QUOTE_TOKENS
    toks = _Tokens(doc)
    _QUOTE_TOKENS = set()
    for s in segs:
        _QUOTE_TOKENS.update(range(toks.at(s.start), toks.before(s.end)))
    attribute(doc, segs)
    people = collect_people(doc)
    out: list[Quote] = []
    prev_speaker = None
    cues_lemma = {}
    for s in segs:
        speaker = speaker_text = sp_start = sp_end = None
        if s.speaker is not None:
            i, j = s.speaker
            sp_start, sp_end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
            speaker_text = text[sp_start:sp_end]
            cue_lemma = cues_lemma.get(s.cue)
            if cue_lemma is None and s.cue:
                cue_lemma = _lemma(_FakeTok(s.cue))
                cues_lemma[s.cue] = cue_lemma
            speaker, key = _name_of(doc, people, s.speaker, sp_start, cue_lemma, prev_speaker)
            if key is not None:
                prev_speaker = (key, s.start)
        out.append(Quote(text=text[s.start:s.end], start=s.start, end=s.end, speaker=speaker,
                         speaker_text=speaker_text, speaker_start=sp_start, speaker_end=sp_end,
                         cue=s.cue, partial=s.partial, statement=s.statement))
    return out


class _FakeTok:
    """Enough of a token for ``_lemma`` on a bare cue string."""

    def __init__(self, word: str):
        self.lemma_ = word
        self.lower_ = word.lower()
