"""factx benchmarks, taken side by side in one run (not a unit test): `make bench`.

1. Extraction: bare spaCy `nlp.pipe` (the same model as `spacy.load` gives it: its stock pipeline,
   every default component) vs `factx extract` on the same synthetic corpus, tokens/s and their
   ratio; `--jobs 1` vs `--jobs 2`, and `--dask local
   --jobs 2` (a LocalCluster of two worker processes) when the extra factx[dask] is installed.
   Taken in turns, `--rounds` times (3): each ratio is the median of the rounds' own ratios, so
   that the load of a shared machine drifting between two runs does not make the figure.
2. Queries on a synthetic store of N articles (default 10,000; up to 1,000,000), built through
   the library (no spaCy) from the extracted sample articles with distinct ids, publication dates
   and people drawn Zipf-like (the most frequent person is in about 10% of the articles):
   `factx who`, `quotes --speaker`, `entities --top 20`, `show`, and for the most frequent person
   `who`, `quotes --speaker --limit 20`, `timeline --who --limit 20`, plus `quotes --contains`
   and `articles --limit 20`, as subprocesses (median of several runs), each also as a ratio to
   `python -c "import spacy"`; the index rebuild rate (the store's first index, built from its
   documents in a fresh process), the peak RSS of the queries and the store's bytes per article.
3. Peak RSS of extract at two corpus sizes.

`--keep-store DIR` keeps the query store in DIR for the next run with the same --store-articles,
which then times the queries only.

Prints a table and writes bench/results.json (not committed).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FACTX = [sys.executable, "-m", "factx"]
FIRST = ["Ana", "Ben", "Chloe", "Dmitri", "Eva", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Keiko", "Luis"]
LAST = ["Adler", "Brandt", "Castro", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat", "Ivanova", "Jensen"]


def synthetic_corpus(folder: Path, n: int, seed: int = 7) -> int:
    """n articles made of shuffled paragraphs of the sample articles (headline kept first)."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8").split("\n\n") for p in sorted(CORPUS.glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    chars = 0
    for i in range(n):
        paras = sources[i % len(sources)]
        body = paras[1:]
        rng.shuffle(body)
        text = "\n\n".join([paras[0], *body])
        (folder / f"syn_{i:06d}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def timed(cmd: list[str], **kw) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    return time.perf_counter() - t0, proc


_RSS_PROBE = (
    "import resource, subprocess, sys\n"
    "p = subprocess.run(sys.argv[1:], capture_output=True)\n"
    "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def peak_rss_of(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB of the largest process of the command's tree). Measured through
    a fresh probe process: RUSAGE_CHILDREN of this process would keep earlier runs' peaks."""
    seconds, proc = timed([sys.executable, "-c", _RSS_PROBE, *cmd])
    code, kb = proc.stdout.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"{cmd} failed ({code}): {proc.stderr[-2000:]}")
    return seconds, int(kb) / 1024


def bare_pipeline(model: str | None):
    """The stock pipeline (``spacy.load``, every default component, no factx change)."""
    import spacy

    from factx.nlp import model_name

    return spacy.load(model_name(model))


def bare_spacy(nlp, texts: list[str]) -> tuple[float, int]:
    """Seconds and tokens of the bare pipeline ``nlp`` over ``texts``, the model already loaded."""
    t0 = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))
    return time.perf_counter() - t0, tokens


def factx_in_process(corpus: Path, store_dir: Path, model: str | None) -> float:
    """Seconds of the library call behind `factx extract --jobs 1` (reading, parsing, facts,
    store and index writes), with the model already loaded, as for the bare run."""
    from factx.pipeline import run_extract
    from factx.store import Store

    t0 = time.perf_counter()
    with Store(store_dir).open_for_writing() as store:
        summary = run_extract([corpus], store, jobs=1, model=model)
    seconds = time.perf_counter() - t0
    if summary.failures:
        raise SystemExit(f"extract failed on {len(summary.failures)} articles")
    return seconds


_BARE_CMD = (
    "import sys, pathlib, spacy\n"
    "from factx.nlp import model_name\n"
    "nlp = spacy.load(model_name(sys.argv[2] if len(sys.argv) > 2 else None))\n"
    "texts = (p.read_text(encoding='utf-8') for p in sorted(pathlib.Path(sys.argv[1]).glob('*.txt')))\n"
    "for doc in nlp.pipe(texts, batch_size=32): pass\n"
)


def bench_extract(work: Path, n: int, model: str | None, rounds: int = 3) -> dict:
    """Bare spaCy and factx taken in turns, ``rounds`` times (the machine's load drifts: a ratio
    is taken within a round, and the medians are reported)."""
    from factx.pipeline import load_extractors

    corpus = work / "corpus"
    synthetic_corpus(corpus, n)
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    bare = bare_pipeline(model)
    load_extractors(model)  # the model (and factx's name tables) loaded before the clock starts, as for the bare run
    runs: dict[str, list[float]] = {}
    for r in range(rounds):
        cpu = time.process_time()
        bare_s, tokens = bare_spacy(bare, texts)
        runs.setdefault("bare_cpu", []).append(time.process_time() - cpu)
        runs.setdefault("bare", []).append(bare_s)
        cpu = time.process_time()
        runs.setdefault("factx", []).append(factx_in_process(corpus, work / f"store-inproc-{r}", model))
        runs.setdefault("factx_cpu", []).append(time.process_time() - cpu)
        shutil.rmtree(work / f"store-inproc-{r}")
        for name, seconds in bench_commands(work, corpus, model, r).items():
            runs.setdefault(name, []).append(seconds)
    return extract_figures(runs, n, tokens)


def bench_commands(work: Path, corpus: Path, model: str | None, r: int) -> dict[str, float]:
    """Seconds of whole commands, interpreter start and model load included on both sides: the
    bare one and factx extract --jobs 1, --jobs 2 (and --dask local --jobs 2 when installed)."""
    out = {}
    seconds, proc = timed([sys.executable, "-c", _BARE_CMD, str(corpus)] + ([model] if model else []))
    if proc.returncode != 0:
        raise SystemExit(f"bare command failed: {proc.stderr[-2000:]}")
    out["bare_command"] = seconds
    runs = {"jobs1": ["--jobs", "1"], "jobs2": ["--jobs", "2"]}
    if importlib.util.find_spec("distributed") is not None:
        runs["dask_local"] = ["--dask", "local", "--jobs", "2"]
    for name, options in runs.items():
        store = work / f"store-{name}-{r}"
        cmd = FACTX + ["extract", str(corpus), "--store", str(store), *options, "-q"]
        if model:
            cmd += ["--model", model]
        seconds, proc = timed(cmd)
        if proc.returncode != 0:
            raise SystemExit(f"extract failed: {proc.stderr[-2000:]}")
        shutil.rmtree(store)
        out[name] = seconds
    return out


def extract_figures(runs: dict[str, list[float]], n: int, tokens: int) -> dict:
    """results.json's extraction keys from the seconds of each round: medians of the seconds,
    and each ratio the median of the rounds' own ratios."""
    med = statistics.median

    def ratio(a: str, b: str) -> float:
        return med(x / y for x, y in zip(runs[a], runs[b]))

    out = {"articles": n, "tokens": tokens, "rounds": len(runs["bare"]),
           "bare_seconds": med(runs["bare"]), "factx_seconds": med(runs["factx"])}
    out["bare_tokens_per_s"] = tokens / out["bare_seconds"]
    out["factx_tokens_per_s"] = tokens / out["factx_seconds"]
    out["ratio_extract_vs_bare"] = ratio("bare", "factx")
    out["ratio_extract_vs_bare_by_round"] = [x / y for x, y in zip(runs["bare"], runs["factx"])]
    # the same in CPU seconds of this process (every thread's): what the load of other work on
    # the machine changes least
    out["bare_cpu_seconds"], out["factx_cpu_seconds"] = med(runs["bare_cpu"]), med(runs["factx_cpu"])
    out["ratio_extract_vs_bare_cpu"] = ratio("bare_cpu", "factx_cpu")
    out["bare_command_seconds"] = med(runs["bare_command"])
    for name in ("jobs1", "jobs2", "dask_local"):
        if name in runs:
            out[f"{name}_seconds"] = med(runs[name])
            out[f"{name}_tokens_per_s"] = tokens / out[f"{name}_seconds"]
    out["ratio_command_vs_bare_command"] = ratio("bare_command", "jobs1")
    out["speedup_jobs2"] = ratio("jobs1", "jobs2")
    out["speedup_jobs2_by_round"] = [x / y for x, y in zip(runs["jobs1"], runs["jobs2"])]
    if "dask_local" in runs:
        out["speedup_dask_local"] = ratio("jobs1", "dask_local")
    return out


SYLLABLES = ["ba", "ko", "ri", "len", "mar", "tu", "vi", "san", "do", "fel", "gra", "hul", "ja", "ner", "pol",
             "qui", "ros", "ste", "wen", "zan"]
FIRST_NAMES = FIRST + ["Mara", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tomas", "Uma", "Vera", "Wim",
                       "Xenia", "Yusuf", "Zora", "Amir", "Bea", "Cem", "Dora", "Emil", "Fay"]


def person_name(k: int) -> str:
    """A distinct, pronounceable name for person number k (no digits: names stay names)."""
    last, n = "", k // len(FIRST_NAMES)
    while True:
        last += SYLLABLES[n % len(SYLLABLES)]
        n //= len(SYLLABLES)
        if n == 0:
            break
    return f"{FIRST_NAMES[k % len(FIRST_NAMES)]} {last.capitalize()}son"


class ZipfPeople:
    """Names for the people slots of synthetic articles: with probability ``famous`` one of
    ``n_famous`` people drawn Zipf-like (rank r weighs 1/r; with the sample articles' ~6 people
    each, the first is in about 10% of the articles, the tenth in 1%), else one of a long tail
    that grows with the store."""

    def __init__(self, articles: int, rng: random.Random, n_famous: int = 1000, famous: float = 0.12):
        import bisect
        import itertools

        self.rng, self.famous, self.bisect = rng, famous, bisect.bisect
        self.cum = list(itertools.accumulate(1 / r for r in range(1, n_famous + 1)))
        self.n_famous, self.tail = n_famous, max(1000, articles)

    def draw(self) -> int:
        if self.rng.random() < self.famous:
            return self.bisect(self.cum, self.rng.random() * self.cum[-1])
        return self.n_famous + self.rng.randrange(self.tail)


def synthetic_docs(seeds: list[dict], n: int, seed: int = 11, keep_every: int = 100) -> Iterator[dict]:
    """n article documents cloned from the seeds, each with its own id, a publication date
    spread over ten years and its people renamed (Zipf-like: some in ~10% of the articles),
    but for one article in ``keep_every``, which keeps the sample people (Rodney Reed, Kim
    Kardashian West: in ~1% of the store, as a well-covered person would be)."""
    from datetime import date, timedelta

    rng = random.Random(seed)
    people = ZipfPeople(n, rng)
    day0 = date(2010, 1, 1)
    for i in range(n):
        doc = json.loads(json.dumps(seeds[i % len(seeds)]))
        doc["id"] = f"synthetic/{i:07d}.txt"
        doc["published"] = (day0 + timedelta(days=(i * 3653) // max(n, 1))).isoformat()
        renamed: dict[str, str] = {}
        taken: set[int] = set()
        for p in doc.get("people", []) if i % keep_every else []:
            k = people.draw()
            while k in taken:
                k = people.draw()
            taken.add(k)
            new = renamed[p["name"]] = person_name(k)
            p["aliases"] = [new]
            p["name"] = new
        for q in doc.get("quotes", []):
            q["speaker"] = renamed.get(q.get("speaker"), q.get("speaker"))
            q["article"] = doc["id"]
        for d in doc.get("dates", []):
            d["article"] = doc["id"]
            d["people"] = [renamed.get(x, x) for x in d.get("people") or []]
        yield doc


def synthetic_store(source_store: Path, target: Path, n: int, seed: int = 11) -> dict:
    """A store of n synthetic documents (``synthetic_docs``) written through the library (no
    spaCy, no index: the index is then built from the documents in a fresh process, which is
    the rebuild the bench times); returns the seconds of the writes."""
    sys.path.insert(0, str(ROOT / "src"))
    from factx.store import Store, open_store

    src = open_store(source_store)
    seeds = [src.read_article(i) for i in src.article_ids()]
    t0 = time.perf_counter()
    with Store(target).open_for_writing() as store:
        batch: list[dict] = []
        for doc in synthetic_docs(seeds, n, seed):
            batch.append(doc)
            if len(batch) == 1000:
                store.write_articles((d, f"k-{d['id']}") for d in batch)
                batch = []
        store.write_articles((d, f"k-{d['id']}") for d in batch)
        store.save_manifest(model="synthetic", factx_version="bench")
    return {"write_seconds": time.perf_counter() - t0}


def top_person(store: Path) -> dict:
    """The most mentioned person of the store's (current) index."""
    from factx.index import open_index
    from factx.store import open_store

    index, _ = open_index(open_store(store))
    top = index.persons(top=1)[0]
    index.close()
    return {"top_person": top["name"], "top_person_articles": top["n_articles"]}


def index_rebuild_rate(store: Path) -> float:
    """Articles per second of a rebuild of the index from the documents (as after an index
    version change), person merge included, in a fresh process."""
    code = ("import sys, time; sys.path.insert(0, sys.argv[2]); from factx.store import open_store; "
            "from factx.index import open_index; s = open_store(sys.argv[1]); t = time.perf_counter(); "
            "i, _ = open_index(s); print(len(s.entries) / (time.perf_counter() - t)); i.close()")
    for suffix in ("", "-wal", "-shm"):
        Path(str(store / "index.sqlite") + suffix).unlink(missing_ok=True)
    proc = subprocess.run([sys.executable, "-c", code, str(store), str(ROOT / "src")], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"index rebuild failed: {proc.stderr[-2000:]}")
    return float(proc.stdout.split()[-1])


def store_bytes(store: Path) -> int:
    return sum(f.stat().st_size for f in store.rglob("*") if f.is_file())


def median_time(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        seconds, proc = timed(cmd, env={**os.environ, "NO_COLOR": "1"})
        if proc.returncode != 0:
            raise SystemExit(f"{cmd} failed ({proc.returncode}): {proc.stderr[-1000:]}")
        times.append(seconds)
    return statistics.median(times)


# the file that marks a folder as a store the bench made (so --keep-store may replace it)
BENCH_MARK = "factx-bench-store"


def kept_store_size(store: Path) -> int:
    """The articles of a store the bench built and kept (``--keep-store``), 0 if there is none
    (or only part of one: a build that was stopped leaves no manifest)."""
    sys.path.insert(0, str(ROOT / "src"))
    from factx.store import StoreError, open_store

    if not (store / "manifest.json").is_file():
        return 0
    try:
        return len(open_store(store).entries)
    except StoreError:
        return 0


def bench_queries(work: Path, n: int, runs: int, rebuild: bool = True, keep: Path | None = None) -> dict:
    store = keep if keep is not None else work / "big-store"
    t0 = time.perf_counter()
    if keep is not None and (keep / BENCH_MARK).is_file() and kept_store_size(keep) == n:
        # built by an earlier run (a million articles take about an hour): only its index is
        # brought up to date, as a query would, and the rebuild rate is not taken again
        built = {"reused_store": True}
        subprocess.run(FACTX + ["articles", "--limit", "1", "--json", "--store", str(store)], check=True,
                       stdout=subprocess.DEVNULL)
    else:
        if keep is not None and keep.exists():
            # only a folder the bench made is replaced: never a user's store given by mistake
            if not keep.is_dir() or any(keep.iterdir()) and not (keep / BENCH_MARK).is_file():
                raise SystemExit(f"--keep-store {keep}: not an empty folder nor a store the bench made")
            shutil.rmtree(keep)
        if keep is not None:  # marked first, so that a build stopped half-way is replaced next time
            keep.mkdir(parents=True)
            (keep / BENCH_MARK).write_text("a synthetic store made by bench/bench.py --keep-store\n")
        seed_store = work / "seed-store"
        subprocess.run(FACTX + ["extract", str(CORPUS), "--store", str(seed_store), "-q"], check=True)
        built = synthetic_store(seed_store, store, n)
        built["index_articles_per_s"] = index_rebuild_rate(store)  # the first index of the store: a rebuild
        built["index_seconds"] = n / built["index_articles_per_s"]
    built.update(top_person(store))
    build = time.perf_counter() - t0
    s = ["--store", str(store)]
    top = built["top_person"]
    first = "synthetic/0000000.txt"
    # warm the page cache for the index's first pages; each figure below is a median of several
    # runs, so a cold first run does not make it. (Listing every article checks every document:
    # at a million cold documents that took longer than all the queries together.)
    median_time(FACTX + ["articles", "--limit", "20", "--json", *s], 1)
    out = {
        "store_articles": n, "store_build_seconds": build, **built,
        "import_spacy": median_time([sys.executable, "-c", "import spacy"], runs),
        "who": median_time(FACTX + ["who", "Rodney Reed", "--json", *s], runs),
        "quotes_speaker": median_time(FACTX + ["quotes", "--speaker", "Kardashian", "--json", *s], runs),
        "entities_top20": median_time(FACTX + ["entities", "--top", "20", "--json", *s], runs),
        "show": median_time(FACTX + ["show", first, "--json", *s], runs),
        "python_startup": median_time([sys.executable, "-c", "pass"], runs),
        "who_top": median_time(FACTX + ["who", top, "--json", *s], runs),
        "quotes_speaker_top": median_time(FACTX + ["quotes", "--speaker", top, "--limit", "20", "--json", *s], runs),
        "quotes_contains": median_time(FACTX + ["quotes", "--contains", "justice", "--limit", "20", "--json", *s],
                                       runs),
        "timeline_who_top": median_time(FACTX + ["timeline", "--who", top, "--limit", "20", "--json", *s], runs),
        "articles_limit": median_time(FACTX + ["articles", "--limit", "20", "--json", *s], runs),
        # peak RSS of each query (MB); query_peak_rss_mb is the largest of the first four
        "query_peak_rss_by_query_mb": {name: peak_rss_of(FACTX + cmd + s)[1] for name, cmd in (
            ("who_top", ["who", top, "--json"]),
            ("quotes_speaker_top", ["quotes", "--speaker", top, "--limit", "20", "--json"]),
            ("timeline_who_top", ["timeline", "--who", top, "--limit", "20", "--json"]),
            ("entities_top20", ["entities", "--top", "20", "--json"]),
            ("quotes_speaker", ["quotes", "--speaker", "Kardashian", "--json"]),
            ("summary", ["summary", "--json"]))},
        "summary": median_time(FACTX + ["summary", "--json", *s], runs),
        "store_bytes_per_article": store_bytes(store) / n,
        "index_bytes_per_article": (store / "index.sqlite").stat().st_size / n,
    }
    out["query_peak_rss_mb"] = max(out["query_peak_rss_by_query_mb"][k] for k in (
        "who_top", "quotes_speaker_top", "timeline_who_top", "entities_top20"))
    out["documents_bytes_per_article"] = out["store_bytes_per_article"] - out["index_bytes_per_article"]
    if rebuild:  # once more, the store's pages now in the page cache
        out["index_articles_per_s_again"] = index_rebuild_rate(store)
    for k in QUERY_KEYS:
        out[f"{k}_vs_import_spacy"] = out[k] / out["import_spacy"]
    return out


QUERY_KEYS = ("who", "quotes_speaker", "entities_top20", "show", "who_top", "quotes_speaker_top", "quotes_contains",
              "timeline_who_top", "articles_limit", "summary")


def bench_memory(work: Path, sizes: list[int]) -> dict:
    out = {}
    for n in sizes:
        corpus = work / f"mem-{n}"
        synthetic_corpus(corpus, n, seed=n)
        seconds, rss = peak_rss_of(FACTX + ["extract", str(corpus), "--store", str(work / f"mem-store-{n}"), "-q"])
        out[str(n)] = {"seconds": seconds, "peak_rss_mb": rss}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=400, help="synthetic articles for extraction (400)")
    ap.add_argument("--store-articles", type=int, default=10_000,
                    help="articles in the synthetic query store, up to 1,000,000 (10000)")
    ap.add_argument("--no-rebuild", action="store_true", help="skip timing a second index rebuild of the query store")
    ap.add_argument("--memory-sizes", default="250,1000",
                    help="corpus sizes for peak RSS of extract ('' to skip; default 250,1000)")
    ap.add_argument("--keep-store", type=Path, default=None,
                    help="build the query store in this folder and keep it; a later run with the same "
                         "--store-articles reuses it (queries only, no rebuild rate)")
    ap.add_argument("--runs", type=int, default=5, help="runs per query timing (median)")
    ap.add_argument("--model", default=None)
    ap.add_argument("--skip-extract", action="store_true")
    ap.add_argument("--rounds", type=int, default=3,
                    help="rounds of bare spaCy and factx extraction taken in turns (median of ratios; 3)")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="factx-bench-"))
    results: dict = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
    try:
        if not a.skip_extract:
            results["extract"] = bench_extract(work, a.articles, a.model, a.rounds)
        if not 1 <= a.store_articles <= 1_000_000:
            raise SystemExit("--store-articles must be between 1 and 1,000,000")
        results["queries"] = bench_queries(work, a.store_articles, a.runs, rebuild=not a.no_rebuild,
                                           keep=a.keep_store.resolve() if a.keep_store else None)
        if a.memory_sizes:
            # each size in a fresh process tree so the peak of one does not hide the other
            results["memory"] = bench_memory(work, [int(x) for x in a.memory_sizes.split(",")])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2))
    print_table(results)


def print_table(results: dict) -> None:
    ex = results.get("extract")
    if ex:
        print(f"extraction, {ex['articles']} articles, {ex['tokens']:,} tokens, {ex['rounds']} rounds "
              "(medians; ratios: the median of the rounds' ratios)")
        print(f"  bare nlp.pipe stock  {ex['bare_tokens_per_s']:>10,.0f} tokens/s  (model loaded)")
        print(f"  factx, in process    {ex['factx_tokens_per_s']:>10,.0f} tokens/s  "
              f"(ratio {ex['ratio_extract_vs_bare']:.2f}: reading, facts, store and index included; "
              f"by round {', '.join(f'{x:.2f}' for x in ex['ratio_extract_vs_bare_by_round'])}; "
              f"{ex['ratio_extract_vs_bare_cpu']:.2f} in CPU seconds)")
        print(f"  whole commands       bare {ex['bare_command_seconds']:.1f} s, factx --jobs 1 "
              f"{ex['jobs1_seconds']:.1f} s (ratio {ex['ratio_command_vs_bare_command']:.2f}, "
              "start and model load included)")
        print(f"  factx --jobs 2       {ex['jobs2_tokens_per_s']:>10,.0f} tokens/s  (speed-up {ex['speedup_jobs2']:.2f}x "
              f"over --jobs 1: {ex['jobs1_seconds']:.1f} s -> {ex['jobs2_seconds']:.1f} s)")
        if "dask_local_tokens_per_s" in ex:
            print(f"  --dask local -j 2    {ex['dask_local_tokens_per_s']:>10,.0f} tokens/s  "
                  f"(speed-up {ex['speedup_dask_local']:.2f}x, includes starting the cluster)")
        else:
            print("  --dask local         (not measured: the extra factx[dask] is not installed)")
    q = results["queries"]
    print(f"queries on a {q['store_articles']:,}-article store (median seconds)")
    made = ("reused from --keep-store" if q.get("reused_store") else
            f"built in {q['store_build_seconds']:.0f} s: documents {q['write_seconds']:.0f} s, index {q['index_seconds']:.0f} s")
    print(f"  ({made}; top person {q['top_person']!r} in {q['top_person_articles']:,} articles)")
    for k in ("python_startup", "import_spacy"):
        print(f"  {k:<20} {q[k]:.3f}")
    for k in QUERY_KEYS:
        print(f"  {k:<20} {q[k]:.3f}  ({q[f'{k}_vs_import_spacy']:.2f}x import spacy)")
    again = f", {q['index_articles_per_s_again']:,.0f} again" if "index_articles_per_s_again" in q else ""
    if "index_articles_per_s" in q:
        print(f"  index rebuild        {q['index_articles_per_s']:,.0f} articles/s{again}")
    print(f"  query peak RSS       {q['query_peak_rss_mb']:.0f} MB (largest of who, quotes, timeline, entities)")
    for k, mb in q.get("query_peak_rss_by_query_mb", {}).items():
        print(f"    {k:<18} {mb:.0f} MB")
    print(f"  store on disk        {q['store_bytes_per_article']:,.0f} bytes/article "
          f"(index {q['index_bytes_per_article']:,.0f})")
    for n, m in results.get("memory", {}).items():
        print(f"memory: extract of {n} articles: peak RSS {m['peak_rss_mb']:.0f} MB in {m['seconds']:.0f} s")


if __name__ == "__main__":
    main()
