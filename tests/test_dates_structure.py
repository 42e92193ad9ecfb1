"""The shape of the date package: the rule registry, the rule recorded on each date, and errors
logged with their article instead of raised or swallowed."""
from __future__ import annotations

import datetime as dt
import logging

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
