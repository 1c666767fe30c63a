"""``kg serve``: the oxigraph server, read-only on 127.0.0.1, over a build's store (or its TriG),
answering the canned queries exactly as the embedded store does."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from kg.queries import canned_queries, format_result, load_graph, load_query, run_query
from kg.store.query import parameter_terms
from kg.store.remote import canonical_rows, select

PARAMS = {"person": "徐光文", "policy": "一揽子", "post": "区委书记", "article": "000_c419a3a3a1dc4505_01"}


class Served:
    def __init__(self, path: Path, *extra: str):
        self.process = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(path), "--port", "0",
                                         *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True)
        line = self.process.stdout.readline()
        if not line:
            raise AssertionError(f"kg serve did not start: {self.process.stderr.read()}")
        self.query_url = line.split("SPARQL endpoint ", 1)[1].split()[0]
        self.base = self.query_url.rsplit("/", 1)[0]

    def stop(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGTERM)
        status = self.process.wait(30)
        return status, self.process.stderr.read()


@pytest.fixture(scope="module")
def served(store_sample_build):
    server = Served(store_sample_build)
    yield server
    if server.process.poll() is None:
        server.stop()


def embedded_rows(build: Path, name: str) -> tuple[str, dict, object]:
    query = load_query(name)
    args = {k: PARAMS[k] for k in query.params}
    rows = canonical_rows(json.loads(format_result(run_query(load_graph([build]), query, args), "json")))
    return query.text, parameter_terms(query, args), rows


def test_listens_on_loopback_only_by_default(served):
    assert urlsplit(served.query_url).hostname == "127.0.0.1"


@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_canned_query_answers_exactly_as_the_embedded_store(served, store_sample_build, name):
    text, bindings, want = embedded_rows(store_sample_build, name)
    assert canonical_rows(select(served.query_url, text, bindings=bindings)) == want


def test_it_is_read_only(served):
    update = requests.post(f"{served.base}/update", data="INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                           headers={"Content-Type": "application/sparql-update"}, timeout=30)
    put = requests.put(f"{served.base}/store", params={"graph": "urn:g"}, data=b"<urn:a> <urn:b> <urn:c> .",
                       headers={"Content-Type": "application/n-triples"}, timeout=30)
    assert update.status_code >= 400 and put.status_code >= 400
    assert select(served.query_url, "ASK { <urn:a> <urn:b> <urn:c> }")["boolean"] is False


def test_a_trig_file_is_served_through_a_temporary_store(store_sample_build):
    server = Served(store_sample_build / "graph.trig")
    try:
        text, bindings, want = embedded_rows(store_sample_build, "people")
        assert canonical_rows(select(server.query_url, text, bindings=bindings)) == want
    finally:
        status, stderr = server.stop()
    assert status == 0 and "stopped" in stderr


def test_sigterm_stops_the_server_too(store_sample_build):
    server = Served(store_sample_build)
    status, _ = server.stop()
    assert status == 0
    with pytest.raises(requests.ConnectionError):
        requests.get(server.query_url, timeout=5)


def test_missing_path_is_a_usage_error(tmp_path):
    done = subprocess.run([sys.executable, "-m", "kg", "serve", str(tmp_path / "nope")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "no such file" in done.stderr
