"""Hostile inputs: no value in a JSON article, no file name and no file type may stop a run or
reach the store in a form a later write cannot encode; duplicates, changed metadata, the store
inside the input folder and broken links are handled as the README says; a run with nothing new
does not load spaCy."""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, document_files, run
from factx.reader import InputFailure, RawArticle, decode_text, read_inputs

STRING_FIELDS = ("title", "published", "url", "source", "author")


def extract(*args):
    result = run("extract", *args, "--json")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    return result.exit_code, json.loads(result.stdout)


def stored(store: Path) -> dict[str, dict]:
    """The store's article documents by id (read as strict UTF-8: no surrogate got in)."""
    docs = {}
    for f in document_files(store):
        doc = json.loads(f.read_bytes().decode("utf-8"))
        docs[doc["id"]] = doc
    return docs


def encodable(item) -> bool:
    values = [getattr(item, name) for name in ("id", "path", "reason", "text", "origin", *STRING_FIELDS)
              if hasattr(item, name)]
    values += getattr(item, "warnings", [])
    for value in values:
        assert value is None or isinstance(value, str), (item, value)
        if value is not None:
            value.encode("utf-8")  # raises on a lone surrogate
    return True


# ---- 1. lone surrogates and odd values in every field -------------------------------------

@pytest.mark.parametrize("field", ["id", "title", "author", "url", "published", "source", "extra"])
def test_a_lone_surrogate_in_any_field_is_replaced_with_a_warning_and_the_run_goes_on(tmp_path, field):
    record = {"id": "first", "text": "Anna Berg said the bridge opens on Monday.", field: "x\ud800y"}
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    feed.write_text(json.dumps(record) + "\n" + json.dumps({"id": "second", "text": "Another article."}) + "\n")
    code, summary = extract(feed.parent, "--store", tmp_path / "s")
    assert code == 0 and summary["extracted"] == 2 and not summary["failed"]
    docs = stored(tmp_path / "s")
    assert "second" in docs and len(docs) == 2
    if field != "extra":
        [warned] = summary["warnings"]
        assert any(f"'{field}'" in w for w in warned["warnings"]), warned
    if field == "id":
        assert "x\ufffdy" in docs
    elif field in ("title", "author", "url", "source"):
        assert docs["first"][field] == "x\ufffdy"
    # the queries read what was written
    assert run("articles", "--store", tmp_path / "s", "--json").exit_code == 0


@pytest.mark.parametrize("value, reason", [
    (True, "not a string or an integer"),
    (1.5, "not a string or an integer"),
    ([1], "not a string or an integer"),
    ({"a": 1}, "not a string or an integer"),
    ("", "missing 'id'"),
])
def test_an_id_that_is_not_a_string_or_an_integer_is_a_failure(tmp_path, value, reason):
    f = tmp_path / "feed.jsonl"
    f.write_text(json.dumps({"id": value, "text": "Body."}) + "\n")
    [failure] = read_inputs([f])
    assert isinstance(failure, InputFailure) and reason in failure.reason


@pytest.mark.parametrize("raw", [
    '{"id": "a", "text": "Body.", "title": ' + "[" * 50_000 + "]" * 50_000 + "}",  # deeper than recursion
    '{"id": "a", "text": "Body.", "url": ' + "1" * 5000 + "}",  # over int's digit limit
    '{"id": ' + "9" * 4000 + ', "text": "Body."}',  # a huge integer id
    '{"id": "a", "text": "Body.", "author": {"name": ["x", {"y": null}]}, "source": 1e400}',
    '{"id": "a", "text": "Body.", "published": ["2019-11-18"], "title": NaN}',
])
def test_absurd_json_values_are_failures_or_warnings_never_exceptions(tmp_path, raw):
    f = tmp_path / "feed.jsonl"
    f.write_text(raw + "\n")
    items = list(read_inputs([f]))
    assert len(items) == 1 and encodable(items[0])
    code, summary = extract(f, "--store", tmp_path / "s")
    assert summary["read"] == 1


def test_a_deeply_nested_json_file_and_metadata_file_are_reported(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "factx-metadata.json").write_text('{"a.txt": ' + "[" * 100_000 + "]" * 100_000 + "}")
    (tmp_path / "a.txt").write_text("Title\n\nBody.")
    items = list(read_inputs([tmp_path]))
    reasons = sorted(i.reason for i in items if isinstance(i, InputFailure))
    assert reasons == ["malformed JSON: nested too deeply", "unreadable metadata file: nested too deeply"]
    assert [i.id for i in items if isinstance(i, RawArticle)] == ["a.txt"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(min_value=10**30, max_value=10**300)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30) | st.sampled_from(["\ud800", "a\udfffb", "2019-11-18", " ", "\x00", "\u2028"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8,
)
hostile_record = st.fixed_dictionaries(
    {},
    optional={name: json_values for name in ("id", "text", "extra", *STRING_FIELDS)},
) | json_values
a_good_text = st.sampled_from(["Maria Lopez said \"we will win\" on Friday.", "The council met in Leeds."])


def _jsonl(records) -> str:
    return "".join(json.dumps(r, allow_nan=True) + "\n" for r in records)  # ensure_ascii: "\ud800" escaped


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(hostile_record, min_size=1, max_size=4))
def test_property_any_json_value_in_any_field_is_read_or_reported(records):
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "feed.jsonl"
        f.write_text(_jsonl(records), encoding="utf-8")
        items = list(read_inputs([f]))
        assert len(items) == len(records)
        assert all(encodable(item) for item in items)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(hostile_record, a_good_text, st.booleans()), min_size=1, max_size=3))
def test_property_extract_never_raises_on_any_json_values(cases):
    records = []
    for record, text, keep_text in cases:
        if isinstance(record, dict) and keep_text:
            record = {**record, "text": text}  # reach spaCy and the store with the odd fields
        records.append(record)
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "feed.jsonl"
        f.write_text(_jsonl(records), encoding="utf-8")
        code, summary = extract(f, "--store", Path(tmp) / "s")
        assert summary["read"] == len(records)
        assert summary["extracted"] + summary["skipped"] + len(summary["failed"]) == len(records)
        assert code == (1 if summary["failed"] else 0)
        stored(Path(tmp) / "s")
        again = run("articles", "--store", Path(tmp) / "s", "--json")
        assert again.exit_code in (0, 1) and "Traceback" not in again.stderr


# ---- 8. duplicate ids ---------------------------------------------------------------------

@pytest.mark.parametrize("files, first, later", [
    ({"feed.jsonl": [{"id": "x", "text": "First text."}, {"id": "x", "text": "Second text."}]},
     "feed.jsonl line 1", "feed.jsonl line 2"),
    ({"feed.jsonl": [{"id": 1, "text": "First text."}, {"id": "1", "text": "Second text."}]},
     "feed.jsonl line 1", "feed.jsonl line 2"),
    ({"a.txt": "First text.", "feed.jsonl": [{"id": "a.txt", "text": "Second text."}]}, "a.txt", "feed.jsonl line 1"),
    ({"sub/b.jsonl": [{"id": "k", "text": "Second text."}], "a.json": [{"id": "k", "text": "First text."}]},
     "a.json item 1", "sub/b.jsonl line 1"),
])
def test_duplicate_ids_keep_the_first_report_both_and_never_flip(tmp_path, files, first, later):
    corpus = tmp_path / "in"
    for name, content in files.items():
        path = corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".jsonl"):
            path.write_text(_jsonl(content))
        elif name.endswith(".json"):
            path.write_text(json.dumps(content))
        else:
            path.write_text(content)
    for attempt in range(3):
        code, summary = extract(corpus, "--store", tmp_path / "s")
        assert code == 1 and summary["read"] == 2
        [failure] = summary["failed"]
        assert "duplicate id" in failure["reason"]
        assert first in failure["reason"] and later in failure["reason"], failure
        [doc] = stored(tmp_path / "s").values()
        assert doc["text"] == "First text."
        assert (summary["extracted"], summary["skipped"]) == ((1, 0) if attempt == 0 else (0, 1))


# ---- 9. changed metadata is redone --------------------------------------------------------

@pytest.mark.parametrize("field", ["author", "url", "source", "title", "published"])
def test_changed_jsonl_metadata_is_redone(tmp_path, field):
    f = tmp_path / "feed.jsonl"
    record = {"id": "a", "text": "Body of the article.", "title": "T", "author": "A. Writer",
              "url": "https://example.org/a", "source": "Example", "published": "2019-11-18"}
    f.write_text(_jsonl([record]))
    assert extract(f, "--store", tmp_path / "s")[1]["extracted"] == 1
    assert extract(f, "--store", tmp_path / "s")[1]["skipped"] == 1
    new = "2020-01-02" if field == "published" else "Changed"
    f.write_text(_jsonl([{**record, field: new}]))
    assert extract(f, "--store", tmp_path / "s")[1]["extracted"] == 1
    assert stored(tmp_path / "s")["a"][field] == new
    f.write_text(_jsonl([{**record, field: None}]))  # removed
    assert extract(f, "--store", tmp_path / "s")[1]["extracted"] == 1
    assert stored(tmp_path / "s")["a"][field] is None


@pytest.mark.parametrize("field", ["author", "url", "source"])
def test_changed_sidecar_metadata_is_redone(tmp_path, field):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Headline\n\nBody of the article.")
    meta = corpus / "factx-metadata.json"
    meta.write_text(json.dumps({"a.txt": {field: "one"}}))
    assert extract(corpus, "--store", tmp_path / "s")[1]["extracted"] == 1
    meta.write_text(json.dumps({"a.txt": {field: "two"}}))
    assert extract(corpus, "--store", tmp_path / "s")[1]["extracted"] == 1
    assert stored(tmp_path / "s")["a.txt"][field] == "two"
    assert extract(corpus, "--store", tmp_path / "s")[1]["skipped"] == 1


def test_the_key_of_an_article_without_author_url_or_source_is_unchanged():
    """Stores written before metadata was in the key are not redone for articles without any."""
    import hashlib

    from factx import __version__
    from factx.pipeline import article_key
    from factx.schema import SCHEMA_VERSION

    raw = RawArticle("a", "text", title="T", published="2019-11-18")
    old = hashlib.sha256("\0".join((raw.content_hash, "m==1", __version__, str(SCHEMA_VERSION),
                                    "2019-11-18")).encode()).hexdigest()
    assert article_key(raw, "m==1", None) == old
    assert article_key(RawArticle("a", "text", title="T", published="2019-11-18", url="u"), "m==1", None) != old
    # "" and None differ, and no field can pass for another
    keys = {article_key(RawArticle("a", "t", **kw), "m", None)
            for kw in ({}, {"url": ""}, {"author": ""}, {"source": ""}, {"url": "x"}, {"author": "x"})}
    assert len(keys) == 6


def test_non_string_sidecar_values_are_ignored_with_a_warning(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nBody.")
    (tmp_path / "factx-metadata.json").write_text(json.dumps(
        {"a.txt": {"title": ["x"], "author": 3, "url": {"u": 1}, "source": "S\ud800", "published": "soon"}}))
    [art] = read_inputs([tmp_path])
    assert (art.title, art.author, art.url, art.source, art.published) == ("Headline", None, None, "S\ufffd", None)
    assert len(art.warnings) == 5 and encodable(art)


# ---- 13. the store inside the input folder ------------------------------------------------

def test_a_store_inside_the_input_folder_is_never_read_as_input(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nAnna Berg opened the bridge.")
    for attempt in range(2):
        code, summary = extract(tmp_path, "--store", tmp_path / "facts")
        assert code == 0 and summary["read"] == 1 and not summary["failed"]
        assert summary["skipped"] == attempt
    from factx.pipeline import count_inputs

    assert count_inputs([tmp_path]) == 1 and count_inputs([tmp_path], tmp_path / "facts") == 1
    # another factx store in the corpus is not input either
    code, summary = extract(tmp_path, "--store", tmp_path / "other")
    assert summary["read"] == 1 and not summary["failed"]


# ---- 19. broken symlinks and files that are not regular files -----------------------------

def test_broken_symlinks_are_ignored_unless_named_like_an_article(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nBody.")
    for name in ("dead.jpg", "dead", "dead.txt", "dead.JSONL", "dead.html"):
        os.symlink(tmp_path / "nowhere", tmp_path / name)
    items = list(read_inputs([tmp_path]))
    failures = {i.id: i.reason for i in items if isinstance(i, InputFailure)}
    assert failures == {"dead.txt": "broken symlink", "dead.JSONL": "broken symlink", "dead.html": "broken symlink"}
    assert [i.id for i in items if isinstance(i, RawArticle)] == ["a.txt"]


def test_a_fifo_named_like_an_article_is_reported_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe")
    [failure] = read_inputs([tmp_path])
    assert failure.id == "pipe.txt" and failure.reason == "not a regular file"
    [failure] = read_inputs([tmp_path / "pipe"])  # given by name
    assert failure.reason == "not a regular file"


def test_a_file_given_by_name_without_an_article_suffix_obeys_max_bytes(tmp_path):
    (tmp_path / "notes").write_text("word " * 100)
    [failure] = read_inputs([tmp_path / "notes"], max_bytes=50)
    assert "too large" in failure.reason


# ---- other inputs that used to raise ------------------------------------------------------

@pytest.mark.parametrize("data", [
    b"\xff\xfe" + "Title\n".encode("utf-16-le") + b"\x00\xd8" + "x".encode("utf-16-le"),  # lone surrogate
    b"\xff\xfe" + "Title\nBody".encode("utf-16-le") + b"A",  # odd number of bytes
    b"\xfe\xff\xdc\x00\x00A",
])
def test_broken_utf16_is_decoded_with_replacement_and_a_warning(tmp_path, data):
    text, warnings = decode_text(data)
    assert "\ufffd" in text and warnings
    (tmp_path / "w.txt").write_bytes(data)
    [art] = read_inputs([tmp_path])
    assert isinstance(art, RawArticle) and encodable(art)


def test_json_files_and_metadata_with_a_byte_order_mark(tmp_path):
    (tmp_path / "feed.jsonl").write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "j", "text": "Body."}).encode() + b"\n")
    (tmp_path / "list.json").write_bytes(b"\xef\xbb\xbf" + json.dumps([{"id": "k", "text": "Body."}]).encode())
    (tmp_path / "a.txt").write_text("Headline\n\nBody.")
    (tmp_path / "factx-metadata.json").write_bytes(b"\xef\xbb\xbf" + json.dumps({"a.txt": {"url": "u"}}).encode())
    items = {i.id: i for i in read_inputs([tmp_path])}
    assert set(items) == {"j", "k", "a.txt"} and all(isinstance(i, RawArticle) for i in items.values())
    assert items["a.txt"].url == "u"


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_read_under_a_visible_id(tmp_path):
    (tmp_path / "ok.txt").write_text("Headline\n\nBody.")
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "w") as f:
        f.write("Headline\n\nAnother body.")
    os.symlink(b"nowhere", os.path.join(os.fsencode(tmp_path), b"dead\xff.txt"))
    items = list(read_inputs([tmp_path]))
    assert all(encodable(i) for i in items)
    assert {i.id for i in items} == {"caf\\xe9.txt", "dead\\xff.txt", "ok.txt"}
    code, summary = extract(tmp_path, "--store", tmp_path / "s")
    assert summary["extracted"] == 2 and [f["reason"] for f in summary["failed"]] == ["broken symlink"]
    assert "caf\\xe9.txt" in stored(tmp_path / "s")


# ---- 20. a run with nothing new does not load spaCy ---------------------------------------

def test_the_cheap_model_id_is_the_loaded_pipelines():
    from factx.nlp import load_pipeline, model_id
    from factx.pipeline import installed_model_id

    assert installed_model_id(None) == model_id(load_pipeline())
    assert installed_model_id("no_such_model_anywhere") is None
    assert installed_model_id("os") is None  # a module that is not a pipeline


NOOP_RUN = """
import sys
from pathlib import Path
from factx.pipeline import run_extract
from factx.store import Store

with Store(Path(sys.argv[2])).open_for_writing() as store:
    summary = run_extract([Path(sys.argv[1])], store)
print(summary.read, summary.extracted, summary.skipped, len(summary.failures), "spacy" in sys.modules)
"""


def test_a_run_with_nothing_new_does_not_load_spacy(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Headline\n\nAnna Berg opened the bridge on Friday.")
    (corpus / "feed.jsonl").write_text(_jsonl([{"id": "j", "text": "Body.", "author": "W"}]))
    code, summary = extract(corpus, "--store", tmp_path / "s")
    assert code == 0 and summary["extracted"] == 2
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}

    def noop():
        out = subprocess.run([sys.executable, "-c", NOOP_RUN, str(corpus), str(tmp_path / "s")], env=env,
                             capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr
        return out.stdout.split()

    assert noop() == ["2", "0", "2", "0", "False"]
    (corpus / "b.txt").write_text("Headline\n\nSomething new.")  # now one needs the pipeline
    assert noop() == ["3", "1", "2", "0", "True"]


def test_one_file_given_twice_is_one_article_not_a_duplicate(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nBody.")
    (tmp_path / "feed.jsonl").write_text(_jsonl([{"id": "j", "text": "Body."}]))
    code, summary = extract(tmp_path, tmp_path / "a.txt", tmp_path / "feed.jsonl", "--store", tmp_path / "s")
    assert code == 0 and not summary["failed"] and summary["extracted"] == 2


def test_counting_inputs_never_opens_a_fifo(tmp_path):
    from factx.pipeline import count_inputs

    os.mkfifo(tmp_path / "feed.jsonl")
    assert count_inputs([tmp_path / "feed.jsonl"]) == 1
