"""Sortable calendar keys for TIMEX3 values, shared by the timeline and people's profiles."""
from __future__ import annotations

import re
from typing import Optional

_CALENDAR = re.compile(r"^(\d{3}[\dX])(?:-(\d{2}))?(?:-(\d{2}))?")
# A decade ("198") or a century ("19") written by its leading digits, as TimeML does.
_PERIOD = re.compile(r"^(\d{2,3})$")
_SEASON_MONTH = {"SP": "03", "SU": "06", "FA": "09", "WI": "12", "Q1": "01", "Q2": "04", "Q3": "07", "Q4": "10",
                 "H1": "01", "H2": "07"}


def calendar_key(value: Optional[str]) -> Optional[str]:
    """A sortable YYYY[-MM[-DD]] for a TIMEX3 date value, or None when it has no known year
    ("XXXX-11-20", durations). Decades and centuries sort at their first year ("198" and "198X" ->
    "1980", "19" -> "1900")."""
    if not value:
        return None
    period = _PERIOD.match(value)
    if period:
        return period.group(1).ljust(4, "0")
    m = _CALENDAR.match(value)
    if not m:
        return None
    key = m.group(1).replace("X", "0")
    if m.group(2):
        key += "-" + m.group(2) + (f"-{m.group(3)}" if m.group(3) else "")
    else:
        part = value[len(m.group(1)) + 1:]
        week = re.match(r"W(\d{1,2})\b", part)
        if part[:2] in _SEASON_MONTH:
            key += "-" + _SEASON_MONTH[part[:2]]
        elif week and key.isdigit() and 1 <= int(week.group(1)) <= 52:
            from datetime import date

            key = date.fromisocalendar(int(key), int(week.group(1)), 1).isoformat()
    return key


def in_range(key: str, start: Optional[str], end: Optional[str]) -> bool:
    """Compare at the precision of the bound: --to 2019 includes 2019-11-15."""
    if start and key[:len(start)] < start[:len(key)]:
        return False
    if end and key[:len(end)] > end[:len(key)]:
        return False
    return True
