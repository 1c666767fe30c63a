"""The ``kg`` command: thin wrappers over the pipeline, the query runner and the views.

Exit status: 0 success; 1 some input failed or a check found problems; 2 usage error.
"""

from __future__ import annotations

import argparse
import re
import signal
import sys
from pathlib import Path

from kg import __version__
from kg.argtypes import iso_date


def _param(value: str) -> tuple[str, str]:
    key, sep, val = value.partition("=")
    if not sep or not re.fullmatch(r"\w+", key):
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {value!r}")
    return key, val


def cmd_build(args: argparse.Namespace) -> int:
    from kg.pipeline import BuildOptions, build
    from kg.resources import SAMPLE_DATE, sample_page

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
                           scheduler=args.scheduler)

    def on_problem(problem):
        print(f"kg: {problem}", file=sys.stderr)

    from kg.store import StoreError

    try:
        report = build(inputs, args.output, options, on_problem=on_problem)
    except StoreError as err:
        print(f"kg build: the embedded store in {args.output}/store could not be updated: {err}", file=sys.stderr)
        return 1
    n = sum(len(i["articles"]) for i in report.inputs)
    print(f"kg: {n} article(s) from {len(report.inputs)} input(s) -> {args.output}/", file=sys.stderr)
    if report.failed:
        print("kg: some inputs could not be read; see report.json", file=sys.stderr)
    return 1 if report.failed else 0


def cmd_query(args: argparse.Namespace) -> int:
    from kg.queries import QueryError, canned_queries, format_result, load_graph, load_query, run_query

    if args.list:
        for name, q in canned_queries().items():
            params = " ".join(f"--param {k}=…" for k in q.params)
            print(f"{name:14} {q.description}{'  [' + params + ']' if params else ''}")
        return 0
    if not args.name:
        print("kg query: give a query name or .rq file (or --list)", file=sys.stderr)
        return 2
    if not args.graph:
        print("kg query: give at least one --graph PATH", file=sys.stderr)
        return 2
    try:
        query = load_query(args.name)
        graph = load_graph(args.graph)
        result = run_query(graph, query, dict(args.param))
        sys.stdout.write(format_result(result, args.output_format) + "\n")
    except QueryError as err:
        print(f"kg query: {err}", file=sys.stderr)
        return 2 if "unknown query" in str(err) or "param" in str(err) else 1
    return 0


COMMANDS = {"build": cmd_build, "query": cmd_query}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="Knowledge graphs from Chinese local-governance news.")
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    b = sub.add_parser("build", help="build a graph from pages, articles and JSON Lines corpora")
    b.add_argument("inputs", nargs="*", type=Path, metavar="INPUT",
                   help="files or folders (.txt pages or articles, .jsonl); none: the bundled sample page")
    b.add_argument("-o", "--output", type=Path, default=Path("output"), help="output folder (default: output/)")
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

    q = sub.add_parser("query", help="run a canned query or a .rq file over a build")
    q.add_argument("name", nargs="?", metavar="NAME_OR_FILE")
    q.add_argument("--graph", action="append", type=Path, default=[], help="graph file or build folder")
    q.add_argument("--param", action="append", type=_param, default=[], metavar="KEY=VALUE")
    q.add_argument("--format", dest="output_format", default="table", choices=["table", "csv", "json"])
    q.add_argument("--list", action="store_true", help="list the canned queries")

    for register in _extra_commands().values():
        register(sub)
    return p


def _extra_commands() -> dict:
    """Commands implemented in their own modules (kg/commands/<name>.py, a ``register`` function
    that adds a subparser whose ``func`` runs the command)."""
    import importlib
    import pkgutil

    import kg.commands

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
    except OSError as err:
        where = f" {err.filename}" if err.filename else ""
        print(f"kg: cannot write{where}: {err.strerror or err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
