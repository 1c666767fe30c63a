"""Seconds spent per stage of a build, and what a person waiting at a terminal is told."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")

# what a person waiting at a terminal is told when a stage after extraction starts
PHASES = {"identity": "telling people of one name apart", "store": "loading the store",
          "serialisation": "writing the graph files", "view": "drawing the overview",
          "waiting for the store": "finishing the store", "writing": "writing the outputs"}


def say_on_stderr(message: str) -> None:
    tqdm.write(message, file=sys.stderr)  # above a progress bar, if one is drawn


class Clock:
    """Seconds spent per stage of a build (BuildReport.timings); with *say*, each stage of PHASES
    is announced as it starts, so a long build is never silent."""

    def __init__(self, timings: dict[str, float], say: Callable[[str], None] | None = None):
        self.timings = timings
        self.say = say
        self.start = time.perf_counter()

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        if self.say is not None and stage in PHASES:
            self.say(f"kg: {PHASES[stage]} ({time.perf_counter() - self.start:.0f} s in)")
        t = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - t

    def each(self, stage: str, items: Iterable[T]) -> Iterator[T]:
        """The items of *items*, the time taken to produce each counted under *stage*."""
        it = iter(items)
        while True:
            with self(stage):
                item = next(it, _END)
            if item is _END:
                return
            yield item


_END = object()
