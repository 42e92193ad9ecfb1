"""Reading the parse for quote attribution: the article context (doc, paragraphs, offset
lookups), reporting cues, subjects and senders, speaker mentions and noun phrases, the token
windows next to a quote and sentence helpers. The attribution patterns built on these are in
``factx.quotes.sieves``."""
from __future__ import annotations

import bisect
from typing import Callable, Optional

from factx.nlp import lemma
from factx.quotes.lexicon import (_NAME_POS, _SPACES, _VERB_TAGS, CLAUSE_CUES, CUE_LEMMAS, DASH_CHARS,
                                  MAX_ATTRIBUTION_TOKENS, MAX_HANG_DEPTH,
                                  MAX_MENTION_TOKENS, MAX_SUBJECT_CLIMB, NOMINAL, NOT_SPEAKER_ENTS, PEOPLE_ENTS,
                                  PEOPLE_OBJECT_PRONOUNS,
                                  GOVERNING_SIDE_CLAUSES, NOT_SPEAKER_WORDS, PHRASAL_CUES,
                                  PLACE_ENTS, PREVIOUS_SENTENCE_LOOKBACK_TOKENS, QUOTING_VERBS,
                                  RELATIVE_PRONOUNS, RESPONSE_CUES, SENTENCE_END, STATEMENT_NOUNS,
                                  SUBJECT_PRONOUNS, SUBORDINATE_CLAUSE_DEPS, DOCUMENT_NOUNS, SPEAKING_ENTS)
from factx.quotes.marks import _paragraphs, _Segment


class _Context:
    """The article being attributed: doc, paragraphs and offset lookups."""

    def __init__(self, doc, segs: list[_Segment], text: str):
        self.doc = doc
        self.text = text  # doc.text joins the tokens anew on every access
        self.starts = doc.to_array("IDX").tolist()
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
        # whether a written name can be one of the article's people (speakers._Cast.fitting, on
        # the name-identity module): set once the people are known, before reported speech
        self.names_person: Callable[[str], bool] = lambda written: False
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



def _lemma(tok, known: frozenset = CUE_LEMMAS) -> str:
    """The token's lemma; when it is not one of the ``known`` cue words, a known word its form
    is an inflection of (small models mislemmatize rarer verbs: "hopes" as "hop")."""
    lem = lemma(tok).lower()
    if lem in known or lem in PHRASAL_CUES:
        return lem
    low = tok.lower_
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""),
                         ("ed", "e"), ("d", ""), ("es", ""), ("s", "")):
        if low.endswith(suffix) and low[: len(low) - len(suffix)] + repl in known:
            return low[: len(low) - len(suffix)] + repl
    return lem



def _verb(tok) -> bool:
    """A verb, by its part of speech or, where the tagger's coarse tag is wrong, its fine tag."""
    return tok.pos_ in ("VERB", "AUX") or tok.tag_ in _VERB_TAGS


def _cue(tok) -> Optional[tuple[str, str]]:
    """(cue as written, lemma) if tok is a reporting verb, else None."""
    if not _verb(tok):
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
            return _misread_subject(c)  # None: the subject is left out ("and like Lee has spoken")
        if c.dep_ == "nsubjpass":
            passive = True
    for c in tok.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return "passive" if passive else None


def _quoted_as_saying(cue):
    """"The Star quoted Ann Lee as saying ...": the one quoted says it, not the one quoting
    (``cue`` either "saying" or "quoted")."""
    if cue.head.lower_ == "as" and cue.head.i != cue.i:
        verb = cue.head.head
    elif any(c.lower_ == "as" and any(g.tag_ == "VBG" for g in c.children) for c in cue.children):
        verb = cue
    else:
        return None
    if _lemma(verb) not in QUOTING_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _misread_subject(subj):
    """The subject the parse gives, or the one it misread: "Like Ann Lee, Tom Becker ..." (see
    _compared_subject); "in Salem, Oregon, Ann Lee went ...": the state closing a place phrase
    taken for the subject and the person after it for its conjunct or apposition."""
    if subj.ent_type_ in PLACE_ENTS:
        person = next((c for c in subj.children if c.dep_ in ("conj", "appos") and c.ent_type_ == "PERSON"
                       and c.i > subj.i), None)
        if person is not None:
            return person
    return _compared_subject(subj)


def _compared_subject(subj):
    """"Like Ann Lee, Tom Becker has spoken ...": the parser may take the name after "like" for
    the subject and the real one for its apposition; the preposition, left without an object,
    gives it away. No apposition: the real subject is left out ("... and like Ann Lee has
    spoken"), None."""
    k = subj.left_edge.i - 1
    prep = subj.doc[k] if k >= 0 else None
    if prep is None or prep.pos_ != "ADP" or prep.head.i != subj.head.i or \
            any(c.dep_ in ("pobj", "pcomp") for c in prep.children):
        return subj
    return next((c for c in subj.children if c.dep_ == "appos"), None)


def _surface_subject(tok):
    """nsubj or nsubjpass of tok: the subject a coordinated or participial verb shares
    ("Silverman was joined by Franken and joked": Silverman)."""
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return _misread_subject(c)
    return None


def _subject(cue, quoted=None, nearest: bool = False):
    """The speaker token of a cue verb.

    Its own subject (or passive agent) first; a cue without one ("smiled and said", "...,
    writing") shares the subject of the reporting verb it hangs on, else of the nearest verb
    above it. Never its object: that is the addressee ("told Vogue"). The climb stops at
    quoted words (``quoted[i]``): their parse belongs to the quotation, not to the narrative.

    ``nearest`` (reported speech, where the cue is often no speech verb): the subject of the
    nearest verb above with one, not of a cue further up ("the ministers raced one another in
    saying", not the mayors who "urged"); the object of a verb whose infinitive
    the cue is, when it names people ("led Democrats to say": the Democrats; "used her speech
    to say" is still the subject's); nobody for an infinitive relative ("reasons to oppose it").
    """
    sender = _sender(cue) or _quoted_as_saying(cue)
    if sender is not None:
        return sender
    subj = _direct_subject(cue)
    if subj == "passive":
        return None
    if subj is not None:
        return subj  # a relative pronoun ("Lee, who declared") is resolved to Lee by _name_of
    tok, fallback, reporter_next = cue, None, False
    for _ in range(MAX_SUBJECT_CLIMB):
        if tok.dep_ == "relcl" and tok.head.pos_ in NOMINAL:
            if nearest and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
                return None  # "reasons to oppose", "the first mayor to endorse": no one speaks
            return tok.head
        edge = tok.dep_
        if edge not in ("conj", "advcl", "xcomp", "ccomp", "dep", "acl", "pcomp", "prep", "acomp") and not \
                (edge == "advmod" and tok.pos_ == "ADV") or tok.head is tok:
            break
        if quoted is not None and quoted[tok.head.i]:
            break
        below, tok = tok, tok.head
        if nearest and edge == "acl" and below.tag_ == "VBG" and tok.i < below.i and _document(tok):
            return tok  # "a poll showing A", "a statement saying A": the document says it
        if tok.pos_ == "ADP" or tok.pos_ == "ADV" and tok.dep_ == "advmod":
            continue  # "began by saying", "went so far as to say": climb on to the verb
        if nearest and edge == "xcomp":
            obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i < below.i), None)
            if obj is not None and (obj.ent_type_ in PEOPLE_ENTS or obj.pos_ == "PROPN" or
                                    obj.lower_ in PEOPLE_OBJECT_PRONOUNS):
                return obj  # "led Democrats to say": the object is who says ("used his speech to
                # say" is no one)
        s = _surface_subject(tok)
        if s is not None and (_cue(tok) or reporter_next):
            return s
        if s is not None and fallback is None and edge != "ccomp":
            if nearest and _reported_clause(tok):
                reporter_next = True  # "argued that the bridge would bring jobs, saying ...": the
                continue  # clause's subject is inside the arguer's words; the one saying is the arguer
            if nearest:
                return s  # "the ministers raced one another in saying": no cue further up
            fallback = s
    return fallback


def _document(tok) -> bool:
    """A poll, study, report or statement (``DOCUMENT_NOUNS``)."""
    return tok.pos_ == "NOUN" and lemma(tok).lower() in DOCUMENT_NOUNS


def _reported_clause(verb) -> bool:
    """The verb heads what a cue above it reports ("argued that the bridge | would bring jobs",
    "questioned why the board | did not vote")."""
    return verb.dep_ == "ccomp" and _verb(verb.head) and _lemma(verb.head) in CLAUSE_CUES


def _sender(cue):
    """"She released a statement saying", "Trump issued a video that said", "sent a message to
    supporters saying": the words are the sender's, the subject of the verb that sends."""
    if cue.dep_ not in ("acl", "relcl") or cue.head.pos_ != "NOUN" or \
            lemma(cue.head).lower() not in STATEMENT_NOUNS:
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


def _entity_start(tok):
    """The first token of the entity tok continues (tok itself if it continues none)."""
    doc = tok.doc
    while tok.i > 0 and tok.ent_iob_ == "I":
        tok = doc[tok.i - 1]
    return tok


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
    if head.is_punct and head.ent_type_ != "PERCENT" or head.is_space:
        return None  # "26%": the sign heads the share, a source of its own ("26% say ...")
    if head.pos_ == "PRON" or head.lower_ in SUBJECT_PRONOUNS:
        return head.i, head.i + 1
    if head.pos_ != "PROPN" and head.ent_type_ != "PERSON":
        # "the mayor, Ana Ruiz, said": the named apposition names the speaker
        nxt = doc[head.i + 2] if head.i + 2 < len(doc) and doc[head.i + 1].text == "," else None
        if nxt is not None and (nxt.dep_ in ("nsubj", "nsubjpass") or
                                nxt.dep_ == "compound" and nxt.head.dep_ in ("nsubj", "nsubjpass")):
            nxt = None  # "according to one source, Vantex is ...": the subject of the next clause
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
        lo, hi = min(lo, _entity_start(head).i), max(hi, _entity_end(head).i + 1)
        if head.ent_type_ not in SPEAKING_ENTS and any(t.pos_ == "VERB" for t in doc[lo:hi]):
            # an entity of another kind that ran on over a verb ("Lee accused Park of" taken for
            # the title of a work) is cut to the words the name heads
            lo, hi = max(lo, head.left_edge.i), min(hi, head.right_edge.i + 1)
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
    while hi > lo and (doc[hi - 1].idx >= para[1] or doc[hi - 1].is_space or
                       doc[hi - 1].is_punct and doc[hi - 1].ent_type_ != "PERCENT"):
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
    if tok.lower_ in NOT_SPEAKER_WORDS and tok.pos_ != "PROPN":
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
    # a participle modifying the noun is part of the phrase ("retired pilot Ben Caruso")
    while k < j and (doc[k].pos_ in ("DET", "ADJ", "PROPN", "NOUN", "NUM") or doc[k].tag_ == "POS"
                     or doc[k].text in ("-", "&", ".") or doc[k].text.istitle() or
                     doc[k].tag_ in ("VBN", "VBG") and doc[k].dep_ == "amod" and doc[k].head.i > k):
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
    for _ in range(MAX_HANG_DEPTH):
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


def _generic_cue_before(toks):
    """In "Trump leaned in and boomed: “A”" or "Trump issued a statement, “A”" the verb is
    no reporting cue of the lexicon, but the colon or the statement noun makes it one."""
    if not toks or toks[-1].text not in (":", ","):
        return None
    for t in reversed(toks[:-1]):
        if t.pos_ in ("VERB",) and t.dep_ not in ("aux", "auxpass", "amod"):
            if t.is_upper and len(t.text) > 1:
                return None  # "BUDGET TALKS STALL - Lee: “A”": a headline word the tagger took for a verb
            if t.dep_ in SUBORDINATE_CLAUSE_DEPS:
                return None  # "a headline that hits them where they live: “A”": a clause about something else
            if toks[-1].text == ":" or any(c.dep_ == "dobj" and lemma(c).lower() in STATEMENT_NOUNS
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


def _previous_sentence_speaker(ctx: _Context, seg: _Segment, before: int,
                               own_sentence_only: bool = False) -> Optional[tuple[int, int]]:
    """The speaker of the nearest reporting verb before token ``before``, in the same sentence
    or the one before it (quoted words skipped): for a cue without subject ("..., adding,
    “B”") and for a quote following "Smith said." in the same paragraph. With
    ``own_sentence_only``, only a cue of the quote's own sentence counts, and only one that
    governs the quote: words set in the writer's sentence are the cue's speaker's only when
    they belong to what the cue reports ("he called it “a cartel”"), not when another verb
    of the sentence holds them ("Lopez, who said the bridge was safe, walked past the “relic”")."""
    doc = ctx.doc
    # a colon introduces what follows as the words of the verb before it, whatever the parse
    check = own_sentence_only and _char_before(ctx, seg.open_at) != ":"
    quote_toks = _quote_tokens(ctx, seg) if check else None
    a = ctx.paras[seg.para][0]
    m, ends = before - 1, 0
    while m >= 0 and doc[m].idx >= a and m > before - PREVIOUS_SENTENCE_LOOKBACK_TOKENS:
        tok = doc[m]
        m -= 1
        if ctx.quoted[tok.i]:
            continue
        if _sentence_end(tok):
            ends += 1
            if ends == 2 or own_sentence_only:
                break
            continue
        if _cue(tok) is not None:
            if quote_toks is not None and not _governs(tok, quote_toks):
                continue
            s = _subject(tok, ctx.quoted)
            if s is not None and _speaker_token_ok(ctx, s, tok):
                return _mention(ctx, s)
    return None


def _quote_tokens(ctx: _Context, seg: _Segment) -> list:
    """The word tokens between the quote's marks."""
    doc = ctx.doc
    return [doc[i] for i in range(ctx.tok_at(seg.start), ctx.tok_before(seg.end))
            if not (doc[i].is_punct or doc[i].is_space)]


def _governs(cue, toks) -> bool:
    """The cue and the quote (its word tokens ``toks``) belong together in the parse.

    Yes when the cue heads, directly or not, a quoted word ("called it “a cartel”"); when a
    quoted word heads the cue (a cue between commas inside the quote's clause: "The industry,
    she said, is “doing better”"); when the cue hangs as a side clause on a verb that heads the
    quote ("Trump told CNN, his policy would be “to go after them”"); and when the parser made
    the quote a sentence of its own, tied to no verb of the cue's sentence. Otherwise another
    verb holds the quote and the cue reports something else."""
    if any(t == cue or cue in t.ancestors for t in toks):
        return True
    if any(t in cue.ancestors for t in toks):
        return True
    if cue.dep_ in GOVERNING_SIDE_CLAUSES and any(cue.head in t.ancestors for t in toks):
        return True
    return all(t.sent.root != cue.sent.root for t in toks)


def _opens_its_sentence(ctx: _Context, seg: _Segment) -> bool:
    """Nothing but punctuation between the start of the quote's sentence (or paragraph) and
    its opening mark: the quote is a sentence of its own ("Smith said. “A.”"), not words set
    in the writer's sentence ("fix the nation's “broken” system")."""
    doc = ctx.doc
    a = ctx.paras[seg.para][0]
    m = ctx.tok_before(seg.open_at) - 1
    while m >= 0 and doc[m].idx >= a:
        tok = doc[m]
        if _sentence_end(tok):
            return True
        if not (tok.is_punct or tok.is_space):
            return False
        m -= 1
    return True


def _next_text_para(ctx: _Context, p: int) -> int:
    q = p + 1
    while q < len(ctx.paras) and not ctx.text[ctx.paras[q][0]:ctx.paras[q][1]].strip():
        q += 1
    return q


def _is_dash(tok) -> bool:
    return bool(tok.text) and all(c in DASH_CHARS for c in tok.text)


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


def _cue_offsets(doc, i: int, cue: str) -> tuple[int, int]:
    """Character offsets of a cue that starts at token i: the verb, or both words of a two-word
    cue ("went on", "according to")."""
    last = doc[i + 1] if " " in cue else doc[i]
    return doc[i].idx, last.idx + len(last.text)
