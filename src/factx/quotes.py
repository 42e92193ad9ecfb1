"""Direct quotations and their speakers.

``extract_quotes(doc)`` finds every quoted segment of an article and ties it to the person (or
body) who said it. Three passes, each linear in the length of the text:

1. **Marks** (characters, one paragraph at a time): pair the quotation marks of each line
   (curly, straight, NYT-style ``…'' and single quotes outside double ones). Pairing never
   crosses a line, so a stray mark only affects its own paragraph; a quote left open at a
   paragraph end stops there, and the next paragraph's quote continues the statement.
2. **Attribution** (tokens and parse): a reporting cue right after the closing mark
   (“A,” she said), right before the opening mark (She added, “A”), "according to X", or a
   bare "Name:" / "— Name"; the speaker mention is the cue's subject (never its object, which
   is the addressee). Segments without a cue take the attribution of their statement, of the
   previous quote in the paragraph, or, for a paragraph that is only a quote, of the quote or
   speaker introduced just before.
3. **Names**: speakers are the article's people (``factx.entities.extract_people``; name
   identity is ``factx.names``'): a named mention becomes the name of the person whose mention
   it overlaps, or of the one person its name fits; a pronoun is resolved to the most recent
   person of compatible gender, or left None when in doubt (a wrong speaker is worse than a
   missing one).
"""
from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from typing import Optional

from factx import names
from factx.entities import extract_people
from factx.lexicon import GENDER_PRONOUNS
from factx.schema import Quote

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------------------------

# Lemmas of verbs that report speech or writing. Matched on the lemma and, because small
# models sometimes fail on rarer verbs, on a crude lemma of the word form too.
CUE_LEMMAS = frozenset("""
    acknowledge add admit advise affirm agree allege announce answer argue ask assert assure
    bark beg blast boast brag caution challenge charge chant chime cite claim clarify comment
    complain concede conclude confess confide confirm contend continue counter cry declare
    demand deny dismiss echo elaborate email emphasise emphasize estimate exclaim explain fume
    grumble gush hint indicate inform insist interject joke lament laugh maintain marvel mention
    muse mutter note object observe opine plead pledge post predict proclaim promise protest
    quip quote rage rail rave read recall recommend recount reflect reiterate repeat remark remind
    reply report respond retort reveal say scoff scream shout sigh snap speculate state stress
    suggest swear tease testify text thunder tell tout tweet underscore urge vow warn whisper
    wonder write yell
""".split())

# Verbs that are cues only with a particle or object: "went on", "pointed out", "put it".
PHRASAL_CUES = {"go": {"on"}, "point": {"out"}, "shoot": {"back"}, "fire": {"back"},
                "hit": {"back"}, "chime": {"in"}, "speak": {"up", "out"}, "sum": {"up"},
                "put": {"it"}, "write": {"back"}}

# A pronoun subject of one of these ("she added") refers back to the previous speaker.
CONTINUATION_CUES = frozenset("add continue conclude elaborate go reiterate repeat".split())

LIGHT_DEPS = frozenset({"advmod", "aux", "auxpass", "neg", "punct", "cc", "prt", "npadvmod",
                        "intj", "prep", "pobj", "det", "amod", "compound", "pcomp"})
SUBJECT_PRONOUNS = frozenset("i we you he she it they one".split())
RELATIVE_PRONOUNS = frozenset("who that which".split())
SENTENCE_END = frozenset({".", "!", "?"})
NOMINAL = frozenset({"PROPN", "NOUN", "PRON"})
NOT_SPEAKER_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
# Longest stretch (tokens) between a cue and its quote still read as an attribution.
MAX_ATTRIBUTION_TOKENS = 40
MAX_MENTION_TOKENS = 12
PARTIAL_MAX_WORDS = 3
PRONOUN_LOOKBACK_CHARS = 2500

_DOUBLE_MARK = re.compile(r"''+|``|[\"“”„‟«»]")
_SINGLE_MARK = re.compile(r"[‘’'‛`]")
_SPACES = " \t\u00a0\u2009\u200a\u202f\u3000"
# hyphen-minus, hyphen, non-breaking hyphen, figure dash, en and em dash, horizontal bar (the
# quotation dash of "“A.” ― Jane Roe"), minus sign
DASH_CHARS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# what may stand right before an opening / right after a closing mark in running text
_OPEN_BEFORE = set(_SPACES + DASH_CHARS + "([{</:;,") | {""}
_CLOSE_AFTER = set(_SPACES + DASH_CHARS + ")]}>/:;,.!?…") | {""}
_WORD = re.compile(r"[\w@#$%]+(?:[’'.\-][\w]+)*")


# --------------------------------------------------------------------------------------------
# Pass 1: quotation marks -> segments
# --------------------------------------------------------------------------------------------

@dataclass
class _Segment:
    """One pair of quotation marks (or an opening mark left unclosed at the paragraph end)."""

    start: int  # offsets of the quoted words (marks excluded, whitespace trimmed)
    end: int
    open_at: int  # offset of the opening mark
    close_end: int  # offset just after the closing mark (the paragraph end when unclosed)
    para: int
    closed: bool
    single: bool = False  # made of single quotes
    # filled by pass 2
    speaker: Optional[tuple[int, int]] = None  # token span [i, j) of the speaker mention
    cue: Optional[str] = None
    cue_lemma: Optional[str] = None
    own: Optional[str] = None  # how the attribution next to this segment was found
    statement: int = -1
    partial: bool = False


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line ("\\r" excluded); blank lines stay as empty paragraphs."""
    out, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        out.append((pos, end - 1 if line.endswith("\r") else end))
        pos = end + 1
    return out


def _mark_role(text: str, s: int, e: int, a: int, b: int) -> str:
    """"open", "close" or "?" for the double mark text[s:e] in the paragraph text[a:b].

    Curly marks say their role. A straight (or NYT '') mark opens after a space and before a
    word, closes after a word and before a space or punctuation; otherwise it is ambiguous.
    """
    mark = text[s:e]
    before = text[s - 1] if s > a else ""
    after = text[e] if e < b else ""
    can_open = (before in _OPEN_BEFORE or before in "“‘'\"") and after not in _CLOSE_AFTER
    can_close = (before not in _OPEN_BEFORE or before in "-") and (after in _CLOSE_AFTER or after in "”’'\"")
    if mark in "“„‟«" or mark == "``":
        # a curly opener glued to the word before and followed by a space was typed for a
        # closer (“It's unusual,“ said ...)
        return "close" if can_close and not can_open and before.isalnum() | (before in ",.!?") \
            and (after == "" or after.isspace()) else "open"
    if mark in "”»":
        return "open" if can_open and not can_close and before.isspace() and after.isalpha() else "close"
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "?"


def _double_marks(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Double-quote marks of text[a:b] as (start, end). A run of three apostrophes is a single
    quote next to an NYT '' mark; longer runs are decoration."""
    out = []
    for m in _DOUBLE_MARK.finditer(text, a, b):
        s, e = m.span()
        if text[s] == "'":
            if e - s > 3:
                continue
            if e - s == 3:
                # ''' : the closing '' comes last after a word, the opening '' comes first
                if s > a and not text[s - 1].isspace():
                    s += 1
                else:
                    e -= 1
        out.append((s, e))
    return out


def _family(mark: str) -> str:
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
    return mark in "\"”"


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _pair_doubles(text: str, para: int, a: int, b: int) -> list[_Segment]:
    """Pair the double marks of one paragraph, left to right.

    A stray closer (no quote open) is skipped rather than allowed to shift every later pair.
    Inside an open quote, marks of another family are nested quotes and a second curly opener
    nests one level deeper. A quote still open at the paragraph end ends there, unless quotes
    of another style follow its opener: then the opener was a stray mark ("Trump tried to
    laugh it off, “Only Rosie.”) and the rest is paired again without it (a few times at most,
    so a line full of odd marks stays linear).
    """
    marks = _double_marks(text, a, b)
    segs: list[_Segment] = []
    start, restarts = 0, 0
    while True:
        opened: Optional[tuple[int, int, str, int]] = None  # mark start, end, family, index
        depth = 0
        for n in range(start, len(marks)):
            s, e = marks[n]
            mark = text[s:e]
            role = _mark_role(text, s, e, a, b)
            if opened is None:
                if role == "close" or (role == "?" and e >= b):
                    continue
                opened, depth = (s, e, _family(mark), n), 1
                continue
            fam = opened[2]
            if fam == "curly" and mark in "“„‟«" and role == "open":
                depth += 1
                continue
            if not _closes(fam, mark) and not (fam == "curly" and role == "close" and mark in "“„‟«"):
                continue
            if fam == "curly" and depth > 1 and mark != "\"":
                depth -= 1
                continue
            st, en = _trim(text, opened[1], s)
            if en > st:
                segs.append(_Segment(st, en, opened[0], e, para, True))
            opened, depth = None, 0
        if opened is None:
            return segs
        fam = opened[2]
        if restarts < 3 and any(_family(text[s:e]) != fam for s, e in marks[opened[3] + 1:]):
            start, restarts = opened[3] + 1, restarts + 1
            continue
        st, en = _trim(text, opened[1], b)
        if en > st:
            segs.append(_Segment(st, en, opened[0], b, para, False))
        return segs


def _pair_singles(text: str, para: int, a: int, b: int) -> list[_Segment]:
    """Single-quoted segments of text[a:b] (only called outside double quotes).

    An apostrophe between letters (don’t), a possessive (workers’) or an elision (’90s) is not
    a mark: an opener follows a space or the line start and precedes a word character; a
    closer follows a non-space and precedes a space, punctuation or the line end. A new opener
    replaces an unclosed one, and an opener never closed was just an apostrophe.
    """
    segs: list[_Segment] = []
    pending: Optional[int] = None
    for m in _SINGLE_MARK.finditer(text, a, b):
        s = m.start()
        before = text[s - 1] if s > a else ""
        after = text[s + 1] if s + 1 < b else ""
        if before in "'`" and before or after in "'`" and after:
            continue  # part of an NYT double mark
        can_open = text[s] in "‘'‛`" and (before in _OPEN_BEFORE or before in "\"“(") and \
            after.isalnum()
        can_close = text[s] in "’'" and before != "" and not before.isspace() and \
            (after in _CLOSE_AFTER or after in "\"”")
        if pending is not None and can_close and s > pending + 1:
            st, en = _trim(text, pending + 1, s)
            if en > st:
                segs.append(_Segment(st, en, pending, s + 1, para, True, single=True))
            pending = None
        elif can_open:
            pending = s
    return segs


def find_segments(text: str) -> list[_Segment]:
    """Every quoted segment of the text, in text order (pass 1)."""
    segs: list[_Segment] = []
    for p, (a, b) in enumerate(_paragraphs(text)):
        if a >= b:
            continue
        doubles = _pair_doubles(text, p, a, b)
        free, pos = [], a  # single quotes count only outside double quotes (else nested)
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

@dataclass
class _Attribution:
    speaker: Optional[tuple[int, int]]  # token span of the mention
    cue: Optional[str]
    lemma: Optional[str] = None
    kind: str = ""
    cue_i: Optional[int] = None  # token index of the cue, to tell two attributions apart


class _Context:
    """The article being attributed: doc, paragraphs and offset lookups."""

    def __init__(self, doc, segs: list[_Segment], text: str):
        self.doc = doc
        self.text = text  # doc.text joins the tokens anew on every access
        self.starts = [t.idx for t in doc]
        self.paras = _paragraphs(self.text)
        self.para_starts = [a for a, _ in self.paras]
        self.segs = segs
        self.by_para: dict[int, list[_Segment]] = {}
        self.index_in_para: dict[int, int] = {}  # id(segment) -> position in its paragraph
        for s in segs:
            plist = self.by_para.setdefault(s.para, [])
            self.index_in_para[id(s)] = len(plist)
            plist.append(s)
        self.quoted = bytearray(len(doc))  # 1 for tokens inside quotes (parse there is content)
        for s in segs:
            for i in range(self.tok_at(s.start), self.tok_before(s.end)):
                self.quoted[i] = 1

    def tok_at(self, char: int) -> int:
        """Index of the first token that ends after char."""
        i = bisect.bisect_right(self.starts, char) - 1
        if i < 0:
            return 0
        t = self.doc[i]
        return i if char < t.idx + len(t.text) else i + 1

    def tok_before(self, char: int) -> int:
        """One past the last token starting before char."""
        return bisect.bisect_left(self.starts, char)

    def para_of(self, tok) -> int:
        return bisect.bisect_right(self.para_starts, tok.idx) - 1


def _lemma(tok) -> str:
    lem = tok.lemma_.lower()
    if lem in CUE_LEMMAS or lem in PHRASAL_CUES:
        return lem
    low = tok.lower_
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""),
                         ("ed", "e"), ("d", ""), ("es", ""), ("s", "")):
        if low.endswith(suffix) and low[: len(low) - len(suffix)] + repl in CUE_LEMMAS:
            return low[: len(low) - len(suffix)] + repl
    return lem


_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBG", "VBN", "VB"})


def _cue(tok) -> Optional[tuple[str, str]]:
    """(cue as written, lemma) if tok is a reporting verb, else None."""
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in _VERB_TAGS:
        return None
    lem = _lemma(tok)
    if lem in PHRASAL_CUES:
        doc = tok.doc
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ in PHRASAL_CUES[lem]:
            return f"{tok.text} {nxt.text}", lem
        if lem not in CUE_LEMMAS:
            return None
    if lem not in CUE_LEMMAS:
        return None
    return tok.text, lem


def _according_to(doc, i: int) -> Optional[int]:
    """If doc[i] starts "according to X", the index of X's head, else None."""
    if doc[i].lower_ != "according" or i + 2 >= len(doc) or doc[i + 1].lower_ != "to":
        return None
    for c in doc[i + 1].children:
        if c.dep_ == "pobj":
            return c.i
    return i + 2 if doc[i + 2].pos_ in NOMINAL else None


def _direct_subject(tok):
    """The subject of tok itself: nsubj, or the agent of a passive; "passive" if the clause is
    passive with no agent (the subject is then the addressee: "she was told"), else None."""
    passive = False
    for c in tok.children:
        if c.dep_ in ("nsubj", "csubj"):
            return c
        if c.dep_ == "nsubjpass":
            passive = True
    for c in tok.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return "passive" if passive else None


def _surface_subject(tok):
    """nsubj or nsubjpass of tok: the subject a coordinated or participial verb shares
    ("Silverman was joined by Franken and joked": Silverman)."""
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return c
    return None


def _subject(cue, quoted=None):
    """The speaker token of a cue verb.

    Its own subject (or passive agent) first; a cue without one ("smiled and said", "...,
    writing") shares the subject of the reporting verb it hangs on, else of the nearest verb
    above it. Never its object: that is the addressee ("told Vogue"). The climb stops at
    quoted words (``quoted[i]``): their parse belongs to the quotation, not to the narrative.
    """
    sender = _sender(cue)
    if sender is not None:
        return sender
    subj = _direct_subject(cue)
    if subj == "passive":
        return None
    if subj is not None:
        return subj  # a relative pronoun ("Lee, who declared") is resolved to Lee by _name_of
    tok, fallback = cue, None
    for _ in range(4):
        if tok.dep_ == "relcl" and tok.head.pos_ in NOMINAL:
            return tok.head
        edge = tok.dep_
        if edge not in ("conj", "advcl", "xcomp", "ccomp", "dep", "acl", "pcomp", "prep") and not \
                (edge == "advmod" and tok.pos_ == "ADV") or tok.head is tok:
            break
        if quoted is not None and quoted[tok.head.i]:
            break
        tok = tok.head
        if tok.pos_ == "ADP" or tok.pos_ == "ADV" and tok.dep_ == "advmod":
            continue  # "began by saying", "went so far as to say": climb on to the verb
        s = _surface_subject(tok)
        if s is not None and _cue(tok):
            return s
        if s is not None and fallback is None and edge != "ccomp":
            fallback = s
    return fallback


def _sender(cue):
    """"She released a statement saying", "Trump issued a video that said", "sent a message to
    supporters saying": the words are the sender's, the subject of the verb that sends."""
    if cue.dep_ not in ("acl", "relcl") or cue.head.pos_ != "NOUN" or \
            cue.head.lemma_.lower() not in STATEMENT_NOUNS:
        return None  # a sign, a banner, a headline: the words are the object's own
    own = _direct_subject(cue)
    if own is not None and not isinstance(own, str) and own.lower_ not in RELATIVE_PRONOUNS:
        return None  # "an ad in which he declares": the cue has a speaker of its own
    noun = cue.head
    if noun.dep_ == "dobj":
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.pos_ == "VERB":
        verb = noun.head.head
    else:
        return None
    subj = _direct_subject(verb)
    if subj is None or isinstance(subj, str) or subj.lower_ in RELATIVE_PRONOUNS:
        return None
    if subj.pos_ in ("PRON", "PROPN") or subj.ent_type_ in ("PERSON", "ORG", "NORP"):
        return subj
    return None


def _inside(tok, head) -> bool:
    """tok is in head's subtree (projective parses: subtrees are contiguous)."""
    return head.left_edge.i <= tok.i <= head.right_edge.i


def _entity_end(tok):
    """The last token of the entity that continues after tok (tok itself if none does)."""
    doc = tok.doc
    while tok.i + 1 < len(doc) and doc[tok.i + 1].ent_iob_ == "I":
        tok = doc[tok.i + 1]
    return tok


def _mention(ctx: _Context, head) -> Optional[tuple[int, int]]:
    """Token span [i, j) of the speaker mention headed by ``head``, inside its paragraph.

    A name takes its entity and compound chain, titles included ("Texas Governor Greg
    Abbott"); a common noun takes its determiner and modifiers ("a press release"); a noun
    with a named apposition ("a spokesman, Brian Fallon,") is named by the apposition.
    """
    doc = ctx.doc
    if head.is_punct or head.is_space:
        return None
    if head.pos_ == "PRON" or head.lower_ in SUBJECT_PRONOUNS:
        return head.i, head.i + 1
    if head.pos_ != "PROPN" and head.ent_type_ != "PERSON":
        # "the mayor, Ana Ruiz, said": the named apposition names the speaker
        nxt = doc[head.i + 2] if head.i + 2 < len(doc) and doc[head.i + 1].text == "," else None
        for c in list(head.children) + ([nxt] if nxt is not None else []):
            if (c.dep_ == "appos" or c is nxt) and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN"
                                                     and c.ent_type_ in ("", "PERSON")):
                head = _entity_end(c)
                break
        if head.pos_ == "NOUN" and head.i + 1 < len(doc) and doc[head.i + 1].ent_type_ == "PERSON" \
                and doc[head.i + 1].ent_iob_ == "B":
            head = _entity_end(doc[head.i + 1])  # "the columnist Dana Wilde" parsed as two subjects
    para = ctx.paras[ctx.para_of(head)]
    lo, hi = head.i, head.i + 1
    if head.ent_type_ and head.ent_iob_ in ("B", "I"):
        i = head.i
        while i > 0 and doc[i].ent_iob_ == "I":
            i -= 1
        j = head.i + 1
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        lo, hi = min(lo, i), max(hi, j)
    keep = ("compound", "amod", "nmod", "flat", "det", "nummod", "poss", "case")
    if head.pos_ == "PROPN" or head.ent_type_ == "PERSON":
        keep = ("compound", "amod", "nmod", "flat")
    while lo > 0 and doc[lo - 1].dep_ in keep and lo <= doc[lo - 1].head.i < hi and \
            not doc[lo - 1].is_punct and not doc[lo - 1].is_space:
        lo -= 1
    while hi - 1 > lo and doc[hi - 1].tag_ == "POS":
        hi -= 1
    while lo < hi and (doc[lo].idx < para[0] or doc[lo].is_space or doc[lo].is_punct):
        lo += 1
    while hi > lo and (doc[hi - 1].idx >= para[1] or doc[hi - 1].is_space or doc[hi - 1].is_punct):
        hi -= 1
    if hi <= lo:
        return None
    return max(lo, hi - MAX_MENTION_TOKENS), hi


def _speaker_token_ok(ctx: _Context, tok, cue) -> bool:
    """A plausible speaker: a noun or pronoun of the cue's paragraph, outside the quote."""
    if tok is None or ctx.quoted[tok.i] or ctx.para_of(tok) != ctx.para_of(cue):
        return False
    if tok.ent_type_ in NOT_SPEAKER_ENTS:
        return False
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl" and tok.head.head.pos_ in NOMINAL:
        return True  # "a message that said": resolved to its antecedent
    if tok.lower_ in ("that", "which", "this", "there", "what", "it") and tok.pos_ != "PROPN":
        return tok.lower_ == "it"
    return tok.pos_ in NOMINAL or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or \
        tok.tag_ in ("NNP", "NN", "NNS", "NNPS", "PRP")


def _first_np(ctx: _Context, i: int, j: int):
    """Head of the noun phrase starting at token i (before j), or None: a fallback for cues
    whose subject the parser lost ("said Holan", "Fight for $15 director Kendall Fells told")."""
    doc = ctx.doc
    k = i
    while k < j and (doc[k].is_space or doc[k].pos_ in ("ADV",) and doc[k].dep_ == "advmod"):
        k += 1
    if k >= j:
        return None
    if doc[k].pos_ == "PRON":
        return doc[k] if doc[k].lower_ in SUBJECT_PRONOUNS else None
    head = None
    while k < j and (doc[k].pos_ in ("DET", "ADJ", "PROPN", "NOUN", "NUM") or doc[k].tag_ == "POS"
                     or doc[k].text in ("-", "&", ".") or doc[k].text.istitle()):
        if doc[k].pos_ in ("PROPN", "NOUN") or doc[k].text.istitle() and doc[k].pos_ not in ("DET", "ADJ"):
            head = doc[k]
        k += 1
    return head


def _last_np_before(ctx: _Context, i: int, k: int):
    """Head of the noun phrase right before token k (after i), skipping a comma-delimited
    apposition ("Kim, 39, wrote")."""
    doc = ctx.doc
    m = k - 1
    while m >= i and doc[m].is_space:
        m -= 1
    if m >= i and doc[m].text == ",":
        # skip back over ", apposition ," to the name before it
        n = m - 1
        while n >= i and doc[n].text != ",":
            n -= 1
        if n >= i:
            m = n - 1
    if m < i:
        return None
    if doc[m].pos_ == "PRON" and doc[m].lower_ in SUBJECT_PRONOUNS:
        return doc[m]
    if doc[m].pos_ in ("PROPN", "NOUN"):
        return doc[m]
    return None


def _sentence_end(tok) -> bool:
    """A full stop, question or exclamation mark, or semicolon that ends a sentence (not the
    "." of an abbreviation the tokenizer split off, which the tagger does not call PUNCT)."""
    return (tok.text in SENTENCE_END or tok.text == ";") and tok.pos_ == "PUNCT"


def _window_after(ctx: _Context, seg: _Segment, limit: int) -> tuple[int, int, bool]:
    """Tokens after the closing mark up to the next quote or the end of the sentence, and
    whether they run on to the next quote (“A,” she said, “B”)."""
    doc = ctx.doc
    i = ctx.tok_at(seg.close_end)
    j = min(ctx.tok_before(limit), len(doc))
    k = i
    while k < j and k - i < MAX_ATTRIBUTION_TOKENS:
        if _sentence_end(doc[k]):
            return i, k, False
        k += 1
    return i, k, k == j


def _window_before(ctx: _Context, seg: _Segment, limit: int) -> tuple[int, int]:
    """Tokens from the start of the sentence (or the previous quote) up to the opening mark."""
    doc = ctx.doc
    j = ctx.tok_before(seg.open_at)
    i = ctx.tok_at(limit)
    k = j
    while k > i and j - k < MAX_ATTRIBUTION_TOKENS:
        if _sentence_end(doc[k - 1]):
            break
        k -= 1
    return k, j


def _content(doc, i: int, j: int) -> list:
    return [t for t in doc[i:j] if not t.is_space]


def _attribution_after(ctx: _Context, seg: _Segment, win: tuple[int, int]) -> Optional[_Attribution]:
    """“A,” she said / “A,” said Smith / “A,” according to X / “A” — Smith."""
    doc, text = ctx.doc, ctx.text
    i, j, runs_on = win
    toks = _content(doc, i, j)
    if not toks:
        return None
    tail = text[seg.end - 1]
    comma_quote = tail in ",?!…" + DASH_CHARS or text[seg.close_end:seg.close_end + 1] == ","
    # “A” — Smith (an epigraph-style byline)
    dash = seg.close_end
    while dash < len(text) and text[dash] in _SPACES:
        dash += 1
    if dash < len(text) and text[dash] in DASH_CHARS:
        # by characters: the tokenizer may glue the dash to the closing mark (“A.”― Roe)
        k = ctx.tok_at(dash + 1)
        while k < j and (_is_dash(doc[k]) or doc[k].is_space):
            k += 1
        rest = [t for t in doc[k:j] if not t.is_space]
        if 0 < len(rest) <= 8 and not any(t.pos_ in ("VERB", "AUX") and not _is_dash(t) for t in rest):
            span = _name_after_dash(ctx, k, j)
            if span is not None:
                return _Attribution(span, None, None, "dash")
    if comma_quote:
        shaped = _shaped_attribution_after(ctx, toks)
        if shaped is not None:
            return shaped
    if toks[0].pos_ in ("CCONJ", "SCONJ") or toks[0].pos_ == "ADP" and toks[0].lower_ != "according":
        return None  # “A” and promises ...: the sentence goes on, no attribution
    for n, tok in enumerate(toks):
        acc = _according_to(doc, tok.i)
        if acc is not None:
            if all(t.is_punct for t in toks[:n]):
                return _Attribution(_mention(ctx, doc[acc]), "according to", "according", "according")
            return None
        cue = _cue(tok)
        if cue is None and comma_quote and n <= 6 and tok.tag_ in ("VBD", "VBZ") and \
                tok.dep_ in ("ROOT", "parataxis", "ccomp", "conj") and \
                not any(c.dep_ in ("ccomp", "dobj", "xcomp", "acomp", "attr") and c.i > tok.i
                        for c in tok.children):
            cue = (tok.text, tok.lemma_.lower())  # “Go back,” Trump barked.
        if cue is None:
            if tok.pos_ == "VERB" and not tok.text[:1].isupper() and tok.tag_ != "VBN" and \
                    not _inside_subject_phrase(tok, toks, n):
                return None  # another clause comes first: not an attribution
            continue
        if _starts_new_sentence(ctx, seg, toks, n, runs_on):
            return None
        subj = _subject(tok, ctx.quoted)
        if subj is not None and not (_speaker_token_ok(ctx, subj, tok) and i <= subj.i < j):
            subj = None
        if n > 0 and _speaker_phrase(toks[:n]) and (comma_quote or not _has_own_content(tok)):
            # the parse of a sentence opening with a quote is often broken; the words before
            # the cue read as "Name, apposition," so the speaker is the first noun phrase
            if subj is None or subj.i > tok.i:
                subj = _first_np(ctx, toks[0].i, tok.i)
            return _Attribution(_mention(ctx, subj) if subj is not None else None, cue[0], cue[1],
                                "after", tok.i)
        # what stands between the quote and the cue must be the speaker phrase or adjuncts
        for t in toks[:n]:
            if subj is not None and subj.i < tok.i and _inside(t, subj):
                continue
            if t.is_punct or t.dep_ in LIGHT_DEPS or t.pos_ in ("ADV", "ADP", "DET", "ADJ", "NUM"):
                continue
            if subj is None and t.pos_ in ("PROPN", "NOUN", "PRON"):
                continue
            if _hangs_on(t, tok):
                continue
            return None
        if not comma_quote and (runs_on or _has_own_content(tok)):
            return None  # “A.” Smith said the plan ...: a new sentence with its own content
        if subj is None and (n > 0 or tok.tag_ != "VBG"):  # "saying the city ...": content, no speaker
            subj = _first_np(ctx, toks[0].i, tok.i) if n > 0 else _first_np(ctx, tok.i + 1 + (" " in cue[0]), j)
            if subj is not None and (ctx.quoted[subj.i] or ctx.para_of(subj) != ctx.para_of(tok)):
                subj = None
        return _Attribution(_mention(ctx, subj) if subj is not None else None, cue[0], cue[1], "after",
                            tok.i)
    return None


# Cues that answer someone: "“A?” Roe replied, “B.”" gives Roe the second quote, not the first.
RESPONSE_CUES = frozenset("answer reply respond retort counter".split())


def _starts_new_sentence(ctx: _Context, seg: _Segment, toks, n: int, runs_on: bool) -> bool:
    """The words after a quote that ends a sentence (?, !, .) open a sentence of their own:
    a capitalised pronoun ("“A?” She replied that ..."), a clause going on after the cue
    ("“A.” Texas, he said, was ..."), or an answer that introduces the next quote."""
    cue = toks[n]
    if ctx.text[seg.end - 1] not in "?!.…":
        return False
    after_cue = ctx.doc[cue.i + 1] if cue.i + 1 < len(ctx.doc) else None
    if runs_on and n > 0 and after_cue is not None and \
            (_lemma(cue) in RESPONSE_CUES or after_cue.lower_ == "back"):
        return True
    if toks[0].pos_ == "PRON" and toks[0].text[:1].isupper() and toks[0].lower_ != "i" and \
            _has_own_content(cue):
        return True
    # "“A.” Texas, he said, was ...": the cue is a parenthesis inside a sentence of its own
    return ctx.text[seg.end - 1] == "." and 2 <= n < len(toks) - 2 and toks[n - 2].text == "," and \
        toks[n - 1].pos_ == "PRON" and toks[n + 1].text == "," and \
        toks[n + 2].pos_ in ("VERB", "AUX") and toks[n + 2].tag_ in ("VBD", "VBZ", "VBP")


def _has_own_content(cue) -> bool:
    """The cue reports something of its own ("said the plan failed", "said nothing")."""
    return any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > cue.i for c in cue.children)


_SHAPE_MAX_SPEAKER_TOKENS = 8
_SHAPE_CUE_FORMS = frozenset("say said says write wrote writes tell told tells add added adds "
                             "state stated states read reads tweet tweeted tweets post posted "
                             "posts note noted notes".split())
_SHAPE_FILLER = frozenset({"DET", "ADJ", "PROPN", "NOUN", "NUM", "PART", "ADP", "PUNCT", "VERB", "ADV"})


def _shaped_attribution_after(ctx: _Context, toks) -> Optional[_Attribution]:
    """“A,” <noun phrase> <common cue> ...: read by the shape of the words, not the parse.

    The tagger often misreads the words right after a quote ("screenwriter" as a verb,
    "states" as a noun, a surname "From" as a preposition), and the parse built on them loses
    the attribution. After a quote that ends with a comma, question or exclamation mark, a
    short noun phrase followed by one of the commonest cue words is an attribution whatever
    the tags say."""
    n = next((k for k, t in enumerate(toks[:_SHAPE_MAX_SPEAKER_TOKENS + 1])
              if t.lower_ in _SHAPE_CUE_FORMS and k > 0 and t.text.islower()), None)
    if n is None:
        return None
    phrase = toks[:n]
    if phrase[0].is_punct or phrase[-1].is_punct and phrase[-1].text != ")":
        return None
    named = any(t.ent_type_ == "PERSON" or t.pos_ == "PROPN" for t in phrase)
    if not (phrase[0].text[:1].isupper() or phrase[0].pos_ == "DET" or named):
        return None
    if any(t.pos_ not in _SHAPE_FILLER for t in phrase if t.text != "$") or \
            any(t.text in (",", ";", ":") for t in phrase):
        return None
    # a verb inside the phrase must be a mis-tagged noun, not the start of a clause of its own
    if any(t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
           for t in phrase):
        return None
    if phrase[-1].pos_ == "ADP" and not (len(phrase) == 1 and phrase[0].text.istitle()) or \
            phrase[-1].tag_ == "POS":
        return None
    if ctx.quoted[phrase[0].i] or ctx.para_of(phrase[0]) != ctx.para_of(toks[n]):
        return None
    people = [t for t in phrase if t.ent_type_ == "PERSON"]
    if people:
        span = _mention(ctx, people[-1])
    else:
        span = (phrase[0].i, phrase[-1].i + 1)
    cue = toks[n]
    return _Attribution(span, cue.text, _lemma(cue), "after", cue.i)


_NAME_POS = frozenset({"DET", "ADJ", "PROPN", "NOUN", "NUM", "PART"})


def _speaker_phrase(toks) -> bool:
    """The words between a quote and its cue read as a speaker phrase: a noun phrase
    (names, titles, "the Republican"), then only appositions or relative clauses set off
    by commas ("Kim, 39,", "Smith, who ran the campaign,") and auxiliaries or adverbs
    right before the cue ("has said", "later said")."""
    parts, cur = [], []
    for t in toks:
        if t.text == ",":
            parts.append(cur)
            cur = []
        else:
            cur.append(t)
    parts.append(cur)
    head = parts[0]
    if not head or not any(t.pos_ in ("PROPN", "NOUN", "PRON") or t.text.istitle() for t in head):
        return False
    tail = head if len(parts) == 1 else (parts[-1] if len(parts) % 2 == 1 else [])
    # the noun phrase itself, up to the auxiliaries and adverbs that may precede the cue
    k = len(head)
    while k > 0 and head[k - 1].pos_ in ("AUX", "ADV", "PART") and head[k - 1].tag_ != "POS":
        k -= 1
    for m, t in enumerate(head[:k]):
        if t.pos_ in _NAME_POS or t.is_punct or t.text.istitle() or t.text[:1].isupper():
            continue
        if t.pos_ == "PRON" and (t.tag_ == "PRP$" or len(head) == 1 or t.lower_ in SUBJECT_PRONOUNS):
            continue
        if t.pos_ == "ADP" and t.lower_ == "of" and m + 1 < k and head[m + 1].pos_ == "PROPN":
            continue
        return False
    if len(parts) > 1 and len(parts) % 2 == 1:
        # "Smith, a lawyer, said": nothing but auxiliaries and adverbs after the closing comma
        return all(t.pos_ in ("AUX", "ADV", "PART") for t in tail)
    return True


def _hangs_on(t, cue) -> bool:
    """t depends on the cue through subjects, appositions and modifiers only, not through
    a clause of its own (ccomp, parataxis)."""
    for _ in range(8):
        if t is cue:
            return True
        if t.dep_ in ("ccomp", "parataxis", "conj", "xcomp") or t.head is t:
            return False
        t = t.head
    return False


def _inside_subject_phrase(tok, toks, n) -> bool:
    """tok (a verb) sits in a relative clause or apposition of the speaker phrase
    ("Smith, who ran the campaign, said"), which is fine before the cue."""
    return tok.dep_ in ("relcl", "acl", "appos") or any(t.text == "," for t in toks[:n])


def _attribution_before(ctx: _Context, seg: _Segment, win: tuple[int, int]) -> Optional[_Attribution]:
    """She added, “A” / Smith told reporters: “A” / According to X, “A” / Smith: “A”."""
    doc = ctx.doc
    i, j = win
    toks = _content(doc, i, j)
    if not toks:
        return None
    last = toks[-1]
    # transcript style "Rep. Smith (R-Tex.): “A”"
    if last.text == ":" and len(toks) <= 10 and not any(t.pos_ in ("VERB", "AUX") for t in toks):
        head = _first_np(ctx, toks[0].i, last.i)
        if head is not None and (head.ent_type_ == "PERSON" or head.pos_ in ("PROPN", "PRON")):
            return _Attribution(_mention(ctx, head), None, None, "colon")
    named = _name_before_colon(ctx, toks)
    if named is not None:
        return named
    generic = _generic_cue_before(toks)
    for n in range(len(toks) - 1, -1, -1):
        tok = toks[n]
        if tok.lower_ == "according":
            acc = _according_to(doc, tok.i)
            if acc is not None and last.text in (",", ":"):
                return _Attribution(_mention(ctx, doc[acc]), "according to", "according", "according")
        cue = _cue(tok) or ((tok.text, tok.lemma_.lower()) if tok is generic else None)
        if cue is None:
            continue
        after = toks[n + 1:]
        if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass") and t.tag_ != "VBG"
               and not (" " in cue[0] and t.i == tok.i + 1) for t in after):
            return None
        if last is not tok and last.text not in (",", ":", "that") and not _is_dash(last) and \
                last.dep_ not in ("dobj", "dative", "pobj", "npadvmod", "advmod", "prt", "dep") \
                and not (" " in cue[0] and last.i == tok.i + 1):
            return None
        subj = _subject(tok, ctx.quoted)
        if subj is not None and not _speaker_token_ok(ctx, subj, tok):
            subj = None
        if subj is None and tok.tag_ == "VBG" and n > 0:
            # "..., writing “A”": the subject of the verb before the participle
            for t in reversed(toks[:n]):
                s = _direct_subject(t) if t.pos_ in ("VERB", "AUX") else None
                if s is not None and not isinstance(s, str) and _speaker_token_ok(ctx, s, tok):
                    subj = s
                    break
        if subj is None and n > 0:
            subj = _last_np_before(ctx, toks[0].i, tok.i)
            if subj is not None and not _speaker_token_ok(ctx, subj, tok):
                subj = None
        return _Attribution(_mention(ctx, subj) if subj is not None else None, cue[0], cue[1], "before",
                            tok.i)
    return None


def _name_before_colon(ctx: _Context, toks) -> Optional[_Attribution]:
    """"... - Jane Roe: “A”", "More from Roe: “A”", "Continued Roe: “A”": a name right
    before the colon, set off by a dash, "from" or "by", or after an inverted cue."""
    if len(toks) < 2 or toks[-1].text != ":":
        return None
    k = len(toks) - 2
    if toks[k].text == ")":  # "Rep. Roe (R-Tex.):"
        while k >= 0 and toks[k].text != "(":
            k -= 1
        k -= 1
    end = k
    while k >= 0 and not toks[k].is_punct and (toks[k].ent_type_ in ("PERSON", "ORG") or
                                               toks[k].pos_ == "PROPN") and \
            not (toks[k].text.isupper() and len(toks[k].text) > 2):
        k -= 1
    if k == end or not any(t.ent_type_ == "PERSON" or t.pos_ == "PROPN" for t in toks[k + 1:end + 1]):
        return None
    def inverted_cue(t, prev) -> bool:  # "Continued Roe:", whatever the tagger made of it
        return t.text.istitle() and t.lower_.endswith("ed") and _lemma(t) in CUE_LEMMAS and \
            (prev is None or _sentence_end(prev))

    first, before = toks[k + 1], (toks[k] if k >= 0 else None)
    cue = None
    if end > k + 1 and inverted_cue(first, before):
        cue, k = first, k + 1
    elif before is not None and inverted_cue(before, toks[k - 1] if k > 0 else None):
        cue = before
    elif before is not None and not _is_dash(before) and \
            before.lower_ not in ("from", "by"):
        return None
    span = _mention(ctx, toks[end])
    if span is None or ctx.quoted[toks[end].i]:
        return None
    span = (max(span[0], toks[k + 1].i), span[1])
    return _Attribution(span, cue.text if cue is not None else None,
                        _lemma(cue) if cue is not None else None, "colon")


STATEMENT_NOUNS = frozenset("statement tweet message post email letter note memo release "
                            "remarks comment video caption ad advertisement response".split())


def _generic_cue_before(toks):
    """In "Trump leaned in and boomed: “A”" or "Trump issued a statement, “A”" the verb is
    no reporting cue of the lexicon, but the colon or the statement noun makes it one."""
    if not toks or toks[-1].text not in (":", ","):
        return None
    for t in reversed(toks[:-1]):
        if t.pos_ in ("VERB",) and t.dep_ not in ("aux", "auxpass", "amod"):
            if toks[-1].text == ":" or any(c.dep_ == "dobj" and c.lemma_.lower() in STATEMENT_NOUNS
                                           for c in t.children):
                return t
            return None
    return None


def _only_quotes(ctx: _Context, p: int) -> bool:
    """Paragraph p is nothing but quotes (and punctuation)."""
    text = ctx.text
    a, b = ctx.paras[p]
    pos = a
    strip = _SPACES + DASH_CHARS + ".,;:…\"”’'"
    for s in ctx.by_para.get(p, []):
        if text[pos:s.open_at].strip(strip):
            return False
        pos = max(pos, s.close_end)
    return not text[pos:b].strip(strip)


def _prose(text: str, a: int, b: int) -> bool:
    """A paragraph of running text (ends like a sentence), not a caption or a link line."""
    line = text[a:b].rstrip()
    return bool(line) and line[-1] in ".!?:\"”’'…)"


def _last_sentence(ctx: _Context, p: int) -> tuple[int, int]:
    """Token range of the last sentence of paragraph p."""
    doc = ctx.doc
    a, b = ctx.paras[p]
    i, j = ctx.tok_at(a), ctx.tok_before(b)
    k = j - 1
    while k > i and (doc[k].is_punct or doc[k].is_space):
        k -= 1
    start = k
    while start > i and not _sentence_end(doc[start - 1]):
        start -= 1
    return start, j


def _intro(ctx: _Context, p: int) -> Optional[_Attribution]:
    """The speaker the last sentence of paragraph p introduces for a following quote
    paragraph: a reporting verb with a subject ("Caddell continued:", "In a post, she
    reiterated her support."), else a person or pronoun subject when it ends with a colon."""
    doc = ctx.doc
    i, j = _last_sentence(ctx, p)
    colon = any(t.text == ":" for t in doc[max(i, j - 3):j])
    if colon:
        named = _name_before_colon(ctx, _content(doc, i, j))
        if named is not None:
            return _Attribution(named.speaker, named.cue, named.lemma, "intro")
    best = None
    for tok in doc[i:j]:
        if ctx.quoted[tok.i]:
            continue
        cue = _cue(tok)
        if cue is not None and tok.dep_ in ("ROOT", "conj", "ccomp", "advcl"):
            subj = _subject(tok, ctx.quoted)
            if subj is not None and _speaker_token_ok(ctx, subj, tok):
                return _Attribution(_mention(ctx, subj), cue[0], cue[1], "intro")
        if best is None and tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT" and \
                (tok.ent_type_ == "PERSON" or tok.lower_ in ("he", "she")) and colon:
            best = _Attribution(_mention(ctx, tok), None, None, "intro")
    return best


def _previous_sentence_speaker(ctx: _Context, seg: _Segment, before: int) -> Optional[tuple[int, int]]:
    """The speaker of the nearest reporting verb before token ``before``, in the same sentence
    or the one before it (quoted words skipped): for a cue without subject ("..., adding,
    “B”") and for a quote following "Smith said." in the same paragraph."""
    doc = ctx.doc
    a = ctx.paras[seg.para][0]
    m, ends = before - 1, 0
    while m >= 0 and doc[m].idx >= a and m > before - 4 * MAX_ATTRIBUTION_TOKENS:
        tok = doc[m]
        m -= 1
        if ctx.quoted[tok.i]:
            continue
        if _sentence_end(tok):
            ends += 1
            if ends == 2:
                break
            continue
        if _cue(tok) is not None:
            s = _subject(tok, ctx.quoted)
            if s is not None and _speaker_token_ok(ctx, s, tok):
                return _mention(ctx, s)
    return None


def attribute(ctx: _Context) -> None:
    """Pass 2: fill speaker, cue, statement and partial of every segment."""
    text, segs = ctx.text, ctx.segs
    # 1. an attribution right next to each segment
    for p, plist in ctx.by_para.items():
        pa, pb = ctx.paras[p]
        # short quotes inside a sentence ("wearing “Ted Cruz” pins") do not cut the sentence
        bounds = [s for s in plist if not _inline(ctx, s)]
        opens = [s.open_at for s in bounds]
        closes = [s.close_end for s in bounds]  # increasing: segments do not overlap
        shared: Optional[_Attribution] = None  # found after the previous segment, running on
        for seg in plist:
            k = bisect.bisect_right(opens, seg.open_at)
            nxt = opens[k] if k < len(opens) else pb
            k = bisect.bisect_right(closes, seg.open_at)
            prv = closes[k - 1] if k > 0 else pa
            win = _window_after(ctx, seg, nxt)
            after = _attribution_after(ctx, seg, win) if seg.closed else None
            before = _attribution_before(ctx, seg, _window_before(ctx, seg, prv))
            between = _char_before(ctx, seg.open_at, prv)
            if shared is not None and between and between in ",:\u2013\u2014\u2015" and \
                    (before is None or before.cue_i == shared.cue_i):
                att = shared  # “A,” she said, “B.”: the attribution between serves both
            elif after is not None and (before is None or after.kind != "after" or
                                        text[seg.end - 1] in ",?!…" + DASH_CHARS):
                att = after
            else:
                att = before or after
            if att is not None and att.speaker is None and (
                    att.kind == "before" or att.cue_i is not None and ctx.doc[att.cue_i].tag_ == "VBG"):
                spk = _previous_sentence_speaker(ctx, seg, ctx.tok_before(seg.open_at))
                att = _Attribution(spk, att.cue, att.lemma, att.kind, att.cue_i)
            shared = after if after is not None and win[2] else None
            if att is not None:
                seg.speaker, seg.cue, seg.cue_lemma, seg.own = att.speaker, att.cue, att.lemma, att.kind

    # 2. statements: split quotes and multi-paragraph quotes share one
    statement, prev = -1, None
    for seg in segs:
        same = False
        if prev is not None and not seg.single and not prev.single:
            if prev.para == seg.para:
                same = not seg.own or (prev.own and prev.speaker == seg.speaker and prev.cue == seg.cue)
            elif not prev.closed and _next_text_para(ctx, prev.para) == seg.para and \
                    seg.open_at == _first_char(text, ctx.paras[seg.para]):
                same = True
        if not same:
            statement += 1
        seg.statement = statement
        prev = seg

    # 3. within a statement, segments without their own attribution take the statement's
    groups: dict[int, list[_Segment]] = {}
    for s in segs:
        groups.setdefault(s.statement, []).append(s)
    for g in groups.values():
        own = [s for s in g if s.own]
        for s in g:
            if not s.own and own:
                # the closest attribution of the same paragraph, else the closest one
                src = min(own, key=lambda o: (o.para != s.para, abs(o.start - s.start)))
                s.speaker, s.cue, s.cue_lemma = src.speaker, src.cue, src.cue_lemma

    # 4. statements still without one: a quote-only paragraph continues the previous quote's
    # speaker or takes the speaker introduced just before it
    for sid in sorted(groups):
        g = groups[sid]
        if any(s.own for s in g) or g[0].single:
            continue
        att = _byline_after(ctx, g[-1]) or _inherited(ctx, g[0])
        if att is not None:
            for s in g:
                s.speaker, s.cue, s.cue_lemma = att.speaker, att.cue, att.lemma

    for s in segs:
        s.partial = _is_partial(ctx, s)


def _first_char(text: str, para: tuple[int, int]) -> int:
    a, b = para
    while a < b and text[a].isspace():
        a += 1
    return a


def _next_text_para(ctx: _Context, p: int) -> int:
    q = p + 1
    while q < len(ctx.paras) and not ctx.text[ctx.paras[q][0]:ctx.paras[q][1]].strip():
        q += 1
    return q


def _inherited(ctx: _Context, seg: _Segment) -> Optional[_Attribution]:
    """Attribution for a cue-less statement starting with ``seg``."""
    text = ctx.text
    # the speaker of the sentence before, else of an earlier quote of the same paragraph
    spk = _previous_sentence_speaker(ctx, seg, ctx.tok_before(seg.open_at))
    if spk is not None:
        return _Attribution(spk, None, None, "inherit")
    plist = ctx.by_para.get(seg.para, [])
    k = ctx.index_in_para[id(seg)]
    for o in reversed(plist[max(0, k - 8):k]):  # a few quotes back at most
        if o.speaker is not None and not o.single:
            return _Attribution(o.speaker, None, o.cue_lemma, "inherit")
    if seg.open_at != _first_char(text, ctx.paras[seg.para]) or not _only_quotes(ctx, seg.para):
        return None
    # walk back over captions and link lines to the previous paragraph of running text
    q, hops = seg.para - 1, 0
    while q >= 0 and hops < 3:
        qa, qb = ctx.paras[q]
        if text[qa:qb].strip():
            if _prose(text, qa, qb):
                break
            hops += 1
        q -= 1
    if q < 0 or hops >= 3:
        return None
    intro = _intro(ctx, q)
    prev_segs = [s for s in ctx.by_para.get(q, []) if not s.single and not s.partial]
    if prev_segs:
        last = prev_segs[-1]
        qa, qb = ctx.paras[q]
        tail_start = ctx.tok_at(last.close_end)
        if last.speaker is not None and (intro is None or intro.speaker is None or
                                         ctx.doc[intro.speaker[0]].i < tail_start or
                                         intro.speaker == last.speaker):
            return _Attribution(last.speaker, None, last.cue_lemma, "inherit")
    return intro


def _is_dash(tok) -> bool:
    return bool(tok.text) and all(c in DASH_CHARS for c in tok.text)


def _byline_after(ctx: _Context, seg: _Segment) -> Optional[_Attribution]:
    """A quote paragraph signed in the next paragraph: “A.” / "- Jane Roe, in a tweet."
    (the style of fact-checks and quote roundups)."""
    text, doc = ctx.text, ctx.doc
    a, b = ctx.paras[seg.para]
    if text[seg.close_end:b].strip(_SPACES + ".,;!?)\n") or not _only_quotes(ctx, seg.para):
        return None
    q = _next_text_para(ctx, seg.para)
    if q >= len(ctx.paras):
        return None
    start = _first_char(text, ctx.paras[q])
    if start >= len(text) or text[start] not in DASH_CHARS:
        return None
    i, j = ctx.tok_at(start), ctx.tok_before(ctx.paras[q][1])
    while i < j and (doc[i].is_punct or doc[i].is_space or doc[i].text[:1] in DASH_CHARS):
        if doc[i].text[:1] in DASH_CHARS and len(doc[i].text.strip(DASH_CHARS)) > 0:
            break  # "-President" kept as one token
        i += 1
    span = _name_after_dash(ctx, i, j)
    return _Attribution(span, None, None, "byline") if span is not None else None


def _name_after_dash(ctx: _Context, k: int, j: int) -> Optional[tuple[int, int]]:
    """The mention of the name that tokens k..j (what follows a dash) open with, if a name
    (“A.” — Jane Roe / "-President Roe, tweeting"), without the dash itself."""
    doc = ctx.doc
    head = _first_np(ctx, k, j)
    if head is None or not (head.ent_type_ == "PERSON" or head.pos_ == "PROPN") or ctx.quoted[head.i]:
        return None
    span = _mention(ctx, head)
    if span is None:
        return None
    lo = max(span[0], k)
    while lo < span[1] and doc[lo].text[:1] in DASH_CHARS:
        lo += 1  # a dash the tokenizer glued to the name ("-President")
    return (lo, span[1]) if lo < span[1] else None


def _char_before(ctx: _Context, pos: int, floor: Optional[int] = None) -> str:
    """The last non-space character before pos in its paragraph (or after floor), or ""."""
    text = ctx.text
    a = floor if floor is not None else ctx.paras[bisect.bisect_right(ctx.para_starts, pos) - 1][0]
    k = pos - 1
    while k >= a and text[k] in _SPACES:
        k -= 1
    return text[k] if k >= a else ""


def _inline(ctx: _Context, seg: _Segment) -> bool:
    """A short quote inside the writer's sentence: a word right before it, a few words long."""
    before = _char_before(ctx, seg.open_at)
    return before.isalnum() and \
        len(_WORD.findall(ctx.text, seg.start, seg.end)) <= PARTIAL_MAX_WORDS


def _is_partial(ctx: _Context, seg: _Segment) -> bool:
    """A short fragment (scare quote, title, label) rather than a statement.

    Quotes with an attribution of their own (“No,” she said) are statements however short,
    and so are quotes a cue introduces (she said: “…”, he added “…”) and short sentences
    that continue a speaker's statement (“Bodies everywhere.”). Otherwise fragments of up to
    three words are partial, and so is any piece embedded in the writer's own sentence
    (it starts after a word: the plan was “a disaster for all of us”).
    """
    text = ctx.text
    words = len(_WORD.findall(text, seg.start, seg.end))
    if seg.single and not seg.own:
        return True
    if seg.own in ("after", "colon", "dash", "according") and not _embedded(ctx, seg):
        return False
    if seg.own == "before" and _introduced(ctx, seg) and (words > PARTIAL_MAX_WORDS or _standalone(ctx, seg)):
        return False
    if _embedded(ctx, seg):
        return True
    if seg.speaker is not None and _standalone(ctx, seg):
        return False
    return words <= PARTIAL_MAX_WORDS or seg.speaker is None and _title(text, seg)


_MINOR_WORDS = frozenset("a an the and or but nor of in on at to for from by with as vs is".split())


def _title(text: str, seg: _Segment) -> bool:
    """Unattributed words in title case ("The Fixers: How a Studio Ran Hollywood"): the name
    of a book, show or headline, not somebody's statement."""
    words = _WORD.findall(text, seg.start, seg.end)
    content = [w for w in words if w.lower() not in _MINOR_WORDS]
    if len(content) < 2 or text[seg.start:seg.end].rstrip()[-1:] in ".!?,":
        return False
    return all(w[:1].isupper() or w[:1].isdigit() for w in content)


def _standalone(ctx: _Context, seg: _Segment) -> bool:
    """The quote is a sentence of its own: it starts a sentence (after a full stop, a colon or
    at the paragraph start) with a capital and ends with sentence punctuation."""
    text = ctx.text
    before = _char_before(ctx, seg.open_at)
    if before and before not in ".!?:\"”'’":
        return False
    return text[seg.start:seg.start + 1].isupper() and text[seg.end - 1] in ".!?"


def _introduced(ctx: _Context, seg: _Segment) -> bool:
    """The quote is introduced like a statement: after ":" "," "—" or a cue, not inside a
    noun phrase ("called the plan “a disaster”")."""
    before = _char_before(ctx, seg.open_at)
    if not before or before in ",:" + DASH_CHARS:
        return True
    j = ctx.tok_before(seg.open_at)
    while j > 0 and ctx.doc[j - 1].is_space:
        j -= 1
    return j > 0 and (_cue(ctx.doc[j - 1]) is not None or
                      ctx.doc[j - 1].lower_ == "that" and ctx.text[seg.start:seg.start + 1].isupper())


def _embedded(ctx: _Context, seg: _Segment) -> bool:
    """A quoted piece inside the writer's sentence: a word right before the mark and a
    lower-case start ("the plan was “a disaster for all of us”")."""
    text = ctx.text
    before = _char_before(ctx, seg.open_at)
    if not before or before in ",:(.!?\"”" + DASH_CHARS:
        return False
    first = text[seg.start]
    return first.islower() or not first.isalpha()


# --------------------------------------------------------------------------------------------
# Pass 3: names
# --------------------------------------------------------------------------------------------
# Name identity is factx.names' and the article's people are factx.entities': a speaker is one
# of those people, named exactly as in the article's ``people`` list.

@dataclass
class _Cast:
    """The article's people as speakers: their names (article name first, then aliases), gender,
    and every mention in text order with whether it is a main-clause subject."""

    called: list[str] = field(default_factory=list)  # the name in the article's people list
    parsed: list[list[names.PersonName]] = field(default_factory=list)
    genders: list[Optional[str]] = field(default_factory=list)
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, person)
    mentions: list[tuple[int, int, bool]] = field(default_factory=list)  # (start, person, subject)

    def gender(self, person: int) -> Optional[str]:
        return self.genders[person]

    def overlapping(self, a: int, b: int) -> list[tuple[int, int, int]]:
        """Mentions (start, end, person) overlapping the characters [a, b)."""
        return [s for s in self.spans if s[0] < b and a < s[1]]

    def fitting(self, written: str) -> list[int]:
        """The people a written name can be (factx.names.fits_person)."""
        name = names.parse(written)
        if not name.tokens:
            return []
        return [p for p, known in enumerate(self.parsed) if names.fits_person(known, name) is not None]


def _cast(ctx: _Context, people: list[dict]) -> _Cast:
    doc, cast = ctx.doc, _Cast()
    for p, person in enumerate(people):
        cast.called.append(person["name"])
        written = [person["name"]] + [a for a in person.get("aliases", []) if a != person["name"]]
        cast.parsed.append([n for n in map(names.parse, written) if n.tokens] or [names.parse(person["name"])])
        cast.genders.append(person.get("gender"))
        for start, end in person.get("mentions", []):
            cast.spans.append((start, end, p))
            cast.mentions.append((start, p, _main_subject(ctx, start, end)))
    cast.spans.sort()
    # A PERSON entity the people list left out (its words tagged as common nouns) still tells
    # who was last named, when its name fits exactly one person.
    for e in doc.ents:
        if e.label_ == "PERSON" and not cast.overlapping(e.start_char, e.end_char):
            fits = cast.fitting(e.text)
            if len(fits) == 1:
                cast.mentions.append((e.start_char, fits[0], _main_subject(ctx, e.start_char, e.end_char)))
    cast.mentions.sort()
    return cast


def _main_subject(ctx: _Context, start: int, end: int) -> bool:
    """The mention at characters [start, end) is the subject of a main clause."""
    i, j = ctx.tok_at(start), ctx.tok_before(end)
    if j <= i:
        return False
    root = ctx.doc[i:j].root
    main = root.head.dep_ in ("ROOT", "conj") or root.head.head.dep_ == "ROOT"
    return root.dep_ in ("nsubj", "nsubjpass") and main


def _resolve_pronoun(cast: _Cast, pron: str, pos: int, cue_lemma: Optional[str],
                     prev_speaker) -> Optional[int]:
    """The person a he/she speaker refers to, or None when unclear.

    Candidates: people mentioned in the preceding stretch whose gender (the article person's:
    honorifics, pronouns, then the first-name table) does not contradict the pronoun; an unknown
    gender is compatible but never preferred over a known match. The previous speaker wins for
    continuation cues ("she added") and when no one else became a sentence subject since; then
    the most recent compatible subject; then the most recent compatible mention if it is the
    only candidate or the only one known to match.
    """
    g = GENDER_PRONOUNS.get(pron.lower())
    if g is None:
        return None
    lo = bisect.bisect_left(cast.mentions, (pos - PRONOUN_LOOKBACK_CHARS,))
    hi = bisect.bisect_left(cast.mentions, (pos,))
    compatible = [m for m in cast.mentions[lo:hi] if cast.gender(m[1]) in (None, g)]
    if prev_speaker is not None:
        person, at = prev_speaker
        if cast.gender(person) in (None, g) and pos - at < PRONOUN_LOOKBACK_CHARS:
            rivals = {m[1] for m in compatible if m[0] > at and m[2] and m[1] != person}
            if cue_lemma in CONTINUATION_CUES or not rivals:
                return person
    subjects = [m for m in compatible if m[2]]
    if subjects:
        known = [m for m in subjects if cast.gender(m[1]) == g]
        return (known or subjects)[-1][1]
    distinct = {m[1] for m in compatible}
    if len(distinct) == 1:
        return compatible[-1][1]
    known = [m for m in compatible if cast.gender(m[1]) == g]
    return known[-1][1] if known else None


def _named(ctx: _Context, cast: _Cast, toks, words) -> Optional[int]:
    """The article person a named mention is: the person one of whose mentions overlaps the
    name's words (the one at the phrase's head when several do), else the one person the
    written name fits (factx.names), else None."""
    a, b = words[0].idx, words[-1].idx + len(words[-1].text)
    hits = cast.overlapping(a, b)
    who = {h[2] for h in hits}
    if len(who) > 1:
        root = toks.root
        at_head = {h[2] for h in hits if h[0] <= root.idx < h[1]}
        who = at_head if len(at_head) == 1 else {max(hits, key=lambda h: (h[1], h[0]))[2]}
    if who:
        return who.pop()
    fits = cast.fitting(ctx.text[a:b])
    return fits[0] if len(fits) == 1 else None


def _name_of(ctx: _Context, cast: _Cast, span: tuple[int, int], pos: int,
             cue_lemma: Optional[str], prev_speaker) -> tuple[Optional[str], Optional[int]]:
    """(speaker, index of the article person or None) for the mention doc[span]."""
    doc = ctx.doc
    i, j = span
    toks = doc[i:j]
    if j - i == 1 and toks[0].lower_ in RELATIVE_PRONOUNS and toks[0].head.dep_ == "relcl":
        antecedent = _mention(ctx, toks[0].head.head)
        if antecedent is None or antecedent[1] - antecedent[0] == 1 and \
                doc[antecedent[0]].lower_ in RELATIVE_PRONOUNS:
            return None, None
        return _name_of(ctx, cast, antecedent, pos, cue_lemma, prev_speaker)
    if j - i == 1 and (toks[0].pos_ == "PRON" or toks[0].lower_ in SUBJECT_PRONOUNS):
        person = _resolve_pronoun(cast, toks[0].text, pos, cue_lemma, prev_speaker)
        return (cast.called[person], person) if person is not None else (None, None)
    tagged = [t for t in toks if t.ent_type_ == "PERSON"]
    # the name's words; a phrase headed by a person's mention that the tagger took for a common
    # noun ("Sanders" as NOUN) is named by its head
    words = tagged or [t for t in toks if t.pos_ == "PROPN"] or \
        [toks.root] * bool(cast.overlapping(toks.root.idx, toks.root.idx + len(toks.root.text)))
    if words:
        person = _named(ctx, cast, toks, words)
        if person is not None:
            return cast.called[person], person
    if tagged:
        return re.sub(r"[’']s$", "", " ".join(t.text for t in tagged)), None
    return re.sub(r"[’']s$", "", doc[i:j].text).strip() or None, None


# --------------------------------------------------------------------------------------------
# Public interface
# --------------------------------------------------------------------------------------------

def extract_quotes(doc, text: Optional[str] = None, people: Optional[list[dict]] = None) -> list[Quote]:
    """Every quoted segment of ``doc`` (a spaCy Doc of the whole article) with its speaker,
    in text order. Never raises: on an internal error the segments are kept unattributed.
    ``text`` is ``doc.text`` if the caller has it (spaCy joins the tokens anew on every access).
    ``people``: the article's people as ``factx.entities.extract_people`` returns them (computed
    here when not given); a speaker is named as its person there."""
    text = doc.text if text is None else text
    try:
        return _extract(doc, text, people)
    except Exception:  # noqa: BLE001 - one odd article must not stop a corpus run
        log.exception("quote attribution failed; keeping the quotes unattributed")
        try:
            return [Quote(text[s.start:s.end], s.start, s.end, partial=True, statement=n)
                    for n, s in enumerate(find_segments(text))]
        except Exception:  # noqa: BLE001
            return []


def _extract(doc, text: str, people: Optional[list[dict]]) -> list[Quote]:
    segs = find_segments(text)
    if not segs:
        return []
    ctx = _Context(doc, segs, text)
    attribute(ctx)
    if people is None:
        people = extract_people(doc, text)[0]
    cast = _cast(ctx, people)
    out: list[Quote] = []
    prev_speaker = None
    for s in segs:
        speaker = speaker_text = sp_start = sp_end = None
        if s.speaker is not None:
            i, j = s.speaker
            sp_start, sp_end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
            speaker_text = text[sp_start:sp_end]
            speaker, person = _name_of(ctx, cast, s.speaker, sp_start, s.cue_lemma, prev_speaker)
            if person is not None and not s.partial:
                prev_speaker = (person, s.start)
        out.append(Quote(text=text[s.start:s.end], start=s.start, end=s.end, speaker=speaker,
                         speaker_text=speaker_text, speaker_start=sp_start, speaker_end=sp_end,
                         cue=s.cue, partial=s.partial, statement=s.statement))
    return out
