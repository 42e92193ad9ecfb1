"""Queries bounded by what they print (issue 16): pages, publication-date bounds, `who --limit`,
full-text `--contains`, streamed JSON, the index answering without the manifest, batched store
writes. Stores are written through the library (no spaCy), end to end through the CLI."""
import json
import sqlite3

import pytest

from conftest import run, run_json
from factx import store as store_module
from factx.index import contains_words, fts_query
from factx.store import Store, open_store


def article(i, quote="the e-mail server was fine", published=None, speaker="Alice Smith"):
    """An article document of the shape extract writes: Alice Smith says ``quote`` on a date,
    with Bob Jones named too."""
    aid = f"a{i:03d}.txt"
    head = f'{speaker} said "'
    text = f'{head}{quote}" on March 2, 2019. Bob Jones agreed.'
    q0, q1 = len(head), len(head) + len(quote)
    when = text.index("March 2, 2019")
    bob = text.index("Bob Jones")
    people = [{"name": speaker, "label": "PERSON", "aliases": [speaker], "count": 1, "mentions": [[0, len(speaker)]],
               "attributes": []},
              {"name": "Bob Jones", "label": "PERSON", "aliases": ["Bob Jones"], "count": 1,
               "mentions": [[bob, bob + 9]], "attributes": [{"type": "role", "value": "senator", "start": bob,
                                                            "end": bob + 9, "sentence_start": 0,
                                                            "sentence_end": len(text)}]}]
    return {
        "id": aid, "title": f"Title {i}", "text": text, "published": published or f"2019-01-{i % 28 + 1:02d}",
        "warnings": [], "sentences": [{"start": 0, "end": len(text)}],
        "entities": [{"text": speaker, "label": "PERSON", "start": 0, "end": len(speaker)},
                     {"text": "Bob Jones", "label": "PERSON", "start": bob, "end": bob + 9},
                     {"text": "Senate", "label": "ORG", "start": 0, "end": 5}],
        "quotes": [{"text": quote, "start": q0, "end": q1, "speaker": speaker, "speaker_text": speaker,
                    "speaker_start": 0, "speaker_end": len(speaker), "cue": "said", "partial": False,
                    "statement": 0, "kind": "direct", "cue_start": len(speaker) + 1, "cue_end": len(speaker) + 5,
                    "rule": "test", "article": aid}],
        "dates": [{"text": "March 2, 2019", "start": when, "end": when + 13, "type": "date",
                   "value": f"2019-03-{i % 28 + 1:02d}", "relative": False, "mod": None, "sentence_start": 0,
                   "sentence_end": len(text), "people": [speaker, "Bob Jones"], "article": aid}],
        "people": people,
    }


def make_store(path, docs):
    with Store(path).open_for_writing() as s:
        s.write_articles((d, "k") for d in docs)
        s.save_manifest(model="test")
    return path


@pytest.fixture(scope="module")
def store30(tmp_path_factory):
    return make_store(tmp_path_factory.mktemp("s30") / "store", [article(i) for i in range(30)])


def test_who_lists_the_latest_n_with_complete_counts(store30):
    prof = run_json("who", "Alice Smith", "--store", store30)
    assert prof["counts"]["quotes"] == 30 and prof["counts"]["articles"] == 30 and prof["limit"] == 20
    assert len(prof["quotes"]) == 20 and len(prof["dates"]) == 20 and len(prof["articles"]) == 20
    published = [run_json("show", q["article"], "--store", store30)["published"] for q in prof["quotes"]]
    assert published == sorted(published, reverse=True)  # the latest first
    assert prof["co_mentioned"] == [{"name": "Bob Jones", "id": "bob-jones", "articles": 30}]
    five = run_json("who", "Alice Smith", "--limit", "5", "--store", store30)
    assert [len(five[k]) for k in ("quotes", "dates", "articles")] == [5, 5, 5] and five["counts"] == prof["counts"]
    everything = run_json("who", "Alice Smith", "--all", "--store", store30)
    assert everything["limit"] is None and len(everything["quotes"]) == 30 and len(everything["dates"]) == 30
    assert run_json("who", "Bob Jones", "--limit", "3", "--store", store30)["counts"]["attributes"] == 30
    table = run("who", "Alice Smith", "--limit", "2", "--store", store30, env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "Alice Smith" in table.stdout


@pytest.mark.parametrize("command", [["quotes"], ["dates"], ["timeline"], ["articles"], ["quotes", "--speaker", "Alice"],
                                     ["timeline", "--who", "Bob Jones"]])
def test_pages_put_together_are_the_whole_list(store30, command):
    whole = run_json(*command, "--store", store30)
    assert len(whole) == 30
    pages = []
    for offset in range(0, 35, 7):
        pages += run_json(*command, "--limit", "7", "--offset", str(offset), "--store", store30)
    assert pages == whole


def test_from_and_to_bound_the_publication_date(store30):
    quotes = run_json("quotes", "--from", "2019-01-10", "--to", "2019-01-12", "--store", store30)
    assert sorted(q["article"] for q in quotes) == ["a009.txt", "a010.txt", "a011.txt"]
    dates = run_json("dates", "--from", "2019-01-28", "--store", store30)
    assert [d["article"] for d in dates] == ["a027.txt"]
    assert run_json("quotes", "--to", "2018", "--store", store30) == []
    assert len(run_json("dates", "--from", "2019", "--to", "2019-01", "--store", store30)) == 30
    timeline = run_json("timeline", "--published-from", "2019-01-03", "--published-to", "2019-01-04",
                        "--store", store30)
    assert sorted(t["article"] for t in timeline) == ["a002.txt", "a003.txt"]
    # --from/--to of the timeline keep their meaning: the dates the sentences give
    assert [t["value"] for t in run_json("timeline", "--from", "2019-03-05", "--to", "2019-03-05",
                                         "--store", store30)] == ["2019-03-05"]
    bad = run("quotes", "--from", "2019-02-30", "--store", store30)
    assert bad.exit_code == 2 and "--from" in bad.stderr


def test_contains_finds_words_not_substrings_and_both_spellings_of_a_compound(tmp_path):
    store = make_store(tmp_path / "s", [article(0, "send me an e-mail today"), article(1, "send me an email today"),
                                        article(2, "the mailroom is closed"), article(3, "Éxito total, dijo")])

    def found(text):
        return sorted(q["article"] for q in run_json("quotes", "--contains", text, "--store", store))

    assert found("email") == found("e-mail") == found("E-Mail") == ["a000.txt", "a001.txt"]
    assert found("mail") == ["a000.txt"]  # a word of the compound, not a piece of "mailroom"
    assert found("an email today") == found("an e-mail today") == ["a000.txt", "a001.txt"]
    assert found("today an") == []  # the words in a row
    assert found("exito") == ["a003.txt"]  # accents and case do not matter
    assert found("mailro") == []
    assert found("!!!") == ["a000.txt", "a001.txt", "a002.txt", "a003.txt"]  # no words: no filter


def test_contains_words_and_its_full_text_query():
    assert contains_words("We did talk a lot about his case", "talk a lot")
    assert not contains_words("We did talk a lot", "alk a")
    assert contains_words("the e-mail was sent", "email") and contains_words("the email was sent", "e-mail")
    assert fts_query("e-mail server") == '("e mail" OR "email") AND "server"'
    assert fts_query("don't") == '"don\'t"' and fts_query("...") is None


def test_json_lists_are_streamed_in_the_layout_of_a_json_list(store30):
    result = run("quotes", "--json", "--limit", "2", "--store", store30)
    items = json.loads(result.stdout)
    assert result.stdout == json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    empty = run("quotes", "--json", "--speaker", "Nobody Atall", "--store", store30)
    assert empty.stdout == "[]\n"


def test_a_table_shows_a_page_and_says_there_are_more(store30):
    result = run("dates", "--limit", "4", "--store", store30, env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "4 dates" in result.stdout
    assert "there are more" in result.stderr and "there are more" not in result.stdout
    assert "there are more" not in run("dates", "--limit", "0", "--store", store30).stderr


def test_queries_answer_from_a_current_index_without_reading_the_manifest(store30, monkeypatch):
    expected = {name: run_json(*q, "--store", store30) for name, q in (
        ("show", ["show", "a007"]), ("who", ["who", "Alice Smith"]), ("quotes", ["quotes", "--article", "a003"]))}

    def no_manifest(self):
        raise AssertionError("the manifest was read")

    monkeypatch.setattr(store_module.Store, "load", no_manifest)
    for name, q in (("show", ["show", "a007"]), ("who", ["who", "Alice Smith"]),
                    ("quotes", ["quotes", "--article", "a003"])):
        assert run_json(*q, "--store", store30) == expected[name]
    for q in (["dates", "--limit", "3"], ["timeline", "--who", "Alice Smith"], ["entities", "--top", "2"],
              ["articles", "--limit", "2"], ["quotes", "--speaker", "Alice", "--contains", "email"]):
        result = run(*q, "--json", "--store", store30)
        assert result.exit_code == 0, (q, result.stderr)


def test_an_ambiguous_or_unknown_prefix_still_exits_as_before(store30):
    assert run("show", "a0", "--store", store30).exit_code == 4
    assert run("show", "zzz", "--store", store30).exit_code == 3


def test_an_index_of_an_older_version_is_rebuilt(tmp_path, store30):
    import shutil

    store = tmp_path / "s"
    shutil.copytree(store30, store)
    expected = run_json("quotes", "--store", store)
    db = sqlite3.connect(store / "index.sqlite")
    db.execute("UPDATE meta SET value='7' WHERE name='version'")
    db.commit()
    db.close()
    assert run_json("quotes", "--store", store) == expected


@pytest.mark.parametrize("damage", ["DROP TABLE quote_fts", "DELETE FROM persons", "UPDATE quotes SET crc = crc + 1",
                                    "DROP TABLE date_people", "UPDATE names SET seq = seq + 1"])
def test_a_damaged_table_of_the_index_is_rebuilt_not_a_traceback(tmp_path, store30, damage):
    import shutil

    store = tmp_path / "s"
    shutil.copytree(store30, store)
    queries = [["quotes", "--contains", "email"], ["who", "Alice Smith"], ["timeline", "--who", "Bob Jones"],
               ["quotes", "--speaker", "Alice"]]
    expected = [run_json(*q, "--store", store) for q in queries]
    for q, want in zip(queries, expected):
        db = sqlite3.connect(store / "index.sqlite")
        try:
            db.execute(damage)
            db.commit()
        except sqlite3.OperationalError:  # dropped by the previous query's damage and rebuilt
            pass
        db.close()
        result = run(*q, "--json", "--store", store)
        assert "Traceback" not in result.stderr
        if "DELETE FROM persons" in damage:  # a lookup that finds no one: answered after the next extract
            continue
        assert result.exit_code == 0 and json.loads(result.stdout) == want, (damage, q, result.stderr)


def test_batched_writes_are_atomic_documents_with_distinct_files(tmp_path):
    docs = [article(0), {**article(1), "id": "A000.txt"}, {**article(2), "id": "a000.TXT"}]
    with Store(tmp_path).open_for_writing() as s:
        s.write_articles((d, "k") for d in docs)
        s.write_articles([])
        files = [s.entries[d["id"]]["file"] for d in docs]
    assert len({f.casefold() for f in files}) == 3
    assert not list(tmp_path.rglob(".*.tmp"))
    reopened = open_store(tmp_path)  # through the journal: no manifest was saved
    assert [reopened.read_article(d["id"])["title"] for d in docs] == ["Title 0", "Title 1", "Title 2"]
    assert reopened.is_current("A000.txt", "k")


def test_a_failed_batch_leaves_no_temporary_file_and_no_entry(tmp_path, monkeypatch):
    import os

    real = os.replace
    calls = []

    def replace_once(src, dst):
        if calls:
            raise OSError(28, "No space left on device")
        calls.append(dst)
        return real(src, dst)

    with Store(tmp_path).open_for_writing() as s:
        monkeypatch.setattr(store_module.os, "replace", replace_once)
        with pytest.raises(OSError):
            s.write_articles((article(i), "k") for i in range(3))
        monkeypatch.undo()
        # a document is listed only once the whole batch is on disk: this one is redone
        assert list(s.entries) == []
    assert not list(tmp_path.rglob(".*.tmp"))
    assert open_store(tmp_path).article_ids() == []


@pytest.mark.parametrize("dense", [1, 10 ** 9])
def test_contains_gives_the_same_pages_whether_its_word_is_rare_or_common(tmp_path, monkeypatch, dense):
    from factx import index

    docs = [article(i, "an email about the budget" if i % 3 else "nothing to report") for i in range(12)]
    store = make_store(tmp_path / "s", docs)
    monkeypatch.setattr(index, "DENSE", dense)  # 1: every word is common (walk in order)
    whole = run_json("quotes", "--contains", "e-mail", "--store", store)
    assert [q["article"] for q in whole] == [f"a{i:03d}.txt" for i in range(12) if i % 3]
    assert run_json("quotes", "--contains", "email", "--limit", "3", "--offset", "2", "--store", store) == whole[2:5]


def test_entities_json_lists_every_article_and_counts_them(tmp_path, store30):
    import shutil

    rows = run_json("entities", "--store", store30)
    assert {r["name"]: r["n_articles"] for r in rows} == {"Senate": 30, "Alice Smith": 30, "Bob Jones": 30}
    assert all(r["n_articles"] == len(r["articles"]) for r in rows)
    assert run_json("entities", "--top", "1", "--label", "ORG", "--store", store30)[0]["articles"][:2] == \
        ["a000.txt", "a001.txt"]
    store = tmp_path / "s"
    shutil.copytree(store30, store)
    db = sqlite3.connect(store / "index.sqlite")
    db.execute("""UPDATE entity_summary SET articles = '["a000.txt"]'""")  # a hand edit, or damage
    db.commit()
    db.close()
    result = run("entities", "--json", "--store", store)
    assert json.loads(result.stdout) == rows and "rebuilt" in result.stderr


def test_two_writers_of_one_index_number_their_rows_apart(tmp_path):
    """A query bringing the index up to date while an extract writes it: each write
    transaction numbers its rows from what is there (no clash of row ids)."""
    from factx.index import Index

    store = make_store(tmp_path / "s", [article(0), article(1)])
    s = open_store(store)
    late = Index(s)
    late.add(article(5), "k")  # numbers its rows, then another writer goes first
    late.commit()
    early = Index(s)
    early.add(article(0), "k")
    early.commit()
    late.add(article(1), "k")
    late.commit()
    late.refresh()
    assert [r["id"] for r in late.article_rows()] == ["a000.txt", "a001.txt"]
    assert sorted(q["article"] for q in late.quotes()) == ["a000.txt", "a001.txt"]
    late.close()
    early.close()


def test_dates_and_timeline_search_the_words_of_dated_sentences(tmp_path):
    store = make_store(tmp_path / "s", [article(0, "send me an e-mail today"), article(1, "the budget is fine"),
                                        article(2, "an email, again")])

    def found(*args):
        return sorted(d["article"] for d in run_json(*args, "--store", store))

    assert found("dates", "--contains", "email") == ["a000.txt", "a002.txt"]
    assert found("dates", "--contains", "E-Mail", "--type", "date") == ["a000.txt", "a002.txt"]
    assert found("timeline", "--contains", "Bob Jones agreed") == ["a000.txt", "a001.txt", "a002.txt"]
    assert found("timeline", "--contains", "budget", "--who", "Alice Smith") == ["a001.txt"]
    assert found("timeline", "--contains", "bud") == [] and found("dates", "--contains", "jones bob") == []


def test_a_page_that_stops_early_leaves_no_cursor_to_a_closed_index(tmp_path):
    """`quotes --speaker NAME --limit N` reads two queries merged; the page ends at N items and
    the index is closed: nothing may step those cursors afterwards (no "Exception ignored")."""
    import subprocess
    import sys
    from pathlib import Path

    store = make_store(tmp_path / "s", [article(i) for i in range(5)])
    src = str(Path(__file__).resolve().parent.parent / "src")
    proc = subprocess.run([sys.executable, "-m", "factx", "quotes", "--speaker", "Alice Smith", "--limit", "2",
                           "--json", "--store", str(store)], capture_output=True, text=True,
                          env={"PYTHONPATH": src, "NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0 and len(json.loads(proc.stdout)) == 2
    assert proc.stderr == ""


# ---- what opening the index for extract checks ------------------------------------------------

def _spoil_a_quote(path, rowid):
    """Bit rot in one quote row (where its quote is in the article's document) that SQLite
    itself cannot see: only its checksum can."""
    db = sqlite3.connect(path / "index.sqlite")
    db.execute("UPDATE quotes SET start = start + 1 WHERE rowid = ?", (rowid,))
    db.commit()
    db.close()


def _open_for_extract(path):
    from factx.index import open_index
    with Store(path).open_for_writing() as s:
        index, _ = open_index(s)
        notes = list(index.notes)
        index.close()
    return notes


def test_extract_on_a_small_store_checks_every_row(tmp_path):
    path = make_store(tmp_path / "store", [article(i) for i in range(30)])
    run_json("quotes", "--store", path)  # builds the index
    _spoil_a_quote(path, 25)
    assert any("damaged" in n for n in _open_for_extract(path))


def test_extract_on_a_big_store_checks_the_next_rows_in_turn(tmp_path, monkeypatch):
    from factx import index as index_module
    monkeypatch.setattr(index_module, "CHECK_WHOLE_MAX_ARTICLES", 10)
    monkeypatch.setattr(index_module, "ROWS_CHECKED_PER_EXTRACT", 8)
    whole_checks = []
    monkeypatch.setattr(index_module.Index, "check", lambda self: whole_checks.append(1))
    path = make_store(tmp_path / "store", [article(i) for i in range(30)])
    run_json("quotes", "--store", path)
    _spoil_a_quote(path, 25)
    rounds = []
    for _ in range(6):
        rounds.append(any("damaged" in n for n in _open_for_extract(path)))
    assert rounds[:3] == [False, False, False] and rounds[3]  # rows 1-8, 9-16, 17-24, then 25-32
    assert not whole_checks  # SQLite's whole-file check only for an index left open
    assert run_json("quotes", "--store", path)[25]["text"] == "the e-mail server was fine"


def test_entities_lists_printed_from_the_index_bytes_are_the_articles_in_every_json_format(tmp_path):
    odd = ['quote " and backslash \\ .txt', "café/été.txt", "tab\there\nnewline.txt", "plain.txt"]
    docs = []
    for i, aid in enumerate(odd):
        doc = article(i)
        doc["id"] = aid
        for item in doc["quotes"] + doc["dates"]:
            item["article"] = aid
        docs.append(doc)
    store = make_store(tmp_path / "s", docs)
    rows = run_json("entities", "--store", store)
    assert {r["name"]: sorted(r["articles"]) for r in rows} == {name: sorted(odd) for name in
                                                                ("Senate", "Alice Smith", "Bob Jones")}
    lines = [json.loads(line) for line in run("entities", "--format", "jsonl", "--store", store).stdout.splitlines()]
    assert lines == rows
    from factx.index import open_index

    index, _ = open_index(open_store(store))
    assert list(index.entities()) == rows  # the decoded lists, as the library gives them
    index.close()


def test_the_entities_table_counts_articles_without_reading_their_lists(store30, monkeypatch):
    from factx.index import Index

    def no_lists(*args, **kwargs):
        raise AssertionError("the table read a list of articles")

    monkeypatch.setattr(Index, "_entity_articles", no_lists)
    monkeypatch.setattr(Index, "_person_articles", no_lists)
    result = run("entities", "--store", store30)
    assert result.exit_code == 0, result.stderr
    assert "Alice Smith" in result.stdout and "30" in result.stdout


def test_people_and_speakers_with_every_token_are_found_by_seeks_as_by_reading_every_row(tmp_path):
    from itertools import combinations

    from factx.index import open_index

    names = ["Alice Smith", "Ann Smith", "Bob Jones", "Alice Jones", "Ann Alice Smith"]
    store = make_store(tmp_path / "s", [article(i, speaker=names[i % len(names)]) for i in range(15)])
    index, _ = open_index(open_store(store))
    try:
        for table in ("alias_tokens", "speaker_tokens"):
            rows = index.db.execute(f"SELECT token, pid FROM {table} WHERE pid IS NOT NULL").fetchall()
            words = sorted({t for t, _ in rows})
            assert {"alice", "smith", "jones", "ann"} <= set(words)
            for n in (1, 2, 3):
                for tokens in combinations(words, n):
                    every = sorted(set.intersection(*({p for t, p in rows if t == w} for w in tokens)))
                    assert index._pids_with_every_token(table, list(tokens)) == every, (table, tokens)
                    assert index._pids_with_every_token(table, list(tokens), most=len(every)) == every
                    if every:
                        assert index._pids_with_every_token(table, list(tokens), most=len(every) - 1) is None
    finally:
        index.close()


def test_a_name_of_several_people_gives_the_same_statements_merged_per_person_or_sorted_at_once(tmp_path, monkeypatch):
    from factx import index as index_module

    names = ["Alice Smith", "Ann Smith", "Bob Jones", "Carl Smith"]
    store = make_store(tmp_path / "s", [article(i, speaker=names[i % len(names)]) for i in range(24)])
    merged = run_json("quotes", "--speaker", "Smith", "--store", store)
    pages = [run_json("quotes", "--speaker", "Smith", "--limit", "5", "--offset", str(o), "--store", store)
             for o in range(0, 20, 5)]
    monkeypatch.setattr(index_module, "MERGED_PIDS", 0)
    assert run_json("quotes", "--speaker", "Smith", "--store", store) == merged
    every_token = index_module.Index._pids_with_every_token
    monkeypatch.setattr(index_module.Index, "_pids_with_every_token",  # "too many people": the NOT IN query
                        lambda self, table, tokens, most=None: None if most is not None else every_token(self, table, tokens))
    assert run_json("quotes", "--speaker", "Smith", "--store", store) == merged
    assert len(merged) == 18 and [q for page in pages for q in page] == merged
    assert [q["article"] for q in merged] == sorted(q["article"] for q in merged)


def test_the_checksum_of_a_list_read_as_bytes_is_the_checksum_of_its_text():
    from factx.index import _crc, _crc_with_bytes

    parts = ("GPE", "São Paulo", '["é.txt", "a\\tb.txt"]', '["Sao Paulo"]')
    assert _crc_with_bytes(parts[0], parts[1], parts[2].encode(), parts[3]) == _crc(*parts)
    assert _crc_with_bytes("a", None, 5) == _crc("a", None, 5)
