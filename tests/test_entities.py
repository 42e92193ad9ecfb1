"""People rules on crafted sentences, cross-article merging, and `factx who` / `entities` on corpus/."""
import pytest

from conftest import people_of, run, run_json
from factx.names import compatible, parse


def attrs(person, kind):
    return [a["value"] for a in person["attributes"] if a["type"] == kind]


def test_short_forms_resolve_to_the_fullest_name(nlp):
    people = people_of(nlp, "Maria Elena Santos arrived on Monday. Santos spoke first. Later, Maria Santos left.")
    assert "Maria Elena Santos" in people
    assert {"Santos"} <= set(people["Maria Elena Santos"]["aliases"])
    assert "Santos" not in people


def test_ambiguous_surname_is_not_merged(nlp):
    people = people_of(nlp, "John Miller met Sarah Miller in Boston. Miller said nothing.")
    assert "John Miller" in people and "Sarah Miller" in people
    assert all("Miller" not in (people[n]["aliases"]) for n in ("John Miller", "Sarah Miller"))


def test_possessive_is_stripped(nlp):
    people = people_of(nlp, "Daniel Okafor’s lawyer filed the appeal. Daniel Okafor was not in court.")
    assert "Daniel Okafor" in people and not any(n.endswith("’s") for n in people)


def test_age_after_name_and_year_old_before(nlp):
    people = people_of(nlp, "Tomas Berg, 47, was arrested. He killed 22-year-old Maria Lopez in 2001.")
    assert attrs(people["Tomas Berg"], "age") == [47]
    assert attrs(people["Maria Lopez"], "age") == [22]


def test_age_in_apposition_with_year_old(nlp):
    people = people_of(nlp, "The court freed Ruth Anne Baker, a 70-year-old grandmother, on Tuesday.")
    assert 70 in attrs(people["Ruth Anne Baker"], "age")


def test_title_role_and_appositive_role(nlp):
    people = people_of(nlp, "Ohio Governor Mark Dunn signed the bill. "
                            "Paula Reyes, spokeswoman for the city council, told reporters it was late.")
    assert "Ohio Governor" in attrs(people["Mark Dunn"], "role")
    assert any("spokeswoman" in r for r in attrs(people["Paula Reyes"], "role"))


def test_organisation_heads_are_not_people(nlp):
    people = people_of(nlp, "Jane Cole, director at the Westfield Collective, said the Harmon Foundation agreed.")
    assert not any(n.endswith(("Collective", "Foundation")) for n in people)


def test_hashtags_and_handles_map_to_the_person(nlp):
    people = people_of(nlp, "Supporters wrote #FreeOmarHale and tagged @SenOmarHale. Omar Hale thanked them.")
    assert {"#FreeOmarHale", "@SenOmarHale"} & set(people["Omar Hale"]["aliases"])


def test_compatible_names():
    assert compatible(parse("Kim Kardashian"), parse("Kim Kardashian West"))
    assert compatible(parse("Alice Johnson"), parse("Alice Marie Johnson"))
    assert not compatible(parse("Alice Johnson"), parse("Bob Johnson"))


# ---- end to end on corpus/ ---------------------------------------------------------------

def profile(store, name):
    return run_json("who", name, "--store", store)


def test_who_rodney_reed(corpus_store):
    p = profile(corpus_store, "Rodney Reed")
    assert p["name"] == "Rodney Reed"
    assert {"Reed", "#RodneyReed"} <= set(p["aliases"])
    assert len(p["articles"]) == 2
    assert [a["value"] for a in p["attributes"] if a["type"] == "age"] == [51]


def test_who_kardashian_is_one_person_whatever_the_article_calls_her(corpus_store):
    p = profile(corpus_store, "kardashian")
    assert p["name"] == "Kim Kardashian West" and len(p["articles"]) == 3
    assert 39 in [a["value"] for a in p["attributes"] if a["type"] == "age"]
    assert profile(corpus_store, "Kim Kardashian")["name"] == "Kim Kardashian West"


@pytest.mark.parametrize("name, age", [("Kevin Cooper", 61), ("Alice Marie Johnson", 63)])
def test_who_ages(corpus_store, name, age):
    p = profile(corpus_store, name)
    assert p["name"] == name and age in [a["value"] for a in p["attributes"] if a["type"] == "age"]


def test_alice_johnson_is_alice_marie_johnson(corpus_store):
    p = profile(corpus_store, "Alice Johnson")
    assert p["name"] == "Alice Marie Johnson" and "Alice Johnson" in p["aliases"]


def test_greg_abbott_role(corpus_store):
    p = profile(corpus_store, "Greg Abbott")
    assert "Texas Governor" in [a["value"] for a in p["attributes"] if a["type"] == "role"]
    assert all(a["sentence"] for a in p["attributes"])


def test_non_people_are_not_listed_as_people(corpus_store):
    names = {r["name"] for r in run_json("entities", "--label", "PERSON", "--store", corpus_store)}
    for bad in ("Email", "Vogue", "Decarceration Collective", "Kim Kardashian Fights", "Kim Kardashian Hits Back",
                "Rihanna Call"):
        assert bad not in names
    assert {"Rodney Reed", "Kim Kardashian West", "Kevin Cooper"} <= names


def test_who_unknown_suggests_and_exits_3(corpus_store):
    result = run("who", "Kevin Coper", "--store", corpus_store)
    assert result.exit_code == 3 and "Kevin Cooper" in result.stderr


def test_who_ambiguous_lists_candidates_and_exits_4(corpus_store):
    result = run("who", "Stacy Stites Stacey", "--store", corpus_store)
    assert result.exit_code == 3  # no single alias holds all three tokens
    result = run("who", "Governor", "--store", corpus_store)
    assert result.exit_code in (3, 4)


def test_entities_top_and_labels(corpus_store):
    rows = run_json("entities", "--top", "5", "--store", corpus_store)
    assert len(rows) == 5 and rows[0]["mentions"] >= rows[-1]["mentions"]
    orgs = run_json("entities", "--label", "org", "--store", corpus_store)
    assert orgs and all(r["label"] == "ORG" for r in orgs)
