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

CONTRACT_QUERIES = ("people", "events", "participation", "relays", "policies", "organizations",
                    "enterprises", "places", "articles", "timeline")
GRAPH_SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld",
                  ".trig": "trig", ".nq": "nquads"}


class QueryError(ValueError):
    pass


@dataclass(frozen=True)
class CannedQuery:
    name: str
    text: str
    description: str
    params: dict[str, str]  # parameter key -> SPARQL variable
    languages: dict[str, str] = field(default_factory=dict)  # parameter key -> language tag

    def bindings(self, args: dict[str, str]):
        """The RDF literal each parameter's variable is bound to: ``{variable: rdflib Literal}``."""
        from rdflib import Literal

        return {self.params[k]: Literal(v, lang=self.languages.get(k)) for k, v in args.items()}


def _parse(name: str, text: str) -> CannedQuery:
    lines = text.splitlines()
    description = lines[0].lstrip("# ").strip() if lines and lines[0].startswith("#") else ""
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
    raise QueryError(f"unknown query {name_or_path!r}; `kg query --list` shows the canned ones")


def graph_files(path: Path) -> list[tuple[Path, str]]:
    """The RDF files behind a --graph argument: a file, or a build folder's graph.ttl."""
    if path.is_dir():
        ttl = path / "graph.ttl"
        if not ttl.exists():
            raise QueryError(f"{path} has no graph.ttl: is it a kg build folder?")
        return [(ttl, "turtle")]
    fmt = GRAPH_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise QueryError(f"{path}: unknown graph format (expected {', '.join(GRAPH_SUFFIXES)})")
    if not path.exists():
        raise QueryError(f"{path}: no such file")
    return [(path, fmt)]


def load_graph(paths: list[Path]):
    """One rdflib graph holding every input (named graphs are read into their union)."""
    from rdflib import Dataset

    from kg.store import StoreError, open_for_query  # issue #5: a build's store/, if it has one

    try:
        store = open_for_query(paths)
    except StoreError as err:
        raise QueryError(str(err)) from err
    if store is not None:
        return store

    ds = Dataset(default_union=True)
    for p in paths:
        for f, fmt in graph_files(p):
            try:
                ds.parse(f, format=fmt) if fmt in ("trig", "nquads") else ds.default_graph.parse(f, format=fmt)
            except Exception as err:  # rdflib raises many kinds of parser errors
                raise QueryError(f"{f}: cannot parse as {fmt}: {err}") from err
    return ds


def run_query(graph, query: CannedQuery, params: dict[str, str]):
    from rdflib import Variable

    unknown = set(params) - set(query.params)
    if unknown:
        allowed = ", ".join(query.params) or "none"
        raise QueryError(f"query {query.name!r} takes no parameter {', '.join(sorted(unknown))} (takes: {allowed})")
    missing = set(query.params) - set(params)
    if missing:
        raise QueryError(f"query {query.name!r} needs --param {', '.join(f'{k}=…' for k in sorted(missing))}")
    bindings = {Variable(var): term for var, term in query.bindings(params).items()}
    try:
        return graph.query(query.text, initBindings=bindings)
    except Exception as err:
        raise QueryError(f"query {query.name!r} failed: {err}") from err


def format_result(result, fmt: str) -> str:
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8")
    if fmt == "csv":
        return result.serialize(format="csv").decode("utf-8")
    if fmt == "table":
        return _table(result)
    raise QueryError(f"unknown format {fmt!r}")


def _cell(term) -> str:
    if term is None:
        return ""
    return str(term)


_WIDE = re.compile("[\u2e81-\U0010ffff]")  # drawn two columns wide: CJK and beyond


def _width(s: str) -> int:
    return len(s) + len(_WIDE.findall(s))


def _table(result) -> str:
    names = [str(v) for v in result.vars]
    if hasattr(result, "text_rows"):  # the embedded store's answer: no rdflib terms needed
        rows = result.text_rows()
    else:
        rows = [[_cell(row[v]) for v in result.vars] for row in result]
    sizes = [[_width(c) for c in r] for r in rows]
    widths = [max([_width(n)] + [s[i] for s in sizes]) for i, n in enumerate(names)]
    out = [" | ".join(n + " " * (w - _width(n)) for n, w in zip(names, widths, strict=True)),
           "-+-".join("-" * w for w in widths)]
    out += [" | ".join(c + " " * (w - cw) for c, cw, w in zip(r, s, widths, strict=True))
            for r, s in zip(rows, sizes, strict=True)]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def sparql_json_rows(text: str) -> list[dict]:
    return json.loads(text)["results"]["bindings"]


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))
