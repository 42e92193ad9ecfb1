"""Quote speakers are the article's people (factx.quotes with factx.entities and factx.names).

Sentences and names are invented for these tests. The pipeline is loaded once per module.
"""
from __future__ import annotations

import pytest

from factx.entities import extract_people
from factx.quotes import extract_quotes


@pytest.fixture(scope="module")
def run(nlp):
    def go(text: str):
        doc = nlp(text)
        people = extract_people(doc, text)[0]
        found = extract_quotes(doc, text, people=people)
        assert [q.speaker for q in found] == [q.speaker for q in extract_quotes(doc)]  # people computed alike
        return found, people
    return go


def said(found, fragment: str):
    hits = [q for q in found if fragment in q.text]
    assert len(hits) == 1, [q.text for q in found]
    return hits[0].speaker


def names_of(people) -> set[str]:
    return {p["name"] for p in people}


def test_speaker_is_the_people_list_name(run):
    text = ("Dana Whitcombe, the city's planning director, spoke to the council on Monday.\n\n"
            "“We will open the new library in May,” Whitcombe said.\n\n"
            "“The budget allows it,” said Director Dana Whitcombe.")
    found, people = run(text)
    assert said(found, "library") == said(found, "budget") == "Dana Whitcombe"
    assert all(q.speaker in names_of(people) for q in found if q.speaker)


def test_honorific_tells_one_family_apart(run):
    text = ("Harold Penrose and his wife, Edith Penrose, have run the bakery on Elm Street for forty years.\n\n"
            "“Bread is our whole life,” Mrs. Penrose said.\n\n"
            "“We have never closed on a weekday,” Mr. Penrose said.")
    found, people = run(text)
    assert said(found, "Bread") == "Edith Penrose"
    assert said(found, "weekday") == "Harold Penrose"


@pytest.mark.parametrize("first, second, pronoun, speaker", [
    ("Marta Kowalczyk", "Peter Olsen", "she", "Marta Kowalczyk"),  # she is never a man
    ("Peter Olsen", "Marta Kowalczyk", "he", "Peter Olsen"),  # he is never a woman
])
def test_pronoun_is_never_a_person_of_the_other_gender(run, first, second, pronoun, speaker):
    last = {name: name.split()[-1] for name in (first, second)}
    text = (f"{first} met {second} at the plant on Friday.\n\n"
            f"{last[second]} walked the factory floor with {last[first]}.\n\n"
            f"“The machines are older than the staff,” {pronoun} said.")
    found, _ = run(text)
    assert said(found, "machines") == speaker


def test_generation_suffix_is_another_person(run):
    text = ("Walter Brandt Jr. spoke at the rally after his father, Walter Brandt, had left.\n\n"
            "“We will win this county,” Walter Brandt Jr. said.\n\n"
            "“My son is ready,” said Walter Brandt.")
    found, people = run(text)
    assert said(found, "county") == "Walter Brandt Jr."
    assert said(found, "son is ready") == "Walter Brandt"
    assert {"Walter Brandt", "Walter Brandt Jr."} <= names_of(people)


def test_named_speaker_outside_the_mentions_is_fitted_by_name(nlp):
    text = "“We are ready for the storm,” Delgado said on Sunday."
    doc = nlp(text)
    people = [{"name": "Rosa Delgado", "aliases": ["Rosa Delgado"], "mentions": [], "gender": "f"}]
    assert said(extract_quotes(doc, text, people=people), "storm") == "Rosa Delgado"
    # two people the name fits: kept as written
    people.append({"name": "Luis Delgado", "aliases": ["Luis Delgado"], "mentions": [], "gender": "m"})
    assert said(extract_quotes(doc, text, people=people), "storm") == "Delgado"


def test_pronoun_of_unknown_gender_is_not_preferred(nlp):
    text = ("Sam Okafor thanked the volunteers. Kim Tran also spoke.\n\n"
            "“This was the best year yet,” she said.")
    doc = nlp(text)
    people = extract_people(doc, text)[0]
    for p in people:
        p["gender"] = {"Sam Okafor": "f", "Kim Tran": None}.get(p["name"], p["gender"])
    assert said(extract_quotes(doc, text, people=people), "best year") == "Sam Okafor"
