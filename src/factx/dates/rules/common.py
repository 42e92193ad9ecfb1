"""What every rule shares: the rule signature, the cleaned text it reads, and readers of months,
years and weekdays."""
from __future__ import annotations

import datetime as _dt
import re
from typing import Callable, NamedTuple, Optional

from ..lexicon import MONTHS, WEEKDAYS
from ..values import Timex

# A rule reads one cleaned expression with the reference date and tense, and returns its value or
# None when the expression is not of its pattern.
RuleFn = Callable[[str, Optional[_dt.date], Optional[str]], Optional[Timex]]


class Rule(NamedTuple):
    name: str
    apply: RuleFn


# A decade written with an apostrophe: "1940's", "'50's", "50's" (not the possessive of 2000).
_DECADE_APOSTROPHE = re.compile(r"(?:^|[\s-])'?(?:1[0-9]{2}|[1-9])0's$")


def clean(text: str) -> str:
    """Lowercase, squeeze spaces and drop edge punctuation and a possessive ("Friday's"), but
    not the "'s" of a decade ("the 1940's")."""
    t = re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u2018", "'")).strip().lower()
    # (not the apostrophe of a year, "'08", nor of a decade, "'50s")
    t = re.sub(r"^(?:[\s,;:(\[\"`-]|'(?!\d\d))+|[\s,;:)\]\"`-]+$", "", t)
    if not _DECADE_APOSTROPHE.search(t):  # "the 1940's", "the 50's" name a decade
        t = re.sub(r"'s$|s'$", lambda m: "" if m.group(0) == "'s" else "s", t)
    if not re.search(r"\b[ap]\.m\.$", t):  # keep the dot of "a.m.", drop a full stop
        t = t.rstrip(".")
    return t.strip()


def month_of(tok: str) -> int:
    return MONTHS[tok.rstrip(".")]


def year_of(tok: str) -> int:
    if tok.startswith("'"):
        yy = int(tok[1:])
        return 1900 + yy if yy > 30 else 2000 + yy
    return int(tok)


def weekday_of(tok: str) -> int:
    return WEEKDAYS[tok.rstrip(".")]
