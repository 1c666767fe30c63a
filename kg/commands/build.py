"""``kg build [INPUT …] [-o DIR]``: build a graph from pages, articles and JSON Lines corpora
(kg.build), into graph.ttl, graph.trig, graph.html, report.json and the embedded store.

Exit status: 0 every input was read; 1 some input failed, or the store could not be updated;
2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.argtypes import iso_date
from kg.resources import SAMPLE_DATE, sample_page


def register(subparsers) -> None:
    """Add the ``build`` subparser; its ``func`` runs the command."""
    b = subparsers.add_parser("build", help="build a graph from pages, articles and JSON Lines corpora")
    b.add_argument("inputs", nargs="*", type=Path, metavar="INPUT",
                   help="files or folders: .txt (a newspaper page or one article), .jsonl (one article a "
                        "line), .pdf (e-paper pages), .html/.htm (a saved web page), .warc/.warc.gz (a web "
                        "crawl); none: the bundled sample page")
    b.add_argument("-o", "--output", type=Path, default=Path("output"),
                   help="output folder (default: output/); it then holds exactly these inputs")
    b.add_argument("--append", action="store_true",
                   help="add these inputs to what the output folder already holds (its earlier inputs are "
                        "read again, from the cache where unchanged, so every output covers them all)")
    b.add_argument("--date", type=iso_date, help="publication date for inputs that carry none (YYYY-MM-DD)")
    b.add_argument("--source", help="name of the paper or site the inputs come from")
    b.add_argument("--base", default="https://kg.example.org/id/", help="base IRI for minted nodes")
    b.add_argument("--format", action="append", default=[], choices=["jsonld", "nq", "nt"],
                   help="also write graph.<format> (graph.ttl and graph.trig are always written)")
    b.add_argument("--jobs", type=int, default=1, help="parallel extraction processes (default 1)")
    b.add_argument("--no-cache", action="store_true", help="extract every article again (ignore <out>/.kg-cache)")
    b.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="where extraction runs: this machine, or a Dask cluster (pip install 'kg[dask]')")
    b.add_argument("--scheduler", help="Dask scheduler address (with --engine dask); default: a local cluster")
    b.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # here, not at the top: kg starts without kg.build and rdflib (start-up)
    from kg.build import BuildError, BuildOptions, build
    from kg.store import StoreError

    if args.engine == "dask":
        try:
            import dask.distributed  # noqa: F401  (an optional extra)
        except ImportError:
            print("kg build: --engine dask needs the optional extra: pip install 'kg[dask]'", file=sys.stderr)
            return 2
    inputs = args.inputs
    issued = args.date
    if not inputs:
        inputs = [sample_page()]
        issued = issued or SAMPLE_DATE
        print(f"kg: no input given; building the bundled sample page {inputs[0].name} "
              f"(published {issued})", file=sys.stderr)
    formats = ("ttl", "trig") + tuple(f for f in args.format if f not in ("ttl", "trig"))
    if args.jobs < 1:
        print("kg build: --jobs must be at least 1", file=sys.stderr)
        return 2
    options = BuildOptions(issued=issued, source=args.source, base=args.base, formats=formats, jobs=args.jobs,
                           progress=sys.stderr.isatty(), cache=not args.no_cache, engine=args.engine,
                           scheduler=args.scheduler, append=args.append)

    def on_problem(problem):
        print(f"kg: {problem}", file=sys.stderr)

    try:
        report = build(inputs, args.output, options, on_problem=on_problem)
    except BuildError as err:
        print(f"kg build: {err}", file=sys.stderr)
        return err.exit_status
    except StoreError as err:
        print(f"kg build: the embedded store in {args.output}/store could not be updated: {err}", file=sys.stderr)
        return 1
    n = report.articles
    if report.unchanged:
        print(f"kg: {args.output}/ already holds this build ({n} article(s); inputs, options and kg unchanged): "
              "nothing to do (--no-cache builds it again)", file=sys.stderr)
    elif report.kept_previous_graph:
        print(f"kg: no article could be read; {args.output}/ keeps what it held", file=sys.stderr)
    else:
        files = sum(1 for i in report.inputs if i.kind != "skipped")
        print(f"kg: {args.output}/ now holds {n} article(s) from {files} input file(s)"
              f"{' (with what it held before)' if args.append else ''}", file=sys.stderr)
    if report.failed:
        print("kg: some inputs could not be read; see report.json", file=sys.stderr)
    return 1 if report.failed else 0
