"""TimeML 1.2.1 conventions added in the fourth dates pass, one test a rule, on sentences written
for these tests (none from an evaluation corpus)."""
from __future__ import annotations

import datetime as dt

import pytest

from factx.dates import extract_dates

D = dt.date
WED = D(1998, 2, 18)  # a Wednesday


def facts_of(nlp, text, ref=WED):
    return {f.text: f for f in extract_dates(nlp(text), ref)}


# ---------------------------------------------------------------- present tense of a schedule

@pytest.mark.parametrize("text,phrase,value", [
    ("The talks end in December.", "December", "1998-12"),
    ("The strike begins on Monday.", "Monday", "1998-02-23"),
    ("The minister arrives Friday for two days of talks.", "Friday", "1998-02-20"),
    ("The court is hearing the appeal on Monday.", "Monday", "1998-02-23"),
    ("The new law takes effect in October.", "October", "1998-10"),
])
def test_a_date_on_a_present_tense_verb_is_a_scheduled_event_ahead(nlp, text, phrase, value):
    assert facts_of(nlp, text)[phrase].value == value


@pytest.mark.parametrize("text,phrase,kind,value", [
    ("The library board meets on the first Monday of the month.", "the first Monday of the month",
     "set", "XXXX-XX-WXX-1"),
    ("The pension fund pays out on the last Friday of the month.", "the last Friday of the month",
     "set", "XXXX-XX-WXX-5"),
    # one day in any other tense: past, progressive, future
    ("The library board met on the first Monday of the month.", "the first Monday of the month",
     "date", "1998-02-02"),
    ("The library board is meeting on the first Monday of the month.",
     "the first Monday of the month", "date", "1998-03-02"),
    ("The library board will meet on the first Monday of the month.",
     "the first Monday of the month", "date", "1998-03-02"),
])
def test_a_day_of_the_month_in_the_simple_present_of_a_habit_is_a_set(nlp, text, phrase, kind, value):
    f = facts_of(nlp, text)[phrase]
    assert (f.type, f.value) == (kind, value)
    assert f.rule == ("set_habitual_month_day" if kind == "set" else "nth_weekday_of_month")


@pytest.mark.parametrize("text,phrase,value", [
    # a date in a noun phrase is not dated by the present verb: the nearest Monday
    ("The attack on Monday is the third this year.", "Monday", "1998-02-16"),
    # nor is the date of a report
    ("The agency reports Monday that exports fell.", "Monday", "1998-02-16"),
    # the past tense still points back
    ("The strike began on Monday.", "Monday", "1998-02-16"),
])
def test_present_tense_keeps_the_nearest_date_off_the_verb_and_for_reports(nlp, text, phrase, value):
    assert facts_of(nlp, text)[phrase].value == value


# ---------------------------------------------------------------- parts of the day are TIMEs

@pytest.mark.parametrize("text,phrase,value", [
    ("Rebels attacked the town on Monday night.", "Monday night", "1998-02-16TNI"),
    ("The bank cut its rates this morning.", "this morning", "1998-02-18TMO"),
    ("The fire broke out late last night.", "late last night", "1998-02-17TNI"),
])
def test_a_part_of_the_day_is_typed_time(nlp, text, phrase, value):
    f = facts_of(nlp, text)[phrase]
    assert (f.type, f.value) == ("time", value)


def test_an_anaphoric_morning_is_typed_time_too(nlp):
    got = facts_of(nlp, "The plane landed on March 3, 2001. The next morning, crews began the search.")
    assert (got["The next morning"].type, got["The next morning"].value) == ("time", "2001-03-04TMO")


# ---------------------------------------------------------------- edges of the day

@pytest.mark.parametrize("text,phrase,value", [
    ("Rescuers reached the village at dawn.", "dawn", "1998-02-18TMO"),
    ("On Sunday, rescuers reached the village at dawn.", "dawn", "1998-02-15TMO"),
    ("Troops will withdraw at dusk tomorrow.", "dusk tomorrow", "1998-02-19TEV"),
    ("The fighting stopped Saturday at sunset.", "Saturday at sunset", "1998-02-14TEV"),
    ("Stocks fell overnight in Asia.", "overnight", "1998-02-17TNI"),
    ("Overnight, rebels shelled the city.", "Overnight", "1998-02-17TNI"),
    ("The ferry will sail overnight to the island.", "overnight", "1998-02-18TNI"),
])
def test_dawn_dusk_and_overnight_are_parts_of_a_day(nlp, text, phrase, value):
    f = facts_of(nlp, text)[phrase]
    assert (f.type, f.value) == ("time", value)


@pytest.mark.parametrize("text", [
    "Police carried out a dawn raid on the house.",
    "The senator wants a sunset clause in the bill.",
    "Dawn Smith said the shop was closed.",
    "The fall of the Wall marked the dawn of a new era.",
    "Guests paid for an overnight stay.",
])
def test_dawn_as_a_modifier_a_name_or_a_figure_is_no_date(nlp, text):
    assert facts_of(nlp, text) == {}


# ---------------------------------------------------------------- the end of a period

@pytest.mark.parametrize("text,phrase,value", [
    ("The company expects profits to rise by year's end.", "year's end", "1998"),
    ("The merger should be completed by year-end.", "year-end", "1998"),
    ("The bank will publish the figures at month end.", "month end", "1998-02"),
])
def test_year_end_is_the_end_of_the_current_year_ahead(nlp, text, phrase, value):
    f = facts_of(nlp, text)[phrase]
    assert (f.value, f.mod) == (value, "END")


def test_year_end_in_the_past_is_the_end_of_the_told_year(nlp):
    got = facts_of(nlp, "The firm was sold in 2008. By year's end, it had collapsed.")
    assert (got["year's end"].value, got["year's end"].mod) == ("2008", "END")


# ---------------------------------------------------------------- decades and centuries

@pytest.mark.parametrize("text,phrase,value,mod", [
    ("The program was launched in the mid-1990s.", "the mid-1990s", "199", "MID"),
    ("The plan dates from the mid-1980s.", "the mid-1980s", "198", "MID"),
    ("The mill was built in the 1800s.", "the 1800s", "18", None),
    ("The mill was built in the late 1700s.", "the late 1700s", "17", "END"),
    ("Prices soared in the 2000s.", "the 2000s", "200", None),
])
def test_hyphenated_decades_are_found_and_the_1800s_are_a_century(nlp, text, phrase, value, mod):
    f = facts_of(nlp, text)[phrase]
    assert (f.value, f.mod) == (value, mod)


@pytest.mark.parametrize("text", ["Youth unemployment is in the mid-30s.", "She is in her mid-40s."])
def test_a_percentage_or_an_age_in_the_mid_30s_is_no_decade(nlp, text):
    assert facts_of(nlp, text) == {}


# ---------------------------------------------------------------- amounts told from another date

OCT = D(1989, 10, 26)


@pytest.mark.parametrize("text,phrase,value", [
    ("Net income rose 12% in the third quarter from a year earlier.", "a year earlier", "1988-Q3"),
    ("Sales in September rose 5% from a year earlier.", "a year earlier", "1988-09"),
    ("The plane crashed on March 3, 1998. Two days later, police arrested a suspect.",
     "Two days later", "1998-03-05"),
    ("He was hired in 1985 and fired three years later.", "three years later", "1988"),
    ("He left in May; six months later he returned.", "six months later", "1989-11"),
])
def test_an_amount_later_or_earlier_is_a_date_counted_from_the_last_date(nlp, text, phrase, value):
    f = facts_of(nlp, text, OCT)[phrase]
    assert (f.type, f.value) == ("date", value)


def test_an_amount_later_with_no_earlier_date_counts_from_the_reference_date(nlp):
    assert facts_of(nlp, "Sales were flat a year earlier.", OCT)["a year earlier"].value == "1988"


@pytest.mark.parametrize("text,phrase,value", [
    # a clock amount's anchor is a clock time: it stays a length of time
    ("Just over an hour later, he was declared dead.", "over an hour", "PT1H"),
    # a vague count has no date to point to
    ("Months later, the case was closed.", "Months", "PXM"),
])
def test_clock_and_vague_amounts_later_stay_durations(nlp, text, phrase, value):
    f = facts_of(nlp, text, OCT)[phrase]
    assert (f.type, f.value) == ("duration", value)


def test_the_latest_quarter_is_the_last_one_that_ended(nlp):
    f = facts_of(nlp, "The company earned $10 million in the latest quarter.", OCT)["the latest quarter"]
    assert (f.type, f.value) == ("date", "1989-Q3")


# ---------------------------------------------------------------- the day before/after a date

@pytest.mark.parametrize("text,phrase,value", [
    ("The day before last Tuesday's hearing, he met the judge.", "The day before last Tuesday",
     "1989-10-23"),
    ("He arrived the day after Christmas.", "the day after Christmas", "1988-12-26"),
    ("Crowds gathered the night before Nov. 7, 1989.", "the night before Nov. 7, 1989",
     "1989-11-06TNI"),
])
def test_the_day_before_or_after_a_date_is_one_date(nlp, text, phrase, value):
    assert facts_of(nlp, text, OCT)[phrase].value == value


def test_the_night_before_an_event_is_still_no_date_of_its_own(nlp):
    got = facts_of(nlp, "The night before the election, crowds gathered.", OCT)
    assert got == {}


# ---------------------------------------------------------------- extent

@pytest.mark.parametrize("text,phrase", [
    ("The Aug. 7, 1998, bombings killed more than 200 people.", "Aug. 7, 1998"),
    ("He spoke at the May 5 meeting.", "May 5"),
])
def test_the_article_of_a_noun_a_date_modifies_is_outside_the_date(nlp, text, phrase):
    assert phrase in facts_of(nlp, text, OCT)


# ---------------------------------------------------------------- a period that ended on a day

@pytest.mark.parametrize("text,phrase,value", [
    ("The company reported a loss for the quarter ended Sept. 30.", "the quarter ended Sept. 30",
     "1989-Q3"),
    ("Net income for the fiscal year ending June 30, 1990, will rise.",
     "the fiscal year ending June 30, 1990", "1990"),
    ("Sales for the month ended March 31 were strong.", "the month ended March 31", "1989-03"),
])
def test_a_period_ended_on_a_day_is_that_period(nlp, text, phrase, value):
    assert facts_of(nlp, text, OCT)[phrase].value == value


def test_a_quarter_that_ended_as_a_verb_is_no_date(nlp):
    assert facts_of(nlp, "The quarter ended badly for the firm.", OCT) == {}


@pytest.mark.parametrize("text,phrase,value", [
    ("He said the talks end in December.", "December", "1998-12"),
    ("He was arrested and faces trial in October.", "October", "1998-10"),
    # a noun the tagger reads as a present verb inside a past sentence dates nothing ahead
    ("Officials said the suspect took two officers hostage on Monday morning.", "Monday morning",
     "1998-02-16TMO"),
])
def test_a_reported_or_conjoined_schedule_points_ahead_a_mistagged_noun_does_not(nlp, text, phrase,
                                                                                 value):
    assert facts_of(nlp, text)[phrase].value == value


# ---------------------------------------------------------------- bare clock times in a past story

JUNE = D(2010, 6, 16)


@pytest.mark.parametrize("text,phrase,value", [
    ("A bomb exploded in the capital on Friday. At 10:35 a.m., a second bomb went off.",
     "10:35 a.m.", "2010-06-11T10:35"),
    ("The ship docked on March 3, 2001. At 10 p.m., the crew went ashore.", "10 p.m.",
     "2001-03-03T22:00"),
])
def test_a_bare_clock_time_told_in_the_past_is_on_the_day_the_story_last_named(nlp, text, phrase,
                                                                               value):
    assert facts_of(nlp, text, JUNE)[phrase].value == value


@pytest.mark.parametrize("text,phrase,value", [
    # a schedule in the present is the reference day's
    ("Shares rose on Monday. The market opens at 9 a.m.", "9 a.m.", "2010-06-16T09:00"),
    # a day named after the reference date is no story day for the past
    ("The vote is set for June 20. Polls closed at 8 p.m.", "8 p.m.", "2010-06-16T20:00"),
    # the day the text named no longer anchors an anaphoric next day once a bare time follows
    ("The ship docked on March 3, 2001. Overnight, the crew slept. The next day it sailed.",
     "The next day", "2001-03-04"),
])
def test_a_bare_clock_time_keeps_the_reference_day_otherwise(nlp, text, phrase, value):
    assert facts_of(nlp, text, JUNE)[phrase].value == value


@pytest.mark.parametrize("text,phrase,value", [
    # the story moved to other years between the day it named and the time
    ("The ship docked on June 3. Storms hit the port in 1994 and 1997. The captain left at "
     "10 p.m.", "10 p.m.", "2010-06-16T22:00"),
])
def test_a_bare_clock_time_is_not_on_a_story_day_the_text_moved_away_from(nlp, text, phrase,
                                                                          value):
    assert facts_of(nlp, text, JUNE)[phrase].value == value


def test_a_bare_clock_time_on_a_day_counted_from_an_event_has_an_unknown_day(nlp):
    f = facts_of(nlp, "The ship docked on June 3. A guard saw the car at 6 a.m. ten days "
                      "before the fire.", JUNE)["6 a.m."]
    assert (f.value, f.rule) == ("XXXX-XX-XXT06:00", "clock_on_event_day")


@pytest.mark.parametrize("text,phrase,value", [
    ("The frigate replaced the old ship in November-end.", "November-end", "2009-11"),
    ("The deal closes by March end.", "March end", "2010-03"),
])
def test_a_month_end_is_the_month_with_mod_end(nlp, text, phrase, value):
    f = facts_of(nlp, text, D(2009, 12, 16))[phrase]
    assert (f.value, f.mod) == (value, "END")


@pytest.mark.parametrize("text,phrase,value", [
    ("Sales fell in the month of April.", "the month of April", "2021-04"),
    ("Prices rose in the month of May 2019.", "the month of May 2019", "2019-05"),
    ("The bridge was closed in April month for repairs.", "April month", "2021-04"),
])
def test_a_month_named_with_the_word_month_is_the_month(nlp, text, phrase, value):
    f = facts_of(nlp, text, D(2021, 6, 10))[phrase]
    assert (f.type, f.value, f.rule) == ("date", value, "month_named")


# ---------------------------------------------------------------- "for the quarter", "in the year"

@pytest.mark.parametrize("text,phrase,value", [
    ("Sales rose in the third quarter. For the quarter, net income fell 5%.", "the quarter",
     "1989-Q3"),
    ("The film opens on Nov. 22, 2013, with filming starting later in the year.", "the year",
     "2013"),
    ("The company said it will hire 500 people during the year.", "the year", "1989"),
    ("Protests are expected to continue throughout the week.", "the week", "1989-W43"),
])
def test_the_year_after_for_or_in_is_the_period_the_text_tells(nlp, text, phrase, value):
    f = facts_of(nlp, text, OCT)[phrase]
    assert (f.type, f.value) == ("date", value)


@pytest.mark.parametrize("text", [
    "It was the year of the dragon.",
    "In the week since the attack, police made arrests.",
    "In the year he was born, war broke out.",
    "Prices rose 3% over the year.",
    "In the week following the shooting, protests erupted.",
    "That was the week that changed everything.",
])
def test_the_year_as_a_noun_of_its_own_is_no_date(nlp, text):
    assert not any(p.startswith("the ") or p.startswith("The ") for p in facts_of(nlp, text, OCT))


def test_that_quarter_and_the_following_quarter_count_from_the_last_quarter(nlp):
    got = facts_of(nlp, "Sales fell in the second quarter of 1989. The following quarter they "
                        "rose.", OCT)
    assert got["The following quarter"].value == "1989-Q3"


@pytest.mark.parametrize("text", ["She is in her early 70s.", "He is in his mid-50s."])
def test_an_age_in_her_early_70s_is_no_decade(nlp, text):
    assert facts_of(nlp, text) == {}


@pytest.mark.parametrize("text,mod", [("late yesterday", "END"), ("early today", "START"),
                                      ("yesterday", None)])
def test_early_and_late_on_a_deictic_day_go_in_mod(text, mod):
    from factx.dates import normalize
    t = normalize(text, OCT)
    assert (t.value[:10], t.mod) == (("1989-10-25" if "yesterday" in text else "1989-10-26"), mod)


@pytest.mark.parametrize("text,phrase", [
    ("Kenya hoped for an end to a years-old slump in tourism.", "years-old"),
    ("The decades-old feud ended.", "decades-old"),
])
def test_a_years_old_thing_has_lasted_years_it_is_no_age(nlp, text, phrase):
    f = facts_of(nlp, text)[phrase]
    assert (f.type, f.value) == ("duration", "PXY")


@pytest.mark.parametrize("text", ["A 63-year-old nurse was hired.", "The boy, five years-old, ran."])
def test_a_counted_years_old_is_still_an_age(nlp, text):
    assert facts_of(nlp, text) == {}


# ---------------------------------------------------------------- a date modifying a noun

@pytest.mark.parametrize("text,phrase,value", [
    # what a plain past verb reports of a dated thing has happened
    ("First-half sales rose 5%.", "First-half", "1989-H1"),
    ("Monday's blast killed 12 people.", "Monday", "1989-10-23"),
    # an act that may bear on a coming event leaves it open: the nearest
    ("The company canceled Friday's meeting.", "Friday", "1989-10-27"),
    ("They would look for ways to get around Wednesday's ruling.", "Wednesday", "1989-10-25"),
])
def test_a_date_modifying_a_noun_is_past_only_under_a_plain_past_verb(nlp, text, phrase, value):
    assert facts_of(nlp, text, OCT)[phrase].value == value


@pytest.mark.parametrize("text,phrase,value", [
    ("Net income rose to $5 million in the third quarter from $3 million in the year-earlier "
     "quarter.", "year-earlier", "1988-Q3"),
    ("Sales were $2 billion, up from $1.8 billion in the year-ago period.", "year-ago", "1988"),
])
def test_year_earlier_and_year_ago_count_a_year_back_from_the_told_period(nlp, text, phrase, value):
    assert facts_of(nlp, text, OCT)[phrase].value == value


# ---------------------------------------------------------------- "in the morning" of a story

@pytest.mark.parametrize("text,phrase,value", [
    ("A bomb exploded on Friday. In the morning, troops moved in.", "the morning",
     "1998-02-13TMO"),
    ("Fighting continued during the afternoon, officials said.", "the afternoon",
     "1998-02-18TAF"),
])
def test_in_the_morning_told_in_the_past_is_that_part_of_the_told_day(nlp, text, phrase, value):
    f = facts_of(nlp, text)[phrase]
    assert (f.type, f.value) == ("time", value)


@pytest.mark.parametrize("text", [
    "I work in the morning.",  # a habit
    "She died in the night he left.",
    "It was the night of the long knives.",
    "The rioters fled into the night.",
])
def test_in_the_morning_as_a_habit_or_a_noun_of_its_own_is_no_date(nlp, text):
    assert facts_of(nlp, text) == {}


# ---------------------------------------------------------------- model years

@pytest.mark.parametrize("text,year", [
    ("Police found her 1991 Toyota parked behind the warehouse.", "1991"),
    ("He drove a battered 1978 pickup to the rally in 1994.", "1978"),
])
def test_a_model_year_before_a_vehicle_is_not_a_date(nlp, text, year):
    facts = facts_of(nlp, text)
    assert year not in facts
    if "in 1994" in text:
        assert facts["1994"].value == "1994"


@pytest.mark.parametrize("text,year", [
    ("His 1992 Ford was stolen from the lot.", "1992"),  # the make heads the phrase
    ("He drove a 1985 Chevrolet pickup to work.", "1985"),  # a vehicle noun follows the make
    ("He bought a 1998 Ford Taurus at auction.", "1998"),  # a model name follows the make
])
def test_a_year_before_a_make_is_a_model_year_when_the_make_names_the_vehicle(nlp, text, year):
    assert year not in facts_of(nlp, text)


@pytest.mark.parametrize("text,year", [
    ("He ran the 1976 Ford campaign in Ohio.", "1976"),
    ("She drafted a 1960 Lincoln speech for the senator.", "1960"),
    ("Critics of the 1976 Ford Administration spoke out.", "1976"),
])
def test_a_year_before_a_make_that_is_a_name_is_still_a_date(nlp, text, year):
    assert facts_of(nlp, text)[year].value == year


# ---------------------------------------------------------------- periods of a game

@pytest.mark.parametrize("text", [
    "The Bears led 14-7 in the second quarter before the rain came.",
    "Smith scored twice in the second half.",
    "The Jets trailed at halftime. Their defense held in the second half.",
    "They kicked three field goals in the first half of the game.",
])
def test_a_quarter_or_half_of_a_game_is_no_date(nlp, text):
    assert facts_of(nlp, text) == {}


@pytest.mark.parametrize("text,phrase,value", [
    ("Profits rose in the second quarter.", "the second quarter", "1997-Q2"),
    ("The company posted a loss in the fourth quarter as the holiday season disappointed.",
     "the fourth quarter", "1997-Q4"),
    ("The company expects growth in the second half of the year.",
     "the second half of the year", "1998-H2"),
])
def test_a_quarter_or_half_of_a_business_year_stays_a_date(nlp, text, phrase, value):
    assert facts_of(nlp, text)[phrase].value == value


# ---------------------------------------------------------------- not dates

@pytest.mark.parametrize("text", [
    "The patch covers versions 7, 8 and 10 of the browser.",
    "The Lakers won 102-98 and improved to 5-11.",
    "The convoy left at 1300 hours.",
    "She bought a Christmas tree for the office Christmas party.",
    "He drove a 2008 GMC Sierra to the game.",
    "A second-half surge carried the team into the playoffs.",
])
def test_numbers_lists_scores_clock_times_and_holiday_modifiers_are_no_dates(nlp, text):
    assert facts_of(nlp, text) == {}


def test_a_holiday_as_a_time_stays_a_date(nlp):
    got = facts_of(nlp, "Stores stayed open late on Christmas Eve and closed at Christmas.")
    assert got["Christmas Eve"].value == "1997-12-24"
    assert got["Christmas"].value == "1997-12-25"


def test_a_decade_with_an_apostrophe_and_capital_datelines(nlp):
    got = facts_of(nlp, "PUBLISHED: APR. 9, 2011. Prices soared in the 1970's, not in 1998's "
                        "budget.")
    assert got["APR. 9, 2011"].value == "2011-04-09"
    assert got["the 1970's"].value == "197"
    assert got["1998"].value == "1998"


# ---------------------------------------------------------------- participles

MON = D(1998, 2, 16)


@pytest.mark.parametrize("text,phrase,value", [
    ("She was injured while cycling to work on Wednesday.", "Wednesday", "1998-02-11"),
    ("He was robbed outside a pharmacy, located off Elm Road, around 9 p.m. Wednesday.",
     "9 p.m. Wednesday", "1998-02-11T21:00"),
    ("He was arrested while driving to work Thursday.", "Thursday", "1998-02-12"),
])
def test_a_participle_without_auxiliary_takes_the_past_of_its_clause(nlp, text, phrase, value):
    assert facts_of(nlp, text, MON)[phrase].value == value


def test_a_participle_in_a_future_clause_keeps_the_date_ahead(nlp):
    assert facts_of(nlp, "She will fly home after visiting Paris on Wednesday.", MON)[
        "Wednesday"].value == "1998-02-18"


@pytest.mark.parametrize("text,phrase,value", [
    # a participle on a perfect clause: the past
    ("A man detained Tuesday in a dawn raid has died in custody.", "Tuesday",
     "1998-02-10"),
    # "went ... to listen" is a journey done, not "going to"
    ("The senator went to the factory Saturday to listen.", "Saturday", "1998-02-14"),
    ("He is going to resign Friday.", "Friday", "1998-02-20"),
    # "set" is a plan with "for" or in the present passive, not "the trap was set"
    ("The trap was carefully set Friday night.", "Friday night", "1998-02-13TNI"),
    ("The hearing was set for Tuesday.", "Tuesday", "1998-02-17"),
    # a past "attended" reports an event held
    ("Her family attended Wednesday's arraignment.", "Wednesday", "1998-02-11"),
    ("They will attend Wednesday's arraignment.", "Wednesday", "1998-02-18"),
])
def test_tense_of_participles_going_to_set_and_attend(nlp, text, phrase, value):
    assert facts_of(nlp, text, MON)[phrase].value == value


@pytest.mark.parametrize("text,phrase,value", [
    ("He is expected to be charged in the case on Friday.", "Friday", "1998-02-20"),
    ("She is expected to sign the deal and join the squad Saturday night.", "Saturday night",
     "1998-02-21TNI"),
    ("The budget bill is to be voted on Thursday.", "Thursday", "1998-02-19"),
])
def test_a_passive_or_conjoined_infinitive_of_a_plan_and_is_to_lie_ahead(nlp, text, phrase, value):
    assert facts_of(nlp, text, MON)[phrase].value == value


@pytest.mark.parametrize("text", [
    "She ran the now-defunct bakery for years.",
    "She wrote it on her now defunct blog.",
])
def test_now_inside_an_adjective_is_no_date(nlp, text):
    assert "now" not in facts_of(nlp, text)


def test_now_as_an_adverb_stays_the_present(nlp):
    assert facts_of(nlp, "The plant is now closed.")["now"].value == "PRESENT_REF"


@pytest.mark.parametrize("text,dates", [
    ("Voting closes at 6 p.m. local time (1800 GMT) on Sunday.",
     {"6 p.m.": "1998-02-22T18:00", "Sunday": "1998-02-22"}),
    ("The notice was issued at 1340 GMT (2140 HKT) on Feb. 10, 1998.",
     {"Feb. 10, 1998": "1998-02-10"}),
    ("The flight, which landed at 1715 (0815 GMT), was delayed again on Friday.",
     {"Friday": "1998-02-13"}),
])
def test_a_four_digit_clock_before_a_time_zone_is_no_year(nlp, text, dates):
    # TimeML corpora leave such clock conversions unannotated as often as not: no expression
    assert {k: f.value for k, f in facts_of(nlp, text).items()} == dates


@pytest.mark.parametrize("text", [
    "He was stopped at 1904 Alder Street by officers.",
    "She was struck by a 2011 blue Civic near the park.",
    "Officers traced a 2009 white Ford Focus seen near the mall.",
])
def test_clock_times_house_numbers_and_model_years_with_a_color_are_no_years(nlp, text):
    assert facts_of(nlp, text) == {}


@pytest.mark.parametrize("text,year", [
    ("It was a 1998 Red Cross report on the famine.", "1998"),
    ("He wore a 1998 blue jersey at the reunion.", "1998"),
    ("They moved to Elm Street in 2004.", "2004"),
])
def test_a_year_before_a_capitalized_color_or_after_a_street_stays(nlp, text, year):
    assert facts_of(nlp, text)[year].value == year


@pytest.mark.parametrize("text", [
    "As a summer intern at a bank, he learned quickly.",
    "The offer came during winter meetings in the capital.",
])
def test_a_bare_season_qualifying_a_noun_is_no_date(nlp, text):
    assert facts_of(nlp, text) == {}


def test_a_bare_season_alone_stays_a_date(nlp):
    assert facts_of(nlp, "We met in summer.")["summer"].value == "1997-SU"


def test_a_day_range_after_a_month_is_two_days(nlp):
    got = facts_of(nlp, "The survey was conducted February 11-15 among 900 adults.")
    assert got["February 11"].value == "1998-02-11"
    assert got["15"].value == "1998-02-15"


def test_the_article_before_a_year_modifying_a_noun_stays_outside(nlp):
    got = facts_of(nlp, "She was injured for the 2011 season.")
    assert "2011" in got and "the 2011" not in got


def test_a_future_as_a_noun_is_no_future_ref(nlp):
    assert facts_of(nlp, "They imagine a future where robots cook dinner.") == {}


@pytest.mark.parametrize("text,phrase", [
    ("He will retire in the future.", "the future"),
    ("The data could prevent future attacks.", "future"),  # annotated as TimeML corpora do
])
def test_the_future_and_future_as_an_adjective_stay_future_ref(nlp, text, phrase):
    assert facts_of(nlp, text)[phrase].value == "FUTURE_REF"


@pytest.mark.parametrize("text,phrase,value", [
    ("He traveled with his current wife.", "current", "PRESENT_REF"),
    ("The current year looks strong.", "The current year", "1998"),
    ("Results for the current week were weak.", "the current week", "1998-W08"),
])
def test_current_is_the_present_and_the_current_unit_is_this_one(nlp, text, phrase, value):
    assert facts_of(nlp, text)[phrase].value == value


@pytest.mark.parametrize("text", [
    "A strong current swept him away.",
    "The current account deficit grew.",
])
def test_a_current_that_flows_and_the_current_account_are_no_dates(nlp, text):
    assert facts_of(nlp, text) == {}


# ---------------------------------------------------------------- dates that cannot lie ahead

MID_DEC = D(2026, 12, 15)


@pytest.mark.parametrize("text,phrase,value", [
    ("Prices have risen sharply since January 1st.", "January 1st", "2026-01-01"),
    ("Since January, the mayor has held three meetings.", "January", "2026-01"),
    ("Inflation since March has been mild.", "March", "2026-03"),
    ("Sales have doubled since Jan. 5, officials said.", "Jan. 5", "2026-01-05"),
    ("From January to date, the plant built a million cars.", "January", "2026-01"),
])
def test_the_start_of_a_stretch_up_to_now_is_not_after_the_reference_date(nlp, text, phrase, value):
    assert facts_of(nlp, text, MID_DEC)[phrase].value == value


def test_a_plan_told_in_the_past_keeps_its_month_of_slack(nlp):
    # the slack "since" turns off still serves a planned date reported in the past tense
    assert facts_of(nlp, "The hearing was set for January 10.", MID_DEC)["January 10"].value \
        == "2027-01-10"


def test_since_as_a_conjunction_does_not_force_the_past(nlp):
    # "since" opens a clause whose subject is the weekday: no stretch of time up to now
    from factx.dates import tense_of
    doc = nlp("Since Friday is a holiday, the office will close.")
    assert tense_of(doc[1:2]) != "past_strict"


# ---------------------------------------------------------------- the tense of a possessive's clause

MID_DEC_WED = D(2026, 12, 16)


@pytest.mark.parametrize("text,phrase,value", [
    ("The striker will play in Sunday's game.", "Sunday", "2026-12-20"),
    ("The minister will attend Friday's summit.", "Friday", "2026-12-18"),
    ("He is going to speak at Thursday's rally.", "Thursday", "2026-12-17"),
    ("Voters are gathering ahead of Tuesday's vote.", "Tuesday", "2026-12-22"),
    ("Markets are cautious before Friday's jobs report.", "Friday", "2026-12-18"),
])
def test_a_possessive_date_of_a_coming_event_takes_the_future_of_its_clause(nlp, text, phrase, value):
    assert facts_of(nlp, text, MID_DEC_WED)[phrase].value == value


@pytest.mark.parametrize("text,phrase,value", [
    ("The minister attended Friday's summit.", "Friday", "2026-12-11"),
    ("Voters gathered ahead of Tuesday's vote.", "Tuesday", "2026-12-15"),
    # the object of an act on a result is not dated by the future verb: the nearest Monday
    ("The company will appeal Monday's ruling.", "Monday", "2026-12-14"),
])
def test_a_possessive_date_in_the_past_or_of_a_result_stays_behind(nlp, text, phrase, value):
    assert facts_of(nlp, text, MID_DEC_WED)[phrase].value == value


# ---------------------------------------------------------------- a weekday of every month, a weekday in a name

@pytest.mark.parametrize("text,phrase,value", [
    ("The council meets on the second Tuesday of each month.",
     "the second Tuesday of each month", "XXXX-XX-WXX-2"),
    ("The club meets every first Monday.", "every first Monday", "XXXX-XX-WXX-1"),
    ("The club meets on the first Monday of every month to plan events.",
     "the first Monday of every month", "XXXX-XX-WXX-1"),
])
def test_a_weekday_of_every_month_is_a_set_never_one_date(nlp, text, phrase, value):
    facts = facts_of(nlp, text, MID_DEC_WED)
    assert facts[phrase].type == "set" and facts[phrase].value == value
    assert all(f.type == "set" for f in facts.values())


@pytest.mark.parametrize("text", [
    "The vendor released its fixes on Patch Tuesday.",
    "Shoppers lined up for Black Friday deals.",
    "Retailers across the country expect a big Cyber Monday this year.",
])
def test_a_weekday_in_the_name_of_a_recurring_thing_is_no_date(nlp, text):
    assert not any(f.rule == "weekday" for f in facts_of(nlp, text, MID_DEC_WED).values())


@pytest.mark.parametrize("text,value", [
    ("Gov. Smith Tuesday signed the bill.", "2026-12-15"),
    ("The Senate Thursday passed the bill.", "2026-12-10"),
    ("Officials Tuesday, however, said the plan was dead.", "2026-12-15"),
    ("After touring the port city of Dar es Salaam Thursday, the envoy left.", "2026-12-10"),
])
def test_a_weekday_after_a_name_used_as_an_adverb_stays_a_date(nlp, text, value):
    assert [f.value for f in facts_of(nlp, text, MID_DEC_WED).values()] == [value]


# ---------------------------------------------------------------- a part of the day qualifying a noun

@pytest.mark.parametrize("text", [
    "The outgoing administration issued dozens of midnight regulations.",
    "She had a midnight snack.",
    "The noon sun was brutal.",
])
def test_a_part_of_the_day_qualifying_a_noun_that_is_no_time_is_no_time(nlp, text):
    assert facts_of(nlp, text, MID_DEC_WED) == {}


@pytest.mark.parametrize("text,phrase,value", [
    ("The store closes at midnight.", "midnight", "2026-12-16T24:00"),
    ("The union rejected the offer before the midnight deadline.", "midnight", "2026-12-16T24:00"),
    ("The ceasefire takes effect at midnight local time.", "midnight", "2026-12-16T24:00"),
    ("They met at noon Tuesday.", "noon Tuesday", "2026-12-15T12:00"),
])
def test_a_part_of_the_day_as_a_time_stays_a_time(nlp, text, phrase, value):
    fact = facts_of(nlp, text, MID_DEC_WED)[phrase]
    assert fact.type == "time" and fact.value == value


# ---------------------------------------------------------------- looks back count from the dated event

def values_of(nlp, text, ref=MID_DEC):
    return [(f.text, f.value) for f in extract_dates(nlp(text), ref)]


@pytest.mark.parametrize("text,looks_back", [
    ("The attack happened on Dec. 10. The previous day, police had raised the alert. "
     "The previous day, troops had arrived.", ["The previous day", "The previous day"]),
    ("The attack happened on Dec. 10. The day before, police had raised the alert, and the "
     "day before, troops had arrived.", ["The day before", "the day before"]),
])
def test_two_looks_back_in_a_row_count_from_the_same_dated_day(nlp, text, looks_back):
    assert values_of(nlp, text)[1:] == [(t, "2026-12-09") for t in looks_back]


def test_a_year_earlier_twice_counts_from_the_same_period(nlp):
    text = ("Profit in the third quarter of 2025 rose to $5 million from $4 million a year "
            "earlier. Sales rose to $50 million from $40 million a year earlier.")
    assert [v for _, v in values_of(nlp, text)] == ["2025-Q3", "2024-Q3", "2024-Q3"]


def test_a_story_told_forward_still_chains(nlp):
    text = "The delegates arrived on Dec. 7. The next day they rested. The next day they signed."
    assert [v for _, v in values_of(nlp, text)] == ["2026-12-07", "2026-12-08", "2026-12-09"]


def test_that_day_after_a_look_back_is_the_day_looked_back_to(nlp):
    text = ("The attack happened on Dec. 10. The previous day, police had raised the alert. "
            "That day, the mayor left.")
    assert [v for _, v in values_of(nlp, text)] == ["2026-12-10", "2026-12-09", "2026-12-09"]


# ---------------------------------------------------------------- a weekday with a month-day

def test_a_weekday_with_a_month_day_is_one_expression_of_the_day(nlp):
    assert values_of(nlp, "The fire began Thursday, Jan. 6, officials said.", D(2011, 1, 10)) \
        == [("Thursday, Jan. 6", "2011-01-06")]


def test_the_weekday_tells_the_year_a_month_day_falls_on(nlp):
    # the past tense would allow next January, but next January 1 is no Thursday
    assert values_of(nlp, "The fire began Thursday, Jan. 1, officials said.") \
        == [("Thursday, Jan. 1", "2026-01-01")]
    # the weekday agrees with the year the tense chose: it stays
    assert values_of(nlp, "The trial will open Thursday, Jan. 7, officials said.") \
        == [("Thursday, Jan. 7", "2027-01-07")]


@pytest.mark.parametrize("text,phrase,value", [
    ("On the first Monday of the month, the board fired its chief.",
     "the first Monday of the month", "2026-12-07"),
    ("The board met on the last Friday of the month.", "the last Friday of the month", "2026-11-27"),
    ("The board will meet on the last Friday of the month.", "the last Friday of the month",
     "2026-12-25"),
    ("The board met on the first Monday of last month.", "the first Monday of last month",
     "2026-11-02"),
    ("The plant reopens on the first Monday of next month.", "the first Monday of next month",
     "2027-01-04"),
    # "last" as an ordinal says nothing of the past
    ("The board will meet on the last Friday in January.", "the last Friday in January",
     "2027-01-29"),
])
def test_a_weekday_of_the_month_is_that_day_of_the_month_the_tense_points_to(nlp, text, phrase, value):
    assert facts_of(nlp, text, MID_DEC_WED)[phrase].value == value


def test_two_weekdays_of_every_month_are_one_set(nlp):
    facts = facts_of(nlp, "The council meets on the second and fourth Tuesdays of each month.",
                     MID_DEC_WED)
    assert [(f.text, f.type) for f in facts.values()] == \
        [("the second and fourth Tuesdays of each month", "set")]


# ---------------------------------------------------------------- days of events and named days

MON_23 = D(1998, 2, 23)  # a Monday


@pytest.mark.parametrize("text,value", [
    # the clause acts on the event after it: no tense, the nearest Sunday (yesterday)
    ("The coach will review Sunday's game with the players.", "1998-02-22"),
    ("Officials will study the results of Sunday's vote.", "1998-02-22"),
    ("Clerks will count the ballots from Sunday's election.", "1998-02-22"),
    # the clause takes part in the event, or prepares for it: the future of the clause
    ("The team will play in Sunday's game.", "1998-03-01"),
    ("Fans will attend Sunday's game.", "1998-03-01"),
    ("Officials will meet ahead of Sunday's vote.", "1998-03-01"),
])
def test_a_day_of_an_event_the_future_clause_looks_back_on_is_not_ahead(nlp, text, value):
    assert facts_of(nlp, text, MON_23)["Sunday"].value == value


@pytest.mark.parametrize("text,phrase,ref,value", [
    ("Voters in a dozen states will go to the polls on Super Tuesday.", "Tuesday", MON_23, "1998-02-24"),
    ("Voters in a dozen states went to the polls on Super Tuesday.", "Tuesday", MON_23, "1998-02-17"),
    ("Most shops will close early on Good Friday.", "Good Friday", MON_23, "1998-04-10"),
    ("Most shops closed early on Good Friday.", "Good Friday", MON_23, "1997-03-28"),
])
def test_named_days_follow_the_tense_of_their_sentence(nlp, text, phrase, ref, value):
    assert facts_of(nlp, text, ref)[phrase].value == value


@pytest.mark.parametrize("text,value", [
    ("Talks may resume Tuesday, the envoy said.", "1998-02-24"),
    ("The mayor may be charged Tuesday.", "1998-02-24"),
    ("Lawmakers should vote Tuesday on the plan.", "1998-02-24"),
    # the perfect reports the past
    ("The envoy might have left Tuesday.", "1998-02-17"),
])
def test_a_modal_with_a_plain_infinitive_points_ahead(nlp, text, value):
    assert facts_of(nlp, text, MON_23)["Tuesday"].value == value


def test_could_is_also_the_past_of_can_and_points_nowhere(nlp):
    from factx.dates.tense import tense_of

    doc = nlp("The envoy could not be reached Tuesday.")
    assert tense_of(doc[-3:-2]) is None


@pytest.mark.parametrize("text,value", [
    # the date tells when it was said, though it stands before the clause
    ("The company said Tuesday it would close the plant.", "1998-02-17"),
    ("The mayor told reporters Tuesday she will resign.", "1998-02-17"),
    # after "that" it opens the clause, and the clause's tense counts
    ("The company said that on Tuesday it would close the plant.", "1998-02-24"),
    ("The mayor said she will resign Tuesday.", "1998-02-24"),
])
def test_a_date_between_a_verb_of_reporting_and_its_clause_is_of_the_report(nlp, text, value):
    assert facts_of(nlp, text, MON_23)["Tuesday"].value == value


@pytest.mark.parametrize("text,phrase,value", [
    ("Shoppers lined up outside the mall on Black Friday.", "Black Friday", "1997-11-28"),
    ("Retailers expect record sales on Cyber Monday.", "Cyber Monday", "1998-11-30"),
    ("The truce was signed on Valentine's Day.", "Valentine's Day", "1998-02-14"),
    ("Banks were shut for Good Friday.", "Good Friday", "1997-03-28"),
    ("Crowds gathered on Mother's Day.", "Mother's Day", "1997-05-11"),
])
def test_every_holiday_of_the_lexicon_is_found_by_its_whole_name(nlp, text, phrase, value):
    f = facts_of(nlp, text, MON_23)[phrase]
    assert (f.value, f.rule) == (value, "holiday")


def test_a_holiday_naming_a_kind_of_thing_is_no_date(nlp):
    assert facts_of(nlp, "Black Friday deals started early.", MON_23) == {}


# ---------------------------------------------------------------- a day word naming an era

@pytest.mark.parametrize("text,phrase,value", [
    ("Today's teenagers spend hours on their phones.", "Today", "PRESENT_REF"),
    ("The institute trains tomorrow's engineers in two new halls.", "tomorrow", "FUTURE_REF"),
    ("Critics called the tax plan yesterday's politics.", "yesterday", "PAST_REF"),
    ("The children of today read fewer books than their grandparents.", "today", "PRESENT_REF"),
    # a day's event or a day's paper is that day
    ("Today's vote on the budget was delayed.", "Today", "1998-02-18"),
    ("The mayor spoke at today's meeting of the council.", "today", "1998-02-18"),
])
def test_a_day_word_before_or_after_people_or_their_ways_names_an_era(nlp, text, phrase, value):
    f = facts_of(nlp, text)[phrase]
    assert (f.type, f.value) == ("date", value)


# ---------------------------------------------------------------- a bounded amount counted to a point

@pytest.mark.parametrize("text,phrase,value,mod", [
    ("The rebels seized the capital more than four decades ago.", "more than four decades ago",
     "1958", "BEFORE"),
    ("The plant opened less than a year ago.", "less than a year ago", "1997", "AFTER"),
    ("The mill closed in 1990. More than two years later, the town had emptied.",
     "More than two years later", "1992", "AFTER"),
    # a hedge is no bound: it stays APPROX
    ("The mill opened about ten years ago.", "ten years ago", "1988", "APPROX"),
    # the amount alone keeps the bound of a length
    ("The talks lasted more than two hours.", "more than two hours", "PT2H", "MORE_THAN"),
])
def test_a_bounded_amount_counted_to_a_point_bounds_the_point(nlp, text, phrase, value, mod):
    f = facts_of(nlp, text)[phrase]
    assert (f.value, f.mod) == (value, mod)


@pytest.mark.parametrize("text,phrase,value,mod", [
    ("The company has existed for at least 20 years.", "at least 20 years", "P20Y", "EQUAL_OR_MORE"),
    ("The strike lasted at most three days.", "at most three days", "P3D", "EQUAL_OR_LESS"),
    # "no more than" is at most, not more than
    ("The talks lasted no more than two hours.", "no more than two hours", "PT2H", "EQUAL_OR_LESS"),
    ("The trial lasted no less than six weeks.", "no less than six weeks", "P6W", "EQUAL_OR_MORE"),
    ("The company was founded at least 20 years ago.", "at least 20 years ago", "1978",
     "ON_OR_BEFORE"),
])
def test_a_bound_opening_with_at_or_no_is_part_of_the_amount(nlp, text, phrase, value, mod):
    f = facts_of(nlp, text)[phrase]
    assert (f.value, f.mod) == (value, mod)


def test_at_last_is_no_bound(nlp):
    assert facts_of(nlp, "He arrived at last, two hours late.").keys() == {"two hours"}


@pytest.mark.parametrize("text,value", [
    ("He was elected in the fall.", "1997-FA"),
    ("The roof will be replaced in the fall.", "1998-FA"),
    ("The old man broke his hip in the fall.", None),  # a tumble
    ("The fall of the regime surprised diplomats.", None),
    ("Prices rose after the fall in demand.", None),
])
def test_the_fall_after_a_preposition_of_time_is_the_autumn(nlp, text, value):
    got = facts_of(nlp, text).get("the fall")
    assert (got.value if got else None) == value


@pytest.mark.parametrize("text,phrase,kind,value", [
    ("The strike ended a fortnight ago.", "a fortnight ago", "date", "1998-W06"),
    ("The plant was shut for a fortnight.", "a fortnight", "duration", "P2W"),
    ("The port stayed closed for the past fortnight.", "the past fortnight", "duration", "P2W"),
    ("Ships leave every fortnight.", "every fortnight", "set", "P2W"),
])
def test_a_fortnight_is_two_weeks(nlp, text, phrase, kind, value):
    f = facts_of(nlp, text)[phrase]
    assert (f.type, f.value) == (kind, value)


@pytest.mark.parametrize("text,phrase,value,mod", [
    ("The fire broke out early in the morning.", "early in the morning", "1998-02-18TMO", "START"),
    ("The vote came late in the afternoon.", "late in the afternoon", "1998-02-18TAF", "END"),
    ("The minister resigned in the middle of the night.", "the middle of the night",
     "1998-02-18TNI", "MID"),
    # on the day the story last named, as "in the morning"
    ("The storm hit the coast on Friday. The levee broke in the middle of the night.",
     "the middle of the night", "1998-02-13TNI", "MID"),
])
def test_early_late_or_the_middle_of_a_part_of_the_day_keep_their_position(nlp, text, phrase, value, mod):
    f = facts_of(nlp, text)[phrase]
    assert (f.type, f.value, f.mod) == ("time", value, mod)


@pytest.mark.parametrize("text,values", [
    ("The plant was closed from April to September.", {"April": "1997-04", "September": "1997-09"}),
    ("The plant was closed April through September.", {"April": "1997-04", "September": "1997-09"}),
    ("Sales rose between June and August.", {"June": "1997-06", "August": "1997-08"}),
])
def test_each_month_of_a_range_of_months_is_a_date(nlp, text, values):
    assert {k: f.value for k, f in facts_of(nlp, text).items()} == values


@pytest.mark.parametrize("text,phrase,value", [
    ("The company was founded in 1887 and went public a century later.", "a century later", "1987"),
    ("The bridge opened in 1890. Two centuries earlier, a ferry crossed here.",
     "Two centuries earlier", "1690"),
])
def test_centuries_later_count_from_the_last_date_as_years_later_do(nlp, text, phrase, value):
    f = facts_of(nlp, text)[phrase]
    assert (f.type, f.value) == ("date", value)
