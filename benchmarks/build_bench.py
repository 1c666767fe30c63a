"""Build-speed benchmark (issue #8): prints figures, asserts nothing.

    .venv/bin/python benchmarks/build_bench.py [CORPUS.jsonl] [--limit N] [--jobs 1 2] [--triples 2000000]

In one run, on the same text:

* ``jieba.lcut`` and ``jieba.posseg.lcut`` alone over the corpus text (characters per second);
* ``kg build`` end to end (reading, extraction, emission, graph.ttl, graph.trig, graph.html, the
  store, the reports; no extraction cache) with each ``--jobs`` value, each in a child process:
  characters per second, wall and CPU seconds, and the peak memory of the build's processes (the
  sum of the resident sets of the build and its workers, sampled every 50 ms);
* the ratios the issue asks for: ``--jobs 1`` against ``jieba.posseg.lcut`` and ``--jobs 2``
  against ``--jobs 1``;
* the time of each build by stage, from the build's own clock (BuildReport.timings); the
  extraction time of the ``--jobs 1`` build is split into segmentation (jieba), resolution
  (kg.resolve) and the rules by the shares of a stack-sampled extraction of --sample articles
  spread over the corpus, run apart (sampling the timed build itself would slow it by 10-20 %);
* the time kg's writer (kg.rdf.serialize) takes to write a synthetic graph of --triples distinct
  triples shaped like kg output (kg.store.synthetic, the --jobs 1 build as its template) as
  Turtle and as N-Quads, written to disk.

The machine's load average is printed before and after, and each build's CPU seconds and the
cores it used on average (CPU / wall). On a shared machine compare the ratios, taken in one run,
rather than absolute figures; and note that with the kernel's autogroup scheduling (the default on
many Linux systems: ``/proc/sys/kernel/sched_autogroup_enabled``) a session gets an equal share of
the CPUs whatever its number of processes, so ``--jobs 2`` can only use two cores when the other
sessions leave them idle: the "cores" column shows what it got.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "xinwenlianbo" / "articles.jsonl"
SAMPLE_EVERY = 0.01  # seconds, the stack sampler splitting extraction time


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


# ---- the child: one build ---------------------------------------------------------------------
class StackSampler:
    """Samples the main thread's stack during extraction: which share of it is jieba
    (segmentation), kg.resolve (resolution) or the rest of the extractors (rules)."""

    def __init__(self) -> None:
        self.counts = {"segmentation": 0, "resolution": 0, "rules": 0}
        self._main = threading.main_thread().ident
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        sep = os.sep
        while not self._stop.wait(SAMPLE_EVERY):
            frame = sys._current_frames().get(self._main)
            files = []
            while frame is not None:
                files.append(frame.f_code.co_filename)
                frame = frame.f_back
            if not any(f.endswith(f"kg{sep}extract{sep}__init__.py") for f in files):
                continue
            if any(f"{sep}jieba{sep}" in f for f in files):
                self.counts["segmentation"] += 1
            elif any(f"kg{sep}resolve{sep}" in f for f in files):
                self.counts["resolution"] += 1
            else:
                self.counts["rules"] += 1


def extraction_shares(corpus: Path, limit: int) -> dict[str, int]:
    """Stack samples of extracting *limit* articles spread over the corpus, in this process (not
    in the timed builds: sampling costs them 10-20 % of their time)."""
    from kg.extract import extract_article
    from kg.ingest import read_file
    from kg.nlp.segment import _tokenizer

    articles = read_file(corpus).articles
    articles = articles[:: max(1, len(articles) // limit)][:limit]
    _tokenizer()
    with StackSampler() as sampler:
        for a in articles:
            extract_article(a)
    return sampler.counts


def child_build(corpus: Path, out: Path, jobs: int, result: Path) -> None:
    import resource

    from kg.build import BuildOptions, build

    options = BuildOptions(jobs=jobs, cache=False)
    t, cpu = time.perf_counter(), time.process_time()
    report = build([corpus], out, options)
    wall = time.perf_counter() - t
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    result.write_text(json.dumps({
        "wall": wall, "cpu": time.process_time() - cpu + children.ru_utime + children.ru_stime,
        "timings": report.timings,
        "articles": report.articles,
    }))


# ---- the parent -------------------------------------------------------------------------------
def _tree_rss(pid: int) -> int:
    """Resident set of *pid* and all its descendants, in bytes (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            pass
    return total


def run_build(corpus: Path, out: Path, jobs: int) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        result = Path(fh.name)
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(jobs), str(corpus), str(out), str(result)])
    peak = 0
    while proc.poll() is None:
        if sys.platform.startswith("linux"):
            peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.05)
    if proc.returncode:
        raise SystemExit(f"the --jobs {jobs} build failed ({proc.returncode})")
    data = json.loads(result.read_text())
    result.unlink()
    data["peak"] = peak
    return data


def time_jieba(text: str) -> tuple[float, float]:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    t = time.perf_counter()
    jieba.lcut(text)
    lcut_s = time.perf_counter() - t
    t = time.perf_counter()
    jieba.posseg.lcut(text)
    return lcut_s, time.perf_counter() - t


def bench_writers(template_build: Path, triples: int, tmp: Path) -> None:
    import pyoxigraph as ox

    from kg.rdf.serialize import Statements, serialize_all, write_atomic
    from kg.store.source import article_graphs
    from kg.store.synthetic import synthetic_quads, template_size

    source = article_graphs(template_build / "graph.trig")
    template = {g: source.triples(g) for g in source.names}
    t = time.perf_counter()
    copies = max(1, triples // template_size(template))
    while True:  # entities recur across copies: grow the copies until the union is big enough
        statements, distinct, n_quads = Statements(), set(), 0
        by_graph: dict[ox.NamedNode, list[ox.Quad]] = {}
        for q in synthetic_quads(template, copies):
            by_graph.setdefault(q.graph_name, []).append(q)
            distinct.add(hash(q.triple))
        for g, quads in by_graph.items():
            statements.add(g.value, ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
            n_quads += len(quads)
        del by_graph
        if len(distinct) >= triples:
            break
        copies = int(copies * triples / len(distinct) * 1.01) + 1
    print(f"synthetic graph: {copies} copies of the --jobs 1 build ({template_size(template):,} quads): "
          f"{len(distinct):,} distinct triples, {n_quads:,} quads in article graphs "
          f"(made in {time.perf_counter() - t:.0f} s)")
    del distinct
    for fmt, label in (("ttl", "Turtle (union, sorted)"), ("nq", "N-Quads (article graphs, sorted)")):
        t = time.perf_counter()
        data = serialize_all(statements, (fmt,))[fmt]
        write_atomic(tmp / f"graph.{fmt}", data)
        secs = time.perf_counter() - t
        count = sum(1 for _ in ox.parse(path=str(tmp / f"graph.{fmt}"),
                                        format=ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.N_QUADS))
        print(f"  kg's writer, {label:<34} {count:>10,} statements {secs:8.1f} s  ({len(data) / 2**20:,.0f} MiB)")
        del data
        (tmp / f"graph.{fmt}").unlink()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        jobs, corpus, out, result = sys.argv[2:6]
        child_build(Path(corpus), Path(out), int(jobs), Path(result))
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, help="only the first N articles (lines of a .jsonl corpus)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="builds to time (default: 1 2)")
    ap.add_argument("--sample", type=int, default=400,
                    help="articles extracted once more, with stack sampling, to split extraction time (0: skip)")
    ap.add_argument("--triples", type=int, default=2_000_000, help="synthetic graph size for the writers (0: skip)")
    args = ap.parse_args()

    from kg.ingest import read_file

    print(f"before: {load()}")
    with tempfile.TemporaryDirectory(prefix="kg-build-bench-") as tmp_s:
        tmp = Path(tmp_s)
        corpus = args.corpus
        if args.limit:
            corpus = tmp / corpus.name
            with args.corpus.open(encoding="utf-8") as src:
                corpus.write_text("".join(itertools.islice(src, args.limit)), encoding="utf-8")
        articles = read_file(corpus).articles
        text = "\n".join(a.title + "\n" + a.text for a in articles)
        chars = len(text)
        print(f"corpus: {args.corpus.name}, {len(articles)} articles, {chars:,} characters")
        del articles

        rows = []
        cpu = time.process_time()
        lcut_s, posseg_s = time_jieba(text)
        print(f"jieba alone: CPU {time.process_time() - cpu:.0f} s for {lcut_s + posseg_s:.0f} s; {load()}")
        rows += [("jieba.lcut alone", lcut_s, None, None), ("jieba.posseg.lcut alone", posseg_s, None, None)]
        builds = {}
        for jobs in args.jobs:
            builds[jobs] = run_build(corpus, tmp / f"jobs{jobs}", jobs)
            b = builds[jobs]
            rows.append((f"kg build --jobs {jobs}", b["wall"], b["cpu"], b["peak"]))
            print(f"kg build --jobs {jobs} done; {load()}")

        shares = extraction_shares(corpus, args.sample) if 1 in builds and args.sample else None
        print(f"\n{'':<28}{'seconds':>9}{'CPU s':>8}{'cores':>7}{'chars/s':>10}{'peak memory':>13}")
        for label, secs, cpu_s, peak in rows:
            cpu_col = f"{cpu_s:8.0f}{cpu_s / secs:7.2f}" if cpu_s is not None else " " * 15
            peak_col = f"{peak / 2**20:9,.0f} MiB" if peak else ""
            print(f"{label:<28}{secs:>9.1f}{cpu_col}{chars / secs:>10,.0f}{peak_col:>13}")
        if 1 in builds:
            print(f"ratio kg build --jobs 1 / jieba.posseg.lcut (throughput): {posseg_s / builds[1]['wall']:5.2f}"
                  "   (bar: 0.5)")
            print(f"ratio kg build --jobs 1 / jieba.lcut (throughput):        {lcut_s / builds[1]['wall']:5.2f}")
        if 1 in builds and 2 in builds:
            print(f"ratio kg build --jobs 2 / --jobs 1 (throughput):          "
                  f"{builds[1]['wall'] / builds[2]['wall']:5.2f}   (bar: 1.6)")
        for jobs, b in builds.items():
            print(f"\ntime by stage, --jobs {jobs} ({b['articles']} articles):")
            timings = dict(b["timings"])
            samples = shares if jobs == 1 else None
            extraction = timings.pop("extraction", 0.0)
            label = "extraction" if jobs == 1 else "extraction (waiting for the workers)"
            print(f"  {'reading':<44}{timings.pop('reading', 0.0):>8.1f} s")
            print(f"  {label:<44}{extraction:>8.1f} s")
            if samples and sum(samples.values()):
                total = sum(samples.values())
                for part in ("segmentation", "resolution", "rules"):
                    share = samples[part] / total
                    print(f"    {part:<42}{extraction * share:>8.1f} s  ({share:.0%} of the stack samples)")
            for stage, label in (("emission", "RDF emission (and report summaries)"),
                                 ("serialisation", "serialisation (graph.ttl, graph.trig)"),
                                 ("view", "HTML view"), ("store", "store"), ("writing", "writing files")):
                if stage in timings:
                    print(f"  {label:<44}{timings.pop(stage):>8.1f} s")
            for stage, secs in timings.items():
                print(f"  {stage:<44}{secs:>8.1f} s")
        print(f"\nafter the builds: {load()}")
        if args.triples and 1 in builds:
            bench_writers(tmp / "jobs1", args.triples, tmp)
            print(f"after the writers: {load()}")


if __name__ == "__main__":
    main()
