"""Where extraction runs: in this process, in a pool of processes, or on a Dask cluster.

Each runner yields the facts of a list of articles in their order. The pool and the cluster also
emit each article's N-Quads, which would otherwise be this process's work while it waits for them.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, suppress
from functools import lru_cache, partial
from typing import Protocol

from kg.build.options import BuildOptions
from kg.extract import extract_article
from kg.model import Article, ArticleFacts
from kg.rdf.emit import Emitter

Extracted = tuple[ArticleFacts, bytes | None]  # facts, and their N-Quads when already emitted


class Runner(Protocol):
    def map(self, articles: list[Article]) -> Iterator[Extracted]: ...

    def close(self) -> None: ...


@contextmanager
def runner_for(options: BuildOptions) -> Iterator[Runner]:
    """The runner *options* ask for (--engine, --jobs), closed when the block ends."""
    runner: Runner
    if options.engine == "dask":
        runner = DaskRunner(options.base, options.jobs, options.scheduler)
    elif options.jobs > 1:
        runner = ProcessPoolRunner(options.base, options.jobs)
    else:
        runner = InProcessRunner()
    try:
        yield runner
    finally:
        runner.close()


class InProcessRunner:
    """Extraction in this process; N-Quads are left to the caller."""

    def map(self, articles: list[Article]) -> Iterator[Extracted]:
        for article in articles:
            yield extract_article(article), None

    def close(self) -> None:
        pass


class ProcessPoolRunner:
    """Extraction in *jobs* worker processes of this machine.

    A Ctrl-C reaches the whole process group, workers too. One that is extracting stops the article
    at hand (the parent, interrupted as well, then stops the pool); one that waits for work
    ignores it: the parent decides, and a worker ended by it would print a traceback."""

    def __init__(self, base: str, jobs: int):
        self.work = partial(_interruptible, partial(extract_and_emit, base))
        self.pool = ProcessPoolExecutor(jobs, initializer=_interrupts_only_while_busy)

    def map(self, articles: list[Article]) -> Iterator[Extracted]:
        # the first map starts the workers; they must not meet an interrupt before their initializer ran
        with _interrupts_held():
            # chunks of neighbouring articles: a worker then meets the same names again, which
            # kg.nlp.segment remembers (on the news corpus, chunks of 32 instead of 8 took about
            # a tenth less CPU time)
            results = self.pool.map(self.work, articles, chunksize=32)
        yield from results

    def close(self) -> None:
        # a worker still extracting (kg stops on a SIGTERM sent to it alone, or on an error) stops
        # its article now instead of finishing its chunk of 32; an idle one ignores the signal
        for worker in multiprocessing.active_children():
            with suppress(ProcessLookupError):
                os.kill(worker.pid, signal.SIGINT)
        self.pool.shutdown(cancel_futures=True)


_INTERRUPTS = {signal.SIGINT, signal.SIGTERM}
_busy = False  # in a worker of ProcessPoolRunner: whether it is extracting an article


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Interrupts held back for the block, not lost: this process gets them when it ends. A process
    started in the block inherits the mask, so nothing interrupts it before it chose how to take
    an interrupt (multiprocessing starts its resource tracker the same way)."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _interrupts_only_while_busy() -> None:
    """A pool worker's initializer: an interrupt stops the article it extracts, and is ignored
    while it waits for work; interrupts held back as it started come now."""
    for signum in _INTERRUPTS:
        signal.signal(signum, _interrupt_if_busy)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _INTERRUPTS)


def _interrupt_if_busy(signum, frame) -> None:
    if _busy:
        raise KeyboardInterrupt


def _interruptible(work: Callable[[Article], Extracted], article: Article) -> Extracted:
    """*work* on *article* in a pool worker, which an interrupt stops (_interrupts_only_while_busy)."""
    global _busy
    _busy = True
    try:
        return work(article)
    finally:
        _busy = False


class DaskRunner:
    """Extraction on a Dask cluster: the one at *scheduler*, or a local one of *jobs* processes."""

    def __init__(self, base: str, jobs: int, scheduler: str | None):
        from dask.distributed import Client, LocalCluster  # an optional extra

        self.work = partial(extract_and_emit, base)
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)

    def map(self, articles: list[Article]) -> Iterator[Extracted]:
        for future in self.client.map(self.work, articles, pure=False):
            yield future.result()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def extract_and_emit(base: str, article: Article) -> Extracted:
    """What a worker process does with an article: its facts and their N-Quads."""
    facts = extract_article(article)
    return facts, _emitter(base).article_nquads(facts)


@lru_cache(maxsize=4)
def _emitter(base: str) -> Emitter:
    return Emitter(base)
