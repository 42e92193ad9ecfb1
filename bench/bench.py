"""factx benchmarks, taken side by side in one run (not a unit test): `make bench`.

1. Extraction: bare spaCy `nlp.pipe` (same model, same components) vs `factx extract` on the
   same synthetic corpus, tokens/s and their ratio; `--jobs 1` vs `--jobs 2`, and `--dask local
   --jobs 2` (a LocalCluster of two worker processes) when the extra factx[dask] is installed.
2. Queries on a synthetic store of N articles (default 10,000), built from the extracted sample
   articles with distinct ids and people: `factx who`, `quotes --speaker`, `entities --top 20`,
   `show`, as subprocesses (median of several runs), next to `python -c "import spacy"`.
3. Peak RSS of extract at two corpus sizes.

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


def bare_spacy(texts: list[str], model: str | None) -> tuple[float, int]:
    from factx.nlp import load_pipeline

    nlp = load_pipeline(model)
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
    "import sys, pathlib\n"
    "from factx.nlp import load_pipeline\n"
    "nlp = load_pipeline(sys.argv[2] if len(sys.argv) > 2 else None)\n"
    "texts = (p.read_text(encoding='utf-8') for p in sorted(pathlib.Path(sys.argv[1]).glob('*.txt')))\n"
    "for doc in nlp.pipe(texts, batch_size=32): pass\n"
)


def bench_extract(work: Path, n: int, model: str | None) -> dict:
    corpus = work / "corpus"
    synthetic_corpus(corpus, n)
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    bare_s, tokens = bare_spacy(texts, model)  # also loads the model for the in-process run
    factx_s = factx_in_process(corpus, work / "store-inproc", model)
    out = {"articles": n, "tokens": tokens, "bare_seconds": bare_s, "bare_tokens_per_s": tokens / bare_s,
           "factx_seconds": factx_s, "factx_tokens_per_s": tokens / factx_s,
           "ratio_extract_vs_bare": bare_s / factx_s}
    # whole commands, interpreter start and model load included on both sides
    seconds, proc = timed([sys.executable, "-c", _BARE_CMD, str(corpus)] + ([model] if model else []))
    if proc.returncode != 0:
        raise SystemExit(f"bare command failed: {proc.stderr[-2000:]}")
    out["bare_command_seconds"] = seconds
    runs = {"jobs1": ["--jobs", "1"], "jobs2": ["--jobs", "2"]}
    if importlib.util.find_spec("distributed") is not None:
        runs["dask_local"] = ["--dask", "local", "--jobs", "2"]
    for name, options in runs.items():
        cmd = FACTX + ["extract", str(corpus), "--store", str(work / f"store-{name}"), *options, "-q"]
        if model:
            cmd += ["--model", model]
        seconds, proc = timed(cmd)
        if proc.returncode != 0:
            raise SystemExit(f"extract failed: {proc.stderr[-2000:]}")
        out[f"{name}_seconds"] = seconds
        out[f"{name}_tokens_per_s"] = tokens / seconds
    out["ratio_command_vs_bare_command"] = out["bare_command_seconds"] / out["jobs1_seconds"]
    out["speedup_jobs2"] = out["jobs1_seconds"] / out["jobs2_seconds"]
    if "dask_local" in runs:
        out["speedup_dask_local"] = out["jobs1_seconds"] / out["dask_local_seconds"]
    return out


def synthetic_store(source_store: Path, target: Path, n: int, seed: int = 11, keep_every: int = 100) -> None:
    """A store of n articles cloned from extracted ones, each with its own id. People keep their
    names in one article out of ``keep_every`` (so the sample people appear in ~1% of the store,
    as a well-covered person would) and are renamed elsewhere, giving thousands of people."""
    sys.path.insert(0, str(ROOT / "src"))
    from factx.index import Index
    from factx.store import Store, open_store

    rng = random.Random(seed)
    src = open_store(source_store)
    docs = [src.read_article(i) for i in src.article_ids()]
    with Store(target).open_for_writing() as store:
        index = Index(store)
        index.begin()
        for i in range(n):
            doc = json.loads(json.dumps(docs[i % len(docs)]))
            doc["id"] = f"synthetic/{i:06d}.txt"
            renamed = {}
            for p in doc.get("people", []) if i % keep_every else []:
                new = renamed[p["name"]] = f"{rng.choice(FIRST)} {rng.choice(LAST)}{i % 997}"
                p["aliases"] = [new]
                p["name"] = new
            for q in doc.get("quotes", []):
                if q.get("speaker") in renamed:
                    q["speaker"] = renamed[q["speaker"]]
            for q in doc.get("quotes", []):
                q["article"] = doc["id"]
            for d in doc.get("dates", []):
                d["article"] = doc["id"]
                d["people"] = [renamed.get(n, n) for n in d.get("people", [])]
            store.write_article(doc, key=f"k{i}")
            index.add(doc, f"k{i}")
            if i % 500 == 499:
                index.commit()
                index.begin()
        index.commit()
        store.save_manifest(model="synthetic", factx_version="bench")
        index.refresh()
        index.close()


def median_time(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        seconds, proc = timed(cmd, env={**os.environ, "NO_COLOR": "1"})
        if proc.returncode != 0:
            raise SystemExit(f"{cmd} failed ({proc.returncode}): {proc.stderr[-1000:]}")
        times.append(seconds)
    return statistics.median(times)


def bench_queries(work: Path, n: int, runs: int) -> dict:
    seed_store = work / "seed-store"
    subprocess.run(FACTX + ["extract", str(CORPUS), "--store", str(seed_store), "-q"], check=True)
    store = work / "big-store"
    t0 = time.perf_counter()
    synthetic_store(seed_store, store, n)
    build = time.perf_counter() - t0
    s = ["--store", str(store)]
    first = json.loads(subprocess.run(FACTX + ["articles", "--json", *s], capture_output=True,
                                      text=True).stdout)[0]["id"]
    median_time(FACTX + ["articles", "--json", *s], 1)  # warm the page cache
    return {
        "store_articles": n, "store_build_seconds": build,
        "import_spacy": median_time([sys.executable, "-c", "import spacy"], runs),
        "who": median_time(FACTX + ["who", "Rodney Reed", "--json", *s], runs),
        "quotes_speaker": median_time(FACTX + ["quotes", "--speaker", "Kardashian", "--json", *s], runs),
        "entities_top20": median_time(FACTX + ["entities", "--top", "20", "--json", *s], runs),
        "show": median_time(FACTX + ["show", first, "--json", *s], runs),
        "python_startup": median_time([sys.executable, "-c", "pass"], runs),
    }


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
    ap.add_argument("--store-articles", type=int, default=10_000, help="articles in the query store (10000)")
    ap.add_argument("--memory-sizes", default="250,1000",
                    help="corpus sizes for peak RSS of extract ('' to skip; default 250,1000)")
    ap.add_argument("--runs", type=int, default=5, help="runs per query timing (median)")
    ap.add_argument("--model", default=None)
    ap.add_argument("--skip-extract", action="store_true")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="factx-bench-"))
    results: dict = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
    try:
        if not a.skip_extract:
            results["extract"] = bench_extract(work, a.articles, a.model)
        results["queries"] = bench_queries(work, a.store_articles, a.runs)
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
        print(f"extraction, {ex['articles']} articles, {ex['tokens']:,} tokens")
        print(f"  bare nlp.pipe        {ex['bare_tokens_per_s']:>10,.0f} tokens/s  (model loaded)")
        print(f"  factx, in process    {ex['factx_tokens_per_s']:>10,.0f} tokens/s  "
              f"(ratio {ex['ratio_extract_vs_bare']:.2f}: reading, facts, store and index included)")
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
    for k in ("python_startup", "import_spacy", "who", "quotes_speaker", "entities_top20", "show"):
        print(f"  {k:<16} {q[k]:.3f}")
    for n, m in results.get("memory", {}).items():
        print(f"memory: extract of {n} articles: peak RSS {m['peak_rss_mb']:.0f} MB in {m['seconds']:.0f} s")


if __name__ == "__main__":
    main()
