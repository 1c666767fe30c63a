"""Label overlap in kg's views, measured in headless Chromium (a script, not a test).

    .venv/bin/python benchmarks/view_overlap.py BUILD [--shots DIR]

For each view of BUILD (a corpus build folder) — the people overview, a period's people overview,
a period's filtered network (人物,会议, first quarter of 2024), and the 2,000-node network — it
writes the page, opens it offline in Debian's chromium (1366×768), waits until the page has
settled, reads back the label boxes vis-network drew (tests/view_probe.py) and prints how many
labels are drawn and the share of them that overlap another label, at the first view and after
zooming in twice (×2, ×4 around the centre). --shots saves a screenshot of each first view.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from view_probe import DRAWN_LABELS_JS, overlap_share  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
VIEWS = {
    "people": ["--people"],
    "people_2024q1": ["--people", "--since", "2024-01-01", "--until", "2024-03-31"],
    "filtered_2024q1": ["--type", "人物,会议", "--since", "2024-01-01", "--until", "2024-03-31"],
    "network_2000": ["--max-nodes", "2000"],
}


def write_page(build: Path, options: list[str], out: Path) -> None:
    from kg.cli import main

    if main(["view", str(build), *options, "-o", str(out)]) != 0:
        raise SystemExit(f"kg view {' '.join(options)} failed")


def measure(browser, path: Path, shot: Path | None) -> list[tuple[str, int, float]]:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    page = context.new_page()
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.kgView && kgView.stabilized", timeout=120_000)
    rows = []
    for zoom in (1, 2, 4):
        if zoom > 1:
            page.evaluate("(z) => { const n = kgView.network; n.moveTo({scale: n.getScale() * z}); }", 2)
            page.wait_for_timeout(100)
        boxes = page.evaluate(DRAWN_LABELS_JS)
        rows.append((f"×{zoom}", len(boxes), overlap_share(boxes)))
        if zoom == 1 and shot:
            page.screenshot(path=str(shot))
    context.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build", type=Path)
    parser.add_argument("--shots", type=Path, help="folder for a screenshot of each view")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        print(f"{'view':<18}{'zoom':>6}{'labels':>8}{'overlap':>9}")
        for name, options in VIEWS.items():
            path = Path(tmp) / f"{name}.html"
            started = time.perf_counter()
            write_page(args.build, options, path)
            built = time.perf_counter() - started
            for zoom, drawn, share in measure(browser, path, args.shots / f"{name}.png" if args.shots else None):
                print(f"{name:<18}{zoom:>6}{drawn:>8}{share:>8.1%}   (kg view {' '.join(options)}: {built:.1f} s)")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
