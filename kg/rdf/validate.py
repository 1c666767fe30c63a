"""SHACL validation of kg graphs: pyshacl with ``ontology/shapes.ttl`` over the data graph, with
``ontology/lg.ttl`` mixed in (ontology.md §3.8, §1.10).

Mixing the ontology in is what lets ``sh:class org:Organization`` accept an
``org:OrganizationalUnit`` and ``sh:targetClass schema:Event`` reach every ``lg:Meeting``
(ontology.md §1.10, pitfall 2): SHACL follows ``rdfs:subClassOf`` in the data graph. No RDFS
*inference* is run (see docs/decisions/20261128-ontology-and-shapes.md): the shapes check every
sub-property explicitly, owlrl's closure is slow on corpus-sized graphs, and while it runs owlrl
installs a lexical check for ``xsd:gMonthDay`` into rdflib that rejects valid values such as
``"--06-02"`` and stays installed for the rest of the process.

Results are turned into plain :class:`Finding` records; only violations make a graph fail,
warnings and infos are reported but allowed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, NamespaceManager

from kg.rdf.emit import bind_prefixes, union_graph
from kg.resources import ontology_path

GRAPH_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads"}
QUAD_FORMATS = frozenset({"trig", "nquads"})
BUILD_FILES = ("graph.ttl", "graph.trig")  # what a build folder is validated through, in order
SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


class GraphPathError(ValueError):
    """The path names no graph kg can validate (a usage error, not a validation failure)."""


@dataclass(frozen=True)
class Finding:
    """One SHACL validation result, with nodes written as prefixed names where possible."""

    severity: str  # Violation | Warning | Info
    focus: str
    path: str  # "" when the result is about the node itself
    message: str
    value: str  # "" when the result has no sh:value
    shape: str

    def line(self) -> str:
        where = f"{self.focus} {self.path}" if self.path else self.focus
        value = f" [{self.value}]" if self.value and self.value != self.focus else ""
        return f"{self.severity}: {where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of validating one graph: conforms when it has no violations."""

    source: str
    triples: int
    findings: tuple[Finding, ...]

    @property
    def violations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "Violation")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "Warning")

    @property
    def conforms(self) -> bool:
        return not self.violations

    def summary(self) -> str:
        verdict = "conforms" if self.conforms else "does not conform"
        counts = Counter(f.severity for f in self.findings)
        parts = [f"{counts[s]} {s.lower()}{'' if counts[s] == 1 else 's'}"
                 for s in SEVERITY_ORDER if counts[s]]
        return f"{self.source}: {self.triples} triples, {verdict}" + (f" ({', '.join(parts)})" if parts else "")

    def report(self, limit: int | None = None) -> str:
        """A readable report: the summary, counts per message, then one line per finding
        (at most *limit* of them; None for all)."""
        lines = [self.summary()]
        if not self.findings:
            return lines[0]
        by_message = Counter((f.severity, f.message) for f in self.findings)
        lines.append("")
        lines += [f"{n:6d}  {sev}: {msg}" for (sev, msg), n in sorted(by_message.items(), key=_count_key)]
        lines.append("")
        shown = self.findings if limit is None else self.findings[:limit]
        lines += [f.line() for f in shown]
        if len(shown) < len(self.findings):
            lines.append(f"… and {len(self.findings) - len(shown)} more (use --limit 0 to see all)")
        return "\n".join(lines)


def _count_key(item: tuple[tuple[str, str], int]) -> tuple[int, int, str]:
    (severity, message), n = item
    return SEVERITY_ORDER.get(severity, 3), -n, message


@cache
def _parsed(name: str) -> Graph:
    return Graph().parse(ontology_path(name), format="turtle")


def shapes_graph() -> Graph:
    """ontology/shapes.ttl, parsed once per process."""
    return _parsed("shapes.ttl")


def ontology_graph() -> Graph:
    """ontology/lg.ttl, parsed once per process."""
    return _parsed("lg.ttl")


def graph_file(path: Path) -> tuple[Path, str]:
    """The file behind PATH and its rdflib format: a graph file, or a build folder's graph.ttl
    (graph.trig when there is no graph.ttl)."""
    if not path.exists():
        raise GraphPathError(f"{path}: no such file or folder")
    if path.is_dir():
        for name in BUILD_FILES:
            if (path / name).is_file():
                return path / name, GRAPH_FORMATS[Path(name).suffix]
        raise GraphPathError(f"{path}/ has no {' or '.join(BUILD_FILES)}: is it a kg build folder?")
    fmt = GRAPH_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise GraphPathError(f"{path}: not a graph file (expected a build folder or "
                             f"{', '.join(GRAPH_FORMATS)})")
    return path, fmt


def load_graph(path: Path, fmt: str) -> Graph:
    """Parse a graph file; quad formats (TriG, N-Quads) are read into a Dataset and validated as
    the union of their named graphs."""
    if fmt in QUAD_FORMATS:
        ds = Dataset()
        ds.parse(path, format=fmt)
        return union_graph(ds)
    g = Graph()
    bind_prefixes(g)
    g.parse(path, format=fmt)
    return g


def validate_graph(data: Graph, source: str = "graph") -> ValidationResult:
    """Validate *data* against the shapes, with the ontology mixed in (the data graph itself is
    not modified: pyshacl works on a copy)."""
    from pyshacl import validate

    _conforms, results, _text = validate(
        data,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        allow_warnings=True,
        allow_infos=True,
    )
    found = sorted(set(findings(results, data)), key=_finding_key)  # one per constraint is enough
    return ValidationResult(source, len(data), tuple(found))


def validate_path(path: Path) -> ValidationResult:
    """Validate a build folder or a graph file; raises GraphPathError for a path that names no
    graph and rdflib's parser errors for a file that does not parse."""
    file, fmt = graph_file(path)
    return validate_graph(load_graph(file, fmt), str(file))


def _finding_key(f: Finding) -> tuple[int, str, str, str, str]:
    return SEVERITY_ORDER.get(f.severity, 3), f.focus, f.path, f.message, f.value


def findings(results: Graph, data: Graph) -> Iterable[Finding]:
    """Read pyshacl's sh:ValidationReport graph into Finding records. A result that names no value
    (sh:maxCount, sh:uniqueLang) on a plain predicate gets the node's values from *data*, so the
    report shows e.g. the two chairs or the two labels in conflict."""
    names = data.namespace_manager
    for result in results.objects(None, SH.result):
        severity = results.value(result, SH.resultSeverity)
        focus, path = results.value(result, SH.focusNode), results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        if value is None and isinstance(path, URIRef) and focus is not None:
            shown = show_values(data.objects(focus, path), names)
        else:
            shown = show(value, names)
        yield Finding(
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            focus=show(focus, names),
            path=show_path(results, path, names),
            message=_message(results, result),
            value=shown,
            shape=show(results.value(result, SH.sourceShape), names),
        )


def show_values(values: Iterable, names: NamespaceManager, limit: int = 4) -> str:
    """Up to *limit* nodes, sorted and comma-separated, with a count of the rest."""
    shown = sorted(show(v, names) for v in values)
    more = f", … ({len(shown) - limit} more)" if len(shown) > limit else ""
    return ", ".join(shown[:limit]) + more


def _message(results: Graph, result) -> str:
    """The result's sh:resultMessage (English preferred), else the constraint component's name."""
    messages = list(results.objects(result, SH.resultMessage))
    for m in messages:
        if isinstance(m, Literal) and m.language == "en":
            return str(m)
    if messages:
        return str(messages[0])
    component = results.value(result, SH.sourceConstraintComponent)
    return str(component).rsplit("#", 1)[-1] if component is not None else "constraint not met"


def show(node, names: NamespaceManager) -> str:
    """A node as a prefixed name, <IRI>, or quoted literal; "" for None."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        try:
            return names.normalizeUri(node)
        except Exception:  # rdflib raises assorted errors on IRIs it cannot split
            return f"<{node}>"
    if isinstance(node, Literal):
        text = str(node)
        text = text if len(text) <= 60 else text[:59] + "…"
        suffix = f"@{node.language}" if node.language else (
            f"^^{show(node.datatype, names)}" if node.datatype else "")
        return f'"{text}"{suffix}'
    return "[]" if isinstance(node, BNode) else str(node)


def show_path(results: Graph, path, names: NamespaceManager) -> str:
    """A SHACL property path in SPARQL syntax: p, ^p, p/q, (p|q), p*, p+, p?."""
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return show(path, names)
    if (path, RDF.first, None) in results:
        return "/".join(show_path(results, p, names) for p in Collection(results, path))
    for predicate, template in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"),
                                (SH.oneOrMorePath, "{}+"), (SH.zeroOrOnePath, "{}?")):
        inner = results.value(path, predicate)
        if inner is not None:
            return template.format(show_path(results, inner, names))
    alternatives = results.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(show_path(results, p, names) for p in Collection(results, alternatives)) + ")"
    return "[]"
