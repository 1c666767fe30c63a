"""Rebuild benchmark (issue #19): how long `kg build` takes when the folder already holds a build of
the corpus and every article is in its extraction cache. Prints figures, asserts nothing.

    .venv/bin/python benchmarks/rebuild_bench.py [CORPUS.jsonl] [--jobs 2]

In one run, each a `kg build CORPUS -o OUT --jobs N` process, timed from start to exit:

1. the first build (nothing cached);
2. the same command again: the folder already holds this build, nothing is written;
3. graph.html deleted first: a fully cached rebuild. Every article comes from the cache (facts and
   their N-Quads), the statements are those the store and graph files were made from, so those are
   taken from the folder (kg.build.reuse) and only the view is drawn again;
4. one article's text changed (a new last line): it alone is extracted again, and the store and
   graph files are made again from the new statements.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "xinwenlianbo" / "articles.jsonl"


def timed_build(corpus: Path, out: Path, jobs: int) -> tuple[float, str]:
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--jobs", str(jobs)],
                          capture_output=True, text=True, check=True)
    return time.perf_counter() - t, (done.stdout + done.stderr).strip().splitlines()[-1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-rebuild-bench-") as tmp_s:
        tmp = Path(tmp_s)
        corpus, out = tmp / args.corpus.name, tmp / "out"
        corpus.write_bytes(args.corpus.read_bytes())
        rows = [("first build (nothing cached)", *timed_build(corpus, out, args.jobs)),
                ("same command again", *timed_build(corpus, out, args.jobs))]
        (out / "graph.html").unlink()
        rows.append(("graph.html deleted: fully cached rebuild", *timed_build(corpus, out, args.jobs)))
        lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
        record = json.loads(lines[-1])
        record["text"] += "\n（完）"
        lines[-1] = json.dumps(record, ensure_ascii=False) + "\n"
        corpus.write_text("".join(lines), encoding="utf-8")
        rows.append(("one article changed", *timed_build(corpus, out, args.jobs)))
    print(f"corpus: {args.corpus}, kg build --jobs {args.jobs}")
    for label, seconds, said in rows:
        print(f"{label:<44}{seconds:>7.1f} s   {said}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
