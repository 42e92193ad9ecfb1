"""The command line against hostile input (issue 13): no control sequence reaches a terminal, odd
option values are clear errors, a no-op extract loads no spaCy, workers die with their parent."""
import json

import pytest

from conftest import run

ESC_SEQUENCES = ["\x1b]0;pwned\x07", "\x1b]52;c;ZXZpbA==\x1b\\", "\x1b[2J\x1b[31m", "\x9b31m", "\x07\x08\r"]
HOSTILE = "".join(ESC_SEQUENCES)


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    corpus.mkdir()
    text = (f"Mayor Dana Whit{HOSTILE}comb{HOSTILE}e spoke on March 3, 2019.\n\n"
            f"“We will open the library{HOSTILE} in May,” said Dana Whitcombe, 54.\n\n"
            f"Whitcombe{HOSTILE} said the budget was fine.")
    rows = [{"id": f"evil{HOSTILE}1", "title": f"Title{HOSTILE}", "text": text, "published": "2019-03-04"},
            {"id": "evil-2", "title": "Plain", "text": "Ola Brandt said “No comment” on Friday.",
             "published": "2019-03-05"}]
    (corpus / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    (corpus / f"bad{HOSTILE[:6]}.json").write_text("{not json", encoding="utf-8")
    store = root / "store"
    result = run("extract", corpus, "--store", store)
    assert result.exit_code == 1  # the broken file is listed among the failures
    assert not any(c in result.stderr for c in "\x1b\x9b\x07")
    return store


def no_controls(text):
    return not any(ord(c) < 32 and c not in "\n\t" or 0x7f <= ord(c) <= 0x9f for c in text)


@pytest.mark.parametrize("args", [
    ["articles"], ["show", "evil\x1b"], ["show", "evil\x1b", "--text"], ["quotes"], ["quotes", "--all"],
    ["dates"], ["timeline", "--all"], ["who", "Dana Whitcombe"], ["entities"],
])
def test_tables_carry_no_control_characters(hostile_store, args):
    result = run(*args, "--store", hostile_store)
    assert result.exit_code == 0, result.stderr
    assert no_controls(result.stdout) and no_controls(result.stderr)
    assert "\ufffd" in result.stdout or args[0] in ("entities", "dates", "who")


def test_json_keeps_the_data_exact(hostile_store):
    doc = json.loads(run("show", "evil\x1b", "--store", hostile_store, "--json").stdout)
    assert HOSTILE in doc["text"] and HOSTILE in doc["id"]


def test_error_messages_carry_no_control_characters(hostile_store):
    result = run("show", f"nothing{HOSTILE}", "--store", hostile_store)
    assert result.exit_code == 3 and no_controls(result.stderr)


@pytest.mark.parametrize("bound", ["2019-13-45", "2019-02-30", "2019-13", "19", "2019-1-1"])
def test_impossible_dates_are_usage_errors(hostile_store, bound):
    assert run("timeline", "--from", bound, "--store", hostile_store).exit_code == 2
    assert run("timeline", "--to", bound, "--store", hostile_store).exit_code == 2


def test_article_option_takes_a_prefix_and_says_when_there_is_none(hostile_store):
    assert run("quotes", "--article", "nope", "--store", hostile_store).exit_code == 3
    assert run("dates", "--article", "nope", "--store", hostile_store).exit_code == 3
    assert run("quotes", "--article", "evil", "--store", hostile_store).exit_code == 4
    dates = json.loads(run("dates", "--article", "evil-", "--store", hostile_store, "--json").stdout)
    assert dates and {d["article"] for d in dates} == {"evil-2"}


def test_huge_names_and_numbers_are_no_crash(hostile_store):
    long_name = " ".join(f"w{i}" for i in range(700))
    assert run("who", long_name, "--store", hostile_store).exit_code == 3
    assert run("timeline", "--who", long_name, "--store", hostile_store).exit_code == 3
    assert run("quotes", "--speaker", long_name, "--store", hostile_store).exit_code == 0
    assert run("entities", "--top", str(10 ** 20), "--store", hostile_store).exit_code == 0


def test_a_no_op_extract_from_the_command_line_does_not_load_spacy(tmp_path):
    import subprocess
    import sys

    from conftest import CORPUS

    store = tmp_path / "store"
    assert run("extract", CORPUS, "--store", store, "-q").exit_code == 0
    probe = ("import sys; from factx.cli import main; sys.argv = ['factx', 'extract', sys.argv[1], '--store', "
             "sys.argv[2], '-q']\ntry:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
             "print(code, 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe, str(CORPUS), str(store)], capture_output=True, text=True)
    assert out.stdout.split() == ["0", "False"], out.stderr


def test_workers_die_with_a_killed_extract(tmp_path):
    """A SIGKILLed `extract --jobs 2` leaves no worker behind."""
    import signal
    import subprocess
    import sys
    import time

    psutil = pytest.importorskip("psutil")
    from conftest import CORPUS

    src = tmp_path / "in"
    src.mkdir()
    text = next(CORPUS.glob("*.txt")).read_text(encoding="utf-8")
    for i in range(80):
        (src / f"c{i:02d}.txt").write_text(f"{text}\nCopy {i}.\n", encoding="utf-8")
    store = tmp_path / "s"
    proc = subprocess.Popen([sys.executable, "-m", "factx", "extract", str(src), "--store", str(store), "--jobs", "2",
                             "-q"], stderr=subprocess.DEVNULL)
    journal, deadline = store / "journal.jsonl", time.time() + 120
    while time.time() < deadline and proc.poll() is None and not (journal.exists() and journal.stat().st_size):
        time.sleep(0.05)
    children = psutil.Process(proc.pid).children(recursive=True) if proc.poll() is None else []
    if proc.poll() is not None:
        pytest.skip("the run ended before it could be killed")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    gone, alive = psutil.wait_procs(children, timeout=15)
    for p in alive:
        p.kill()
    assert not alive, [p.pid for p in alive]


def test_a_full_disk_is_one_line_and_the_next_run_goes_on(tmp_path, monkeypatch):
    import errno
    import sqlite3

    from conftest import CORPUS
    from factx import index, store as store_module

    store = tmp_path / "store"
    real_write, writes = store_module.write_temporary, []

    def write_until_full(folder, name, data, **kwargs):  # every store file is written through it
        writes.append(name)
        if len(writes) > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(folder, name, data, **kwargs)

    monkeypatch.setattr(store_module, "write_temporary", write_until_full)
    result = run("extract", CORPUS, "--store", store)
    assert result.exit_code == 1 and "is full (" in result.stderr and "Traceback" not in result.stderr
    monkeypatch.setattr(store_module, "write_temporary", real_write)

    def full_refresh(self, *args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(index.Index, "refresh", full_refresh)
    result = run("articles", "--store", store)
    assert result.exit_code == 1 and "is full (" in result.stderr
    monkeypatch.undo()
    summary = json.loads(run("extract", CORPUS, "--store", store, "--json").stdout)
    assert summary["failed"] == [] and summary["extracted"] + summary["skipped"] == 3
    assert len(json.loads(run("articles", "--store", store, "--json").stdout)) == 3
