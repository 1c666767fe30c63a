"""``kg push --endpoint URL [PATH]``: export a build to a SPARQL 1.1 server (Graph Store Protocol).

Exit status: 0 every article graph written; 1 the server refused or stopped answering (the
message names the graphs written and not written); 2 usage error (bad path, bad URL, bad
credentials configuration).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

EPILOG = """\
credentials: KG_PUSH_USER and KG_PUSH_PASSWORD, else the host's entry in $NETRC or ~/.netrc;
never on the command line. Tested endpoints: oxigraph (http://HOST:7878/store) and Virtuoso
(http://HOST:8890/sparql-graph-crud-auth). See docs/stores.md."""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "push", help="export a build to a SPARQL 1.1 server, one named graph per article",
        description="Send each article graph of a build to a SPARQL 1.1 Graph Store endpoint "
                    "with PUT (replace), so pushing again never duplicates anything.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("path", nargs="?", type=Path, default=Path("output"), metavar="PATH",
                   help="build folder (its store/, else graph.trig) or a .trig/.nq file "
                        "(default: output/)")
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="the server's Graph Store endpoint")
    p.add_argument("--batch-triples", type=_positive_int, default=50_000, metavar="N",
                   help="most triples per request; larger graphs go as PUT then POSTs (default 50000)")
    p.add_argument("--retries", type=_non_negative_int, default=4, metavar="N",
                   help="retries of a failed request (default 4)")
    p.add_argument("--backoff", type=float, default=0.5, metavar="SECONDS",
                   help="wait before the first retry, doubled at each retry (default 0.5)")
    p.add_argument("--timeout", type=float, default=120.0, metavar="SECONDS",
                   help="connect and answer timeout per request (default 120)")
    p.add_argument("-v", "--verbose", action="store_true", help="print each graph as it is written")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # here, not at the top: kg starts without the store (start-up)
    from kg.store import StoreError
    from kg.store.auth import CredentialsError, credentials_for
    from kg.store.gsp import GraphStoreClient, PushOptions, push
    from kg.store.source import article_graphs

    if urlsplit(args.endpoint).scheme not in ("http", "https") or not urlsplit(args.endpoint).hostname:
        return _usage(f"--endpoint must be an http(s) URL, got {args.endpoint!r}")
    try:
        graphs = article_graphs(args.path)
        credentials = credentials_for(args.endpoint)
    except (StoreError, CredentialsError) as err:
        return _usage(str(err))
    options = PushOptions(args.batch_triples, args.retries, args.backoff, args.timeout)
    client = GraphStoreClient(args.endpoint, credentials, options)
    started = time.monotonic()

    def progress(name: str, n: int) -> None:
        if args.verbose:
            print(f"kg push: wrote <{name}> ({n} triples)", file=sys.stderr, flush=True)

    report = push(graphs, client, on_graph=progress)
    seconds = time.monotonic() - started
    if report.ok:
        print(f"kg push: {len(report.written)} article graph(s), {report.triples} triples from "
              f"{graphs.where} -> {args.endpoint} in {seconds:.1f} s", file=sys.stderr)
        return 0
    print(failure_message(report), file=sys.stderr)
    return 1


def failure_message(report) -> str:
    lines = [f"kg push: {report.error}",
             f"kg push: {len(report.written)} of {len(report.graphs)} article graphs written, "
             f"{len(report.incomplete)} possibly incomplete, {len(report.not_written)} not written"]
    lines += [f"  written: <{g}>" for g in report.written]
    lines += [f"  possibly incomplete (sent when the failure happened): <{g}>"
              for g in report.incomplete]
    lines += [f"  not written: <{g}>" for g in report.not_written]
    lines.append("kg push: pushing again is safe: each graph is replaced (PUT), so nothing "
                 "gets duplicated")
    return "\n".join(lines)


def _usage(message: str) -> int:
    print(f"kg push: {message}", file=sys.stderr)
    return 2


def _positive_int(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {value!r}")
    return n


def _non_negative_int(value: str) -> int:
    n = int(value)
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {value!r}")
    return n
