"""Rule-based TIMEX3 normalization of English temporal expressions (pure functions, no spaCy).

``normalize_rules(text, reference_date, tense)`` turns an already-detected expression such as
"last summer", "more than two decades" or "Friday" into a :class:`Timex` with a TIMEX3 type,
value and mod. ``dates.py`` finds the expressions in a parsed document and calls these rules.

Conventions (TimeML/TempEval as annotated in news corpora):
* precision follows the text: "1996" -> ``1996``, "May 2018" -> ``2018-05``, "the 1980s" -> ``198X``;
* decades and centuries in durations are written in years ("two decades" -> ``P20Y``) and a
  vague quantity becomes ``X`` ("years" -> ``PXY``);
* ISO weeks are written without zero padding ("2000-W7"), as in the TimeML news gold;
* with no reference date, relative expressions keep an underspecified value ("XXXX-WXX-5",
  "XXXX-11-20") or ``None``; nothing is ever resolved against today's clock.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import NamedTuple, Optional

PAST, PRESENT, FUTURE = "past", "present", "future"


class Timex(NamedTuple):
    type: str  # date | time | duration | set
    value: Optional[str]
    mod: Optional[str] = None
    relative: bool = False


# ---------------------------------------------------------------- vocabulary

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6,
    "sat": 6, "sunday": 7, "sun": 7,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# Month a season starts in (northern hemisphere), to order seasons against a reference date.
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI",
                "overnight": "TNI"}

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "one hundred": 100, "a dozen": 12, "dozen": 12, "half a": 0.5, "half an": 0.5, "a half": 0.5,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a pair of": 2,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "last": -1, "final": -1,
}
# Words that make a quantity vague: "several years" -> PXY.
VAGUE_QUANTITIES = ("a few", "few", "several", "many", "so many", "some", "numerous", "a number of",
                    "dozens of", "hundreds of", "thousands of", "recent", "coming", "the coming",
                    "countless", "multiple", "various", "a couple of", "couple of")
UNITS = {  # unit -> (is a time unit (PT...), letter, multiplier)
    "second": (True, "S", 1), "minute": (True, "M", 1), "hour": (True, "H", 1),
    "day": (False, "D", 1), "night": (False, "D", 1), "week": (False, "W", 1),
    "fortnight": (False, "W", 2), "month": (False, "M", 1), "quarter": (False, "Q", 1),
    "year": (False, "Y", 1), "decade": (False, "Y", 10), "century": (False, "Y", 100),
    "millennium": (False, "Y", 1000), "weekend": (False, "D", 2),
}
UNIT_RE = (r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|"
           r"years?|decades?|centuries|century|millennium|millennia|weekends?)")
# Finer unit used to write a fractional amount ("5 1/2 hours" -> PT5H30M).
SUBUNIT = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60),
           "Q": ("M", 3)}

_NUMWORD_RE = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
QTY_RE = (
    rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?(?:\s+\d/\d)?|\d/\d|(?:{_TENS})[- ](?:{_ONES})|"
    rf"(?:{_NUMWORD_RE})(?:[- ]and[- ]a[- ]half)?)"
)
VAGUE_RE = "|".join(sorted((re.escape(w) for w in VAGUE_QUANTITIES), key=len, reverse=True))

# Duration modifiers ("more than two decades") -> TIMEX3 mod.
MODS = {
    "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN",
    "well over": "MORE_THAN", "upwards of": "MORE_THAN", "at least": "EQUAL_OR_MORE",
    "less than": "LESS_THAN", "under": "LESS_THAN", "just under": "LESS_THAN",
    "fewer than": "LESS_THAN", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "at most": "EQUAL_OR_LESS", "nearly": "APPROX", "almost": "APPROX", "about": "APPROX",
    "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
    "close to": "APPROX", "an estimated": "APPROX", "nearly a": "APPROX",
    "the better part of": "APPROX", "the last": None, "the past": None, "the first": None,
}
MOD_RE = "|".join(sorted((re.escape(w) for w in MODS if not w.startswith("the ")),
                         key=len, reverse=True))
# Position inside a period: "the early 1980s", "late November", "earlier this year".
POSITION_MODS = {
    "early": "EARLY", "earlier": None, "the early": "EARLY", "beginning of": "EARLY",
    "the beginning of": "EARLY", "the start of": "EARLY", "start of": "EARLY",
    "mid": "MID", "mid-": "MID", "the mid": "MID", "middle of": "MID", "the middle of": "MID",
    "late": "LATE", "later": None, "the late": "LATE", "the end of": "LATE", "end of": "LATE",
}
POS_RE = "|".join(sorted((re.escape(w) for w in POSITION_MODS), key=len, reverse=True))

HOLIDAYS_FIXED = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "new years day": (1, 1),
    "new year": (1, 1), "new year's": (1, 1), "independence day": (7, 4),
    "the fourth of july": (7, 4), "fourth of july": (7, 4), "halloween": (10, 31),
    "valentine's day": (2, 14), "veterans day": (11, 11), "veterans' day": (11, 11),
    "st. patrick's day": (3, 17), "boxing day": (12, 26), "may day": (5, 1),
}
# Holidays on the n-th weekday of a month: (month, weekday 1=Mon, n; -1 = last).
HOLIDAYS_NTH = {
    "thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4), "labor day": (9, 1, 1),
    "memorial day": (5, 1, -1), "martin luther king day": (1, 1, 3),
    "presidents day": (2, 1, 3), "presidents' day": (2, 1, 3), "mother's day": (5, 7, 2),
    "father's day": (6, 7, 3), "columbus day": (10, 1, 2),
}
EASTER_OFFSETS = {"easter": 0, "easter sunday": 0, "good friday": -2, "easter monday": 1,
                  "palm sunday": -7, "ash wednesday": -46}


# ---------------------------------------------------------------- small helpers

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
    m = re.fullmatch(rf"({_TENS})[- ]({_ONES})", t)
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
        return f"{prefix}X{letter}"
    amount = qty * mult
    if float(amount).is_integer():
        return f"{prefix}{int(amount)}{letter}"
    whole, frac = int(amount), amount - int(amount)
    sub = SUBUNIT.get(letter)
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
    y, w, _ = d.isocalendar()
    return f"{y}-W{w}"


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


def resolve_weekday(ref: _dt.date, weekday: int, tense: Optional[str], shift: str = "") -> _dt.date:
    """The date of a weekday named in an article dated ``ref``.

    News names weekdays of the current week: past tense means the latest such day on or before
    the reference date, future tense the first on or after it. "last"/"next" skip the reference
    day itself. Without a tense cue, news mostly reports what already happened: look back."""
    back = (ref.isoweekday() - weekday) % 7
    fwd = (weekday - ref.isoweekday()) % 7
    if shift == "last":
        return ref - _dt.timedelta(days=back or 7)
    if shift == "next":
        return ref + _dt.timedelta(days=fwd or 7)
    if tense == FUTURE:
        return ref + _dt.timedelta(days=fwd)
    if tense == PRESENT and fwd <= 3:  # "the vote is Thursday": nearest
        return ref + _dt.timedelta(days=fwd)
    return ref - _dt.timedelta(days=back)


def resolve_year(ref: _dt.date, month: int, day: Optional[int], tense: Optional[str]) -> int:
    """Year of a month (and day) written without one: the reference year unless the tense says
    the date must lie on the other side of the reference date (with a month of slack, because
    "scheduled for November 20" in mid-November is simply this year)."""
    year = ref.year
    try:
        cand = _dt.date(year, month, day or 15)
    except ValueError:
        cand = _dt.date(year, month, 28)
    slack = 31 if day else 45
    ahead = (cand - ref).days
    if tense == PAST and ahead > slack:
        return year - 1
    if tense == FUTURE and -ahead > slack:
        return year + 1
    if tense is None or tense == PRESENT:
        # No cue: news mostly reports the recent past and announces the near future, so take
        # the year that puts the date within about half a year (a little more behind).
        if ahead > 150:
            return year - 1
        if ahead < -215:
            return year + 1
    return year


def season_of(d: _dt.date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU",
            8: "SU"}.get(d.month, "FA")


def resolve_season(ref: _dt.date, code: str, shift: str, tense: Optional[str]) -> str:
    """Year of a season: "last summer" is the latest summer that has ended (or the previous
    one when we are in summer); "this/next summer" and a bare season follow the tense."""
    start_month = SEASON_START[code]
    current = season_of(ref)
    # Winter starting in December belongs to that December's year.
    year_of_current = ref.year - 1 if current == "WI" and ref.month < 3 else ref.year
    started_this_year = start_month <= ref.month or (code == "WI" and ref.month < 3)
    if shift == "last":
        if code == current:
            return f"{year_of_current - 1}-{code}"
        return f"{ref.year if start_month < ref.month else ref.year - 1}-{code}"
    if shift == "next":
        if code == current or started_this_year:
            return f"{year_of_current + 1}-{code}"
        return f"{ref.year}-{code}"
    if code == current:
        return f"{year_of_current}-{code}"
    if tense == PAST and not started_this_year:
        return f"{ref.year - 1}-{code}"
    if tense == FUTURE and started_this_year:
        return f"{ref.year + 1}-{code}"
    return f"{ref.year}-{code}"


def _tod(hour: int, minute: int) -> str:
    return f"T{hour:02d}:{minute:02d}"


# ---------------------------------------------------------------- the rules

def clean(text: str) -> str:
    """Lowercase, squeeze spaces and drop edge punctuation and a possessive ("Friday's")."""
    t = re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u2018", "'")).strip().lower()
    t = re.sub(r"^[\s,;:(\[\"'`-]+|[\s,;:)\]\"`-]+$", "", t)
    t = re.sub(r"'s$|s'$", lambda m: "" if m.group(0) == "'s" else "s", t)
    if not re.search(r"\b[ap]\.m\.$", t):  # keep the dot of "a.m.", drop a full stop
        t = t.rstrip(".")
    return t.strip()


_MONTH_RE = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
             r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")
_WEEKDAY_RE = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|"
               r"thurs|thur|thu|fri|sat|sun)\.?")
_YEAR_RE = r"(?:1[0-9]{3}|20[0-9]{2}|'\d\d)"
_DAY_RE = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_SEASON_RE = r"(?:spring|summer|fall|autumn|winter)"
_POD_RE = r"(?:morning|afternoon|evening|night|overnight)"
_CLOCK_RE = (r"(?:(?P<h>\d{1,2})(?:[:.](?P<mi>\d\d))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)|"
             r"(?P<h24>\d{1,2}):(?P<mi24>\d\d)|(?P<word>noon|midday|midnight)|"
             r"(?P<hw>\d{1,2}|" + _ONES + r"|ten|eleven|twelve)(?:\s+o'clock)?\s+(?:in the|at)\s+"
             r"(?P<pod>morning|afternoon|evening|night))")
_TZ_RE = r"(?:\s+(?:[ecmp][sd]t|gmt|utc|local time|[a-z]{3,4} time))?"


def _month(tok: str) -> int:
    return MONTHS[tok.rstrip(".")]


def _year(tok: str) -> int:
    if tok.startswith("'"):
        yy = int(tok[1:])
        return 1900 + yy if yy > 30 else 2000 + yy
    return int(tok)


def _weekday(tok: str) -> int:
    return WEEKDAYS[tok.rstrip(".")]


def rule_set(t: str, ref, tense) -> Optional[Timex]:
    """Recurring times: "every year", "daily", "twice a week", "every other Monday"."""
    simple = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
              "annually": "P1Y", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W",
              "quarterly": "P1Q", "biannually": "P6M", "semiannually": "P6M"}
    if t in simple:
        return Timex("set", simple[t])
    m = re.fullmatch(rf"(?:every|each|per)\s+(?:(other)\s+)?(?:({QTY_RE})\s+)?({UNIT_RE})", t)
    if m:
        qty = parse_quantity(m.group(2)) if m.group(2) else 1.0
        if m.group(1):
            qty = 2.0
        return Timex("set", duration_value(qty or 1.0, m.group(3)))
    m = re.fullmatch(rf"(?:every|each)\s+({_WEEKDAY_RE})(?:\s+({_POD_RE}))?", t) or \
        re.fullmatch(r"(mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)", t)
    if m:
        wd = _weekday(m.group(1).rstrip("s")) if m.group(1).endswith("days") else _weekday(
            m.group(1))
        return Timex("set", f"XXXX-WXX-{wd}")
    m = re.fullmatch(rf"(?:every|each)\s+({_MONTH_RE})", t)
    if m:
        return Timex("set", f"XXXX-{_month(m.group(1)):02d}")
    m = re.fullmatch(rf"(?:every|each)\s+({_SEASON_RE})", t)
    if m:
        return Timex("set", f"XXXX-{SEASONS[m.group(1)]}")
    m = re.fullmatch(rf"(?:every|each)\s+({_POD_RE})", t)
    if m:
        return Timex("set", f"XXXX-XX-XX{PARTS_OF_DAY[m.group(1)]}")
    m = re.fullmatch(rf"(?:once|twice|three times|\w+ times)\s+(?:a|an|per|every)\s+({UNIT_RE})", t)
    if m:
        return Timex("set", duration_value(1.0, m.group(1)))
    return None


def rule_duration(t: str, ref, tense) -> Optional[Timex]:
    """Amounts of time ("two hours", "120-day", "more than two decades", "the past three years")
    and their anchored uses ("50 years ago" is a date)."""
    m = re.fullmatch(
        rf"(?:(?P<mod>{MOD_RE})\s+)?(?:(?P<the>the)\s+)?"
        rf"(?:(?P<dir>past|last|next|coming|previous|preceding|following|first|final|ensuing|"
        rf"recent|latest|intervening)\s+)?"
        rf"(?:(?P<qty>{QTY_RE}|{VAGUE_RE})[\s-]*)?(?P<unit>{UNIT_RE})"
        rf"(?:[- ]?(?P<adj>long|old))?"
        rf"(?:\s+(?P<rel>ago|earlier|later|before|after|from now|hence|since|back|"
        rf"before that|after that|prior|on))?",
        t)
    if not m:
        return None
    mod = MODS.get(m.group("mod")) if m.group("mod") else None
    qty_txt, unit, rel, direction = m.group("qty"), m.group("unit"), m.group("rel"), m.group("dir")
    plural = unit.endswith("s") or unit in ("centuries", "millennia")
    if m.group("adj") == "old":
        return None  # an age, not a time ("63-year-old", "a year old")
    vague = qty_txt is not None and re.fullmatch(VAGUE_RE, qty_txt) is not None
    qty = None if vague else (parse_quantity(qty_txt) if qty_txt else (None if plural else 1.0))
    if qty_txt and not vague and qty is None:
        return None
    if qty_txt in ("a couple of", "couple of"):
        qty = 2.0
    if direction in ("recent", "coming") and qty_txt is None:
        qty = None  # "recent years", "coming months"
    if qty_txt is None and direction is None and not plural and not m.group("mod") \
            and not m.group("adj"):
        return None  # "the day", "night", "the year" alone are not amounts of time
    if rel in ("ago", "back", "from now", "hence"):
        return _offset_date(qty, unit, -1 if rel in ("ago", "back") else 1, ref, mod)
    if rel in ("earlier", "later", "before", "after", "before that", "after that", "prior",
               "on"):
        # "two days later": the amount is what the text states; its anchor is another event.
        return Timex("duration", duration_value(qty, unit), mod, False)
    if (direction in ("last", "next", "this") and not qty_txt and not m.group("the")
            and not plural and not m.group("mod")):
        return None  # "last year" is a calendar date, handled by rule_deictic
    if unit.rstrip("s") == "weekend" and not qty_txt:
        return None
    return Timex("duration", duration_value(qty, unit), mod)


def _offset_date(qty, unit, sign, ref, mod) -> Timex:
    """"three years ago" / "two weeks from now": a date at the precision of the unit."""
    unit = unit.rstrip("s")
    unit = "century" if unit == "centurie" else unit
    if qty is None:
        return Timex("date", "PAST_REF" if sign < 0 else "FUTURE_REF", mod, True)
    if ref is None:
        return Timex("date", None, mod, True)
    try:
        n = int(round(qty))
        if unit in ("year", "decade", "century"):
            years = qty * UNITS[unit][2]
            return Timex("date", str(ref.year + sign * int(round(years))), mod, True)
        if unit == "quarter":
            d = add_months(ref, sign * 3 * n)
            return Timex("date", f"{d.year}-Q{(d.month - 1) // 3 + 1}", mod, True)
        if unit == "month":
            d = add_months(ref, sign * n)
            return Timex("date", f"{d.year}-{d.month:02d}", mod, True)
        if unit in ("week", "fortnight", "weekend"):
            d = ref + _dt.timedelta(weeks=sign * n * (2 if unit == "fortnight" else 1))
            return Timex("date", iso_week(d), mod, True)
        if unit in ("day", "night"):
            return Timex("date", (ref + _dt.timedelta(days=sign * n)).isoformat(), mod, True)
        if unit in ("hour", "minute", "second"):
            return Timex("time", ref.isoformat(), mod, True)  # clock time unknown: the day
    except (OverflowError, ValueError):
        return Timex("date", None, mod, True)
    return Timex("date", None, mod, True)


_DEICTIC_WORDS = {
    "now": ("date", "PRESENT_REF"), "right now": ("date", "PRESENT_REF"),
    "just now": ("date", "PAST_REF"), "currently": ("date", "PRESENT_REF"),
    "at present": ("date", "PRESENT_REF"), "present": ("date", "PRESENT_REF"),
    "the present": ("date", "PRESENT_REF"), "at the moment": ("date", "PRESENT_REF"),
    "the moment": ("date", "PRESENT_REF"), "these days": ("date", "PRESENT_REF"),
    "nowadays": ("date", "PRESENT_REF"), "the present day": ("date", "PRESENT_REF"),
    "recently": ("date", "PAST_REF"), "lately": ("date", "PAST_REF"),
    "the past": ("date", "PAST_REF"), "in the past": ("date", "PAST_REF"),
    "previously": ("date", "PAST_REF"), "formerly": ("date", "PAST_REF"),
    "once": None, "soon": ("date", "FUTURE_REF"), "the future": ("date", "FUTURE_REF"),
    "future": ("date", "FUTURE_REF"), "in the future": ("date", "FUTURE_REF"),
    "the near future": ("date", "FUTURE_REF"), "the foreseeable future": ("date", "FUTURE_REF"),
    "the coming days": ("duration", "PXD"), "the coming weeks": ("duration", "PXW"),
    "the coming months": ("duration", "PXM"), "the coming years": ("duration", "PXY"),
    "recent years": ("duration", "PXY"), "recent months": ("duration", "PXM"),
    "recent weeks": ("duration", "PXW"), "recent days": ("duration", "PXD"),
}
_DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
                "the day before yesterday": -2, "the day after tomorrow": 2}


def rule_deictic(t: str, ref, tense) -> Optional[Timex]:
    """Words pointing at the reference time: "now", "today", "last year", "earlier this year",
    "this week", "next month", "late last year", "this morning", "the future"."""
    if t in _DEICTIC_WORDS:
        hit = _DEICTIC_WORDS[t]
        return Timex(hit[0], hit[1], None, hit[0] == "date") if hit else None
    m = re.fullmatch(rf"(?:(?:early|earlier|later|late)\s+)?(today|tonight|yesterday|tomorrow|"
                     rf"the day before yesterday|the day after tomorrow)(?:\s+({_POD_RE}))?", t)
    if m:
        pod = m.group(2)
        if ref is None:
            return Timex("date", None, None, True)
        d = ref + _dt.timedelta(days=_DAY_OFFSETS[m.group(1)])
        suffix = PARTS_OF_DAY[pod] if pod else ("TNI" if m.group(1) == "tonight" else "")
        return Timex("date", d.isoformat() + suffix, None, True)
    m = re.fullmatch(rf"(?:(?:early|earlier|late|later)\s+)?(this|that)\s+({_POD_RE})", t)
    if m and m.group(1) == "this":
        if ref is None:
            return Timex("date", None, None, True)
        return Timex("date", ref.isoformat() + PARTS_OF_DAY[m.group(2)], None, True)
    hit = _period_of_relative_year(t, ref, tense)
    if hit is not None:
        return hit
    m = re.fullmatch(r"(?:over\s+|during\s+)?the\s+(weekend|week)", t)
    if m and m.group(1) == "weekend":
        if ref is None:
            return Timex("date", None, None, True)
        # "the weekend" in news is the one around the reference date, by tense.
        sat = resolve_weekday(ref, 6, tense)
        return Timex("date", iso_week(sat) + "-WE", None, True)
    m = re.fullmatch(
        rf"(?:(?P<pos>{POS_RE})[\s-]*)?(?P<shift>this|last|next|past|previous|coming|current|"
        rf"the past|the last|the previous|the coming|the next|the current|the following|"
        rf"the same|that|that same|this past)\s+(?P<unit>week|weekend|month|year|quarter|decade|"
        rf"century|season|{_SEASON_RE}|{_WEEKDAY_RE}|{_MONTH_RE})", t)
    if not m:
        return None
    pos = POSITION_MODS.get(m.group("pos")) if m.group("pos") else None
    if re.fullmatch(r"the (?:past|last|previous|coming|next)", m.group("shift")) and \
            m.group("unit") in ("week", "month", "year", "decade", "century", "quarter"):
        return None  # "the last year" is the year up to now: a duration
    shift = m.group("shift").replace("the ", "").replace("this past", "last")
    shift = {"past": "last", "previous": "last", "coming": "next", "following": "next",
             "current": "this", "that same": "that", "same": "that"}.get(shift, shift)
    unit = m.group("unit")
    if shift == "that":
        return Timex("date", None, pos, True)  # anaphoric: "that year"
    if unit in SEASONS:
        if ref is None:
            return Timex("date", f"XXXX-{SEASONS[unit]}", pos, True)
        return Timex("date", resolve_season(ref, SEASONS[unit], shift, tense), pos, True)
    if unit.rstrip(".") in WEEKDAYS:
        if ref is None:
            return Timex("date", f"XXXX-WXX-{_weekday(unit)}", pos, True)
        d = resolve_weekday(ref, _weekday(unit), tense, shift if shift != "this" else "")
        return Timex("date", d.isoformat(), pos, True)
    if unit.rstrip(".") in MONTHS:
        mon = _month(unit)
        if ref is None:
            return Timex("date", f"XXXX-{mon:02d}", pos, True)
        if shift == "last":
            year = ref.year if mon < ref.month else ref.year - 1
        elif shift == "next":
            year = ref.year if mon > ref.month else ref.year + 1
        else:
            year = resolve_year(ref, mon, None, tense)
        return Timex("date", f"{year}-{mon:02d}", pos, True)
    if ref is None:
        return Timex("date", None, pos, True)
    step = {"this": 0, "last": -1, "next": 1}.get(shift, 0)
    if unit == "year":
        return Timex("date", str(ref.year + step), pos, True)
    if unit == "month":
        d = add_months(ref, step)
        return Timex("date", f"{d.year}-{d.month:02d}", pos, True)
    if unit in ("week", "weekend"):
        d = ref + _dt.timedelta(weeks=step)
        return Timex("date", iso_week(d) + ("-WE" if unit == "weekend" else ""), pos, True)
    if unit == "quarter":
        d = add_months(ref, 3 * step)
        return Timex("date", f"{d.year}-Q{(d.month - 1) // 3 + 1}", pos, True)
    if unit == "decade":
        return Timex("date", f"{ref.year // 10 + step}X", pos, True)
    if unit == "century":
        return Timex("date", f"{ref.year // 100 + step}", pos, True)
    if unit == "season":
        return Timex("date", f"{ref.year}-{season_of(ref)}", pos, True)
    return None


def _period_of_relative_year(t: str, ref, tense) -> Optional[Timex]:
    """"October last year", "the summer of last year", "last year's third quarter" style."""
    m = re.fullmatch(
        rf"(?:(?P<pos>{POS_RE})[\s-]*)?(?:the\s+)?(?P<part>{_MONTH_RE}|{_SEASON_RE}|"
        rf"(?:first|second|third|fourth)\s+(?:quarter|half))(?:,)?\s+(?:of\s+)?"
        rf"(?P<shift>last|this|next|the previous|the following|the same|that)\s+year", t) or \
        re.fullmatch(rf"(?P<shift>last|this|next)\s+year's\s+(?P<part>{_MONTH_RE}|{_SEASON_RE}|"
                     rf"(?:first|second|third|fourth)\s+(?:quarter|half))", t)
    if not m:
        return None
    pos = POSITION_MODS.get(m.groupdict().get("pos") or "")
    shift = m.group("shift")
    part = m.group("part")
    if ref is None or shift in ("the same", "that"):
        year = "XXXX"
    else:
        year = str(ref.year + {"last": -1, "next": 1, "the previous": -1,
                               "the following": 1}.get(shift, 0))
    if part.rstrip(".") in MONTHS:
        suffix = f"{_month(part):02d}"
    elif part in SEASONS:
        suffix = SEASONS[part]
    else:
        n_txt, unit = part.split()
        suffix = ("Q" if unit == "quarter" else "H") + str(ORDINALS[n_txt])
    return Timex("date", f"{year}-{suffix}", pos, True)


def rule_time(t: str, ref, tense) -> Optional[Timex]:
    """Clock times, alone or with a day: "10:35 a.m.", "noon", "9 a.m. Tuesday",
    "Tuesday at 9 a.m.", "4 in the morning", "10 p.m. EDT Thursday"."""
    m = re.fullmatch(
        rf"(?:(?P<wd1>{_WEEKDAY_RE}|today|yesterday|tomorrow|tonight)(?:\s+{_POD_RE})?,?\s+"
        rf"(?:at|from|by|around|about|after|before|until)?\s*)?(?:at\s+|about\s+|around\s+)?"
        rf"{_CLOCK_RE}{_TZ_RE}"
        rf"(?:,?\s+(?:on\s+)?(?P<wd2>{_WEEKDAY_RE}|today|yesterday|tomorrow|tonight)"
        rf"(?:\s+{_POD_RE})?)?(?:\s+(?P<rest>.+))?", t)
    if not m or m.group("rest"):
        return None
    if m.group("word"):
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[m.group("word")]
    elif m.group("h24"):
        hour, minute = int(m.group("h24")), int(m.group("mi24"))
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
    day = m.group("wd1") or m.group("wd2")
    if ref is None:
        date_part = f"XXXX-WXX-{_weekday(day)}" if day and day.rstrip(".") in WEEKDAYS else \
            "XXXX-XX-XX"
        return Timex("time", date_part + _tod(hour, minute), None, True)
    if day and day.rstrip(".") in WEEKDAYS:
        d = resolve_weekday(ref, _weekday(day), tense)
    elif day:
        d = ref + _dt.timedelta(days=_DAY_OFFSETS.get(day, 0))
    else:
        d = ref
    return Timex("time", d.isoformat() + _tod(hour, minute), None, True)


def rule_calendar(t: str, ref, tense) -> Optional[Timex]:
    """Calendar dates and periods written out: years, decades, centuries, months, month-days,
    weekdays, seasons, quarters, halves, holidays, numeric dates."""
    pos = None
    m = re.match(rf"(?P<pos>{POS_RE})[\s-]*(?=\S)", t)
    if m and not re.fullmatch(rf"(?:{POS_RE})", t):
        rest = t[m.end():]
        if rest.startswith("the "):
            rest = rest[4:]
        inner = rule_calendar(rest, ref, tense)
        if inner is not None and inner.type == "date" and m.group("pos") not in ("earlier",
                                                                                   "later"):
            return Timex("date", inner.value, POSITION_MODS.get(m.group("pos")), inner.relative)
        if inner is not None:
            return inner
        return None
    m = re.fullmatch(rf"(?:the\s+)?({_POD_RE})\s+of\s+(.+)", t)
    if m:
        inner = rule_calendar(m.group(2), ref, tense)
        if inner is not None and inner.value and re.fullmatch(r"[\dX]{4}-[\dWX]+-[\dX]+",
                                                              inner.value):
            return Timex("date", inner.value + PARTS_OF_DAY[m.group(1)], inner.mod,
                         inner.relative)
        return None
    t = re.sub(r"^(?:the|in|on|of|since|by|until|from)\s+", "", t)
    t = re.sub(r"^(?:fiscal|calendar|the year|year|the fiscal year|the calendar year)\s+(?=\d)",
               "", t)
    # year
    m = re.fullmatch(r"(1[0-9]{3}|20[0-9]{2})", t)
    if m:
        return Timex("date", m.group(1))
    m = re.fullmatch(r"'(\d\d)", t)
    if m:
        return Timex("date", str(_year(t)))
    # year range "1998-99" -> the first year's span is ambiguous; take the period start year
    m = re.fullmatch(r"(1[0-9]{3}|20[0-9]{2})\s*[-/]\s*(\d{2}|\d{4})", t)
    if m:
        return Timex("date", m.group(1))
    # decades: "1980s", "the '80s", "the eighties", "mid-1990s"
    m = re.fullmatch(r"(1[0-9]{2}|20[0-9])0'?s", t)
    if m:
        return Timex("date", f"{m.group(1)}X")
    m = re.fullmatch(r"'?([1-9])0'?s", t)
    if m:
        return Timex("date", f"19{m.group(1)}X", None, False)
    decade_words = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                    "seventies": 7, "eighties": 8, "nineties": 9}
    if t in decade_words:
        return Timex("date", f"19{decade_words[t]}X")
    # centuries: "the 20th century", "the nineteenth century"
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)[- ]century", t) or re.fullmatch(
        r"(\w+)[- ]century", t)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else ORDINALS.get(m.group(1))
        if n and n > 0:
            return Timex("date", f"{n - 1:02d}")
    # numeric dates: 2019-11-18, 11/18/2019, 11/18/19
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t)
    if m:
        return _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", t)
    if m:
        y = int(m.group(3))
        y = y if y > 999 else (1900 + y if y > 30 else 2000 + y)
        return _ymd(y, int(m.group(1)), int(m.group(2)))
    # weekday [part of day] [, month day [, year]]
    m = re.fullmatch(
        rf"(?P<wd>{_WEEKDAY_RE})(?:\s+(?P<pod>{_POD_RE}))?(?:,?\s+(?:the\s+)?(?P<rest>.+))?", t)
    if m:
        if m.group("rest"):
            inner = rule_calendar(m.group("rest"), ref, tense)
            if inner is not None and inner.value and re.fullmatch(r"[\dX]{4}-\d\d-\d\d",
                                                                  inner.value):
                return inner
            return None
        wd = _weekday(m.group("wd"))
        pod = PARTS_OF_DAY.get(m.group("pod") or "", "")
        if ref is None:
            return Timex("date", f"XXXX-WXX-{wd}{pod}", None, True)
        d = resolve_weekday(ref, wd, tense)
        return Timex("date", d.isoformat() + pod, None, True)
    # month day[, year] / day month [year] / month [of] year / month
    m = (re.fullmatch(rf"(?P<mon>{_MONTH_RE})\s+(?P<day>{_DAY_RE})(?:,?\s+(?P<year>{_YEAR_RE}))?",
                      t)
         or re.fullmatch(rf"(?P<day>{_DAY_RE})\s+(?:of\s+)?(?P<mon>{_MONTH_RE})"
                         rf"(?:,?\s+(?P<year>{_YEAR_RE}))?", t))
    if m:
        mon, day = _month(m.group("mon")), int(re.match(r"\d+", m.group("day")).group(0))
        if m.group("year"):
            return _ymd(_year(m.group("year")), mon, day)
        if not 1 <= day <= 31:
            return None
        if ref is None:
            return Timex("date", f"XXXX-{mon:02d}-{day:02d}", None, True)
        return _ymd(resolve_year(ref, mon, day, tense), mon, day, relative=True)
    m = re.fullmatch(rf"(?P<mon>{_MONTH_RE})(?:,?\s+(?:of\s+)?(?P<year>{_YEAR_RE}))?", t)
    if m:
        mon = _month(m.group("mon"))
        if m.group("year"):
            return Timex("date", f"{_year(m.group('year'))}-{mon:02d}")
        if ref is None:
            return Timex("date", f"XXXX-{mon:02d}", None, True)
        return Timex("date", f"{resolve_year(ref, mon, None, tense)}-{mon:02d}", None, True)
    # season [of] [year]
    m = re.fullmatch(rf"(?P<s>{_SEASON_RE})(?:\s+(?:of\s+)?(?P<year>{_YEAR_RE}))?", t) or \
        re.fullmatch(rf"(?P<year>{_YEAR_RE})\s+(?P<s>{_SEASON_RE})", t)
    if m:
        code = SEASONS[m.group("s")]
        if m.group("year"):
            return Timex("date", f"{_year(m.group('year'))}-{code}")
        if ref is None:
            return Timex("date", f"XXXX-{code}", None, True)
        return Timex("date", resolve_season(ref, code, "", tense), None, True)
    # quarters and halves: "the third quarter of 1998", "the first half", "fourth-quarter"
    m = re.fullmatch(rf"(?P<n>first|second|third|fourth|1st|2nd|3rd|4th|q[1-4])[- ]?"
                     rf"(?P<u>quarter|half)?(?:\s+(?:of\s+)?(?P<year>{_YEAR_RE}))?", t)
    if m and (m.group("u") or m.group("n").startswith("q")):
        n_txt = m.group("n")
        n = int(n_txt[1]) if n_txt.startswith("q") else (
            ORDINALS.get(n_txt) or int(re.match(r"\d", n_txt).group(0)))
        unit = "H" if m.group("u") == "half" else "Q"
        if unit == "H" and n > 2:
            return None
        if m.group("year"):
            return Timex("date", f"{_year(m.group('year'))}-{unit}{n}")
        if ref is None:
            return Timex("date", f"XXXX-{unit}{n}", None, True)
        return Timex("date", f"{ref.year}-{unit}{n}", None, True)
    # holidays
    hol = _holiday(t, ref, tense)
    if hol is not None:
        return hol
    return None


def _ymd(y: int, mo: int, d: int, relative: bool = False) -> Optional[Timex]:
    try:
        return Timex("date", _dt.date(y, mo, d).isoformat(), None, relative)
    except ValueError:
        return None


def _holiday(t: str, ref, tense) -> Optional[Timex]:
    m = re.fullmatch(r"(?:(last|next|this)\s+)?(.+?)(?:\s+(week|weekend))?(?:,?\s+(\d{4}))?", t)
    if not m:
        return None
    shift, name, period, year_txt = m.groups()
    if name not in HOLIDAYS_FIXED and name not in HOLIDAYS_NTH and name not in EASTER_OFFSETS \
            and name not in ("election day",):
        return None

    def on(year: int) -> _dt.date:
        if name in HOLIDAYS_FIXED:
            return _dt.date(year, *HOLIDAYS_FIXED[name])
        if name in HOLIDAYS_NTH:
            return nth_weekday(year, *HOLIDAYS_NTH[name])
        if name == "election day":  # the Tuesday after the first Monday of November
            return nth_weekday(year, 11, 1, 1) + _dt.timedelta(days=1)
        return easter(year) + _dt.timedelta(days=EASTER_OFFSETS[name])

    if year_txt:
        d, relative = on(int(year_txt)), False
    elif ref is None:
        if name in HOLIDAYS_FIXED and not period:
            mo, dd = HOLIDAYS_FIXED[name]
            return Timex("date", f"XXXX-{mo:02d}-{dd:02d}", None, True)
        return Timex("date", None, None, True)
    else:
        relative = True
        d = on(ref.year)
        if shift == "last" and d >= ref:
            d = on(ref.year - 1)
        elif shift == "next" and d <= ref:
            d = on(ref.year + 1)
        elif not shift:
            d = on(resolve_year(ref, d.month, d.day, tense))
    if period == "week":
        return Timex("date", iso_week(d), None, relative)
    if period == "weekend":
        return Timex("date", iso_week(d) + "-WE", None, relative)
    return Timex("date", d.isoformat(), None, relative)


RULES = (rule_set, rule_deictic, rule_time, rule_duration, rule_calendar)


def normalize_rules(text: str, ref: Optional[_dt.date] = None,
                    tense: Optional[str] = None) -> Optional[Timex]:
    """Apply the rules in order; None when no rule understands the expression."""
    t = clean(text)
    if not t:
        return None
    for rule in RULES:
        hit = rule(t, ref, tense)
        if hit is not None:
            return hit
    return None
