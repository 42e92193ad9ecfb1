"""spaCy-side people rules on crafted sentences: names the tagger split or mislabelled, and the
evidence (honorifics, pronouns) that decides which namesake a short form is."""
import pytest

from conftest import people_of
from factx.entities import extract_people


def test_nickname_in_quotes_joins_the_name(nlp):
    people = people_of(nlp, 'Prosecutors said Salvatore "The Hat" Lombardo ran the crew. Lombardo denied it.')
    assert 'Salvatore "The Hat" Lombardo' in people
    assert "Lombardo" in people['Salvatore "The Hat" Lombardo']["aliases"]


def test_trailing_conjunction_is_not_part_of_a_name(nlp):
    people = people_of(nlp, 'The bosses were Anthony "Big Tony" Marcello and Peter Ruggiano, the court heard.')
    assert not any(n.endswith(" and") for n in people)


def test_person_named_inside_another_entity(nlp):
    text = ("Marisol Okonkwo won the final on Sunday. Fans cheered as Okonkwo lifted the cup. "
            "Okonkwo Cup Glory was the headline.")
    doc = nlp(text)
    people, mentions = extract_people(doc)
    person = next(p for p in people if p["name"] == "Marisol Okonkwo")
    assert person["count"] >= 3


def test_a_sure_first_name_makes_a_mislabelled_name_a_person(nlp):
    from factx.entities import Mention, names_by_first_name

    doc = nlp("Margaret Thistlewood said the vote was fair.")
    span = doc[0:2]
    m = Mention(span.text, span.start_char, span.end_char, "ORG", [t.text for t in span], (0, len(doc.text)), span)
    names_by_first_name([m])
    assert m.label == "PERSON"
    place = nlp("They drove to Virginia Beach on Friday.")
    span = place[3:5]
    m = Mention(span.text, span.start_char, span.end_char, "GPE", [t.text for t in span], (0, 40), span)
    names_by_first_name([m])
    assert m.label == "GPE"


def test_honorific_decides_between_husband_and_wife(nlp):
    people = people_of(nlp, "Walter Brandt and Helen Brandt arrived together. Mrs. Brandt spoke first, "
                            "and Mr. Brandt thanked the crowd.")
    assert "Brandt" not in people
    helen, walter = people["Helen Brandt"], people["Walter Brandt"]
    assert helen["count"] == 2 and walter["count"] == 2
    assert helen["gender"] == "f" and walter["gender"] == "m"


def test_pronoun_after_a_short_form_decides_between_namesakes(nlp):
    text = ("Helen Brandt is running for governor.\n\nHer husband, Walter Brandt, sold the farm in 1998.\n\n"
            "Brandt said her campaign would focus on schools.")
    people = people_of(nlp, text)
    assert people["Helen Brandt"]["count"] == 2 and people["Walter Brandt"]["count"] == 1


def test_untagged_full_names_and_surnames_are_mentions(nlp):
    people = people_of(nlp, "TOMAS BRANDVOLD WINS AGAIN\n\nThe champion Tomas Brandvold said on Saturday that he "
                            "felt strong. Fans cheered Tomas Brandvold as Brandvold lifted the belt.")
    assert "TOMAS BRANDVOLD" in people["Tomas Brandvold"]["aliases"]
    assert people["Tomas Brandvold"]["count"] >= 4


def test_a_surname_inside_a_longer_proper_name_is_no_mention(nlp):
    people = people_of(nlp, "Jack White said the plan was ready. The White House said it disagreed.")
    assert people["Jack White"]["count"] == 1
