"""A hostile store: damaged or hand-edited documents, manifests, journals and index files, a
read-only store, leftovers of a kill. No command may raise; the next `extract` repairs."""
import json
import os
import random
import shutil
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import document_file, extracted_store, run, run_json, write_inputs
from factx.store import content_hash, stored_file

TEXTS = {
    "a.txt": 'Alice Smith said "We will win this fight in the city" on Monday, March 2, 2020. '
             "Smith, 42, is the mayor.\n",
    "b.txt": 'Bob Jones told reporters on 5 May 2019 that "the plan is dead". Jones is a senator.\n',
    "c.txt": "Carol White visited Paris on 1 June 2018. White is a writer.\n",
}
# Every query command, as a user would run them (each must answer or fail with a message).
QUERIES = [["articles"], ["articles", "--json"], ["show", "a.txt"], ["show", "a.txt", "--json"],
           ["show", "a.txt", "--text"], ["show", "a.txt", "--text", "--json"], ["quotes"], ["quotes", "--json"],
           ["dates", "--json"], ["timeline"], ["timeline", "--json"], ["who", "Alice Smith"],
           ["who", "Alice Smith", "--json"], ["entities"], ["entities", "--json"],
           # the bounded forms of issue 16: full-text search, pages, a person's latest
           ["quotes", "--contains", "fight", "--limit", "1", "--json"], ["who", "Alice Smith", "--limit", "1"],
           ["timeline", "--who", "Alice Smith", "--limit", "1", "--json"], ["dates", "--from", "2019", "--offset", "1"]]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    return write_inputs(tmp_path_factory.mktemp("inputs"), TEXTS)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory, inputs):
    return extracted_store(tmp_path_factory.mktemp("pristine") / "store", inputs)


# The answers compared before and after damage, by name.
COMPARED = {"quotes": ["quotes"], "dates": ["dates"], "timeline": ["timeline"], "who": ["who", "Alice Smith"],
            "entities": ["entities"], "articles": ["articles"], "show": ["show", "b.txt"]}


@pytest.fixture(scope="module")
def baseline(pristine):
    return {name: run_json(*q, "--store", pristine) for name, q in COMPARED.items()}


@pytest.fixture
def store(tmp_path, pristine):
    copy = tmp_path / "store"
    shutil.copytree(pristine, copy)
    return copy


def answers(*args, env=None):
    """Run a command and check it answered or failed cleanly: no traceback, no exception."""
    result = run(*args, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"{args}: {type(result.exception).__name__}: {result.exception}\n{result.stderr}"
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    return result


def all_queries_answer(store):
    return {" ".join(q): answers(*q, "--store", store) for q in QUERIES}


def listed(store):
    return sorted(r["id"] for r in json.loads(answers("articles", "--json", "--store", store).stdout))


def manifest(store):
    return json.loads((store / "manifest.json").read_text(encoding="utf-8"))


def write_doc(store, doc, file="a.txt.json", keep_size=True):
    """Write a document as a hand edit would; with ``keep_size`` the manifest's size follows (so
    only reading the document can tell), and the index is dropped so that it is read again."""
    data = json.dumps(doc).encode("utf-8")  # ASCII: a lone surrogate as an escape
    document_file(store, file).write_bytes(data)
    if keep_size:
        m = manifest(store)
        for entry in m["articles"].values():
            if entry["file"].rsplit("/", 1)[-1] == file:
                entry["size"] = len(data)
        (store / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    (store / "index.sqlite").unlink(missing_ok=True)


def read_doc(store, file="a.txt.json"):
    return json.loads(document_file(store, file).read_text(encoding="utf-8"))


def extract(inputs, store, *more):
    result = answers("extract", inputs, "--store", store, "--json", "-q", *more)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# ---- 2. a document with a wrong field type ---------------------------------------------------
def _set(doc, path, value):
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


BAD_FIELDS = [
    (("quotes",), "x"), (("quotes",), [None]), (("text",), None), (("people", 0, "name"), 12),
    (("dates", 0, "start"), "57"), (("quotes", 0, "end"), "52"), (("entities",), [5]), (("sentences",), {}),
    (("people", 0, "mentions"), [["0", 11]]), (("people", 0, "attributes"), None), (("people", 0, "aliases"), 3),
    (("warnings",), "oops"), (("title",), ["a"]), (("published",), 2020), (("id",), None), (("dates", 0), "d"),
    (("quotes", 0, "statement"), [1]), (("dates", 0, "people"), [1]), (("quotes", 0, "text"), "\ud800"),
    (("dates", 0, "start"), 2 ** 63), (("people", 0, "mentions"), [[0, -2 ** 64]]),  # beyond SQLite's integers
]


@pytest.mark.parametrize("path,value", BAD_FIELDS, ids=[f"{'.'.join(map(str, p))}={v!r}" for p, v in BAD_FIELDS])
def test_a_document_with_a_wrong_field_type_is_reported_and_skipped(store, path, value):
    doc = read_doc(store)
    _set(doc, path, value)
    write_doc(store, doc)
    results = all_queries_answer(store)
    show = results["show a.txt"]
    assert show.exit_code == 1 and "a.txt.json" in show.stderr and len(show.stderr.strip().splitlines()) == 1
    assert "skipped article 'a.txt'" in results["articles"].stderr
    assert [r["id"] for r in json.loads(results["articles --json"].stdout)] == ["b.txt", "c.txt"]


def test_extract_redoes_a_document_with_a_wrong_field_type(store, inputs, baseline):
    doc = read_doc(store)
    doc["quotes"] = "x" * len(json.dumps(doc["quotes"]))  # a hand edit; the content hash tells
    write_doc(store, doc)
    assert "skipped article 'a.txt'" in answers("articles", "--store", store).stderr
    assert extract(inputs, store)["extracted"] == 1
    result = answers("articles", "--store", store)
    assert result.exit_code == 0 and "Warning" not in result.stderr
    assert run_json("quotes", "--store", store) == baseline["quotes"]
    # and --force, which re-reads everything, on a store with a bad document
    doc = read_doc(store)
    doc["people"][0]["name"] = 7
    write_doc(store, doc)
    assert extract(inputs, store, "--force")["extracted"] == 3
    assert run_json("who", "Alice Smith", "--store", store) == baseline["who"]


def test_a_document_nested_too_deeply_is_corrupt_not_a_crash(store):
    document_file(store, "a.txt.json").write_text("[" * 100_000 + "]" * 100_000)
    (store / "index.sqlite").unlink()
    results = all_queries_answer(store)
    assert results["show a.txt"].exit_code == 1 and "corrupt JSON" in results["show a.txt"].stderr


_JSON = st.recursive(st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=6),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                     max_leaves=6)
_MISSING = object()


def _field_paths(doc):
    paths = [(k,) for k in doc]
    for key in ("sentences", "entities", "quotes", "dates", "people"):
        paths += [(key, 0)] + [(key, 0, k) for k in doc[key][0]]
    paths += [("people", 0, "mentions", 0), ("people", 0, "mentions", 0, 1), ("people", 0, "attributes", 0)]
    paths += [("people", 0, "attributes", 0, k) for k in doc["people"][0]["attributes"][0]]
    return paths


@pytest.fixture(scope="module")
def scratch(tmp_path_factory, pristine):
    copy = tmp_path_factory.mktemp("scratch") / "store"
    shutil.copytree(pristine, copy)
    return copy


def _put(doc, path, value) -> None:
    """Set the field at ``path`` of ``doc`` to ``value`` (``_MISSING``: remove it)."""
    target = doc
    for step in path[:-1]:
        target = target[step]
    if value is _MISSING:
        del target[path[-1]]
    else:
        target[path[-1]] = value


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_random_json_in_any_field_never_makes_a_query_raise(scratch, pristine, data):
    doc = json.loads(document_file(pristine, "a.txt.json").read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(_field_paths(doc)), label="field")
    value = data.draw(_JSON | st.just(_MISSING), label="value")
    _put(doc, path, value)
    write_doc(scratch, doc)
    for q in (["articles", "--json"], ["show", "a.txt", "--json"], ["show", "a.txt", "--text"], ["quotes"],
              ["timeline", "--json"], ["who", "Alice Smith"], ["entities", "--json"], ["dates"]):
        answers(*q, "--store", scratch)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_the_quick_document_check_accepts_only_what_the_field_by_field_check_accepts(pristine, data):
    from factx.schema import check_fields, validate_article

    doc = json.loads(document_file(pristine, "a.txt.json").read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(_field_paths(doc)), label="field")
    value = data.draw(_JSON | st.just(_MISSING) | st.just("lone \ud800 surrogate") | st.just(["x", "\udfff"])
                      | st.just(2 ** 63) | st.just([0, 2 ** 64]) | st.just(-2 ** 63 - 1), label="value")
    _put(doc, path, value)
    try:
        check_fields(doc)
    except ValueError as err:
        with pytest.raises(ValueError) as quick:
            validate_article(doc)
        assert str(quick.value) == str(err)  # the same reason
    else:
        validate_article(doc)


# ---- 3. a manifest of the wrong shape --------------------------------------------------------
def _entry_is(value):
    def edit(m):
        m["articles"]["a.txt"] = value
        return m
    return edit


MANIFESTS = {
    "a list": lambda m: [], "null": lambda m: None, "a string": lambda m: "x", "articles a list": lambda m: {
        **m, "articles": []}, "articles a string": lambda m: {**m, "articles": "x"},
    "an entry a string": _entry_is("a.txt.json"), "an entry null": _entry_is(None),
    "a size that is a string": lambda m: _entry_is({**m["articles"]["a.txt"], "size": "12"})(m),
    "a file that is a number": lambda m: _entry_is({**m["articles"]["a.txt"], "file": 3})(m),
    "no schema version": lambda m: {"articles": m["articles"]},
}


@pytest.mark.parametrize("damage", list(MANIFESTS))
def test_a_manifest_of_the_wrong_shape_is_rebuilt_from_the_documents(store, inputs, damage):
    (store / "manifest.json").write_text(json.dumps(MANIFESTS[damage](manifest(store))), encoding="utf-8")
    all_queries_answer(store)
    assert listed(store) == sorted(TEXTS)
    if damage in ("a list", "an entry a string"):
        assert extract(inputs, store)["skipped"] == 3  # the documents rebuilt the manifest: nothing redone
        assert isinstance(manifest(store)["articles"]["a.txt"], dict)


def test_a_manifest_nested_too_deeply_is_rebuilt(store):
    (store / "manifest.json").write_text("[" * 100_000)
    all_queries_answer(store)
    assert listed(store) == sorted(TEXTS)


def test_damaged_journal_lines_are_ignored(store, inputs):
    with open(store / "journal.jsonl", "w") as f:
        for line in ('"x"', "[]", '{"id": 3, "entry": {}}', '{"id": "a.txt", "entry": "a.txt.json"}',
                     '{"id": "a.txt", "entry": {"file": "a.txt.json", "size": []}}', "[" * 50_000):
            f.write(line + "\n")
    all_queries_answer(store)
    assert listed(store) == sorted(TEXTS)
    assert extract(inputs, store)["skipped"] == 3


# ---- 5. a read-only store --------------------------------------------------------------------
def snapshot(folder):
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def read_only(monkeypatch, store):
    """The store as on a read-only mount: os.access says no (the tests run as root, whom a
    chmod does not stop); the snapshot then shows that nothing in the store was written."""
    real = os.access
    inside = str(store)

    def access(path, mode, *args, **kwargs):
        if mode & os.W_OK and os.path.abspath(os.fspath(path)).startswith(inside):
            return False
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    return store


def test_a_read_only_store_with_a_current_index_is_read_as_it_is(read_only, tmp_path, baseline):
    before = snapshot(read_only)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    for q in ("quotes", "who", "timeline"):
        result = run(*COMPARED[q], "--store", read_only, "--json", env=env)
        assert result.exit_code == 0 and json.loads(result.stdout) == baseline[q] and "read-only" not in result.stderr
    assert snapshot(read_only) == before and not (tmp_path / "cache").exists()


@pytest.mark.parametrize("lag", ["no index", "journal", "old index"])
def test_a_read_only_store_with_a_lagging_index_is_indexed_in_the_user_cache(read_only, tmp_path, baseline, lag):
    if lag == "no index":
        (read_only / "index.sqlite").unlink()
    elif lag == "journal":  # an extract was killed: entries the index does not have yet
        (read_only / "journal.jsonl").write_text(json.dumps({"id": "b.txt", "entry": manifest(read_only)[
            "articles"]["b.txt"]}) + "\n")
    else:
        db = sqlite3.connect(read_only / "index.sqlite")
        db.execute("UPDATE meta SET value='3' WHERE name='version'")
        db.commit()
        db.close()
    before = snapshot(read_only)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    for q in ("quotes", "who", "timeline", "articles"):
        result = run(*COMPARED[q], "--store", read_only, "--json", env=env)
        assert result.exit_code == 0, result.stderr
        assert "read-only" in result.stderr and str(tmp_path / "cache") in result.stderr
        if q in baseline:
            assert json.loads(result.stdout) == baseline[q]
    assert snapshot(read_only) == before
    assert list((tmp_path / "cache" / "factx").glob("*/index.sqlite"))
    # with no usable cache folder either, the index is kept in memory
    (tmp_path / "nocache").write_text("a file, not a folder")
    result = run("quotes", "--store", read_only, "--json", env={"XDG_CACHE_HOME": str(tmp_path / "nocache")})
    assert result.exit_code == 0 and json.loads(result.stdout) == baseline["quotes"] and "in memory" in result.stderr
    assert snapshot(read_only) == before


def test_a_read_only_store_with_a_damaged_index(read_only, tmp_path, baseline):
    path = read_only / "index.sqlite"
    path.write_bytes(path.read_bytes()[:1000] + b"\xff" * (path.stat().st_size - 1000))
    before = snapshot(read_only)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    for q in ("quotes", "who"):
        result = answers(*COMPARED[q], "--store", read_only, "--json", env=env)
        assert result.exit_code == 0 and json.loads(result.stdout) == baseline[q]
    assert snapshot(read_only) == before


# ---- 6. bit flips in the index ---------------------------------------------------------------
def flip_in(path, needle, xor):
    data = bytearray(path.read_bytes())
    at = data.find(needle)
    assert at >= 0
    while at >= 0:
        data[at + len(needle) // 2] ^= xor
        at = data.find(needle, at + 1)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("needle,xor", [(b"win this fight", 0x01), (b"Paris", 0x80),
                                        (b"Alice", 0xC0), (b"2019-05-05", 0x04)])
def test_bit_flips_in_the_index_text_are_noticed_and_repaired(store, baseline, needle, xor):
    flip_in(store / "index.sqlite", needle, xor)
    noticed = []
    for name, q in COMPARED.items():  # each query on its own damaged copy
        shutil.copy(store / "index.sqlite", store / "damaged.sqlite")
        result = answers(*q, "--store", store, "--json")
        assert json.loads(result.stdout) == baseline[name], name
        if "damaged" in result.stderr and "rebuilt" in result.stderr:
            noticed.append(name)
        shutil.copy(store / "damaged.sqlite", store / "index.sqlite")
    # quotes and dates are printed from the documents (their text is not in the index): a flip in
    # the index's words or people is noticed by the whole check of `articles`, if not before
    assert "articles" in noticed, noticed
    all_queries_answer(store)
    for q, expected in baseline.items():
        assert run_json(*COMPARED[q], "--store", store) == expected, q


@pytest.mark.parametrize("seed", range(6))
def test_random_bit_flips_in_index_pages_never_raise_and_extract_repairs(store, inputs, baseline, seed):
    path = store / "index.sqlite"
    data = bytearray(path.read_bytes())
    rng = random.Random(seed)
    for _ in range(8 * (seed + 1)):
        at = rng.randrange(100, len(data))  # past the file header, into the pages
        data[at] ^= 1 << rng.randrange(8)
    path.write_bytes(bytes(data))
    all_queries_answer(store)
    extract(inputs, store)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    db.close()
    for q in ("quotes", "timeline", "who"):
        answers(*COMPARED[q], "--store", store)


def test_an_index_left_open_by_a_kill_is_checked(store, baseline):
    path = store / "index.sqlite"
    data = bytearray(path.read_bytes())
    data[len(data) - 2000:len(data) - 1000] = b"\x07" * 1000  # inside the last page
    path.write_bytes(bytes(data))
    (store / "index.sqlite-wal").write_bytes(b"\0" * 32)  # the writer never closed it
    all_queries_answer(store)
    for q, expected in baseline.items():
        assert run_json(*COMPARED[q], "--store", store) == expected, q


# ---- 10. document paths outside the store ----------------------------------------------------
@pytest.mark.parametrize("name", ["../../victim.json", "../victim.json", "/tmp/../victim.json", "..", ".",
                                  "sub/x.json", ".hidden.json", "a.txt.json\x00.json"])
def test_a_manifest_entry_naming_a_file_outside_the_store_is_refused(store, inputs, tmp_path, name):
    victim = tmp_path / "victim.json"
    victim.write_text(json.dumps({"id": "a.txt", "text": "secret", "title": "secret"}))
    m = manifest(store)
    m["articles"]["a.txt"]["file"] = name
    (store / "manifest.json").write_text(json.dumps(m))
    results = all_queries_answer(store)
    assert "secret" not in results["show a.txt --json"].stdout
    extract(inputs, store)
    assert json.loads(victim.read_text())["text"] == "secret"
    assert manifest(store)["articles"]["a.txt"]["file"] == stored_file("a.txt.json")


def test_a_journal_entry_naming_a_file_outside_the_store_is_refused(store, inputs, tmp_path):
    victim = tmp_path / "victim.json"
    victim.write_text("keep me")
    entry = {**manifest(store)["articles"]["a.txt"], "file": "../../victim.json", "key": "other"}
    (store / "journal.jsonl").write_text(json.dumps({"id": "a.txt", "entry": entry}) + "\n")
    all_queries_answer(store)
    extract(inputs, store, "--force")
    assert victim.read_text() == "keep me"


def test_a_document_that_links_outside_the_store_is_not_read_nor_written_through(store, inputs, tmp_path):
    victim = tmp_path / "victim.json"
    victim.write_text(json.dumps({**read_doc(store), "title": "secret"}))
    document_file(store, "a.txt.json").unlink()
    document_file(store, "a.txt.json").symlink_to(victim)
    (store / "index.sqlite").unlink()
    results = all_queries_answer(store)
    assert "secret" not in results["show a.txt --json"].stdout
    extract(inputs, store, "--force")
    assert json.loads(victim.read_text())["title"] == "secret"
    assert not document_file(store, "a.txt.json").is_symlink()


# ---- 11. two entries naming one file ---------------------------------------------------------
def test_two_entries_naming_one_file_get_a_file_each_and_converge(store, inputs, baseline):
    m = manifest(store)
    m["articles"]["b.txt"]["file"] = "a.txt.json"
    (store / "manifest.json").write_text(json.dumps(m))
    all_queries_answer(store)
    assert extract(inputs, store)["extracted"] == 1  # b.txt, into a file of its own
    files = {aid: e["file"] for aid, e in manifest(store)["articles"].items()}
    assert len(set(files.values())) == 3
    assert extract(inputs, store)["skipped"] == 3  # converged
    assert run_json("show", "a.txt", "--store", store)["id"] == "a.txt"
    assert run_json("show", "b.txt", "--store", store)["id"] == "b.txt"
    assert run_json("quotes", "--store", store) == baseline["quotes"]


# ---- 12. a document damaged without changing its size ----------------------------------------
def test_a_document_changed_in_place_is_flagged_by_articles_and_redone_by_extract(store, inputs, baseline):
    path = document_file(store, "a.txt.json")
    data = path.read_bytes()
    path.write_bytes(data.replace(b"Alice Smith said", b"Alice Smyth said"))
    assert path.stat().st_size == len(data) and path.read_bytes() != data
    result = answers("articles", "--store", store)
    assert "skipped article 'a.txt'" in result.stderr and "content" in result.stderr
    assert extract(inputs, store)["extracted"] == 1
    assert path.read_bytes() == data
    assert "Warning" not in answers("articles", "--store", store).stderr


def test_a_store_written_before_content_hashes_is_still_checked(store, inputs):
    m = manifest(store)
    for entry in m["articles"].values():
        del entry["hash"]
    (store / "manifest.json").write_text(json.dumps(m))
    doc = read_doc(store)
    doc["quotes"] = "y" * len(json.dumps(doc["quotes"]))
    write_doc(store, doc)
    assert extract(inputs, store)["extracted"] == 1
    assert all(e["hash"] == content_hash(document_file(store, e["file"]).read_bytes())
               for e in manifest(store)["articles"].values())


# ---- 18. temporary files and file modes ------------------------------------------------------
def test_stale_temporary_files_are_removed_by_the_next_extract(store, inputs):
    left = [store / "articles" / ".a.txt.json.k2j3.tmp", store / ".manifest.json.x8y.tmp"]
    for path in left:
        path.write_text("half")
    extract(inputs, store)
    assert not any(p.exists() for p in left)
    assert not list(store.rglob("*.tmp"))


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
def test_store_files_follow_the_umask(tmp_path, inputs, umask):
    old = os.umask(umask)
    try:
        extract(inputs, tmp_path / "s")
    finally:
        os.umask(old)
    for path in (tmp_path / "s").rglob("*"):
        if path.is_file():
            assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path


# ---- the same classes elsewhere --------------------------------------------------------------
def test_an_index_path_taken_by_a_folder_is_worked_around(store, tmp_path, baseline):
    (store / "index.sqlite").unlink()
    (store / "index.sqlite").mkdir()
    result = answers("quotes", "--store", store, "--json", env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert result.exit_code == 0 and json.loads(result.stdout) == baseline["quotes"]
    assert "cannot be rebuilt in place" in result.stderr


@pytest.mark.parametrize("name", ["journal.jsonl", "lock"])
def test_extract_does_not_write_through_a_link_out_of_the_store(store, inputs, tmp_path, name):
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    (store / name).unlink(missing_ok=True)
    (store / name).symlink_to(victim)
    result = answers("extract", inputs, "--store", store, "-q")
    assert result.exit_code == 1 and str(store) in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert victim.read_text() == "keep me"


def test_a_manifest_that_is_a_folder_is_an_error_not_a_traceback(store, inputs):
    (store / "manifest.json").unlink()
    (store / "manifest.json").mkdir()
    result = answers("extract", inputs, "--store", store, "-q")
    assert result.exit_code == 1 and "manifest.json" in result.stderr
    answers("quotes", "--store", store)


def _read_only_mount_works():
    import subprocess

    try:
        return subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs none /mnt && mount -o remount,ro /mnt"],
                              capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@pytest.mark.skipif(not _read_only_mount_works(), reason="needs `unshare -m` and mount (root, a container allowing it)")
@pytest.mark.parametrize("lagging", [False, True])
def test_queries_on_a_real_read_only_mount(store, tmp_path, baseline, lagging):
    """The store bind-mounted read-only in a private mount namespace: the kernel refuses writes."""
    import subprocess
    import sys

    if lagging:
        (store / "index.sqlite").unlink()
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    factx = f"{sys.executable} -m factx"
    script = (f"mount --bind '{store}' '{mnt}' && mount -o remount,bind,ro '{mnt}' && "
              f"{factx} quotes --json --store '{mnt}' && {factx} who 'Alice Smith' --json --store '{mnt}' >/dev/null && "
              f"{factx} articles --store '{mnt}' >/dev/null && {{ {factx} extract '{mnt}' --store '{mnt}' -q; "
              "echo \"extract=$?\" >&2; }")
    before = snapshot(store)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    proc = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == baseline["quotes"]
    assert ("read-only" in proc.stderr) == lagging and "Traceback" not in proc.stderr
    assert "extract=1" in proc.stderr and "cannot write the store" in proc.stderr
    assert snapshot(store) == before


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_random_json_in_the_manifest_or_journal_never_makes_a_query_raise(scratch, pristine, data):
    m = json.loads((pristine / "manifest.json").read_text(encoding="utf-8"))
    where = data.draw(st.sampled_from(["manifest", "articles", "entry", "field", "journal"]), label="where")
    value = data.draw(_JSON, label="value")
    journal = ""
    if where == "manifest":
        m = value
    elif where == "articles":
        m["articles"] = value
    elif where == "entry":
        m["articles"]["b.txt"] = value
    elif where == "field":
        m["articles"]["b.txt"][data.draw(st.sampled_from(["file", "key", "size", "hash", "title"]))] = value
    else:
        journal = json.dumps({"id": "b.txt", "entry": value}) + "\n"
    shutil.copy(document_file(pristine, "a.txt.json"), document_file(scratch, "a.txt.json"))
    (scratch / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    (scratch / "journal.jsonl").write_text(journal, encoding="utf-8")
    for q in (["articles", "--json"], ["show", "b.txt", "--json"], ["quotes"], ["who", "Alice Smith"]):
        answers(*q, "--store", scratch)


def test_a_query_meeting_an_index_locked_by_another_process_exits_busy_and_keeps_it(store, monkeypatch):
    """A long rebuild by another process holds the index past SQLite's wait: the query says the
    store is busy (exit 5) instead of taking the index for damaged and deleting it."""
    import factx.index as index_module

    def locked(self, *args, **kwargs):
        raise sqlite3.OperationalError("database is locked")
    monkeypatch.setattr(index_module.Index, "refresh", locked)
    before = (store / "index.sqlite").stat().st_ino
    result = answers("quotes", "--store", store, "--json")
    assert result.exit_code == 5 and "another factx process" in result.stderr
    assert (store / "index.sqlite").stat().st_ino == before
