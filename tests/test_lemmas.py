"""factx does not run spaCy's lemmatizer on every token; ``factx.nlp.lemma`` gives the same
lemma on demand for the few words it asks about."""
from __future__ import annotations

import spacy

from factx.nlp import DEFAULT_MODEL, lemma

TEXT = ("Officials said on Tuesday that the claims were false. She was going to argue, he thought, "
        "that the studies found better results; the children's votes were counted. Trump Says No.")


def test_the_lemmatizer_does_not_run(nlp):
    assert "lemmatizer" not in nlp.pipe_names
    doc = nlp("She said the claims were false.")
    assert doc[1].lemma_ == ""  # not computed ...
    assert lemma(doc[1]) == "say" and lemma(doc[3]) == "claim"  # ... until asked


def test_lemmas_on_demand_are_the_lemmatizers(nlp):
    full = spacy.load(DEFAULT_MODEL, exclude=["senter"])
    ours, theirs = nlp(TEXT), full(TEXT)
    assert [t.text for t in ours] == [t.text for t in theirs]
    assert [lemma(t) for t in ours] == [t.lemma_ for t in theirs]


def test_a_doc_with_lemmas_keeps_them(nlp):
    full = spacy.load(DEFAULT_MODEL, exclude=["senter"])
    doc = full("The reports showed gains.")
    assert [lemma(t) for t in doc] == [t.lemma_ for t in doc]


def test_a_doc_of_no_loaded_pipeline_gives_lowercase_forms():
    doc = spacy.blank("en")("Votes Counted")
    assert [lemma(t) for t in doc] == ["votes", "counted"]


def test_every_line_starts_a_sentence(nlp):
    """The pipeline runs factx's line-start component first: a headline with no full stop is a
    sentence of its own, and so is each line after it."""
    assert nlp.pipe_names[0] == "factx_line_starts"
    doc = nlp("Council Backs New Bridge Plan\nThe council voted on Monday. It met again\n\nlater.")
    assert [s.text.strip() for s in doc.sents] == [
        "Council Backs New Bridge Plan", "The council voted on Monday.", "It met again", "later."]


def test_a_hard_wrapped_sentence_stays_one_sentence(nlp):
    doc = nlp("The council voted on Monday to approve the new\nbudget for the bridge.\nIt met again.")
    assert [s.text.strip() for s in doc.sents] == [
        "The council voted on Monday to approve the new\nbudget for the bridge.", "It met again."]


def test_a_name_opening_a_line_stays_one_entity(nlp):
    doc = nlp("Mayor Names Ruth Holt as New Chief\nRuth Holt was sworn in as chief on Tuesday.")
    assert "Ruth Holt was sworn in as chief on Tuesday." in [s.text.strip() for s in doc.sents]
    assert any(e.text == "Ruth Holt" and e.label_ == "PERSON" and e.start_char > 30 for e in doc.ents)


def test_loading_the_pipeline_twice_adds_the_line_starts_once(nlp):
    from factx.nlp import _start_sentences_at_line_breaks

    _start_sentences_at_line_breaks(nlp)
    assert nlp.pipe_names.count("factx_line_starts") == 1
