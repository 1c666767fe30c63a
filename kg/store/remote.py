"""Asking a SPARQL endpoint (SPARQL 1.1 Protocol) and comparing its answers with kg's own;
:class:`EndpointGraph` is an endpoint behind ``kg query --graph URL``.

The protocol has no query parameters, so values are substituted by ``kg.store.params`` (terms
serialised by pyoxigraph, never pasted). Servers write the same
answer in different ways (Virtuoso says ``typed-literal`` and lower-cases language tags, some
spell out ``xsd:string``), so :func:`canonical_rows` reduces SPARQL JSON results to comparable
rows.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence

import pyoxigraph as ox
import requests
from rdflib.query import Result

from kg.errors import KgError
from kg.rdf.io import XSD_STRING, to_oxigraph
from kg.store.params import substitute

SPARQL_JSON = "application/sparql-results+json"

Row = tuple[tuple[str, tuple[str, str, str, str]], ...]


def select(query_url: str, text: str, *, bindings: Mapping[str, ox.Term] | None = None,
           default_graphs: Sequence[str] = (), session: requests.Session | None = None,
           timeout: float = 60.0) -> dict:
    """SPARQL 1.1 JSON results of *text* at *query_url*.

    *default_graphs*: ``default-graph-uri`` parameters (the default graph is then those graphs).
    """
    data: dict[str, object] = {"query": substitute(text, bindings or {})}
    if default_graphs:
        data["default-graph-uri"] = list(default_graphs)
    http = session or requests.Session()
    response = http.post(query_url, data=data, headers={"Accept": SPARQL_JSON}, timeout=timeout)
    response.raise_for_status()
    return response.json()


class EndpointError(KgError, RuntimeError):
    code = "E304"
    """The endpoint could not be reached or refused the query; the message says which and why."""


class EndpointGraph:
    """A SPARQL 1.1 query endpoint seen through rdflib's ``Graph.query`` interface (SELECT and ASK).

    Parameters are substituted into the query text as the embedded store does (the protocol has
    none); the answer is the endpoint's SPARQL JSON, read by rdflib into a ``Result``.
    """

    def __init__(self, url: str, *, timeout: float = 60.0):
        self.url = url
        self.timeout = timeout

    def query(self, text: str, initBindings: Mapping | None = None) -> Result:  # noqa: N803 (rdflib's name)
        values = {str(k): to_oxigraph(v) for k, v in (initBindings or {}).items()}
        try:
            answer = select(self.url, text, bindings=values, timeout=self.timeout)
        except requests.HTTPError as err:
            said = (err.response.text or "").strip().splitlines()[:3]
            raise EndpointError(f"{self.url} answered {err.response.status_code}"
                                + (f": {' '.join(said)[:300]}" if said else "")) from err
        except requests.RequestException as err:
            raise EndpointError(f"{self.url}: cannot reach the endpoint ({type(err).__name__})") from err
        except ValueError as err:
            raise EndpointError(f"{self.url}: the answer is not SPARQL JSON results") from err
        return Result.parse(io.StringIO(json.dumps(answer)), format="json")


def canonical_rows(results: dict) -> Counter[Row]:
    """Rows of SPARQL JSON *results* as a multiset of comparable tuples."""
    return Counter(_row(b) for b in results["results"]["bindings"])


def without_rdflib_empty_group(rows: Counter[Row], query_text: str) -> Counter[Row]:
    """*rows* of an rdflib answer, less the row rdflib invents for an empty GROUP BY.

    rdflib 7.6 answers a GROUP BY that matches nothing with one row binding nothing
    (RDFLib/rdflib#3382, fix pending in #3498); SPARQL 1.1 (§18.5, Group) gives no group and so
    no row, which is what oxigraph and Virtuoso answer.
    """
    if rows == Counter({(): 1}) and re.search(r"\bGROUP\s+BY\b", query_text, re.IGNORECASE):
        return Counter()
    return rows


def _row(binding: Mapping[str, Mapping[str, str]]) -> Row:
    return tuple(sorted((name, _term(term)) for name, term in binding.items()))


def _term(term: Mapping[str, str]) -> tuple[str, str, str, str]:
    kind = {"typed-literal": "literal"}.get(term["type"], term["type"])
    if kind == "bnode":
        return ("bnode", "", "", "")  # blank node labels are local to each answer
    datatype = term.get("datatype", "")
    if datatype == XSD_STRING or term.get("xml:lang"):
        datatype = ""
    return (kind, term["value"], term.get("xml:lang", "").lower(), datatype)
