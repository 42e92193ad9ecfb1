"""Filters of candidate spans: ages and counts ("Reed, 51,", "a 63-year-old"), names that
contain a time word ("the 90 Days of Freedom Campaign", the "Today" show), temporal words used
otherwise ("Now, ...", "the Communist Party daily"), and the edge words TimeML leaves outside."""
from __future__ import annotations

import re
from typing import Callable, NamedTuple, Optional

from factx.nlp import lemma

from .lexicon import (APPROX_WORDS, HARM_LEMMAS, CLOCK_PREPOSITIONS, CLOCK_WORDS, GAME_UNITS, DAY_PART_WORDS, SEASON_WORDS,
                      SPAN_NOUNS, EDGE_DROP, LEFT_OK, DAY_EDGES, GAME_WORDS, HOLIDAY_PERIOD_NOUNS, HOLIDAY_NAMES,
                      DEICTIC_DAY_WORDS, DEICTIC_WORDS, HOLIDAY_HEADS, MONTHS, NAME_UNIT_WORDS,
                      OPENERS, POSSESSIVES, TEMPORAL_WORDS, TIME_NOUNS, VEHICLE_MAKES,
                      VEHICLE_NOUNS, WEEKDAYS, MAKE_NAME_NOUNS, STREET_WORDS,
                      VEHICLE_COLORS)


def _sentence_is_title_case(sent) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title or t.is_upper for t in words) / len(words) > 0.7




def is_age_or_count(span) -> bool:
    """"Reed, 51," / "a 63-year-old" / "19-year-old" / "aged 39" are ages, not dates."""
    text = span.text.lower()
    before = span.doc[span.start - 1] if span.start > 0 else None
    if re.search(r"\b(?:years|decades|months|weeks|centuries)-old\b", text) and not re.search(
            r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b", text) and not (
            before is not None and before.like_num):
        return False  # "a decades-old feud": how long it has lasted, not an age
    if re.search(r"\byears?[- ]olds?\b|\byear-old|\bmonths?[- ]olds?\b|\bweeks?[- ]olds?\b|"
                 r"\bdays?[- ]olds?\b|\baged?\b", text):
        return True
    bare = text.strip()
    if re.fullmatch(r"[\d.,%]+", bare) and not re.fullmatch(r"1\d{3}|20\d{2}", bare):
        return True  # a bare number other than a year is an age, a score or a count
    prev2 = {t.lower_ for t in span.doc[max(span.start - 2, 0): span.start]}
    if re.fullmatch(r"(?:(?:early|mid|late)[- ]?)?'?\d0'?s", bare) and prev2 & POSSESSIVES:
        return True  # "in his 30s", "in her early 40s"
    doc = span.doc
    nxt = doc[span.end: span.end + 3].text.lower()
    if re.match(r"(?:-|\s)*(?:years?|months?|weeks?|days?)?[- ]*olds?\b", nxt) and re.search(
            r"\d|one|two|three|four|five|six|seven|eight|nine|ten", text):
        return True
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    if prev in ("aged", "age", "ages"):
        return True
    if re.fullmatch(r"[0-2]\d[0-5]\d", bare) and span.end < len(doc) and \
            _is_clock_zone(doc, span.end):
        return True  # "(0915 GMT)", "2140 HKT", "1800 hours": a clock time, not a year
    if re.fullmatch(r"[0-2]\d[0-5]\d", bare) and span.end + 2 < len(doc) and \
            doc[span.end].text == "(" and doc[span.end + 1].like_num and \
            _is_clock_zone(doc, span.end + 2):
        return True  # "landed at 1715 (0815 GMT)": the local clock time
    if re.fullmatch(r"\d{4}", bare) and _is_street_number(doc, span.end):
        return True  # "at 1904 Alder Street": a house number
    if re.fullmatch(r"[0-2]\d[0-5]\d\s+(?:hours|hrs)", bare) and span.start > 0 and \
            doc[span.start - 1].lower_ in CLOCK_PREPOSITIONS:
        return True  # "at 1300 hours": a clock time, not an amount of time
    if re.fullmatch(r"1[89]\d{2}|20\d{2}", bare) and span.end < len(doc) and _is_model_year_before(doc, span.end):
        return True  # "a 1987 Chevrolet", "the 1992 sedan": a model year names the vehicle, not a date
    return False


def _is_clock_zone(doc, i) -> bool:
    """doc[i] names a time zone or clock hours: "GMT", "UTC", "HKT", "EDT", "hours", "local"."""
    tok = doc[i]
    return tok.lower_ in CLOCK_WORDS or \
        bool(re.fullmatch(r"[A-Z]{1,3}[SD]?T", tok.text)) and tok.text not in ("IT", "AT", "ST")


def _is_street_number(doc, i) -> bool:
    """A number before a street's name: "1904 Alder Street", "1812 Mill Rd."."""
    for j in range(i, min(i + 3, len(doc))):
        tok = doc[j]
        if tok.lower_.rstrip(".") in STREET_WORDS and j > i:
            return True
        if not tok.is_title:
            return False
    return False


def _is_model_year_before(doc, i) -> bool:
    """Whether a year before doc[i] is a model year: doc[i] is a vehicle noun ("a 1978 pickup"),
    or a make that heads the phrase ("her 1991 Toyota parked outside"), comes before a vehicle
    noun ("a 1998 Ford pickup") or before a model name ("a 1998 Ford Taurus"). A make before
    another noun is a person's or a company's name ("the 1976 Ford campaign", "a 1960 Lincoln
    speech")."""
    if doc[i].lower_ in VEHICLE_COLORS and doc[i].is_lower and i + 1 < len(doc) and (
            doc[i + 1].lower_ in VEHICLE_NOUNS or doc[i + 1].lower_ in VEHICLE_MAKES or
            doc[i + 1].pos_ == "PROPN" and doc[i + 1].is_title):
        i += 1  # "a 2011 blue Civic", "a 2009 white Ford Focus"
        if doc[i].lower_ not in VEHICLE_NOUNS and doc[i].lower_ not in VEHICLE_MAKES:
            return doc[i].lower_ not in MAKE_NAME_NOUNS  # a model's name after the color
    word = doc[i]
    if word.lower_ in VEHICLE_NOUNS:
        return True
    if word.lower_ not in VEHICLE_MAKES:
        return False
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ in VEHICLE_NOUNS:
        return True
    if nxt.lower_ in MAKE_NAME_NOUNS or nxt.lower_ in ("'s", "’s"):
        return False
    if nxt.pos_ == "PROPN" or nxt.is_title and nxt.pos_ != "NOUN":
        return True  # a model name: "Taurus", "Accord", "F-150"
    return nxt.pos_ not in ("NOUN", "PROPN", "ADJ") and not (nxt.is_title or nxt.is_upper)




def is_name(span) -> bool:
    """Titles and names that contain a time word: "the 90 Days of Freedom Campaign",
    "Person of the Year", the "Today" show. Title-cased headlines are left alone."""
    sent = span.sent if span.doc.has_annotation("SENT_START") else span.doc[:]
    doc = span.doc
    first = span[0]
    if len(span) == 1 and first.lower_ in DEICTIC_DAY_WORDS and (first.is_title or first.is_upper) and \
            first.i + 1 < len(doc) and (doc[first.i + 1].is_title or doc[first.i + 1].is_upper
                                        or doc[first.i + 1].lower_ in ("show", "program")):
        return True  # "Today show", "After Today Interview": a programme's name
    if _sentence_is_title_case(sent):
        return False
    if _weekday_in_a_name(span, sent):
        return True
    for tok in span:
        sentence_initial = tok.i == sent.start or (tok.i > 0 and (
            tok.nbor(-1).is_quote or tok.nbor(-1).text in OPENERS))
        if sentence_initial or tok.lower_ in TEMPORAL_WORDS and tok.is_lower:
            continue
        low = tok.lower_
        if low in DEICTIC_DAY_WORDS and (
                tok.is_title or tok.is_upper):
            return True  # "with Today show co-host", "NBC News' TODAY"
        if low in NAME_UNIT_WORDS and tok.is_title:
            if tok.i > 0 and tok.nbor(-1).lower_ in HOLIDAY_HEADS:
                continue  # Election Day, New Year
            return True
    # "Days" followed by "of" + capitalized word ("Days of Rage")
    end = span.end
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].is_title and \
            span[-1].is_title and span[-1].lower_ in NAME_UNIT_WORDS:
        return True
    # an entity running into a capitalized non-temporal word is a name, not a date
    for tok in span[1:]:
        low = tok.lower_.rstrip(".")
        if tok.is_title and low not in TEMPORAL_WORDS and low not in HOLIDAY_HEADS and \
                low[:-1] not in WEEKDAYS and tok.i != sent.start and not tok.like_num:
            return True
    # a month name heading a title: "the March for Life", "the May Day Parade"
    if len(span) == 1 and first.lower_.rstrip(".") in MONTHS and first.i + 2 < len(doc) and \
            doc[first.i + 1].lower_ in ("for", "on", "to") and doc[first.i + 2].is_title and \
            doc[first.i + 2].lower_.rstrip(".") not in MONTHS:  # not "April to September"
        return True
    return False


# Words that open a date before a weekday ("Late Friday", "Good Friday", "Election Day Tuesday")
_BEFORE_WEEKDAY_OK = LEFT_OK | EDGE_DROP | HOLIDAY_HEADS | {"easter", "palm", "ash", "good",
                                                           "holy", "day", "eve"}


def _weekday_in_a_name(span, sent) -> bool:
    """A weekday that a capitalized word before it makes the name of a recurring thing or of an
    event ("fixes released on Patch Tuesday", "Black Friday deals"), not a day of the article:
    the two qualify a noun or make a noun phrase of their own. Not after a name of a person, a
    place or a body ("Gov. Smith Tuesday signed", "the Senate Thursday passed"), nor when a
    verb follows ("Officials Monday said"), nor after a word that opens a date ("Late Friday",
    "Good Friday")."""
    doc = span.doc
    day = span[0]
    if day.lower_.rstrip("s") not in WEEKDAYS or span.start == 0:
        return False
    prev = doc[span.start - 1]
    if not (prev.is_title and prev.is_alpha and len(prev) > 1) or \
            prev.lower_ in _BEFORE_WEEKDAY_OK or prev.lower_ in TEMPORAL_WORDS:
        return False
    if prev.ent_type_ and not (day.ent_iob_ == "I" and day.ent_type_ == prev.ent_type_):
        return False  # a name of its own before an adverbial weekday
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and (nxt.tag_.startswith("VB") or nxt.tag_ in ("MD", "RB")):
        return False
    if nxt is not None and nxt.pos_ == "NOUN" and nxt.is_lower and nxt.lower_ not in TEMPORAL_WORDS:
        return True  # the name qualifies a noun: "Black Friday deals"
    if prev.i == sent.start or prev.i > 0 and (prev.nbor(-1).is_quote or
                                               prev.nbor(-1).text in OPENERS):
        return False  # a capital opening the sentence says nothing
    # the name is a noun phrase of its own: "a big Cyber Monday", "this year's Patch Tuesday",
    # "on Patch Tuesday" (not "in Dar es Salaam Thursday", a place's name the parse missed)
    j = prev.i - 1
    while j > sent.start and doc[j].pos_ == "ADJ" and doc[j].is_lower:
        j -= 1  # "a big Cyber Monday"
    before = doc[j] if j >= 0 else None
    return before is not None and (before.lower_ in ("a", "an", "'s", "’s") or
                                   before.lower_ in POSSESSIVES or
                                   before.lower_ in ("on", "before", "after", "until", "since"))


def adjust_span(span):
    """Edge words TimeML keeps outside: a hedge ("about"), "earlier"/"later" before a day
    ("Earlier Friday"), a possessive ("last month's"), the article of a noun a calendar date
    modifies ("the Aug. 7 bombings")."""
    doc = span.doc
    a, b = span.start, span.end
    while a < b - 1 and doc[a].lower_ in APPROX_WORDS and not (
            doc[a].lower_ == "an" and doc[a + 1].lower_ in TEMPORAL_WORDS) and \
            f"{doc[a].lower_} {doc[a + 1].lower_}" not in DEICTIC_WORDS:
        a += 1  # not the "some" of "some day", a vague reference of its own
    if a < b - 1 and doc[a].lower_ in ("earlier", "later") and (
            doc[a + 1].lower_.rstrip(".") in WEEKDAYS or doc[a + 1].lower_ in (
            "today", "tonight", "this")) and not (b - a == 3 and doc[b - 1].lower_ == "year"):
        a += 1
    if b - 1 > a and doc[b - 1].lower_ in ("'s", "’s") and not re.fullmatch(
            r"'?(?:1[0-9]{2}|[1-9])0", doc[b - 2].text):
        b -= 1  # not the "'s" of a decade ("the 1940's")
    if b - a >= 3 and doc[a].lower_ == "the" and doc[a + 1].lower_.rstrip(".") in MONTHS and \
            any(t.like_num for t in doc[a + 2:b]):
        a += 1  # "the Aug. 7, 1998, bombings": the article belongs to the noun the date modifies
    if b - a == 2 and doc[a].lower_ == "the" and re.fullmatch(r"1\d{3}|20\d\d", doc[a + 1].text) and \
            b < len(doc) and doc[b].pos_ in ("NOUN", "PROPN"):
        a += 1  # "the 2011 season": likewise
    if b - a == 4 and doc[a].lower_ == "the" and re.fullmatch(r"1\d{3}|20\d\d", doc[a + 1].text) and \
            doc[a + 2].text in ("-", "/", "\u2013") and re.fullmatch(r"\d\d(?:\d\d)?", doc[a + 3].text) and \
            b < len(doc) and doc[b].pos_ in ("NOUN", "PROPN"):
        a += 1  # "the 1996-97 season": likewise
    if b - a == 4 and doc[a].lower_ == "the" and doc[a + 2].text == "-" and \
            doc[a + 3].lower_ in ("earlier", "ago"):
        a += 1  # "the year-earlier quarter": likewise
    return doc[a:b]


# Prepositions before "the year" / "the quarter" that make it the period the text tells
# ("for the quarter", "in the year"; not "over the year", which is a length of time); words after it that make it a noun of its own ("the year
# of the dragon", "the week that changed", "the year before", "the year 2000").
THE_UNIT_BEFORE = {"for", "in", "during", "throughout"}
THE_UNIT_AFTER = {"of", "that", "when", "which", "in", "before", "after", "ahead", "earlier",
                  "later", "ago", "to", "since", "he", "she", "they", "we", "i", "it",
                  "-", "'s", "as", "and", "or", "long", "ended", "ending", "through",
                  "following", "preceding", "beginning", "starting", "leading", "prior"}


PART_OF_DAY_BEFORE = {"in", "during", "through", "throughout"}  # not "fled into the night"
# after "in the morning": a clause or a complement makes it a noun of its own ("the night he
# died", "the night of the long knives", "the night before")
PART_OF_DAY_AFTER = {"of", "that", "when", "which", "where", "before", "after", "-", "'s"}


def _is_the_unit_out_of_context(span) -> bool:
    """"the year", "the quarter" alone are a date only after "for/in/during" and before
    the end of the phrase ("Net income for the quarter rose"); not "the year of the dragon",
    "in the week since the attack", "the year he was born", "in the year 2000"."""
    doc = span.doc
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    nxt = doc[span.end] if span.end < len(doc) else None
    before = THE_UNIT_BEFORE if span[1].lower_ in ("week", "month", "quarter", "year") else \
        PART_OF_DAY_BEFORE
    if prev not in before:
        return True
    after = THE_UNIT_AFTER if before is THE_UNIT_BEFORE else PART_OF_DAY_AFTER
    return nxt is not None and (nxt.lower_ in after or nxt.like_num or
                                nxt.pos_ in ("NOUN", "PROPN", "ADJ", "PRON"))


_GAME_PERIOD = re.compile(r"(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th|final|opening)"
                          r"[\s-](?:quarter|half)")
_SCORE = re.compile(r"\b\d{1,3}\s?[-\u2013]\s?\d{1,3}\b")


def is_game_period(span) -> bool:
    """A quarter or half with no year, in a sentence that reports a game (or after one): a period
    of the game, not of the calendar ("led 14-7 in the second quarter", "scored 20 points in the
    first half"). "the second half of 1998", "the fourth quarter of the year" keep their year."""
    if not _GAME_PERIOD.fullmatch(span.text.lower()):
        return False
    doc = span.doc
    nxt = doc[span.end: span.end + 3]
    if len(nxt) >= 2 and nxt[0].lower_ == "of":
        return nxt[1].lower_ in ("the", "a", "their", "his", "its") and len(nxt) == 3 and nxt[2].lower_ in GAME_UNITS
    if not doc.has_annotation("SENT_START"):
        return False
    sent = span.sent
    before = doc[sent.start - 1].sent if sent.start > 0 else None
    for s in (sent, before):
        if s is None:
            continue
        if _SCORE.search(s.text) or any(t.lower_ in GAME_WORDS for t in s if t.i < span.start or t.i >= span.end):
            return True
    return False


def _is_season_modifier(span) -> bool:
    """A bare season qualifying a noun is no date: "a summer intern", "winter meetings",
    "spring training" (but "summer months", "the summer of 1998" are)."""
    if len(span) != 1 or span[0].lower_ not in SEASON_WORDS:
        return False
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    return nxt is not None and nxt.pos_ == "NOUN" and nxt.is_alpha and \
        nxt.lower_ not in HOLIDAY_PERIOD_NOUNS and nxt.lower_ not in TEMPORAL_WORDS and \
        nxt.lower_ not in SPAN_NOUNS


def _is_holiday_modifier(span) -> bool:
    """A holiday's name qualifying a noun is no date: "a Christmas tree", "the office Christmas
    party", "Halloween costumes" (but "the Christmas holidays", "Easter weekend" are)."""
    name = span.text.lower()
    name = re.sub(r"^(?:last|next|this)\s+", "", name)
    if name not in HOLIDAY_NAMES:
        return False
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    return nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.is_alpha and \
        nxt.lower_ not in HOLIDAY_PERIOD_NOUNS and nxt.lower_ not in TEMPORAL_WORDS and \
        not (nxt.is_title and nxt.pos_ == "PROPN" and span[-1].is_title and nxt.lower_ in ("day", "eve"))


def _is_part_of_day_modifier(span) -> bool:
    """A part of the day alone qualifying a noun that is not a time is no time: "midnight
    regulations", "a midnight snack", "the noon sun" qualify the noun, as "a dawn raid" does
    (but "the midnight deadline", "midnight Friday", "midnight local time" are times)."""
    if len(span) != 1 or span[0].lower_ not in DAY_PART_WORDS:
        return False
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    return nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ in ("NN", "NNS") and \
        nxt.is_lower and nxt.is_alpha and nxt.lower_ not in TIME_NOUNS and \
        (nxt.lower_ not in TEMPORAL_WORDS or nxt.lower_ in WEEKDAYS)  # "the noon sun"


# ---------------------------------------------------------------- temporal words used otherwise
# Each filter reads a candidate span and says True (not a time expression: drop it), False (a
# time expression: stop asking) or None (not its pattern: ask the next). They are tried in order
# and the first that answers decides, as the normalization rules do.


def _game_period(span) -> Optional[bool]:
    """A game's "second half", "the fourth quarter" of a match (``is_game_period``)."""
    return True if is_game_period(span) else None


def _holiday_modifier(span) -> Optional[bool]:
    """"a Christmas tree", "Halloween costumes" (``_is_holiday_modifier``)."""
    return True if _is_holiday_modifier(span) else None


def _season_modifier(span) -> Optional[bool]:
    """"a summer intern", "spring training" (``_is_season_modifier``)."""
    return True if _is_season_modifier(span) else None


def _current_as_a_noun(span) -> Optional[bool]:
    """"a strong current": a flow, not the present."""
    first = span[0]
    return True if len(span) == 1 and first.lower_ == "current" and first.dep_ != "amod" else None


def _a_possible_future(span) -> Optional[bool]:
    """"they imagine a future where...": a possible future, not FUTURE_REF (but "a future
    date" is one)."""
    first = span[0]
    if len(span) == 1 and first.lower_ == "future" and first.i > 0 and \
            first.nbor(-1).lower_ in ("a", "an") and not (
            first.i + 1 < len(span.doc) and first.nbor(1).pos_ in ("NOUN", "PROPN", "ADJ")):
        return True
    return None


def _the_unit_out_of_context(span) -> Optional[bool]:
    """"the year", "the morning" alone: a date only as the period the text tells ("for the
    quarter", "in the morning", "through the night"); this filter decides either way."""
    first = span[0]
    if len(span) == 2 and first.lower_ == "the" and span[1].lower_ in (
            "week", "month", "quarter", "year", "morning", "afternoon", "evening", "night"):
        return _is_the_unit_out_of_context(span)
    return None


def _now_that(span) -> Optional[bool]:
    """"now that ...": a conjunction ("since"), not the present."""
    first = span[0]
    if len(span) == 1 and first.lower_ == "now" and first.i + 1 < len(span.doc) and \
            first.nbor(1).lower_ == "that":
        return True
    return None


def _now_in_an_adjective(span) -> Optional[bool]:
    """"the now-defunct bakery", "his now closed shop": part of an adjective."""
    first = span[0]
    if len(span) == 1 and first.lower_ == "now" and first.i + 2 < len(span.doc) and (
            first.nbor(1).text in ("-", "\u2010") and first.nbor(2).is_alpha or
            first.i > 0 and (first.nbor(-1).pos_ == "DET" or first.nbor(-1).dep_ == "poss") and
            first.nbor(1).tag_ in ("JJ", "VBN")):
        return True
    return None


def _discourse_now(span) -> Optional[bool]:
    """A sentence-opening discourse "Now" ("Now the hard part begins", "Now, ..."); a "now,"
    inside a sentence in lower case is the present, and this filter decides it."""
    first = span[0]
    if not (len(span) == 1 and first.lower_ == "now"):
        return None
    sent_start = first.is_sent_start or first.i == 0 or first.nbor(-1).is_punct and \
        first.nbor(-1).text not in ("``", '"', "\u201c")
    if sent_start and first.i + 1 < len(span.doc) and not first.nbor(1).is_punct:
        return True
    if first.i + 1 < len(span.doc) and first.nbor(1).text == ",":
        return first.is_title
    return None


def _a_second_as_an_ordinal(span) -> Optional[bool]:
    """"a second betrayal", "a second-half surge": an ordinal, not one second."""
    first = span[0]
    if span.text.lower() == "a second" and first.i + 2 < len(span.doc) and \
            (span.doc[first.i + 2].pos_ in ("NOUN", "ADJ", "PROPN") or span.doc[first.i + 2].text == "-"):
        return True
    return None


def _day_edge_modifier(span) -> Optional[bool]:
    """"a dawn raid", "an overnight stay", "a sunset clause" qualify a noun."""
    first = span[0]
    if len(span) == 1 and first.lower_ in DAY_EDGES and first.dep_ in ("compound", "amod") and \
            first.head.i > first.i:
        return True
    return None


def _part_of_day_modifier(span) -> Optional[bool]:
    """"midnight regulations", "a midnight snack" (``_is_part_of_day_modifier``)."""
    return True if _is_part_of_day_modifier(span) else None


def _high_noon_as_an_idiom(span) -> Optional[bool]:
    """"high noon" as a noun of its own ("high noon comes for the council", "a political high
    noon"): the hour of a decisive showdown, not a time; after a preposition of time ("at high
    noon", "until high noon") it is twelve o'clock and stays."""
    first = span[0]
    if not (len(span) == 1 and first.lower_ == "noon" and first.i > 0 and
            first.nbor(-1).lower_ == "high"):
        return None
    before = first.nbor(-2).lower_ if first.i > 1 else ""
    return None if before in CLOCK_PREPOSITIONS | {"for", "till", "past", "from"} else True


def _fall_as_a_tumble(span) -> Optional[bool]:
    """"the fall" told with a verb of harm ("was hurt in the fall", "broke his hip in the
    fall"): a tumble, not the autumn."""
    if span.text.lower() not in ("the fall", "fall"):
        return None
    head = span[-1].head
    while head.pos_ == "ADP" and head.head is not head:
        head = head.head
    return True if lemma(head) in HARM_LEMMAS else None


def _indefinite_weekday_before_a_noun(span) -> Optional[bool]:
    """"told a Tuesday news conference", "a Monday-to-Friday week": the article belongs to the
    noun the weekday qualifies, and the weekday is a particular one (or a day of a span); "a
    Tuesday" is some Tuesday only as a noun phrase of its own ("born on a Tuesday")."""
    doc = span.doc
    if not (2 <= len(span) <= 3 and span[0].lower_ in ("a", "an") and
            span[1].lower_.rstrip(".") in WEEKDAYS):
        return None
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN", "ADJ") and nxt.is_alpha or
                            nxt.text in ("-", "\u2013")):
        return True
    return None


def _vague_reference_as_a_modifier(span) -> Optional[bool]:
    """"some day care", "the other day shift": the word "day" qualifies the noun after it, and
    "some day" / "the other day" is no vague reference."""
    doc = span.doc
    if span.text.lower() not in ("some day", "the other day", "the other night"):
        return None
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.is_alpha and nxt.pos_ in ("NOUN", "PROPN") and \
            nxt.lower_ not in TEMPORAL_WORDS:
        return True
    return None


def _frequency_word_as_a_newspaper(span) -> Optional[bool]:
    """"the Communist Party daily", "the weekly Gazette": a newspaper, not a frequency."""
    first = span[0]
    if len(span) == 1 and first.lower_ in ("daily", "weekly", "monthly", "quarterly"):
        nxt = span.doc[first.i + 1] if first.i + 1 < len(span.doc) else None
        if first.pos_ in ("NOUN", "PROPN") or (nxt is not None and nxt.pos_ == "PROPN"):
            return True
    return None


class Filter(NamedTuple):
    name: str
    test: Callable[..., Optional[bool]]


# In order: the first filter that answers decides.
DISCOURSE_OR_NOUN_FILTERS: tuple[Filter, ...] = (
    Filter("game_period", _game_period),
    Filter("holiday_modifier", _holiday_modifier),
    Filter("season_modifier", _season_modifier),
    Filter("current_as_a_noun", _current_as_a_noun),
    Filter("a_possible_future", _a_possible_future),
    Filter("the_unit_out_of_context", _the_unit_out_of_context),
    Filter("now_that", _now_that),
    Filter("now_in_an_adjective", _now_in_an_adjective),
    Filter("discourse_now", _discourse_now),
    Filter("a_second_as_an_ordinal", _a_second_as_an_ordinal),
    Filter("day_edge_modifier", _day_edge_modifier),
    Filter("part_of_day_modifier", _part_of_day_modifier),
    Filter("high_noon_as_an_idiom", _high_noon_as_an_idiom),
    Filter("fall_as_a_tumble", _fall_as_a_tumble),
    Filter("frequency_word_as_a_newspaper", _frequency_word_as_a_newspaper),
    Filter("indefinite_weekday_before_a_noun", _indefinite_weekday_before_a_noun),
    Filter("vague_reference_as_a_modifier", _vague_reference_as_a_modifier),
)


def discourse_or_noun_filter(span) -> Optional[str]:
    """The name of the filter that finds the span a temporal word used otherwise, or None."""
    for f in DISCOURSE_OR_NOUN_FILTERS:
        verdict = f.test(span)
        if verdict is not None:
            return f.name if verdict else None
    return None


def is_discourse_or_noun(span) -> bool:
    """Temporal words used otherwise: "Now, the point is...", "now that it rained", "the
    Communist Party daily", "the year" outside "for the year", a game's "second half"."""
    return discourse_or_noun_filter(span) is not None
