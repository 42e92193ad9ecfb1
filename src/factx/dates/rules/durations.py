"""Amounts of time (TIMEX3 DURATION) and the dates they point to from the reference date
("three years ago")."""
from __future__ import annotations

import datetime as _dt
import re
from typing import Optional

from ..lexicon import MOD_RE, MODS, QTY_RE, UNIT_RE, UNITS, VAGUE_RE
from ..values import Timex, add_months, duration_value, iso_week, parse_quantity


def amount_of_time(t: str, ref, tense) -> Optional[Timex]:
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
        if plural and qty_txt in (None, "a", "an"):
            return Timex("duration", duration_value(None, unit), mod)  # "a decades-old feud"
        return None  # an age, not a time ("63-year-old", "a year old")
    vague = qty_txt is not None and re.fullmatch(VAGUE_RE, qty_txt) is not None
    qty = None if vague else (parse_quantity(qty_txt) if qty_txt else (None if plural else 1.0))
    if qty_txt and not vague and qty is None:
        return None
    if qty_txt in ("a", "an") and plural:
        return None  # "a years-old slump" cut at the hyphen: no amount of its own
    if qty_txt in ("a couple of", "couple of"):
        qty = 2.0
    if direction in ("recent", "coming") and qty_txt is None:
        qty = None  # "recent years", "coming months"
    if qty_txt is None and direction is None and not plural and not m.group("mod") \
            and not m.group("adj"):
        return None  # "the day", "night", "the year" alone are not amounts of time
    if rel in ("ago", "back", "from now", "hence"):
        return offset_date(qty, unit, -1 if rel in ("ago", "back") else 1, ref, mod)
    if rel in ("earlier", "later", "before", "after", "before that", "after that", "prior",
               "on"):
        # "an hour later", "days later", "two days before the vote": the amount is what the text
        # states, its anchor another event or time (a counted calendar amount later or earlier
        # is a date: amount_later)
        return Timex("duration", duration_value(qty, unit), mod, False)
    if direction == "latest" and not qty_txt and not plural and not m.group("mod") and \
            unit in ("week", "month", "quarter", "year") and rel is None:
        # "the latest quarter": the last one that ended, as "last quarter"
        return offset_date(1.0, unit, -1, ref, None)
    if direction == "first" and unit == "quarter" and not qty_txt and not m.group("mod"):
        return None  # "the first quarter" is a calendar quarter (Q1), like "the second quarter"
    if (direction in ("last", "next", "this") and not qty_txt and not m.group("the")
            and not plural and not m.group("mod")):
        return None  # "last year" is a calendar date, handled by rule_deictic
    if unit.rstrip("s") == "weekend" and not qty_txt:
        return None
    return Timex("duration", duration_value(qty, unit), mod)


# Calendar units an amount told from another date counts in ("two days later", "a year
# earlier"); a clock amount ("an hour later") stays a duration: its anchor is a clock time.
_LATER_UNITS = ("day", "week", "month", "quarter", "year", "decade", "century")
_LATER_RE = re.compile(rf"(?:(?P<mod>{MOD_RE})\s+)?(?P<qty>{QTY_RE})[\s-]+"
                       rf"(?P<unit>(?:{'|'.join(_LATER_UNITS)})s?|centuries)\s+(?P<rel>later|earlier)")


def later_parts(t: str) -> Optional[tuple[float, str, int, Optional[str]]]:
    """(count, unit, sign, mod) of "two days later", "a year earlier", "about six months
    later", the adjectives "year-earlier", "year-ago" ("the year-earlier quarter"); None for
    another text or a vague count ("days later")."""
    m = re.fullmatch(r"(?:the\s+)?(year|month|quarter|week)\s*-\s*(?:earlier|ago)", t)
    if m:
        return 1.0, m.group(1), -1, None
    m = _LATER_RE.fullmatch(t)
    if not m:
        return None
    qty = parse_quantity(m.group("qty"))
    if qty is None or not float(qty).is_integer():
        return None
    unit = "century" if m.group("unit") == "centuries" else m.group("unit").rstrip("s")
    mod = MODS.get(m.group("mod")) if m.group("mod") else None
    return qty, unit, 1 if m.group("rel") == "later" else -1, mod


def amount_later(t: str, ref, tense) -> Optional[Timex]:
    """"two days later", "a year earlier": a DATE, the amount counted from the date the text
    last gave (TimeML anchors it to that time, as HeidelTime and TimeBank read "a year
    earlier"); ``extract`` resolves it so, and the reference date stands until then."""
    parts = later_parts(t)
    if parts is None:
        return None
    qty, unit, sign, mod = parts
    return offset_date(qty, unit, sign, ref, mod)


def resolve_later(parts: tuple[float, str, int, Optional[str]], antecedent: str) -> Optional[str]:
    """The value of "two days later" / "a year earlier" (``later_parts``) counted from a date
    of value ``antecedent``. A year from a period that recurs every year keeps the period ("a
    year earlier" than 1989-Q3 is 1988-Q3, than 1989-10 is 1988-10); otherwise the value has
    the unit's precision. None when the antecedent is coarser than the unit ("two days later"
    after "1998")."""
    qty, unit, sign, _ = parts
    n = sign * int(qty)
    m = re.fullmatch(r"(\d{4})(?:-(Q[1-4]|H[12]|SP|SU|FA|WI|\d\d|W\d\d))?(?:-(\d\d))?(?:T.*)?",
                     antecedent)
    if not m:
        return None
    year, part, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if unit in ("year", "decade", "century"):
            years = n * {"year": 1, "decade": 10, "century": 100}[unit]
            if part and not day and not part.startswith("W"):
                return f"{year + years}-{part}"
            return str(year + years)
        if part is None:
            return None
        if day:
            base = _dt.date(year, int(part), int(day))
        elif part.startswith("W"):
            base = _dt.date.fromisocalendar(year, int(part[1:]), 1)
        elif part.isdigit():
            base = _dt.date(year, int(part), 1)
        elif part.startswith("Q"):
            base = _dt.date(year, 3 * int(part[1]) - 2, 1)
        else:
            return None
        if unit == "quarter":
            if not (day or part.isdigit() or part.startswith("Q")):
                return None
            d = add_months(base, 3 * n)
            return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
        if part.startswith("Q"):
            return None  # a quarter gives no month, week or day to count from
        if unit == "month":
            d = add_months(base, n)
            return f"{d.year}-{d.month:02d}"
        if part.isdigit() and not day:
            return None  # a month gives no week or day to count from
        if unit == "week":
            return iso_week(base + _dt.timedelta(weeks=n))
        if unit == "day" and day:
            return (base + _dt.timedelta(days=n)).isoformat()
    except (OverflowError, ValueError):
        return None
    return None


# A point counted with a bounded amount is bounded on one side (TimeML 1.2.1 mod): "more than
# a decade ago" lies BEFORE the date a decade back, "less than a year ago" AFTER it, and the
# other way round ahead ("more than a year from now", "two days later": AFTER).
_POINT_MODS = {
    -1: {"MORE_THAN": "BEFORE", "EQUAL_OR_MORE": "ON_OR_BEFORE", "LESS_THAN": "AFTER",
         "EQUAL_OR_LESS": "ON_OR_AFTER"},
    1: {"MORE_THAN": "AFTER", "EQUAL_OR_MORE": "ON_OR_AFTER", "LESS_THAN": "BEFORE",
        "EQUAL_OR_LESS": "ON_OR_BEFORE"},
}


def point_mod(mod: Optional[str], sign: int) -> Optional[str]:
    """The mod of a date counted back (``sign`` -1) or ahead (+1) with an amount of mod
    ``mod``: LESS_THAN / MORE_THAN bound a length, BEFORE / AFTER a point; APPROX stays."""
    return _POINT_MODS[1 if sign > 0 else -1].get(mod, mod) if mod else mod


def offset_date(qty, unit, sign, ref, mod) -> Timex:
    """"three years ago" / "two weeks from now": a date at the precision of the unit, with
    the amount's bound as the point's ("more than a decade ago": BEFORE)."""
    mod = point_mod(mod, sign)
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
            if not float(years).is_integer():
                # "two and a half years ago": a month, as "30 months ago" is
                d = add_months(ref, sign * int(round(years * 12)))
                return Timex("date", f"{d.year}-{d.month:02d}", mod, True)
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


def amount_and_a_half(t: str, ref, tense) -> Optional[Timex]:
    """"a minute and a half" (PT1M30S), "two hours and a half", "a year and a half"; told from
    the reference date, a date as "18 months ago" is ("a year and a half ago": its month)."""
    m = re.fullmatch(rf"(?:(?P<mod>{MOD_RE})\s+)?(?P<qty>{QTY_RE})\s+(?P<unit>{UNIT_RE})"
                     r"\s+and\s+a\s+half(?:\s+(?P<rel>ago|from now))?", t)
    if not m:
        return None
    qty = parse_quantity(m.group("qty"))
    if qty is None:
        return None
    mod = MODS.get(m.group("mod")) if m.group("mod") else None
    if m.group("rel"):
        return offset_date(qty + 0.5, m.group("unit"), -1 if m.group("rel") == "ago" else 1, ref, mod)
    return Timex("duration", duration_value(qty + 0.5, m.group("unit")), mod)


def amount_range(t: str, ref, tense) -> Optional[Timex]:
    """"12 to 18 months", "the next two to three years", "between two and three years": one
    length of time whose number the text leaves open (PXM)."""
    # "and" joins a range only after "between": "seven and a half years" is one amount
    m = re.fullmatch(rf"(?:(?:the\s+)?(?:next|past|last|coming|first)\s+)?(?P<a>{QTY_RE})"
                     rf"\s*(?:to|-|\u2013|or)\s*(?P<b>{QTY_RE})[\s-]+(?P<unit>{UNIT_RE})", t) or \
        re.fullmatch(rf"between\s+(?P<a>{QTY_RE})\s+and\s+(?P<b>{QTY_RE})\s+(?P<unit>{UNIT_RE})", t)
    if not m or parse_quantity(m.group("a")) is None or parse_quantity(m.group("b")) is None:
        return None
    return Timex("duration", duration_value(None, m.group("unit")))


def amount_more(t: str, ref, tense) -> Optional[Timex]:
    """"two more weeks", "another three days", "an additional year": the amount added."""
    m = re.fullmatch(rf"(?:(?P<mod>{MOD_RE})\s+)?(?:(?P<qty>{QTY_RE})\s+more|another"
                     rf"(?:\s+(?P<qty2>{QTY_RE}))?|an\s+additional(?:\s+(?P<qty3>{QTY_RE}))?)"
                     rf"\s+(?P<unit>{UNIT_RE})", t)
    if not m:
        return None
    qty_txt = m.group("qty") or m.group("qty2") or m.group("qty3")
    qty = parse_quantity(qty_txt) if qty_txt else 1.0
    if qty is None:
        return None
    mod = MODS.get(m.group("mod")) if m.group("mod") else None
    return Timex("duration", duration_value(qty, m.group("unit")), mod)
