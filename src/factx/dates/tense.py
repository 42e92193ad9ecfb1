"""The tense of the verb that governs a date, read from the parse: it chooses whether an
underspecified date ("Tuesday", "November 20") lies before or after the reference date. Works
on spaCy tokens without importing spaCy."""
from __future__ import annotations

from typing import Optional

from .errors import report
from .lexicon import FUTURE_AUX, FUTURE_CUES, FUTURE_LEMMAS, PAST_CUES
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
            return FUTURE  # a deadline: "until 9 a.m. Tuesday"
        if span.root.dep_ in ("poss", "compound", "amod"):
            return None  # "Wednesday's ruling": the verb of the clause does not date it
        verb = span.root
        for _ in range(8):
            if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
                break
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        aux_words = {a.lower_ for a in auxes}
        if aux_words & FUTURE_AUX or verb.lower_ in FUTURE_AUX:
            return FUTURE
        if verb.lemma_ == "go" and any(c.tag_ == "VB" for c in verb.children):
            return FUTURE  # "is going to meet"
        if verb.lemma_ in FUTURE_LEMMAS and not (
                verb.tag_ == "VBD" and not any(a.lemma_ == "be" for a in auxes)):
            return FUTURE
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return PAST
        if any(a.lemma_ == "have" for a in auxes):
            return PAST  # the perfect reports the past
        if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return PRESENT
    except Exception as exc:  # noqa: BLE001 - an odd parse must not lose the date
        report("tense", exc, span.text)
        return None
    return None
