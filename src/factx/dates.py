"""Temporal expressions of an article: detection, cleanup, classification and TIMEX3 values.

Detection starts from spaCy's DATE/TIME entities, adds a few patterns spaCy often misses
(weekdays, clock times, "daily", "now", years after a preposition...), and removes its known
faults: ages and counts ("Reed, 51,", "a 63-year-old"), names that contain a time word
("the 90 Days of Freedom Campaign", the "Today" show) and words outside the expression.

Normalization (``normalize``) applies the English rules of ``timex_rules`` and falls back on
dateparser for absolute dates in other formats. Relative expressions are resolved against the
article's reference (publication) date only, with the tense of the governing verb choosing
past or future; without a reference date they stay underspecified. Never the wall clock.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re
import time
from functools import lru_cache
from typing import Optional

from .schema import DateFact
from .timex_rules import (FUTURE, MONTHS, PAST, PRESENT, SEASONS, UNITS, WEEKDAYS, Timex,
                          normalize_rules, resolve_year)

__all__ = ["extract_dates", "normalize", "tense_of", "STATS"]

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


def _normalize_with_dateparser(text: str, ref: Optional[_dt.date],
                               tense: Optional[str]) -> Optional[Timex]:
    """Absolute dates in formats the rules do not know ("23rd of October, 1998", "10.23.1998")."""
    if not _ABSOLUTE_HINT.search(text) or len(text) > 60 or not _CALENDAR_ONLY.fullmatch(text):
        return None
    t0 = time.perf_counter()
    try:
        data = _dateparser().get_date_data(text)
    except Exception:  # dateparser raises on odd input; a miss is fine
        data = None
    finally:
        STATS["dateparser_calls"] += 1
        STATS["dateparser_seconds"] += time.perf_counter() - t0
    if data is None or data.date_obj is None or data.date_obj.year < 1000:
        return None
    parts = set(getattr(data, "parts", None) or ())
    d = data.date_obj
    if "month" not in parts:
        return Timex("date", str(d.year), None, False) if "year" in parts else None
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
            return Timex("time", f"{value}T{d.hour:02d}:{d.minute:02d}", None, relative)
    return Timex("date", value, None, relative)


def _normalize_uncached(text: str, reference_date: Optional[_dt.date] = None,
                        tense: Optional[str] = None) -> Optional[Timex]:
    hit = normalize_rules(text, reference_date, tense)
    if hit is None:
        hit = _normalize_with_dateparser(text, reference_date, tense)
    return hit


@lru_cache(maxsize=8192)
def normalize(text: str, reference_date: Optional[_dt.date] = None,
              tense: Optional[str] = None) -> Optional[Timex]:
    """(type, value, mod, relative) of one temporal expression, or None if it is not one.

    ``tense`` is "past", "present", "future" or None; it only matters with a reference date."""
    try:
        return _normalize_uncached(text, reference_date, tense)
    except Exception:  # a rule bug must not take the article down
        return None


# ---------------------------------------------------------------- tense of the context

# "would" is the future seen from the past ("said he would leave Thursday").
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would"}
# Verbs whose object date lies ahead of the time of speaking ("scheduled for November 20").
_FUTURE_LEMMAS = {"schedule", "plan", "expect", "set", "due", "slate", "intend", "postpone",
                  "reschedule"}
_FUTURE_CUES = {"next", "coming", "upcoming", "following", "until", "till"}
_PAST_CUES = {"ago", "last", "past", "previous", "earlier", "since"}


def tense_of(span) -> Optional[str]:
    """"past", "present" or "future" from the verb that governs a date in the parse."""
    try:
        for tok in span:
            if tok.lower_ in _FUTURE_CUES:
                return FUTURE
            if tok.lower_ in _PAST_CUES:
                return PAST
        doc = span.doc
        if span.start > 0 and doc[span.start - 1].lower_ in ("until", "till", "through"):
            return FUTURE  # a deadline: "until 9 a.m. Tuesday"
        if span.root.dep_ in ("poss", "compound", "amod"):
            return None  # "Wednesday's ruling": the verb of the clause does not date it
        verb = span.root
        for _ in range(8):
            if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
                break
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        aux_words = {a.lower_ for a in auxes}
        if aux_words & _FUTURE_AUX or verb.lower_ in _FUTURE_AUX:
            return FUTURE
        if verb.lemma_ == "go" and any(c.tag_ == "VB" for c in verb.children):
            return FUTURE  # "is going to meet"
        if verb.lemma_ in _FUTURE_LEMMAS and not (
                verb.tag_ == "VBD" and not any(a.lemma_ == "be" for a in auxes)):
            return FUTURE
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return PAST
        if any(a.lemma_ == "have" for a in auxes):
            return PAST  # the perfect reports the past
        if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return PRESENT
    except Exception:
        return None
    return None


# ---------------------------------------------------------------- detection

_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
        r"December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)")
_NUMW = (r"(?:\d+(?:\.\d+)?(?:\s\d/\d)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
         r"fifteen|twenty|thirty|forty|fifty|sixty|a few|several)")
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century)"
# Expressions spaCy's small models often miss; each match is checked like an entity.
_EXTRA_PATTERNS = [
    rf"\b(?:(?:early|late)\s+)?{_WD}(?:'s)?(?:\s+(?:morning|afternoon|evening|night))?"
    rf"(?:,\s+{_MON}\s+\d{{1,2}}(?:,\s+\d{{4}})?)?",
    rf"\b{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s+\d{{4}})?\b",
    rf"\b{_MON}(?:\s+of)?\s+\d{{4}}\b",
    r"\b(?:in|In|since|Since|by|until|of|from|to|before|after|between|during|and|through|"
    r"early|late|mid|fiscal)\s(?:1[89]\d\d|20\d\d)(?:'?s)?\b(?!\s*(?:%|percent|people|[a-z]+s\b))",
    r"\b(?:the\s+)?(?:early|mid|late)?-?\s?(?:1[89]\d0|'\d0)'?s\b",
    r"\b(?:daily|annually|weekly|monthly|hourly|nightly|yearly)\b",
    rf"\b(?i:every|each)\s+(?:other\s+)?(?:day|week|month|year|night|morning|{_WD})\b",
    r"\b(?:now|today|yesterday|tomorrow|tonight|Today|Yesterday|Tomorrow|Tonight|Now)\b",
    r"\b(?:the\s+)?(?:near\s+|foreseeable\s+)?future\b",
    r"\b(?:(?:last|next|this)\s+)?(?:Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|"
    r"New\s+Year's(?:\s+(?:Day|Eve))?|Easter(?:\s+Sunday)?|Election\s+Day|Labor\s+Day|"
    r"Memorial\s+Day|Independence\s+Day|Halloween|Veterans'?\s+Day)\b",
    r"\b(?i:this|last|next)\s+(?:week|month|year|weekend|spring|summer|fall|autumn|winter)\b",
    r"\b\d{1,2}(?::\d\d)?\s?[ap]\.m\.?|\b(?:noon|midnight|midday)\b",
    rf"\b(?:(?:more|less) than\s+|about\s+|nearly\s+|almost\s+)?{_NUMW}[\s-]{_UNIT}"
    rf"(?:\s+ago)?\b",
]
_EXTRA_RE = re.compile("|".join(f"(?:{p})" for p in _EXTRA_PATTERNS))

_TEMPORAL_WORDS = (set(MONTHS) | set(WEEKDAYS) | set(SEASONS) | {
    u + s for u in UNITS for s in ("", "s")} | {
    "centuries", "millennia", "ago", "now", "today", "tonight", "yesterday", "tomorrow",
    "morning", "afternoon", "evening", "night", "noon", "midnight", "midday", "daily", "weekly",
    "monthly", "annually", "yearly", "hourly", "nightly", "future", "past", "present",
    "a.m.", "p.m.", "am", "pm", "a.m", "p.m", "weekend", "weekends", "christmas", "easter",
    "thanksgiving", "halloween", "eve", "quarter", "half", "recently", "currently", "soon",
    "'s", "long", "later", "earlier", "old", "s", "o'clock", "edt", "est", "gmt", "utc", "cdt",
    "cst", "pdt", "pst"})
# Words that may open an expression though they are not temporal themselves.
_LEFT_OK = {"the", "a", "an", "this", "that", "these", "those", "last", "next", "past", "coming",
            "previous", "early", "late", "mid", "middle", "end", "beginning", "start", "more",
            "less", "than", "over", "about", "around", "nearly", "almost", "some", "every",
            "each", "several", "few", "many", "recent", "earlier", "later", "same", "first",
            "second", "third", "fourth", "final", "at", "least", "up", "to", "just", "so",
            "approximately", "roughly", "under", "fiscal", "calendar", "one", "other",
            "following", "current", "couple", "of", "dozen", "half", "right", "near",
            "foreseeable", "once", "twice", "times", "new", "year", "day", "election", "labor",
            "memorial", "independence", "veterans", "good", "palm"}
_EDGE_DROP = {"in", "on", "at", "for", "since", "by", "until", "till", "during", "from", "to",
              "and", "or", "but", "of", "with", "as", "when", "after", "before", "within",
              "through", "throughout", "between", "while", "then", "than", "that", "which"}
_NAME_UNIT_WORDS = {"day", "days", "year", "years", "week", "weeks", "month", "months",
                    "decade", "century", "hour", "hours", "minutes", "night", "nights"}
_HOLIDAY_HEADS = {"election", "thanksgiving", "labor", "memorial", "independence", "veterans",
                  "christmas", "new", "easter", "valentine", "mother", "father", "columbus",
                  "presidents", "boxing", "may", "year", "years", "eve", "good", "palm", "ash",
                  "martin", "luther", "king", "st.", "patrick", "'s"}


def _is_temporal_token(tok) -> bool:
    """A word that can end an expression: a time word, a number, "1980s", "10:35", "120-day"."""
    low = tok.lower_.rstrip(".") if tok.lower_ not in ("a.m.", "p.m.") else tok.lower_
    return (low in _TEMPORAL_WORDS or tok.lower_ in _TEMPORAL_WORDS or tok.like_num
            or bool(re.fullmatch(r"'?\d+(?:'?s|st|nd|rd|th)?|\d+[-:/.]\d+.*|[\d-]+-\w+", low)))


def _trim(span):
    """Drop edge tokens that are not part of the expression ("on Friday," -> "Friday")."""
    doc = span.doc
    a, b = span.start, span.end
    while a < b and (doc[a].is_punct and doc[a].text not in ("'",) or doc[a].is_space
                     or doc[a].lower_ in _EDGE_DROP
                     or not (_is_temporal_token(doc[a]) or doc[a].lower_ in _LEFT_OK)):
        a += 1
    while b > a and (doc[b - 1].is_punct and doc[b - 1].lower_ not in ("a.m.", "p.m.")
                     or doc[b - 1].is_space or doc[b - 1].lower_ in _EDGE_DROP
                     or not _is_temporal_token(doc[b - 1])):
        b -= 1
    return doc[a:b]


def _sentence_is_title_case(sent) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title or t.is_upper for t in words) / len(words) > 0.7


_POSSESSIVES = {"his", "her", "their", "my", "your", "our", "its"}


def _is_age_or_count(span) -> bool:
    """"Reed, 51," / "a 63-year-old" / "19-year-old" / "aged 39" are ages, not dates."""
    text = span.text.lower()
    if re.search(r"\byears?[- ]olds?\b|\byear-old|\bmonths?[- ]olds?\b|\bweeks?[- ]olds?\b|"
                 r"\bdays?[- ]olds?\b|\baged?\b", text):
        return True
    bare = text.strip()
    if re.fullmatch(r"[\d.,%]+", bare) and not re.fullmatch(r"1\d{3}|20\d{2}", bare):
        return True  # a bare number other than a year is an age, a score or a count
    prev2 = {t.lower_ for t in span.doc[max(span.start - 2, 0): span.start]}
    if re.fullmatch(r"'?\d0'?s", bare) and prev2 & _POSSESSIVES:
        return True  # "in his 30s", "in her early 40s"
    doc = span.doc
    nxt = doc[span.end: span.end + 3].text.lower()
    if re.match(r"(?:-|\s)*(?:years?|months?|weeks?|days?)?[- ]*olds?\b", nxt) and re.search(
            r"\d|one|two|three|four|five|six|seven|eight|nine|ten", text):
        return True
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    if prev in ("aged", "age", "ages"):
        return True
    return False


_OPENERS = {'"', "``", "''", "\u201c", "\u2018", "'", "(", "-", "--", "\u2014", "\u2013", ":", "_"}
_DEICTIC = {"today", "tonight", "tomorrow", "yesterday", "now"}


def _is_name(span) -> bool:
    """Titles and names that contain a time word: "the 90 Days of Freedom Campaign",
    "Person of the Year", the "Today" show. Title-cased headlines are left alone."""
    sent = span.sent if span.doc.has_annotation("SENT_START") else span.doc[:]
    doc = span.doc
    first = span[0]
    if len(span) == 1 and first.lower_ in _DEICTIC and (first.is_title or first.is_upper) and \
            first.i + 1 < len(doc) and (doc[first.i + 1].is_title or doc[first.i + 1].is_upper
                                        or doc[first.i + 1].lower_ in ("show", "program")):
        return True  # "Today show", "After Today Interview": a programme's name
    if _sentence_is_title_case(sent):
        return False
    for tok in span:
        sentence_initial = tok.i == sent.start or (tok.i > 0 and (
            tok.nbor(-1).is_quote or tok.nbor(-1).text in _OPENERS))
        if sentence_initial or tok.lower_ in _TEMPORAL_WORDS and tok.is_lower:
            continue
        low = tok.lower_
        if low in _DEICTIC and (
                tok.is_title or tok.is_upper):
            return True  # "with Today show co-host", "NBC News' TODAY"
        if low in _NAME_UNIT_WORDS and tok.is_title:
            if tok.i > 0 and tok.nbor(-1).lower_ in _HOLIDAY_HEADS:
                continue  # Election Day, New Year
            return True
    # "Days" followed by "of" + capitalized word ("Days of Rage")
    end = span.end
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].is_title and \
            span[-1].is_title and span[-1].lower_ in _NAME_UNIT_WORDS:
        return True
    # an entity running into a capitalized non-temporal word is a name, not a date
    for tok in span[1:]:
        low = tok.lower_.rstrip(".")
        if tok.is_title and low not in _TEMPORAL_WORDS and low not in _HOLIDAY_HEADS and \
                tok.i != sent.start and not tok.like_num:
            return True
    # a month name heading a title: "the March for Life", "the May Day Parade"
    if len(span) == 1 and first.lower_.rstrip(".") in MONTHS and first.i + 2 < len(doc) and \
            doc[first.i + 1].lower_ in ("for", "on", "to") and doc[first.i + 2].is_title:
        return True
    return False


def _sentence_bounds(span):
    doc = span.doc
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        sent = span.sent
        return sent.start_char, sent.end_char
    # the end of the text without doc.text, which joins every token anew
    return 0, (doc[-1].idx + len(doc[-1].text_with_ws)) if len(doc) else 0


def _as_date(value) -> Optional[_dt.date]:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# Hedges TimeML leaves outside the expression ("about two weeks"); the mod keeps them.
_APPROX_WORDS = {"about", "around", "approximately", "roughly", "nearly", "almost", "some",
                 "just", "an", "estimated"}
_ANAPHORIC_RE = re.compile(r"\b(?:that|the same|that same)\s+(day|week|month|year)\b", re.I)
_ANCHOR_WORDS = {"later", "earlier", "before", "after", "prior", "on"}
_SET_CONTEXT = {"once", "twice", "times", "per", "thrice"}


def _adjust_span(span):
    """Edge words TimeML keeps outside: a hedge ("about"), "earlier"/"later" before a day
    ("Earlier Friday"), a possessive ("last month's")."""
    doc = span.doc
    a, b = span.start, span.end
    while a < b - 1 and doc[a].lower_ in _APPROX_WORDS and not (
            doc[a].lower_ == "an" and doc[a + 1].lower_ in _TEMPORAL_WORDS):
        a += 1
    if a < b - 1 and doc[a].lower_ in ("earlier", "later") and (
            doc[a + 1].lower_.rstrip(".") in WEEKDAYS or doc[a + 1].lower_ in (
            "today", "tonight", "this")) and not (b - a == 3 and doc[b - 1].lower_ == "year"):
        a += 1
    if b - 1 > a and doc[b - 1].lower_ in ("'s", "’s"):
        b -= 1
    return doc[a:b]


def _is_discourse_or_noun(span) -> bool:
    """Temporal words used otherwise: "Now, the point is...", "the Communist Party daily"."""
    first = span[0]
    if len(span) == 1 and first.lower_ == "now":
        sent_start = first.is_sent_start or first.i == 0 or first.nbor(-1).is_punct and \
            first.nbor(-1).text not in ("``", '"', "“")
        if sent_start and first.i + 1 < len(span.doc) and not first.nbor(1).is_punct:
            return True  # sentence-opening discourse "Now"
        if first.i + 1 < len(span.doc) and first.nbor(1).text == ",":
            return first.is_title  # "Now, ..." opening a sentence
    if span.text.lower() == "a second" and first.i + 2 < len(span.doc) and \
            span.doc[first.i + 2].pos_ in ("NOUN", "ADJ", "PROPN"):
        return True  # "a second betrayal" is an ordinal
    if len(span) == 1 and first.lower_ in ("daily", "weekly", "monthly"):
        nxt = span.doc[first.i + 1] if first.i + 1 < len(span.doc) else None
        if first.pos_ in ("NOUN", "PROPN") or (nxt is not None and nxt.pos_ == "PROPN"):
            return True  # a newspaper, not a frequency
    return False


def _make_fact(doc, start: int, end: int, ref: Optional[_dt.date]) -> Optional[DateFact]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if _is_age_or_count(span):
        return None
    span = _trim(span)
    if len(span) == 0 or _is_age_or_count(span) or _is_name(span) or \
            _is_discourse_or_noun(span):
        return None
    text = span.text
    tense = tense_of(span)
    norm = normalize(text, ref, tense)
    if norm is None:
        return None
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    prev_tag = doc[span.start - 1].tag_ if span.start > 0 else ""
    if norm.type == "duration" and (prev in _SET_CONTEXT or prev_tag == "NNS") and \
            span[0].lower_ in ("a", "an") and len(span) == 2:
        norm = Timex("set", norm.value, None, False)  # "twice a week"
    span = _adjust_span(span)
    if norm.type == "duration" and len(span) > 1 and span[-1].lower_ in _ANCHOR_WORDS:
        span = span[:-1]  # "over an hour later": the amount is the expression
    s0, s1 = _sentence_bounds(span)
    # a pattern match may run across a sentence end the parser saw (e.g. at a hard cut of a
    # long text): its "sentence" is then the stretch from the first to the last
    s0, s1 = min(s0, span.start_char), max(s1, span.end_char)
    return DateFact(text=span.text, start=span.start_char, end=span.end_char, type=norm.type,
                    value=norm.value, relative=norm.relative, mod=norm.mod,
                    sentence_start=s0, sentence_end=s1)


# Most spans one expression is made of: "9 a.m." + "Tuesday" + "Nov. 5" + "2019".
MAX_RUN = 4


def _candidates(doc, text: str) -> list[tuple[int, int]]:
    """Candidate spans: spaCy DATE/TIME entities and pattern matches, with overlapping or
    touching ones also offered as their union ("9 a.m." + "Tuesday", "Friday" + "night")."""
    spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    spans += [(m.start(), m.end()) for m in _EXTRA_RE.finditer(text) if m.end() > m.start()]
    spans.sort()
    clusters: list[list[tuple[int, int]]] = []
    for a, b in spans:
        if clusters:
            end = max(y for _, y in clusters[-1])
            gap = text[end:a] if a > end else ""
            if a <= end or re.fullmatch(r"\s{1,2}|,\s", gap):
                clusters[-1].append((a, b))
                continue
        clusters.append([(a, b)])
    out: list[tuple[int, int]] = []
    for group in clusters:
        # the whole run, then shorter runs of neighbours, then the single spans, longest first;
        # at most MAX_RUN spans: a longer run is a list of dates, not one expression, and trying
        # every run of a list of n dates ("1990, 1991, …") took n³ steps (minutes for 300)
        runs = {(min(a for a, _ in group[i:j]), max(b for _, b in group[i:j]))
                for i in range(len(group)) for j in range(i + 1, min(len(group), i + MAX_RUN) + 1)}
        out.extend(sorted(runs, key=lambda s: (s[0] - s[1], s[0])))
    return out


def _resolve_anaphora(facts: list[DateFact], doc) -> None:
    """"that year", "later that day", "the same day": the period of the last date before it
    that was written out in full, since news tells events in order."""
    last_full: Optional[str] = None
    for f in facts:
        m = _ANAPHORIC_RE.search(f.text)
        if f.value is None and m and last_full:
            unit = m.group(1).lower()
            n = {"year": 4, "month": 7, "day": 10}.get(unit)
            if n and len(last_full) >= n:
                f.value = last_full[:n]
                f.type = "date"
            continue
        if f.type in ("date", "time") and f.value and re.match(r"\d{4}", f.value):
            last_full = f.value


class _Taken:
    """Disjoint character spans with a logarithmic overlap test: a long article has tens of
    thousands of dates, and testing each candidate against every taken span is quadratic."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        # Disjoint spans sorted by start are sorted by end too: of the spans starting before
        # ``end``, the last one reaches furthest.
        i = bisect.bisect_left(self.starts, end)
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def extract_dates(doc, reference_date: _dt.date | None = None, text: str | None = None) -> list[DateFact]:
    """The temporal expressions of a parsed document, in text order. Never raises. ``text`` is
    ``doc.text`` if the caller has it (spaCy joins the tokens anew on every access)."""
    facts: list[DateFact] = []
    try:
        ref = _as_date(reference_date)
        taken = _Taken()
        for start, end in _candidates(doc, doc.text if text is None else text):
            if taken.overlaps(start, end):
                continue
            try:
                fact = _make_fact(doc, start, end, ref)
            except Exception:
                continue
            if fact is None or taken.overlaps(fact.start, fact.end):
                continue
            taken.add(start, end)
            facts.append(fact)
        facts.sort(key=lambda f: f.start)
        _resolve_anaphora(facts, doc)
    except Exception:
        facts.sort(key=lambda f: f.start)
    return facts
