"""Running the ``oxigraph`` SPARQL HTTP server (the PyPI package ``oxigraph``), not a home-made one.

Used by ``kg serve`` and by the tests' server fixtures. The server answers SPARQL queries at
``/query``, updates at ``/update`` (not in read-only mode) and the Graph Store Protocol at
``/store``.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kg.store.embedded import StoreError

LOOPBACK = "127.0.0.1"
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # readiness probe: no proxy


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable: next to this Python's scripts, else on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.is_file() and os.access(here, os.X_OK):
        return str(here)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise StoreError("the oxigraph server is not installed: `pip install oxigraph` "
                     "(the PyPI package that ships Oxigraph's SPARQL HTTP server)")


def free_port(host: str = LOOPBACK) -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def host_port(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


@dataclass
class OxigraphServer:
    process: subprocess.Popen
    url: str  # http://host:port
    log: IO[bytes]

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    @property
    def store_url(self) -> str:
        return f"{self.url}/store"

    @property
    def update_url(self) -> str:
        return f"{self.url}/update"

    def log_tail(self, lines: int = 5) -> str:
        self.log.flush()
        self.log.seek(0)
        text = self.log.read().decode("utf-8", "replace").strip().splitlines()
        return "\n".join(text[-lines:])

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate the server (SIGTERM, then SIGKILL) and wait for it."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        self.log.close()


def start_oxigraph(location: Path | None, *, host: str = LOOPBACK, port: int = 0,
                   read_only: bool = False, union_default_graph: bool = False,
                   ready_timeout: float = 20.0) -> OxigraphServer:
    """Start ``oxigraph serve`` (or ``serve-read-only``) and wait until it answers HTTP.

    *port* 0 picks a free port. *location* None: an in-memory store (read-write only).
    """
    port = port or free_port(host)
    command = [oxigraph_binary(), "serve-read-only" if read_only else "serve",
               "--bind", host_port(host, port)]
    if location is not None:
        command += ["--location", str(location)]
    elif read_only:
        raise StoreError("a read-only server needs a store location")
    if union_default_graph:
        command.append("--union-default-graph")
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                               preexec_fn=_die_with_parent)
    server = OxigraphServer(process, f"http://{host_port(host, port)}", log)
    try:
        wait_ready(server, ready_timeout)
    except BaseException:
        server.stop()
        raise
    return server


def wait_ready(server: OxigraphServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if server.process.poll() is not None:
            raise StoreError(f"the oxigraph server exited with status {server.process.returncode}:"
                             f"\n{server.log_tail()}")
        with contextlib.suppress(urllib.error.URLError, OSError):
            with _DIRECT.open(f"{server.url}/", timeout=2) as answer:
                if answer.status == 200:
                    return
        if time.monotonic() > deadline:
            raise StoreError(f"the oxigraph server did not answer at {server.url} "
                             f"within {timeout:.0f} s:\n{server.log_tail()}")
        time.sleep(0.05)


def _die_with_parent() -> None:
    """Linux: have the kernel stop the server if kg itself is killed (no orphaned server)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
