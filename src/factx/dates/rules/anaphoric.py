"""Dates told relative to the last date of the text, not to the publication date: "that year",
"the same day", "the next day", "the following week", "the day before", "the next morning".

The rule (``anaphoric``) recognises them and, for want of better, resolves them against the
reference date; ``extract`` then resolves them again against the last date written before them
in the article (``resolve_anaphor``), since news tells events in order."""
from __future__ import annotations

import datetime as _dt
import re
from typing import NamedTuple, Optional

from ..lexicon import PARTS_OF_DAY, POD_RE, POS_RE, POSITION_MODS
from ..values import Timex, is_past, add_months, iso_week


class Anaphor(NamedTuple):
    unit: str  # day | week | month | year
    step: int  # periods after (+) or before (-) the antecedent
    pod: str  # part of day suffix ("TMO") or ""
    mod: Optional[str]


_UNIT = rf"(?P<unit>day|week|month|quarter|year|{POD_RE})"
_PATTERNS = (
    (re.compile(rf"(?:that|the same|that same|the very same)\s+{_UNIT}"), 0),
    (re.compile(rf"the\s+(?:following|subsequent)\s+{_UNIT}"), 1),
    (re.compile(rf"the\s+(?:previous|preceding|prior)\s+{_UNIT}"), -1),
    # "the next week/year" is as often a length of time ("over the next year"): only a day,
    # unless "very" makes it one point ("the very next year")
    (re.compile(rf"the\s+next\s+(?P<unit>day|{POD_RE})"), 1),
    (re.compile(rf"the\s+very\s+next\s+{_UNIT}"), 1),
    (re.compile(rf"the\s+(?P<unit>day|{POD_RE})\s+(?P<side>before|after)"), 0),
    # "the year before", "the week after" as an adverb (the candidate ends there: "the year
    # before the war" names an event, not a date): the period before or after the last one
    (re.compile(r"the\s+(?P<unit>week|month|year)\s+(?P<side>before|after)"), 0),
)


def anaphor_of(t: str) -> Optional[Anaphor]:
    """The anaphoric reading of a cleaned expression, or None."""
    m = re.match(rf"(?P<pos>{POS_RE})[\s-]*", t)
    mod = None
    if m and not re.fullmatch(rf"(?:{POS_RE})", t):
        mod = POSITION_MODS.get(m.group("pos"))
        t = t[m.end():]
    for pattern, step in _PATTERNS:
        hit = pattern.fullmatch(t)
        if hit:
            unit = hit.group("unit")
            if "side" in pattern.groupindex:
                step = -1 if hit.group("side") == "before" else 1
            pod = PARTS_OF_DAY.get(unit, "")
            return Anaphor("day" if pod else unit, step, pod, mod)
    return None


_PART_OF_THE_UNIT = re.compile(rf"(?P<pos>{POS_RE})\s*the\s+(?P<unit>week|month|year|decade|century)")


_UNIT_END = re.compile(r"(?:the\s+)?(?P<unit>week|month|year)(?:'s\s+|\s*-\s*|\s+)end")


def part_anaphor(t: str) -> Optional[Anaphor]:
    """"the end of the year", "the start of the month", "the middle of the week", "year's end",
    "by year-end": a part of a period named by "the" alone, which the context fixes (see
    ``part_of_the_told_unit``)."""
    m = _UNIT_END.fullmatch(t)
    if m:
        return Anaphor(m.group("unit"), 0, "", "END")
    m = _PART_OF_THE_UNIT.fullmatch(t)
    mod = POSITION_MODS.get(m.group("pos")) if m else None
    return Anaphor(m.group("unit"), 0, "", mod) if mod else None


def _parse(value: str) -> Optional[tuple[str, _dt.date]]:
    """The precision ("day", "week", "month", "year") and first day of a date value."""
    try:
        if re.fullmatch(r"\d{4}-\d\d-\d\d.*", value):
            return "day", _dt.date.fromisoformat(value[:10])
        m = re.fullmatch(r"(\d{4})-W(\d\d)(?:-WE)?", value)
        if m:
            return "week", _dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        if re.fullmatch(r"\d{4}-\d\d", value):
            return "month", _dt.date(int(value[:4]), int(value[5:7]), 1)
        if re.fullmatch(r"\d{4}-Q[1-4]", value):
            return "quarter", _dt.date(int(value[:4]), 3 * int(value[-1]) - 2, 1)
        if re.fullmatch(r"\d{4}", value):
            return "year", _dt.date(int(value), 1, 1)
    except ValueError:
        return None
    return None


_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 2.5, "year": 3, "decade": 4, "century": 5}


def shifted(anaphor: Anaphor, base: _dt.date) -> Optional[str]:
    """The value ``anaphor.step`` periods from the one ``base`` lies in."""
    try:
        if anaphor.unit == "day":
            return (base + _dt.timedelta(days=anaphor.step)).isoformat() + anaphor.pod
        if anaphor.unit == "week":
            return iso_week(base + _dt.timedelta(weeks=anaphor.step))
        if anaphor.unit == "month":
            d = add_months(base, anaphor.step)
            return f"{d.year}-{d.month:02d}"
        if anaphor.unit == "quarter":
            d = add_months(base, 3 * anaphor.step)
            return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
        if anaphor.unit == "decade":  # by its leading digits, "199" for the 1990s
            return str(base.year // 10 + anaphor.step)
        if anaphor.unit == "century":  # "20" for the years 2000-2099, as TimeML writes them
            return str(base.year // 100 + anaphor.step)
        return str(base.year + anaphor.step)
    except (OverflowError, ValueError):
        return None


def resolve_anaphor(anaphor: Anaphor, antecedent: str) -> Optional[str]:
    """The value of an anaphoric date after a date of value ``antecedent``. When the antecedent
    is coarser than the anaphor, "that same day" lies in it with its finer parts unknown
    (``within_coarser``); a shifted one ("the next day" after "1998") is unknown."""
    parsed = _parse(antecedent)
    if parsed is None:
        return None
    if _RANK[parsed[0]] > _RANK[anaphor.unit]:
        return within_coarser(anaphor, parsed[0], antecedent) if anaphor.step == 0 else None
    return shifted(anaphor, parsed[1])


def within_coarser(anaphor: Anaphor, precision: str, antecedent: str) -> Optional[str]:
    """"that same day" after "last October" is a day of that month, TimeML's "1998-10-XX";
    after "1999", "1999-XX-XX"; "that same month" after "1999", "1999-XX"; "that week" after
    "1999", "1999-WXX". A week of a month has no such value: None."""
    year = antecedent[:4]
    if anaphor.unit == "day":
        month = antecedent[5:7] if precision == "month" else "XX"
        return f"{year}-{month}-XX" + anaphor.pod
    if anaphor.unit == "month" and precision in ("year", "quarter"):
        return f"{year}-XX"
    if anaphor.unit == "quarter" and precision == "year":
        return f"{year}-QX"
    if anaphor.unit == "week" and precision == "year":
        return f"{year}-WXX"
    return None


def anaphoric(t: str, ref, tense) -> Optional[Timex]:
    """"that year", "the following week", "the next morning": against the reference date until
    the text gives an earlier date (see the module's docstring); unknown without either."""
    anaphor = anaphor_of(t)
    if anaphor is None:
        return None
    if anaphor.step == 0 or ref is None:
        return Timex("date", None, anaphor.mod, True)  # "that year" needs its antecedent
    return Timex("date", shifted(anaphor, ref), anaphor.mod, True)


def part_of_the_told_unit(t: str, ref, tense) -> Optional[Timex]:
    """"by the end of the year" in a past sentence: the year the story is telling, that is the
    one of the last date before it ("In 2008 the firm was sold; by the end of the year it had
    collapsed"); ``extract`` resolves it so, and the reference date's year stands until then.
    In a present or future sentence it is the reference date's (``deictic``)."""
    anaphor = part_anaphor(t)
    if anaphor is None or not is_past(tense):
        return None
    return Timex("date", shifted(anaphor, ref) if ref else None, anaphor.mod, True)


_BEFORE_AFTER_DATE = re.compile(rf"the\s+(?P<unit>day|week|{POD_RE})\s+(?P<side>before|after)\s+"
                                r"(?P<date>.+)")


def day_before_or_after_date(t: str, ref, tense) -> Optional[Timex]:
    """"the day before last Tuesday", "the day after Christmas", "the night before Nov. 3",
    "the week after Easter": one date, a day (a part of one, a week) from the date it names,
    as "the day before yesterday" is one. Not when the rest names no day ("the day before the
    vote": an event, whose date the text does not give)."""
    m = _BEFORE_AFTER_DATE.fullmatch(t)
    if not m:
        return None
    from . import normalize_rules  # the registry holds this rule: import when called
    base = normalize_rules(m.group("date"), ref, tense)
    if base is None or base.type not in ("date", "time") or not base.value or \
            not re.fullmatch(r"\d{4}-\d\d-\d\d(?:T.*)?", base.value):
        return None
    unit = m.group("unit")
    step = -1 if m.group("side") == "before" else 1
    anaphor = Anaphor("week" if unit == "week" else "day", step, PARTS_OF_DAY.get(unit, ""), None)
    value = shifted(anaphor, _dt.date.fromisoformat(base.value[:10]))
    kind = "time" if value and "T" in value else "date"
    return Timex(kind, value, None, base.relative)


_THE_UNIT = re.compile(r"the\s+(?P<unit>week|month|quarter|year)")


def the_unit(t: str, ref, tense) -> Optional[Timex]:
    """"for the quarter", "in the year", "during the month" (the context is checked by
    ``filters.is_discourse_or_noun``): the period the text is telling, that is the one of the
    last date before it ("Sales rose in the third quarter ... For the quarter, net income
    fell" -> the third quarter), as TimeML values a definite period; until then the one the
    reference date lies in."""
    m = _THE_UNIT.fullmatch(t)
    if not m:
        return None
    unit = m.group("unit")
    if ref is None:
        return Timex("date", None, None, True)
    return Timex("date", shifted(Anaphor(unit, 0, "", None), ref), None, True)


def the_unit_anaphor(t: str) -> Optional[Anaphor]:
    m = _THE_UNIT.fullmatch(t)
    return Anaphor(m.group("unit"), 0, "", None) if m else None
