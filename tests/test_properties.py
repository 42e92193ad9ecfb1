"""Property test over the whole extraction: odd text never raises and every offset is right."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import assert_facts_point_at_the_text
from factx.pipeline import build_article
from factx.reader import RawArticle

PIECES = st.sampled_from([
    "“", "”", '"', "'", "‘", "’", "``", "''", " said ", " she added", "Mr. Jane Roe", " Reed, 51,", "#JaneRoe",
    "@Gov", "\n", "\n\n", " on Friday", " in May 2018", " 1980s", "—", ":", "🙂", "שלום", " ", ".", ",",
    "Ann Lee", " told ", " according to ", "a 63-year-old", "\ufeff", "\t",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_extraction_never_raises_and_offsets_point_at_the_text(nlp, text):
    doc = build_article(nlp(text), RawArticle("x", text), "model", None)
    for ent in doc["entities"]:
        assert text[ent["start"]:ent["end"]] == ent["text"]
    for q in doc["quotes"]:
        assert 0 <= q["start"] <= q["end"] <= len(text) and text[q["start"]:q["end"]] == q["text"]
        if q["speaker_start"] is not None:
            assert text[q["speaker_start"]:q["speaker_end"]] == q["speaker_text"]
    for d in doc["dates"]:
        assert text[d["start"]:d["end"]] == d["text"]
    for p in doc["people"]:
        for s, e in p["mentions"]:
            assert 0 <= s < e <= len(text)
        for a in p["attributes"]:
            assert 0 <= a["start"] <= a["end"] <= len(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, limit=st.integers(1, 60))
def test_text_parsed_in_pieces_keeps_every_offset_right(nlp, text, limit):
    """The path of long articles, with pieces small enough to cut anywhere (in a word, a quote,
    a name): the joined Doc is the text, and the facts' offsets point at it."""
    from factx.nlp import parse_long

    doc = parse_long(nlp, text, limit)
    assert doc.text == text
    assert_facts_point_at_the_text(build_article(doc, RawArticle("x", text), "model", None))


@given(text=st.text(st.sampled_from("ab .!?”\n\t "), max_size=300), limit=st.integers(1, 50))
def test_split_text_pieces_join_back_and_respect_the_limit(text, limit):
    from factx.nlp import split_text

    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= limit for p in pieces) or pieces == [""]
