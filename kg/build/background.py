"""Work handed to another Python process while this one goes on (with --jobs N>1, the store and
the graph files are made beside the view).

Not ``concurrent.futures.ProcessPoolExecutor`` with a spawn context: an interrupt must stop the
work at once, and on Python 3.11 a pool cannot stop a call that has begun (``Future.cancel`` and
``shutdown(cancel_futures=True)`` leave it running, and exit waits for it); its worker would also
die of a Ctrl-C with a traceback if the Ctrl-C came while the worker was starting, before an
initializer could ignore it.
"""

from __future__ import annotations

import pickle
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import IO, Any


class InBackground:
    """``func(*args)`` in a new Python process, while this one goes on; result() waits for its
    value (or raises its exception).

    The process is a new interpreter (``python -c``), not a fork: a forked child would share this
    process's memory on paper but count it twice in resident sets, would inherit threads it does
    not have (RocksDB's, once a store was opened here), and multiprocessing's spawn re-imports the
    caller's main module. *func* and *args* travel pickled on its stdin, the outcome on its stdout.
    """

    def __init__(self, func: Callable[..., Any], *args: Any):
        self.seconds = 0.0  # spent in func, once result() returned
        self.process = subprocess.Popen(
            [sys.executable, "-c", "import signal; signal.signal(signal.SIGINT, signal.SIG_IGN); "
                                   "from kg.build.background import background_main; background_main()"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        request = pickle.dumps((func, args), protocol=pickle.HIGHEST_PROTOCOL)
        self._sender = threading.Thread(target=_send, args=(self.process.stdin, request), daemon=True)
        self._sender.start()  # a pipe holds 64 kB: the child reads the rest as it starts

    def result(self) -> Any:
        answer = self.process.stdout.read()
        self.process.wait()
        self._sender.join()
        try:
            outcome, value, self.seconds = pickle.loads(answer)
        except Exception as err:  # noqa: BLE001 - the child died before it could answer
            raise RuntimeError(f"a kg build process stopped (exit code {self.process.returncode})") from err
        if outcome == "error":
            raise value
        return value

    def wait(self) -> None:
        """Wait for the process to end, whatever its outcome."""
        try:
            self.result()
        except Exception:  # noqa: BLE001, S110 - the caller is already failing for another reason
            pass

    def cancel(self) -> None:
        """Stop the process if it is still running (the build failed or was interrupted)."""
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if not pipe.closed:
                pipe.close()


def _send(pipe: IO[bytes], data: bytes) -> None:
    try:
        pipe.write(data)
        pipe.close()
    except OSError:  # the child is gone; result() says why
        pass


def _interrupted(signum, frame):
    raise KeyboardInterrupt


def background_main() -> None:
    """The main of an InBackground process: (func, args) pickled on stdin; (outcome, value,
    seconds) pickled on stdout."""
    # Ctrl-C reaches the whole process group: the parent decides (SIGINT is ignored from the
    # process's first line, see InBackground), and cancels this process with SIGTERM, which
    # unwinds it like an interrupt (a half-written store folder is removed) and ends it quietly
    signal.signal(signal.SIGTERM, _interrupted)
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write to the answer channel
    try:
        func, args = pickle.load(sys.stdin.buffer)
        t = time.perf_counter()
        try:
            answer = ("ok", func(*args), time.perf_counter() - t)
        except Exception as err:  # noqa: BLE001 - every failure goes back to the parent
            answer = ("error", err, time.perf_counter() - t)
    except KeyboardInterrupt:
        sys.exit(130)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # from here on, a cancel has nothing to clean up
    try:
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception that cannot be pickled
        data = pickle.dumps(("error", RuntimeError(f"{type(answer[1]).__name__}: {answer[1]}"), answer[2]))
    out.write(data)
    out.flush()
