"""The corpus person merge, group by group (issue 16): merging one group of linked names at a
time gives the persons of merging everything at once, adding or removing articles merges only
the groups of their names, and articles added one by one give the persons of a full merge."""
import json
import random

import pytest

from factx import names, people
from factx.index import open_index
from factx.store import Store, open_store


def doc(aid, people_names, entities=(), published="2020-01-01"):
    """An article naming ``people_names`` (one sentence each), quoting the first, with other
    entities ``(label, text)`` as context."""
    parts, persons, ents = [], [], []
    pos = 0
    for name in people_names:
        sentence = f"{name} spoke. "
        persons.append({"name": name, "label": "PERSON", "aliases": [name], "count": 1,
                        "mentions": [[pos, pos + len(name)]], "attributes": []})
        ents.append({"text": name, "label": "PERSON", "start": pos, "end": pos + len(name)})
        parts.append(sentence)
        pos += len(sentence)
    for label, text in entities:
        ents.append({"text": text, "label": label, "start": pos, "end": pos + len(text)})
        parts.append(text + ". ")
        pos += len(text) + 2
    text = "".join(parts)
    first = people_names[0] if people_names else None
    quotes = [{"text": "spoke", "start": len(first) + 1, "end": len(first) + 6, "speaker": first,
               "speaker_start": 0, "speaker_end": len(first), "partial": False, "statement": 0, "kind": "direct",
               "article": aid}] if first else []
    return {"id": aid, "title": aid, "text": text, "published": published, "warnings": [], "entities": ents,
            "quotes": quotes, "dates": [], "people": persons}


SAMPLE = [
    ["Frederick C. Holm", "Anna Berg"], ["Fred Holm", "Lindsay Vonn"], ["Holm", "Anna Berg"],
    ["Stacy Stites", "Rodney Reed"], ["Stacey Stiles", "Rodney Reed"], ["Reed", "Lindsay"],
    ["John Smith", "Jane Smith"], ["J. Smith", "Kim Sato"], ["Sato"], ["Donald Trump", "Donald Trump Jr."],
    ["Trump", "Kim Kardashian West"], ["Kim Kardashian", "Kardashian West"], ["Lou Park", "Louis Parks"],
]
CONTEXT = [("ORG", "Innocence Project"), ("GPE", "Texas"), ("ORG", "Senate"), ("EVENT", "Olympics")]


def sample_docs(n=len(SAMPLE), seed=3):
    rng = random.Random(seed)
    return [doc(f"a{i:03d}.txt", SAMPLE[i % len(SAMPLE)], rng.sample(CONTEXT, 2), f"2020-01-{i % 28 + 1:02d}")
            for i in range(n)]


def synthetic_docs(n=120, seed=5):
    """Zipf-like people sharing surnames and first names, with variants of some."""
    rng = random.Random(seed)
    first = ["Ana", "Ben", "Chloe", "Dmitri", "Eva", "Katie", "Kathryn", "Bill", "William"]
    last = ["Adler", "Brandt", "Castro", "Jenkin", "Jenkins", "Dubois", "Fischer"]
    everyone = [f"{f} {s}" for f in first for s in last]
    out = []
    for i in range(n):
        picks = {everyone[min(int(rng.paretovariate(1.2)) - 1, len(everyone) - 1)] for _ in range(4)}
        picks |= {rng.choice(everyone) for _ in range(2)}
        if i % 7 == 0:
            picks.add(rng.choice(last))  # a surname alone
        out.append(doc(f"s{i:04d}.txt", sorted(picks), rng.sample(CONTEXT, 2), f"2021-02-{i % 28 + 1:02d}"))
    return out


def write(path, docs):
    with Store(path).open_for_writing() as s:
        s.write_articles((d, f"k-{d['id']}") for d in docs)
        s.save_manifest(model="test")


def refresh(path):
    index, corrupt = open_index(open_store(path))
    assert not corrupt
    return index


def snapshot(index):
    """What users see of the persons: ids, names, aliases, counts, each article person's
    person and evidence, quotes' speakers, kept co-mentions and entity summaries."""
    db = index.db
    return {
        "persons": sorted((i, n, tuple(json.loads(a)), m, k)
                          for i, n, a, m, k in db.execute("SELECT id, name, aliases, mentions, n_articles FROM persons")),
        "names": sorted(db.execute("SELECT n.aid, n.name, p.id, n.evidence FROM names n JOIN persons p ON p.pid = n.pid")),
        "quotes": sorted(db.execute("SELECT q.aid, q.seq, p.id FROM quotes q LEFT JOIN persons p ON p.pid = q.speaker_pid")),
        "co": sorted(db.execute("SELECT p.id, c.name, c.id, c.articles, c.rank FROM co_mentioned c "
                                "JOIN persons p ON p.pid = c.pid")),
        "entities": sorted(db.execute("SELECT label, name, mentions, articles, aliases, n_articles FROM entity_summary")),
        "tokens": sorted(db.execute("SELECT t.token, p.id FROM alias_tokens t JOIN persons p ON p.pid = t.pid")),
    }


def full_snapshot(path):
    index = refresh(path)
    index.rebuild_persons(full=True)
    return snapshot(index)


def rows_of(docs):
    rows, ents = [], []
    for d in docs:
        for p in d["people"]:
            rows.append((len(rows) + 1, d["id"], p["name"], p["count"], json.dumps(p["aliases"]), p.get("gender")))
        ents += [(d["id"], e["label"], names.name_key(e["text"])) for e in d["entities"] if e["label"] != "PERSON"]
    return rows, ents


@pytest.mark.parametrize("docs", [sample_docs(39), synthetic_docs()], ids=["sample", "synthetic"])
def test_merging_group_by_group_gives_the_persons_of_merging_all_at_once(docs, tmp_path):
    rows, ents = rows_of(docs)
    persons, per_row = people.merge(rows, ents)
    write(tmp_path / "s", docs)
    got = snapshot(refresh(tmp_path / "s"))
    assert got["persons"] == sorted((p["id"], p["name"], tuple(p["aliases"]),
                                     p["mentions"], len(p["articles"])) for p in persons)
    ids = {p["pid"]: p["id"] for p in persons}
    assert got["names"] == sorted((rows[rid - 1][1], rows[rid - 1][2], ids[pid], why) for rid, (pid, why) in per_row.items())


def _merged_in_workers(path, monkeypatch, die=False):
    """The index of the store at ``path``, its full person merge spread over two worker
    processes in batches of a few rows (one worker dying at its first batch if ``die``)."""
    import multiprocessing
    import os

    from factx import index as index_module, merging

    _Dying.merge_batch = staticmethod(merging.merge_batch)

    monkeypatch.setattr(index_module, "PARALLEL_MERGE_ROWS", 1)
    monkeypatch.setattr(index_module, "_rebuild_workers", lambda: 2)
    monkeypatch.setattr(index_module, "_pool_context", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(merging, "BATCH_ROWS", 7)
    if die:
        monkeypatch.setattr(_Dying, "parent", os.getpid())
        monkeypatch.setattr(merging, "merge_batch", _dying_merge_batch)  # the forked workers have it too
    index = refresh(path)
    pids = dict(index.db.execute("SELECT rid, pid FROM names"))
    assert index.merge_stats["rows"] == len(pids) and index.merge_stats["full"] == 1
    return snapshot(index), pids


class _Dying:
    parent = None
    merge_batch = None


def _dying_merge_batch(batch, *args):
    """merging.merge_batch, but a worker process dies."""
    import os

    if os.getpid() != _Dying.parent:
        os._exit(9)
    return _Dying.merge_batch(batch, *args)


@pytest.mark.parametrize("die", [False, True], ids=["workers", "a-worker-dies"])
def test_a_merge_spread_over_worker_processes_gives_the_persons_of_one_process(die, tmp_path, monkeypatch):
    docs = synthetic_docs() + sample_docs(39)
    write(tmp_path / "one", docs)
    write(tmp_path / "many", docs)
    one = refresh(tmp_path / "one")
    expected = snapshot(one), dict(one.db.execute("SELECT rid, pid FROM names"))
    assert _merged_in_workers(tmp_path / "many", monkeypatch, die) == expected


def test_merge_links_cover_every_pair_merge_corpus_can_join():
    """Two names merged into one person always share a link (or meet through a one-word name)."""
    joined = [("Frederick C. Holm", "Fred Holm"), ("Holm", "Fred Holm"), ("Stacy Stites", "Stacey Stiles"),
              ("Kim Kardashian West", "Kardashian West"), ("Kim Kardashian West", "Kim Kardashian")]
    for a, b in joined:
        assert names.merge_links(a) & names.merge_links(b), (a, b)
    assert "g:lindsay" in names.merge_links("Lindsay") and "G:lindsay" in names.merge_links("Lindsay Vonn")
    assert not names.merge_links("Anna Berg") & names.merge_links("Rodney Reed")


def one_by_one(path, docs):
    for i, d in enumerate(docs):
        write(path, [d])
        index = refresh(path)
        assert index.merge_stats["full"] == (1 if i == 0 else 0)  # after the first: the groups of its names
        index.close()
    return snapshot(refresh(path))


def test_articles_added_one_by_one_give_the_persons_of_a_full_merge(tmp_path):
    docs = synthetic_docs(60)
    write(tmp_path / "all", docs)
    assert one_by_one(tmp_path / "one", docs) == snapshot(refresh(tmp_path / "all"))


def context_decided(evidence):
    return "context" in evidence


@pytest.mark.parametrize("source", ["sample", "corpus"])
def test_one_by_one_differs_from_a_full_merge_only_where_context_decided(source, corpus_store, tmp_path):
    """A group left alone keeps what the weights of shared context said when it was merged
    (factx.merging): only decisions by context can differ, and a full merge settles them."""
    if source == "corpus":
        store = open_store(corpus_store)
        docs = [store.read_article(aid) for aid in sorted(store.article_ids())]
    else:
        docs = sample_docs(26)
    write(tmp_path / "all", docs)
    everything = snapshot(refresh(tmp_path / "all"))
    got = one_by_one(tmp_path / "one", docs)
    full = {(aid, name): pid for aid, name, pid, _ in everything["names"]}
    by_context = {pid for snap in (got, everything) for _, _, pid, why in snap["names"] if context_decided(why)}
    for aid, name, pid, why in set(got["names"]) - set(everything["names"]):
        assert pid in by_context or full[aid, name] in by_context, (aid, name, why)
    index = refresh(tmp_path / "one")
    index.rebuild_persons(full=True)
    assert snapshot(index) == everything


def test_adding_an_article_merges_only_the_groups_of_its_names(tmp_path):
    docs = synthetic_docs(80)
    write(tmp_path / "s", docs)
    index = refresh(tmp_path / "s")
    before = {r[0]: r for r in index.db.execute("SELECT pid, id, name, aliases, mentions, n_articles FROM persons")}
    total_rows = index.db.execute("SELECT count(*) FROM names").fetchone()[0]
    index.close()
    write(tmp_path / "s", [doc("new.txt", ["Zelda Quorn", "Yannick Quorn"], [("ORG", "Senate")])])
    index = refresh(tmp_path / "s")
    stats = index.merge_stats
    assert stats["full"] == 0 and stats["rows"] == 2 and stats["persons"] == 2  # the two new rows alone
    after = {r[0]: r for r in index.db.execute("SELECT pid, id, name, aliases, mentions, n_articles FROM persons")}
    assert {pid: r for pid, r in after.items() if pid in before} == before  # everyone else as they were
    assert sorted(r[1] for pid, r in after.items() if pid not in before) == ["yannick-quorn", "zelda-quorn"]
    assert total_rows > 300
    # a name of an existing group: that group's rows only
    write(tmp_path / "s", [doc("new2.txt", ["Ana Adler"])])
    index = refresh(tmp_path / "s")
    group_rows = index.db.execute("SELECT count(*) FROM names WHERE name LIKE '% Adler' OR name = 'Adler'").fetchone()[0]
    assert 0 < index.merge_stats["rows"] <= group_rows + index.db.execute(
        "SELECT count(*) FROM names WHERE name IN ('Adler', 'Ana Adler') OR name LIKE 'Ana %'").fetchone()[0]
    assert index.merge_stats["rows"] < total_rows / 2
    assert snapshot(index) == full_snapshot(tmp_path / "s")


def test_re_extracted_and_removed_articles_give_the_persons_of_a_full_merge(tmp_path):
    docs = synthetic_docs(50)
    write(tmp_path / "s", docs)
    refresh(tmp_path / "s").close()
    changed = dict(docs[3])
    changed["people"] = [p for p in changed["people"][1:]]  # its first person is no longer named there
    write(tmp_path / "s", [changed, doc(docs[7]["id"], ["Holm", "Ben Castro"])])
    index = refresh(tmp_path / "s")
    assert index.merge_stats["full"] == 0
    assert snapshot(index) == full_snapshot(tmp_path / "s")
    index = refresh(tmp_path / "s")
    index.begin()
    index.remove(docs[10]["id"])  # as when its document is dropped from the store
    index.commit()
    stats = index.rebuild_persons()
    assert stats["full"] == 0
    assert snapshot(index) == full_snapshot(tmp_path / "s")


def test_a_person_keeps_its_id_when_it_gains_an_article_and_new_namesakes_are_numbered(tmp_path):
    write(tmp_path / "s", [doc("a.txt", ["Ana Adler"]), doc("b.txt", ["Ana Adler", "Ben Brandt"])])
    refresh(tmp_path / "s").close()
    write(tmp_path / "s", [doc("c.txt", ["Ana Adler"]), doc("d.txt", ["Ana Adler Jr."])])
    index = refresh(tmp_path / "s")
    got = dict(index.db.execute("SELECT name, id FROM persons"))
    assert got == {"Ana Adler": "ana-adler", "Ana Adler Jr.": "ana-adler-jr", "Ben Brandt": "ben-brandt"}
    assert index.db.execute("SELECT n_articles FROM persons WHERE id='ana-adler'").fetchone()[0] == 3
