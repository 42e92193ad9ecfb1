"""People end to end through the CLI: person ids everywhere, `who @ID`, the choice among several
matches, ambiguous answers as JSON, and the user's corrections (factx-people.json)."""
import json

import pytest

from conftest import run, run_json


def test_every_person_has_an_id_and_show_ties_people_and_speakers_to_it(corpus_store):
    rows = run_json("entities", "--label", "PERSON", "--store", corpus_store)
    ids = {r["id"] for r in rows}
    assert len(ids) == len(rows) and all(ids)
    kim = next(r for r in rows if r["name"] == "Kim Kardashian West")
    assert kim["id"] == "kim-kardashian-west"
    for article in ("000", "001", "002"):
        doc = run_json("show", article, "--store", corpus_store)
        assert all(p["person_id"] in ids and p["person_name"] for p in doc["people"])
        for q in doc["quotes"]:
            if q["speaker_id"] is not None:
                assert q["speaker_id"] in ids
    quotes = run_json("quotes", "--speaker", "Kardashian", "--store", corpus_store)
    assert quotes and {q["speaker_id"] for q in quotes} == {"kim-kardashian-west"}


def test_who_by_id_and_by_option(corpus_store):
    by_name = run_json("who", "Rodney Reed", "--store", corpus_store)
    assert by_name["id"] == "rodney-reed"
    assert run_json("who", "@rodney-reed", "--store", corpus_store)["name"] == "Rodney Reed"
    assert run_json("who", "--id", "rodney-reed", "--store", corpus_store)["name"] == "Rodney Reed"
    assert all(a["evidence"] for a in by_name["articles"])
    assert run("who", "@nobody-here", "--store", corpus_store).exit_code == 3
    assert run("who", "--store", corpus_store).exit_code == 2


def test_spelling_variants_of_one_victim_are_one_person_with_evidence(corpus_store):
    p = run_json("who", "Stacey Stiles", "--store", corpus_store)
    assert {a["name"] for a in p["articles"]} == {"Stacy Stites", "Stacey Stiles"}
    assert any("similar spelling" in a["evidence"] and "reed" in a["evidence"] for a in p["articles"])


@pytest.fixture(scope="module")
def namesakes(tmp_path_factory):
    """Two Millers equally present, and a family where one is far more written about."""
    root = tmp_path_factory.mktemp("namesakes")
    corpus = root / "corpus"
    corpus.mkdir()
    texts = {
        "a.txt": "John Miller opened the bakery in Dover. Miller said the ovens came from Ohio.",
        "b.txt": "Sarah Miller won the chess final in Leeds. Miller thanked her coach.",
        "c.txt": "Nora Quill, the mayor, spoke in Avonlea. Quill promised a new bridge.",
        "d.txt": "Mayor Nora Quill cut the ribbon in Avonlea. Quill said the bridge cost less.",
        "e.txt": "Nora Quill visited the school in Avonlea on Monday. Quill read to pupils.",
        "f.txt": "Nora Quill met farmers in Avonlea. Quill listened to their complaints.",
        "g.txt": "Nora Quill opened the fair in Avonlea. Quill judged the pies.",
        "h.txt": "Peter Quill, a chemist from Leeds, published a paper on glass.",
    }
    for name, text in texts.items():
        (corpus / name).write_text(text, encoding="utf-8")
    store = root / "store"
    assert run("extract", corpus, "--store", store).exit_code == 0
    return corpus, store


def test_ambiguous_name_lists_candidates_with_ids_as_json(namesakes):
    _, store = namesakes
    result = run("who", "Miller", "--store", store, "--json")
    assert result.exit_code == 4
    answer = json.loads(result.stdout)
    assert answer["ambiguous"] == "Miller"
    assert {c["name"] for c in answer["candidates"]} >= {"John Miller", "Sarah Miller"}
    assert all(c["id"] and c["articles"] >= 1 for c in answer["candidates"])


def test_name_of_clearly_the_most_written_about_person_answers_and_notes_others(namesakes):
    _, store = namesakes
    result = run("who", "Quill", "--store", store, "--json")
    assert result.exit_code == 0, result.stderr
    p = json.loads(result.stdout)
    assert p["name"] == "Nora Quill" and len(p["articles"]) == 5
    assert [o["name"] for o in p["also_matching"]] == ["Peter Quill"]
    assert "Peter Quill" in result.stderr


def test_corrections_file_merges_splits_and_renames(namesakes):
    corpus, store = namesakes
    people_file = store / "factx-people.json"
    people_file.write_text(json.dumps({"merge": [["John Miller", "Sarah Miller"]],
                                       "rename": {"Peter Quill": "Dr. Peter Quill"},
                                       "split": ["Nobody Known"], "colour": "blue"}), encoding="utf-8")
    try:
        result = run("who", "John Miller", "--store", store, "--json")
        assert result.exit_code == 0, result.stderr
        merged = json.loads(result.stdout)
        assert {a["name"] for a in merged["articles"]} >= {"John Miller", "Sarah Miller"}
        assert any(a["evidence"] == "merged by factx-people.json" for a in merged["articles"])
        assert "unknown keys ignored: colour" in result.stderr
        assert run_json("who", "@dr-peter-quill", "--store", store)["name"] == "Dr. Peter Quill"
        people_file.write_text(json.dumps({"split": ["Sarah Miller"]}), encoding="utf-8")
        assert run_json("who", "Sarah Miller", "--store", store)["articles"][0]["evidence"] == \
            "kept apart by factx-people.json"
        people_file.write_text("{not json", encoding="utf-8")
        result = run("who", "Sarah Miller", "--store", store)
        assert result.exit_code == 0 and "not valid JSON" in result.stderr
    finally:
        people_file.unlink()
    assert run("who", "Sarah Miller", "--store", store).exit_code == 0


def test_corpus_folder_corrections_are_taken_into_the_store_and_not_read_as_an_article(namesakes, tmp_path):
    corpus, _ = namesakes
    store = tmp_path / "store"
    (corpus / "factx-people.json").write_text(json.dumps({"merge": [["John Miller", "Sarah Miller"]]}),
                                              encoding="utf-8")
    try:
        summary = run("extract", corpus, "--store", store, "--json")
        assert summary.exit_code == 0
        assert (store / "factx-people.json").is_file()
        assert not any("factx-people" in a["id"] for a in run_json("articles", "--store", store))
        p = run_json("who", "John Miller", "--store", store)
        assert {a["name"] for a in p["articles"]} >= {"John Miller", "Sarah Miller"}
    finally:
        (corpus / "factx-people.json").unlink()
