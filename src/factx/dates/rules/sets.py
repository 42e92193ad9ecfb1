"""Recurring times (TIMEX3 SET): "daily", "every year", "every other Monday", "twice a week",
"Tuesday nights". A set's value is the calendar pattern it recurs on ("XXXX-WXX-2TNI"), never
a length of time; how often within it goes in ``freq`` ("2X")."""
from __future__ import annotations

import re
from typing import Optional

from ..lexicon import (MONTH_RE, NUMBER_WORDS, PARTS_OF_DAY, POD_RE, QTY_RE, SEASON_RE, SEASONS,
                       SET_ADVERBS, TIMES_WORDS, UNIT_RE, WEEKDAY_RE)
from ..values import Timex, set_pattern
from .common import month_of, weekday_of


def set_adverb(t: str, ref, tense) -> Optional[Timex]:
    """"daily", "annually", "quarterly"."""
    if t in SET_ADVERBS:
        value, freq = SET_ADVERBS[t]
        return Timex("set", value, freq=freq)
    return None


def set_every_unit(t: str, ref, tense) -> Optional[Timex]:
    """"every year", "each week", "every other week", "every two months", "per day"."""
    m = re.fullmatch(rf"(?:every|each|per)\s+(?:(other)\s+)?(?:({QTY_RE})\s+)?({UNIT_RE})", t)
    if not m:
        return None
    value = set_pattern(m.group(3))
    return Timex("set", value) if value else None


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
    return Timex("set", f"XXXX-WXX-{weekday_of(m.group('wd'))}{pod}")


def set_every_month(t: str, ref, tense) -> Optional[Timex]:
    """"every July"."""
    m = re.fullmatch(rf"(?:every|each)\s+({MONTH_RE})", t)
    if not m:
        return None
    return Timex("set", f"XXXX-{month_of(m.group(1)):02d}")


def set_every_season(t: str, ref, tense) -> Optional[Timex]:
    """"every summer"."""
    m = re.fullmatch(rf"(?:every|each)\s+({SEASON_RE})", t)
    if not m:
        return None
    return Timex("set", f"XXXX-{SEASONS[m.group(1)]}")


def set_every_part_of_day(t: str, ref, tense) -> Optional[Timex]:
    """"every morning", "mornings"."""
    m = re.fullmatch(rf"(?:every|each)\s+({POD_RE})", t)
    if not m:
        return None
    return Timex("set", f"XXXX-XX-XX{PARTS_OF_DAY[m.group(1)]}")


def set_times_per_unit(t: str, ref, tense) -> Optional[Timex]:
    """"twice a week", "three times per year", "once a month"."""
    m = re.fullmatch(rf"(?P<n>once|twice|thrice|(?P<k>{QTY_RE}|\d+)\s+times)\s+(?:a|an|per|every)\s+"
                     rf"(?P<unit>{UNIT_RE})", t)
    if not m:
        return None
    value = set_pattern(m.group("unit"))
    if value is None:
        return None
    k = m.group("k")
    n = TIMES_WORDS.get(m.group("n")) or (int(k) if k and k.isdigit() else NUMBER_WORDS.get(k or ""))
    return Timex("set", value, freq=f"{int(n)}X" if n else None)
