"""Pass 2 of quote extraction, the patterns: attribution sieves.

A sieve is a small function that recognises one way of attributing a quote (“A,” she said;
She added, “A”; "according to X"; "Smith: “A”"; ...) and returns an ``_Attribution`` or None.
Sieves are grouped in ordered tuples of (name, function), as in CoreNLP's quote attribution;
``run`` tries them in order and the first that returns an attribution wins, its name recorded
as the attribution's ``rule``. The order matters: a later sieve may rely on an earlier one
having declined (the tuples keep the order of the original if/elif chains).

- ``AFTER_SIEVES`` read the words right after a quote's closing mark,
- ``BEFORE_SIEVES`` the words of its sentence right before the opening mark (they include the
  ``COLON_SIEVES``, a name right before a colon),
- ``INTRO_SIEVES`` the last sentence of a paragraph that introduces a quote paragraph,
- ``INHERITANCE_SIEVES`` give a statement without any attribution of its own the speaker of
  its surroundings.

To add a pattern: write one function taking the site (the words it reads, see ``_Words``),
add it to the right tuple at the right place, and add a test asserting its rule name.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Optional

from factx.nlp import lemma
from factx.quotes.grammar import (_according_to, _Context, _content, _cue, _cue_offsets, _entity_end,
                                  _entity_start,
                                  _direct_subject, _first_np, _generic_cue_before, _quoted_as_saying,
                                  _has_own_content, _hangs_on, _inside, _inside_subject_phrase,
                                  _is_dash, _last_np_before, _last_sentence, _lemma,
                                  _mention, _name_after_dash, _next_text_para, _only_quotes,
                                  _opens_its_sentence,
                                  _previous_sentence_speaker, _prose, _sentence_end, _speaker_phrase,
                                  _speaker_token_ok, _starts_new_sentence, _subject)
from factx.quotes.lexicon import (_SHAPE_CUE_FORMS, _SHAPE_FILLER, _SHAPE_MAX_SPEAKER_TOKENS, _SPACES,
                                  CLAIM_NOUNS, COLON_NAME_SETTERS, COLON_TOKENS, CUE_LEMMAS,
                                  DASH_CHARS, EXPERIENCER_VERBS, INTRO_COLON_TOKENS, LIGHT_DEPS,
                                  MAX_BARE_VERB_OFFSET, MAX_DASH_BYLINE_TOKENS, MAX_QUOTES_BACK,
                                  MAX_SKIPPED_LINES, MAX_TRANSCRIPT_COLON_TOKENS, NOT_SPEAKER_ENTS, PLACE_ENTS,
                                  REPORTED_CLAUSE_DEPS, STATEMENT_NOUNS)
from factx.quotes.marks import _first_char, _Segment


@dataclass
class _Attribution:
    speaker: Optional[tuple[int, int]]  # token span of the mention
    cue: Optional[str]
    lemma: Optional[str] = None
    kind: str = ""  # "after", "before", "colon", "dash", "according", "byline", "inherit", "intro"
    cue_i: Optional[int] = None  # token index of the cue, to tell two attributions apart
    rule: Optional[str] = None  # the name of the sieve that found it
    cue_start: Optional[int] = None  # character offsets of the cue token(s), None without one
    cue_end: Optional[int] = None


def _with_cue(doc, i: int, cue: tuple[str, str], speaker, kind: str, cue_i: Optional[int]) -> _Attribution:
    """An attribution to the cue ``cue`` (as written, lemma) that starts at token i."""
    start, end = _cue_offsets(doc, i, cue[0])
    return _Attribution(speaker, cue[0], cue[1], kind, cue_i, cue_start=start, cue_end=end)


def run(sieves, site) -> Optional[_Attribution]:
    """The attribution of the first sieve that finds one, its rule set to the sieve's name
    (unless the sieve passed on the rule of a sieve of its own, as ``intro`` does)."""
    for name, sieve in sieves:
        att = sieve(site)
        if att is not None:
            if att.rule is None:
                att.rule = name
            return att
    return None


class _Words:
    """What a sieve reads: the article, the segment (None for an introducing sentence) and the
    words (tokens, spaces left out) next to it."""

    def __init__(self, ctx: _Context, seg: Optional[_Segment], toks: list):
        self.ctx, self.seg, self.toks = ctx, seg, toks


# --------------------------------------------------------------------------------------------
# After the closing mark: “A,” she said / “A,” said Smith / “A,” according to X / “A” — Smith
# --------------------------------------------------------------------------------------------

class _After(_Words):
    def __init__(self, ctx: _Context, seg: _Segment, win: tuple[int, int, bool]):
        super().__init__(ctx, seg, _content(ctx.doc, win[0], win[1]))
        self.win = win
        text = ctx.text
        self.comma_quote = text[seg.end - 1] in ",?!…" + DASH_CHARS or \
            text[seg.close_end:seg.close_end + 1] == ","

    @cached_property
    def scan(self):
        """The first word after the quote that decides the attribution, as (n, token, cue,
        head of X for "according to X"), or None when the sentence goes on without one."""
        toks, doc = self.toks, self.ctx.doc
        if toks[0].pos_ in ("CCONJ", "SCONJ") or toks[0].pos_ == "ADP" and toks[0].lower_ != "according":
            return None  # “A” and promises ...: the sentence goes on, no attribution
        for n, tok in enumerate(toks):
            acc = _according_to(doc, tok.i)
            if acc is not None:
                return n, tok, None, acc
            cue = _cue(tok)
            if cue is None and self.comma_quote and n <= MAX_BARE_VERB_OFFSET and \
                    tok.tag_ in ("VBD", "VBZ") and tok.dep_ in ("ROOT", "parataxis", "ccomp", "conj") and \
                    not any(c.dep_ in ("ccomp", "dobj", "xcomp", "acomp", "attr") and c.i > tok.i
                            for c in tok.children):
                cue = (tok.text, lemma(tok).lower())  # “Go back,” Trump barked.
            if cue is None:
                if tok.pos_ == "VERB" and not tok.text[:1].isupper() and tok.tag_ != "VBN" and \
                        not _inside_subject_phrase(tok, toks, n):
                    return None  # another clause comes first: not an attribution
                continue
            return n, tok, cue, None
        return None

    @cached_property
    def cue_hit(self):
        """(n, cue token, cue, its subject or None) when the deciding word is a cue that does
        not open a sentence of its own, else None."""
        hit = self.scan
        if hit is None or hit[2] is None:
            return None
        n, tok, cue, _ = hit
        ctx = self.ctx
        i, j, runs_on = self.win
        if _starts_new_sentence(ctx, self.seg, self.toks, n, runs_on):
            return None
        subj = _subject(tok, ctx.quoted)
        if subj is not None and not (_speaker_token_ok(ctx, subj, tok) and i <= subj.i < j):
            subj = None
        return n, tok, cue, subj

    def speaker_phrase_first(self) -> bool:
        """The words before the cue read as "Name, apposition," (speaker_phrase_cue_after)."""
        n, tok, _, _ = self.cue_hit
        return n > 0 and _speaker_phrase(self.toks[:n]) and (self.comma_quote or not _has_own_content(tok))


def dash_byline_after(site: _After) -> Optional[_Attribution]:
    """“A” — Smith (an epigraph-style byline)."""
    ctx, seg = site.ctx, site.seg
    doc, text = ctx.doc, ctx.text
    j = site.win[1]
    dash = seg.close_end
    while dash < len(text) and text[dash] in _SPACES:
        dash += 1
    if dash >= len(text) or text[dash] not in DASH_CHARS:
        return None
    # by characters: the tokenizer may glue the dash to the closing mark (“A.”― Roe)
    k = ctx.tok_at(dash + 1)
    while k < j and (_is_dash(doc[k]) or doc[k].is_space):
        k += 1
    rest = [t for t in doc[k:j] if not t.is_space]
    if not 0 < len(rest) <= MAX_DASH_BYLINE_TOKENS or \
            any(t.pos_ in ("VERB", "AUX") and not _is_dash(t) for t in rest):
        return None
    span = _name_after_dash(ctx, k, j)
    return _Attribution(span, None, None, "dash") if span is not None else None


def shaped_cue_after(site: _After) -> Optional[_Attribution]:
    """“A,” <noun phrase> <common cue> ...: read by the shape of the words, not the parse.

    The tagger often misreads the words right after a quote ("screenwriter" as a verb,
    "states" as a noun, a surname "From" as a preposition), and the parse built on them loses
    the attribution. After a quote that ends with a comma, question or exclamation mark, a
    short noun phrase followed by one of the commonest cue words is an attribution whatever
    the tags say."""
    if not site.comma_quote:
        return None
    ctx, toks = site.ctx, site.toks
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
    cue = toks[n]
    return _with_cue(ctx.doc, cue.i, (cue.text, _lemma(cue)), _shaped_speaker(ctx, phrase), "after", cue.i)


def _shaped_speaker(ctx: _Context, phrase) -> tuple[int, int]:
    """The speaker mention of a shaped phrase: its last name where the name heads it ("Ann Lee",
    "Maria Lopez of Ohio"), else the words that do ("a spokesman | for Ann Lee", "Ann Lee's |
    lawyer", "the Lee family | lawyer"), else the whole phrase."""
    people = [t for t in phrase if t.ent_type_ == "PERSON"]
    if not people:
        return phrase[0].i, phrase[-1].i + 1
    owner = _preposition_before_name(phrase, people[-1])
    if owner is not None:
        return phrase[0].i, owner.i
    after = [t for t in phrase if t.i > people[-1].i]
    possessive = bool(after) and after[0].tag_ == "POS"
    if possessive or after and after[0].pos_ == "NOUN" and after[0].is_lower:
        head = after[1:] if possessive else after  # not empty: a phrase never ends in "'s"
        return head[0].i, head[-1].i + 1
    return _mention(ctx, people[-1])


def _preposition_before_name(phrase, person):
    """The preposition or participle whose object is the name ("a spokesman for | Ann Lee", "the
    daughter of | Ann Lee", "the lawyer representing | Ann Lee"), when the phrase has words
    before it; None when the name heads the phrase or a title stands between ("Secretary of
    State | Ann Lee")."""
    k = max(_entity_start(person).i, phrase[0].i) - 1
    while k > phrase[0].i and person.doc[k].pos_ in ("DET", "ADJ") and person.doc[k].is_lower:
        k -= 1
    tok = person.doc[k]
    return tok if k > phrase[0].i and tok.is_lower and (tok.pos_ == "ADP" or tok.tag_ == "VBG") else None


def according_to_after(site: _After) -> Optional[_Attribution]:
    """“A,” according to X."""
    hit = site.scan
    if hit is None or hit[3] is None:
        return None
    n, tok, _, acc = hit
    if not all(t.is_punct for t in site.toks[:n]):
        return None
    doc = site.ctx.doc
    return _with_cue(doc, tok.i, ("according to", "according"), _mention(site.ctx, doc[acc]), "according", None)


def _an_age(tok) -> bool:
    """The tagger's DATE "the 43-year-old" names someone."""
    return "year-old" in tok.doc[_entity_start(tok).i:_entity_end(tok).i + 1].text.lower()


def speaker_phrase_cue_after(site: _After) -> Optional[_Attribution]:
    """“A,” Smith, a lawyer who ran the campaign, said: the words between the quote and the
    cue read as "Name, apposition,". The parse of a sentence opening with a quote is often
    broken; the speaker is then the first noun phrase."""
    if site.cue_hit is None or not site.speaker_phrase_first():
        return None
    ctx, toks = site.ctx, site.toks
    n, tok, cue, subj = site.cue_hit
    if subj is None or subj.i > tok.i and _quoted_as_saying(tok) is None:  # "quoted Lee as saying"
        subj = _first_np(ctx, toks[0].i, tok.i)
        if subj is not None and subj.ent_type_ in NOT_SPEAKER_ENTS and not _an_age(subj):
            subj = None  # "“A” Tuesday, hours after the aide was charged": a day says nothing (the
            # tagger's DATE "the 43-year-old" is someone)
    return _with_cue(ctx.doc, tok.i, cue, _mention(ctx, subj) if subj is not None else None, "after", tok.i)


def cue_after_quote(site: _After) -> Optional[_Attribution]:
    """“A,” she said / “A,” said Smith / “A,” Smith told reporters: a reporting verb after the
    quote, its subject the speaker (never its object: "told Vogue" is the addressee)."""
    if site.cue_hit is None or site.speaker_phrase_first():
        return None
    ctx, toks = site.ctx, site.toks
    i, j, runs_on = site.win
    n, tok, cue, subj = site.cue_hit
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
    if not site.comma_quote and (runs_on or _has_own_content(tok)):
        return None  # “A.” Smith said the plan ...: a new sentence with its own content
    if subj is None and (n > 0 or tok.tag_ != "VBG"):  # "saying the city ...": content, no speaker
        subj = _first_np(ctx, toks[0].i, tok.i) if n > 0 else _first_np(ctx, tok.i + 1 + (" " in cue[0]), j)
        if subj is not None and (ctx.quoted[subj.i] or ctx.para_of(subj) != ctx.para_of(tok)):
            subj = None
    return _with_cue(ctx.doc, tok.i, cue, _mention(ctx, subj) if subj is not None else None, "after", tok.i)


AFTER_SIEVES = (
    ("dash-byline-after", dash_byline_after),
    ("shaped-cue-after", shaped_cue_after),
    ("according-to-after", according_to_after),
    ("speaker-phrase-cue-after", speaker_phrase_cue_after),
    ("cue-after", cue_after_quote),
)


def attribution_after(ctx: _Context, seg: _Segment, win: tuple[int, int, bool]) -> Optional[_Attribution]:
    """The attribution in the words after the closing mark of ``seg`` (the window ``win``)."""
    site = _After(ctx, seg, win)
    return run(AFTER_SIEVES, site) if site.toks else None


# --------------------------------------------------------------------------------------------
# A name right before a colon: "... - Jane Roe: “A”", "More from Roe: “A”", "Continued Roe: “A”"
# --------------------------------------------------------------------------------------------

def _colon_name(toks, ctx: Optional[_Context] = None) -> Optional[tuple[int, int]]:
    """(k, end) when toks end with "Name:" (or "Name (R-Tex.):"): the name's words are
    toks[k + 1:end + 1], toks[k] (if k >= 0) the word before them. A capitalized word the tagger
    took for a common noun (headlines: "Lee: “A”") is a name when it names one of the article's
    people (``ctx.names_person``)."""
    if len(toks) < 2 or toks[-1].text not in COLON_TOKENS:
        return None
    k = len(toks) - 2 if toks[-1].text == ":" else len(toks) - 1
    if toks[k].text in (")", "):"):  # "Rep. Roe (R-Tex.):"
        while k >= 0 and toks[k].text != "(":
            k -= 1
        k -= 1
    end = k
    while k >= 0 and not toks[k].is_punct and (toks[k].ent_type_ in ("PERSON", "ORG") or
                                               toks[k].pos_ == "PROPN" or _name_and(toks, k)) and \
            not (toks[k].text.isupper() and len(toks[k].text) > 2):
        k -= 1
    if k == end and ctx is not None and end >= 0 and toks[end].is_title and \
            (end == 0 or toks[end - 1].is_punct) and ctx.names_person(toks[end].text):
        return end - 1, end
    if k == end or not any(t.ent_type_ == "PERSON" or t.pos_ == "PROPN" for t in toks[k + 1:end + 1]):
        return None
    return k, end


def _name_and(toks, k: int) -> bool:
    """The "and" of two names before a colon ("- Ann Lee and Bo Park: “A”")."""
    return toks[k].lower_ == "and" and 0 < k < len(toks) - 1 and \
        all(t.pos_ == "PROPN" or t.ent_type_ == "PERSON" for t in (toks[k - 1], toks[k + 1]))


def _inverted_cue(t, prev) -> bool:
    """"Continued Roe:", whatever the tagger made of "Continued"."""
    return t.text.istitle() and t.lower_.endswith("ed") and _lemma(t) in CUE_LEMMAS and \
        (prev is None or _sentence_end(prev))


def _inverted_cue_at(toks, k: int, end: int):
    """The inverted cue of the name toks[k + 1:end + 1] before a colon, as (cue token, k of
    the name without it), or None."""
    first, before = toks[k + 1], (toks[k] if k >= 0 else None)
    if end > k + 1 and _inverted_cue(first, before):
        return first, k + 1
    if before is not None and _inverted_cue(before, toks[k - 1] if k > 0 else None):
        return before, k
    return None


def _colon_attribution(ctx: _Context, toks, k: int, end: int, cue) -> Optional[_Attribution]:
    span = _mention(ctx, toks[end])
    if span is None or ctx.quoted[toks[end].i]:
        return None
    # the name's words end at the colon: a parse hanging the quote on the name ("Lee: ‘Never
    # trust Park’") must not stretch the mention into the quote
    span = (max(span[0], toks[k + 1].i), min(span[1], toks[end].i + 1))
    if span[0] >= span[1]:
        span = (toks[k + 1].i, toks[end].i + 1)
    if cue is None:
        return _Attribution(span, None, None, "colon")
    return _with_cue(ctx.doc, cue.i, (cue.text, _lemma(cue)), span, "colon", None)


def inverted_cue_colon(site: _Words) -> Optional[_Attribution]:
    """"Continued Roe: “A”": an inverted cue and a name before a colon."""
    found = _colon_name(site.toks)
    inverted = _inverted_cue_at(site.toks, *found) if found is not None else None
    if inverted is None:
        return None
    cue, k = inverted
    return _colon_attribution(site.ctx, site.toks, k, found[1], cue)


def name_colon(site: _Words) -> Optional[_Attribution]:
    """"Jane Roe: “A”" at a line start, "... - Jane Roe: “A”", "More from Roe: “A”"."""
    toks = site.toks
    found = _colon_name(toks, site.ctx)
    if found is None or _inverted_cue_at(toks, *found) is not None:
        return None
    k, end = found
    before = toks[k] if k >= 0 else None
    if before is not None and not _is_dash(before) and before.lower_ not in COLON_NAME_SETTERS:
        return None
    if before is not None and before.lower_ == "from" and toks[end].ent_type_ in PLACE_ENTS:
        return None  # "said the inspector was from Peru: “A”": where, not who
    return _colon_attribution(site.ctx, toks, k, end, None)


COLON_SIEVES = (
    ("inverted-cue-colon", inverted_cue_colon),
    ("name-colon", name_colon),
)


# --------------------------------------------------------------------------------------------
# Before the opening mark: She added, “A” / Smith told reporters: “A” / According to X, “A”
# --------------------------------------------------------------------------------------------

class _Before(_Words):
    def __init__(self, ctx: _Context, seg: _Segment, win: tuple[int, int]):
        super().__init__(ctx, seg, _content(ctx.doc, win[0], win[1]))
        self.last = self.toks[-1] if self.toks else None

    @cached_property
    def scan(self):
        """The word nearest the quote that decides the attribution, as (n, token, cue, head
        of X for "according to X"), or None."""
        doc, toks, last = self.ctx.doc, self.toks, self.last
        generic = _generic_cue_before(toks)
        for n in range(len(toks) - 1, -1, -1):
            tok = toks[n]
            if tok.lower_ == "according":
                acc = _according_to(doc, tok.i)
                if acc is not None and last.text in (",", ":"):
                    return n, tok, None, acc
            cue = _cue(tok) or ((tok.text, lemma(tok).lower()) if tok is generic else None)
            if cue is not None:
                return n, tok, cue, None
        return None


def transcript_colon(site: _Before) -> Optional[_Attribution]:
    """Transcript style "Rep. Smith (R-Tex.): “A”": a short label without a verb."""
    toks, last, ctx = site.toks, site.last, site.ctx
    if last.text not in COLON_TOKENS or len(toks) > MAX_TRANSCRIPT_COLON_TOKENS or \
            any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    head = _first_np(ctx, toks[0].i, last.i)
    if head is not None and (head.ent_type_ == "PERSON" or head.pos_ in ("PROPN", "PRON")):
        return _Attribution(_mention(ctx, head), None, None, "colon")
    return None


def according_to_before(site: _Before) -> Optional[_Attribution]:
    """According to X, “A”."""
    hit = site.scan
    if hit is None or hit[3] is None:
        return None
    doc = site.ctx.doc
    return _with_cue(doc, hit[1].i, ("according to", "according"), _mention(site.ctx, doc[hit[3]]),
                     "according", None)


def _bare_participle(tok) -> bool:
    """A participle cue without a subject of its own ("..., shouting “A”"), not one that
    describes a noun ("a message saying": ``_subject`` finds who sent it)."""
    return tok.tag_ == "VBG" and tok.dep_ != "acl" and _direct_subject(tok) is None


def _participle_subject(ctx: _Context, toks, n: int, tok):
    """"..., when protesters interrupted her, shouting “A”": the subject of the nearest verb
    before the participle, the one whose action the participle goes with. Climbing the parse
    instead (``_subject``) may pass that verb when the parser hangs the participle higher,
    and take the subject of the main clause ("The first incident came ... when ...")."""
    for t in reversed(toks[:n]):
        if t.pos_ not in ("VERB", "AUX") or t.dep_ in ("aux", "auxpass"):
            continue
        if any(a.dep_ in REPORTED_CLAUSE_DEPS for a in (t, *t.ancestors)):
            continue  # a verb of what somebody says ("said he was “outraged”, arguing")
        s = _direct_subject(t)
        if s is not None and not isinstance(s, str) and _speaker_token_ok(ctx, s, tok):
            return s
        return None  # that verb has no subject of its own: the climb in _subject decides
    return None


def _claim_owner(words):
    """"Lee said Park's claim that “A” was false": the quote opening the that-clause of a name's
    claim or statement is the name's words."""
    if len(words) < 2 or words[-1].lower_ != "that":
        return None
    noun = words[-2]
    if noun.pos_ != "NOUN" or lemma(noun).lower() not in CLAIM_NOUNS | STATEMENT_NOUNS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    return owner if owner is not None and (owner.pos_ == "PROPN" or owner.ent_type_ == "PERSON") else None


def _person_object_before_colon(verb, last):
    """"The timing did not surprise pollster Ann Lee: “A”": a verb of feeling whose object, a
    person, ends at the colon: the one moved to speak is the object, not the subject."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if last.text != ":" or obj is None or obj.right_edge.i + 1 != last.i or obj.ent_type_ != "PERSON" or \
            _lemma(verb) not in EXPERIENCER_VERBS:
        return None
    return obj


def cue_before_quote(site: _Before) -> Optional[_Attribution]:
    """She added, “A” / Smith told reporters: “A” / Trump leaned in and boomed: “A”: a
    reporting verb before the quote with nothing but its object or adjuncts after it."""
    hit = site.scan
    if hit is None or hit[2] is None:
        return None
    ctx, toks, last = site.ctx, site.toks, site.last
    n, tok, cue, _ = hit
    after = toks[n + 1:]
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass") and t.tag_ != "VBG"
           and not (" " in cue[0] and t.i == tok.i + 1) for t in after):
        return None
    if last is not tok and last.text not in (",", ":", "that") and not _is_dash(last) and \
            last.dep_ not in ("dobj", "dative", "pobj", "npadvmod", "advmod", "prt", "dep") \
            and not (" " in cue[0] and last.i == tok.i + 1):
        return None
    subj = _quoted_as_saying(tok) or _claim_owner(after)
    if subj is None and _bare_participle(tok):
        subj = _participle_subject(ctx, toks, n, tok)
    if subj is None and _cue(tok) is None:
        subj = _person_object_before_colon(tok, last)
    if subj is None:
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
    return _with_cue(ctx.doc, tok.i, cue, _mention(ctx, subj) if subj is not None else None, "before", tok.i)


BEFORE_SIEVES = (
    ("transcript-colon", transcript_colon),
    *COLON_SIEVES,
    ("according-to-before", according_to_before),
    ("cue-before", cue_before_quote),
)


def attribution_before(ctx: _Context, seg: _Segment, win: tuple[int, int]) -> Optional[_Attribution]:
    """The attribution in the words of the sentence before the opening mark of ``seg``."""
    site = _Before(ctx, seg, win)
    return run(BEFORE_SIEVES, site) if site.toks else None


# --------------------------------------------------------------------------------------------
# The sentence that introduces a quote paragraph: "Caddell continued:" / "In a post, she
# reiterated her support."
# --------------------------------------------------------------------------------------------

class _Intro(_Words):
    """The last sentence of paragraph p."""

    def __init__(self, ctx: _Context, p: int):
        i, j = _last_sentence(ctx, p)
        super().__init__(ctx, None, _content(ctx.doc, i, j))
        self.i, self.j = i, j
        self.colon = any(t.text == ":" for t in ctx.doc[max(i, j - INTRO_COLON_TOKENS):j])


def intro_name_colon(site: _Intro) -> Optional[_Attribution]:
    """"... More from Roe:" ending the paragraph before a quote paragraph."""
    if not site.colon:
        return None
    named = run(COLON_SIEVES, site)
    if named is None:
        return None
    return _Attribution(named.speaker, named.cue, named.lemma, "intro", cue_start=named.cue_start,
                        cue_end=named.cue_end)


def intro_cue(site: _Intro) -> Optional[_Attribution]:
    """"Caddell continued:" / "In a post, she reiterated her support.": a reporting verb of the
    sentence with a subject."""
    ctx = site.ctx
    for tok in ctx.doc[site.i:site.j]:
        if ctx.quoted[tok.i]:
            continue
        cue = _cue(tok)
        if cue is not None and tok.dep_ in ("ROOT", "conj", "ccomp", "advcl"):
            subj = _subject(tok, ctx.quoted)
            if subj is not None and _speaker_token_ok(ctx, subj, tok):
                return _with_cue(ctx.doc, tok.i, cue, _mention(ctx, subj), "intro", None)
    return None


def intro_colon_subject(site: _Intro) -> Optional[_Attribution]:
    """"Then she turned to the crowd:": a person or he/she subject of a sentence ending with a
    colon."""
    if not site.colon:
        return None
    ctx = site.ctx
    for tok in ctx.doc[site.i:site.j]:
        if ctx.quoted[tok.i]:
            continue
        if tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT" and \
                (tok.ent_type_ == "PERSON" or tok.lower_ in ("he", "she")):
            return _Attribution(_mention(ctx, tok), None, None, "intro")
    return None


INTRO_SIEVES = (
    ("intro-name-colon", intro_name_colon),
    ("intro-cue", intro_cue),
    ("intro-colon-subject", intro_colon_subject),
)


def _intro(ctx: _Context, p: int) -> Optional[_Attribution]:
    """The speaker the last sentence of paragraph p introduces for a following quote paragraph."""
    return run(INTRO_SIEVES, _Intro(ctx, p))


# --------------------------------------------------------------------------------------------
# Inheritance: a statement without an attribution of its own
# --------------------------------------------------------------------------------------------

class _Statement:
    """A statement (its segments, in text order) that found no attribution next to its quotes."""

    def __init__(self, ctx: _Context, group: list[_Segment]):
        self.ctx, self.group = ctx, group
        self.first, self.last = group[0], group[-1]

    @cached_property
    def prose_para(self) -> Optional[int]:
        """For a paragraph that is only quotes: the previous paragraph of running text (over a
        few captions and link lines), else None."""
        ctx, seg, text = self.ctx, self.first, self.ctx.text
        if seg.open_at != _first_char(text, ctx.paras[seg.para]) or not _only_quotes(ctx, seg.para):
            return None
        q, hops = seg.para - 1, 0
        while q >= 0 and hops < MAX_SKIPPED_LINES:
            qa, qb = ctx.paras[q]
            if text[qa:qb].strip():
                if _prose(text, qa, qb):
                    break
                hops += 1
            q -= 1
        if q < 0 or hops >= MAX_SKIPPED_LINES:
            return None
        return q

    @cached_property
    def intro(self) -> Optional[_Attribution]:
        q = self.prose_para
        return _intro(self.ctx, q) if q is not None else None


def dash_byline_next_paragraph(site: _Statement) -> Optional[_Attribution]:
    """A quote paragraph signed in the next paragraph: “A.” / "- Jane Roe, in a tweet."
    (the style of fact-checks and quote roundups)."""
    ctx, seg = site.ctx, site.last
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


def previous_sentence(site: _Statement) -> Optional[_Attribution]:
    """The speaker of a reporting verb in the sentence before the statement ("Smith said.
    “A.”")."""
    ctx, seg = site.ctx, site.first
    spk = _previous_sentence_speaker(ctx, seg, ctx.tok_before(seg.open_at),
                                     own_sentence_only=not _opens_its_sentence(ctx, seg))
    return _Attribution(spk, None, None, "inherit") if spk is not None else None


def previous_quote(site: _Statement) -> Optional[_Attribution]:
    """The speaker of an earlier quote of the same paragraph (a few quotes back at most)."""
    ctx, seg = site.ctx, site.first
    plist = ctx.by_para.get(seg.para, [])
    k = ctx.index_in_para[id(seg)]
    for o in reversed(plist[max(0, k - MAX_QUOTES_BACK):k]):
        if o.speaker is not None and not o.single:
            return _Attribution(o.speaker, None, o.cue_lemma, "inherit")
    return None


def previous_paragraph_quote(site: _Statement) -> Optional[_Attribution]:
    """A paragraph that is only a quote continues the last quote of the paragraph of running
    text before it, unless that paragraph introduces somebody else after that quote."""
    q = site.prose_para
    if q is None:
        return None
    ctx, intro = site.ctx, site.intro
    # NB: ``partial`` is not computed yet when this runs (statements.attribute computes it last),
    # so the filter keeps every segment: kept as it was, see the report of the restructuring.
    prev_segs = [s for s in ctx.by_para.get(q, []) if not s.single and not s.partial]
    if not prev_segs:
        return None
    last = prev_segs[-1]
    tail_start = ctx.tok_at(last.close_end)
    if last.speaker is not None and (intro is None or intro.speaker is None or
                                     ctx.doc[intro.speaker[0]].i < tail_start or
                                     intro.speaker == last.speaker):
        return _Attribution(last.speaker, None, last.cue_lemma, "inherit")
    return None


def introduced(site: _Statement) -> Optional[_Attribution]:
    """The speaker the paragraph of running text before a quote-only paragraph introduces
    (INTRO_SIEVES; the attribution keeps the rule of the intro sieve that found it)."""
    return site.intro


INHERITANCE_SIEVES = (
    ("dash-byline-next-paragraph", dash_byline_next_paragraph),
    ("previous-sentence", previous_sentence),
    ("previous-quote", previous_quote),
    ("previous-paragraph-quote", previous_paragraph_quote),
    ("intro", introduced),
)
# The rules of attributions carried over from an earlier sentence, quote or paragraph.
CARRIED_RULES = frozenset(name for name, _ in INHERITANCE_SIEVES)


def inherited(ctx: _Context, group: list[_Segment]) -> Optional[_Attribution]:
    """The attribution of a statement (segments ``group``) that has none of its own."""
    return run(INHERITANCE_SIEVES, _Statement(ctx, group))
