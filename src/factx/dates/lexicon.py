"""Word lists and pattern pieces of the date rules, in one place: every rule, filter and tense
cue reads its words from here. English only; no names, no corpus phrases."""
from __future__ import annotations

import re

# ---------------------------------------------------------------- calendar vocabulary

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6,
    "sat": 6, "sunday": 7, "sun": 7,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# Month a season starts in (northern hemisphere), to order seasons against a reference date.
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI",
                "overnight": "TNI"}
# The edges of the day and the night through, as the part of the day they fall in (TIMEX2 and
# TimeML write dawn as morning and dusk as evening).
DAY_EDGES = {"dawn": "TMO", "daybreak": "TMO", "sunrise": "TMO",
             "dusk": "TEV", "sunset": "TEV", "sundown": "TEV", "nightfall": "TEV",
             "overnight": "TNI"}
DAY_EDGE_RE = r"(?:dawn|daybreak|sunrise|dusk|sunset|sundown|nightfall|overnight)"

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "one hundred": 100, "a dozen": 12, "dozen": 12, "half a": 0.5, "half an": 0.5, "a half": 0.5,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a pair of": 2,
    # fractions of a unit: "a quarter century" (P25Y), "a quarter of an hour" (PT15M), "three
    # quarters of an hour" (PT45M)
    "a quarter": 0.25, "a quarter of a": 0.25, "a quarter of an": 0.25,
    "three quarters of a": 0.75, "three quarters of an": 0.75, "three-quarters of a": 0.75,
    "three-quarters of an": 0.75,
}
# The ordinals that pick one weekday of a month ("the first Monday of", "the last Friday in").
NTH_WEEKDAY_RE = r"(?:first|second|third|fourth|fifth|last)"
# A day of a month named by the generic "the month" ("the first Monday of the month"): in a
# clause in the simple present it recurs every month (a habit), in any other tense it is one day.
GENERIC_MONTH_DAY_RE = (rf"(?:the\s+)?{NTH_WEEKDAY_RE}\s+(?P<wd>monday|tuesday|wednesday|thursday|"
                        r"friday|saturday|sunday)s?\s+(?:of|in)\s+the\s+month")
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "last": -1, "final": -1,
}
# Words that make a quantity vague: "several years" -> PXY.
# The vague counts a set may recur by: "every few weeks" (PXW), "every several months" (PXM)
# ("a couple" is two: "every couple of days" is P2D).
SET_VAGUE_COUNTS = ("few", "several", "many")
VAGUE_QUANTITIES = ("a few", "few", "several", "many", "so many", "some", "numerous", "a number of",
                    "dozens of", "hundreds of", "thousands of", "recent", "coming", "the coming",
                    "countless", "multiple", "various", "a couple of", "couple of")
UNITS = {  # unit -> (is a time unit (PT...), letter, multiplier)
    "second": (True, "S", 1), "minute": (True, "M", 1), "hour": (True, "H", 1),
    "day": (False, "D", 1), "night": (False, "D", 1), "week": (False, "W", 1),
    "fortnight": (False, "W", 2), "month": (False, "M", 1), "quarter": (False, "Q", 1),
    "year": (False, "Y", 1), "decade": (False, "Y", 10), "century": (False, "Y", 100),
    "millennium": (False, "Y", 1000), "weekend": (False, "D", 2),
}
UNIT_RE = (r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|"
           r"years?|decades?|centuries|century|millennium|millennia|weekends?)")
# Finer unit used to write a fractional amount ("5 1/2 hours" -> PT5H30M).
SUBUNIT = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60),
           "Q": ("M", 3)}

NUMWORD_RE = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
TENS_RE = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
ONES_RE = "one|two|three|four|five|six|seven|eight|nine"
QTY_RE = (
    rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?(?:\s+\d/\d)?|\d/\d|(?:{TENS_RE})[- ](?:{ONES_RE})|"
    rf"(?:{NUMWORD_RE})(?:[- ]and[- ]a[- ]half)?)"
)
VAGUE_RE = "|".join(sorted((re.escape(w) for w in VAGUE_QUANTITIES), key=len, reverse=True))

# Duration modifiers ("more than two decades") -> TIMEX3 mod.
MODS = {
    "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN",
    "well over": "MORE_THAN", "upwards of": "MORE_THAN", "at least": "EQUAL_OR_MORE",
    "less than": "LESS_THAN", "under": "LESS_THAN", "just under": "LESS_THAN",
    "fewer than": "LESS_THAN", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "at most": "EQUAL_OR_LESS", "not more than": "EQUAL_OR_LESS", "no less than": "EQUAL_OR_MORE",
    "no fewer than": "EQUAL_OR_MORE", "not less than": "EQUAL_OR_MORE", "nearly": "APPROX", "almost": "APPROX", "about": "APPROX",
    "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
    "close to": "APPROX", "an estimated": "APPROX", "nearly a": "APPROX",
    "the better part of": "APPROX", "the last": None, "the past": None, "the first": None,
}
# The bounds that open with a word the trim drops at an expression's edge ("at", "no"): kept
# whole before an amount ("at least 20 years", "no more than two hours").
BOUND_OPENERS = tuple(w for w in MODS if w.split()[0] in ("at", "no", "not"))
MOD_RE = "|".join(sorted((re.escape(w) for w in MODS if not w.startswith("the ")),
                         key=len, reverse=True))
# Position inside a period: "the early 1980s", "late November", "earlier this year".
# TimeML 1.2.1 writes the part of a period as START, MID or END (TIMEX2's EARLY/LATE are not
# TIMEX3 mods).
POSITION_MODS = {
    "early": "START", "earlier": None, "the early": "START", "beginning of": "START",
    "the beginning of": "START", "the start of": "START", "start of": "START",
    "mid": "MID", "mid-": "MID", "the mid": "MID", "middle of": "MID", "the middle of": "MID",
    "late": "END", "later": None, "the late": "END", "the end of": "END", "end of": "END",
}
POS_RE = "|".join(sorted((re.escape(w) for w in POSITION_MODS), key=len, reverse=True))

HOLIDAYS_FIXED = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "new years day": (1, 1),
    "new year": (1, 1), "new year's": (1, 1), "independence day": (7, 4),
    "the fourth of july": (7, 4), "fourth of july": (7, 4), "halloween": (10, 31),
    "valentine's day": (2, 14), "veterans day": (11, 11), "veterans' day": (11, 11),
    "st. patrick's day": (3, 17), "boxing day": (12, 26), "may day": (5, 1),
}
# Holidays on the n-th weekday of a month: (month, weekday 1=Mon, n; -1 = last).
HOLIDAYS_NTH = {
    "thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4), "labor day": (9, 1, 1),
    "memorial day": (5, 1, -1), "martin luther king day": (1, 1, 3),
    "martin luther king jr. day": (1, 1, 3),
    "presidents day": (2, 1, 3), "presidents' day": (2, 1, 3), "mother's day": (5, 7, 2),
    "father's day": (6, 7, 3), "columbus day": (10, 1, 2),
}
# Days named after Thanksgiving, by their distance from it.
THANKSGIVING_OFFSETS = {"black friday": 1, "cyber monday": 4}
EASTER_OFFSETS = {"easter": 0, "easter sunday": 0, "good friday": -2, "easter monday": 1,
                  "palm sunday": -7, "ash wednesday": -46}
# Every holiday the calendar resolves by name.
HOLIDAY_NAMES = frozenset({*HOLIDAYS_FIXED, *HOLIDAYS_NTH, *EASTER_OFFSETS, *THANKSGIVING_OFFSETS})

# Adverbs of frequency: the period they recur at ("daily" -> P1D, "biweekly" -> P2W) and how
# often in it ("semiannually": P1Y, 2X); "nightly" recurs on a named part of the day.
SET_ADVERBS = {"daily": ("P1D", None), "weekly": ("P1W", None),
               "monthly": ("P1M", None), "yearly": ("P1Y", None), "annually": ("P1Y", None),
               "hourly": ("PT1H", None), "nightly": ("XXXX-XX-XXTNI", None),
               "biweekly": ("P2W", None), "quarterly": ("P3M", None),
               "biannually": ("P1Y", "2X"), "semiannually": ("P1Y", "2X"),
               "semi-annually": ("P1Y", "2X")}
# The quantifiers of a set, as TIMEX3 writes them in ``quant`` (the word of the text): "every
# week" EVERY, "each July" EACH. "a" and "per" ("twice a week", "eight hours per day") are none,
# as the TimeML 1.2.1 specification writes "twice a month" with freq alone; an adverb of
# frequency ("daily") quantifies as "every" does (its "daily": P1D, quant EVERY).
SET_QUANTIFIERS = {"every": "EVERY", "each": "EACH"}
ADVERB_QUANT = "EVERY"
# "once a week", "twice a year", "three times per month": how often.
TIMES_WORDS = {"once": 1, "twice": 2, "thrice": 3}
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                "seventies": 7, "eighties": 8, "nineties": 9}

# ---------------------------------------------------------------- pattern pieces (lowercased text)

MONTH_RE = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
             r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")
WEEKDAY_RE = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|"
               r"thurs|thur|thu|fri|sat|sun)\.?")
YEAR_RE = r"(?:1[0-9]{3}|20[0-9]{2}|'\d\d)"
DAY_RE = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
SEASON_RE = r"(?:spring|summer|fall|autumn|winter)"
POD_RE = r"(?:morning|afternoon|evening|night|overnight)"
# (a clock of four digits only before a time zone: "0915 GMT", "2140 HKT")
CLOCK_RE = (r"(?:(?P<mil>[0-2]\d[0-5]\d)(?=\s+(?:gmt|utc|[a-z]{2,3}t)\b)|"
            r"(?P<h>\d{1,2})(?:[:.](?P<mi>\d\d))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)|"
             r"(?P<h24>\d{1,2}):(?P<mi24>\d\d)(?:\s+(?:in the|at)\s+(?P<pod24>morning|afternoon|"
             r"evening|night))?|(?P<word>noon|midday|midnight)|"
             r"(?P<hw>\d{1,2}|" + ONES_RE + r"|ten|eleven|twelve)(?:\s+o'clock)?\s+(?:in the|at)\s+"
             r"(?P<pod>morning|afternoon|evening|night))")
# a time zone after a clock time: "EST", "GMT", "HKT", "local time", and the US zones by their
# short names or in words ("9 p.m. ET", "8 p.m. Eastern time", "noon Pacific")
US_ZONE_RE = r"(?:eastern|central|mountain|pacific)(?:\s+(?:standard|daylight))?(?:\s+time)?"
TZ_RE = (r"(?:\s+(?:[ecmp][sd]?t|gmt|utc|[a-z]{2,3}t|local time|[a-z]{3,4} time|"
         + US_ZONE_RE + r"))?")

# ---------------------------------------------------------------- words pointing at the reference time

# "today's youth", "the leaders of tomorrow", "yesterday's politics": the day word names an
# era, not a day, before or after a noun of people, a society or its ways (TIDES/TimeML: the
# present, future or past reference); "today's vote", "the paper of today" stay days.
ERA_REFS = {"today": "PRESENT_REF", "tomorrow": "FUTURE_REF", "yesterday": "PAST_REF"}
ERA_NOUNS = frozenset("""youth young generation generations children kids teenagers teens
students parents families family women men people workers voters consumers citizens leaders
engineers scientists doctors teachers artists athletes
world society societies economy culture politics politicians technology standards media
army military church schools universities cities""".split())

DEICTIC_WORDS = {
    "now": ("date", "PRESENT_REF"), "right now": ("date", "PRESENT_REF"),
    "just now": ("date", "PAST_REF"), "currently": ("date", "PRESENT_REF"),
    "current": ("date", "PRESENT_REF"),
    "at present": ("date", "PRESENT_REF"), "present": ("date", "PRESENT_REF"),
    "the present": ("date", "PRESENT_REF"), "at the moment": ("date", "PRESENT_REF"),
    "the moment": ("date", "PRESENT_REF"), "these days": ("date", "PRESENT_REF"),
    "nowadays": ("date", "PRESENT_REF"), "the present day": ("date", "PRESENT_REF"),
    "recently": ("date", "PAST_REF"), "lately": ("date", "PAST_REF"),
    "the past": ("date", "PAST_REF"), "in the past": ("date", "PAST_REF"),
    "previously": ("date", "PAST_REF"), "formerly": ("date", "PAST_REF"),
    # a recent day left unsaid ("I met her the other day")
    "the other day": ("date", "PAST_REF"), "the other night": ("date", "PAST_REF"),
    "once": None, "soon": ("date", "FUTURE_REF"), "the future": ("date", "FUTURE_REF"),
    "future": ("date", "FUTURE_REF"), "in the future": ("date", "FUTURE_REF"),
    "the near future": ("date", "FUTURE_REF"), "the foreseeable future": ("date", "FUTURE_REF"),
    # an indefinite day to come ("will return some day"), not an amount of about one day
    "some day": ("date", "FUTURE_REF"), "someday": ("date", "FUTURE_REF"),
    "the coming days": ("duration", "PXD"), "the coming weeks": ("duration", "PXW"),
    "the coming months": ("duration", "PXM"), "the coming years": ("duration", "PXY"),
    "recent years": ("duration", "PXY"), "recent months": ("duration", "PXM"),
    "recent weeks": ("duration", "PXW"), "recent days": ("duration", "PXD"),
    # the time ahead, as "the coming days": "in the days ahead", "for years to come"
    **{f"{the}{unit} {ahead}": ("duration", f"PX{unit[0].upper()}")
       for the in ("the ", "") for unit in ("days", "weeks", "months", "years")
       for ahead in ("ahead", "to come")},
}
DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
                "the day before yesterday": -2, "the day after tomorrow": 2}

# ---------------------------------------------------------------- detection

TEMPORAL_WORDS = (set(MONTHS) | set(WEEKDAYS) | set(SEASONS) | set(SET_ADVERBS) | {
    u + s for u in UNITS for s in ("", "s")} | {
    "centuries", "millennia", "ago", "now", "today", "tonight", "yesterday", "tomorrow",
    "morning", "afternoon", "evening", "night", "noon", "midnight", "midday", "daily", "weekly",
    "monthly", "annually", "yearly", "hourly", "nightly", "future", "past", "present",
    "a.m.", "p.m.", "am", "pm", "a.m", "p.m", "weekend", "weekends", "christmas", "easter",
    "thanksgiving", "halloween", "eve", "quarter", "half", "recently", "currently", "soon",
    "'s", "long", "later", "earlier", "old", "s", "o'clock", "edt", "est", "gmt", "utc", "cdt",
    "cst", "pdt", "pst", "previously", "formerly", "nowadays", "lately", "end", "current", "someday",
    # the plurals of the parts of the day that make sets ("Friday mornings", "in the evenings")
    "mornings", "afternoons", "evenings",
    # more time zones of datelines ("2140 HKT")
    "mst", "mdt", "ast", "adt", "hst", "akst", "akdt", "bst", "cet", "cest", "eet", "eest", "msk",
    "ist", "pkt", "ict", "sgt", "hkt", "jst", "kst", "aest", "aedt", "nzst", "nzdt"} |
    set(DAY_EDGES))
# Words that may open an expression though they are not temporal themselves.
LEFT_OK = {"the", "a", "an", "this", "that", "these", "those", "last", "next", "past", "coming",
            "previous", "early", "late", "mid", "middle", "end", "beginning", "start", "more",
            "less", "than", "over", "about", "around", "nearly", "almost", "some", "every",
            "each", "several", "few", "many", "recent", "earlier", "later", "same", "first",
            "second", "third", "fourth", "final", "at", "least", "up", "to", "just", "so",
            "approximately", "roughly", "under", "fiscal", "calendar", "one", "other",
            "following", "current", "couple", "of", "dozen", "half", "right", "near",
            "foreseeable", "once", "twice", "times", "new", "year", "day", "election", "labor",
            "memorial", "independence", "veterans", "good", "palm", "another", "additional",
            "preceding", "prior", "subsequent", "very", "pre", "post"}
# Periods an anaphoric date counts in ("the day before", "the night after").
ANAPHORIC_UNITS = {"day", "night", "morning", "afternoon", "evening", "week", "month", "year"}
EDGE_DROP = {"in", "on", "at", "for", "since", "by", "until", "till", "during", "from", "to",
              "and", "or", "but", "of", "with", "as", "when", "after", "before", "within",
              "through", "throughout", "between", "while", "then", "than", "that", "which"}
NAME_UNIT_WORDS = {"day", "days", "year", "years", "week", "weeks", "month", "months",
                    "decade", "century", "hour", "hours", "minutes", "night", "nights"}
HOLIDAY_HEADS = {"election", "thanksgiving", "labor", "memorial", "independence", "veterans",
                  "christmas", "new", "easter", "valentine", "mother", "father", "columbus",
                  "presidents", "boxing", "may", "year", "years", "eve", "good", "palm", "ash",
                  "martin", "luther", "king", "st.", "patrick", "'s"}

POSSESSIVES = {"his", "her", "their", "my", "your", "our", "its"}

OPENERS = {'"', "``", "''", "\u201c", "\u2018", "'", "(", "-", "--", "\u2014", "\u2013", ":", "_"}
DEICTIC_DAY_WORDS = {"today", "tonight", "tomorrow", "yesterday", "now"}

# Hedges TimeML leaves outside the expression ("about two weeks"); the mod keeps them.
APPROX_WORDS = {"about", "around", "approximately", "roughly", "nearly", "almost", "some",
                 "just", "an", "estimated"}
ANCHOR_WORDS = {"later", "earlier", "before", "after", "prior", "on"}
SET_CONTEXT = {"once", "twice", "times", "per", "thrice"}

# ---------------------------------------------------------------- tense cues

# "would" is the future seen from the past ("said he would leave Thursday").
FUTURE_AUX = {"will", "shall", "'ll", "wo", "would"}
# Modals of what is possible, allowed or needed: with a plain infinitive (not the perfect, "may
# have left") they point ahead of the time of speaking ("talks may resume Tuesday", "the bill
# must pass by Friday"). Not "could", also the past of "can" ("could not be reached Tuesday").
MODAL_AHEAD = {"may", "might", "must", "should", "can", "ca"}
# Verbs whose object date lies ahead of the time of speaking ("scheduled for November 20").
FUTURE_LEMMAS = {"schedule", "plan", "expect", "set", "due", "slate", "intend", "postpone",
                  "reschedule"}
# Verbs whose infinitive complement is an event still to come when they happen: a plan, an
# expectation, a commitment ("were planning to march on Sunday", "agreed to meet Monday"). An
# event already past would be reported as done ("met Monday"), not as planned.
PLAN_LEMMAS = FUTURE_LEMMAS | {"agree", "promise", "vow", "pledge", "threaten", "hope", "prepare"}
# Of FUTURE_LEMMAS, verbs that name a plan only with a "for" date or in the passive ("the
# hearing was set for Tuesday", "set the vote for May 3"; not "set a record on Saturday").
PLAN_ONLY_WITH_FOR = {"set"}
# Verbs that move a time forward: "until Tuesday" after them is a deadline still ahead, even in
# a past clause ("extended the deadline until Tuesday").
DEADLINE_LEMMAS = {"postpone", "delay", "extend", "adjourn", "give", "grant", "recess", "suspend",
                   "defer", "push"}
# Verbs that report speech or writing: in the present ("says", "reports") they tell the time of
# the report, not of a scheduled event, so a date on them keeps the nearest reading.
REPORTING_LEMMAS = {"say", "tell", "report", "announce", "add", "note", "claim", "write", "state",
                    "confirm", "deny", "insist", "argue", "explain", "recall", "acknowledge"}
# Verbs that act on an event still to come as readily as on one past: a date modifying their
# object lies on either side ("canceled Friday's meeting", "postponed Tuesday's vote").
UNDOING_LEMMAS = {"cancel", "postpone", "delay", "call", "scrap", "suspend", "move", "reschedule",
                  "announce", "set", "schedule", "plan", "prepare", "expect"}
# Nouns of an event held on a set day: a date modifying one in a clause told in the future
# ("will play in Sunday's game", "will attend Friday's summit") is that coming day, whereas the
# object of an act on a result may lie behind ("will appeal Wednesday's ruling").
SCHEDULED_EVENT_NOUNS = frozenset("""game games match matches race vote votes ballot election
elections referendum primary primaries runoff poll polls summit meeting meetings session sessions
hearing hearings trial debate debates talks conference ceremony parade rally march concert show
final finals semifinal semifinals opener showdown contest tournament festival inauguration
funeral service celebration auction kickoff premiere broadcast speech address visit deadline
launch opening meet bout fight derby playoff""".split())
# What looks back on an event once it is over: verbs that act on it afterwards ("will review
# Sunday's game", "will count the ballots of Sunday's vote") and nouns of its outcome ("the
# results of Sunday's vote"). A date of the event under one of them is not dated by the future
# of the clause: the event may well be over (see ``tense._modifier_tense``).
AFTERMATH_LEMMAS = frozenset("""review analyze analyse study discuss assess evaluate examine
investigate probe count recount tally certify contest dispute challenge appeal overturn annul
replay rewatch dissect""".split())
OUTCOME_NOUNS = frozenset("""result results outcome outcomes aftermath fallout winner winners
loser losers tally count recount footage highlights turnout score scores verdict""".split())
# Prepositions whose object lies after the time of the clause: a date modifying it, in a clause
# not told in the past, lies ahead ("voters gather ahead of Tuesday's vote").
AHEAD_PREPS = {("ahead", "of"), ("in", "advance", "of"), ("in", "the", "run-up", "to"),
               ("on", "the", "eve", "of"), ("in", "preparation", "for"), ("before",)}
FUTURE_CUES = {"next", "coming", "upcoming", "following", "until", "till"}
PAST_CUES = {"ago", "last", "past", "previous", "earlier", "since"}


# A bare year right before one of these is a model year ("a 1987 sedan", "the 1992 model"), not a date.
VEHICLE_NOUNS = frozenset("""sedan sedans coupe coupes convertible convertibles hatchback wagon wagons
minivan minivans van vans pickup pickups truck trucks car cars jeep jeeps suv suvs motorcycle
motorcycles limousine limousines model models roadster roadsters""".split())
# Makes, which are also people's and places' names: a year before one is a model year only when the
# make heads the phrase ("his 1992 Ford was stolen"), a vehicle noun follows ("a 1998 Ford pickup")
# or a model name does ("a 1998 Ford Taurus"), not in "the 1976 Ford campaign".
VEHICLE_MAKES = frozenset("""chevrolet chevy ford dodge buick cadillac pontiac oldsmobile chrysler
plymouth toyota honda nissan mazda volkswagen vw volvo bmw mercedes audi porsche jaguar subaru
hyundai lincoln mercury saab fiat renault peugeot gmc lexus acura infiniti kia mitsubishi suzuki
isuzu tesla hummer saturn bentley ferrari lamborghini maserati""".split())
# Colors between a model year and the vehicle ("a 2011 blue Civic").
VEHICLE_COLORS = frozenset("""black white silver gray grey red blue green yellow gold tan maroon
beige brown orange purple""".split())
# Words that end a street's name: a number before the name is a house number ("1904 Alder Street").
STREET_WORDS = frozenset("""street st avenue ave road rd boulevard blvd drive dr lane ln way place pl
court ct terrace parkway pkwy highway hwy""".split())
# Capitalized nouns after a make that make it an organization's or a person's name, not a model
# ("the 1976 Ford Administration", "a 1998 Ford Motor Co. report").
MAKE_NAME_NOUNS = frozenset("""administration administrations campaign campaigns foundation
memorial center centre library museum presidency motor motors company co co. corp corp. inc inc.
group plant factory era years speech speeches debate debates convention election race ticket
doctrine address tunnel center theater theatre hall university college school hospital award
prize fellowship institute""".split())

# Words of a sports report: a bare "the second half", "the fourth quarter" in their sentence (or
# the one before) is a period of a game, not of a year ("scored twice in the second half").
GAME_WORDS = frozenset("""game games match score scored scoring scorer touchdown touchdowns
halftime half-time inning innings yards quarterback goalkeeper free-throw interception
interceptions kicker punt punted fumble fumbled tackled foul fouls playoff playoffs trailed
victory defeated homer homers pitcher striker""".split())

# Nouns after a holiday's name that keep it a date ("the Christmas holidays", "the Easter
# weekend"); before any other noun the name only qualifies it ("a Christmas tree", "the office
# Christmas party", "Halloween costumes").
HOLIDAY_PERIOD_NOUNS = frozenset("""holiday holidays season break vacation recess period week
weekend weekends day eve morning afternoon evening night time""".split())


# Words after a four-digit clock time ("0915 GMT", "1800 hours", "1300 local") and the
# prepositions before one ("at 1300 hours"): a clock, not a year or an amount of time.
CLOCK_WORDS = frozenset({"gmt", "utc", "hours", "hrs", "local", "z"})
CLOCK_PREPOSITIONS = frozenset({"at", "by", "until", "before", "after", "around", "about"})
# What a quarter or half is "of" in a game report ("the first half of the game").
GAME_UNITS = frozenset({"game", "match", "contest", "season", "half", "period"})
SEASON_WORDS = frozenset({"spring", "summer", "fall", "autumn", "winter"})
# Verbs of harm a tumble is told with: "hurt in the fall", "broke his hip in the fall".
HARM_LEMMAS = frozenset({"injure", "hurt", "kill", "die", "break", "fracture", "survive",
                         "suffer", "bruise", "wound", "sprain", "crack"})
# Plural units after a season that keep it a date ("summer months").
SPAN_NOUNS = frozenset({"months", "weeks", "days", "nights"})
# Parts of the day that may qualify a noun ("a midnight snack") instead of naming a time.
DAY_PART_WORDS = frozenset({"midnight", "noon", "midday", "morning", "afternoon", "evening", "night"})
# Nouns a part of the day qualifies as a time of day ("the midnight deadline", "the noon hour").
TIME_NOUNS = frozenset({"deadline", "deadlines", "curfew", "curfews", "hour", "hours", "time"})
