"""The JSON store: atomic documents, journal replay, lock, schema version, corruption."""
import json

import pytest

from factx.store import (STORE_VERSION, CorruptArticle, IncompatibleStore, Store, StoreBusy, StoreNotFound,
                         article_filename, open_store, shard_of)


def doc(article_id, **extra):
    return {"id": article_id, "text": "t", "title": "T", **extra}


def test_write_then_read_back(tmp_path):
    with Store(tmp_path).open_for_writing() as s:
        s.write_article(doc("a/b.txt"), key="k1")
        s.save_manifest(model="m")
    s = open_store(tmp_path)
    assert s.article_ids() == ["a/b.txt"]
    assert s.read_article("a/b.txt")["title"] == "T"
    assert s.is_current("a/b.txt", "k1") and not s.is_current("a/b.txt", "k2")
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["schema_version"] == STORE_VERSION and manifest["model"] == "m"


def test_articles_written_before_a_kill_are_found_through_the_journal(tmp_path):
    s = Store(tmp_path).open_for_writing()
    s.write_article(doc("x"), key="k")
    # no save_manifest, no close: as if the process was killed here
    assert open_store(tmp_path).article_ids() == ["x"]
    s.close()


def test_truncated_journal_line_is_ignored(tmp_path):
    with Store(tmp_path).open_for_writing() as s:
        s.write_article(doc("x"), key="k")
    with open(tmp_path / "journal.jsonl", "a") as f:
        f.write('{"id": "y", "entr')
    assert open_store(tmp_path).article_ids() == ["x"]


def test_second_writer_is_refused(tmp_path):
    with Store(tmp_path).open_for_writing():
        with pytest.raises(StoreBusy):
            Store(tmp_path).open_for_writing()
    Store(tmp_path).open_for_writing().close()  # released after close


def test_incompatible_schema_version(tmp_path):
    (tmp_path / "manifest.json").write_text(json.dumps({"schema_version": STORE_VERSION + 1, "articles": {}}))
    with pytest.raises(IncompatibleStore, match="schema version"):
        open_store(tmp_path).entries


def test_missing_store(tmp_path):
    with pytest.raises(StoreNotFound, match="factx extract"):
        open_store(tmp_path / "nothing")


def test_corrupt_article_is_reported_not_raised_and_not_current(tmp_path):
    with Store(tmp_path).open_for_writing() as s:
        s.write_article(doc("good"), key="k")
        s.write_article(doc("bad"), key="k")
        s.save_manifest()
    bad_file = tmp_path / "articles" / shard_of(article_filename("bad")) / article_filename("bad")
    bad_file.write_text('{"id": "bad", "te')
    s = open_store(tmp_path)
    items = list(s.iter_articles())
    assert [i["id"] for i in items if isinstance(i, dict)] == ["good"]
    assert [i.id for i in items if isinstance(i, CorruptArticle)] == ["bad"]
    bad_file.unlink()
    assert not s.is_current("bad", "k")


def test_unreadable_manifest_is_rebuilt_from_articles(tmp_path):
    with Store(tmp_path).open_for_writing() as s:
        s.write_article(doc("a"), key="k")
        s.save_manifest()
    (tmp_path / "manifest.json").write_text("{")
    s = open_store(tmp_path)
    assert s.article_ids() == ["a"] and s.is_current("a", "k")


@pytest.mark.parametrize("article_id", ["a/b/c.txt", "../x", "..", "CON", "x" * 400, "a b?.txt", "ünï/çødé"])
def test_article_filenames_are_safe(article_id):
    name = article_filename(article_id)
    assert "/" not in name and not name.startswith(".") and len(name) < 200


def test_ids_that_quote_alike_get_distinct_files(tmp_path):
    with Store(tmp_path).open_for_writing() as s:
        s.write_article(doc("x" * 400), key="k")
        s.write_article(doc("x" * 401), key="k")
        files = {e["file"] for e in s.entries.values()}
    assert len(files) == 2


def test_an_entity_s_name_does_not_depend_on_the_order_its_articles_were_stored():
    from factx.index import _entity_summary

    rows = [("DATE", "last year", "a.txt", "Last year", 1), ("DATE", "last year", "b.txt", "last year", 1)]
    assert _entity_summary(rows)[1] == _entity_summary(rows[::-1])[1] == "Last year"
    assert _entity_summary(rows)[4] == _entity_summary(rows[::-1])[4]


@pytest.mark.parametrize("ahead", [0, 1, 3, 64])
def test_read_ahead_gives_every_document_in_order(tmp_path, ahead):
    with Store(tmp_path).open_for_writing() as s:
        s.write_articles(({"id": f"{i}.txt", "text": f"t{i}", "title": None}, "k") for i in range(7))
        pairs = [(aid, s.entries[aid]["file"]) for aid in s.article_ids()] + [("gone.txt", "gone.txt.json")]
        got = list(s.read_ahead(pairs, threads=2, ahead=ahead))
    assert [aid for aid, _ in got] == [aid for aid, _ in pairs]
    assert all(json.loads(data)["id"] == aid for aid, data in got[:-1]) and got[-1][1] is None
