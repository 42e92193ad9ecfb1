"""One temporal expression to its TIMEX3 value: the rules first, then the dateparser fallback."""
from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from typing import Optional

import re

from .errors import report
from .fallback import normalize_with_dateparser
from .rules import normalize_rules
from .values import Timex


def _normalize_uncached(text: str, reference_date: Optional[_dt.date] = None,
                        tense: Optional[str] = None) -> Optional[Timex]:
    hit = normalize_rules(text, reference_date, tense)
    if hit is None:
        hit = normalize_with_dateparser(text, reference_date, tense)
    return _time_of_day(hit)


# A date value with a time of day: a clock time or a part of the day ("1998-02-06TNI").
_TIME_OF_DAY = re.compile(r"(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)T.+")


def _time_of_day(hit: Optional[Timex]) -> Optional[Timex]:
    """TimeML types as TIME an expression that names a time of day, "even if in a very
    indefinite way": "Friday night", "this morning", "last night" as well as "10:35 a.m."."""
    if hit is not None and hit.type == "date" and hit.value and _TIME_OF_DAY.fullmatch(hit.value):
        return hit._replace(type="time")
    return hit


@lru_cache(maxsize=8192)
def normalize(text: str, reference_date: Optional[_dt.date] = None,
              tense: Optional[str] = None) -> Optional[Timex]:
    """(type, value, mod, relative, rule) of one temporal expression, or None if it is not one.

    ``tense`` is "past", "present", "future" or None; it only matters with a reference date."""
    try:
        return _normalize_uncached(text, reference_date, tense)
    except Exception as exc:  # noqa: BLE001 - a rule bug must not take the article down
        report("normalizing", exc, text)
        return None
