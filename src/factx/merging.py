"""The corpus person merge inside the index, one group of linked names at a time.

factx.names decides who is who (``merge_corpus``) and which names can meet there at all
(``merge_links``); factx.people turns index rows into nodes and persons. This module keeps the
SQLite side: the links of every written name (``name_ids``, ``name_links``), how many articles
have each context feature (``features``), and what changed since the last merge (new rows have
no ``pid``; removed rows leave their name and person in ``dirty``, their entities in
``dirty_entities``).

* ``merge_all``: the whole corpus, streamed group by group (memory: the largest group, the
  document frequencies and one integer per distinct name);
* ``merge_changes``: only the groups of the names that were added or removed. The groups are
  exact (names of different groups never meet in ``merge_corpus``), so the persons are those of
  a full merge but for two things: (1) the weights of shared context (document frequencies)
  are those of the corpus when a group was last merged, so a group left alone keeps decisions
  taken with older weights (only one-word names, people compatible with several others and
  spellings a letter apart are decided by context); (2) a person keeps its id while it exists,
  and a new person (or one whose name now gives another slug) takes the next free number of
  its slug, so ids are numbered by first appearance in the index, which is the order of first
  articles when articles are added in id order (as extract does).
"""
from __future__ import annotations

import json
from array import array
from collections import Counter
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional

from factx import names, people
from factx.names import name_tokens

# Everyone is merged again when this share of the names rows is new, and at least FULL_MIN_ROWS
# (a full merge then streams faster than looking groups up).
FULL_SHARE = 0.2
FULL_MIN_ROWS = 20_000
# Names rows read from SQLite per group lookup / rows written per executemany.
CHUNK = 500
SEP = "\n"  # between the context features of an article (a feature never holds one)
# A merge of everyone given worker processes sends them its groups in batches of about this
# many names rows (a batch is pickled there and back: big enough to be worth it).
BATCH_ROWS = 4000


# The name of an article's first person (``a``: the articles row).
FIRST_NAME = "(SELECT name FROM names WHERE names.article = a.rid ORDER BY rid LIMIT 1)"


def counted_features(context: Optional[str], first_name: Optional[str]) -> frozenset:
    """The features an article counts for in the document frequencies: its context as its
    first person sees it (without that person's name words), the weights the merge has always
    used (people.merge)."""
    return people.node_context(context.split(SEP) if context else (), first_name or "")


def merge_batch(batch: list[tuple[list[tuple], dict]], df: "Mapping[str, int] | str", n_articles: int,
                corrections: Optional[names.Corrections]) -> list[list[people.MergedPerson]]:
    """The persons of each group ``(rows, {article: its context as stored})`` of a batch
    (``people.merge_group``; run in a worker process by a merge of everyone spread over
    several). ``df``: the document frequencies, or the file they were pickled to (read once
    per process)."""
    if isinstance(df, str):
        df = _df_from(df)
    return [people.merge_group(rows, split_features(features), df, n_articles, corrections) for rows, features in batch]


_DF_READ: dict[str, Mapping[str, int]] = {}  # in a worker: the document frequencies of the merge under way


def _df_from(path: str) -> Mapping[str, int]:
    if path not in _DF_READ:
        import pickle

        _DF_READ.clear()
        with open(path, "rb") as f:
            _DF_READ[path] = pickle.load(f)
    return _DF_READ[path]


def split_features(contexts: Mapping[str, Optional[str]]) -> dict[str, list[str]]:
    """``{article: its context features}`` from the contexts as the articles table holds them."""
    return {aid: (context or "").split(SEP) for aid, context in contexts.items()}


def _batches(groups: Iterable[tuple[list[tuple], dict]]) -> Iterator[list[tuple[list[tuple], dict]]]:
    """Consecutive groups ``(rows as merge_group takes them, features)`` in batches of about
    BATCH_ROWS rows."""
    batch: list = []
    rows = 0
    for group_rows, features in groups:
        batch.append((group_rows, features))
        rows += len(group_rows)
        if rows >= BATCH_ROWS:
            yield batch
            batch, rows = [], 0
    if batch:
        yield batch


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # one encoder, not one per call


def _dumps(obj: Any) -> str:
    return _ENCODE(obj)


class CountedFeatures:
    """The context features of a set of articles as the document frequencies count them
    (``counted_features``), and how many of the articles have people (a context)."""

    def __init__(self) -> None:
        self.features: Counter = Counter()
        self.articles = 0

    def add(self, features: Iterable[str]) -> None:
        """Count one article with people, by its ``counted_features``."""
        self.features.update(features)
        self.articles += 1

    def update(self, other: "CountedFeatures") -> None:
        self.features.update(other.features)
        self.articles += other.articles


class FeatureCounts(Mapping):
    """Articles per context feature, read from the ``features`` table as the merge asks (the
    merge looks up few of them: only where context decides)."""

    def __init__(self, db) -> None:
        self.db, self.cache = db, {}

    def __getitem__(self, feature: str) -> int:
        if feature not in self.cache:
            row = self.db.execute("SELECT df FROM features WHERE feature=?", (feature,)).fetchone()
            self.cache[feature] = row[0] if row else 0
        return self.cache[feature]

    def __iter__(self):
        return iter(self.cache)

    def __len__(self) -> int:
        return len(self.cache)


class _Groups:
    """Union-find over name ids (an array: a few bytes per distinct name)."""

    def __init__(self, size: int) -> None:
        self.parent = array("l", range(size + 1))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class PersonMerge:
    """One merge of the index's people. ``co_mentioned(pid, name)``: the rows of the
    co_mentioned table of a person (the index's query); ``co_heavy``: from how many articles on
    a person keeps them; ``summarize(None)`` summarizes every other entity again,
    ``summarize([(label, key), ...])`` those."""

    def __init__(self, db, corrections: Optional[names.Corrections], co_mentioned: Callable[[int, str], list],
                 co_heavy: int, summarize: Callable[[Optional[list]], None],
                 persons_written: Callable[[], None] = lambda: None, pool=None, pool_size: int = 0,
                 counted: Optional[CountedFeatures] = None) -> None:
        self.db, self.corrections = db, corrections
        # the features of every article of the index, counted already (by a rebuild's workers),
        # or None: merge_all counts them from the articles table
        self.counted = counted
        # worker processes (a concurrent.futures executor of pool_size) that merge_all spreads
        # the groups over, or None
        self.pool, self.pool_size = pool, pool_size
        self.persons_written = persons_written  # called when every names row has its person (merge_all)
        self.co_mentioned, self.co_heavy = co_mentioned, co_heavy
        self.summarize = summarize  # the other entities' summaries: of these (label, key), or all
        self.groups_keys = names.correction_groups(corrections)
        self.stats: Counter = Counter()  # what the merge read and wrote (tests count it)

    # ---- names and their links ----------------------------------------------------------------
    def _register_names(self, written: Iterable[str]) -> None:
        """Give each new written name an id and its links (names.merge_links)."""
        fresh = []
        for name in written:
            cur = self.db.execute("INSERT OR IGNORE INTO name_ids(name, key) VALUES(?, ?)", (name, names.name_key(name)))
            if cur.rowcount:
                fresh.append((cur.lastrowid, name))
        self.db.executemany("INSERT OR IGNORE INTO name_links VALUES(?, ?)",
                            [(link, nid) for nid, name in fresh for link in names.merge_links(name)])

    def _register_all_names(self) -> int:
        """name_ids and name_links of every written name, afresh; returns the largest id."""
        for table in ("name_ids", "name_links"):
            self.db.execute(f"DELETE FROM {table}")
        batch: list[tuple] = []
        nid = 0
        for (name,) in self.db.execute("SELECT DISTINCT name FROM names").fetchall():
            nid += 1
            batch.append((nid, name))
            if len(batch) >= 20 * CHUNK:
                self._write_names(batch)
                batch = []
        self._write_names(batch)
        return nid

    def _write_names(self, batch: list[tuple]) -> None:
        self.db.executemany("INSERT INTO name_ids VALUES(?, ?, ?)", [(nid, n, names.name_key(n)) for nid, n in batch])
        self.db.executemany("INSERT INTO name_links VALUES(?, ?)",
                            [(link, nid) for nid, n in batch for link in names.merge_links(n)])

    def _correction_nids(self, keys: frozenset) -> list[int]:
        return [r[0] for chunk in _chunks(sorted(keys)) for r in self.db.execute(
            f"SELECT nid FROM name_ids WHERE key IN ({','.join('?' * len(chunk))})", chunk)]

    def _all_groups(self, size: int) -> _Groups:
        groups = _Groups(size)
        last_link, first = None, 0
        for link, nid in self.db.execute("SELECT link, nid FROM name_links WHERE link < 'G:' OR link >= 'G;' "
                                         "ORDER BY link"):
            if link == last_link:
                groups.union(first, nid)
            else:
                last_link, first = link, nid
        # a full name's first given name joins only where a one-word name is that word
        for nid, active in self.db.execute(
                "SELECT p.nid, (SELECT a.nid FROM name_links a WHERE a.link = 'g:' || substr(p.link, 3) LIMIT 1) "
                "FROM name_links p WHERE p.link >= 'G:' AND p.link < 'G;'"):
            if active is not None:
                groups.union(nid, active)
        for keys in self.groups_keys:
            nids = self._correction_nids(keys)
            for nid in nids[1:]:
                groups.union(nids[0], nid)
        return groups

    def _group_of(self, start: set[int]) -> set[int]:
        """The names linked to ``start``, directly or through others (a closure over the links
        in SQLite: only the links of the names reached are read)."""
        seen, frontier, links_seen = set(start), list(start), set()
        while frontier:
            links = set()
            for chunk in _chunks(frontier):
                links.update(r[0] for r in self.db.execute(
                    f"SELECT link FROM name_links WHERE nid IN ({','.join('?' * len(chunk))})", chunk))
                for keys in self.groups_keys:
                    hit = self.db.execute(f"SELECT 1 FROM name_ids WHERE nid IN ({','.join('?' * len(chunk))}) "
                                          f"AND key IN ({','.join('?' * len(keys))}) LIMIT 1", [*chunk, *keys]).fetchone()
                    if hit:
                        links.add("m:" + SEP.join(sorted(keys)))
            frontier = []
            for link in links - links_seen:
                links_seen.add(link)
                for nid in self._holders(link):
                    if nid not in seen:
                        seen.add(nid)
                        frontier.append(nid)
        return seen

    def _holders(self, link: str) -> list[int]:
        if link.startswith("m:"):
            return self._correction_nids(frozenset(link[2:].split(SEP)))
        if link[:2] in ("g:", "G:"):
            word = link[2:]
            if self.db.execute("SELECT 1 FROM name_links WHERE link=?", ("g:" + word,)).fetchone() is None:
                return []  # no one-word name is this first name: full names do not meet through it
            return [r[0] for r in self.db.execute("SELECT nid FROM name_links WHERE link IN (?, ?)",
                                                  ("g:" + word, "G:" + word))]
        return [r[0] for r in self.db.execute("SELECT nid FROM name_links WHERE link=?", (link,))]

    # ---- the whole corpus ---------------------------------------------------------------------
    def merge_all(self) -> None:
        """Every person afresh, group by group."""
        db = self.db
        for table in ("persons", "alias_tokens", "co_mentioned", "dirty", "dirty_entities", "features"):
            db.execute(f"DELETE FROM {table}")
        n_articles = self._count_features()
        size = self._register_all_names()
        groups = self._all_groups(size)
        db.execute("CREATE TEMP TABLE IF NOT EXISTS name_group(nid INTEGER PRIMARY KEY, grp INTEGER)")
        db.execute("DELETE FROM temp.name_group")
        db.executemany("INSERT INTO temp.name_group VALUES(?, ?)", ((nid, groups.find(nid)) for nid in range(1, size + 1)))
        del groups
        writer = _Writer(db, staged=True)
        rows = db.execute("SELECT g.grp, n.rid, n.aid, n.name, n.count, n.aliases, n.gender, a.context FROM names n "
                          "JOIN name_ids i ON i.name = n.name JOIN temp.name_group g ON g.nid = i.nid "
                          "JOIN articles a ON a.rid = n.article ORDER BY g.grp, n.rid")
        # each group: its rows as merge_group takes them (rid .. gender) and its articles'
        # contexts as stored (split_features makes them merge_group's features)
        groups_of_rows = (([r[1:7] for r in g], {r[2]: r[7] for r in g}) for g in _consecutive(rows))
        merge = self._merge_in_pool if self.pool is not None else self._merge_here
        for merged in merge(groups_of_rows, n_articles):
            for p in merged:
                writer.person(writer.next_pid(), p, None)
        writer.flush()
        writer.apply_staged()
        self.persons_written()
        db.execute("DROP TABLE temp.name_group")
        _number_ids(db)
        db.execute("UPDATE articles SET merged=1 WHERE merged=0")
        # a quote without a speaker row (or a speaker token of one) keeps its NULL person
        for sql in ("UPDATE quotes SET speaker_pid = (SELECT pid FROM names WHERE names.rid = quotes.speaker_row), "
                    "stmt_pid = (SELECT pid FROM names WHERE names.rid = quotes.stmt_row) "
                    "WHERE speaker_row IS NOT NULL OR stmt_row IS NOT NULL",
                    "UPDATE speaker_tokens SET pid = (SELECT stmt_pid FROM quotes WHERE quotes.rid = speaker_tokens.stmt) "
                    "WHERE pid IS NOT (SELECT stmt_pid FROM quotes WHERE quotes.rid = speaker_tokens.stmt)",
                    "UPDATE quote_about SET pid = (SELECT pid FROM names WHERE names.rid = quote_about.row)",
                    "UPDATE date_people SET pid = (SELECT pid FROM names WHERE names.rid = date_people.row)"):
            db.execute(sql)
        heavy = db.execute("SELECT pid, name FROM persons WHERE n_articles >= ?", (self.co_heavy,)).fetchall()
        self._keep_co_mentioned(heavy)
        self.summarize(None)

    def _merge_here(self, groups: Iterable[tuple[list[tuple], dict]], n_articles: int) -> Iterator[list]:
        """The persons of each group ``(its rows, its articles' features)``, in order."""
        df = FeatureCounts(self.db)
        for group_rows, contexts in groups:
            yield people.merge_group(group_rows, split_features(contexts), df, n_articles, self.corrections)
            df.cache.clear()  # the next group asks for other features
            self._count_group(group_rows)

    def _merge_in_pool(self, groups: Iterable[tuple[list[tuple], dict]], n_articles: int) -> Iterator[list]:
        """``_merge_here``, the groups merged by the pool's processes in batches of about
        BATCH_ROWS rows, while this process reads the next groups and writes the persons of the
        last ones. The processes read the document frequencies once, from a temporary file.
        Should a worker die, the batches not merged yet are merged here."""
        import os
        import pickle
        import tempfile
        from collections import deque
        from concurrent.futures.process import BrokenProcessPool

        df = dict(self.db.execute("SELECT feature, df FROM features"))
        # beside the index (a folder written to already), else in the system's temporary folder
        db_file = next((r[2] for r in self.db.execute("PRAGMA database_list") if r[1] == "main"), "")
        handle, df_file = tempfile.mkstemp(prefix="factx-df-", suffix=".pickle",
                                           dir=os.path.dirname(db_file) if db_file else None)
        pending: deque = deque()  # (batch, its future), in order
        broken = False

        def results(batch: list, future) -> list:
            nonlocal broken
            if not broken:
                try:
                    return future.result()
                except BrokenProcessPool:
                    broken = True
            return merge_batch(batch, df, n_articles, self.corrections)

        try:
            with os.fdopen(handle, "wb") as f:
                pickle.dump(df, f, protocol=pickle.HIGHEST_PROTOCOL)
            for batch in _batches(groups):
                future = None if broken else self.pool.submit(merge_batch, batch, df_file, n_articles, self.corrections)
                pending.append((batch, future))
                while len(pending) > 2 * self.pool_size or pending and pending[0][1] is not None and pending[0][1].done():
                    done, future = pending.popleft()
                    yield from self._counted(done, results(done, future))
            while pending:
                done, future = pending.popleft()
                yield from self._counted(done, results(done, future))
        finally:
            for _, future in pending:
                if future is not None:
                    future.cancel()
            os.unlink(df_file)

    def _counted(self, batch: list, merged: list[list]) -> Iterator[list]:
        for (group_rows, _), persons in zip(batch, merged):
            self._count_group(group_rows)
            yield persons

    def _count_group(self, group_rows: list) -> None:
        self.stats["rows"] += len(group_rows)
        self.stats["groups"] += 1

    def _count_features(self) -> int:
        """The features table from every article with people (as counted already, if they
        were); returns their number."""
        counted = self.counted
        if counted is None:
            counted = CountedFeatures()
            for context, first in self.db.execute(f"SELECT context, {FIRST_NAME} FROM articles a "
                                                  "WHERE context IS NOT NULL"):
                counted.add(counted_features(context, first))
        self.db.executemany("INSERT INTO features VALUES(?, ?)", counted.features.items())
        self.db.execute("INSERT OR REPLACE INTO meta VALUES('context_articles', ?)", (str(counted.articles),))
        return counted.articles

    # ---- what changed -------------------------------------------------------------------------
    def merge_changes(self) -> None:
        """The persons of the groups of the names added or removed since the last merge."""
        db = self.db
        n_articles = self._count_new_features()
        new_rows = db.execute("SELECT name FROM names WHERE pid IS NULL").fetchall()
        dirty = db.execute("SELECT name, pid FROM dirty").fetchall()
        written = {r[0] for r in new_rows} | {r[0] for r in dirty}
        self._register_names(sorted(written))
        start = {r[0] for chunk in _chunks(sorted(written)) for r in db.execute(
            f"SELECT nid FROM name_ids WHERE name IN ({','.join('?' * len(chunk))})", chunk)}
        group = self._group_of(start)
        group_names = [r[0] for chunk in _chunks(sorted(group)) for r in db.execute(
            f"SELECT name FROM name_ids WHERE nid IN ({','.join('?' * len(chunk))})", chunk)]
        rows = sorted(r for chunk in _chunks(group_names) for r in db.execute(
            "SELECT n.rid, n.aid, n.name, n.count, n.aliases, n.gender, n.pid, a.context FROM names n "
            f"JOIN articles a ON a.rid = n.article WHERE n.name IN ({','.join('?' * len(chunk))})", chunk))
        self.stats["rows"] += len(rows)
        self.stats["names"] += len(group_names)
        features = {r[1]: (r[7] or "").split(SEP) for r in rows}
        merged = people.merge_group([r[:6] for r in rows], features, FeatureCounts(db), n_articles, self.corrections)
        old_pid = {r[0]: r[6] for r in rows}
        gone_pids = {pid for _, pid in dirty if pid is not None}
        changed_rows = self._replace_persons(merged, old_pid, gone_pids)
        _propagate(db, [rid for rid in changed_rows if old_pid.get(rid) != changed_rows[rid]])
        self._refresh_co_mentioned(list(changed_rows), gone_pids)
        self.summarize(db.execute("SELECT label, key FROM dirty_entities UNION "
                                          "SELECT e.label, e.key FROM entities e JOIN articles a ON a.rid = e.article "
                                          "WHERE a.merged = 0").fetchall())
        db.execute("UPDATE articles SET merged=1 WHERE merged=0")
        db.execute("DELETE FROM dirty")
        db.execute("DELETE FROM dirty_entities")

    def _count_new_features(self) -> int:
        """Count the features of the articles added since the last merge (those removed were
        taken off as they went); returns the articles with people."""
        added: Counter = Counter()
        n = 0
        for context, first in self.db.execute(f"SELECT context, {FIRST_NAME} FROM articles a "
                                              "WHERE merged=0 AND context IS NOT NULL"):
            n += 1
            added.update(counted_features(context, first))
        self.db.executemany("INSERT INTO features VALUES(?, ?) ON CONFLICT(feature) DO UPDATE SET df = df + excluded.df",
                            added.items())
        row = self.db.execute("SELECT value FROM meta WHERE name='context_articles'").fetchone()
        total = int(row[0]) + n if row else n
        self.db.execute("INSERT OR REPLACE INTO meta VALUES('context_articles', ?)", (str(total),))
        return total

    def _replace_persons(self, merged: list[people.MergedPerson], old_pid: dict[int, Optional[int]],
                         gone_pids: set[int]) -> dict[int, int]:
        """Write the persons of a group merged again: each keeps the pid (and id) of the old
        person it holds the most rows of; the old persons left over are deleted. Returns the
        rows whose person or its name changed, with their pid."""
        db = self.db
        old = {pid: (name, pid_id, base) for chunk in _chunks(sorted({p for p in old_pid.values() if p} | gone_pids))
               for pid, name, pid_id, base in db.execute(
                   f"SELECT pid, name, id, base FROM persons WHERE pid IN ({','.join('?' * len(chunk))})", chunk)}
        overlaps = sorted(((-n, pid, i) for i, p in enumerate(merged)
                           for pid, n in Counter(old_pid[rid] for rid, _ in p.rows if old_pid[rid]).items()))
        keep: dict[int, int] = {}
        for _, pid, i in overlaps:
            if i not in keep and pid not in keep.values() and pid in old:
                keep[i] = pid
        dropped = [pid for pid in old if pid not in keep.values()]
        for chunk in _chunks(dropped):
            marks = ",".join("?" * len(chunk))
            for table in ("persons", "alias_tokens", "co_mentioned"):
                db.execute(f"DELETE FROM {table} WHERE pid IN ({marks})", chunk)
        writer = _Writer(db)
        renamed = [i for i in range(len(merged)) if i not in keep or people.slug(merged[i].name) != old[keep[i]][2]]
        ids = {i: old[keep[i]][1] for i in keep if i not in renamed}
        for chunk in _chunks(sorted({keep[i] for i in renamed if i in keep})):
            db.execute(f"UPDATE persons SET id = '#' || pid WHERE pid IN ({','.join('?' * len(chunk))})", chunk)
        for i in sorted(renamed, key=lambda i: (merged[i].first, merged[i].name)):
            ids[i] = _next_free_id(db, people.slug(merged[i].name))
            if i in keep:  # its new id is taken now, before the next person looks for a free one
                db.execute("UPDATE persons SET id=? WHERE pid=?", (ids[i], keep[i]))
        changed: dict[int, int] = {}
        for i, p in enumerate(merged):
            pid = keep.get(i) or writer.next_pid()
            if pid in old:
                db.execute("DELETE FROM persons WHERE pid=?", (pid,))
                db.execute("DELETE FROM alias_tokens WHERE pid=?", (pid,))
            writer.person(pid, p, ids[i])
            same_person = pid in old and old[pid][:2] == (p.name, ids[i])
            changed.update({rid: pid for rid, _ in p.rows if not (same_person and old_pid[rid] == pid)})
        writer.flush()
        self.stats["persons"] += len(merged)
        return changed

    def _refresh_co_mentioned(self, changed_rows: list[int], gone_pids: set[int]) -> None:
        """The co_mentioned rows of the people in many articles that share an article with a row
        whose person (or its name) changed, or that lost an article."""
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS changed_articles(article INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM temp.changed_articles")
        for chunk in _chunks(changed_rows):
            db.execute(f"INSERT OR IGNORE INTO temp.changed_articles SELECT article FROM names "
                       f"WHERE rid IN ({','.join('?' * len(chunk))})", chunk)
        pids = {r[0] for r in db.execute("SELECT DISTINCT n.pid FROM temp.changed_articles c "
                                         "JOIN names n ON n.article = c.article")} | gone_pids
        db.execute("DROP TABLE temp.changed_articles")
        heavy = []
        for chunk in _chunks(sorted(p for p in pids if p is not None)):
            marks = ",".join("?" * len(chunk))
            db.execute(f"DELETE FROM co_mentioned WHERE pid IN ({marks})", chunk)
            heavy += db.execute(f"SELECT pid, name FROM persons WHERE pid IN ({marks}) AND n_articles >= ?",
                                [*chunk, self.co_heavy]).fetchall()
        self._keep_co_mentioned(heavy)

    def _keep_co_mentioned(self, heavy: list[tuple[int, str]]) -> None:
        for pid, name in heavy:
            self.db.executemany("INSERT INTO co_mentioned VALUES(?,?,?,?,?)",
                                [(pid, *row, rank) for rank, row in enumerate(self.co_mentioned(pid, name))])
        self.stats["co_mentioned"] += len(heavy)


class _Writer:
    """Persons, their alias tokens and their rows' pids, written in batches. ``staged``: the
    rows' pids go to a temporary table first and into names at once by ``apply_staged``, in
    row order (merged group by group, they come in no order: updating names then reads and
    writes its pages at random, which grows much slower than the table does)."""

    def __init__(self, db, staged: bool = False) -> None:
        self.db, self.staged = db, staged
        if staged:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS person_of(rid INTEGER PRIMARY KEY, pid INTEGER, evidence TEXT)")
            db.execute("DELETE FROM temp.person_of")
        self.pid = db.execute("SELECT coalesce(max(pid), 0) FROM persons").fetchone()[0]
        self.persons: list[tuple] = []
        self.tokens: list[tuple] = []
        self.rows: list[tuple] = []

    def next_pid(self) -> int:
        self.pid += 1
        return self.pid

    def person(self, pid: int, p: people.MergedPerson, person_id: Optional[str]) -> None:
        self.persons.append((pid, person_id or f"#{pid}", p.name, _dumps(p.aliases), p.mentions, len(p.articles),
                             people.slug(p.name), p.first))
        self.tokens.extend((t, pid) for t in sorted({t for a in p.aliases for t in name_tokens(a)}))
        self.rows.extend((pid, why, rid) for rid, why in p.rows)
        if len(self.rows) >= 20 * CHUNK:
            self.flush()

    def flush(self) -> None:
        self.db.executemany("INSERT INTO persons VALUES(?,?,?,?,?,?,?,?)", self.persons)
        self.db.executemany("INSERT INTO alias_tokens VALUES(?,?)", self.tokens)
        if self.staged:
            self.db.executemany("INSERT INTO temp.person_of(pid, evidence, rid) VALUES(?, ?, ?)", self.rows)
        else:
            self.db.executemany("UPDATE names SET pid=?, evidence=? WHERE rid=?", self.rows)
        self.persons, self.tokens, self.rows = [], [], []

    def apply_staged(self) -> None:
        """The staged pids into names."""
        self.db.execute("UPDATE names SET (pid, evidence) = (SELECT pid, evidence FROM temp.person_of s "
                        "WHERE s.rid = names.rid) WHERE rid IN (SELECT rid FROM temp.person_of)")
        self.db.execute("DROP TABLE temp.person_of")


def _consecutive(rows: Iterable[tuple]) -> Iterator[list[tuple]]:
    """Runs of rows with the same first column."""
    run: list[tuple] = []
    for row in rows:
        if run and row[0] != run[0][0]:
            yield run
            run = []
        run.append(row)
    if run:
        yield run


def _number_ids(db) -> None:
    """Person ids: the slug of the name, numbered by first article (then name) among the
    persons whose names give the same slug (as people.person_ids)."""
    db.execute("CREATE TEMP TABLE person_ids(pid INTEGER PRIMARY KEY, id TEXT)")
    db.execute("INSERT INTO temp.person_ids SELECT pid, CASE WHEN k = 1 THEN base ELSE base || '-' || k END FROM "
               "(SELECT pid, base, row_number() OVER (PARTITION BY base ORDER BY first, name) AS k FROM persons)")
    db.execute("UPDATE persons SET id = (SELECT id FROM temp.person_ids t WHERE t.pid = persons.pid)")
    db.execute("DROP TABLE temp.person_ids")


def _next_free_id(db, base: str) -> str:
    taken = {r[0] for r in db.execute("SELECT id FROM persons WHERE base=? OR id=?", (base, base))}
    k = 1
    while (base if k == 1 else f"{base}-{k}") in taken:
        k += 1
    return base if k == 1 else f"{base}-{k}"


def _propagate(db, rows: list[int]) -> None:
    """The pid of quotes, speaker tokens, quotes about and dates of people whose names rows
    changed person."""
    for chunk in _chunks(rows):
        marks = ",".join("?" * len(chunk))
        db.execute(f"UPDATE quotes SET speaker_pid = (SELECT pid FROM names WHERE names.rid = quotes.speaker_row) "
                   f"WHERE speaker_row IN ({marks})", chunk)
        db.execute(f"UPDATE quotes SET stmt_pid = (SELECT pid FROM names WHERE names.rid = quotes.stmt_row) "
                   f"WHERE stmt_row IN ({marks})", chunk)
        db.execute(f"UPDATE speaker_tokens SET pid = (SELECT stmt_pid FROM quotes WHERE quotes.rid = speaker_tokens.stmt) "
                   f"WHERE stmt IN (SELECT rid FROM quotes WHERE stmt_row IN ({marks}))", chunk)
        db.execute(f"UPDATE quote_about SET pid = (SELECT pid FROM names WHERE names.rid = quote_about.row) "
                   f"WHERE row IN ({marks})", chunk)
        db.execute(f"UPDATE date_people SET pid = (SELECT pid FROM names WHERE names.rid = date_people.row) "
                   f"WHERE row IN ({marks})", chunk)
