"""``kg serve [PATH]``: a local, read-only SPARQL endpoint over a build, run by the ``oxigraph``
server (PyPI package ``oxigraph``).

The server reads a snapshot of the build's store (a RocksDB checkpoint: hard links, taken in a
moment), so a later ``kg build`` into the same folder never disturbs it; a folder without a store,
or a graph file, is first loaded into a temporary store. It listens on 127.0.0.1 unless told
otherwise, in read-only mode: ``/query`` answers, ``/update`` and writes through ``/store`` are
refused. Queries see the build's default graph, the union of its article graphs (each triple
once); ``GRAPH ?g`` reaches the article graphs themselves.

Exit status: 0 stopped by Ctrl-C or SIGTERM; 1 the server could not start or died; 2 usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "serve", help="serve a build as a local read-only SPARQL endpoint (oxigraph)",
        description="Run the oxigraph SPARQL server, read-only, over a build; Ctrl-C stops it.")
    p.add_argument("path", nargs="?", type=Path, default=Path("output"), metavar="PATH",
                   help="build folder, or a .trig/.nq/.ttl/.nt/.jsonld file (default: output/)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=7878, help="port (default 7878; 0 picks a free one)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.store import StoreError  # here, not at the top: kg starts without the store (start-up)

    if not args.path.exists():
        return _fail(f"{args.path}: no such file or folder", 2)
    if args.host not in LOOPBACK_HOSTS:
        print(f"kg serve: warning: listening on {args.host}: anyone who can reach this address "
              f"can query the graph", file=sys.stderr)
    try:
        with tempfile.TemporaryDirectory(prefix="kg-serve-") as tmp:
            location = _prepare(args.path, Path(tmp) / "store")
            return _serve(location, args)
    except StoreError as err:
        return _fail(str(err), 1)


def _prepare(path: Path, target: Path) -> Path:
    """A private store at *target* holding what *path* holds."""
    # here, not at the top: kg starts without the store (start-up)
    from kg.rdf.io import STORE_FORMATS, GraphPathError, graph_file
    from kg.store.embedded import StoreError, has_store, load_file, open_store, store_dir

    if has_store(path):
        source = open_store(store_dir(path), read_only=True)
        source.backup(str(target))  # a checkpoint: hard links where the file system allows
        del source
        return target
    try:
        path, fmt = graph_file(path, named_graphs=True)  # a folder: its article graphs
    except GraphPathError as err:
        raise StoreError(str(err)) from err
    store = open_store(target)
    load_file(store, path, STORE_FORMATS[fmt])
    store.flush()
    del store
    return target


def _serve(location: Path, args: argparse.Namespace) -> int:
    from kg.store.server import start_oxigraph  # here: start-up

    server = start_oxigraph(location, host=args.host, port=args.port, read_only=True)
    with _stopped_by_signals():
        try:
            print(f"kg serve: SPARQL endpoint {server.query_url} (read-only) over {args.path}; "
                  f"Ctrl-C stops it", flush=True)
            status = server.process.wait()
        except KeyboardInterrupt:
            server.stop()
            print("kg serve: stopped", file=sys.stderr)
            return 0
    tail = server.log_tail()
    server.stop()
    return _fail(f"the oxigraph server exited with status {status}\n{tail}", 1)


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM (and SIGHUP) stop the server like Ctrl-C does."""
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = {s: signal.signal(s, interrupt) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _fail(message: str, status: int) -> int:
    print(f"kg serve: {message}", file=sys.stderr)
    return status
