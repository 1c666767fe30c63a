"""The ``kg`` command: thin wrappers over the pipeline, the query runner and the views.

Exit status: 0 success; 1 some input failed or a check found problems; 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import re
import signal
import sys
from pathlib import Path

import kg.commands
from kg import __version__
from kg.argtypes import iso_date
from kg.resources import SAMPLE_DATE, sample_page


def _param(value: str) -> tuple[str, str]:
    key, sep, val = value.partition("=")
    if not sep or not re.fullmatch(r"\w+", key):
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {value!r}")
    return key, val


def cmd_build(args: argparse.Namespace) -> int:
    # here, not at the top: kg starts without the pipeline and rdflib (start-up)
    from kg.pipeline import BuildError, BuildOptions, build
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
    n = sum(len(i["articles"]) for i in report.inputs)
    if report.unchanged:
        print(f"kg: {args.output}/ already holds this build ({n} article(s); inputs, options and kg unchanged): "
              "nothing to do (--no-cache builds it again)", file=sys.stderr)
    elif report.kept_previous_graph:
        print(f"kg: no article could be read; {args.output}/ keeps what it held", file=sys.stderr)
    else:
        files = sum(1 for i in report.inputs if i["kind"] != "skipped")
        print(f"kg: {args.output}/ now holds {n} article(s) from {files} input file(s)"
              f"{' (with what it held before)' if args.append else ''}", file=sys.stderr)
    if report.failed:
        print("kg: some inputs could not be read; see report.json", file=sys.stderr)
    return 1 if report.failed else 0


TERMINAL_ROWS = 50  # rows a table shows in a terminal unless --limit says otherwise


def cmd_query(args: argparse.Namespace) -> int:
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


def _count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number of rows, got {value!r}")
    return int(value)


COMMANDS = {"build": cmd_build, "query": cmd_query}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="Knowledge graphs from Chinese local-governance news.")
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    b = sub.add_parser("build", help="build a graph from pages, articles and JSON Lines corpora")
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

    q = sub.add_parser(
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

    for register in _extra_commands().values():
        register(sub)
    return p


def _extra_commands() -> dict:
    """Commands implemented in their own modules (kg/commands/<name>.py, a ``register`` function
    that adds a subparser whose ``func`` runs the command)."""
    out = {}
    for info in sorted(pkgutil.iter_modules(kg.commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"kg.commands.{info.name}")
        out[info.name] = module.register
    return out


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if args.command is None:
        p.print_help()
        return 2
    func = COMMANDS.get(args.command) or getattr(args, "func", None)
    signal.signal(signal.SIGTERM, _interrupt)  # SIGTERM cleans up like Ctrl-C
    try:
        return func(args)
    except KeyboardInterrupt:
        print("kg: interrupted; outputs are written only at the end, so nothing was changed", file=sys.stderr)
        return 130
    except BrokenPipeError:  # kg … | head: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
    except OSError as err:
        where = f" {err.filename}" if err.filename else ""
        print(f"kg: cannot write{where}: {err.strerror or err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
