"""``kg stats PATH [-o DIR] [--top N]``: network analytics of a build, as tables and CSV.

Prints nodes by kind, relations by kind, the most central people of the co-participation
network (degree, betweenness), its communities and events per month; writes one CSV per table
into DIR (default: ``stats/`` in the build folder, or next to the graph file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.argtypes import positive_int


def default_output(path: Path) -> Path:
    return (path if path.is_dir() else path.parent) / "stats"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "stats", help="network analytics of a build: kinds, central people, communities, events per month",
        description="Print network analytics of a graph as tables and write them as CSV.")
    p.add_argument("path", type=Path, metavar="PATH", help="build folder or graph file (.ttl, .trig, …)")
    p.add_argument("-o", "--output", type=Path, metavar="DIR",
                   help="folder for the CSV files (default: stats/ next to the graph)")
    p.add_argument("--top", type=positive_int, default=20, metavar="N",
                   help="rows in the people and community tables (default 20)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # here, not at the top: kg starts without rdflib and networkx (start-up)
    from kg.rdf.serialize import write_all_atomic
    from kg.view.load import LoadError, load_triples
    from kg.view.project import to_networkx
    from kg.view.stats import compute, csv_files, format_table

    try:
        graph = load_triples(args.path)
    except LoadError as err:
        print(f"kg stats: {err}", file=sys.stderr)
        return 2 if not args.path.exists() else 1
    tables = compute(to_networkx(graph), top=args.top)
    sys.stdout.write("\n\n".join(format_table(t) for t in tables) + "\n")
    folder = args.output or default_output(args.path)
    files = csv_files(tables, folder)
    write_all_atomic(files)
    print(f"kg stats: wrote {', '.join(p.name for p in files)} -> {folder}/", file=sys.stderr)
    return 0
