"""``kg push`` to a real Virtuoso (Debian ``virtuoso-opensource``), started here with a private
ini in a temporary folder, listening on 127.0.0.1 only: Digest authentication from a netrc file,
triple counts, no duplicates on a re-push, canned queries answering as the embedded store does."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from test_push import assert_same_rows, build_counts, graph_counts, parse_failure

from kg.queries import canned_queries, format_result, load_graph, load_query, run_query
from kg.store.query import parameter_terms
from kg.store.remote import canonical_rows, select
from kg.store.server import free_port
from kg.store.source import article_graphs

pytestmark = pytest.mark.slow  # a Virtuoso server: the full suite (the README's command) runs it

INI_TEMPLATES = (Path("/etc/virtuoso-opensource-7/virtuoso.ini"),
                 Path("/usr/share/virtuoso-opensource-7/virtuoso.ini"))
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def private_ini(template: str, folder: Path, sql_port: int, http_port: int) -> str:
    """The packaged ini with its database in *folder*, both ports on 127.0.0.1 and no 10,000-row
    cap on results."""
    text = template.replace("/var/lib/virtuoso-opensource-7/db/", f"{folder}/")
    text = re.sub(r"(?m)^ServerPort\s*=\s*1111\b.*$", f"ServerPort = 127.0.0.1:{sql_port}", text)
    text = re.sub(r"(?m)^ServerPort\s*=\s*8890\b.*$", f"ServerPort = 127.0.0.1:{http_port}", text)
    text = re.sub(r"(?m)^ResultSetMaxRows\s*=.*$", "ResultSetMaxRows = 1000000", text)
    assert f"127.0.0.1:{sql_port}" in text and f"127.0.0.1:{http_port}" in text
    return text


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A private Virtuoso: yields (base URL, process); user dba, password dba."""
    binary = shutil.which("virtuoso-t")
    template = next((p for p in INI_TEMPLATES if p.is_file()), None)
    if binary is None or template is None:
        pytest.skip("Virtuoso is not installed (Debian package virtuoso-opensource; .ci/run "
                    "installs it): virtuoso-t or its virtuoso.ini not found")
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(private_ini(template.read_text(), folder, free_port(), http_port))
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=folder,
                               stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http_port}"
    try:
        wait_for(url, process, folder)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        log.close()


def wait_for(url: str, process: subprocess.Popen, folder: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"virtuoso-t exited: {(folder / 'stdout.log').read_text()[-2000:]}")
        try:
            with NO_PROXY.open(f"{url}/sparql?query=ASK%7B%7D", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    pytest.fail(f"Virtuoso did not answer within {timeout} s")


def kg_push(build: Path, endpoint: str, *extra: str, netrc: Path | None = None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_PUSH_")}
    if netrc is not None:
        env["NETRC"] = str(netrc)
    else:
        env["HOME"] = str(build)  # no ~/.netrc either
        env.pop("NETRC", None)
    return subprocess.run([sys.executable, "-m", "kg", "push", "--endpoint", endpoint, str(build),
                           *extra], capture_output=True, text=True, timeout=300, env=env)


@pytest.fixture(scope="module")
def netrc(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("auth") / "netrc"
    path.write_text("machine 127.0.0.1 login dba password dba\n")
    path.chmod(0o600)
    return path


@pytest.fixture(scope="module")
def pushed(virtuoso, netrc, store_sample_build):
    url, _ = virtuoso
    done = kg_push(store_sample_build, f"{url}/sparql-graph-crud-auth", netrc=netrc)
    assert done.returncode == 0, done.stderr
    return url


def test_push_counts_and_repush_duplicates_nothing(pushed, netrc, store_sample_build):
    expected = build_counts(store_sample_build)
    assert graph_counts(f"{pushed}/sparql") == expected
    again = kg_push(store_sample_build, f"{pushed}/sparql-graph-crud-auth", "--batch-triples", "100",
                    netrc=netrc)
    assert again.returncode == 0, again.stderr
    assert graph_counts(f"{pushed}/sparql") == expected


def test_canned_queries_through_virtuoso_answer_as_the_embedded_store(pushed, store_sample_build):
    graphs = [g.value for g in article_graphs(store_sample_build).names]
    embedded = load_graph([store_sample_build])
    params = {"person": "徐光文", "policy": "一揽子", "post": "区委书记",
              "article": "000_c419a3a3a1dc4505_01"}
    nonempty = 0
    for name in sorted(canned_queries()):
        query = load_query(name)
        args = {k: params[k] for k in query.params}
        want = canonical_rows(json.loads(format_result(run_query(embedded, query, args), "json")))
        bindings = parameter_terms(query, args)
        got = canonical_rows(select(f"{pushed}/sparql", query.text, bindings=bindings,
                                    default_graphs=graphs))
        assert_same_rows(name, query.text, got, want)
        nonempty += bool(want)
    assert nonempty >= 10


def test_no_credentials_is_a_clear_refusal(pushed, store_sample_build):
    done = kg_push(store_sample_build, f"{pushed}/sparql-graph-crud-auth")
    assert done.returncode == 1
    assert "HTTP 401" in done.stderr and "KG_PUSH_USER" in done.stderr
    assert parse_failure(done.stderr)["written"] == []


def test_wrong_credentials_are_a_clear_refusal(pushed, store_sample_build, tmp_path):
    wrong = tmp_path / "netrc"
    wrong.write_text("machine 127.0.0.1 login dba password nope\n")
    done = kg_push(store_sample_build, f"{pushed}/sparql-graph-crud-auth", netrc=wrong)
    assert done.returncode == 1
    assert "HTTP 401" in done.stderr and "user 'dba'" in done.stderr


def test_kg_query_asks_virtuoso_over_the_protocol(pushed, store_sample_build):
    """``kg query --graph URL`` against the Virtuoso the build was pushed to (issue #19)."""
    def rows(graph: str, *extra: str) -> list[dict]:
        done = subprocess.run([sys.executable, "-m", "kg", "query", "participation", "--graph", graph,
                               "--format", "json", *extra], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)["results"]["bindings"]

    want = rows(str(store_sample_build))
    got = rows(f"{pushed}/sparql")
    assert want and canonical_rows({"results": {"bindings": got}}) == canonical_rows({"results": {"bindings": want}})
    assert len(rows(f"{pushed}/sparql", "--limit", "3")) == 3
