"""Which date an underspecified expression means, written once for every kind of period.

A weekday, a month, a month-day, a quarter, a season or a holiday written without its year (or
week) names one of a row of candidate periods around the reference (publication) date. The
choice, the same for all of them:

* "last X" / "the past X": the latest X that ended before the reference date ("last February"
  in February is a year ago); "next X" / "the coming X": the first X that starts after it;
* "this X": the X the reference date lies in, if it lies in one;
* otherwise the tense of the governing verb: past, the latest X not after the reference date;
  future, the next one (the current one included); neither, the nearest one, where a day
  ahead counts as much as 1.4 days behind (news mostly reports what happened, and announces
  the near future: about seven months back against five ahead).

A yearly period gets a month of slack against the tense (``YEARLY_SLACK``): a past-tense report
of what is planned ("the hearing was set for Nov. 20", read in a story of Nov. 15) names this
year's date, not last year's, and the parse reads such future-in-the-past as past. A date
that cannot lie ahead ("since January", tense ``PAST_STRICT``) gets none.
"""
from __future__ import annotations

import datetime as _dt
from typing import Callable, Optional, Sequence, TypeVar

from .lexicon import SEASON_START
from .values import FUTURE, PAST, PAST_STRICT, add_months, is_past

T = TypeVar("T")
Period = tuple[_dt.date, _dt.date]  # first and last day

SHIFT_WORDS = {"last": "last", "past": "last", "previous": "last", "this past": "last",
               "next": "next", "coming": "next", "following": "next", "upcoming": "next",
               "this": "this", "current": "this"}


def _gap(period: Period, ref: _dt.date) -> int:
    first, last = period
    if first > ref:
        return (first - ref).days
    if last < ref:
        return (ref - last).days
    return 0


FUTURE_WEIGHT = 1.4
YEARLY_SLACK = 31


def _weighted_gap(period: Period, ref: _dt.date) -> float:
    gap = _gap(period, ref)
    return gap * FUTURE_WEIGHT if period[0] > ref else gap


def choose(candidates: Sequence[tuple[Period, T]], ref: _dt.date, tense: Optional[str],
           shift: str = "", slack: int = 0) -> T:
    """The label of the candidate period the rules above pick. ``candidates`` must reach at
    least one period past the reference date on each side; ``slack`` days widen what the
    tense allows (see above)."""
    cands = sorted(candidates, key=lambda c: c[0][0])
    shift = SHIFT_WORDS.get(shift, shift)
    if shift == "last":
        return [label for period, label in cands if period[1] < ref][-1]
    if shift == "next":
        return next(label for period, label in cands if period[0] > ref)
    containing = [label for period, label in cands if period[0] <= ref <= period[1]]
    if shift == "this" and containing:
        return containing[0]
    if tense == PAST_STRICT:
        return [label for period, label in cands if period[0] <= ref][-1]
    late = ref + _dt.timedelta(days=slack)
    early = ref - _dt.timedelta(days=slack)
    if tense == PAST:
        return [label for period, label in cands if period[0] <= late][-1]
    if tense == FUTURE:
        return next(label for period, label in cands if period[1] >= early)
    return min(cands, key=lambda c: (_weighted_gap(c[0], ref), c[0][0] > ref))[1]


def choose_year(ref: _dt.date, period_in: Callable[[int], Period], tense: Optional[str],
                shift: str = "") -> int:
    """The year of a yearly period (a month, a season, a holiday) named without one."""
    years = range(ref.year - 2, ref.year + 3)
    return choose([(period_in(y), y) for y in years], ref, tense, shift, YEARLY_SLACK)


def resolve_weekday(ref: _dt.date, weekday: int, tense: Optional[str], shift: str = "") -> _dt.date:
    """The date of a weekday (1 = Monday) named in an article dated ``ref``."""
    back = (ref.isoweekday() - weekday) % 7
    days = [ref - _dt.timedelta(days=back + 7 * k) for k in (1, 0)] + \
        [ref + _dt.timedelta(days=(7 - back) % 7 + 7 * k) for k in (0, 1)]
    if shift == "this":
        # "this Friday": the coming Friday ("the museum reopens this Saturday"), unless the
        # sentence tells the past ("the council voted this Monday")
        shift, tense = "", (tense if is_past(tense) else FUTURE)
    return choose([((d, d), d) for d in set(days)], ref, tense, shift)


def month_period(month: int, day: Optional[int] = None) -> Callable[[int], Period]:
    """The days of a month (or of one day of it) in a given year; 29 February in a year
    without it is the 28th, so that every year is a candidate."""
    def period(year: int) -> Period:
        if day is not None:
            try:
                d = _dt.date(year, month, day)
            except ValueError:
                d = _dt.date(year, month, 28)
            return d, d
        first = _dt.date(year, month, 1)
        return first, add_months(first, 1) - _dt.timedelta(days=1)
    return period


def resolve_year(ref: _dt.date, month: int, day: Optional[int], tense: Optional[str],
                 shift: str = "") -> int:
    """Year of a month (and day) written without one."""
    return choose_year(ref, month_period(month, day), tense, shift)


def quarter_period(n: int, months: int = 3) -> Callable[[int], Period]:
    """The n-th quarter (or, with ``months=6``, half) of a year."""
    def period(year: int) -> Period:
        first = _dt.date(year, 1 + months * (n - 1), 1)
        return first, add_months(first, months) - _dt.timedelta(days=1)
    return period


def season_of(d: _dt.date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU",
            8: "SU"}.get(d.month, "FA")


def season_period(code: str) -> Callable[[int], Period]:
    """Three months from the season's first month (northern hemisphere); a winter belongs to
    the year of its December."""
    def period(year: int) -> Period:
        first = _dt.date(year, SEASON_START[code], 1)
        return first, add_months(first, 3) - _dt.timedelta(days=1)
    return period


def resolve_season(ref: _dt.date, code: str, shift: str, tense: Optional[str]) -> str:
    """"summer", "last summer", "next winter" as ``YYYY-SU``."""
    return f"{choose_year(ref, season_period(code), tense, shift)}-{code}"


def holiday_period(day_in: Callable[[int], _dt.date]) -> Callable[[int], Period]:
    def period(year: int) -> Period:
        d = day_in(year)
        return d, d
    return period


__all__ = ["choose", "choose_year", "resolve_weekday", "resolve_year", "resolve_season",
           "season_of", "month_period", "quarter_period", "season_period", "holiday_period",
           "SHIFT_WORDS"]
