"""Recurring times (TIMEX3 SET): "daily", "every year", "every other Monday", "twice a week",
"Tuesday nights". As in the TimeML 1.2.1 specification, a set that recurs every so often is
written by its period ("daily" -> P1D, "every other week" -> P2W, "twice a month" -> P1M with
freq 2X), and one that recurs on a named time by that time's pattern ("every Tuesday" ->
XXXX-WXX-2, "Tuesday nights" -> XXXX-WXX-2TNI, "each July" -> XXXX-07)."""
from __future__ import annotations

import re
from typing import Optional

from ..lexicon import (ADVERB_QUANT, GENERIC_MONTH_DAY_RE, MONTH_RE, NTH_WEEKDAY_RE, NUMBER_WORDS, PARTS_OF_DAY, POD_RE, QTY_RE, SEASON_RE,
                       SEASONS, SET_ADVERBS, SET_QUANTIFIERS, SET_VAGUE_COUNTS, TIMES_WORDS, UNIT_RE,
                       WEEKDAY_RE)
from ..values import HABITUAL, Timex, set_period
from .common import month_of, weekday_of


def set_adverb(t: str, ref, tense) -> Optional[Timex]:
    """"daily", "annually", "quarterly"."""
    if t in SET_ADVERBS:
        value, freq = SET_ADVERBS[t]
        return Timex("set", value, freq=freq, quant=ADVERB_QUANT)
    return None


def quant_of(t: str) -> Optional[str]:
    """The TIMEX3 quant of a set's text: its quantifier word ("every week" EVERY, "the second
    Tuesday of each month" EACH), None when it has none ("twice a week", "Sundays")."""
    m = re.search(r"\b(" + "|".join(SET_QUANTIFIERS) + r")\b", t)
    return SET_QUANTIFIERS[m.group(1)] if m else None


def set_every_unit(t: str, ref, tense) -> Optional[Timex]:
    """"every year", "each week", "every other week", "every two months", "per day"; a vague
    count recurs by an unknown number of units ("every few weeks": PXW)."""
    vague = "|".join(SET_VAGUE_COUNTS)
    m = re.fullmatch(rf"(?:every|each|per)\s+(?:(other)\s+)?(?:({QTY_RE}|\d+|{vague})\s+)?({UNIT_RE})", t)
    if not m:
        return None
    unit = m.group(3)
    if unit.startswith("weekend"):
        return Timex("set", "XXXX-WXX-WE", quant=quant_of(t))
    count = 2 if m.group(1) else _count(m.group(2)) if m.group(2) else 1
    value = set_period(unit, count or 1)
    if value and not count:
        value = re.sub(r"\d+", "X", value)  # "every few days": PXD
    return Timex("set", value, quant=quant_of(t)) if value else None


def _count(word: str) -> Optional[int]:
    """The whole number a count word or figure says ("two", "3"), or None."""
    if word.isdigit():
        return int(word)
    n = NUMBER_WORDS.get(word)
    return int(n) if n is not None and float(n).is_integer() else None


def set_every_weekday(t: str, ref, tense) -> Optional[Timex]:
    """"every Monday", "each Friday night", "Sundays", "Tuesday nights"."""
    m = re.fullmatch(rf"(?:every|each)\s+(?P<wd>{WEEKDAY_RE})(?:\s+(?P<pod>{POD_RE}))?", t) or \
        re.fullmatch(r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s"
                     rf"(?:\s+(?P<pod>{POD_RE})s)?", t) or \
        re.fullmatch(r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+"
                     rf"(?P<pod>{POD_RE})s", t)
    if not m:
        return None
    pod = PARTS_OF_DAY[m.group("pod")] if m.group("pod") else ""
    return Timex("set", f"XXXX-WXX-{weekday_of(m.group('wd'))}{pod}", quant=quant_of(t))


def set_nth_weekday_monthly(t: str, ref, tense) -> Optional[Timex]:
    """"every first Monday", "the second Tuesday of each month", "each last Friday of the
    month", "the second and fourth Tuesdays of each month": a weekday recurring in each month, a set with the weekday's pattern in each month
    ("XXXX-XX-WXX-2"), never one date."""
    m = re.fullmatch(rf"(?:every|each)\s+(?:first|second|third|fourth|last)\s+(?P<wd>{WEEKDAY_RE})"
                     r"(?:\s+(?:of|in)\s+(?:the|each|every)\s+month)?", t) or \
        re.fullmatch(rf"the\s+{NTH_WEEKDAY_RE}(?:(?:,\s*|\s+and\s+|\s+or\s+){NTH_WEEKDAY_RE})*\s+"
                     rf"(?P<wd>{WEEKDAY_RE})s?\s+(?:of|in)\s+(?:each|every)\s+month", t)
    if not m:
        return None
    return Timex("set", f"XXXX-XX-WXX-{weekday_of(m.group('wd'))}", quant=quant_of(t))


def set_habitual_month_day(t: str, ref, tense) -> Optional[Timex]:
    """"the first Monday of the month" told in the simple present of a habit ("the board meets
    on the first Monday of the month", tense ``HABITUAL``): the weekday recurring in each month,
    a set like "the first Monday of every month" ("XXXX-XX-WXX-1"). In any other tense it is one
    day ("met on the first Monday of the month": a calendar rule reads it)."""
    m = re.fullmatch(GENERIC_MONTH_DAY_RE, t) if tense == HABITUAL else None
    if not m:
        return None
    return Timex("set", f"XXXX-XX-WXX-{weekday_of(m.group('wd'))}")


def set_every_month(t: str, ref, tense) -> Optional[Timex]:
    """"every July"."""
    m = re.fullmatch(rf"(?:every|each)\s+({MONTH_RE})", t)
    if not m:
        return None
    return Timex("set", f"XXXX-{month_of(m.group(1)):02d}", quant=quant_of(t))


def set_every_season(t: str, ref, tense) -> Optional[Timex]:
    """"every summer"."""
    m = re.fullmatch(rf"(?:every|each)\s+({SEASON_RE})", t)
    if not m:
        return None
    return Timex("set", f"XXXX-{SEASONS[m.group(1)]}", quant=quant_of(t))


def set_every_part_of_day(t: str, ref, tense) -> Optional[Timex]:
    """"every morning", "each evening"; a plural part of the day, "(in the) mornings",
    recurs the same way, with no quantifier ("every night" is XXXX-XX-XXTNI as "Sundays" is
    XXXX-WXX-7)."""
    m = re.fullmatch(rf"(?:every|each)\s+({POD_RE})", t) or \
        re.fullmatch(r"(?:the\s+)?(morning|afternoon|evening)s", t)
    if not m:
        return None
    return Timex("set", f"XXXX-XX-XX{PARTS_OF_DAY[m.group(1)]}", quant=quant_of(t))


def set_weekends(t: str, ref, tense) -> Optional[Timex]:
    """"weekends" ("open on weekends"): the weekend recurring, as "every weekend"."""
    return Timex("set", "XXXX-WXX-WE") if t == "weekends" else None


def set_times_per_unit(t: str, ref, tense) -> Optional[Timex]:
    """"twice a week", "three times per year", "once a month", "four times each year"."""
    m = re.fullmatch(rf"(?P<n>once|twice|thrice|(?P<k>{QTY_RE}|\d+)\s+times)\s+(?:a|an|per|every|each)\s+"
                     rf"(?P<unit>{UNIT_RE})", t)
    if not m:
        return None
    value = set_period(m.group("unit"))
    if value is None:
        return None
    k = m.group("k")
    n = TIMES_WORDS.get(m.group("n")) or (int(k) if k and k.isdigit() else NUMBER_WORDS.get(k or ""))
    return Timex("set", value, freq=f"{int(n)}X" if n else None, quant=quant_of(t))


def set_amount_per_unit(t: str, ref, tense) -> Optional[Timex]:
    """"24 hours a day", "three days per week", "an hour a day". As the TimeML 1.2.1
    specification writes "three days every month" (SET P1M, freq 3D): the period is the value
    and the amount in each goes in ``freq``."""
    m = re.fullmatch(rf"(?P<n>{QTY_RE})\s+(?P<u1>{UNIT_RE})\s+(?:a|an|per|every|each)\s+"
                     rf"(?P<u2>{UNIT_RE})", t)
    if not m:
        return None
    value, amount = set_period(m.group("u2")), set_period(m.group("u1"), _count(m.group("n")) or 1)
    if value is None or amount is None:
        return None
    n = _count(m.group("n"))
    freq = re.sub(r"^PT?", "", amount) if n else None
    return Timex("set", value, freq=freq, quant=quant_of(t))
