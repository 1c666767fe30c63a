"""`kg validate [PATH]`: check a build against kg's SHACL shapes (ontology/shapes.ttl, with
ontology/lg.ttl mixed in; ontology.md §3.8).

PATH is a build folder (its graph.ttl, else graph.trig) or a .ttl, .trig, .nt, .nq or .jsonld file;
the default is output/. The report lists each finding with its focus node, path and message.
Exit status: 0 the graph conforms (warnings are printed but allowed); 1 it has violations or does
not parse; 2 usage error (no such graph).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kg.argtypes import non_negative_int, positive_int


def register(subparsers) -> None:
    """Add the ``validate`` subparser; its ``func`` runs the command."""
    p = subparsers.add_parser("validate", help="check a build or graph file against kg's SHACL shapes",
                              description=__doc__.split("\n\n")[1])
    p.add_argument("path", nargs="?", type=Path, default=Path("output"), metavar="PATH",
                   help="build folder or .ttl/.trig/.nt/.nq/.jsonld file (default: output/)")
    p.add_argument("--limit", type=non_negative_int, default=100, metavar="N",
                   help="list at most N findings after the counts (0: all; default 100)")
    p.add_argument("--jobs", type=positive_int, default=min(2, os.cpu_count() or 1), metavar="N",
                   help="processes that check a large graph, each a share of the shapes (default: 2, "
                        "or 1 on a one-core machine)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # here, not at the top: kg starts without rdflib and pyshacl (start-up)
    from kg.rdf.io import GraphPathError, graph_file
    from kg.rdf.validate import validate_path

    try:
        file, fmt = graph_file(args.path)
    except GraphPathError as err:
        print(f"kg validate: {err}", file=sys.stderr)
        return 2
    print(f"kg validate: checking {file} against kg's shapes…", file=sys.stderr, flush=True)
    try:
        result = validate_path(file, jobs=args.jobs, progress=_progress(sys.stderr.isatty()))
    except Exception as err:  # rdflib's and pyoxigraph's parsers raise many unrelated exception types
        print(f"\nkg validate: {file}: cannot parse as {fmt}: {err}", file=sys.stderr)
        return 1
    sys.stdout.write(result.report(limit=args.limit or None) + "\n")
    return 0 if result.conforms else 1


def _progress(on_terminal: bool):
    """Checks done so far, on one line rewritten in a terminal, else a line at each quarter."""
    shown: set[int] = set()

    def show(done: int, total: int) -> None:
        if on_terminal:
            end = "\n" if done == total else ""
            print(f"\rkg validate: {done}/{total} checks", end=end, file=sys.stderr, flush=True)
        elif (quarter := 4 * done // total) not in shown:
            shown.add(quarter)
            print(f"kg validate: {done}/{total} checks", file=sys.stderr, flush=True)

    return show
