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

import multiprocessing
import queue
import re
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, NamespaceManager

from kg.rdf.emit import bind_prefixes
from kg.rdf.io import graph_file, read_into
from kg.resources import ontology_path

SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


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


def load_graph(path: Path, fmt: str) -> Graph:
    """Parse a graph file; quad formats (TriG, N-Quads) are validated as the union of their named
    graphs."""
    g = Graph()
    bind_prefixes(g)
    return read_into(g, path, fmt)


SPARQL_CHECK = "SPARQL constraints"  # the unit of work that answers every shape's SPARQL constraints
PARALLEL_BYTES = 4_000_000  # files this large are validated by several processes (the sample: 200 kB)
Progress = Callable[[int, int], None]  # (checks done, checks in all)


def validate_graph(data: Graph, source: str = "graph", progress: Progress | None = None) -> ValidationResult:
    """Validate *data* against the shapes, with the ontology mixed in (*data* is not modified)."""
    copy = Graph()
    for prefix, ns in data.namespaces():
        copy.bind(prefix, ns, override=True, replace=True)
    copy += data
    return _checked(copy, source, checks(), progress)


def validate_path(path: Path, jobs: int = 1, progress: Progress | None = None,
                  parallel_bytes: int = PARALLEL_BYTES) -> ValidationResult:
    """Validate a build folder or a graph file; raises GraphPathError for a path that names no
    graph and rdflib's parser errors for a file that does not parse. A file of *parallel_bytes* or
    more is checked by *jobs* processes, each reading the file and checking a share of the shapes."""
    file, fmt = graph_file(path)
    if jobs <= 1 or file.stat().st_size < parallel_bytes:
        return _checked(load_graph(file, fmt), str(file), checks(), progress)
    return _validate_in_parallel(file, fmt, jobs, progress)


def _checked(data: Graph, source: str, units: list[str], progress: Progress | None) -> ValidationResult:
    """*units* checked on *data*, a graph of the caller's own that gets the ontology mixed in."""
    triples = len(data)
    data += ontology_graph()
    found = check(data, units, progress)
    return ValidationResult(source, triples, tuple(sorted(set(found), key=_finding_key)))


def checks() -> list[str]:
    """The units of validation work: each node shape (its core constraints) and the SPARQL check."""
    shapes = shapes_graph()
    return sorted(str(s) for s in set(shapes.subjects(RDF.type, SH.NodeShape))) + [SPARQL_CHECK]


def check(data: Graph, units: Iterable[str], progress: Progress | None = None) -> list[Finding]:
    """The findings of *units* (see :func:`checks`) on *data*, the ontology already mixed in;
    pyshacl works on *data* itself (``inplace``: no copy; without inference it adds nothing). The SPARQL
    constraints are answered by one query each over the whole graph (pyshacl runs one query per
    focus node: 26 of the 46 s of the news corpus)."""
    units = list(units)
    core = _core_shapes()
    found: list[Finding] = []
    for done, unit in enumerate(units, 1):
        if unit == SPARQL_CHECK:
            found += sparql_findings(data, shapes_graph(), ontology_graph())
        else:
            _conforms, results, _text = validate(data, shacl_graph=core, inference="none", inplace=True,
                                                 allow_warnings=True, allow_infos=True, use_shapes=[unit])
            found += findings(results, data)
        if progress is not None:
            progress(done, len(units))
    return found


@cache
def _core_shapes() -> Graph:
    """The shapes without their SPARQL constraints (answered by :func:`sparql_findings`)."""
    shapes = shapes_graph()
    core = Graph()
    for prefix, ns in shapes.namespaces():
        core.bind(prefix, ns)
    for triple in shapes:
        if triple[1] != SH.sparql:
            core.add(triple)
    return core


def shares(data: Graph, units: list[str], parts: int) -> list[list[str]]:
    """*units* in *parts* shares of about equal cost (longest first, each to the lightest share):
    a shape costs its focus nodes times its constraints. Every process computes the same shares
    from the same file."""
    shapes, ontology = shapes_graph(), ontology_graph()

    def cost(unit: str) -> int:
        if unit == SPARQL_CHECK:
            return sum(len(_focus_nodes(data, shapes, ontology, s)) for s in shapes.subjects(SH.sparql, None))
        shape = URIRef(unit)
        return len(_focus_nodes(data, shapes, ontology, shape)) * (1 + len(list(shapes.objects(shape, SH.property))))

    costs = {unit: cost(unit) for unit in units}
    out: list[list[str]] = [[] for _ in range(parts)]
    load = [0] * parts
    for unit in sorted(units, key=lambda u: (-costs[u], u)):
        lightest = load.index(min(load))
        out[lightest].append(unit)
        load[lightest] += costs[unit]
    return out


def _validate_in_parallel(file: Path, fmt: str, jobs: int, progress: Progress | None) -> ValidationResult:
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, ProcessPoolExecutor(jobs, mp_context=context) as pool:
        done = manager.Queue()
        futures = [pool.submit(_validate_share, file, fmt, part, jobs, done) for part in range(jobs)]
        total, finished = len(checks()), 0
        while finished < total and not all(f.done() for f in futures):
            try:
                finished += done.get(timeout=0.5)
            except queue.Empty:
                continue
            if progress is not None:
                progress(finished, total)
        parts = [f.result() for f in futures]
    found = {finding for share in parts for finding in share.findings}
    return ValidationResult(str(file), parts[0].triples, tuple(sorted(found, key=_finding_key)))


def _validate_share(file: Path, fmt: str, part: int, parts: int, done) -> ValidationResult:
    """In a worker process: read *file* and check share *part* of *parts*."""
    data = load_graph(file, fmt)
    mine = shares(data, checks(), parts)[part]
    return _checked(data, str(file), mine, lambda _done, _total: done.put(1))


def sparql_findings(data: Graph, shapes: Graph, ontology: Graph) -> Iterable[Finding]:
    """The results of the shapes' SPARQL-based constraints (SHACL §5): the constraint's SELECT
    run once with $this unbound, its rows kept for the shape's focus nodes."""
    names = data.namespace_manager
    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in _declared_prefixes(shapes))
    for shape, constraint in shapes.subject_objects(SH.sparql):
        focus = _focus_nodes(data, shapes, ontology, shape)
        severity = shapes.value(shape, SH.severity) or SH.Violation
        message = _english(shapes.objects(constraint, SH.message))
        query = str(shapes.value(constraint, SH.select)).replace("$this", "?this")
        for row in data.query(prefixes + query):
            bound = row.asdict()
            if bound.get("this") not in focus:
                continue
            text = _filled(message, bound)
            yield Finding(severity=str(severity).rsplit("#", 1)[-1], focus=show(bound["this"], names),
                          path=show(bound.get("path"), names), message=text,
                          value=show(bound.get("value"), names), shape=show(shape, names))


def _filled(message: str, bound: dict) -> str:
    """A SHACL message with its {?var} and {$var} placeholders replaced by the row's values."""
    return re.sub(r"\{[?$](\w+)\}", lambda m: str(bound.get(m[1], "")), message)


def _declared_prefixes(shapes: Graph) -> list[tuple[str, str]]:
    return sorted((str(shapes.value(d, SH.prefix)), str(shapes.value(d, SH.namespace)))
                  for d in shapes.objects(None, SH.declare))


def _english(literals: Iterable) -> str:
    texts = {getattr(m, "language", None): str(m) for m in literals}
    return texts.get("en") or next(iter(texts.values()), "SPARQL constraint not met")


def _focus_nodes(data: Graph, shapes: Graph, ontology: Graph, shape) -> set:
    """The focus nodes of *shape*'s targets (SHACL §2.1.3): instances of its target classes and
    their subclasses (by the ontology's and the data's rdfs:subClassOf), subjects or objects of a
    predicate, named nodes."""
    out: set = set(shapes.objects(shape, SH.targetNode))
    for cls in shapes.objects(shape, SH.targetClass):
        classes = set(ontology.transitive_subjects(RDFS.subClassOf, cls))
        classes |= set(data.transitive_subjects(RDFS.subClassOf, cls))
        for c in classes:
            out |= set(data.subjects(RDF.type, c))
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        out |= set(data.subjects(p, None))
    for p in shapes.objects(shape, SH.targetObjectsOf):
        out |= set(data.objects(None, p))
    return out


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
