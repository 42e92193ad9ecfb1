"""The tense of the verb that governs a date, read from the parse: it chooses whether an
underspecified date ("Tuesday", "November 20") lies before or after the reference date. Works
on spaCy tokens without importing spaCy."""
from __future__ import annotations

from typing import Optional

from factx.nlp import lemma

from .errors import report
from .lexicon import DEADLINE_LEMMAS, FUTURE_AUX, FUTURE_CUES, FUTURE_LEMMAS, PAST_CUES
from .values import FUTURE, PAST, PRESENT


def tense_of(span) -> Optional[str]:
    """"past", "present" or "future" from the verb that governs a date in the parse."""
    try:
        for tok in span:
            if tok.lower_ in FUTURE_CUES:
                return FUTURE
            if tok.lower_ in PAST_CUES:
                return PAST
        doc = span.doc
        if span.start > 0 and doc[span.start - 1].lower_ in ("until", "till", "through"):
            # a deadline ("open until 9 a.m. Tuesday", "postponed until Tuesday") lies ahead;
            # otherwise a past clause may end on either side ("until Thursday, they had not
            # named him"): no tense, the nearest date
            verb = _governing_verb(span.root)
            if verb is not None and lemma(verb) in DEADLINE_LEMMAS | FUTURE_LEMMAS:
                return FUTURE
            return None if _verb_tense(span) == PAST else FUTURE
        return _verb_tense(span)
    except Exception as exc:  # noqa: BLE001 - an odd parse must not lose the date
        report("tense", exc, span.text)
        return None


def _governing_verb(tok):
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def _is_past(verb) -> bool:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes)


def _verb_tense(span) -> Optional[str]:
    if span.root.dep_ in ("poss", "compound", "amod"):
        return None  # "Wednesday's ruling": the verb of the clause does not date it
    verb = _governing_verb(span.root)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    if aux_words & FUTURE_AUX or verb.lower_ in FUTURE_AUX:
        return FUTURE
    if lemma(verb) == "go" and any(c.tag_ == "VB" for c in verb.children):
        return FUTURE  # "is going to meet"
    if lemma(verb) in FUTURE_LEMMAS:
        # "is scheduled for Tuesday" lies ahead; "On Friday, the city planned to ..." tells when
        # the planning happened (past); a plan's date told in the past ("the meeting was
        # scheduled for Tuesday", "a service planned for Saturday was canceled") lies after the
        # planning, on either side of the reference date: no tense, the nearest date
        if verb.tag_ == "VBD":
            return PAST
        head = _governing_verb(verb.head) if verb.tag_ == "VBN" and not auxes and \
            verb.head is not verb else None
        if _is_past(verb) or head is not None and _is_past(head):
            return None
        return FUTURE
    if _is_past(verb):
        return PAST
    if any(lemma(a) == "have" for a in auxes):
        return PAST  # the perfect reports the past
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return PRESENT
    return None
