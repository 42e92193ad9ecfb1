"""The shape of the date package: the rule registry, the rule recorded on each date, and errors
logged with their article instead of raised or swallowed."""
from __future__ import annotations

import datetime as dt
import logging

import pytest

from factx.dates import extract_dates, normalize
from factx.dates.rules import RULES, normalize_rules


def test_rule_names_are_unique_and_each_names_its_function():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert all(callable(r.apply) for r in RULES)


def test_each_value_records_the_rule_that_read_it():
    assert normalize_rules("the summer of 2015").rule == "season"
    assert normalize_rules("every Monday").rule == "set_every_weekday"
    assert normalize_rules("two hours").rule == "amount_of_time"
    assert normalize_rules("nonsense words") is None
    # formats only dateparser reads are marked as its own
    assert normalize("10.23.1998").rule == "dateparser"


def test_a_rule_that_recognises_its_pattern_but_finds_no_date_stops_the_search():
    # "November 45" is a month-day pattern with no such day: no later rule guesses a month
    assert normalize_rules("November 45") is None


def test_dates_in_a_parsed_text_carry_their_rule(nlp):
    facts = extract_dates(nlp("The plant closed on May 3, 1998, after two years of losses."))
    rules = {f.text: f.rule for f in facts}
    assert rules["May 3, 1998"] == "month_day"
    assert rules["two years"] == "amount_of_time"


def test_an_error_in_one_candidate_is_logged_with_the_article_and_the_others_kept(nlp, monkeypatch, caplog):
    from factx.dates import extract as extract_module

    real = extract_module._make_fact

    def failing(doc, start, end, ref, *rest):
        if doc.text[start:end].startswith("May"):
            raise RuntimeError("boom")
        return real(doc, start, end, ref, *rest)

    monkeypatch.setattr(extract_module, "_make_fact", failing)
    doc = nlp("The plant closed in May 1998 and reopened in 2001.")
    with caplog.at_level(logging.WARNING, logger="factx.dates"):
        facts = extract_dates(doc, dt.date(2001, 6, 1), article="plant-story.txt")
    assert [f.text for f in facts] == ["2001"]
    assert any("plant-story.txt" in r.getMessage() and "boom" in r.getMessage() for r in caplog.records)


def test_an_error_in_the_tense_is_logged_and_the_date_kept(nlp, monkeypatch, caplog):
    from factx.dates import extract as extract_module

    class Odd:
        text = "Friday"

        def __iter__(self):
            raise RuntimeError("odd span")

    from factx.dates.tense import tense_of

    monkeypatch.setattr(extract_module, "tense_of", lambda span: tense_of(Odd()))
    with caplog.at_level(logging.WARNING, logger="factx.dates"):
        facts = extract_dates(nlp("They met on Friday."), dt.date(2016, 11, 3), article="met.txt")
    assert [f.value for f in facts] == ["2016-11-04"]  # no tense: the nearest Friday
    assert any("met.txt" in r.getMessage() and "tense" in r.getMessage() for r in caplog.records)


# ---------------------------------------------------------------- filters of words used otherwise

FILTER_CASES = [
    ("The visitors led 21-14 in the second half.", "the second half", "game_period"),
    ("She carried a Christmas tree up the stairs.", "Christmas", "holiday_modifier"),
    ("He worked as a summer intern at the bank.", "summer", "season_modifier"),
    ("The swimmer fought a strong current near the rocks.", "current", "current_as_a_noun"),
    ("They imagine a future where nobody drives.", "future", "a_possible_future"),
    ("It was the year of the great flood.", "the year", "the_unit_out_of_context"),
    ("Now that the rain has stopped, we can walk home.", "Now", "now_that"),
    ("They toured the now-empty factory.", "now", "now_in_an_adjective"),
    ("Now the hard part begins for the builders.", "Now", "discourse_now"),
    ("The team suffered a second defeat at home.", "a second", "a_second_as_an_ordinal"),
    ("Police carried out a dawn raid on the farm.", "dawn", "day_edge_modifier"),
    ("The council passed new midnight regulations for bars.", "midnight", "part_of_day_modifier"),
    ("For the two rival bakers, high noon arrives with the county fair.", "noon",
     "high_noon_as_an_idiom"),
    ("The climber was badly hurt in the fall.", "the fall", "fall_as_a_tumble"),
    ("The interview appeared in the state daily Courier.", "daily", "frequency_word_as_a_newspaper"),
    ("The mayor told a Tuesday news conference that taxes would rise.", "a Tuesday",
     "indefinite_weekday_before_a_noun"),
    ("The town has no day care, and some day care centers closed.", "some day",
     "vague_reference_as_a_modifier"),
]


def _span(doc, phrase):
    start = doc.text.index(phrase)
    return doc.char_span(start, start + len(phrase), alignment_mode="expand")


def test_filter_names_are_unique_and_in_order():
    from factx.dates.filters import DISCOURSE_OR_NOUN_FILTERS

    names = [f.name for f in DISCOURSE_OR_NOUN_FILTERS]
    assert len(names) == len(set(names))
    assert names == [name for _, _, name in FILTER_CASES]  # one case a filter, in their order


@pytest.mark.parametrize("text,phrase,name", FILTER_CASES)
def test_each_filter_names_the_word_it_drops(nlp, text, phrase, name):
    from factx.dates.filters import discourse_or_noun_filter, is_discourse_or_noun

    span = _span(nlp(text), phrase)
    assert discourse_or_noun_filter(span) == name
    assert is_discourse_or_noun(span)


@pytest.mark.parametrize("text,phrase", [
    ("Profit rose 8 percent for the quarter.", "the quarter"),  # the unit filter decides: kept
    ("The firm is now, by most counts, the largest.", "now"),  # a lowercase "now," inside
    ("The plant closed in the spring of 1998.", "the spring of 1998"),
    ("The parade starts at high noon on the main square.", "noon"),  # twelve o'clock
])
def test_time_expressions_pass_every_filter(nlp, text, phrase):
    from factx.dates.filters import discourse_or_noun_filter

    assert discourse_or_noun_filter(_span(nlp(text), phrase)) is None
