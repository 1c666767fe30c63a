"""`kg validate [PATH]`: exit 0 when the graph conforms (warnings printed), 1 with a readable report
on violations or an unparseable file, 2 on usage errors (kg/commands/validate.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF

from kg.cli import main
from kg.rdf.emit import bind_prefixes
from kg.rdf.vocab import LG, SDO


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["validate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def sample_graph(build: Path) -> Graph:
    g = Graph()
    bind_prefixes(g)
    return g.parse(build / "graph.ttl", format="turtle")


def write(g: Graph, path: Path) -> Path:
    path.write_bytes(g.serialize(format="turtle", encoding="utf-8"))
    return path


def chaired_meeting(g: Graph):
    return next(s for s in g.subjects(LG.chair, None) if (s, RDF.type, LG.Meeting) in g)


def test_validate_cli_sample_build_conforms(capsys, lg_sample_build):
    code, out, _ = run(capsys, str(lg_sample_build))
    assert code == 0
    assert out.startswith(f"{lg_sample_build / 'graph.ttl'}: ")
    assert "conforms" in out and "does not conform" not in out


def test_validate_cli_reads_trig(capsys, lg_sample_build):
    code, out, _ = run(capsys, str(lg_sample_build / "graph.trig"))
    assert code == 0
    assert "graph.trig" in out and "conforms" in out


def test_validate_cli_default_path_is_output(capsys, lg_sample_build, tmp_path, monkeypatch):
    (tmp_path / "output").mkdir()
    shutil.copy(lg_sample_build / "graph.ttl", tmp_path / "output" / "graph.ttl")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys)
    assert code == 0
    assert out.startswith("output/graph.ttl: ")


def test_validate_cli_violations_exit_1_with_focus_path_and_message(capsys, lg_sample_build, tmp_path):
    g = sample_graph(lg_sample_build)
    meeting = chaired_meeting(g)
    intruder = next(s for s, _, _ in g.triples((None, DCTERMS.isPartOf, None)))  # a sentence
    g.add((meeting, LG.chair, intruder))
    sentence = next(g.subjects(RDF.type, LG.Sentence))
    g.remove((sentence, DCTERMS.isPartOf, None))
    code, out, _ = run(capsys, str(write(g, tmp_path / "broken.ttl")))
    assert code == 1
    assert "does not conform (2 violations, 1 warning)" in out.splitlines()[0]  # and two chairs
    meeting_name, sentence_name = (g.namespace_manager.normalizeUri(n) for n in (meeting, sentence))
    assert f"Violation: {meeting_name} lg:chair: the lg:chair of an event is a schema:Person" in out
    assert (f"Violation: {sentence_name} dcterms:isPartOf: an lg:Sentence is dcterms:isPartOf "
            "exactly one schema:NewsArticle") in out


def test_validate_cli_warnings_are_printed_but_pass(capsys, lg_sample_build, tmp_path):
    from rdflib.namespace import XSD  # imported here: pytest's collection trips over XSD's getattr

    g = sample_graph(lg_sample_build)
    meeting = next(s for s in g.subjects(SDO.startDate, None) if (s, RDF.type, LG.Meeting) in g)
    g.set((meeting, SDO.startDate, Literal("2030-01-01", datatype=XSD.date)))
    code, out, _ = run(capsys, str(write(g, tmp_path / "future.ttl")))
    assert code == 0
    assert "conforms (1 warning)" in out.splitlines()[0]
    assert "Warning: " in out and "2030-01-01 is later than 2020-06-03" in out


def test_validate_cli_limit_truncates_the_listing(capsys, lg_sample_build, tmp_path):
    g = sample_graph(lg_sample_build)
    for sentence in list(g.subjects(RDF.type, LG.Sentence))[:5]:
        g.remove((sentence, LG.text, None))
    code, out, _ = run(capsys, "--limit", "2", str(write(g, tmp_path / "no_text.ttl")))
    assert code == 1
    assert "     5  Violation: an lg:Sentence has exactly one lg:text" in out
    assert sum(line.startswith("Violation: ") for line in out.splitlines()) == 2
    assert "… and 3 more (use --limit 0 to see all)" in out


@pytest.mark.parametrize("make", [
    lambda tmp: tmp / "missing",
    lambda tmp: tmp / "missing.ttl",
    lambda tmp: (tmp / "report.json").write_text("{}") and tmp / "report.json",
    lambda tmp: (tmp / "empty").mkdir() or tmp / "empty",
], ids=["missing-folder", "missing-file", "not-a-graph", "folder-without-graph"])
def test_validate_cli_usage_errors_exit_2(capsys, tmp_path, make):
    path = make(tmp_path)
    code, out, err = run(capsys, str(path))
    assert code == 2
    assert out == ""
    assert err.startswith(f"kg validate: {path}")


def test_validate_cli_unparseable_file_exits_1(capsys, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> \"unterminated .\n", encoding="utf-8")
    code, out, err = run(capsys, str(bad))
    assert code == 1
    assert "cannot parse as turtle" in err


def test_validate_cli_bad_limit_is_a_usage_error(capsys, lg_sample_build):
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--limit", "-3", str(lg_sample_build)])
    assert exc.value.code == 2


def test_validate_cli_console_script(lg_sample_build):
    kg = Path(sys.executable).with_name("kg")
    done = subprocess.run([str(kg), "validate", str(lg_sample_build)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "conforms" in done.stdout


def test_validate_in_parallel_finds_what_one_process_finds(lg_sample_build, tmp_path):
    from kg.rdf.validate import checks, validate_path

    g = sample_graph(lg_sample_build)
    meeting = chaired_meeting(g)
    other = next(s for s, _, _ in g.triples((None, DCTERMS.isPartOf, None)))
    g.add((meeting, LG.chair, other))  # a chair that is no person: a violation
    g.add((meeting, LG.partOfDay, Literal("上午", lang="zh")))
    g.add((meeting, LG.partOfDay, Literal("下午", lang="zh")))  # sources disagree: a warning
    file = write(g, tmp_path / "broken.ttl")
    seen: list[tuple[int, int]] = []
    one = validate_path(file, jobs=1)
    two = validate_path(file, jobs=2, parallel_bytes=0, progress=lambda done, total: seen.append((done, total)))
    assert not one.conforms and one.violations and one.warnings
    assert two.findings == one.findings and two.triples == one.triples == len(g)
    assert seen and seen[-1] == (len(checks()), len(checks()))
