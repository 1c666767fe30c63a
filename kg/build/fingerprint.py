"""Whether an output folder already holds a build: one digest of everything its outputs depend on."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from kg.build.cache import code_digest
from kg.build.inputs import HeldInput, InputSurvey
from kg.build.options import BuildOptions
from kg.build.report import BuildReport, CacheUse, InputReport


def build_fingerprint(inputs: InputSurvey, options: BuildOptions) -> str:
    """A digest of everything a build's outputs depend on: kg's code and data (all of the
    package), the options that shape the outputs, and the inputs. Two builds with one fingerprint
    write the same outputs."""
    shape = (code_digest(("",)), options.base, sorted(options.formats), options.html, options.store)
    return hashlib.sha256(repr(shape).encode() + inputs.digest.encode()).hexdigest()


def up_to_date(out: Path, fingerprint: str, options: BuildOptions) -> BuildReport | None:
    """The report of the build already in *out* when it has *fingerprint* and all its outputs are
    there (a rebuild would write the same files); else None."""
    try:
        data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("fingerprint") != fingerprint or not _outputs_present(out, options):
        return None
    if data.get("failed") or any(i.get("errors") or i.get("warnings") for i in data.get("inputs", [])):
        return None  # built again, so that what was wrong with the inputs is said again
    inputs = tuple(InputReport.from_json(i) for i in data.get("inputs", []))
    return BuildReport(holds=tuple(HeldInput.from_json(h) for h in data.get("holds", [])), inputs=inputs,
                       fingerprint=fingerprint, review=data.get("review", {}).get("items", {}),
                       cache=CacheUse(reused=sum(len(i.articles) for i in inputs), extracted=0), unchanged=True)


def _outputs_present(out: Path, options: BuildOptions) -> bool:
    wanted = [f"graph.{fmt}" for fmt in options.formats] + ["merges.json", "review.csv"]
    wanted += ["graph.html"] if options.html else []
    return all((out / name).is_file() for name in wanted) and (not options.store or (out / "store").is_dir())
