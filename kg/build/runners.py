"""Where extraction runs: in this process, in a pool of processes, or on a Dask cluster.

Each runner yields the facts of a list of articles in their order. The pool and the cluster also
emit each article's N-Quads, which would otherwise be this process's work while it waits for them.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
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
    """Extraction in *jobs* worker processes of this machine."""

    def __init__(self, base: str, jobs: int):
        self.work = partial(extract_and_emit, base)
        self.pool = ProcessPoolExecutor(jobs)

    def map(self, articles: list[Article]) -> Iterator[Extracted]:
        # chunks of neighbouring articles: a worker then meets the same names again, which
        # kg.nlp.segment remembers (on the news corpus, chunks of 32 instead of 8 took about
        # a tenth less CPU time)
        yield from self.pool.map(self.work, articles, chunksize=32)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


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
