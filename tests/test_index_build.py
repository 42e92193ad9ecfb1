"""The index rebuild of issue 16: full-text indexes that keep no copy of the text (their words
taken out again when an article goes), the words FTS5 gets for a statement (those of words_of,
whatever the characters), a bulk rebuild without journal that a crash cannot leave half done."""
import random
import sqlite3

import pytest

from factx import index as index_module
from factx.index import fts_text, open_index, words_of
from factx.store import Store, open_store
from test_scale import article, make_store


def _tokens(db, table, text):
    db.execute(f"DELETE FROM {table}")
    db.execute(f"INSERT INTO {table}(rowid, text) VALUES(1, ?)", (text,))
    return [t for t, in db.execute(f"SELECT term FROM {table}_v ORDER BY offset")]


def test_fts_words_are_those_of_words_of_whatever_the_characters():
    """FTS5's tokenizer splits the folded text into words_of's words (and then apostrophes, as
    the query's phrases are split): checked on random text from all over Unicode."""
    db = sqlite3.connect(":memory:")
    for t in ("a", "b"):
        db.execute(f"CREATE VIRTUAL TABLE {t} USING fts5(text, tokenize='unicode61 remove_diacritics 2')")
        db.execute(f"CREATE VIRTUAL TABLE {t}_v USING fts5vocab({t}, instance)")
    rng = random.Random(3)
    chars = [chr(c) for c in range(0x20, 0x3000) if not 0xd800 <= c < 0xe000] + ["\ue000", "’", "‐", "‑", "-", "/"]
    samples = ["Straße e-mail/fax don’t naïve ﬁnance x\ue000y a’‐b 9/11", "İstanbul ǅemal «oui» l'été"]
    samples += ["".join(rng.choice(chars) for _ in range(rng.randrange(1, 40))) for _ in range(1500)]
    for text in samples:
        # what the index was given before (the words, then the joined compounds)
        words = words_of(text)
        expected = _tokens(db, "a", " ".join(words))
        got = _tokens(db, "b", fts_text(text))
        assert got[:len(expected)] == expected, text


def _fts_text_whole_text(text):
    """fts_text as it was: the compound regex run over the whole folded text."""
    folded = index_module._fold(text)
    if not folded.isascii():
        folded = index_module._NOT_WORD.sub(" ", folded)
    if "-" in folded or "/" in folded or "‐" in folded or "‑" in folded:
        joined = [w for c in index_module._COMPOUND.findall(folded)
                  for w in index_module._WORD.findall(index_module._SPLITTERS.sub("", c))]
        if joined:
            return folded + " " + " ".join(joined)
    return folded


def test_compounds_looked_for_token_by_token_are_those_of_the_whole_text():
    rng = random.Random(5)
    chars = [chr(c) for c in range(0x20, 0x3000) if not 0xd800 <= c < 0xe000]
    chars += list("-‐‑/'’_ \t\n\u00a0\u2009ab9") * 40
    samples = ["an e-mail/fax from the ex-wife's lawyer -- twenty-one 9/11 a-'b x_y-z ‐‑ -a b-"]
    samples += ["".join(rng.choice(chars) for _ in range(rng.randrange(1, 60))) for _ in range(5000)]
    for text in samples:
        assert fts_text(text) == _fts_text_whole_text(text), text


def test_an_article_taken_out_leaves_no_word_in_the_full_text_indexes(tmp_path):
    """As `extract` does it: the article is taken out of the index while its document is still
    the one indexed, then its new document written and indexed."""
    path = make_store(tmp_path / "s", [article(i) for i in range(3)] + [article(3, quote="a zebra crossing")])
    index, _ = open_index(open_store(path))
    db = index.db
    assert db.execute("SELECT count(*) FROM quote_fts WHERE quote_fts MATCH 'zebra'").fetchone()[0] == 1
    index.close()
    with Store(path).open_for_writing() as s:  # the article again, its quote changed
        index, _ = open_index(s)
        index.begin()
        index.remove("a003.txt")
        new = article(3, quote="an okapi grazing")
        s.write_articles([(new, "k2")])
        index.add(new, "k2")
        index.commit()
        s.save_manifest(model="test")
        index.close()
    index, _ = open_index(open_store(path))
    db = index.db
    assert db.execute("SELECT count(*) FROM quote_fts WHERE quote_fts MATCH 'zebra'").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM quote_fts WHERE quote_fts MATCH 'okapi'").fetchone()[0] == 1
    db.execute("CREATE VIRTUAL TABLE temp.qv USING fts5vocab(main, quote_fts, row)")
    assert "zebra" not in {t for t, in db.execute("SELECT term FROM temp.qv")}
    assert db.execute("SELECT value FROM meta WHERE name='fts_stale'").fetchone() is None
    # FTS5's own check of its index against what it was given
    db.execute("INSERT INTO quote_fts(quote_fts, rank) VALUES('integrity-check', 0)")
    db.execute("INSERT INTO date_fts(date_fts, rank) VALUES('integrity-check', 0)")
    index.close()


def test_a_document_replaced_behind_the_index_leaves_words_that_find_nothing(tmp_path):
    """A document replaced without the index (its old words cannot be worked out again): they
    stay in the full-text index, counted, pointing at no row (row ids are not given again), and
    no query finds the old text."""
    path = make_store(tmp_path / "s", [article(i) for i in range(3)] + [article(3, quote="a zebra crossing")])
    index, _ = open_index(open_store(path))
    old = index.db.execute("SELECT rowid FROM quote_fts WHERE quote_fts MATCH 'zebra'").fetchall()
    index.close()
    with Store(path).open_for_writing() as s:
        s.write_articles([(article(3, quote="an okapi grazing"), "k2")])
        s.save_manifest(model="test")
    index, _ = open_index(open_store(path))
    db = index.db
    assert int(db.execute("SELECT value FROM meta WHERE name='fts_stale'").fetchone()[0]) >= 1
    okapi = db.execute("SELECT rowid FROM quote_fts WHERE quote_fts MATCH 'okapi'").fetchall()
    assert len(okapi) == 1 and okapi != old
    assert db.execute("SELECT count(*) FROM quotes WHERE stmt IN (SELECT rowid FROM quote_fts WHERE quote_fts "
                      "MATCH 'zebra')").fetchone()[0] == 0
    assert [q["text"] for q in index.quotes(contains="zebra")] == []
    assert [q["text"] for q in index.quotes(contains="okapi")] == ["an okapi grazing"]
    index.close()


def test_a_bulk_rebuild_stopped_half_way_is_started_again(tmp_path, monkeypatch):
    monkeypatch.setattr(index_module, "BULK", 5)
    path = make_store(tmp_path / "s", [article(i) for i in range(12)])
    index, _ = open_index(open_store(path))
    assert index.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # back to the log after the bulk build
    assert index.db.execute("SELECT 1 FROM meta WHERE name='building'").fetchone() is None
    n = index.db.execute("SELECT count(*) FROM quotes").fetchone()[0]
    index.db.execute("INSERT INTO meta VALUES('building', '1')")  # as a process killed mid-build leaves it
    index.db.execute("DELETE FROM quotes WHERE rid > 3")
    index.close()
    index, _ = open_index(open_store(path))
    assert index.db.execute("SELECT count(*) FROM quotes").fetchone()[0] == n
    assert index.db.execute("SELECT 1 FROM meta WHERE name='building'").fetchone() is None
    index.close()


def test_a_bulk_rebuild_keeps_more_full_text_entries_in_memory_while_it_writes(tmp_path, monkeypatch):
    """Fewer, larger full-text segments while a rebuild writes (less merging); SQLite's default
    for the writes after it."""
    monkeypatch.setattr(index_module, "BULK", 5)
    monkeypatch.setattr(index_module, "PARALLEL_MIN", 10 ** 9)
    seen = []
    add = index_module.Index.add

    def add_and_look(self, *args, **kwargs):
        seen.append({t: self.db.execute(f"SELECT v FROM {t}_config WHERE k='hashsize'").fetchone()
                     for t in ("quote_fts", "date_fts")})
        return add(self, *args, **kwargs)
    monkeypatch.setattr(index_module.Index, "add", add_and_look)
    path = make_store(tmp_path / "s", [article(i) for i in range(12)])
    index, _ = open_index(open_store(path))
    assert seen and all(s == {"quote_fts": (index_module.FTS_BULK_HASH,), "date_fts": (index_module.FTS_BULK_HASH,)}
                        for s in seen)
    for t in ("quote_fts", "date_fts"):
        assert index.db.execute(f"SELECT v FROM {t}_config WHERE k='hashsize'").fetchone() == (index_module.FTS_HASH,)
    index.close()


def _table_rows(path):
    db = sqlite3.connect(path)
    tables = [t for t, in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '%fts%' "
                                     "AND name NOT LIKE 'sqlite_%' AND name != 'meta'")]
    out = {t: db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}
    for t in ("quote_fts", "date_fts"):
        db.execute(f"CREATE VIRTUAL TABLE temp.{t}_v USING fts5vocab(main, {t}, instance)")
        out[t] = db.execute(f"SELECT term, doc, offset FROM temp.{t}_v ORDER BY 1, 2, 3").fetchall()
    db.close()
    return out


def test_a_rebuild_in_worker_processes_writes_the_rows_of_one_by_one(tmp_path, monkeypatch):
    """Worker processes make the rows of chunks of articles (a damaged document among them):
    the same rows, row ids included, as adding the articles one by one."""
    docs = [article(i, quote=f"words number {i} e-mail", speaker=["Alice Smith", "Carl Berg"][i % 2])
            for i in range(23)]
    for where in ("one", "workers"):
        make_store(tmp_path / where, docs)
        bad = next((tmp_path / where / "articles").rglob("a007.txt.json"))
        text = bad.read_text()
        assert '"title":"Title 7"' in text
        bad.write_text(text.replace('"title":"Title 7"', '"title":123456789'))  # same size, not a title
    monkeypatch.setattr(index_module, "BULK", 5)
    monkeypatch.setattr(index_module, "PARALLEL_MIN", 10 ** 9)
    one, corrupt_one = open_index(open_store(tmp_path / "one"))
    one.close()
    monkeypatch.setattr(index_module, "PARALLEL_MIN", 5)
    monkeypatch.setattr(index_module, "PARALLEL_CHUNK", 4)
    monkeypatch.setattr(index_module, "_rebuild_workers", lambda: 2)
    many, corrupt_many = open_index(open_store(tmp_path / "workers"))
    many.close()
    assert [c.id for c in corrupt_one] == [c.id for c in corrupt_many] == ["a007.txt"]
    assert corrupt_one[0].reason.replace("/one/", "/x/") == corrupt_many[0].reason.replace("/workers/", "/x/")
    assert _table_rows(tmp_path / "one" / "index.sqlite") == _table_rows(tmp_path / "workers" / "index.sqlite")


def test_a_rebuild_in_workers_counts_the_merge_features_there(tmp_path, monkeypatch):
    """The context features the person merge weighs by are counted by the rebuild's workers
    (the merge of everyone after it does not read every article again): the same document
    frequencies as the merge counting them itself from the index."""
    from factx import merging

    docs = [article(i, speaker=["Alice Smith", "Carl Berg", "Alice"][i % 3]) for i in range(23)]
    make_store(tmp_path / "one", docs)
    make_store(tmp_path / "workers", docs)
    monkeypatch.setattr(index_module, "BULK", 5)
    monkeypatch.setattr(index_module, "PARALLEL_MIN", 10 ** 9)
    one, _ = open_index(open_store(tmp_path / "one"))
    monkeypatch.setattr(index_module, "PARALLEL_MIN", 5)
    monkeypatch.setattr(index_module, "PARALLEL_CHUNK", 4)
    monkeypatch.setattr(index_module, "_rebuild_workers", lambda: 2)
    monkeypatch.setattr(index_module, "_pool_context", lambda: __import__("multiprocessing").get_context("fork"))

    def not_here(*args):
        raise AssertionError("the merge counted the features again")
    monkeypatch.setattr(merging, "counted_features", not_here)  # the workers use index's own name
    many, _ = open_index(open_store(tmp_path / "workers"))
    for sql in ("SELECT * FROM features ORDER BY feature", "SELECT value FROM meta WHERE name='context_articles'"):
        assert one.db.execute(sql).fetchall() == many.db.execute(sql).fetchall()
    assert many.db.execute("SELECT count(*) FROM features").fetchone()[0] > 0
    one.close()
    many.close()


def test_a_script_without_a_main_guard_can_rebuild_in_workers(tmp_path):
    """A library user's script that opens an index at module level: workers forked (nothing
    run again); with another thread running, no spawned worker re-runs the script either."""
    import os
    import subprocess
    import sys

    make_store(tmp_path / "s", [article(i) for i in range(12)])
    for threads in (False, True):
        script = tmp_path / f"script_{threads}.py"
        script.write_text(
            "import threading, time\n"
            "from factx import index\n"
            "from factx.store import open_store\n"
            "index.BULK = index.PARALLEL_MIN = 5\n"
            "index.PARALLEL_CHUNK = 3\n"
            f"if {threads}: threading.Thread(target=time.sleep, args=(5,), daemon=True).start()\n"
            "print('workers', index._rebuild_workers())\n"
            f"i, bad = index.open_index(open_store({str(tmp_path / 's')!r}))\n"
            "print(i.db.execute('SELECT count(*) FROM quotes').fetchone()[0], bad)\n"
            "i.close()\n")
        for name in ("index.sqlite", "index.sqlite-wal", "index.sqlite-shm"):
            (tmp_path / "s" / name).unlink(missing_ok=True)
        out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                             env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
        assert out.returncode == 0, out.stderr
        lines = out.stdout.splitlines()
        assert lines[-1] == "12 []" and len(lines) == 2


def test_a_rebuild_whose_worker_dies_makes_the_rest_itself(tmp_path, monkeypatch):
    """A worker killed mid-rebuild (out of memory): the chunks not written are made in this
    process, and the index is the one adding the articles one by one gives."""
    import os

    docs = [article(i) for i in range(20)]
    make_store(tmp_path / "one", docs)
    make_store(tmp_path / "workers", docs)
    monkeypatch.setattr(index_module, "BULK", 5)
    monkeypatch.setattr(index_module, "PARALLEL_MIN", 10 ** 9)
    open_index(open_store(tmp_path / "one"))[0].close()
    monkeypatch.setattr(index_module, "PARALLEL_MIN", 5)
    monkeypatch.setattr(index_module, "PARALLEL_CHUNK", 3)
    monkeypatch.setattr(index_module, "_rebuild_workers", lambda: 2)
    monkeypatch.setattr(index_module, "_pool_context", lambda: __import__("multiprocessing").get_context("fork"))
    monkeypatch.setattr(index_module, "chunk_rows", _dying)  # the forked workers have it too
    monkeypatch.setattr(_Dying, "parent", os.getpid())
    index, corrupt = open_index(open_store(tmp_path / "workers"))
    index.close()
    assert corrupt == []
    assert _table_rows(tmp_path / "one" / "index.sqlite") == _table_rows(tmp_path / "workers" / "index.sqlite")


class _Dying:
    parent = None
    chunk_rows = staticmethod(index_module.chunk_rows)


def _dying(root, chunk):
    """chunk_rows, but a worker given the chunk of a006.txt dies."""
    import os

    if os.getpid() != _Dying.parent and chunk[0][0] == "a006.txt":
        os._exit(9)
    return _Dying.chunk_rows(root, chunk)


def test_quotes_and_dates_are_printed_from_the_documents(tmp_path):
    """The index keeps where each quote and date is; what they say (and their sentence) is read
    from the article's document when printed."""
    path = make_store(tmp_path / "s", [article(i) for i in range(3)])
    index, _ = open_index(open_store(path))
    cols = {c for _, c, *_ in index.db.execute("PRAGMA table_info(quotes)")} | \
        {c for _, c, *_ in index.db.execute("PRAGMA table_info(dates)")}
    assert "doc" not in cols
    doc = article(1)
    q = [q for q in index.quotes(article="a001.txt")]
    assert [(x["text"], x["sentence"], x["cue"]) for x in q] == [(doc["quotes"][0]["text"], None, "said")]  # no sentence known
    d = [x for x in index.dates(article="a001.txt")]
    assert [(x["text"], x["value"], x["sentence"]) for x in d] == [("March 2, 2019", "2019-03-02", doc["text"])]
    index.close()


@pytest.mark.parametrize("damage", ["missing", "changed", "corrupt", "mistyped"])
def test_a_document_that_cannot_be_read_when_printed_is_a_clear_error(tmp_path, damage):
    from test_scale import run

    path = make_store(tmp_path / "s", [article(i) for i in range(3)])
    assert run("quotes", "--json", "--store", path).exit_code == 0  # the index is built
    doc_file = next(p for p in (path / "articles").rglob("*.json") if "a001" in p.name)
    data = doc_file.read_bytes()
    if damage == "missing":
        doc_file.unlink()
    elif damage == "changed":  # same size, the quote moved: the index points at what is no longer there
        moved = data.replace(b'"start":18,"end"', b'"start":19,"end"')
        assert moved != data and len(moved) == len(data)
        doc_file.write_bytes(moved)
    elif damage == "mistyped":  # same size, a quote's cue a number: only the quote printed is checked
        typed = data.replace(b'"cue":"said"', b'"cue":123456')
        assert typed != data and len(typed) == len(data)
        doc_file.write_bytes(typed)
    else:
        doc_file.write_bytes(data[:-5] + b"}}}}}")
    result = run("quotes", "--json", "--store", path)
    assert result.exit_code == 1, result.stdout
    assert "Traceback" not in result.stderr and "a001.txt" in result.stderr
    assert "factx extract" in result.stderr
    if damage == "mistyped":
        assert "quotes[0].cue is a number" in result.stderr
