"""Recurring times (TIMEX3 SET): "daily", "every year", "every other Monday", "twice a week"."""
from __future__ import annotations

import re
from typing import Optional

from ..lexicon import (MONTH_RE, PARTS_OF_DAY, POD_RE, QTY_RE, SEASON_RE, SEASONS, SET_ADVERBS,
                       UNIT_RE, WEEKDAY_RE)
from ..values import Timex, duration_value, parse_quantity
from .common import month_of, weekday_of


def set_adverb(t: str, ref, tense) -> Optional[Timex]:
    """"daily", "annually", "quarterly"."""
    if t in SET_ADVERBS:
        return Timex("set", SET_ADVERBS[t])
    return None


def set_every_unit(t: str, ref, tense) -> Optional[Timex]:
    """"every year", "each other week", "every two months", "per day"."""
    m = re.fullmatch(rf"(?:every|each|per)\s+(?:(other)\s+)?(?:({QTY_RE})\s+)?({UNIT_RE})", t)
    if not m:
        return None
    qty = parse_quantity(m.group(2)) if m.group(2) else 1.0
    if m.group(1):
        qty = 2.0
    return Timex("set", duration_value(qty or 1.0, m.group(3)))


def set_every_weekday(t: str, ref, tense) -> Optional[Timex]:
    """"every Monday", "each Friday night", "Sundays"."""
    m = re.fullmatch(rf"(?:every|each)\s+({WEEKDAY_RE})(?:\s+({POD_RE}))?", t) or \
        re.fullmatch(r"(mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)", t)
    if not m:
        return None
    wd = weekday_of(m.group(1).rstrip("s")) if m.group(1).endswith("days") else weekday_of(
        m.group(1))
    return Timex("set", f"XXXX-WXX-{wd}")


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
    """"every morning"."""
    m = re.fullmatch(rf"(?:every|each)\s+({POD_RE})", t)
    if not m:
        return None
    return Timex("set", f"XXXX-XX-XX{PARTS_OF_DAY[m.group(1)]}")


def set_times_per_unit(t: str, ref, tense) -> Optional[Timex]:
    """"twice a week", "three times per year"."""
    m = re.fullmatch(rf"(?:once|twice|three times|\w+ times)\s+(?:a|an|per|every)\s+({UNIT_RE})", t)
    if not m:
        return None
    return Timex("set", duration_value(1.0, m.group(1)))
