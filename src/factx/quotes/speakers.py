"""Pass 3 of quote extraction: speaker mentions -> names.

Name identity is ``factx.names``' and the article's people are ``factx.entities``': a speaker is
one of those people, named exactly as in the article's ``people`` list.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from factx import names
from factx.lexicon import GENDER_PRONOUNS
from factx.quotes.grammar import _Context, _mention
from factx.quotes.sieves import CARRIED_RULES
from factx.quotes.lexicon import (CONTINUATION_CUES, PRONOUN_LOOKBACK_CHARS, RELATIVE_PRONOUNS,
                                  SUBJECT_PRONOUNS, WRITER_PRONOUNS)

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
    # noun ("Sanders" as NOUN) is named by its head, a lone capitalized word by itself (a surname
    # the tagger took for a noun: "Lee: “A”" fits one person of the article, or no one)
    words = tagged or [t for t in toks if t.pos_ == "PROPN"] or \
        [toks.root] * bool(cast.overlapping(toks.root.idx, toks.root.idx + len(toks.root.text))) or \
        [toks[0]] * (j - i == 1 and toks[0].is_title)
    if words:
        person = _named(ctx, cast, toks, words)
        if person is not None:
            return cast.called[person], person
    if tagged:
        return re.sub(r"[’']s$", "", " ".join(t.text for t in tagged)), None
    return re.sub(r"[’']s$", "", doc[i:j].text).strip() or None, None


def speaker_via(ctx: _Context, span: Optional[tuple[int, int]], rule: Optional[str]) -> Optional[str]:
    """How a speaker mention (token span) was found: "previous" when an inheritance sieve carried
    it over, else "writer" ("I" or "we" outside quotation marks), "pronoun" ("she", "who"),
    "name" (a proper name in the mention) or "description" ("his attorneys"); None without a
    speaker."""
    if span is None:
        return None
    if rule in CARRIED_RULES:
        return "previous"
    toks = ctx.doc[span[0]:span[1]]
    if len(toks) == 1 and toks[0].lower_ in WRITER_PRONOUNS and not ctx.quoted[toks[0].i]:
        return "writer"
    if len(toks) == 1 and (toks[0].pos_ == "PRON" or toks[0].lower_ in SUBJECT_PRONOUNS | RELATIVE_PRONOUNS):
        return "pronoun"
    if any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in toks):
        return "name"
    return "description"
