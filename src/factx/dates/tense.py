"""The tense of the verb that governs a date, read from the parse: it chooses whether an
underspecified date ("Tuesday", "November 20") lies before or after the reference date. Works
on spaCy tokens without importing spaCy."""
from __future__ import annotations

import re
from typing import Optional

from factx.nlp import lemma

from .errors import report
from .lexicon import (AFTERMATH_LEMMAS, AHEAD_PREPS, DEADLINE_LEMMAS, FUTURE_AUX, FUTURE_CUES,
                      FUTURE_LEMMAS, GENERIC_MONTH_DAY_RE, MODAL_AHEAD, OUTCOME_NOUNS, PAST_CUES,
                      PLAN_LEMMAS, PLAN_ONLY_WITH_FOR, REPORTING_LEMMAS, SCHEDULED_EVENT_NOUNS,
                      UNDOING_LEMMAS, WEEKDAYS)
from .values import FUTURE, HABITUAL, PAST, PAST_STRICT, PRESENT


def tense_of(span) -> Optional[str]:
    """"past", "present" or "future" from the verb that governs a date in the parse ("habitual"
    for a day of "the month" in the simple present of a habit, see ``_is_habitual``)."""
    try:
        for tok in span:
            if tok.lower_ in FUTURE_CUES:
                return FUTURE
            if tok.lower_ in PAST_CUES and not _ordinal_last(tok):
                return PAST
        doc = span.doc
        if _up_to_now(span):
            return PAST_STRICT
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


def _ordinal_last(tok) -> bool:
    """"last" as an ordinal ("the last Friday of the month", "the last Monday in May"), which
    says nothing of the past."""
    doc = tok.doc
    return tok.lower_ == "last" and tok.i + 2 < len(doc) and \
        doc[tok.i + 1].lower_.rstrip(".") in WEEKDAYS and doc[tok.i + 2].lower_ in ("of", "in")


# what ends a stretch of time at the reference date: "from March to date", "until now"
_NOW_WORDS = {"now", "today", "date", "present"}


def _up_to_now(span) -> bool:
    """A date a stretch of time runs from up to the reference date, which cannot lie after it
    whatever the verb's tense: the object of "since" ("prices have risen since January",
    "inflation since March"; not the conjunction, "since Friday is a holiday"), and the start
    of "from ... to now/date/the present"."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ == "since":
        prep = doc[span.start - 1]
        return prep.dep_ != "mark" and (span.root.head.i == prep.i or prep.dep_ == "prep") \
            and not _subject_of_next_verb(span)
    if span.start > 0 and doc[span.start - 1].lower_ == "from":
        nxt = [t.lower_ for t in doc[span.end:span.end + 3]]
        return len(nxt) >= 2 and nxt[0] in ("to", "until", "till", "through") and (
            nxt[1] in _NOW_WORDS or nxt[1] == "the" and nxt[2:3] == ["present"])
    return False


def _subject_of_next_verb(span) -> bool:
    """Whether the date is the subject of the finite verb right after it, which has none in the
    parse ("since Friday is a holiday": "since" the conjunction, read as a preposition)."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].tag_ not in ("VBZ", "VBP", "VBD", "MD"):
        return False
    verb = doc[span.end]
    if verb.dep_ in ("aux", "auxpass") and verb.head.i != verb.i:
        verb = verb.head
    return not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children)


def _governing_verb(tok):
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def _is_past(verb) -> bool:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes)


def _names_a_plan(verb, span) -> bool:
    """"scheduled for Monday", "planned a march on Sunday", "was expected Friday", "the vote was
    set for May 3": the verb plans or expects the event the date belongs to."""
    if lemma(verb) not in FUTURE_LEMMAS:
        return False
    if lemma(verb) in PLAN_ONLY_WITH_FOR:
        # "is set Tuesday" is a plan, "the fire was set Friday night" an act
        passive_now = any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
        prep = span.root.head if span.root.dep_ == "pobj" else None
        return passive_now or (prep is not None and prep.lower_ == "for")
    return True


def _plan_of(verb, span):
    """The verb of planning or expecting that the date's event depends on: the governing verb
    itself, or the verb whose infinitive complement governs the date ("were planning to march
    on Sunday", "was expected to arrive Friday", "agreed to meet Monday"); None otherwise."""
    if _names_a_plan(verb, span):
        return verb
    if verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head  # "is expected to sign and join the squad Saturday"
    head = verb.head
    infinitive = verb.tag_ == "VB" or verb.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.tag_ == "VB" for c in verb.children)  # "to be charged"
    if verb.dep_ == "xcomp" and infinitive and head.i != verb.i and \
            (lemma(head) in PLAN_LEMMAS or head.lower_ == "going" or
             lemma(head) == "be" and head.tag_ in ("VBZ", "VBP")):
        # "agreed to meet Monday", "is going to resign Friday", "is expected to be charged
        # Friday", "the bill is to be voted on Thursday"
        return head
    return None


def _plan_tense(span, verb, plan) -> Optional[str]:
    """A plan, an expectation or a commitment points after the time it is made, told in any
    tense ("the talks were scheduled for Monday", "protesters planned a march on Saturday"):
    the future. Two exceptions: a date written before a past verb of planning tells when the
    planning happened ("On Friday, the city planned to pay ..."), and a planned event named in
    a past clause that reports its outcome ("a service planned for Saturday was canceled") may
    lie on either side of the reference date: no tense, the nearest date."""
    if span.start < plan.i and _is_past(plan):
        return PAST
    if plan is verb and verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "relcl") and \
            not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        outcome = _governing_verb(verb.head) if verb.head is not verb else None
        if outcome is not None and _is_past(outcome):
            return None
    return FUTURE


def _ahead_prep(noun) -> bool:
    """Whether ``noun`` is the object of a preposition of what lies ahead ("ahead of", "before",
    "on the eve of")."""
    if noun.dep_ != "pobj":
        return False
    prep = noun.head
    doc = noun.doc
    for words in AHEAD_PREPS:
        first = prep.i - len(words) + 1
        if first >= 0 and tuple(t.lower_ for t in doc[first:prep.i + 1]) == words:
            return True
    return False


def _modifier_tense(span) -> Optional[str]:
    """A date modifying a noun ("Wednesday's ruling", "first-half sales") is not dated by the
    clause's verb in general ("will appeal Wednesday's ruling"); but what a plain past verb
    reports of it ("first-half sales rose", "Monday's blast killed 12") has happened: past.
    Not with a verb that may act on a coming event ("canceled Friday's meeting"). The date of
    an event held on a set day takes the future of its clause ("will play in Sunday's game"),
    and one after a preposition of what lies ahead, in a clause not told in the past, lies
    ahead ("gathering ahead of Tuesday's vote"); but not an event the clause looks back on
    ("will review Sunday's game", "will study the results of Sunday's vote"): no tense, the
    nearest such day."""
    noun = span.root.head
    if noun.i != span.root.i and noun.pos_ in ("NOUN", "PROPN"):
        ahead = _ahead_prep(noun)
        if ahead or lemma(noun) in SCHEDULED_EVENT_NOUNS:
            clause = _verb_tense(noun.doc[noun.i:noun.i + 1])
            if clause == FUTURE and not ahead and _looks_back_on(noun):
                return None
            if clause == FUTURE or clause != PAST and ahead:
                return FUTURE
    verb = _governing_verb(span.root.head)
    if verb is None or not _is_past(verb) or lemma(verb) in UNDOING_LEMMAS | FUTURE_LEMMAS | \
            DEADLINE_LEMMAS | PLAN_LEMMAS:
        return None
    if any(c.lower_ in FUTURE_AUX for c in verb.children):
        return None
    return PAST


def _looks_back_on(noun) -> bool:
    """Whether the clause acts on the event ``noun`` after it: a noun of its outcome between the
    two ("the results of Sunday's vote") or a verb of aftermath governing it ("will review
    Sunday's game")."""
    tok = noun
    for _ in range(8):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ in ("NOUN", "PROPN") and lemma(tok) in OUTCOME_NOUNS:
            return True
        if tok.pos_ in ("VERB", "AUX"):
            return lemma(tok) in AFTERMATH_LEMMAS
    return False


def _verb_tense(span) -> Optional[str]:
    if span.root.dep_ in ("poss", "compound", "amod"):
        return _modifier_tense(span)
    verb = _governing_verb(span.root)
    if verb is None:
        return None
    verb = _reporting_verb_before_clause(span, verb) or verb
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    if aux_words & FUTURE_AUX or verb.lower_ in FUTURE_AUX:
        return FUTURE
    if verb.lower_ == "going" and any(c.tag_ == "VB" for c in verb.children):
        return FUTURE  # "is going to meet" (not "went to the factory Saturday to listen")
    plan = _plan_of(verb, span)
    if plan is not None:
        return _plan_tense(span, verb, plan)
    if _is_past(verb):
        return PAST
    if any(lemma(a) == "have" for a in auxes):
        return PAST  # the perfect reports the past
    if aux_words & MODAL_AHEAD and _is_infinitive(verb):
        return FUTURE  # "talks may resume Tuesday", "the mayor may be charged Friday"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        if _is_habitual(span, verb, auxes):
            return HABITUAL
        return FUTURE if _is_scheduled(span, verb) else PRESENT
    return _participle_tense(verb, auxes)


def _reporting_verb_before_clause(span, verb):
    """A date between a verb of reporting and the subject of its complement clause tells when
    it was said ("the company said Monday it would close the plant"), though the parser often
    hangs it on the clause: that verb of reporting, or None. Not a date after "that" ("said
    that on Monday it would"), which opens the clause."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.i == verb.i or lemma(head) not in REPORTING_LEMMAS or \
            not head.i < span.start:
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subjects or span.end > subjects[0].left_edge.i:
        return None
    doc = span.doc
    if any(t.dep_ == "mark" or t.lower_ == "that" for t in doc[head.i + 1:span.start]):
        return None
    return head


def _is_infinitive(verb) -> bool:
    """A plain infinitive, active or passive: "resume", "be charged"."""
    return verb.tag_ == "VB" or verb.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.tag_ == "VB" for c in verb.children)


def _participle_tense(verb, auxes) -> Optional[str]:
    """A participle with no auxiliary has no tense of its own: it happens when the clause it
    hangs on does ("was injured while cycling to work on Wednesday", "was robbed outside a
    pharmacy, located off Elm Road, around 9 p.m. Wednesday"). Past when that clause is past or
    perfect ("a man detained Tuesday has died in custody")."""
    if auxes or verb.tag_ not in ("VBG", "VBN") or \
            verb.dep_ not in ("advcl", "acl", "xcomp", "conj", "pcomp"):
        return None
    head = _governing_verb(verb.head) if verb.head.i != verb.i else None
    if head is None or any(c.lower_ in FUTURE_AUX for c in head.children):
        return None
    perfect = any(c.dep_ == "aux" and lemma(c) == "have" for c in head.children)
    return PAST if _is_past(head) or perfect else None


def _is_finite_clause(verb) -> bool:
    """A present-tense verb heading a clause of its own: it has a subject (or shares one, "was
    arrested and faces trial"), and it is the main verb or depends on a verb, present or one of
    reporting ("said the talks end in May"). A
    word the tagger took for a present verb inside a past sentence ("took two officers hostage
    on Monday", "hostage" read as a verb) or a noun phrase ("the look and feel") is none."""
    head = verb.head
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return True  # "was arrested and faces trial in May": the subject is shared
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children):
        return False
    if verb.dep_ == "ROOT":
        return True
    if head.pos_ not in ("VERB", "AUX"):
        return False
    return not _is_past(head) or lemma(head) in REPORTING_LEMMAS


def _is_habitual(span, verb, auxes) -> bool:
    """The simple present of a habit: a verb in the simple present (no auxiliary: not "is
    meeting", "has met", "will meet") of a clause of its own, with a date that names a day of
    the generic "the month" ("the board meets on the first Monday of the month", "pays out the
    last Friday of the month"): the day recurs, as "every month" would say."""
    if auxes or verb.tag_ not in ("VBZ", "VBP") or lemma(verb) in REPORTING_LEMMAS:
        return False
    return bool(re.fullmatch(GENERIC_MONTH_DAY_RE, span.text.lower())) and _is_finite_clause(verb)


def _is_scheduled(span, verb) -> bool:
    """A date on a verb in the simple present or the present progressive names a scheduled
    event, which lies ahead ("the talks end in December", "the minister arrives Friday", "the
    court is hearing the case on Monday", "the deadline is Friday"): news tells what happened in
    the past tense. Not so for a verb of reporting ("says Tuesday") nor for a date inside a noun
    phrase ("the attack on Tuesday is the third"), which the verb does not date."""
    if lemma(verb) in REPORTING_LEMMAS or not _is_finite_clause(verb):
        return False
    root = span.root
    head = root.head
    # spaCy makes a new token object on every access: compare positions, not identities
    if head.i == verb.i:
        return True
    return root.dep_ == "pobj" and head.dep_ == "prep" and head.head.i == verb.i
