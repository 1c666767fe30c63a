"""What a build folder holds, what this build reads, and one pass over the inputs before reading them.

A folder holds exactly the inputs of the build that wrote it: its ``report.json`` records them
(``holds``: each input's path, with the --date and --source it was read with). ``--append``
builds the inputs the folder holds together with the new ones.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kg.build.options import BuildError, BuildOptions
from kg.ingest import input_suffix, iter_input_files


@dataclass(frozen=True)
class HeldInput:
    """An input a build folder holds: its absolute path and the options it was read with."""

    path: str
    issued: str | None = None
    source: str | None = None

    def to_json(self) -> dict:
        return {"path": self.path, **({"date": self.issued} if self.issued else {}),
                **({"source": self.source} if self.source else {})}

    @classmethod
    def from_json(cls, data: dict) -> HeldInput:
        return cls(data["path"], data.get("date"), data.get("source"))


def held_inputs(out: Path) -> list[HeldInput]:
    """The inputs the build folder *out* holds, from its report.json (none for a new folder).
    A report written before ``holds`` existed names each input file under ``inputs``."""
    try:
        data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as err:
        raise BuildError(f"{out}/report.json cannot be read ({err}); rebuild the folder without --append") from err
    if "holds" in data:
        return [HeldInput.from_json(h) for h in data["holds"]]
    return [HeldInput(str(Path(i["path"]).absolute())) for i in data.get("inputs", [])]


def inputs_to_build(paths: list[Path], out: Path, options: BuildOptions) -> list[HeldInput]:
    """This build's inputs: the paths given, and with --append first those the folder holds
    (a path given again is read with the new options)."""
    given = [HeldInput(str(p.absolute()), options.issued, options.source) for p in paths]
    if not options.append:
        return given
    new = {h.path for h in given}
    kept = [h for h in held_inputs(out) if h.path not in new]
    gone = [h.path for h in kept if not Path(h.path).exists()]
    if gone:
        raise BuildError(f"{out} holds input{'s' if len(gone) > 1 else ''} that no longer exist: "
                         f"{', '.join(gone)}; restore them, or build the folder again without --append")
    return kept + given


@dataclass(frozen=True)
class InputSurvey:
    """What a build learns of its inputs before reading them as articles, in one pass over them."""

    digest: str  # each input's path, reading options and bytes
    # the articles they hold when that is known before reading them (a JSON Lines file's non-blank
    # lines, one a saved page); None when a page, PDF or crawl is among them, so that the progress
    # bar shows no total rather than a wrong one
    articles: int | None


def survey_inputs(todo: list[HeldInput]) -> InputSurvey:
    h = hashlib.sha256()
    total, known = 0, True
    for held in todo:
        h.update(repr((held.path, held.issued, held.source)).encode())
        for f, _ in iter_input_files([Path(held.path)]):
            h.update(str(f).encode() + b"\0")
            suffix = input_suffix(f)
            known = known and suffix in (".jsonl", ".html", ".htm")
            try:
                with f.open("rb") as fh:
                    total += _hash_articles(fh, h, jsonl=suffix == ".jsonl")
            except OSError:
                h.update(b"unreadable")
                known = False
    return InputSurvey(h.hexdigest(), total if known else None)


def _hash_articles(fh: BinaryIO, h, jsonl: bool) -> int:
    """Feed the bytes of *fh* to *h*; return the articles it holds if that is known from its
    bytes alone (a JSON Lines file: its non-blank lines; any other file: one)."""
    if jsonl:
        articles = 0
        for line in fh:
            h.update(line)
            articles += bool(line.strip())
        return articles
    for block in iter(lambda: fh.read(1 << 20), b""):
        h.update(block)
    return 1
