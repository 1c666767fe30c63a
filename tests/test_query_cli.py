"""``kg query`` as a person at a terminal and a script use it (issue #19): a default graph, pages of
an answer (--limit/--offset, in the query so the engine stops early), readable tables without
identifier columns, a SPARQL endpoint as --graph, and plain messages."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_serve import Served

from kg.store.remote import canonical_rows


def kg(*args: str, cwd: Path | None = None, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, timeout=300, cwd=cwd)


def json_rows(*args: str, cwd: Path | None = None) -> list[dict]:
    done = kg("query", *args, "--format", "json", cwd=cwd)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["results"]["bindings"]


@pytest.fixture(scope="module")
def files_only(store_sample_build, tmp_path_factory) -> Path:
    """The sample's graph.ttl alone, so that rdflib (not the embedded store) answers."""
    out = tmp_path_factory.mktemp("files_only") / "graph.ttl"
    shutil.copy(store_sample_build / "graph.ttl", out)
    return out


@pytest.mark.parametrize("source", ["store", "file"])
def test_limit_and_offset_page_an_ordered_answer(store_sample_build, files_only, source):
    graph = str(store_sample_build if source == "store" else files_only)
    every = json_rows("people", "--graph", graph)
    assert len(every) > 6
    assert json_rows("people", "--graph", graph, "--limit", "3", "--offset", "2") == every[2:5]
    assert json_rows("people", "--graph", graph, "--offset", str(len(every) - 1)) == every[-1:]
    assert json_rows("people", "--graph", graph, "--limit", "0") == []


def test_limit_is_refused_for_a_query_with_its_own(store_sample_build, tmp_path):
    own = tmp_path / "first.rq"
    own.write_text("SELECT ?s WHERE { ?s ?p ?o } LIMIT 5\n", encoding="utf-8")
    assert len(json_rows(str(own), "--graph", str(store_sample_build))) == 5
    done = kg("query", str(own), "--graph", str(store_sample_build), "--limit", "2")
    assert done.returncode == 2 and "its own LIMIT" in done.stderr
    assert kg("query", "people", "--graph", str(store_sample_build), "--limit", "-1").returncode == 2


def test_graph_defaults_to_the_output_folder(store_sample_build, tmp_path):
    done = kg("query", "people", cwd=tmp_path)
    assert done.returncode == 2 and "no output/ folder" in done.stderr
    shutil.copytree(store_sample_build, tmp_path / "output")
    assert json_rows("people", cwd=tmp_path) == json_rows("people", "--graph", str(store_sample_build))


def test_table_hides_identifiers_unless_asked(store_sample_build):
    done = kg("query", "people", "--graph", str(store_sample_build))
    assert done.returncode == 0
    header, *_ = done.stdout.splitlines()
    assert header.split(" | ")[0].strip() == "name" and "https://" not in done.stdout
    assert "identifier column hidden: --iris shows them" in done.stdout
    shown = kg("query", "people", "--graph", str(store_sample_build), "--iris").stdout
    assert shown.splitlines()[0].startswith("person") and "https://" in shown
    chosen = kg("query", "people", "--graph", str(store_sample_build), "--columns", "position,name").stdout
    assert [c.strip() for c in chosen.splitlines()[0].split("|")] == ["position", "name"]
    wrong = kg("query", "people", "--graph", str(store_sample_build), "--columns", "nosuch")
    assert wrong.returncode == 2 and "no column nosuch" in wrong.stderr and "position" in wrong.stderr


def test_a_terminal_sees_the_first_rows_and_how_to_get_the_rest(store_sample_build, tmp_path):
    labels = tmp_path / "statements.rq"
    labels.write_text("SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o\n", encoding="utf-8")
    total = len(json_rows(str(labels), "--graph", str(store_sample_build)))
    assert total > 50, "the sample has more statements than a terminal page"
    primary, secondary = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "kg", "query", str(labels), "--graph", str(store_sample_build),
                                "--iris"], stdout=secondary, stderr=subprocess.PIPE)
    os.close(secondary)
    out = b""
    try:
        while chunk := os.read(primary, 65536):  # read as it is written: a terminal's buffer is small
            out += chunk
    except OSError:  # EIO: the program has ended and closed the terminal
        pass
    finally:
        os.close(primary)
    assert process.wait(300) == 0
    text = out.decode("utf-8")
    assert f"({total} rows; the first 50 shown; --limit N --offset N page it" in text
    assert len([line for line in text.splitlines() if " | " in line]) == 51  # header and 50 rows


def test_missing_file_and_unknown_format_are_told_apart(tmp_path):
    missing = kg("query", "people", "--graph", str(tmp_path / "nosuch.ttl"))
    assert missing.returncode == 1 and "no such file or folder" in missing.stderr
    odd = tmp_path / "graph.xyz"
    odd.write_text("", encoding="utf-8")
    assert "unknown graph format" in kg("query", "people", "--graph", str(odd)).stderr


def test_help_and_list_describe_everything_in_plain_words():
    helped = kg("query", "--help").stdout
    for word in ("NAME_OR_FILE", "--param", "--format", "--limit", "--offset", "--columns", "SPARQL endpoint"):
        assert word in helped
    listed = kg("query", "--list").stdout
    assert "CQ" not in listed
    holders = next(line for line in listed.splitlines() if line.startswith("holders"))
    assert holders.rstrip().endswith("[--param post=…]")


def test_a_sparql_endpoint_is_queried_over_the_protocol(store_sample_build):
    server = Served(store_sample_build)
    try:
        for name, extra in (("people", ()), ("timeline", ("--param", "person=徐光文"))):
            local = json_rows(name, "--graph", str(store_sample_build), *extra)
            remote = json_rows(name, "--graph", server.query_url, *extra)
            assert remote and canonical_rows({"results": {"bindings": remote}}) == canonical_rows(
                {"results": {"bindings": local}})
        paged = json_rows("people", "--graph", server.query_url, "--limit", "2", "--offset", "1")
        assert len(paged) == 2
        table = kg("query", "people", "--graph", server.query_url).stdout
        assert "徐光文" in table and "https://" not in table
    finally:
        server.stop()
    gone = kg("query", "people", "--graph", server.query_url)
    assert gone.returncode == 1 and "cannot reach the endpoint" in gone.stderr
    assert "on its own" in kg("query", "people", "--graph", server.query_url, "--graph",
                              str(store_sample_build)).stderr
