"""Time to build a large ``kg view`` page and to open it in headless Chromium (a script, not a test).

    .venv/bin/python benchmarks/view_speed.py BUILD [--max-nodes 2000] [--reps 3] [--people]

Build: the wall time of ``kg view BUILD --max-nodes N -o FILE`` as a command (Python start-up,
reading the graph, projection, layout, page), and the layout's share of it. Open: from
``page.goto`` of the file:// URL in Debian's chromium (1366×768, no network) until the page says
it has settled (``kgView.stabilized``: drawn, fitted, labels placed). Medians of --reps runs, with
the page's size and the machine's load average (the figures double on a loaded 2-core machine).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def build_once(build: Path, options: list[str], out: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kg", "view", str(build), *options, "-o", str(out)],
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(done.stderr)
    return time.perf_counter() - started


def layout_seconds(build: Path, max_nodes: int) -> tuple[float, int]:
    from kg.view.filters import ViewSpec, make_view
    from kg.view.layout import positions
    from kg.view.load import load_triples
    from kg.view.project import to_networkx

    view = make_view(to_networkx(load_triples(build)), ViewSpec(max_nodes=max_nodes))
    started = time.perf_counter()
    positions(view.graph)
    return time.perf_counter() - started, len(view.graph)


def open_once(browser, path: Path) -> float:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    page = context.new_page()
    started = time.perf_counter()
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.kgView && kgView.stabilized", timeout=120_000, polling=50)
    seconds = time.perf_counter() - started
    context.close()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build", type=Path)
    parser.add_argument("--max-nodes", type=int, default=2000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--people", action="store_true", help="time the people overview instead")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    options = ["--max-nodes", str(args.max_nodes)] + (["--people"] if args.people else [])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "view.html"
        builds = [build_once(args.build, options, out) for _ in range(args.reps)]
        layout, shown = layout_seconds(args.build, args.max_nodes) if not args.people else (0.0, 0)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            opens = [open_once(browser, out) for _ in range(args.reps)]
            browser.close()
        size = out.stat().st_size
    print(f"kg view {args.build} {' '.join(options)}")
    print(f"  build: median {statistics.median(builds):.2f} s of {', '.join(f'{t:.2f}' for t in builds)}"
          + (f" (layout of {shown} nodes: {layout:.2f} s)" if shown else ""))
    print(f"  open and settle in chromium: median {statistics.median(opens):.2f} s of "
          f"{', '.join(f'{t:.2f}' for t in opens)}")
    print(f"  page: {size / 1024 / 1024:.1f} MiB; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
