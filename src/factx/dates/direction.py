"""Which date an underspecified expression means: the reference (publication) date, the tense of
the governing verb and a shift word ("last", "next") choose the year of a month, the week of a
weekday, the year of a season."""
from __future__ import annotations

import datetime as _dt
from typing import Optional

from .lexicon import SEASON_START
from .values import FUTURE, PAST, PRESENT

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
