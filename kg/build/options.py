"""What a build is asked to do (BuildOptions), and why it cannot start (BuildError)."""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import UsageError
from kg.rdf.vocab import DEFAULT_BASE


@dataclass(frozen=True)
class BuildOptions:
    issued: str | None = None  # --date: publication date for inputs that carry none
    source: str | None = None  # --source: the paper's name
    base: str = DEFAULT_BASE
    formats: tuple[str, ...] = ("ttl", "trig")
    html: bool = True
    jobs: int = 1  # extraction processes; the graph is the same for any number
    progress: bool = False  # a progress bar on stderr
    cache: bool = True  # reuse extraction results kept in <out>/.kg-cache/
    engine: str = "local"  # local | dask
    scheduler: str | None = None  # dask scheduler address; None starts a local cluster
    store: bool = True  # issue #5: keep <out>/store/, the embedded pyoxigraph store, in step
    append: bool = False  # --append: build the inputs the folder already holds too


class BuildError(UsageError, ValueError):
    """The build cannot start as asked (an --append whose earlier inputs are gone); nothing was written."""

    code = "E701"
