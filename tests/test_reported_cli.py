"""Reported speech through the CLI on corpus/: quotes --kind, the JSON contract, who and show."""
from __future__ import annotations

from conftest import run, run_json

KEYS = {"article", "text", "start", "end", "speaker", "speaker_text", "speaker_start", "speaker_end",
        "cue", "partial", "statement", "kind", "cue_start", "cue_end", "rule", "speaker_via",
        "sentence_start", "sentence_end", "sentence"}


def test_kind_selects_direct_or_reported_speech(corpus_store):
    every = run_json("quotes", "--store", corpus_store)
    direct = run_json("quotes", "--store", corpus_store, "--kind", "direct")
    indirect = run_json("quotes", "--store", corpus_store, "--kind", "INDIRECT")
    assert {q["kind"] for q in direct} == {"direct"} and {q["kind"] for q in indirect} == {"indirect"}
    assert len(direct) == 15  # the seed's direct segments, unchanged
    assert len(every) == len(direct) + len(indirect) and indirect
    for q in every:
        assert KEYS <= set(q)


def test_reported_speech_of_the_sample_articles_has_its_speakers(corpus_store):
    indirect = run_json("quotes", "--store", corpus_store, "--kind", "indirect")
    by_text = {q["text"]: q for q in indirect}
    attorneys = [q for t, q in by_text.items() if t.startswith("they have new eyewitness evidence")]
    assert attorneys and attorneys[0]["speaker"] == "his attorneys" and attorneys[0]["cue"] == "said"
    claim = [q for t, q in by_text.items() if t.startswith("they have new evidence that will exonerate him")]
    assert claim and claim[0]["speaker"] == "attorneys" and claim[0]["cue"] == "claim"
    for q in indirect:
        doc = run_json("show", q["article"], "--store", corpus_store)
        assert doc["text"][q["cue_start"]:q["cue_end"]].lower().startswith(q["cue"].lower()[:4])


def test_tables_show_reported_speech_without_quotation_marks(corpus_store):
    result = run("quotes", "--store", corpus_store, "--kind", "indirect", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "they have new eyewitness evidence" in result.stdout
    assert "“they have new eyewitness" not in result.stdout


def test_bad_kind_is_a_usage_error(corpus_store):
    result = run("quotes", "--store", corpus_store, "--kind", "hearsay")
    assert result.exit_code == 2 and "hearsay" in result.stderr


def test_who_lists_what_a_person_said_of_both_kinds(corpus_store):
    prof = run_json("who", "Kim Kardashian West", "--store", corpus_store)
    kinds = {q["kind"] for q in prof["quotes"]}
    assert "direct" in kinds and "indirect" in kinds


def test_every_quote_carries_its_sentence_and_how_its_speaker_was_found(corpus_store):
    quotes = run_json("quotes", "--store", corpus_store, "--all")
    texts = {}
    for q in quotes:
        if q["article"] not in texts:
            texts[q["article"]] = run_json("show", q["article"], "--store", corpus_store)["text"]
        text = texts[q["article"]]
        assert q["sentence"] == text[q["sentence_start"]:q["sentence_end"]]
        assert q["sentence_start"] <= q["start"] and q["end"] <= q["sentence_end"] + 1
        assert "\n\n" not in q["sentence"]  # never runs into the headline or the next paragraph
        assert (q["speaker_via"] is None) == (q["speaker_text"] is None)
        assert q["speaker_via"] in (None, "name", "description", "pronoun", "previous", "writer")
    assert {"name", "pronoun", "description"} <= {q["speaker_via"] for q in quotes}
