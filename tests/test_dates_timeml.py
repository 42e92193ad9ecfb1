"""TimeML (TIMEX3) conventions of the date values, one test a convention, on phrases and sentences
written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from factx.dates import extract_dates, normalize
from factx.dates.direction import choose, resolve_weekday, resolve_year
from factx.timekeys import calendar_key

D = dt.date
WED = D(1998, 2, 18)  # a Wednesday in ISO week 8


def facts_of(nlp, text, ref=None):
    return {f.text: f for f in extract_dates(nlp(text), ref)}


# ---------------------------------------------------------------- periods

@pytest.mark.parametrize("text,value,mod", [
    ("the 1970s", "197", None),
    ("the early 1980s", "198", "START"),
    ("the mid-1990s", "199", "MID"),
    ("the late '60s", "196", "END"),
    ("the nineties", "199", None),
    ("the 20th century", "19", None),
    ("the end of the 19th century", "18", "END"),
    ("the beginning of 2004", "2004", "START"),
])
def test_decades_and_centuries_by_their_digits_with_start_mid_end(text, value, mod):
    t = normalize(text)
    assert (t.type, t.value, t.mod) == ("date", value, mod)


def test_a_year_by_its_last_two_digits_after_a_preposition(nlp):
    got = facts_of(nlp, "She won the seat in '08 and has held it since '12.", WED)
    assert (got["'08"].value, got["'12"].value) == ("2008", "2012")
    assert normalize("'95").value == "1995"


@pytest.mark.parametrize("text,phrase,value,mod", [
    ("The city will finish the tram line by the end of the decade.", "the end of the decade",
     "199", "END"),
    ("In 1984 the mill opened; by the end of the decade it employed 900 people.",
     "the end of the decade", "198", "END"),
    ("The tower should stand until the end of the century.", "the end of the century", "19", "END"),
])
def test_a_part_of_the_decade_or_century_is_the_current_or_told_one(nlp, text, phrase, value, mod):
    # as "the end of the year": the reference date's in a present or future sentence, in a past
    # one the one the text is telling
    f = facts_of(nlp, text, WED)[phrase]
    assert (f.value, f.mod) == (value, mod)


def test_decades_and_centuries_sort_at_their_first_year():
    assert calendar_key("198") == "1980"
    assert calendar_key("19") == "1900"
    assert calendar_key("1998-W08") == "1998-02-16"


@pytest.mark.parametrize("text,value", [
    ("this week", "1998-W08"), ("last week", "1998-W07"), ("next weekend", "1998-W09-WE"),
    ("this weekend", "1998-W08-WE"),
])
def test_weeks_have_two_digits_and_weekends_end_in_we(text, value):
    assert normalize(text, WED).value == value


@pytest.mark.parametrize("text,value", [
    ("the first quarter of 1998", "1998-Q1"), ("the second half of 1998", "1998-H2"),
    ("summer 1998", "1998-SU"), ("fiscal 1998", "1998"), ("the fiscal year 1998", "1998"),
    ("FY2016", "2016"), ("FY16", "2016"), ("fiscal year 2016-17", "2016"),
    ("the 1998 fiscal year", "1998"), ("the first quarter of fiscal 1999", "1999-Q1"),
    ("fiscal 1999's second quarter", "1999-Q2"),
])
def test_quarters_halves_seasons_and_fiscal_years(text, value):
    assert normalize(text).value == value


def test_the_first_quarter_without_a_year_is_a_quarter_like_the_others():
    assert (normalize("the first quarter", WED, "past").type,
            normalize("the first quarter", WED, "past").value) == ("date", "1998-Q1")
    assert normalize("the second quarter", WED, "future").value == "1998-Q2"
    assert normalize("the first two quarters", WED).type == "duration"


def test_fiscal_years_in_a_sentence(nlp):
    got = facts_of(nlp, "Revenue rose in FY2016 and fell in the first quarter of fiscal 2017; "
                        "the agency spent less last fiscal year.", D(2018, 3, 1))
    assert got["FY2016"].value == "2016"
    assert got["the first quarter of fiscal 2017"].value == "2017-Q1"
    assert got["last fiscal year"].value == "2017"


def test_fiscal_years_anchored_to_the_reference_date_and_not_otherwise():
    assert normalize("last fiscal year", WED).value == "1997"
    assert normalize("the fiscal year", WED) is None


# ---------------------------------------------------------------- direction

def test_weekdays_in_a_past_sentence_lie_before_the_reference_day():
    assert normalize("Tuesday", WED, "past").value == "1998-02-17"
    assert normalize("Monday", WED, "past").value == "1998-02-16"
    assert normalize("Thursday", WED, "past").value == "1998-02-12"


def test_weekdays_in_a_future_sentence_lie_after_it():
    assert normalize("Tuesday", WED, "future").value == "1998-02-24"
    assert normalize("Thursday", WED, "future").value == "1998-02-19"


@pytest.mark.parametrize("text,phrase,value", [
    ("The twins were born on a Tuesday.", "a Tuesday", "XXXX-WXX-2"),
    ("The storm struck on a Friday night.", "a Friday night", "XXXX-WXX-5TNI"),
    # before a noun, the weekday of a particular event: resolved as the weekday alone
    ("The mayor told a Tuesday news conference that taxes would rise.", "Tuesday", "1998-02-17"),
    ("The plant runs a Monday-to-Friday schedule.", "Monday", "1998-02-16"),
])
def test_some_weekday_is_not_a_particular_one(nlp, text, phrase, value):
    assert facts_of(nlp, text, WED)[phrase].value == value


def test_weekdays_without_tense_take_the_nearest_one():
    assert normalize("Thursday", WED).value == "1998-02-19"  # one day ahead
    assert normalize("Monday", WED).value == "1998-02-16"  # two days back


def test_this_weekday_is_the_coming_one_unless_the_sentence_is_past(nlp):
    # WED 1998-02-18: the Saturday three days ahead is nearer by weight than the one four back,
    # but "this Sunday" / "this Monday" test both sides
    assert normalize("this Monday", WED, "present").value == "1998-02-23"
    assert normalize("this Monday", WED, "past").value == "1998-02-16"
    assert normalize("this Monday", WED).value == "1998-02-23"
    got = facts_of(nlp, "The museum reopens this Monday; the council voted this Tuesday.", WED)
    assert got["this Monday"].value == "1998-02-23"
    assert got["this Tuesday"].value == "1998-02-17"


def test_last_night_is_the_night_before_the_reference_day(nlp):
    assert normalize("last night", WED).value == "1998-02-17TNI"
    assert normalize("late last night", WED).value == "1998-02-17TNI"
    assert normalize("last evening", WED).value == "1998-02-17TEV"
    assert normalize("last night").value is None
    got = facts_of(nlp, "Rebels shelled the port last night, officials said.", WED)
    assert got["last night"].value == "1998-02-17TNI"
    assert got["last night"].rule == "last_night"


def test_last_month_name_in_that_month_is_a_year_before():
    assert normalize("last February", WED).value == "1997-02"
    assert normalize("next February", WED).value == "1999-02"
    assert normalize("this February", WED).value == "1998-02"


@pytest.mark.parametrize("text,tense,value", [
    ("April 3", "past", "1997-04-03"),  # the latest not after the reference date
    ("March 3", "past", "1998-03-03"),  # a planned date reported in the past: within the slack
    ("March 3", "future", "1998-03-03"),  # the next one
    ("March 3", None, "1998-03-03"),  # the nearest
    ("December", None, "1997-12"),
    ("August", "past", "1997-08"),
    ("August", "future", "1998-08"),
])
def test_month_without_year_takes_the_year_the_tense_points_to(text, tense, value):
    assert normalize(text, WED, tense).value == value


@pytest.mark.parametrize("text,phrase,value", [
    ("The council voted on the 3rd.", "the 3rd", "1998-02-03"),
    ("The council will vote on the 21st, the clerk said.", "the 21st", "1998-02-21"),
    ("The council voted on the 28th and adjourned.", "the 28th", "1998-01-28"),
])
def test_a_day_of_a_month_left_unsaid_takes_the_month_the_tense_points_to(nlp, text, phrase, value):
    assert facts_of(nlp, text, WED)[phrase].value == value


def test_an_ordinal_before_a_noun_is_no_day(nlp):
    assert facts_of(nlp, "The office moved on the 3rd floor of the tower.", WED) == {}


def test_a_year_given_nearby_wins_over_the_tense():
    assert normalize("March 3, 1990", WED, "future").value == "1990-03-03"


@pytest.mark.parametrize("text,tense,value", [
    ("the third quarter", "past", "1997-Q3"),
    ("the third quarter", "future", "1998-Q3"),
    ("summer", "past", "1997-SU"),
    ("next summer", None, "1998-SU"),
    ("this winter", None, "1997-WI"),  # December 1997 to February 1998
    ("last winter", None, "1996-WI"),
    ("Christmas", "past", "1997-12-25"),
    ("Christmas", "future", "1998-12-25"),
    ("last Christmas", None, "1997-12-25"),
])
def test_the_same_direction_rules_hold_for_quarters_seasons_and_holidays(text, tense, value):
    assert normalize(text, WED, tense).value == value


def test_choose_is_written_once_for_every_period():
    ref = D(2000, 6, 15)
    days = [((D(2000, 6, d), D(2000, 6, d)), d) for d in (8, 15, 22)]
    assert choose(days, ref, None, "last") == 8
    assert choose(days, ref, None, "next") == 22
    assert choose(days, ref, "past") == 15 and choose(days, ref, "future") == 15
    assert resolve_weekday(ref, 4, "past") == ref  # 15 June 2000 is a Thursday
    assert resolve_year(ref, 6, 20, "past") == 2000  # five days ahead: within the slack


def test_weekday_in_past_and_future_sentences(nlp):
    past = facts_of(nlp, "The mayor signed the order on Tuesday.", WED)
    future = facts_of(nlp, "The mayor will sign the order on Tuesday.", WED)
    assert past["Tuesday"].value == "1998-02-17"
    assert future["Tuesday"].value == "1998-02-24"


def test_as_of_a_weekday_follows_the_tense(nlp):
    thursday = D(2016, 11, 3)
    present = facts_of(nlp, "As of Friday, the new rules apply to every bank.", thursday)
    past = facts_of(nlp, "As of Friday, 200 people had signed the letter.", thursday)
    assert present["Friday"].value == "2016-11-04"
    assert past["Friday"].value == "2016-10-28"


# ---------------------------------------------------------------- vague references

@pytest.mark.parametrize("text,value", [
    ("now", "PRESENT_REF"), ("currently", "PRESENT_REF"), ("the present", "PRESENT_REF"),
    ("the past", "PAST_REF"), ("recently", "PAST_REF"), ("previously", "PAST_REF"),
    ("formerly", "PAST_REF"), ("the future", "FUTURE_REF"),
])
def test_vague_references(text, value):
    assert normalize(text).value == value


def test_some_day_is_the_indefinite_future_not_about_a_day(nlp):
    assert normalize("some day").value == normalize("someday").value == "FUTURE_REF"
    got = facts_of(nlp, "The fishermen hope some day to rebuild the old pier. Someday they will.")
    assert (got["some day"].type, got["some day"].value) == ("date", "FUTURE_REF")
    assert got["Someday"].value == "FUTURE_REF"
    # a hedge before a count of days stays a hedge
    got = facts_of(nlp, "The repairs took some 20 days.")
    assert (got["20 days"].value, got["20 days"].mod) == ("P20D", "APPROX")


def test_the_other_day_is_a_recent_day_left_unsaid(nlp):
    got = facts_of(nlp, "A neighbour saw the dog the other day. We heard it the other night.")
    assert got["the other day"].value == got["the other night"].value == "PAST_REF"


@pytest.mark.parametrize("text,phrase,value", [
    ("More rain is expected in the days ahead.", "the days ahead", "PXD"),
    ("The feud will go on for years to come.", "years to come", "PXY"),
    ("Talks will continue in the weeks to come.", "the weeks to come", "PXW"),
])
def test_the_time_ahead_is_a_vague_duration_as_the_coming_days(nlp, text, phrase, value):
    f = facts_of(nlp, text, WED)[phrase]
    assert (f.type, f.value) == ("duration", value)


def test_vague_references_in_sentences_and_now_that_as_a_conjunction(nlp):
    got = facts_of(nlp, "In the past, the ferry was slow; it currently runs hourly. Now that "
                        "the bridge is open, traffic has grown.")
    assert got["the past"].value == "PAST_REF"
    assert got["currently"].value == "PRESENT_REF"
    assert "Now" not in got


# ---------------------------------------------------------------- sets

@pytest.mark.parametrize("text,value,freq", [
    ("daily", "P1D", None), ("annually", "P1Y", None), ("weekly", "P1W", None),
    ("each July", "XXXX-07", None), ("every year", "P1Y", None),
    ("Tuesday nights", "XXXX-WXX-2TNI", None), ("every Friday morning", "XXXX-WXX-5TMO", None),
    ("Sundays", "XXXX-WXX-7", None), ("twice a week", "P1W", "2X"),
    ("three times a year", "P1Y", "3X"), ("every other week", "P2W", None),
    ("every two months", "P2M", None), ("every 3 hours", "PT3H", None),
    ("every weekend", "XXXX-WXX-WE", None), ("every night", "XXXX-XX-XXTNI", None),
])
def test_sets_by_period_or_by_the_named_time_they_recur_on(text, value, freq):
    # TimeML 1.2.1 specification: "daily" is SET P1D (quant EVERY), "twice a month" SET P1M
    # freq 2X; "every Tuesday" recurs on a named day, XXXX-WXX-2
    t = normalize(text)
    assert (t.type, t.value, t.freq) == ("set", value, freq)


def test_sets_in_sentences_and_the_daily_newspaper(nlp):
    got = facts_of(nlp, "The club meets Tuesday nights and the board meets twice a month. "
                        "The story ran in the state daily Herald.")
    assert got["Tuesday nights"].value == "XXXX-WXX-2TNI"
    month = next(f for f in got.values() if f.text.endswith("a month"))
    assert (month.type, month.value, month.freq) == ("set", "P1M", "2X")
    assert "daily" not in got


@pytest.mark.parametrize("text,value,freq,quant", [
    ("every Monday", "XXXX-WXX-1", None, "EVERY"), ("each week", "P1W", None, "EACH"),
    ("twice a month", "P1M", "2X", None), ("daily", "P1D", None, "EVERY"),
    ("each July", "XXXX-07", None, "EACH"), ("every other week", "P2W", None, "EVERY"),
    ("three days every month", "P1M", "3D", "EVERY"), ("eight hours per day", "P1D", "8H", None),
    ("four times each year", "P1Y", "4X", "EACH"), ("Sundays", "XXXX-WXX-7", None, None),
    ("the first Monday of every month", "XXXX-XX-WXX-1", None, "EVERY"),
])
def test_a_set_records_its_quantifier_as_quant_and_how_often_as_freq(text, value, freq, quant):
    # TimeML 1.2.1 specification: "daily" SET P1D quant EVERY, "three days every month" SET P1M
    # quant EVERY freq 3D, "twice a month" SET P1M freq 2X (no quantifier word, no quant)
    t = normalize(text)
    assert (t.type, t.value, t.freq, t.quant) == ("set", value, freq, quant)


@pytest.mark.parametrize("text,value", [
    ("every few weeks", "PXW"), ("every several months", "PXM"), ("every couple of days", "P2D"),
])
def test_a_set_recurring_by_a_vague_count_has_x_for_its_number(text, value):
    # as a vague duration ("a few weeks": PXW), the period of a set is written with X
    t = normalize(text)
    assert (t.type, t.value, t.quant) == ("set", value, "EVERY")


def test_a_set_recurring_by_a_vague_count_in_a_sentence(nlp):
    got = facts_of(nlp, "The inspectors come back every few weeks to test the water.")
    assert (got["every few weeks"].type, got["every few weeks"].value) == ("set", "PXW")


@pytest.mark.parametrize("text,phrase,value", [
    ("The old man swims Friday mornings before breakfast.", "Friday mornings", "XXXX-WXX-5TMO"),
    ("The gallery is free on weekends.", "weekends", "XXXX-WXX-WE"),
    ("The gallery is busier at weekends.", "weekends", "XXXX-WXX-WE"),
    ("She paints in the evenings after her shift.", "the evenings", "XXXX-XX-XXTEV"),
])
def test_plural_times_that_recur_are_sets(nlp, phrase, text, value):
    # as "Sundays" (XXXX-WXX-7): a plural named time recurs, with no quantifier word
    f = facts_of(nlp, text, WED)[phrase]
    assert (f.type, f.value, f.quant) == ("set", value, None)


@pytest.mark.parametrize("text,phrase,value,freq", [
    ("The ferry sails twice weekly.", "weekly", "P1W", "2X"),
    ("Take the tablets three times daily.", "daily", "P1D", "3X"),
    ("The journal appears semiannually.", "semiannually", "P1Y", "2X"),
    ("The fund pays out quarterly.", "quarterly", "P3M", None),
    ("Wages are paid biweekly.", "biweekly", "P2W", None),
])
def test_every_adverb_of_frequency_is_found_with_how_often_before_it(nlp, text, phrase, value, freq):
    f = facts_of(nlp, text, WED)[phrase]
    assert (f.type, f.value, f.freq, f.quant) == ("set", value, freq, "EVERY")


def test_the_date_record_carries_quant_beside_freq(nlp):
    facts = extract_dates(nlp("The ferry sails each Friday and the bus runs twice a day."), WED)
    got = {f.text: f for f in facts}
    assert (got["each Friday"].value, got["each Friday"].quant) == ("XXXX-WXX-5", "EACH")
    day = next(f for f in facts if f.text.endswith("a day"))
    assert (day.value, day.freq, day.quant) == ("P1D", "2X", None)
    assert all(f.quant is None for f in facts if f.type != "set")


@pytest.mark.parametrize("text,value,freq", [
    ("24 hours a day", "P1D", "24H"), ("three days a week", "P1W", "3D"),
    ("eight hours per day", "P1D", "8H"), ("an hour a day", "P1D", "1H"),
])
def test_an_amount_in_every_period_is_one_set(text, value, freq):
    # TimeML 1.2.1 specification: "three days every month" is SET P1M with freq 3D
    t = normalize(text)
    assert (t.type, t.value, t.freq, t.rule) == ("set", value, freq, "set_amount_per_unit")


def test_an_amount_in_every_period_in_sentences_and_not_before_ago(nlp):
    got = facts_of(nlp, "The guards stand watch 24 hours a day, seven days a week. "
                        "The repair took two hours a day ago.", D(2021, 3, 10))
    assert (got["24 hours a day"].type, got["24 hours a day"].value) == ("set", "P1D")
    assert got["seven days a week"].value == "P1W"
    assert got["two hours"].type == "duration"
    assert got["a day ago"].value == "2021-03-09"


# ---------------------------------------------------------------- durations

@pytest.mark.parametrize("text,value", [
    ("the last twenty four hours", "PT24H"), ("a minute and a half", "PT1M30S"),
    ("an hour and a half", "PT1H30M"), ("a few minutes", "PTXM"), ("centuries", "PXC"),
    ("two centuries", "P200Y"), ("the next 12 to 18 months", "PXM"), ("two to three years", "PXY"),
    ("two more weeks", "P2W"), ("another three days", "P3D"), ("day-long", "P1D"),
    ("seven and a half years", "P7Y6M"), ("between two and three years", "PXY"),
])
def test_durations(text, value):
    t = normalize(text, WED)
    assert (t.type, t.value) == ("duration", value)


@pytest.mark.parametrize("text,phrase,value", [
    ("The old dam has held for a quarter century.", "a quarter century", "P25Y"),
    ("The firm has led the market for a quarter-century.", "a quarter-century", "P25Y"),
    ("The hearing lasted a quarter of an hour.", "a quarter of an hour", "PT15M"),
    ("They waited three quarters of an hour for the ferry.", "three quarters of an hour", "PT45M"),
])
def test_a_fraction_of_a_unit_is_a_duration_in_a_finer_unit(nlp, text, phrase, value):
    f = facts_of(nlp, text, WED)[phrase]
    assert (f.type, f.value) == ("duration", value)


@pytest.mark.parametrize("text,phrase,value", [
    ("The plant closed a year and a half ago.", "a year and a half ago", "1996-08"),
    ("The plant closed two and a half years ago.", "two and a half years ago", "1995-08"),
    ("The plant closed a decade and a half ago.", "a decade and a half ago", "1983"),
])
def test_a_year_and_a_half_ago_is_the_month_eighteen_months_back(nlp, text, phrase, value):
    # a date at the precision the amount gives: half a year is six months, so a month
    f = facts_of(nlp, text, WED)[phrase]
    assert (f.type, f.value) == ("date", value)


def test_so_long_ago_is_a_date_from_the_reference_date():
    t = normalize("two years ago", WED)
    assert (t.type, t.value) == ("date", "1996")
    assert normalize("three weeks ago", WED).value == "1998-W05"


def test_durations_in_a_sentence_are_one_expression(nlp):
    got = facts_of(nlp, "Officials expect a decision in the next 12 to 18 months, after two more "
                        "weeks of talks that lasted a minute and a half.", WED)
    assert got["the next 12 to 18 months"].value == "PXM"
    assert got["two more weeks"].value == "P2W"
    assert got["a minute and a half"].value == "PT1M30S"


def test_a_verb_before_an_amount_is_not_part_of_it(nlp):
    got = facts_of(nlp, "The hearings will last two to three days. Last week, the panel met.", WED)
    assert got["two to three days"].value == "PXD"
    assert got["Last week"].value == "1998-W07"


def test_a_vague_amount_told_from_another_time_is_found(nlp):
    got = facts_of(nlp, "Hours later, the guard was caught. Years ago, the mill employed 500.", WED)
    assert got["Hours"].value == "PTXH"
    assert got["Years ago"].value == "PAST_REF"


# ---------------------------------------------------------------- times with dates

def test_time_with_a_calendar_date_takes_the_dates_year():
    t = normalize("5 p.m. EST Nov. 9", D(1989, 11, 8), "future")
    assert (t.type, t.value) == ("time", "1989-11-09T17:00")
    assert normalize("Nov. 9, 1989, at 5 p.m.").value == "1989-11-09T17:00"
    assert normalize("5 p.m. Nov. 9").value == "XXXX-11-09T17:00"


@pytest.mark.parametrize("text,phrase,value", [
    ("The forum starts at 9 p.m. ET Sunday.", "9 p.m. ET Sunday", "1998-02-22T21:00"),
    ("The count ended at 7 p.m. CST Feb. 10.", "7 p.m. CST Feb. 10", "1998-02-10T19:00"),
])
def test_a_time_zone_between_a_clock_time_and_its_day_keeps_them_one_expression(nlp, text, phrase, value):
    # TimeML: the zone is part of the time expression; the US zones by their short names too
    f = facts_of(nlp, text, WED)[phrase]
    assert (f.type, f.value) == ("time", value)


@pytest.mark.parametrize("text,phrase,value,mod", [
    ("Police arrived in the late afternoon.", "the late afternoon", "1998-02-18TAF", "END"),
    ("The talks broke off in the early evening.", "the early evening", "1998-02-18TEV", "START"),
    ("Crowds had gathered by mid-afternoon on Sunday.", "mid-afternoon", "1998-02-15TAF", "MID"),
])
def test_a_part_of_a_part_of_the_day_keeps_its_position_in_mod(nlp, text, phrase, value, mod):
    # as "late Tuesday afternoon" (TAF, mod END); on the day its sentence names, else the told day
    f = facts_of(nlp, text, WED)[phrase]
    assert (f.type, f.value, f.mod) == ("time", value, mod)


def test_the_article_before_a_season_of_years_belongs_to_the_noun(nlp):
    got = facts_of(nlp, "The club won the title in the 1996-97 season.", WED)
    assert (got["1996-97"].value, got["1996-97"].rule) == ("1996", "year_range")


@pytest.mark.parametrize("text,phrase,value", [
    ("The results are due Thu Feb 26.", "Thu Feb 26", "1998-02-26"),
    ("The plant reopened on Tues., Feb. 10.", "Tues., Feb. 10", "1998-02-10"),
])
def test_month_days_with_short_names_and_weekdays(nlp, text, phrase, value):
    assert facts_of(nlp, text, WED)[phrase].value == value


@pytest.mark.parametrize("text,phrase,value", [
    ("The meeting ended at 9.30pm.", "9.30pm", "1998-02-18T21:30"),
    ("The doors open at 6 PM Friday.", "6 PM Friday", "1998-02-20T18:00"),
    ("She called at 3:15 in the afternoon.", "3:15 in the afternoon", "1998-02-18T15:15"),
])
def test_clock_times_in_every_common_spelling(nlp, text, phrase, value):
    f = facts_of(nlp, text, WED)[phrase]
    assert (f.type, f.value) == ("time", value)


def test_a_weekday_afternoon_is_a_part_of_that_day_not_noon():
    # "afternoon" ends in "noon": the word, not a clock time after the preposition "after"
    t = normalize("Wednesday afternoon", WED, "past")
    assert (t.value, t.rule) == ("1998-02-18TAF", "weekday")
    assert normalize("Tuesday afternoon", WED, "future").value == "1998-02-24TAF"
    assert normalize("Tuesday at 9 a.m.", WED, "future").value == "1998-02-24T09:00"


def test_noon_and_midnight_with_a_day_are_resolved_like_the_day():
    assert normalize("noon Saturday", WED, "future").value == "1998-02-21T12:00"
    assert normalize("midnight Friday", WED, "past").value == "1998-02-13T24:00"


def test_a_clock_time_without_a_day_takes_the_day_its_sentence_names(nlp):
    tue = D(2021, 3, 9)
    got = facts_of(nlp, "The ferry sank at about 6:15 a.m. (1015 GMT) Sunday, officials said.", tue)
    assert got["6:15 a.m."].value == "2021-03-07T06:15"
    assert got["6:15 a.m."].rule == "clock_on_sentence_day"
    got = facts_of(nlp, "The convoy will leave at 5 in the morning, hours before Thursday's vote.",
                   tue)
    assert got["5 in the morning"].value == "2021-03-11T05:00"
    # no day in the sentence: told in the past, the day the story last named (see
    # test_dates_guidelines); in the present, the reference date
    got = facts_of(nlp, "The talks ended on Sunday. The store opened at 8 a.m. as usual.", tue)
    assert got["8 a.m."].value == "2021-03-07T08:00"
    assert got["8 a.m."].rule == "clock_on_story_day"
    got = facts_of(nlp, "The talks ended on Sunday. The store opens at 8 a.m. as usual.", tue)
    assert got["8 a.m."].value == "2021-03-09T08:00"
    assert got["8 a.m."].rule == "clock_time"
    # a time with its own day keeps it
    got = facts_of(nlp, "The vote closes at 9 a.m. Tuesday, a day after Monday's debate.", tue)
    assert got["9 a.m. Tuesday"].value == "2021-03-09T09:00"


# ---------------------------------------------------------------- anaphoric dates

def test_following_week_counts_from_the_date_just_mentioned(nlp):
    got = facts_of(nlp, "The court met on Nov. 9, 1989. The following week, the judge resigned.",
                   D(2016, 11, 3))
    assert got["The following week"].value == "1989-W46"


def test_next_day_and_day_before_count_from_the_last_date(nlp):
    got = facts_of(nlp, "The ship docked on March 3, 2001. The next morning it sailed; the day "
                        "before, it had refuelled.", D(2016, 11, 3))
    assert got["The next morning"].value == "2001-03-04TMO"
    assert got["the day before"].value == "2001-03-03"


def test_same_day_after_a_coarser_date_lies_in_it_with_its_day_unknown(nlp):
    got = facts_of(nlp, "The plant opened in 1999. It closed that same day.", D(2016, 11, 3))
    assert got["that same day"].value == "1999-XX-XX"
    got = facts_of(nlp, "The plant opened last October. It closed that same day.", D(2016, 11, 3))
    assert got["that same day"].value == "2016-10-XX"
    got = facts_of(nlp, "The plant opened in 1999. It closed that same month.", D(2016, 11, 3))
    assert got["that same month"].value == "1999-XX"
    got = facts_of(nlp, "The plant opened on May 2, 1999. It closed that same day.")
    assert got["that same day"].value == "1999-05-02"
    # a shifted day after a coarser date is unknown
    got = facts_of(nlp, "The plant opened in 1999. The next day it closed.", D(2016, 11, 3))
    assert got["The next day"].value is None


@pytest.mark.parametrize("text,phrase,value", [
    ("Exports rose in 1994. The year before, they had fallen.", "The year before", "1993"),
    ("The mill shut in March 1990, and the month after, the bank failed.", "the month after",
     "1990-04"),
    ("Profits doubled in 1996 from the year before.", "the year before", "1995"),
])
def test_the_year_before_as_an_adverb_counts_from_the_last_date(nlp, text, phrase, value):
    assert facts_of(nlp, text, WED)[phrase].value == value


def test_the_year_before_an_event_is_not_a_date_of_the_text(nlp):
    assert facts_of(nlp, "The plant closed the year before the war.", WED) == {}


def test_the_very_next_year_counts_from_the_last_year_mentioned(nlp):
    got = facts_of(nlp, "She lost the race in 1994 and ran again the very next year.",
                   D(2016, 9, 8))
    assert got["the very next year"].value == "1995"


def test_anaphoric_date_without_any_earlier_date_uses_the_reference(nlp):
    got = facts_of(nlp, "The following week, the judge resigned.", D(2016, 11, 3))
    assert got["The following week"].value == "2016-W45"


def test_the_day_before_an_event_is_not_a_date_of_its_own(nlp):
    got = facts_of(nlp, "He left the day before the vote.", D(2016, 11, 3))
    assert "the day before" not in got


# ---------------------------------------------------------------- ages are never dates

@pytest.mark.parametrize("text,age", [
    ("Moore, 39, told the court on Monday that he was innocent.", "39"),
    ("The driver, 51, was released in 2015.", "51"),
    ("Officials said Lee, 61, had retired last year.", "61"),
    ("A 63-year-old nurse was hired in May 2018.", "63-year-old"),
    ("The 19-year-old student moved in the 1990s.", "19-year-old"),
])
def test_ages_are_never_dates(nlp, text, age):
    got = facts_of(nlp, text, D(2020, 6, 1))
    assert got, "the sentence's real date is found"
    assert not any(age in t for t in got), got


def test_corpus_decade_is_the_early_1980s_with_mod_start(nlp):
    from pathlib import Path

    found = []
    for path in sorted((Path(__file__).parent.parent / "corpus").glob("*.txt")):
        found += [f for f in extract_dates(nlp(path.read_text(encoding="utf-8")))
                  if f.text == "the early 1980s"]
    assert [(f.value, f.mod) for f in found] == [("198", "START")]


# ---------------------------------------------------------------- weeks of a day, years before/after, joined days

def test_the_end_of_the_year_is_this_year_ahead_and_the_told_year_in_the_past(nlp):
    assert (normalize("the end of the month", WED, "future").value,
            normalize("the end of the month", WED, "future").mod) == ("1998-02", "END")
    assert normalize("the start of the year", WED).value == "1998"
    assert normalize("the middle of the week", WED, "present").value == "1998-W08"
    assert normalize("the end of the day", WED) is None  # "at the end of the day": an idiom
    got = facts_of(nlp, "The union will strike at the end of the month.", WED)
    assert got["the end of the month"].rule == "part_of_the_current_unit"
    got = facts_of(nlp, "The firm was sold in 2008. It closed its last plant at the end of the "
                        "year.", WED)
    assert (got["the end of the year"].value, got["the end of the year"].mod) == ("2008", "END")
    assert got["the end of the year"].rule == "part_of_the_told_unit"
    # no year told before it: the reference date's
    got = facts_of(nlp, "Workers went on strike at the end of the month.", WED)
    assert got["the end of the month"].value == "1998-02"


def test_the_nth_weekday_of_a_month_is_that_day():
    assert normalize("the first Tuesday of November", WED, "future").value == "1998-11-03"
    assert normalize("the last Friday in May 2019").value == "2019-05-31"
    assert normalize("the second Monday of February", WED, "past").value == "1998-02-09"
    assert normalize("the fifth Monday of February 1998") is None  # February 1998 has four


def test_the_nth_weekday_of_a_month_in_a_sentence(nlp):
    got = facts_of(nlp, "Voters will choose a mayor on the first Tuesday of November.", WED)
    assert got["the first Tuesday of November"].value == "1998-11-03"


def test_the_week_of_a_day_is_its_iso_week():
    assert normalize("the week of March 6, 2000").value == "2000-W10"
    assert normalize("the weekend of March 4, 2000").value == "2000-W09-WE"


def test_pre_and_post_years_keep_the_year_with_a_mod():
    t = normalize("post-1945")
    assert (t.value, t.mod) == ("1945", "AFTER")
    assert normalize("pre-2001").mod == "BEFORE"


def test_a_day_number_joined_to_a_month_day_is_a_date_of_that_month(nlp):
    got = facts_of(nlp, "The two sides will meet on June 12 and 13, and again on Sept. 3-4, "
                        "while 40 percent abstain on June 20 and 45.", D(2005, 6, 1))
    assert got["13"].value == "2005-06-13" and got["13"].rule == "conjoined_day"
    assert got["4"].value == "2005-09-04"
    assert "45" not in got  # no such day: a count


def test_every_year_of_a_list_is_a_date(nlp):
    got = facts_of(nlp, "Floods hit the valley in 1994, 1995 and 1997.", D(2005, 6, 1))
    assert [got[y].value for y in ("1994", "1995", "1997")] == ["1994", "1995", "1997"]
    got = facts_of(nlp, "The law passed in 1998, 2,000 people marched and 1,950 signed.",
                   D(2005, 6, 1))
    assert sorted(got) == ["1998"]  # counts after a year are not years


def test_week_of_and_post_year_in_a_sentence(nlp):
    got = facts_of(nlp, "Talks are set for the week of March 6, and the post-1989 order holds.",
                   D(2000, 2, 24))
    assert got["the week of March 6"].value == "2000-W10"
    assert got["post-1989"].value == "1989"


# ---------------------------------------------------------------- tense of plans and deadlines

SUNDAY, THURSDAY = D(1999, 10, 24), D(2000, 3, 30)


@pytest.mark.parametrize("text,ref,phrase,value", [
    # a plan's date told in the past may lie on either side: the nearest
    ("A memorial service planned for Saturday was canceled after the plans leaked.", SUNDAY,
     "Saturday", "1999-10-23"),
    # a plan, an expectation or a commitment told in the past still points ahead
    ("Dockworkers planned a strike on Saturday.", THURSDAY, "Saturday", "2000-04-01"),
    ("The hearings were scheduled for Monday.", THURSDAY, "Monday", "2000-04-03"),
    ("The minister was expected to land Friday.", THURSDAY, "Friday", "2000-03-31"),
    ("Farmers were planning to block the bridge on Sunday.", THURSDAY, "Sunday", "2000-04-02"),
    ("The two sides agreed to meet on Tuesday.", THURSDAY, "Tuesday", "2000-04-04"),
    ("The judge set the trial for Monday.", THURSDAY, "Monday", "2000-04-03"),
    # "set" without "for" or a passive is no plan
    ("The swimmer set a record on Monday.", THURSDAY, "Monday", "2000-03-27"),
    # when the planning happened
    ("On Friday, the city planned to pay the first claims.", THURSDAY, "Friday", "2000-03-24"),
    # a past clause ending "until" a day: the nearest
    ("Until Wednesday, the police had not named a suspect.", THURSDAY, "Wednesday", "2000-03-29"),
    # a deadline moved forward lies ahead, even told in the past
    ("The agency postponed the hearing until Tuesday.", THURSDAY, "Tuesday", "2000-04-04"),
    ("The shop stays open until Tuesday.", THURSDAY, "Tuesday", "2000-04-04"),
])
def test_plans_and_deadlines(nlp, text, ref, phrase, value):
    got = facts_of(nlp, text, ref)
    assert got[phrase].value == value
