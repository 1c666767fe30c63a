"""``kg query NAME [--graph PATH_OR_URL …]``: a canned query (kg/queries/*.rq) or a .rq file
over a build, graph files or a SPARQL endpoint (kg.queries), as a table, CSV or JSON.

Exit status: 0 answered; 1 the graph cannot be read or the query failed; 2 usage error (an unknown
query, parameter or column).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path


def _param(value: str) -> tuple[str, str]:
    key, sep, val = value.partition("=")
    if not sep or not re.fullmatch(r"\w+", key):
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {value!r}")
    return key, val


def _count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number of rows, got {value!r}")
    return int(value)


def register(subparsers) -> None:
    """Add the ``query`` subparser; its ``func`` runs the command."""
    q = subparsers.add_parser(
        "query", help="run a canned query or a .rq file over a build",
        description="Ask a build (or any RDF file, or a SPARQL endpoint) a canned question or your own "
                    "SPARQL query.",
        epilog="examples:\n  kg query --list\n  kg query people\n"
               "  kg query timeline --param person=张三 --format csv\n"
               "  kg query events --graph http://127.0.0.1:7878/query --limit 20",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    q.add_argument("name", nargs="?", metavar="NAME_OR_FILE",
                   help="a canned query (kg query --list shows them) or a .rq file of your own")
    q.add_argument("--graph", action="append", default=[], metavar="PATH_OR_URL",
                   help="a build folder, a .ttl/.trig/.nt/.nq/.jsonld file, or a SPARQL endpoint's URL; "
                        "repeat to query several files together (default: output/)")
    q.add_argument("--param", action="append", type=_param, default=[], metavar="KEY=VALUE",
                   help="a value for a parameter the query declares (e.g. person=张三); --list shows them")
    q.add_argument("--format", dest="output_format", default="table", choices=["table", "csv", "json"],
                   help="table for reading (default); csv or json: SPARQL 1.1 results, every column and row")
    q.add_argument("--limit", type=_count, metavar="N", help="at most N rows (the engine stops early)")
    q.add_argument("--offset", type=_count, metavar="N", help="skip the first N rows (with --limit: paging)")
    q.add_argument("--columns", metavar="A,B,…", help="table: only these columns, in this order")
    q.add_argument("--iris", action="store_true", help="table: show identifier (IRI) columns too")
    q.add_argument("--list", action="store_true", help="list the canned queries with what each answers")
    q.set_defaults(func=run)


TERMINAL_ROWS = 50  # rows a table shows in a terminal unless --limit says otherwise


def run(args: argparse.Namespace) -> int:
    # here, not at the top: kg starts without rdflib and the store (start-up)
    from kg.queries import QueryError, TableOptions, canned_queries, format_result, load_graph, load_query, run_query

    if args.list:
        for name, q in canned_queries().items():
            params = " ".join(f"--param {k}=…" for k in q.params)
            print(f"{name:14} {q.description}{'  [' + params + ']' if params else ''}")
        return 0
    if not args.name:
        print("kg query: give a query name or .rq file (or --list)", file=sys.stderr)
        return 2
    targets = args.graph or ["output"]
    if not args.graph and not Path("output").is_dir():
        print("kg query: no --graph given and no output/ folder here: run `kg build` first, "
              "or give --graph PATH_OR_URL", file=sys.stderr)
        return 2
    terminal = args.output_format == "table" and args.limit is None and sys.stdout.isatty()
    table = TableOptions(iris=args.iris, columns=tuple(c for c in (args.columns or "").split(",") if c),
                         max_rows=TERMINAL_ROWS if terminal else None)
    more = ("; --limit N --offset N page it, --format csv gives every row" if terminal else "")
    try:
        query = load_query(args.name)
        graph = load_graph(targets)
        result = run_query(graph, query, dict(args.param), limit=args.limit, offset=args.offset)
        sys.stdout.write(format_result(result, args.output_format, table, more) + "\n")
    except QueryError as err:
        print(f"kg query: {err}", file=sys.stderr)
        return err.exit_status
    return 0
