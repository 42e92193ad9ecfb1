"""Candidate spans of temporal expressions: spaCy's DATE/TIME entities, patterns for what its
small models often miss (weekdays, clock times, "daily", "now", years after a preposition...),
and the runs of touching candidates ("9 a.m." + "Tuesday"); with the trim of words outside an
expression ("on Friday," -> "Friday")."""
from __future__ import annotations

import re

from .lexicon import ANAPHORIC_UNITS, BOUND_OPENERS, EDGE_DROP, HOLIDAY_NAMES, LEFT_OK, NTH_WEEKDAY_RE, TEMPORAL_WORDS

_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
        r"December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.|"
        # capitals of datelines and bylines ("APR. 9, 2011", "JULY 2, 2012")
        r"JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|"
        r"JAN\.|FEB\.|MAR\.|APR\.|AUG\.|SEPT\.|SEP\.|OCT\.|NOV\.|DEC\.)")
_MON_SHORT = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_NUMW = (r"(?:\d+(?:\.\d+)?(?:\s\d/\d)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
         r"fifteen|twenty|thirty|forty|fifty|sixty|a few|several|"
         # fractions: "a quarter century", "a quarter of an hour", "three quarters of an hour"
         r"a quarter(?: of an?)?|three[- ]quarters of an?)")
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|centuries|century)"


def _holiday_name(name: str) -> str:
    """The pattern of a holiday of the lexicon as news writes it, its words capitalized ("Good
    Friday", "St. Patrick's Day", "the Fourth of July")."""
    words = [w if w in ("of", "the") else w[:1].upper() + w[1:] for w in name.split()]
    return r"\s+".join(re.escape(w).replace("'", "['\u2019]") for w in words)


# Every holiday the normalization knows, longest first ("Easter Monday" before "Easter").
_HOLIDAYS = "|".join(_holiday_name(n) for n in sorted(HOLIDAY_NAMES, key=len, reverse=True))
# the time ahead: "the days ahead", "(for) years to come" (trim keeps "ahead" and "to come")
_AHEAD_RE = re.compile(r"(?:[Tt]he\s+)?(?:days|weeks|months|years)\s+(?:ahead|to\s+come)")
_HOLIDAY_RE = re.compile(rf"(?:(?:[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?:{_HOLIDAYS})")
# Expressions spaCy's small models often miss; each match is checked like an entity.
_EXTRA_PATTERNS = [
    rf"\b(?:(?:early|late)\s+)?{_WD}(?:'s|s\b)?(?:\s+(?:morning|afternoon|evening|night)s?\b)?"
    rf"(?:,\s+{_MON}\s+\d{{1,2}}(?:,\s+\d{{4}})?)?",
    rf"\b{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s+\d{{4}})?\b",
    # a month-day with the short names written without their dot, after a short weekday or
    # not: "Oct 19", "Wed Oct 19", "Tues., Oct. 4"
    rf"\b(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+)?(?:{_MON}|{_MON_SHORT})\s+"
    r"\d{1,2}(?:st|nd|rd|th)?(?:,\s+\d{4})?\b",
    rf"\b(?i:the)\s+{NTH_WEEKDAY_RE}\s+{_WD}\s+(?:of|in)\s+(?:{_MON}"
    rf"(?:,?\s+\d{{4}})?|(?i:the|this|next|last)\s+month\b)",
    rf"\b{_MON}(?:\s+of)?\s+\d{{4}}\b",
    r"\b(?:in|In|since|Since|by|until|of|from|to|before|after|between|during|and|through|"
    r"early|late|mid|fiscal)\s(?:1[89]\d\d|20\d\d)(?:'?s)?\b(?!\s*(?:%|percent|people|[a-z]+s\b))",
    # the time ahead: "in the days ahead", "for years to come" (not "days ahead of the vote")
    r"\b(?:(?i:the)\s+)?(?:days|weeks|months|years)\s+(?:ahead|to\s+come)\b(?!\s+of\b)",
    # a day of a month left unsaid: "on the 3rd." (not "on the 3rd floor", "the 3rd time")
    r"\b(?i:on)\s+the\s+(?:[12]?\d|3[01])(?:st|nd|rd|th)\b(?=\s*[,.;:)!?]|\s*$|\s+(?:at|in|and|"
    r"when|after|before|with|but|because|as|or|until)\b)",
    # a year by its last two digits after a preposition: "in '08", "since '95"
    r"\b(?:in|In|since|Since|by|until|from|to|before|after|during)\s'\d\d\b(?!')",
    # the later years of a list whose first one is a candidate: "in 1994, 1995 and 1997"
    r"(?<=\b(?:1[89]|20)\d\d,\s)(?:1[89]\d\d|20\d\d)\b(?!\s*(?:%|percent|people|[a-z]+s\b))",
    r"\b(?:the\s+)?(?:early|mid|late)?-?\s?(?:1[89]\d0|'\d0)'?s\b",
    r"\b(?:daily|annually|weekly|monthly|hourly|nightly|yearly|biweekly|quarterly|biannually|"
    r"semiannually|semi-annually)\b",
    rf"\b(?i:every|each)\s+(?:other\s+)?(?:day|week|fortnight|month|year|night|morning|{_WD})\b",
    # a fortnight, which spaCy's small models do not know as they know "the past week"
    r"\b(?i:the)\s+(?:past|last|next|coming)\s+fortnight\b",
    # a recent day left unsaid: "the other day", "the other night"
    r"\b(?i:the)\s+other\s+(?:day|night)\b(?!-)",
    # some weekday, not a particular one: "born on a Tuesday", "on a Friday night"
    rf"\b(?i:an?)\s+{_WD}(?:\s+(?:morning|afternoon|evening|night)\b)?(?!')\b",
    # plural times that recur: "on weekends", "at weekends", "in the evenings"
    r"\b(?i:on|at)\s+weekends\b|\b(?i:in)\s+the\s+(?:mornings|afternoons|evenings)\b",
    # a set recurring by a vague count: "every few weeks", "every couple of days"
    r"\b(?i:every)\s+(?:few|several|couple\s+of)\s+(?:minutes|hours|days|weeks|months|years)\b",
    # a weekday of every month: "every first Monday", "the second Tuesday of each month"
    rf"\b(?i:every|each)\s+(?:first|second|third|fourth|last)\s+{_WD}"
    r"(?:\s+(?:of|in)\s+(?:the|each|every)\s+month)?\b",
    rf"\b(?i:the)\s+{NTH_WEEKDAY_RE}(?:(?:,\s*|\s+and\s+|\s+or\s+){NTH_WEEKDAY_RE})*\s+{_WD}s?\s+(?:of|in)\s+"
    r"(?:each|every)\s+month\b",
    r"\b(?:now|today|yesterday|tomorrow|tonight|Today|Yesterday|Tomorrow|Tonight|Now)\b",
    r"\b(?:the\s+)?(?:near\s+|foreseeable\s+)?future\b",
    r"\b(?:(?:last|next|this)\s+)?(?:Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|"
    r"New\s+Year's(?:\s+(?:Day|Eve))?|Easter(?:\s+Sunday)?|Election\s+Day|Labor\s+Day|"
    r"Memorial\s+Day|Independence\s+Day|Halloween|Veterans'?\s+Day)\b",
    # the other holidays of the lexicon: "Good Friday", "Black Friday", "Valentine's Day"
    rf"\b(?:(?:last|next|this)\s+)?(?:{_HOLIDAYS})(?!\w)",
    r"\b(?i:this|last|next)\s+(?:week|month|(?:fiscal\s+)?year|weekend|spring|summer|fall|autumn|"
    rf"winter|{_WD})\b",
    r"\b(?:(?:early|late)\s+)?(?i:last)\s+(?:night|evening)\b",
    # the edges of the day after a preposition of time ("at dawn", "before sunset"; not "the
    # dawn of an era", "a sunset clause"), and "overnight"; lower case: "Dawn" is also a name
    r"\b(?i:at|before|after|by|until|till|since|from|around)\s+(?:(?:early|late)\s+)?"
    r"(?:dawn|daybreak|sunrise|dusk|sunset|sundown|nightfall)\b(?!\s+of\b)|\b[Oo]vernight\b",
    # a clock time in any common spelling ("9:30 p.m.", "9.30pm", "6 PM"), with its time zone
    r"\b\d{1,2}(?:[:.]\d\d)?\s?(?:[ap]\.m\.?|[ap]m\b|[AP]\.?M\b\.?)"
    r"(?:\s+(?:[ECMP][SD]?T\b|(?:Eastern|Central|Mountain|Pacific)(?:\s+(?:Standard|Daylight))?"
    r"(?:\s+[Tt]ime)?\b))?|\b(?:noon|midnight|midday)\b",
    # an amount of time in every period (before the amount alone, which the
    # alternation would otherwise take first): "24 hours a day", "three days per week"
    rf"\b{_NUMW}\s+{_UNIT}\s+(?:a|an|per|every|each)\s+(?:hour|day|night|week|month|year)\b"
    r"(?!\s+(?:ago|later|earlier|before|after)\b)",
    rf"\b(?:(?:(?:no|not)\s+)?(?:more|less|fewer) than\s+|at\s+(?:least|most)\s+|about\s+|nearly\s+|"
    rf"almost\s+)?{_NUMW}[\s-]{_UNIT}(?!-old)"
    rf"(?:\s+(?:ago|later|earlier))?\b",
    # ranges, additions and halves of an amount: "12 to 18 months", "two more weeks",
    # "another year", "a minute and a half"
    rf"\b{_NUMW}\s+(?:to|or)\s+{_NUMW}[\s-]{_UNIT}\b",
    rf"\b(?:{_NUMW}\s+more|another|an\s+additional)\s+(?:{_NUMW}\s+)?{_UNIT}\b",
    rf"\b{_NUMW}\s+{_UNIT}\s+and\s+a\s+half\b(?:\s+(?:ago|from\s+now)\b)?",
    r"\b(?i:year|month|quarter|week)-(?:earlier|ago)\b",
    r"\b(?:hour|day|week|month|year)-long\b|\b(?:years|decades|months|weeks|centuries)-old\b",
    # an amount left vague, told from another time: "Hours later", "years ago"
    r"\b(?i:seconds|minutes|hours|days|weeks|months|years|decades)\s+(?:later|earlier|ago)\b",
    rf"\b(?i:the)\s+(?:quarter|(?:fiscal\s+)?year|month|week)\s+end(?:ed|ing)\s+{_MON}\s+"
    rf"\d{{1,2}}(?:,\s+\d{{4}})?",
    rf"\b(?i:the)\s+week(?:end)?\s+of\s+{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s+\d{{4}})?\b",
    r"\b(?:pre|post)-(?:1[89]\d\d|20\d\d)\b",
    r"\bFY\s?'?\d{2}(?:\d{2})?\b|\b(?i:fiscal)\s+year\s+(?:1[89]\d\d|20\d\d)(?:-\d{2})?\b",
    # dates told from the last date of the text: "the next day", "that same week"
    r"\b(?i:the|that)\s+(?:same\s+|very\s+same\s+|following\s+|subsequent\s+|previous\s+|"
    r"preceding\s+|prior\s+|very\s+next\s+|next\s+(?=day|morning|afternoon|evening|night))?"
    r"(?:day|week|month|year|morning|afternoon|evening|night)(?!-)(?:\s+(?:before|after)\b)?\b",
    # the end of the current or told period: "by year's end", "at year-end", "month end"
    r"\b(?:(?i:the)\s+)?(?:week|month|year)(?:'s\s+|-|\s)end\b",
    # a part of the day the story tells: "in the morning", "through the night" (not "the night
    # of Oct. 23", "the night he died": a clause or a date follows)
    r"\b(?i:in|during|through|throughout)\s+the\s+(?:morning|afternoon|evening|night)\b"
    r"(?=\s*[,.;:)!?]|\s+(?:as|and|when|while|to|after|before|with|in|at|on|for|from|but|"
    r"because|until|by)\b)",
    # the middle of a part of the day: "in the middle of the night"
    r"\b(?i:in|during)\s+the\s+middle\s+of\s+the\s+(?:morning|afternoon|evening|night)\b",
    # a part of a part of the day: "in the late afternoon", "by mid-afternoon", "early evening"
    r"\b(?:(?i:in|during|by|until|around)\s+)?(?:(?i:the)\s+)?(?i:early|late|mid)[\s-]?"
    r"(?:morning|afternoon|evening)\b(?!\s+of\b)",
    # the autumn after a preposition of time, which spaCy's small models miss ("elected in the
    # fall"; "the summer" they find): not "the fall of the regime", "the fall in prices"
    r"\b(?i:in|during|by|until|through|throughout|over|since|before|after)\s+the\s+(?:fall|autumn)\b"
    r"(?!\s+(?:of|in|from|off|out|down|to|into|on)\b)(?!-)",
    # the period the text tells: "for the quarter", "in the year" (context: filters)
    r"\b(?i:for|in|during|throughout)\s+(?i:the)\s+(?:week|month|quarter|year)\b(?!-)",
    # vague references to the present, past and future
    r"\b(?i:currently|recently|previously|formerly|nowadays|lately|someday)\b|\b(?i:some)\s+day\b(?![-'])",
    # "his current wife", "current policy": the present (not "the current account", "a current")
    r"\b(?:(?i:the)\s+)?[Cc]urrent\s+(?:week|month|(?:fiscal\s+)?year|quarter)\b",
    r"\b[Cc]urrent\b(?=\s+[a-z])(?!\s+(?:account|week|month|fiscal|year|quarter)\b)",
    r"\b(?i:the)\s+(?:past|present)\b(?!\s+(?!day\b)[a-z])",
]
# Every pattern starts at a word boundary (the later years of a list start at a digit after ", "):
# the boundary tested once, before the alternatives, spares the scan trying each of them inside
# every word (a third of the time, same matches). A pattern of any other shape drops the test.
_LIST_YEARS = r"(?<=\b(?:1[89]|20)\d\d,\s)(?:1[89]\d\d|20\d\d)"
_AT_BOUNDARY = all(p.startswith((r"\b", _LIST_YEARS)) for p in _EXTRA_PATTERNS)
_EXTRA_RE = re.compile((r"\b" if _AT_BOUNDARY else "") + "(?:" + "|".join(f"(?:{p})" for p in _EXTRA_PATTERNS) + ")")


# A range of month names ("from April to September", "April through June"): spaCy's models
# take the range as one entity, which no rule reads; each month is a candidate of its own, as
# each month-day of "May 3 to June 10" is (a month name alone is no pattern: "May", "March").
_MONTH_NAME = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
               r"December)")
_MONTH_RANGE_RE = re.compile(rf"\b(?:(?P<first>{_MONTH_NAME})\s*(?:to|through|thru|until|till|-|\u2013)|"
                             rf"[Bb]etween\s+(?P<from>{_MONTH_NAME})\s+and)\s*(?P<last>{_MONTH_NAME})\b")


def is_temporal_token(tok) -> bool:
    """A word that can end an expression: a time word, a number, "1980s", "10:35", "120-day"."""
    low = tok.lower_.rstrip(".") if tok.lower_ not in ("a.m.", "p.m.") else tok.lower_
    return (low in TEMPORAL_WORDS or tok.lower_ in TEMPORAL_WORDS or tok.like_num
            or bool(re.fullmatch(r"'?\d+(?:'?s|st|nd|rd|th)?|\d+[-:/.]\d+.*|[\d-]+-\w+|(?:pre|post)-\d{4}|fy'?\d{2,4}"
                                 r"|(?:mid|early|late)-(?:1\d{3}|20\d\d|'\d\d)'?s?", low)))


def _day_before_or_after(doc, a: int, b: int) -> bool:
    """"the day before", "the night after" used as an adverb end the expression; when a clause
    or a noun follows ("the day before the vote") the word is a preposition that anchors the
    day to an event, and the expression is not a date of its own."""
    if not (b - a >= 3 and doc[b - 1].lower_ in ("before", "after") and
            doc[b - 3].lower_ == "the" and doc[b - 2].lower_ in ANAPHORIC_UNITS):
        return False
    return b == len(doc) or doc[b].is_punct or doc[b - 1].tag_ == "RB"


def _opens_a_bound(doc, a: int, b: int) -> bool:
    """"at least", "no more than" open the expression of the amount they bound ("at least 20
    years", "no more than two hours"): "at" and "no" are no edge words there."""
    if doc[a].lower_ not in ("at", "no", "not"):
        return False
    words = " ".join(t.lower_ for t in doc[a:min(a + 3, b)])
    return any((words + " ").startswith(w + " ") and b - a > len(w.split()) for w in BOUND_OPENERS)


def _anaphoric_that(doc, a: int, b: int) -> bool:
    """"that day", "that same week": "that" opens the expression, it is not a conjunction."""
    return doc[a].lower_ == "that" and a + 1 < b and (
        doc[a + 1].lower_ in ANAPHORIC_UNITS or doc[a + 1].lower_ in ("same", "very"))


def _is_verb(tok) -> bool:
    """A verb opens no temporal expression: "will last two days" is "two days", whereas "last"
    the adjective opens "last week"."""
    return tok.tag_.startswith("VB") and tok.pos_ in ("VERB", "AUX")


def _year_apostrophe(doc, a: int, b: int) -> bool:
    """The apostrophe of a year told by its last two digits ("in '08"), a token of its own."""
    return doc[a].text in ("'", "\u2019") and a + 1 < b and \
        bool(re.fullmatch(r"\d\d", doc[a + 1].text))


def trim(span):
    """Drop edge tokens that are not part of the expression ("on Friday," -> "Friday")."""
    doc = span.doc
    a, b = span.start, span.end
    if _HOLIDAY_RE.fullmatch(span.text) or _AHEAD_RE.fullmatch(span.text):
        return span  # "Black Friday", "the days ahead": whole, though "Black" is no time word
    while a < b and not _year_apostrophe(doc, a, b) and not _opens_a_bound(doc, a, b) and (
            doc[a].is_punct and doc[a].text not in ("'",) or doc[a].is_space
            or doc[a].lower_ in EDGE_DROP and not _anaphoric_that(doc, a, b)
            or _is_verb(doc[a])
            or not (is_temporal_token(doc[a]) or doc[a].lower_ in LEFT_OK)):
        a += 1
    while b > a and not _day_before_or_after(doc, a, b) and (
            doc[b - 1].is_punct and doc[b - 1].lower_ not in ("a.m.", "p.m.")
            or doc[b - 1].is_space or doc[b - 1].lower_ in EDGE_DROP
            or not is_temporal_token(doc[b - 1])):
        b -= 1
    return doc[a:b]


# Most spans one expression is made of: "9 a.m." + "Tuesday" + "Nov. 5" + "2019".
MAX_RUN = 4


def candidates(doc, text: str) -> list[tuple[int, int]]:
    """Candidate spans: spaCy DATE/TIME entities and pattern matches, with overlapping or
    touching ones also offered as their union ("9 a.m." + "Tuesday", "Friday" + "night")."""
    spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    spans += [(m.start(), m.end()) for m in _EXTRA_RE.finditer(text) if m.end() > m.start()]
    spans += [m.span(g) for m in _MONTH_RANGE_RE.finditer(text) for g in ("first", "from", "last")
              if m.group(g)]
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
