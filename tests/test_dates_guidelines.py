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
