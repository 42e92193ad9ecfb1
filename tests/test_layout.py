"""The sharded store layout (store version 2) and the one-time migration of a version 1 store
(every document straight in articles/): written and read, migrated by `extract` without redoing
any article, resumed after a stop at any point, read as it is when read-only, never a path out
of the store; and document writes that are durable before they are journaled."""
import errno
import hashlib
import json
import os
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import document_file, document_files, extracted_store, run, run_json, write_inputs
from factx import store as store_module
from factx.store import (FLAT_VERSION, STORE_VERSION, Store, article_filename, open_store, safe_filename,
                         shard_of)

TEXTS = {
    "a.txt": 'Alice Smith said "We will win this fight in the city" on Monday, March 2, 2020.\n',
    "b.txt": 'Bob Jones told reporters on 5 May 2019 that "the plan is dead". Jones is a senator.\n',
    "c.txt": "Carol White visited Paris on 1 June 2018. White is a writer.\n",
}
QUERIES = {"articles": ["articles"], "quotes": ["quotes"], "dates": ["dates"], "who": ["who", "Alice Smith"],
           "show": ["show", "b.txt"], "timeline": ["timeline"], "entities": ["entities"]}


def doc(article_id, **extra):
    return {"id": article_id, "text": "t", "title": "T", **extra}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    return write_inputs(tmp_path_factory.mktemp("inputs"), TEXTS)


@pytest.fixture(scope="module")
def sharded(tmp_path_factory, inputs):
    return extracted_store(tmp_path_factory.mktemp("sharded") / "store", inputs)


@pytest.fixture(scope="module")
def baseline(sharded):
    return {name: run_json(*q, "--store", sharded) for name, q in QUERIES.items()}


def make_old_store(sharded, target, keep_index=True):
    """The store as factx before sharding wrote it, made by hand: every document straight in
    articles/, a manifest of schema version 1 without the layout, no shard folder."""
    shutil.copytree(sharded, target)
    for path in document_files(target):
        path.rename(target / "articles" / path.name)
    for folder in (target / "articles").iterdir():
        if folder.is_dir():
            folder.rmdir()
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    manifest["schema_version"] = FLAT_VERSION
    del manifest["layout"]
    (target / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    if not keep_index:
        (target / "index.sqlite").unlink()
    return target


def snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def flat_documents(store):
    return sorted(p.name for p in (store / "articles").glob("*.json"))


def extract(inputs, store, *more):
    result = run("extract", inputs, "--store", store, "--json", "-q", *more)
    assert result.exit_code == 0 and "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)


def assert_sharded(store):
    """Every document in its shard folder, none straight in articles/, a manifest of this
    version whose entries give each document's path in the store."""
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["schema_version"] == STORE_VERSION and manifest["layout"] == store_module.LAYOUT
    assert flat_documents(store) == []
    files = sorted(e["file"] for e in manifest["articles"].values())
    assert sorted(p.relative_to(store).as_posix() for p in document_files(store)) == files
    for file in files:
        assert (store / file).is_file() and document_file(store, file.rsplit("/", 1)[1]) == store / file


# ---- the layout ------------------------------------------------------------------------------
def test_documents_are_written_in_the_shard_folder_the_readme_describes(tmp_path):
    with Store(tmp_path).open_for_writing() as s:
        s.write_articles((doc(f"news/{i}.txt"), "k") for i in range(40))
        s.save_manifest(model="m")
    for i in range(40):
        name = article_filename(f"news/{i}.txt")
        # the documented rule, as a script outside factx would compute it
        folder = hashlib.sha1(name.encode("utf-8")).hexdigest()[:2]
        assert (tmp_path / "articles" / folder / name).is_file()
    assert flat_documents(tmp_path) == [] and not list(tmp_path.rglob(".*.tmp"))
    assert len({p.parent.name for p in document_files(tmp_path)}) > 20  # spread, not one folder
    s = open_store(tmp_path)
    assert len(s.article_ids()) == 40 and s.read_article("news/7.txt")["title"] == "T"
    assert s.is_current("news/7.txt", "k") and s.damaged_articles(full=True) == {}


def test_an_extracted_store_is_sharded_and_answers(sharded, baseline):
    assert_sharded(sharded)
    assert [a["id"] for a in baseline["articles"]] == sorted(TEXTS)


@given(st.text(min_size=1, max_size=60))
def test_no_file_name_gets_a_path_out_of_the_articles_folder(name):
    store = Store("/nonexistent/store")
    file = name + ".json"
    if not safe_filename(file):
        with pytest.raises(ValueError):
            store.document_path({"file": file})
        return
    path = store.document_path({"file": file})
    assert path.parent.parent == store.root / "articles" and path.name == file
    assert len(path.parent.name) == 2 and shard_of(file) == path.parent.name


def test_a_shard_folder_that_links_out_of_the_store_is_neither_read_nor_written_through(sharded, inputs,
                                                                                       tmp_path, baseline):
    store = tmp_path / "store"
    shutil.copytree(sharded, store)
    shard = document_file(store, "a.txt.json").parent
    outside = tmp_path / "outside"
    shutil.copytree(shard, outside)
    victim = outside / "a.txt.json"
    victim.write_text(json.dumps({**json.loads(victim.read_text()), "title": "secret"}))
    shutil.rmtree(shard)
    shard.symlink_to(outside, target_is_directory=True)
    (store / "index.sqlite").unlink()
    shown = run("show", "a.txt", "--json", "--store", store)
    assert shown.exit_code == 1 and "secret" not in shown.stdout and "links outside" in shown.stderr
    before = snapshot(outside)
    assert extract(inputs, store)["extracted"] >= 1
    assert snapshot(outside) == before and not shard.is_symlink() and shard.is_dir()
    assert run_json("quotes", "--store", store) == baseline["quotes"]


# ---- durable writes --------------------------------------------------------------------------
def test_a_batch_is_synced_file_by_file_and_folder_by_folder_never_globally(tmp_path, monkeypatch):
    synced = []
    real_fsync = os.fsync

    def fsync(fd):
        synced.append(os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else fd)
        return real_fsync(fd)

    def no_global_sync():
        raise AssertionError("os.sync flushes every file of the machine")

    with Store(tmp_path).open_for_writing() as s:
        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "sync", no_global_sync)
        s.write_articles((doc(f"{i}.txt"), "k") for i in range(6))
    shards = {str(tmp_path / "articles" / shard_of(article_filename(f"{i}.txt"))) for i in range(6)}
    if os.path.exists("/proc/self/fd"):
        assert sum(1 for p in synced if p.endswith(".tmp")) == 6  # each document before its rename
        # each folder a document went to, once, and articles/ once for the shard folders made
        assert sorted(p for p in synced if not p.endswith(".tmp")) == sorted(shards | {str(tmp_path / "articles")})


@pytest.mark.parametrize("failing", ["sync_file", "sync_folder"])
def test_a_document_is_journaled_only_once_it_and_its_folder_are_synced(tmp_path, monkeypatch, failing):
    with Store(tmp_path).open_for_writing() as s:
        s.write_article(doc("first.txt"), "k")

        def full(path):  # a full disk shows at the sync of data written with delayed allocation
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(store_module, failing, full)
        with pytest.raises(OSError):
            s.write_articles([(doc("second.txt"), "k"), (doc("third.txt"), "k")])
        assert sorted(s.entries) == ["first.txt"]
    monkeypatch.undo()
    assert open_store(tmp_path).article_ids() == ["first.txt"]  # the journal lists what is on disk
    assert not list(tmp_path.rglob(".*.tmp"))


def test_extract_syncs_no_more_than_its_own_files(inputs, tmp_path, monkeypatch, baseline):
    def no_global_sync():
        raise AssertionError("os.sync")

    monkeypatch.setattr(os, "sync", no_global_sync)
    extract(inputs, tmp_path / "s")
    assert run_json("quotes", "--store", tmp_path / "s") == baseline["quotes"]


# ---- the migration of a version 1 store ------------------------------------------------------
@pytest.mark.parametrize("keep_index", [True, False])
def test_an_old_store_is_read_as_it_is_by_queries(sharded, tmp_path, baseline, keep_index):
    old = make_old_store(sharded, tmp_path / "old", keep_index)
    documents = {k: v for k, v in snapshot(old).items() if not k.startswith("index.sqlite")}
    for name, q in QUERIES.items():
        assert run_json(*q, "--store", old) == baseline[name], name
    after = {k: v for k, v in snapshot(old).items() if not k.startswith("index.sqlite")}
    assert after == documents and len(flat_documents(old)) == 3  # queries never migrate
    result = run("articles", "--store", old)
    assert result.exit_code == 0 and "Warning" not in result.stderr  # every document checked, all intact


def test_extract_migrates_an_old_store_once_without_redoing_an_article(sharded, inputs, tmp_path, baseline):
    old = make_old_store(sharded, tmp_path / "old")
    contents = {p.name: p.read_bytes() for p in (old / "articles").glob("*.json")}
    result = run("extract", inputs, "--store", old, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["skipped"] == 3
    assert "moved the 3 documents" in result.stderr and "shard folders" in result.stderr
    assert_sharded(old)
    assert {p.name: p.read_bytes() for p in document_files(old)} == contents  # moved, not rewritten
    for name, q in QUERIES.items():
        assert run_json(*q, "--store", old) == baseline[name], name
    again = run("extract", inputs, "--store", old, "--json")
    assert json.loads(again.stdout)["skipped"] == 3 and "moved" not in again.stderr


def test_an_old_store_left_by_a_killed_extract_is_migrated_from_its_journal(sharded, inputs, tmp_path, baseline):
    old = make_old_store(sharded, tmp_path / "old", keep_index=False)
    entries = json.loads((old / "manifest.json").read_text())["articles"]
    (old / "manifest.json").unlink()  # killed before its first manifest: only the journal lists them
    (old / "journal.jsonl").write_text("".join(json.dumps({"id": i, "entry": e}) + "\n" for i, e in entries.items()))
    assert run_json("quotes", "--store", old) == baseline["quotes"]
    assert extract(inputs, old)["skipped"] == 3
    assert_sharded(old)


@pytest.mark.parametrize("stop_after", [0, 1, 2])
def test_a_migration_stopped_after_any_move_reads_whole_and_is_finished_by_the_next_extract(
        sharded, inputs, tmp_path, baseline, monkeypatch, stop_after):
    old = make_old_store(sharded, tmp_path / "old")
    real_rename, moves = os.rename, []

    def rename_then_stop(src, dst):
        if len(moves) == stop_after:
            raise KeyboardInterrupt  # Ctrl-C (or SIGTERM) in the middle of the migration
        moves.append(dst)
        return real_rename(src, dst)

    monkeypatch.setattr(store_module.os, "rename", rename_then_stop)
    result = run("extract", inputs, "--store", old, "-q")
    monkeypatch.undo()
    assert result.exit_code == 130 and "interrupted" in result.stderr and "Traceback" not in result.stderr
    # the version is 2 before the first move: a factx before sharding refuses it rather than
    # write a document straight in articles/ that this one would not look for first
    assert json.loads((old / "manifest.json").read_text())["schema_version"] == STORE_VERSION
    assert len(flat_documents(old)) == 3 - stop_after and len(document_files(old)) == stop_after
    for name, q in QUERIES.items():  # half moved, read whole
        assert run_json(*q, "--store", old) == baseline[name], name
    assert run("articles", "--store", old).stderr.count("Warning") == 0
    assert extract(inputs, old)["skipped"] == 3
    assert_sharded(old)
    for name, q in QUERIES.items():
        assert run_json(*q, "--store", old) == baseline[name], name


def test_a_migration_stopped_before_its_manifest_is_written_leaves_the_old_store(sharded, inputs, tmp_path,
                                                                                baseline, monkeypatch):
    old = make_old_store(sharded, tmp_path / "old")
    before = snapshot(old)

    def killed(path, data):
        raise KeyboardInterrupt

    monkeypatch.setattr(store_module, "atomic_write", killed)
    result = run("extract", inputs, "--store", old, "-q")
    monkeypatch.undo()
    assert result.exit_code == 130 and "Traceback" not in result.stderr
    assert {k: v for k, v in snapshot(old).items() if k != "lock"} == {k: v for k, v in before.items() if k != "lock"}
    assert extract(inputs, old)["skipped"] == 3
    assert_sharded(old)


def test_a_store_is_read_during_a_move_of_its_documents(sharded, tmp_path, monkeypatch):
    """A query reading while an extract moves the document it wants from articles/ to its shard
    (between its two looks) still finds it."""
    old = make_old_store(sharded, tmp_path / "old")
    s = open_store(old)
    file = s.entries["a.txt"]["file"]
    real_lexists = os.path.lexists

    def moved_meanwhile(path):
        found = real_lexists(path)
        if str(path) == str(old / "articles" / file):  # the second look: the move happens now
            os.makedirs(document_file(old, file).parent, exist_ok=True)
            os.rename(old / "articles" / file, document_file(old, file))
            return False
        return found

    monkeypatch.setattr(os.path, "lexists", moved_meanwhile)
    assert s.read_article("a.txt")["id"] == "a.txt"


def test_a_document_that_exists_in_both_places_keeps_the_sharded_one(sharded, inputs, tmp_path, baseline):
    old = make_old_store(sharded, tmp_path / "old")
    stale = old / "articles" / "a.txt.json"
    newer = document_file(old, "a.txt.json")
    newer.parent.mkdir()
    shutil.copy(stale, newer)
    stale.write_text(json.dumps({**json.loads(stale.read_text()), "title": "stale"}))
    assert extract(inputs, old)["skipped"] == 3
    assert_sharded(old)
    assert run_json("quotes", "--store", old) == baseline["quotes"]


def test_a_read_only_old_store_is_queried_and_extract_says_it_cannot_write(sharded, inputs, tmp_path, baseline,
                                                                          monkeypatch):
    old = make_old_store(sharded, tmp_path / "old", keep_index=False)
    inside = str(old)
    real_access = os.access

    def access(path, mode, *args, **kwargs):  # a read-only mount as queries see it (root ignores chmod)
        if mode & os.W_OK and os.path.abspath(os.fspath(path)).startswith(inside):
            return False
        return real_access(path, mode, *args, **kwargs)

    def read_only(*args, **kwargs):  # and as extract meets it
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "access", access)
    before = snapshot(old)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    for name, q in QUERIES.items():
        result = run(*q, "--store", old, "--json", env=env)
        assert result.exit_code == 0 and json.loads(result.stdout) == baseline[name], result.stderr
    assert snapshot(old) == before
    monkeypatch.setattr(store_module.os, "rename", read_only)
    monkeypatch.setattr(store_module, "atomic_write", read_only)
    result = run("extract", inputs, "--store", old, "-q")
    assert result.exit_code == 1 and "cannot write the store" in result.stderr and "Traceback" not in result.stderr
    assert len(flat_documents(old)) == 3


def test_a_flat_document_linking_out_of_the_store_is_moved_but_never_followed(sharded, inputs, tmp_path):
    old = make_old_store(sharded, tmp_path / "old", keep_index=False)
    victim = tmp_path / "victim.json"
    victim.write_text(json.dumps({**json.loads((old / "articles" / "a.txt.json").read_text()), "title": "secret"}))
    (old / "articles" / "a.txt.json").unlink()
    (old / "articles" / "a.txt.json").symlink_to(victim)
    assert "secret" not in run("show", "a.txt", "--json", "--store", old).stdout
    assert extract(inputs, old)["extracted"] == 1  # redone, the link replaced
    assert not document_file(old, "a.txt.json").is_symlink() and json.loads(victim.read_text())["title"] == "secret"
    assert_sharded(old)


def test_a_store_of_a_later_version_is_refused_with_its_exit_code(tmp_path, inputs):
    store = tmp_path / "s"
    store.mkdir()
    (store / "manifest.json").write_text(json.dumps({"schema_version": STORE_VERSION + 1, "articles": {}}))
    for args in (["articles"], ["extract", inputs, "-q"]):
        result = run(*args, "--store", store)
        assert result.exit_code == 6 and f"schema version {STORE_VERSION + 1}" in result.stderr, args


def test_a_tool_that_reads_the_manifest_finds_every_document(tmp_path, inputs):
    """Outside tools (the evaluation scorers among them) open ``articles/<file name>`` or else
    the entry's "file" under the store: both layouts must lead them to the document."""
    store = tmp_path / "s"
    extract(inputs, store)
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    journal = [json.loads(line)["entry"] for line in (store / "journal.jsonl").read_text().splitlines()]
    for entry in list(manifest["articles"].values()) + journal:
        path = store / "articles" / entry["file"].rsplit("/", 1)[-1]
        if not path.exists():
            path = store / entry["file"]
        assert json.loads(path.read_text(encoding="utf-8"))["text"]


def test_a_version_2_manifest_of_names_alone_is_read_and_written_anew(tmp_path, inputs):
    store = tmp_path / "s"
    extract(inputs, store)
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    manifest["schema_version"] = 2
    for entry in manifest["articles"].values():
        entry["file"] = entry["file"].rsplit("/", 1)[1]
    (store / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    listed = run("articles", "--store", store, "--json")
    assert listed.exit_code == 0 and len(json.loads(listed.stdout)) == len(manifest["articles"])
    extract(inputs, store)
    assert_sharded(store)


def test_an_entry_naming_a_file_outside_its_shard_is_damaged():
    assert store_module.file_name("articles/00/x.txt.json") is None or store_module.shard_of("x.txt.json") == "00"
    name = "x.txt.json"
    assert store_module.file_name(store_module.stored_file(name)) == name
    assert store_module.file_name(name) == name
    for bad in ("../x.txt.json", "articles/zz/x.txt.json", "articles/../../x.json", "a/b/c/d.json", 3, None):
        assert store_module.file_name(bad) is None, bad

