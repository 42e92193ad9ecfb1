"""Temporal expressions of an article: detection, cleanup, classification and TIMEX3 values.

Detection (``candidates``) starts from spaCy's DATE/TIME entities and adds a few patterns spaCy
often misses; ``filters`` removes its known faults (ages and counts, names that contain a time
word, words outside the expression). Normalization (``normalize``) applies the registry of small
rules (``rules``) and falls back on dateparser (``fallback``) for absolute dates in other
formats. Relative expressions are resolved against the article's reference (publication) date
only, with the tense of the governing verb (``tense``) choosing past or future (``direction``);
without a reference date they stay underspecified. Never the wall clock. Word lists live in
``lexicon``.
"""
from __future__ import annotations

from .extract import extract_dates
from .fallback import STATS
from .lexicon import MONTHS, WEEKDAYS
from .normalize import normalize
from .tense import tense_of
from .values import FUTURE, PAST, PRESENT, Timex

__all__ = ["extract_dates", "normalize", "tense_of", "STATS", "Timex", "MONTHS", "WEEKDAYS",
           "PAST", "PRESENT", "FUTURE"]
