"""Canned SPARQL queries (one .rq file each) and the runner behind ``kg query``.

Each .rq file opens with a one-line description; a line ``# param KEY: variable`` declares a
parameter that ``--param KEY=VALUE`` binds to ``?variable`` as a literal, and
``# param KEY: variable@zh`` as a literal tagged ``zh`` (kg writes names and labels that way), so
that the query can use the parameter as the object of a triple pattern, which an index answers,
instead of comparing ``STR()`` in a FILTER, which reads every candidate. Values are bound through
rdflib's initBindings (the store substitutes the term, see ``kg.store.params``), never pasted
into the query text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Literal, URIRef, Variable

from kg.errors import KgError, UsageError
from kg.queries.table import Cell, TableOptions, UnknownColumn, render
from kg.rdf.io import QUAD_FORMATS, GraphPathError, graph_file
from kg.store import StoreError, open_for_query
from kg.store.order import split_window
from kg.store.remote import EndpointError, EndpointGraph

CONTRACT_QUERIES = ("people", "events", "participation", "relays", "policies", "organizations",
                    "enterprises", "places", "articles", "timeline")


class QueryError(KgError, ValueError):
    """A query that cannot be answered: the graph cannot be read, the engine failed."""

    code = "E401"


class QueryUsageError(QueryError, UsageError):
    """A query, parameter or column the command line names that does not exist."""

    code = "E402"


@dataclass(frozen=True)
class CannedQuery:
    name: str
    text: str
    description: str
    params: dict[str, str]  # parameter key -> SPARQL variable
    languages: dict[str, str] = field(default_factory=dict)  # parameter key -> language tag

    def bindings(self, args: dict[str, str]):
        """The RDF literal each parameter's variable is bound to: ``{variable: rdflib Literal}``."""
        return {self.params[k]: Literal(v, lang=self.languages.get(k)) for k, v in args.items()}


def _description(text: str) -> str:
    """The query's opening comment up to its first ``param`` or ``Shape`` line, as one line, less
    the internal competency-question label (``CQ3:``)."""
    said = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        line = line.lstrip("# ").strip()
        if re.match(r"(param\s+\w+:|Shape\b)", line) or not line:
            break
        said.append(line)
    text = re.sub(r"^CQ[\d/CQ]*:\s*", "", " ".join(said))
    text = re.sub(r"\s*Parameter: .*$", "", text)  # --list shows the parameters itself
    return text[:1].upper() + text[1:]


def _parse(name: str, text: str) -> CannedQuery:
    description = _description(text)
    declared = re.findall(r"^#\s*param\s+(\w+):\s*(\w+)(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*))?\s*$",
                          text, flags=re.M)
    params = {key: var for key, var, _ in declared}
    languages = {key: lang for key, _, lang in declared if lang}
    return CannedQuery(name, text, description, params, languages)


def canned_queries() -> dict[str, CannedQuery]:
    folder = files("kg") / "queries"
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = _parse(name, entry.read_text(encoding="utf-8"))
    return out


def listing_texts() -> list[str]:
    """The text of each canned query that takes no parameter: the listings a build answers once
    into its store, so that a page of one is cheap (kg.store.listings)."""
    return [q.text for q in canned_queries().values() if not q.params]


def load_query(name_or_path: str) -> CannedQuery:
    queries = canned_queries()
    if name_or_path in queries:
        return queries[name_or_path]
    path = Path(name_or_path)
    if path.suffix == ".rq" or path.exists():
        try:
            return _parse(path.stem, path.read_text(encoding="utf-8"))
        except OSError as err:
            raise QueryError(f"cannot read query file {path}: {err.strerror}") from err
    raise QueryUsageError(f"unknown query {name_or_path!r}; `kg query --list` shows the canned ones")


def is_endpoint(target: str | Path) -> bool:
    return isinstance(target, str) and re.match(r"https?://", target, re.I) is not None


def load_graph(targets: list[str] | list[Path]):
    """What the queries run over: one SPARQL endpoint (a URL), or one graph holding every file and
    build folder given (named graphs are read into their union)."""
    urls = [t for t in targets if is_endpoint(t)]
    if urls:
        if len(targets) > 1:
            raise QueryUsageError("a SPARQL endpoint URL is queried on its own: give one --graph URL")
        return EndpointGraph(str(urls[0]))
    paths = [Path(t) for t in targets]

    try:
        store = open_for_query(paths)  # issue #5: a build's store/, if it has one
        if store is not None:
            return store
        ds = Dataset(default_union=True)
        for p in paths:
            f, fmt = graph_file(p)
            try:
                ds.parse(f, format=fmt) if fmt in QUAD_FORMATS else ds.default_graph.parse(f, format=fmt)
            except Exception as err:  # rdflib raises many kinds of parser errors
                raise QueryError(f"{f}: cannot parse as {fmt}: {err}") from err
    except (StoreError, GraphPathError) as err:
        raise QueryError(str(err)) from err
    return ds


def with_window(text: str, limit: int | None, offset: int | None) -> str:
    """*text* asking only for rows ``offset`` … ``offset + limit`` (SPARQL's own LIMIT and OFFSET,
    so an engine can stop early)."""
    if limit is None and not offset:
        return text
    if split_window(text)[1] is not None:
        raise QueryUsageError("the query ends with its own LIMIT or OFFSET; --limit/--offset page queries without one")
    return (text.rstrip() + (f"\nLIMIT {limit}" if limit is not None else "")
            + (f"\nOFFSET {offset}" if offset else ""))


def run_query(graph, query: CannedQuery, params: dict[str, str], *, limit: int | None = None,
              offset: int | None = None):
    unknown = set(params) - set(query.params)
    if unknown:
        allowed = ", ".join(query.params) or "none"
        raise QueryUsageError(f"query {query.name!r} takes no parameter {', '.join(sorted(unknown))} "
                              f"(takes: {allowed})")
    missing = set(query.params) - set(params)
    if missing:
        raise QueryUsageError(f"query {query.name!r} needs --param {', '.join(f'{k}=…' for k in sorted(missing))}")
    bindings = {Variable(var): term for var, term in query.bindings(params).items()}
    text = with_window(query.text, limit, offset)
    try:
        return graph.query(text, initBindings=bindings)
    except EndpointError as err:
        raise QueryError(str(err)) from err
    except Exception as err:
        raise QueryError(f"query {query.name!r} failed: {err}") from err


PLAIN_TABLE = TableOptions()


def format_result(result, fmt: str, table: TableOptions = PLAIN_TABLE, more_hint: str = "") -> str:
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8")
    if fmt == "csv":
        return result.serialize(format="csv").decode("utf-8")
    if fmt == "table":
        names = [str(v) for v in result.vars]
        try:
            return render(names, _cell_rows(result), table, more_hint)
        except UnknownColumn as err:
            raise QueryUsageError(str(err)) from err
    raise QueryError(f"unknown format {fmt!r}")


def _cell_rows(result) -> list[list[Cell | None]]:
    """Each row with something bound, one Cell (its text, whether it is an IRI) per column."""
    if isinstance(getattr(result, "rows", None), list):  # the embedded store's answer: pyoxigraph terms
        return [[None if t is None else Cell(t.value, isinstance(t, ox.NamedNode)) for t in row]
                for row in result.rows if any(t is not None for t in row)]
    return [[None if (t := row[v]) is None else Cell(str(t), isinstance(t, URIRef)) for v in result.vars]
            for row in result]


def sparql_json_rows(text: str) -> list[dict]:
    return json.loads(text)["results"]["bindings"]


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))
