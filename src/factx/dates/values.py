"""TIMEX3 values: the Timex result, durations written in ISO 8601, and calendar arithmetic
(weeks, months, nth weekdays, Easter). Pure functions of their arguments."""
from __future__ import annotations

import datetime as _dt
import re
from typing import NamedTuple, Optional

from .lexicon import NUMBER_WORDS, ONES_RE, SUBUNIT, TENS_RE, UNITS

PAST, PRESENT, FUTURE = "past", "present", "future"
# The past with no room for a plan told in the past tense: the date is not after the reference
# date ("since January", "from March to date"): see ``direction.choose``.
PAST_STRICT = "past_strict"
# The simple present of a habit ("the board meets on the first Monday of the month"): the date
# named by a period's generic "the month" recurs, a SET (see ``tense._is_habitual``).
HABITUAL = "habitual"


def is_past(tense: Optional[str]) -> bool:
    return tense in (PAST, PAST_STRICT)


class Timex(NamedTuple):
    type: str  # date | time | duration | set
    value: Optional[str]
    mod: Optional[str] = None
    relative: bool = False
    rule: Optional[str] = None  # name of the rule that produced it (set by the registry)
    freq: Optional[str] = None  # of a set: how often in each period, "2X" for "twice a week"
    quant: Optional[str] = None  # of a set: its quantifier, "EVERY" for "every week", "daily"


def parse_quantity(text: str) -> Optional[float]:
    """A count written in digits or words ("20", "5 1/2", "twenty-five", "a") or None if vague."""
    t = text.strip().lower().replace(",", "")
    if not t:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(\d)/(\d))?", t)
    if m:
        val = float(m.group(1))
        if m.group(2):
            val += int(m.group(2)) / max(int(m.group(3)), 1)
        return val
    m = re.fullmatch(r"(\d)/(\d)", t)
    if m:
        return int(m.group(1)) / max(int(m.group(2)), 1)
    half = 0.0
    m = re.fullmatch(r"(.+?)[- ]and[- ]a[- ]half", t)
    if m:
        t, half = m.group(1), 0.5
    m = re.fullmatch(rf"({TENS_RE})[- ]({ONES_RE})", t)
    if m:
        return NUMBER_WORDS[m.group(1)] + NUMBER_WORDS[m.group(2)] + half
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t] + half
    return None


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def duration_value(qty: Optional[float], unit: str) -> str:
    """TIMEX3 duration value for ``qty`` units; ``None`` qty gives an X ("PXY")."""
    unit = unit.lower().rstrip("s") if unit.lower() not in ("centuries", "millennia") else unit
    unit = {"centuries": "century", "millennia": "millennium", "centurie": "century"}.get(unit, unit)
    is_time, letter, mult = UNITS.get(unit, (False, "Y", 1))
    prefix = "PT" if is_time else "P"
    if qty is None:
        # a count of centuries cannot be written in years without its number: "centuries" is
        # PXC, as ISO 8601 writes a century by "C"
        return "PXC" if unit == "century" else f"{prefix}X{letter}"
    amount = qty * mult
    if float(amount).is_integer():
        return f"{prefix}{int(amount)}{letter}"
    whole, frac = int(amount), amount - int(amount)
    # minutes split into seconds ("a minute and a half" -> PT1M30S), months into days
    sub = ("S", 60) if is_time and letter == "M" else SUBUNIT.get(letter)
    if sub is None:  # seconds: keep the decimal
        return f"{prefix}{_fmt_num(round(amount, 3))}{letter}"
    sub_letter, factor = sub
    sub_amount = round(frac * factor)
    sub_is_time = is_time or letter == "D"
    if whole == 0:
        return f"{'PT' if sub_is_time else 'P'}{sub_amount}{sub_letter}"
    if letter == "D" and not is_time:  # "2 1/2 days" -> P2DT12H
        return f"P{whole}DT{sub_amount}H"
    return f"{prefix}{whole}{letter}{sub_amount}{sub_letter}"


def iso_week(d: _dt.date) -> str:
    """ISO 8601 week of a day, two digits as the standard writes it: "1998-W08"."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def add_months(d: _dt.date, n: int) -> _dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    return _dt.date(d.year + y, m + 1, 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> _dt.date:
    if n > 0:
        first = _dt.date(year, month, 1)
        delta = (weekday - first.isoweekday()) % 7
        return first + _dt.timedelta(days=delta + 7 * (n - 1))
    last = add_months(_dt.date(year, month, 1), 1) - _dt.timedelta(days=1)
    return last - _dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(year: int) -> _dt.date:
    """Gregorian Easter Sunday (anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return _dt.date(year, month, day + 1)


def tod(hour: int, minute: int) -> str:
    return f"T{hour:02d}:{minute:02d}"


def ymd(y: int, mo: int, d: int, relative: bool = False) -> Optional[Timex]:
    try:
        return Timex("date", _dt.date(y, mo, d).isoformat(), None, relative)
    except ValueError:
        return None


# A set that recurs every so often is written, as in the TimeML 1.2.1 specification, by its
# period: "daily" is P1D (quant EVERY), "twice a month" is P1M with freq 2X, "every two weeks"
# P2W. A set that recurs on a named time of the calendar keeps that time's pattern instead:
# "every Tuesday" is XXXX-WXX-2, "each July" XXXX-07, "Tuesday nights" XXXX-WXX-2TNI.


def set_period(unit: str, count: int = 1) -> Optional[str]:
    """The period of a set recurring every ``count`` ``unit`` ("week" -> "P1W", "hour", 2 ->
    "PT2H", "quarter" -> "P3M", "decade" -> "P10Y"); None for a unit that is a named time
    rather than a length (a weekend, a night)."""
    low = unit.lower()
    unit = low if low in ("centuries", "millennia") else low.rstrip("s")
    unit = {"centuries": "century", "millennia": "millennium"}.get(unit, unit)
    if unit in ("weekend", "night"):
        return None
    is_time, letter, mult = UNITS.get(unit, (False, "", 0))
    if not letter or count < 1:
        return None
    if letter == "Q":
        letter, mult = "M", 3 * mult
    return f"P{'T' if is_time else ''}{count * mult}{letter}"


def set_period_of_duration(value: Optional[str]) -> Optional[str]:
    """The period of a set read as the length "a week" in "twice a week" ("P1W"), or None
    for a value that is not one unit of time."""
    return value if re.fullmatch(r"PT?1[A-Z]", value or "") else None
