"""An independent parser reads what kg writes: Debian's `rapper` (raptor2-utils) parses the sample
build's graph.ttl and graph.trig and the shipped ontology files, and counts the same statements as
rdflib (stack.md §3c). CI's .ci/run installs raptor2-utils."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from kg.resources import ontology_path


def rapper_count(path: Path, syntax: str) -> int:
    """Parse *path* with rapper and return the statement count it reports; fail on any error."""
    rapper = shutil.which("rapper")
    assert rapper, "rapper is missing: apt-get install raptor2-utils (.ci/run does)"
    done = subprocess.run([rapper, "-i", syntax, "-c", str(path)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    errors = [ln for ln in done.stderr.splitlines() if "error" in ln.lower() or "warning" in ln.lower()]
    assert errors == []
    found = re.search(r"Parsing returned (\d+) (?:triples|statements)", done.stderr)
    assert found, done.stderr
    return int(found.group(1))


def test_rdf_parsers_rapper_reads_sample_turtle(lg_sample_build):
    path = lg_sample_build / "graph.ttl"
    assert rapper_count(path, "turtle") == len(Graph().parse(path, format="turtle")) > 500


def test_rdf_parsers_rapper_reads_sample_trig(lg_sample_build):
    path = lg_sample_build / "graph.trig"
    ds = Dataset()
    ds.parse(path, format="trig")
    quads = sum(1 for _ in ds.quads((None, None, None, None)))
    assert rapper_count(path, "trig") == quads > 500


@pytest.mark.parametrize("name", ["lg.ttl", "shapes.ttl"])
def test_rdf_parsers_rapper_reads_ontology_files(name):
    path = ontology_path(name)
    assert rapper_count(path, "turtle") == len(Graph().parse(path, format="turtle")) > 100


def test_rdf_parsers_rapper_rejects_broken_turtle(tmp_path):
    """The check above is not vacuous: rapper fails on a syntax error."""
    bad = tmp_path / "bad.ttl"
    bad.write_text('<http://a.example/s> <http://a.example/p> "unterminated .\n', encoding="utf-8")
    done = subprocess.run(["rapper", "-q", "-i", "turtle", "-c", str(bad)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode != 0
