"""Clock times, alone or with a day: "10:35 a.m.", "noon", "9 a.m. Tuesday"."""
from __future__ import annotations

import datetime as _dt
import re
from typing import Optional

from ..direction import resolve_weekday
from ..lexicon import CLOCK_RE, DAY_OFFSETS, NUMBER_WORDS, POD_RE, TZ_RE, WEEKDAY_RE, WEEKDAYS
from ..values import Timex, tod
from .calendar import calendar
from .common import weekday_of


def clock_time(t: str, ref, tense) -> Optional[Timex]:
    """Clock times, alone or with a day: "10:35 a.m.", "noon", "9 a.m. Tuesday",
    "Tuesday at 9 a.m.", "4 in the morning", "10 p.m. EDT Thursday"."""
    m = re.fullmatch(
        rf"(?:(?P<wd1>{WEEKDAY_RE}|today|yesterday|tomorrow|tonight)(?:\s+{POD_RE})?,?\s+"
        rf"(?:(?:at|from|by|around|about|after|before|until)\s+)?)?(?:at\s+|about\s+|around\s+)?"
        rf"{CLOCK_RE}{TZ_RE}"
        rf"(?:,?\s+(?:on\s+)?(?P<wd2>{WEEKDAY_RE}|today|yesterday|tomorrow|tonight)"
        rf"(?:\s+{POD_RE})?)?(?:\s+(?P<rest>.+))?", t)
    if not m or m.group("rest"):
        return None
    clock = _hour_minute(m)
    if clock is None:
        return None
    hour, minute = clock
    day = m.group("wd1") or m.group("wd2")
    if ref is None:
        date_part = f"XXXX-WXX-{weekday_of(day)}" if day and day.rstrip(".") in WEEKDAYS else \
            "XXXX-XX-XX"
        return Timex("time", date_part + tod(hour, minute), None, True)
    if day and day.rstrip(".") in WEEKDAYS:
        d = resolve_weekday(ref, weekday_of(day), tense)
    elif day:
        d = ref + _dt.timedelta(days=DAY_OFFSETS.get(day, 0))
    else:
        d = ref
    return Timex("time", d.isoformat() + tod(hour, minute), None, True)


def _hour_minute(m: re.Match) -> Optional[tuple[int, int]]:
    """Hour and minute of a match of CLOCK_RE (24:00 for midnight, as TimeML writes it)."""
    if m.group("mil"):
        hour, minute = int(m.group("mil")[:2]), int(m.group("mil")[2:])
    elif m.group("word"):
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[m.group("word")]
    elif m.group("h24"):
        hour, minute = int(m.group("h24")), int(m.group("mi24"))
        if m.group("pod24") in ("afternoon", "evening", "night") and hour < 12 and \
                not (m.group("pod24") == "night" and hour < 5):
            hour += 12  # "3:15 in the afternoon", as "3 in the afternoon"
    elif m.group("hw"):
        h = m.group("hw")
        hour = int(h) if h.isdigit() else int(NUMBER_WORDS.get(h, 10 if h == "ten" else 0))
        minute = 0
        if m.group("pod") in ("afternoon", "evening", "night") and hour < 12:
            hour = hour + 12 if not (m.group("pod") == "night" and hour < 5) else hour
    else:
        hour, minute = int(m.group("h")), int(m.group("mi") or 0)
        pm = m.group("ampm").startswith("p")
        if pm and hour < 12:
            hour += 12
        elif not pm and hour == 12:
            hour = 0
    if hour > 24 or minute > 59:
        return None
    return hour, minute


def clock_with_date(t: str, ref, tense) -> Optional[Timex]:
    """A clock time with a calendar date, in either order: "5 p.m. EST Nov. 9", "Nov. 9, 1989,
    at 5 p.m.", "noon Friday, Nov. 3": the day as the calendar rules read it, at that time."""
    m = re.fullmatch(rf"(?:at\s+|about\s+|around\s+)?{CLOCK_RE}{TZ_RE},?\s+(?:on\s+)?(?P<date>.+)",
                     t) or \
        re.fullmatch(rf"(?P<date>.+?),?\s+(?:at|by|around|about|before|after|until|from)\s+"
                     rf"{CLOCK_RE}{TZ_RE}", t)
    if not m:
        return None
    clock = _hour_minute(m)
    day = calendar(m.group("date"), ref, tense)
    if clock is None or day is None or day.type != "date" or not day.value or \
            not re.fullmatch(r"(?:\d{4}|XXXX)-\d\d-\d\d", day.value):
        return None
    return Timex("time", day.value + tod(*clock), None, day.relative)


_DAY_VALUE = re.compile(r"(?:\d{4}|XXXX)-\d\d-\d\d")


def is_bare_clock(t: str) -> bool:
    """A clock time that names no day of its own ("10:35 a.m.", "at noon", "4 in the morning"),
    as opposed to "9 a.m. Tuesday" or "noon tomorrow"."""
    m = re.fullmatch(rf"(?:at\s+|about\s+|around\s+)?{CLOCK_RE}{TZ_RE}", t)
    return m is not None


def on_day(time_value: str, day_value: Optional[str]) -> Optional[str]:
    """The clock part of ``time_value`` ("…T10:35") on the day of a date value ("1998-08-07",
    "1998-08-07TMO"); None when that date is not a day."""
    m = _DAY_VALUE.match(day_value or "")
    if m is None or "T" not in time_value:
        return None
    return m.group(0) + time_value[time_value.index("T"):]
