"""The registry of normalization rules: one small function a pattern, tried in order.

``normalize_rules(text, reference_date, tense)`` turns an already-detected expression such as
"last summer", "more than two decades" or "Friday" into a :class:`Timex` with a TIMEX3 type,
value and mod, and the name of the rule that read it. The first rule that recognises the text
decides: it returns a value, or ``NOT_A_DATE`` to stop the search.

Conventions (TimeML 1.2.1 TIMEX3):
* precision follows the text: "1996" -> ``1996``, "May 2018" -> ``2018-05``; a decade or a
  century by its leading digits ("the 1980s" -> ``198``, "the 20th century" -> ``19``) and the
  part of a period in ``mod`` (START, MID, END);
* ISO weeks with two digits ("1998-W08"), weekends ``-WE``, quarters ``-Q1``, halves ``-H2``,
  seasons ``-SU``;
* durations in ISO 8601, decades and centuries with a count in years ("two decades" -> ``P20Y``),
  a vague count as ``X`` ("years" -> ``PXY``, "centuries" -> ``PXC``);
* a set that recurs every so often by its period, as the TimeML 1.2.1 specification writes
  "daily" (``P1D``) and "twice a month" (``P1M``, freq ``2X``); one that recurs on a named time
  by that time's pattern ("every Tuesday" -> ``XXXX-WXX-2``, "Tuesday nights" ->
  ``XXXX-WXX-2TNI``);
* a time of day, even a vague one ("Friday night", "this morning", "at dawn"), is a TIME with a
  part-of-day suffix (TMO, TAF, TEV, TNI); dawn is morning and dusk evening;
* an amount told from another date ("two days later", "a year earlier") is a DATE counted from
  the last date of the text, as "two years ago" is one counted from the reference date;
* relative expressions are resolved against the reference date in the direction ``direction``
  chooses; without a reference date they keep an underspecified value ("XXXX-WXX-5",
  "XXXX-11-20") or ``None``; nothing is ever resolved against today's clock.
"""
from __future__ import annotations

import datetime as _dt
from typing import Optional

from ..values import Timex
from . import calendar as _calendar
from . import anaphoric, clock, deictic, durations, sets
from .calendar import NOT_A_DATE, strip_calendar_prefix
from .common import Rule, RuleFn, clean

__all__ = ["RULES", "Rule", "normalize_rules", "clean"]


def _after_prefix(fn: RuleFn) -> RuleFn:
    """The calendar patterns read the text without a leading preposition ("in 1998")."""
    def apply(t: str, ref: Optional[_dt.date], tense: Optional[str]) -> Optional[Timex]:
        return fn(strip_calendar_prefix(t), ref, tense)
    return apply


RULES: tuple[Rule, ...] = (
    Rule("set_adverb", sets.set_adverb),
    Rule("set_every_unit", sets.set_every_unit),
    Rule("set_nth_weekday_monthly", sets.set_nth_weekday_monthly),
    Rule("set_habitual_month_day", sets.set_habitual_month_day),
    Rule("set_every_weekday", sets.set_every_weekday),
    Rule("set_every_month", sets.set_every_month),
    Rule("set_every_season", sets.set_every_season),
    Rule("set_every_part_of_day", sets.set_every_part_of_day),
    Rule("set_weekends", sets.set_weekends),
    Rule("set_times_per_unit", sets.set_times_per_unit),
    Rule("set_amount_per_unit", sets.set_amount_per_unit),
    Rule("deictic_word", deictic.deictic_word),
    Rule("day_before_or_after_date", anaphoric.day_before_or_after_date),
    Rule("anaphoric", anaphoric.anaphoric),
    Rule("the_unit", anaphoric.the_unit),
    Rule("deictic_day", deictic.deictic_day),
    Rule("day_edge", deictic.day_edge),
    Rule("part_of_the_told_day", deictic.part_of_the_told_day),
    Rule("last_night", deictic.last_night),
    Rule("this_part_of_day", deictic.this_part_of_day),
    Rule("part_of_relative_year", deictic.part_of_relative_year),
    Rule("the_weekend", deictic.the_weekend),
    Rule("shifted_unit", deictic.shifted_unit),
    Rule("part_of_the_current_unit", deictic.part_of_the_current_unit),
    Rule("part_of_the_told_unit", anaphoric.part_of_the_told_unit),
    Rule("clock_time", clock.clock_time),
    Rule("clock_with_date", clock.clock_with_date),
    Rule("amount_and_a_half", durations.amount_and_a_half),
    Rule("amount_range", durations.amount_range),
    Rule("amount_more", durations.amount_more),
    Rule("amount_later", durations.amount_later),
    Rule("amount_of_time", durations.amount_of_time),
    *_calendar.OUTER_RULES,
    *(Rule(r.name, _after_prefix(r.apply)) for r in _calendar.CALENDAR_RULES),
)


def normalize_rules(text: str, ref: Optional[_dt.date] = None,
                    tense: Optional[str] = None) -> Optional[Timex]:
    """Apply the rules in order; None when no rule understands the expression."""
    t = clean(text)
    if not t:
        return None
    for rule in RULES:
        hit = rule.apply(t, ref, tense)
        if hit is NOT_A_DATE:
            return None
        if hit is not None:
            return hit._replace(rule=rule.name)
    return None
