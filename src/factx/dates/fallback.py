"""The dateparser fallback, in one place: absolute dates in formats the rules do not know
("23rd of October, 1998", "10.23.1998"). dateparser never sees relative phrases, and never the
wall clock: missing parts are read from what the text gave, not filled in."""
from __future__ import annotations

import datetime as _dt
import logging
import re
import time
from typing import Optional

from .direction import resolve_year
from .errors import report
from .lexicon import MONTHS, WEEKDAYS
from .values import Timex

RULE = "dateparser"

# Time spent inside dateparser, for benchmarks (reset freely).
STATS = {"dateparser_calls": 0, "dateparser_seconds": 0.0}

# dateparser fills what a text does not say from RELATIVE_BASE; we give it a fixed, far-off base
# and read DateData.parts to learn which parts the text really gave, so the clock never leaks in.
_SENTINEL_BASE = _dt.datetime(1111, 11, 11)
_PARSER = None


def _dateparser():
    """The one DateDataParser of this process, created on first use (import is slow)."""
    global _PARSER
    if _PARSER is None:
        from dateparser.date import DateDataParser

        _PARSER = DateDataParser(languages=["en"], settings={
            "RELATIVE_BASE": _SENTINEL_BASE,
            "PREFER_DATES_FROM": "current_period",
            "RETURN_TIME_AS_PERIOD": True,
            # Relative phrases are resolved by our rules against the article date, never here.
            "PARSERS": ["custom-formats", "absolute-time"],
        })
    return _PARSER


_ABSOLUTE_HINT = re.compile(
    r"\d|\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b", re.I)


# dateparser guesses wildly on free text ("the night of" becomes 20:00), so it only sees strings
# made of calendar words, numbers and separators.
_CALENDAR_ONLY = re.compile(
    r"(?:[\d\s,./'-]|\b(?:" + "|".join(sorted(set(MONTHS) | set(WEEKDAYS), key=len, reverse=True))
    + r"|of|the|st|nd|rd|th|a\.?m|p\.?m|at)\b)+", re.I)


_CALENDAR_NAME = re.compile(
    r"\b(?:" + "|".join(sorted(set(MONTHS) | set(WEEKDAYS), key=len, reverse=True)) + r")\b", re.I)
# Numbers alone are a date only in a numeric date's shape, day, month and year with one
# separator ("10.23.1998", "27/09/2013", "1998-10-23"); lists, scores and records are not
# ("versions 7, 8 and 10", "won 20-13", "a 5-11 record").
_NUMERIC_DATE = re.compile(r"\s*\d{1,4}\s?(?P<sep>[/.-])\s?\d{1,2}\s?(?P=sep)\s?\d{2,4}\s*")


def normalize_with_dateparser(text: str, ref: Optional[_dt.date],
                               tense: Optional[str]) -> Optional[Timex]:
    """Absolute dates in formats the rules do not know ("23rd of October, 1998", "10.23.1998")."""
    if not _ABSOLUTE_HINT.search(text) or len(text) > 60 or not _CALENDAR_ONLY.fullmatch(text):
        return None
    if not _CALENDAR_NAME.search(text) and not _NUMERIC_DATE.fullmatch(text):
        return None
    t0 = time.perf_counter()
    try:
        data = _dateparser().get_date_data(text)
    except Exception as exc:  # noqa: BLE001 - dateparser raises on odd input; a miss is fine
        report("dateparser", exc, text, level=logging.DEBUG)
        data = None
    finally:
        STATS["dateparser_calls"] += 1
        STATS["dateparser_seconds"] += time.perf_counter() - t0
    if data is None or data.date_obj is None or data.date_obj.year < 1000:
        return None
    parts = set(getattr(data, "parts", None) or ())
    d = data.date_obj
    if "month" not in parts:
        return Timex("date", str(d.year), None, False, RULE) if "year" in parts else None
    if "year" in parts:
        year, relative = str(d.year), False
    elif ref is not None:
        year, relative = str(resolve_year(ref, d.month, d.day if "day" in parts else None,
                                          tense)), True
    else:
        year, relative = "XXXX", True
    value = f"{year}-{d.month:02d}"
    if "day" in parts:
        value += f"-{d.day:02d}"
        if "time" in parts:
            return Timex("time", f"{value}T{d.hour:02d}:{d.minute:02d}", None, relative, RULE)
    return Timex("date", value, None, relative, RULE)
