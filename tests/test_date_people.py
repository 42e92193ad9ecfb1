"""Dated sentences are tied to the people their he/she refers to (factx.quotes.pronoun_people via
factx.facts), as conservatively as pronoun speakers."""
from __future__ import annotations

from conftest import run_json
from factx.entities import extract_people
from factx.facts import extract_facts
from factx.schema import Article, Sentence


def dated(nlp, text):
    doc = nlp(text)
    article = Article(id="a.txt", text=text, sentences=[Sentence(s.start_char, s.end_char) for s in doc.sents])
    extract_facts(doc, article, None)
    return {d.text: d.people for d in article.dates}


def test_he_or_she_ties_a_date_to_the_person(nlp):
    found = dated(nlp, "Maria Lopez was elected mayor in 2010. She resigned in 2014.")
    assert found["2014"] == ["Maria Lopez"]


def test_a_pronoun_of_no_known_matching_gender_ties_no_one(nlp):
    found = dated(nlp, "Harold Brandt was elected mayor in 2010. She resigned in 2014.")
    assert found["2014"] == []


def test_the_speaker_of_a_quote_is_the_person_of_its_pronoun(nlp):
    text = ('Maria Lopez spoke to the council on Monday. "We will rebuild the bridge," she said. '
            '"It has been closed since 2015," she added.')
    found = dated(nlp, text)
    assert "Maria Lopez" in found["2015"]


def test_timeline_of_a_person_has_the_sentences_that_say_he(corpus_store):
    rows = run_json("timeline", "--who", "Rodney Reed", "--store", corpus_store)
    assert any(r["article"].startswith("000") and r["value"] == "1998" for r in rows)


def test_a_first_name_mostly_of_one_gender_decides_when_nothing_else_does(nlp):
    # "Kim" is mostly female in the first-name table: the "he" is the man, not her
    text = ("Kim Archer took up the case of Tom Reyes last year. Reyes's appeal was the cause Archer chose. "
            "He had been in prison since 1996.")
    assert "Tom Reyes" in dated(nlp, text)["1996"]


def test_timeline_ties_the_issue_example_to_its_person(corpus_store):
    rows = run_json("timeline", "--who", "Rodney Reed", "--store", corpus_store)
    assert any(r["article"].startswith("000") and r["sentence"].startswith("He had been on death row")
               for r in rows)

