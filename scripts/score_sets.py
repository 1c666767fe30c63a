#!/usr/bin/env python3
"""Run the shared scorer (../shared/eval/score.py) on gold files in parallel chunks and merge the
tallies into one table, as one run over all the files would print it. Standard library only.

    python3 scripts/score_sets.py --root private/local private/local/*.gold.json
    python3 scripts/score_sets.py --root ../shared ../shared/eval/dev/*.gold.json --jobs 2
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROW = re.compile(
    r"^(?P<cat>[a-z][a-z ]+?)\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+\((?P<a>\d+)/(?P<b>\d+), (?P<c>\d+)/(?P<d>\d+)\)"
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--root", required=True)
    ap.add_argument("--kg", default=".venv/bin/kg")
    ap.add_argument("--scorer", default=str(Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("-v", "--verbose", action="store_true", help="print each chunk's per-file output")
    args = ap.parse_args()
    chunks = [args.gold[i::args.jobs] for i in range(args.jobs) if args.gold[i::args.jobs]]
    cmd = [sys.executable, args.scorer, "--kg", args.kg, "--root", args.root] + (["-v"] if args.verbose else [])
    with ThreadPoolExecutor(len(chunks)) as pool:
        outputs = list(pool.map(lambda c: subprocess.run(cmd + c, capture_output=True, text=True).stdout, chunks))
    tallies: dict[str, list[int]] = {}
    failures = 0
    for out in outputs:
        if args.verbose:
            print(out)
        for line in out.splitlines():
            if m := ROW.match(line):
                t = tallies.setdefault(m["cat"].strip(), [0, 0, 0, 0])
                for i, k in enumerate("abcd"):
                    t[i] += int(m[k])
            elif m := re.match(r"^(\d+) build\(s\) failed", line):
                failures += int(m.group(1))
    print(f"{'category':18} {'P':>6} {'R':>6} {'F1':>6}   (tp_pred/pred, tp_gold/gold)")
    f1s = []
    for cat, (tp_p, n_pred, tp_r, n_gold) in tallies.items():
        p = tp_p / n_pred if n_pred else (1.0 if not n_gold else 0.0)
        r = tp_r / n_gold if n_gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        f1s.append(f)
        print(f"{cat:18} {p:6.3f} {r:6.3f} {f:6.3f}   ({tp_p}/{n_pred}, {tp_r}/{n_gold})")
    if failures:
        print(f"{failures} build(s) failed; each counts as zero")
        f1s += [0.0] * failures * 8
    print(f"macro-F1 {sum(f1s) / len(f1s) if f1s else 0.0:.3f} over {len(args.gold)} file(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
