"""The temporal expressions of a parsed article: candidates, filters, normalization against the
reference date, and anaphoric dates ("that year") from the last full date before them."""
from __future__ import annotations

import bisect
import datetime as _dt
import re
from typing import Optional

from ..schema import DateFact
from .candidates import candidates, trim
from .errors import current_article, report
from .filters import adjust_span, is_age_or_count, is_discourse_or_noun, is_name
from .lexicon import ANCHOR_WORDS, MONTHS, SET_CONTEXT, TIMES_WORDS
from .normalize import normalize
from .rules import clean
from .rules.anaphoric import anaphor_of, part_anaphor, resolve_anaphor, the_unit_anaphor
from .rules.clock import is_bare_clock, on_day
from .rules.durations import later_parts, resolve_later
from .rules.deictic import era_of_a_day_word, is_bare_day_edge
from .tense import tense_of
from .values import Timex, is_past, parse_quantity, set_period_of_duration

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


def _make_fact(doc, start: int, end: int, ref: Optional[_dt.date],
               past: Optional[set] = None) -> Optional[DateFact]:
    """The date fact of a candidate span, or None; the start of a fact told in the past tense
    goes into ``past``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if is_age_or_count(span):
        return None
    span = trim(span)
    if len(span) == 0 or is_age_or_count(span) or is_name(span) or \
            is_discourse_or_noun(span):
        return None
    if len(span) >= 4 and span[-2].text in ("-", "\u2013") and re.fullmatch(r"\d{1,2}", span[-1].text) \
            and re.fullmatch(r"\d{1,2}", span[-3].text) and span[-4].lower_.rstrip(".") in MONTHS:
        span = span[:-2]  # "March 3-5": "March 3", and 5 a day joined to it
    text = span.text
    tense = tense_of(span)
    norm = normalize(text, ref, tense)
    if norm is None:
        return None
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    prev_tag = doc[span.start - 1].tag_ if span.start > 0 else ""
    if norm.type == "duration" and (prev in SET_CONTEXT or prev_tag == "NNS") and \
            span[0].lower_ in ("a", "an") and len(span) == 2 and set_period_of_duration(norm.value):
        # "twice a week": the set recurs each week (P1W), twice in it
        norm = Timex("set", set_period_of_duration(norm.value), None, False, "set_from_context",
                     _times_before(doc, span.start))
    if norm.rule == "deictic_day":
        # "today's teenagers", "the leaders of tomorrow": an era, not a day
        norm = era_of_a_day_word(span) or norm
    if norm.type == "set" and norm.rule == "set_adverb" and norm.freq is None:
        # "twice weekly", "three times daily": how often in each period, as "twice a week"
        norm = norm._replace(freq=_times_before(doc, span.start))
    span = adjust_span(span)
    if norm.type == "duration" and len(span) > 1 and span[-1].lower_ in ANCHOR_WORDS:
        span = span[:-1]  # "over an hour later": the amount is the expression
    s0, s1 = _sentence_bounds(span)
    # a pattern match may run across a sentence end the parser saw (e.g. at a hard cut of a
    # long text): its "sentence" is then the stretch from the first to the last
    s0, s1 = min(s0, span.start_char), max(s1, span.end_char)
    if past is not None and is_past(tense):
        past.add(span.start_char)
    return DateFact(text=span.text, start=span.start_char, end=span.end_char, type=norm.type,
                    value=norm.value, relative=norm.relative, mod=norm.mod,
                    sentence_start=s0, sentence_end=s1, rule=norm.rule, freq=norm.freq,
                    quant=norm.quant)


def _times_before(doc, start: int) -> Optional[str]:
    """The freq of a set from the words before it: "twice" -> "2X", "three times" -> "3X"."""
    prev = doc[start - 1].lower_ if start > 0 else ""
    if prev in TIMES_WORDS:
        return f"{TIMES_WORDS[prev]}X"
    if prev == "times" and start > 1:
        n = parse_quantity(doc[start - 2].lower_)
        return f"{int(n)}X" if n and float(n).is_integer() else None
    return None


# "April 24 and 25", "Nov. 3-4", "March 1 to 5": a day number after a month-day date
_NEXT_DAY = re.compile(r"\s*(?:and|or|to|through|-|\u2013)\s*(\d{1,2})\b(?!\s*(?:%|percent|[.,:]\d))")


def _with_conjoined_days(facts: list[DateFact], doc, text: str, taken: "_Taken") -> list[DateFact]:
    """Facts and, after each month-day date, the later day numbers joined to it, as dates of
    the same month ("April 24 and 25": 25 is April 25)."""
    out: list[DateFact] = []
    for f in facts:
        out.append(f)
        m = _NEXT_DAY.match(text, f.end)
        if not (m and f.type == "date" and f.value and f.rule == "month_day"
                and re.fullmatch(r"(?:\d{4}|XXXX)-\d\d-\d\d", f.value)):
            continue
        day = int(m.group(1))
        start, end = m.start(1), m.end(1)
        if not int(f.value[8:]) < day <= 31 or taken.overlaps(start, end):
            continue
        value = f"{f.value[:8]}{day:02d}"
        if not value.startswith("X"):
            try:
                _dt.date.fromisoformat(value)
            except ValueError:
                continue
        taken.add(start, end)
        out.append(DateFact(text=text[start:end], start=start, end=end, type="date", value=value,
                            relative=f.relative, mod=None, sentence_start=f.sentence_start,
                            sentence_end=f.sentence_end, rule="conjoined_day"))
    return out


def _resolve_anaphora(facts: list[DateFact]) -> None:
    """"that year", "later that day", "the following week", "two days later", "a year earlier":
    the period of (or counted from) the last date before it with a known year, since news tells
    events in order. Without one, the value the rule gave (from the reference date, or none)
    stays.

    A story moves forward ("the next day ... the next day" chains), but a look back ("the
    previous day", "the day before", "a year earlier") is told from the event the text dated,
    not from the last look back: two of them in a row ("The previous day, police had raised the
    alert. The previous day, ..."; "up from $5 a year earlier ... up from $3 a year earlier")
    count from the same date."""
    last_full: Optional[str] = None
    back_base: Optional[str] = None  # what the look back that set ``last_full`` counted from
    for f in facts:
        back = False
        if f.rule == "amount_later" and last_full is not None:
            parts = later_parts(clean(f.text))
            back = parts is not None and parts[2] < 0
            base = back_base if back and back_base is not None else last_full
            value = resolve_later(parts, base) if parts else None
            if value is not None:
                f.value = value
        elif f.rule in ("anaphoric", "part_of_the_told_unit", "the_unit"):
            text = clean(f.text)
            anaphor = anaphor_of(text) if f.rule == "anaphoric" else \
                the_unit_anaphor(text) if f.rule == "the_unit" else part_anaphor(text)
            if anaphor is not None and last_full is not None:
                back = anaphor.step < 0
                base = back_base if back and back_base is not None else last_full
                f.value = resolve_anaphor(anaphor, base)
                f.type = "time" if f.value and "T" in f.value else "date"
        if f.type in ("date", "time") and f.value and re.match(r"\d{4}", f.value) and \
                not _names_no_day(f):
            # a bare clock time or "overnight" took the reference day for want of one: the
            # story's day is still the last one the text named
            back_base = base if back else None
            last_full = f.value


def _anchor_clock_times(facts: list[DateFact], past: set, ref: Optional[_dt.date],
                        text: str = "") -> None:
    """A clock time that names no day ("at about 10:35 a.m. (0735 GMT) Friday", "at 4 a.m.,
    hours before Tuesday's vote") is a time of the day its sentence names, as TimeML anchors a
    time of day to the date the text gives it. When the sentence names none, a time told in the
    past tense is on the day the story last named ("The blast hit the city on Friday. ... At
    10:35 a.m., a second bomb went off"), as long as that day is not after the reference date
    and the text has not moved to another period since ("in 1994 and 1997"); otherwise the
    reference date stands. The nearest day in the sentence wins. A time on a day the sentence
    counts from an event ("at 6 a.m. ten days before the shooting") is on a day the text does
    not date: its day stays unknown."""
    story_day: Optional[DateFact] = None
    for f in facts:
        if f.type == "time" and f.value and _names_no_day(f):
            if f.start in past and "T" in f.value and _counted_from_event(f, facts, text):
                f.value = "XXXX-XX-XX" + f.value[f.value.index("T"):]
                f.rule = "clock_on_event_day" if f.rule == "clock_time" else f.rule
                continue
            _anchor_one(f, facts, story_day if f.start in past else None, ref)
        elif f.type in ("date", "time") and f.value and _DAY.match(f.value):
            story_day = f
        elif story_day is not None and f.type == "date" and f.value and \
                _PERIOD.fullmatch(f.value) and not story_day.value.startswith(f.value):
            story_day = None  # the story moved to another year, month or decade


# a year, a month or a decade ("1994", "1998-10", "199"): a period with no day of its own
_PERIOD = re.compile(r"\d{3,4}(?:-\d\d)?")
_FROM_EVENT = re.compile(r"\s*(?:before|after|earlier|later)\b", re.I)


def _counted_from_event(f: DateFact, facts: list[DateFact], text: str) -> bool:
    """Whether the sentence of the time ``f`` has an amount of time told from an event ("ten
    days before the shooting", "a week after the vote")."""
    return any(g.type == "duration" and g.sentence_start == f.sentence_start and
               _FROM_EVENT.match(text, g.end) for g in facts if g is not f)


_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _anchor_one(f: DateFact, facts: list[DateFact], story_day: Optional[DateFact],
                ref: Optional[_dt.date]) -> None:
    """Move the bare time ``f`` to the nearest day its sentence names, else (told in the past)
    to ``story_day``; "overnight" keeps its night before the reference day."""
    days = [g for g in facts if g is not f and g.sentence_start == f.sentence_start and
            g.type in ("date", "time") and on_day(f.value, g.value) and not _names_no_day(g)]
    if days:
        day = min(days, key=lambda g: min(abs(g.start - f.end), abs(f.start - g.end)))
        f.value = on_day(f.value, day.value)
        f.rule = "clock_on_sentence_day" if f.rule == "clock_time" else f.rule
    elif story_day is not None and ref is not None and story_day.value[:10] <= ref.isoformat() \
            and "overnight" not in f.text.lower() and on_day(f.value, story_day.value):
        f.value = on_day(f.value, story_day.value)
        f.rule = "clock_on_story_day" if f.rule == "clock_time" else f.rule


def _names_no_day(f: DateFact) -> bool:
    """A time of day that names no day of its own: "10:35 a.m.", "at noon", "at dawn", "in the
    morning"."""
    if f.rule == "clock_time":
        return is_bare_clock(clean(f.text))
    return f.rule == "part_of_the_told_day" or \
        f.rule == "day_edge" and is_bare_day_edge(clean(f.text))


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


def extract_dates(doc, reference_date: _dt.date | None = None, text: str | None = None,
                  article: str = "") -> list[DateFact]:
    """The temporal expressions of a parsed document, in text order. Never raises. ``text`` is
    ``doc.text`` if the caller has it (spaCy joins the tokens anew on every access); ``article``
    names the article in the log messages of errors caught here."""
    token = current_article.set(article)
    try:
        return _extract(doc, reference_date, text)
    finally:
        current_article.reset(token)


def _extract(doc, reference_date, text: Optional[str]) -> list[DateFact]:
    facts: list[DateFact] = []
    try:
        ref = _as_date(reference_date)
        taken = _Taken()
        past: set = set()
        for start, end in candidates(doc, doc.text if text is None else text):
            if taken.overlaps(start, end):
                continue
            try:
                fact = _make_fact(doc, start, end, ref, past)
            except Exception as exc:  # noqa: BLE001 - one odd candidate must not lose the others
                report("reading the candidate", exc, (doc.text if text is None else text)[start:end])
                continue
            if fact is None or taken.overlaps(fact.start, fact.end):
                continue
            # words trimmed off the end are free again ("March 3-5": 5 is a day of its own)
            taken.add(start, fact.end if fact.end < end and fact.end > start else end)
            facts.append(fact)
        facts.sort(key=lambda f: f.start)
        facts = _with_conjoined_days(facts, doc, doc.text if text is None else text, taken)
        _resolve_anaphora(facts)
        _anchor_clock_times(facts, past, ref, doc.text if text is None else text)
    except Exception as exc:  # noqa: BLE001 - keep the dates found so far
        report("extracting dates", exc)
        facts.sort(key=lambda f: f.start)
    return facts
