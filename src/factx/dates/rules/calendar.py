"""Calendar dates and periods written out: years, decades, centuries, months, month-days,
weekdays, seasons, quarters, halves, holidays, numeric dates. One function a pattern; the
registry (``rules.__init__``) tries them in order, ``calendar`` is their chain for the rules
that read an inner expression ("early" + "1980s", "Friday," + "Nov. 3")."""
from __future__ import annotations

import datetime as _dt
import re
from typing import Optional

from ..direction import (choose, choose_year, holiday_period, quarter_period, resolve_season,
                         resolve_weekday, resolve_year)
from ..lexicon import (DAY_RE, DECADE_WORDS, EASTER_OFFSETS, HOLIDAY_NAMES, HOLIDAYS_FIXED, HOLIDAYS_NTH,
                       MONTH_RE, NTH_WEEKDAY_RE, ORDINALS, PARTS_OF_DAY, POD_RE, POS_RE, POSITION_MODS, SEASON_RE,
                       SEASONS, THANKSGIVING_OFFSETS, WEEKDAY_RE, YEAR_RE)
from ..values import Timex, add_months, easter, iso_week, nth_weekday, ymd
from .common import Rule, month_of, weekday_of, year_of


def strip_calendar_prefix(t: str) -> str:
    """A preposition or "fiscal"/"the year" before a calendar expression is not part of it."""
    t = re.sub(r"^(?:the|in|on|of|since|by|until|from)\s+", "", t)
    return re.sub(r"^(?:fiscal|calendar|the year|year|the fiscal year|the calendar year)\s+(?=\d)",
                  "", t)


def fiscal_year(t: str, ref, tense) -> Optional[Timex]:
    """"fiscal 1998", "the fiscal year 1998", "FY2016", "FY16", "fiscal year 2016-17", "the 1998
    fiscal year": the year that names it (its calendar varies by organisation); "last fiscal
    year" from the reference date. "the fiscal year" with no year or shift is left alone."""
    m = re.fullmatch(r"(?:the\s+)?(?:fy\s?|fiscal\s+(?:year\s+)?)(?P<y>\d{4}|'?\d\d)"
                     r"(?:\s*[-/]\s*\d{2,4})?|(?:the\s+)?(?P<y2>\d{4})\s+fiscal\s+year", t)
    if m:
        y = m.group("y") or m.group("y2")
        return Timex("date", str(year_of(y if len(y) != 2 else "'" + y)))
    m = re.fullmatch(r"(?:the\s+)?(this|last|next|current|previous|coming)\s+fiscal\s+year", t)
    if not m:
        return None
    if ref is None:
        return Timex("date", None, None, True)
    step = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(m.group(1), 0)
    return Timex("date", str(ref.year + step), None, True)


def position_in_period(t: str, ref, tense) -> Optional[Timex]:
    """"early 1998", "the late 1980s", "mid-November", "the end of March": the period with a
    mod. Ends the chain when the rest is not a calendar expression."""
    m = re.match(rf"(?P<pos>{POS_RE})[\s-]*(?=\S)", t)
    if not (m and not re.fullmatch(rf"(?:{POS_RE})", t)):
        return None
    rest = t[m.end():]
    if rest.startswith("the "):
        rest = rest[4:]
    inner = calendar(rest, ref, tense)
    if inner is not None and inner.type == "date" and m.group("pos") not in ("earlier", "later"):
        return Timex("date", inner.value, POSITION_MODS.get(m.group("pos")), inner.relative)
    if inner is not None:
        return inner
    return NOT_A_DATE


def part_of_day_of(t: str, ref, tense) -> Optional[Timex]:
    """"the morning of March 3": the day with its part."""
    m = re.fullmatch(rf"(?:the\s+)?({POD_RE})\s+of\s+(.+)", t)
    if not m:
        return None
    inner = calendar(m.group(2), ref, tense)
    if inner is not None and inner.value and re.fullmatch(r"[\dX]{4}-[\dWX]+-[\dX]+", inner.value):
        return Timex("date", inner.value + PARTS_OF_DAY[m.group(1)], inner.mod, inner.relative)
    return NOT_A_DATE


def year(t: str, ref, tense) -> Optional[Timex]:
    """"1998"."""
    m = re.fullmatch(r"(1[0-9]{3}|20[0-9]{2})", t)
    return Timex("date", m.group(1)) if m else None


def apostrophe_year(t: str, ref, tense) -> Optional[Timex]:
    """"'98"."""
    m = re.fullmatch(r"'(\d\d)", t)
    return Timex("date", str(year_of(t))) if m else None


def year_range(t: str, ref, tense) -> Optional[Timex]:
    """"1998-99": the span's first year (the period is ambiguous)."""
    m = re.fullmatch(r"(1[0-9]{3}|20[0-9]{2})\s*[-/]\s*(\d{2}|\d{4})", t)
    return Timex("date", m.group(1)) if m else None


def decade(t: str, ref, tense) -> Optional[Timex]:
    """"1980s", "the '80s", "80s", "the eighties": the decade's three digits ("198"), as TimeML
    writes a period by its leading digits (a century by two: "the 1800s" -> "18")."""
    m = re.fullmatch(r"(1[0-9]{2}|20[0-9])0'?s", t)
    if m:
        if re.fullmatch(r"1[0-9]0", m.group(1)):
            # "the 1800s", "the 1900s" name the hundred years (18, 19); "the 2000s" is read
            # as the decade, the common reading in news since
            return Timex("date", m.group(1)[:2])
        return Timex("date", m.group(1))
    m = re.fullmatch(r"'?([1-9])0'?s", t)
    if m:
        return Timex("date", f"19{m.group(1)}", None, False)
    if t in DECADE_WORDS:
        return Timex("date", f"19{DECADE_WORDS[t]}")
    return None


def century(t: str, ref, tense) -> Optional[Timex]:
    """"the 20th century", "the nineteenth century"."""
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)[- ]century", t) or re.fullmatch(
        r"(\w+)[- ]century", t)
    if not m:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else ORDINALS.get(m.group(1))
    if n and n > 0:
        return Timex("date", f"{n - 1:02d}")
    return None


def numeric_date(t: str, ref, tense) -> Optional[Timex]:
    """"2019-11-18", "11/18/2019", "11/18/19" (US order)."""
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t)
    if m:
        return ymd(int(m.group(1)), int(m.group(2)), int(m.group(3))) or NOT_A_DATE
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", t)
    if m:
        y = int(m.group(3))
        y = y if y > 999 else (1900 + y if y > 30 else 2000 + y)
        return ymd(y, int(m.group(1)), int(m.group(2))) or NOT_A_DATE
    return None


def indefinite_weekday(t: str, ref, tense) -> Optional[Timex]:
    """"a Tuesday", "on a Friday night": some Tuesday, not a particular one ("he was born on a
    Tuesday"), so the week stays unknown: XXXX-WXX-2, whatever the reference date. (Before a
    noun, "a Tuesday news conference" is the conference of a particular Tuesday: a filter leaves
    that to the weekday alone.)"""
    m = re.fullmatch(rf"an?\s+(?P<wd>{WEEKDAY_RE})(?:\s+(?P<pod>{POD_RE}))?", t)
    if not m:
        return None
    pod = PARTS_OF_DAY.get(m.group("pod") or "", "")
    return Timex("date", f"XXXX-WXX-{weekday_of(m.group('wd'))}{pod}", None, False)


def weekday(t: str, ref, tense) -> Optional[Timex]:
    """"Friday", "Friday night", "Friday, Nov. 3, 2016" (the date it names wins)."""
    m = re.fullmatch(
        rf"(?P<wd>{WEEKDAY_RE})(?:\s+(?P<pod>{POD_RE}))?(?:,?\s+(?:the\s+)?(?P<rest>.+))?", t)
    if not m:
        return None
    if m.group("rest"):
        inner = calendar(m.group("rest"), ref, tense)
        if inner is not None and inner.value and re.fullmatch(r"[\dX]{4}-\d\d-\d\d", inner.value):
            return _year_of_the_weekday(inner, weekday_of(m.group("wd")), ref)
        return NOT_A_DATE
    wd = weekday_of(m.group("wd"))
    pod = PARTS_OF_DAY.get(m.group("pod") or "", "")
    if ref is None:
        return Timex("date", f"XXXX-WXX-{wd}{pod}", None, True)
    d = resolve_weekday(ref, wd, tense)
    return Timex("date", d.isoformat() + pod, None, True)


def _year_of_the_weekday(inner: Timex, wd: int, ref) -> Timex:
    """"Thursday, Jan. 1" written without a year: the weekday tells the year when the one the
    tense chose does not fall on it, of the years around the reference date the nearest one
    that does (a month-day falls on a weekday once in several years)."""
    if not inner.relative or ref is None or inner.value.startswith("X"):
        return inner
    d = _dt.date.fromisoformat(inner.value)
    if d.isoweekday() == wd:
        return inner
    fits = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            c = d.replace(year=y)
        except ValueError:
            continue
        if c.isoweekday() == wd:
            fits.append(c)
    if not fits:
        return inner
    return inner._replace(value=min(fits, key=lambda c: abs((c - ref).days)).isoformat())


def _nth_weekday_of_the_month(t: str, ref, tense) -> Optional[Timex]:
    """"the first Monday of the month", "the last Friday of next month": that day of the month
    the reference date lies in (or of the one before or after it), "the month" the one the
    tense points to, as a weekday is (past: the latest such day not after the reference date;
    future: the next one)."""
    m = re.fullmatch(rf"(?:the\s+)?(?P<n>{NTH_WEEKDAY_RE})\s+"
                     rf"(?P<wd>{WEEKDAY_RE})\s+(?:of|in)\s+(?P<shift>the|this|next|last)\s+month", t)
    if not m:
        return None
    if ref is None:
        return Timex("date", None, None, True)
    n, wd = ORDINALS[m.group("n")], weekday_of(m.group("wd"))
    first = _dt.date(ref.year, ref.month, 1)
    days = []
    for k in range(-2, 3):
        month_start = add_months(first, k)
        d = nth_weekday(month_start.year, month_start.month, wd, n)
        if d.month == month_start.month:
            days.append((k, d))
    shift = {"this": 0, "next": 1, "last": -1}.get(m.group("shift"))
    if shift is not None:
        hit = [d for k, d in days if k == shift]
        return Timex("date", hit[0].isoformat(), None, True) if hit else NOT_A_DATE
    if not days:
        return NOT_A_DATE
    try:
        d = choose([((d, d), d) for _, d in days], ref, tense)
    except (IndexError, StopIteration):  # no such day on one side ("the fifth Monday")
        return NOT_A_DATE
    return Timex("date", d.isoformat(), None, True)


def nth_weekday_of_month(t: str, ref, tense) -> Optional[Timex]:
    """"the first Tuesday of November", "the last Friday in May 2019": that day of the month;
    a month without a year takes the year the tense points to, as a month does."""
    m = re.fullmatch(rf"(?:the\s+)?(?P<n>{NTH_WEEKDAY_RE})\s+"
                     rf"(?P<wd>{WEEKDAY_RE})\s+(?:of|in)\s+(?P<mon>{MONTH_RE})"
                     rf"(?:,?\s+(?:of\s+)?(?P<year>{YEAR_RE}))?", t)
    if not m:
        return _nth_weekday_of_the_month(t, ref, tense)
    n, wd, mon = ORDINALS[m.group("n")], weekday_of(m.group("wd")), month_of(m.group("mon"))

    def on(year: int) -> _dt.date:
        return nth_weekday(year, mon, wd, n)

    if m.group("year"):
        d, relative = on(year_of(m.group("year"))), False
    elif ref is None:
        return Timex("date", None, None, True)
    else:
        d, relative = on(choose_year(ref, holiday_period(on), tense)), True
    if d.month != mon:
        return NOT_A_DATE  # no fifth Tuesday that month
    return Timex("date", d.isoformat(), None, relative)


def month_day(t: str, ref, tense) -> Optional[Timex]:
    """"Nov. 3", "November 3, 2016", "3 November 2016", "the 3rd of November"."""
    m = (re.fullmatch(rf"(?P<mon>{MONTH_RE})\s+(?P<day>{DAY_RE})(?:,?\s+(?P<year>{YEAR_RE}))?",
                      t)
         or re.fullmatch(rf"(?P<day>{DAY_RE})\s+(?:of\s+)?(?P<mon>{MONTH_RE})"
                         rf"(?:,?\s+(?P<year>{YEAR_RE}))?", t))
    if not m:
        return None
    mon, day = month_of(m.group("mon")), int(re.match(r"\d+", m.group("day")).group(0))
    if m.group("year"):
        return ymd(year_of(m.group("year")), mon, day) or NOT_A_DATE
    if not 1 <= day <= 31:
        return NOT_A_DATE
    if ref is None:
        return Timex("date", f"XXXX-{mon:02d}-{day:02d}", None, True)
    return ymd(resolve_year(ref, mon, day, tense), mon, day, relative=True) or NOT_A_DATE


def day_of_month(t: str, ref, tense) -> Optional[Timex]:
    """"(on) the 3rd", "the 21st": a day of a month left unsaid, the month the tense points
    to around the reference date as for a month-day (past: the latest 3rd not after it; future:
    the next one; otherwise the nearest)."""
    m = re.fullmatch(r"(?:the\s+)?(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)", t)  # "the" stripped
    if not m or int(m.group("day")) == 0:
        return None
    day = int(m.group("day"))
    if ref is None:
        return Timex("date", f"XXXX-XX-{day:02d}", None, True)
    first = _dt.date(ref.year, ref.month, 1)
    days = []
    for k in range(-2, 3):
        month_start = add_months(first, k)
        d = ymd(month_start.year, month_start.month, day, relative=True)
        if d is not None:
            days.append((_dt.date.fromisoformat(d.value), d))
    return choose([((d, d), hit) for d, hit in days], ref, tense)


def month(t: str, ref, tense) -> Optional[Timex]:
    """"November", "November 2016", "November of 2016"."""
    m = re.fullmatch(rf"(?P<mon>{MONTH_RE})(?:,?\s+(?:of\s+)?(?P<year>{YEAR_RE}))?", t)
    if not m:
        return None
    mon = month_of(m.group("mon"))
    if m.group("year"):
        return Timex("date", f"{year_of(m.group('year'))}-{mon:02d}")
    if ref is None:
        return Timex("date", f"XXXX-{mon:02d}", None, True)
    return Timex("date", f"{resolve_year(ref, mon, None, tense)}-{mon:02d}", None, True)


def month_end(t: str, ref, tense) -> Optional[Timex]:
    """"November-end", "March end" (Indian and business English): the month, mod END."""
    m = re.fullmatch(r"(?P<month>.+?)\s*(?:-\s*|\s)end", t)
    hit = month(m.group("month"), ref, tense) if m else None
    return hit._replace(mod="END") if hit is not None else None


def month_named(t: str, ref, tense) -> Optional[Timex]:
    """"the month of April", "the month of May 2019", "April month" (Indian English): the
    month, as "April" alone reads."""
    m = re.fullmatch(rf"(?:the\s+)?month\s+of\s+(?P<month>{MONTH_RE}.*)", t) or \
        re.fullmatch(rf"(?P<month>{MONTH_RE})\s+month", t)
    return month(m.group("month"), ref, tense) if m else None


def season(t: str, ref, tense) -> Optional[Timex]:
    """"summer", "summer 2015", "the summer of 2015", "2015 summer"."""
    m = re.fullmatch(rf"(?P<s>{SEASON_RE})(?:\s+(?:of\s+)?(?P<year>{YEAR_RE}))?", t) or \
        re.fullmatch(rf"(?P<year>{YEAR_RE})\s+(?P<s>{SEASON_RE})", t)
    if not m:
        return None
    code = SEASONS[m.group("s")]
    if m.group("year"):
        return Timex("date", f"{year_of(m.group('year'))}-{code}")
    if ref is None:
        return Timex("date", f"XXXX-{code}", None, True)
    return Timex("date", resolve_season(ref, code, "", tense), None, True)


def quarter_or_half(t: str, ref, tense) -> Optional[Timex]:
    """"the third quarter of 1998", "the first half", "fourth-quarter", "Q2", "the first quarter
    of fiscal 1999", "fiscal 1999's first quarter" (a fiscal year is written as its year); "the
    second half of the year" is the bare "second half"."""
    m = re.fullmatch(rf"(?P<n>first|second|third|fourth|1st|2nd|3rd|4th|q[1-4])[- ]?"
                     rf"(?P<u>quarter|half)?(?:\s+(?:of\s+)?(?:(?:the\s+)?fiscal\s+(?:year\s+)?)?"
                     rf"(?P<year>{YEAR_RE})|\s+of\s+the\s+(?:fiscal\s+)?year)?", t) or \
        re.fullmatch(rf"(?:fiscal\s+(?:year\s+)?)?(?P<year>{YEAR_RE})'s\s+(?:fiscal\s+)?"
                     rf"(?P<n>first|second|third|fourth)[- ](?P<u>quarter|half)", t)
    if not (m and (m.group("u") or m.group("n").startswith("q"))):
        return None
    n_txt = m.group("n")
    n = int(n_txt[1]) if n_txt.startswith("q") else (
        ORDINALS.get(n_txt) or int(re.match(r"\d", n_txt).group(0)))
    unit = "H" if m.group("u") == "half" else "Q"
    if unit == "H" and n > 2:
        return NOT_A_DATE
    if m.group("year"):
        return Timex("date", f"{year_of(m.group('year'))}-{unit}{n}")
    if ref is None:
        return Timex("date", f"XXXX-{unit}{n}", None, True)
    year = choose_year(ref, quarter_period(n, 6 if unit == "H" else 3), tense)
    return Timex("date", f"{year}-{unit}{n}", None, True)


def holiday(t: str, ref, tense) -> Optional[Timex]:
    m = re.fullmatch(r"(?:(last|next|this)\s+)?(.+?)(?:\s+(week|weekend))?(?:,?\s+(\d{4}))?", t)
    if not m:
        return None
    shift, name, period, year_txt = m.groups()
    if name not in HOLIDAY_NAMES and name != "election day":
        return None

    def on(year: int) -> _dt.date:
        if name in HOLIDAYS_FIXED:
            return _dt.date(year, *HOLIDAYS_FIXED[name])
        if name in HOLIDAYS_NTH:
            return nth_weekday(year, *HOLIDAYS_NTH[name])
        if name == "election day":  # the Tuesday after the first Monday of November
            return nth_weekday(year, 11, 1, 1) + _dt.timedelta(days=1)
        if name in THANKSGIVING_OFFSETS:  # "Black Friday", the day after Thanksgiving
            return nth_weekday(year, *HOLIDAYS_NTH["thanksgiving"]) + \
                _dt.timedelta(days=THANKSGIVING_OFFSETS[name])
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
        d = on(choose_year(ref, holiday_period(on), tense, shift or ""))
    if period == "week":
        return Timex("date", iso_week(d), None, relative)
    if period == "weekend":
        return Timex("date", iso_week(d) + "-WE", None, relative)
    return Timex("date", d.isoformat(), None, relative)


def week_of(t: str, ref, tense) -> Optional[Timex]:
    """"the week of March 6": the ISO week of that day; "the weekend of" its weekend."""
    m = re.fullmatch(r"(?:the\s+)?(week|weekend)\s+of\s+(.+)", t)
    if not m:
        return None
    day = calendar(m.group(2), ref, tense)
    if day is None or not day.value or not re.fullmatch(r"\d{4}-\d\d-\d\d", day.value):
        return NOT_A_DATE if day is None else None
    week = iso_week(_dt.date.fromisoformat(day.value))
    return Timex("date", week + ("-WE" if m.group(1) == "weekend" else ""), None, day.relative)


def period_ended(t: str, ref, tense) -> Optional[Timex]:
    """"the quarter ended Sept. 30", "the fiscal year ending June 30, 1990", "the month ended
    March 31": the period of that length that ends on the day, a quarter as its calendar
    quarter, a year (fiscal or not) as the year it ends in."""
    m = re.fullmatch(r"(?:the\s+)?(?P<unit>quarter|(?:fiscal\s+)?year|month|week)\s+"
                     r"end(?:ed|ing|s)\s+(?:on\s+)?(?P<day>.+)", t)
    if not m:
        return None
    day = calendar(m.group("day"), ref, tense)
    if day is None or not day.value or not re.fullmatch(r"\d{4}-\d\d-\d\d", day.value):
        return None
    d = _dt.date.fromisoformat(day.value)
    unit = m.group("unit").split()[-1]
    if unit == "quarter":
        value = f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    elif unit == "year":
        value = str(d.year)
    elif unit == "month":
        value = f"{d.year}-{d.month:02d}"
    else:
        value = iso_week(d)
    return Timex("date", value, None, day.relative)


def before_or_after_year(t: str, ref, tense) -> Optional[Timex]:
    """"post-1959", "pre-2001": the year, with mod AFTER or BEFORE."""
    m = re.fullmatch(r"(pre|post)[-\s]?(1[0-9]{3}|20[0-9]{2})", t)
    if not m:
        return None
    return Timex("date", m.group(2), "BEFORE" if m.group(1) == "pre" else "AFTER")


# Returned by a rule that recognises its pattern but finds no date in it ("Friday, the game"):
# the chain stops there instead of letting a later, looser pattern guess.
NOT_A_DATE = Timex("date", None, None, False, "not-a-date")

# The calendar chain, in order. The first two read an inner expression; the others see the text
# without a leading preposition ("in 1998" -> "1998").
OUTER_RULES = (Rule("fiscal_year", fiscal_year), Rule("position_in_period", position_in_period),
               Rule("part_of_day_of", part_of_day_of), Rule("week_of", week_of),
               Rule("period_ended", period_ended))
CALENDAR_RULES = (Rule("year", year), Rule("before_or_after_year", before_or_after_year),
                  Rule("apostrophe_year", apostrophe_year),
                  Rule("year_range", year_range), Rule("decade", decade),
                  Rule("century", century), Rule("numeric_date", numeric_date),
                  Rule("nth_weekday_of_month", nth_weekday_of_month),
                  Rule("indefinite_weekday", indefinite_weekday), Rule("weekday", weekday), Rule("month_day", month_day),
                  Rule("day_of_month", day_of_month), Rule("month", month),
                  Rule("month_end", month_end), Rule("month_named", month_named),
                  Rule("season", season), Rule("quarter_or_half", quarter_or_half),
                  Rule("holiday", holiday))


def calendar(t: str, ref, tense) -> Optional[Timex]:
    """The first calendar rule that reads ``t`` (None for no date)."""
    for rule in OUTER_RULES:
        hit = rule.apply(t, ref, tense)
        if hit is not None:
            return None if hit is NOT_A_DATE else hit
    t = strip_calendar_prefix(t)
    for rule in CALENDAR_RULES:
        hit = rule.apply(t, ref, tense)
        if hit is not None:
            return None if hit is NOT_A_DATE else hit
    return None
