"""factx.ruler finds exactly the matches of spaCy's attribute ruler, by table lookup."""
from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from factx.nlp import DEFAULT_MODEL
from factx.ruler import FastMatcher, compile_patterns, install

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
WORDS = ["ai", "n't", "nt", "is", "'s", "that", "y'", "all", "nothin'", "the", "to", "go", " ", "Is", "ALL"]
TAGS = ["VBZ", "VBP", "RB", "DT", "WDT", "TO", "VB", "_SP", "NN", ""]
DEPS = ["aux", "auxpass", "det", "quantmod", "nsubj", "ROOT", "dep", ""]


def ruler_with(patterns):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp, ruler


def make_doc(vocab, rows) -> Doc:
    """A Doc of (word, tag, dep) rows; every token is its own head (a flat parse)."""
    words = [w for w, _, _ in rows]
    doc = Doc(vocab, words=words, spaces=[False] * len(words))
    for tok, (_, tag, dep) in zip(doc, rows):
        tok.tag_ = tag
        tok.dep_ = dep
    return doc


def fast_and_stock(patterns, rows):
    nlp, ruler = ruler_with(patterns)
    doc = make_doc(nlp.vocab, rows)
    return FastMatcher(nlp.vocab, compile_patterns(ruler))(doc), ruler.match(doc)


SHAPES = {
    "tag": [{"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "AUX"}}],
    "word and tag set": [{"patterns": [[{"LOWER": "is", "TAG": {"IN": ["VBZ", "VBP"]}}]], "attrs": {"LEMMA": "be"}}],
    "tag not in": [{"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]],
                    "attrs": {"POS": "AUX"}}],
    "relation not in": [{"patterns": [[{"DEP": {"NOT_IN": ["det", "quantmod", ""]}, "TAG": {"IN": ["DT", "WDT"]}}]],
                         "attrs": {"POS": "PRON"}}],
    "regex only": [{"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}}],
    "two tokens, the second looked up": [{"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]],
                                          "attrs": {"LEMMA": "you"}, "index": 0}],
    "two tokens, the second set": [{"patterns": [[{"TAG": {"IN": ["VBP", "VBZ"]}, "LOWER": "ai"},
                                                  {"LOWER": {"REGEX": "^n'?t$"}}]],
                                    "attrs": {"LEMMA": "not"}, "index": 1}],
    "a flag": [{"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}}],
    "exact form": [{"patterns": [[{"ORTH": "Is"}]], "attrs": {"POS": "VERB"}}],
}
ROWS = [("ai", "VBP", "aux"), ("n't", "RB", "neg"), ("is", "VBZ", "ROOT"), ("that", "WDT", "nsubj"),
        ("y'", "PRP", "nsubj"), ("all", "DT", "det"), ("nothin'", "NN", "dobj"), (" ", "_SP", "dep"),
        ("to", "TO", "aux"), ("Is", "VBZ", "aux"), ("the", "DT", "quantmod"), ("go", "VB", "")]


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_each_pattern_shape_matches_as_spacy_does(shape):
    fast, stock = fast_and_stock(SHAPES[shape], ROWS)
    assert fast == stock and stock  # every shape matches something in ROWS


def test_later_rules_keep_precedence():
    patterns = [{"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB"}},
                {"patterns": [[{"LOWER": "is"}]], "attrs": {"POS": "AUX"}}]
    nlp, ruler = ruler_with(patterns)
    stock_doc, fast_doc = make_doc(nlp.vocab, ROWS), make_doc(nlp.vocab, ROWS)
    ruler(stock_doc)
    install(ruler)
    ruler(fast_doc)
    assert fast_doc[2].pos_ == stock_doc[2].pos_ == "AUX"
    assert fast_doc[9].pos_ == stock_doc[9].pos_ == "AUX"  # LOWER "is" matches "Is"


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "is", "OP": "?"}],  # quantifiers
    [{"_": {"custom": True}}],  # extension attributes
    [{"LENGTH": {">=": 2}}],  # comparisons
    [{"TAG": {"FUZZY": "VBZ"}}],
])
def test_a_ruler_with_other_patterns_keeps_spacys_matcher(pattern):
    _, ruler = ruler_with([{"patterns": [pattern], "attrs": {"POS": "X"}}])
    before = ruler.match
    assert install(ruler) is None
    assert ruler.match == before


def test_an_empty_doc_and_an_empty_ruler():
    nlp, ruler = ruler_with(SHAPES["tag"])
    assert FastMatcher(nlp.vocab, compile_patterns(ruler))(Doc(nlp.vocab, words=[])) == []
    empty = spacy.blank("en").add_pipe("attribute_ruler")
    assert FastMatcher(empty.vocab, compile_patterns(empty))(make_doc(empty.vocab, ROWS)) == []


def _token_spec():
    value = st.one_of(
        st.tuples(st.just("LOWER"), st.sampled_from(WORDS).map(str.lower)),
        st.tuples(st.just("ORTH"), st.sampled_from(WORDS)),
        st.tuples(st.just("TAG"), st.sampled_from(TAGS)),
        st.tuples(st.just("DEP"), st.sampled_from(DEPS)),
        st.tuples(st.sampled_from(["LOWER", "TAG", "DEP"]),
                  st.fixed_dictionaries({"IN": st.lists(st.sampled_from(WORDS + TAGS + DEPS), max_size=4)})),
        st.tuples(st.sampled_from(["TAG", "DEP"]),
                  st.fixed_dictionaries({"NOT_IN": st.lists(st.sampled_from(TAGS + DEPS), max_size=3)})),
        st.tuples(st.just("LOWER"), st.sampled_from(["^n'?t$", "^y'?$", "s$", "^a"]).map(lambda r: {"REGEX": r})),
        st.tuples(st.just("IS_SPACE"), st.booleans()),
    )
    return st.lists(value, min_size=1, max_size=3).map(dict)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_token_spec(), min_size=1, max_size=3), min_size=1, max_size=6),
       st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(TAGS), st.sampled_from(DEPS)), max_size=12))
def test_any_simple_patterns_on_any_tokens_match_as_spacy_does(patterns, rows):
    rules = [{"patterns": [p], "attrs": {"POS": "X"}} for p in patterns]
    fast, stock = fast_and_stock(rules, rows)
    assert fast == sorted(set(stock))


def test_the_default_pipeline_annotates_exactly_as_stock_spacy(nlp):
    """The loaded pipeline uses the fast matcher, and every tag, part of speech, morphology,
    ruler lemma and parse on corpus/ is the stock pipeline's (given the same sentence starts:
    factx starts one at every line, ``factx.nlp``)."""
    from factx.nlp import _start_sentences_at_line_breaks

    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, FastMatcher)
    stock = spacy.load(DEFAULT_MODEL, exclude=["senter", "lemmatizer"])
    _start_sentences_at_line_breaks(stock)
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    columns = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts)):
        assert numpy.array_equal(ours.to_array(columns), theirs.to_array(columns))
        assert [(e.start, e.end, e.label_) for e in ours.ents] == [(e.start, e.end, e.label_) for e in theirs.ents]
