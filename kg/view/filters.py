"""Focused views of the projected graph: ego networks, kinds, date ranges and a node cap.

All functions are pure: they take a projected ``nx.MultiDiGraph`` (see :mod:`kg.view.project`)
and return a new graph or plain records; none touches RDF or HTML.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from kg.errors import KgError
from kg.view.project import KIND_NAMES

DEFAULT_MAX_NODES = 300
HIDDEN_NAMES_LIMIT = 2000
EVENT_KINDS = frozenset({"meeting", "event"})
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ViewError(KgError, ValueError):
    code = "E501"
    """A view that cannot be made (unknown kind, nobody of that name…); the message says why."""


@dataclass(frozen=True)
class ViewSpec:
    """What to show: ``kg view`` options, as one object."""

    person: str | None = None
    event: str | None = None
    radius: int = 1
    kinds: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    max_nodes: int = DEFAULT_MAX_NODES


@dataclass(frozen=True)
class Omitted:
    """What a capped view leaves out."""

    nodes: int = 0
    edges: int = 0
    by_kind: tuple[tuple[str, int], ...] = ()
    top: tuple[tuple[str, str, int], ...] = ()  # (kind, label, degree) of the best-connected


@dataclass(frozen=True)
class View:
    graph: nx.MultiDiGraph
    title: str
    centres: tuple[str, ...] = ()
    omitted: Omitted = field(default_factory=Omitted)
    total_nodes: int = 0
    total_edges: int = 0
    # Names of people and events left out, so the page can say how to see them.
    hidden_names: tuple[tuple[str, str], ...] = ()


def parse_kinds(value: str | Iterable[str]) -> tuple[str, ...]:
    """Kind keys from ``person,meeting`` or Chinese legend names (``人物,会议``).

    >>> parse_kinds("person, 会议")
    ('person', 'meeting')
    """
    items = value.replace("，", ",").split(",") if isinstance(value, str) else list(value)
    by_name = {v: k for k, v in KIND_NAMES.items()}
    out: list[str] = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        kind = item if item in KIND_NAMES else by_name.get(item)
        if kind is None:
            known = ", ".join(f"{k} ({v})" for k, v in KIND_NAMES.items())
            raise ViewError(f"unknown kind {item!r}; known kinds: {known}")
        if kind not in out:
            out.append(kind)
    return tuple(out)


def find_nodes(g: nx.MultiDiGraph, name: str, kinds: Iterable[str] = ()) -> list[str]:
    """Nodes whose label or an alias is *name*; failing that, those containing it.

    Matches are ordered by degree (most connected first), then label.
    """
    wanted = set(kinds)
    candidates = [(n, d) for n, d in g.nodes(data=True) if not wanted or d["kind"] in wanted]
    exact = [n for n, d in candidates if name == d["label"] or name in d["aliases"]]
    found = exact or [n for n, d in candidates
                      if name in d["label"] or any(name in a for a in d["aliases"])]
    return sorted(found, key=lambda n: (-g.degree(n), g.nodes[n]["label"], n))


def ego(g: nx.MultiDiGraph, centres: Iterable[str], radius: int) -> nx.MultiDiGraph:
    """The nodes within *radius* steps of any centre (edges followed both ways)."""
    undirected = g.to_undirected(as_view=True)
    keep: set[str] = set()
    for centre in centres:
        keep |= set(nx.single_source_shortest_path_length(undirected, centre, cutoff=radius))
    return g.subgraph(keep).copy()


def node_dates(data: dict) -> list[str]:
    """The dates a node is placed at: its own full date, else the dates of its articles."""
    own = data.get("date", "")
    if _FULL_DATE.match(own):
        return [own]
    return [d for d in data.get("reported", ()) if _FULL_DATE.match(d)]


def in_period(g: nx.MultiDiGraph, since: str | None, until: str | None) -> nx.MultiDiGraph:
    """Nodes with a date in [since, until] (ISO dates, either bound may be open)."""
    if not since and not until:
        return g.copy()
    lo, hi = since or "0000-00-00", until or "9999-99-99"
    keep = [n for n, d in g.nodes(data=True) if any(lo <= x <= hi for x in node_dates(d))]
    return g.subgraph(keep).copy()


def of_kinds(g: nx.MultiDiGraph, kinds: Iterable[str], keep: Iterable[str] = ()) -> nx.MultiDiGraph:
    """Nodes of the given kinds (and the *keep* nodes whatever their kind)."""
    wanted = set(kinds)
    if not wanted:
        return g.copy()
    always = set(keep)
    return g.subgraph(n for n, d in g.nodes(data=True) if d["kind"] in wanted or n in always).copy()


def rank(g: nx.MultiDiGraph, centres: Iterable[str] = ()) -> list[str]:
    """Nodes by importance: centres first, then by distance from them, then most connected;
    among equals, those in larger connected parts first (so a cap keeps one readable whole
    rather than many stray pairs)."""
    centres = list(centres)
    undirected = g.to_undirected(as_view=True)
    dist = nx.multi_source_dijkstra_path_length(undirected, centres) if centres else {}
    part = {n: len(c) for c in nx.connected_components(undirected) for n in c}
    far = len(g) + 1
    return sorted(g, key=lambda n: (dist.get(n, far), -g.degree(n), -part[n], g.nodes[n]["label"], n))


def select(g: nx.MultiDiGraph, order: list[str], max_nodes: int,
           keep: frozenset[str] = frozenset(), rounds: int = 5) -> set[str]:
    """The first *max_nodes* of *order*, except that a node cut off from all its neighbours
    by the cap (a stray) gives its place to the best-ranked left-out node that joins a kept one.

    >>> g = nx.MultiDiGraph([("hub", "a"), ("hub", "b"), ("x", "y")])
    >>> sorted(select(g, ["hub", "x", "a", "b", "y"], 3))
    ['a', 'b', 'hub']
    """
    undirected = g.to_undirected(as_view=True)
    position = {n: i for i, n in enumerate(order)}
    kept = set(order[:max_nodes])
    for _ in range(rounds):
        stray = sorted((n for n in kept - keep
                        if undirected.degree(n) and not any(m in kept for m in undirected[n])),
                       key=position.__getitem__, reverse=True)
        if not stray:
            break
        anchored = kept.difference(stray)
        fill = [n for n in order[max_nodes:]
                if n not in kept and any(m in anchored for m in undirected[n])][:len(stray)]
        if not fill:
            break
        kept.difference_update(stray[:len(fill)])
        kept.update(fill)
    return kept


def cap(g: nx.MultiDiGraph, max_nodes: int, centres: Iterable[str] = ()) -> tuple[nx.MultiDiGraph, Omitted]:
    """Keep the *max_nodes* most important nodes (see :func:`rank`); say what was left out."""
    if max_nodes <= 0:
        raise ViewError(f"--max-nodes must be positive, got {max_nodes}")
    if len(g) <= max_nodes:
        return g.copy(), Omitted()
    order = rank(g, centres)
    chosen = select(g, order, max_nodes, frozenset(centres))
    kept = g.subgraph(chosen).copy()
    left = [n for n in order if n not in chosen]
    by_kind = Counter(g.nodes[n]["kind"] for n in left)
    top = tuple((g.nodes[n]["kind"], g.nodes[n]["label"], g.degree(n)) for n in left[:5])
    omitted = Omitted(
        nodes=len(left),
        edges=g.number_of_edges() - kept.number_of_edges(),
        by_kind=tuple((k, by_kind[k]) for k in KIND_NAMES if by_kind[k]),
        top=top,
    )
    return kept, omitted


def _title(spec: ViewSpec) -> str:
    parts = []
    if spec.person:
        parts.append(f"人物“{spec.person}”的关系网（{spec.radius} 步以内）")
    if spec.event:
        parts.append(f"活动“{spec.event}”的关系网（{spec.radius} 步以内）")
    if spec.kinds:
        parts.append("类型：" + "、".join(KIND_NAMES[k] for k in spec.kinds))
    if spec.since or spec.until:
        parts.append(f"时间：{spec.since or '…'} 至 {spec.until or '…'}")
    return "；".join(parts) or "全图概览"


def make_view(g: nx.MultiDiGraph, spec: ViewSpec | None = None) -> View:
    """Apply *spec* to the projected graph: period, focus (person/event), kinds, then the cap."""
    spec = spec or ViewSpec()
    if spec.radius < 0:
        raise ViewError(f"--radius must be 0 or more, got {spec.radius}")
    total_nodes, total_edges = g.number_of_nodes(), g.number_of_edges()
    current = in_period(g, spec.since, spec.until)
    centres: list[str] = []
    for name, kinds, what in ((spec.person, ("person",), "person"),
                              (spec.event, tuple(EVENT_KINDS), "event")):
        if not name:
            continue
        found = find_nodes(current, name, kinds)
        if not found:
            close = find_nodes(g, name[:1], kinds)[:5] if name else []
            hint = f"; similar: {'、'.join(g.nodes[n]['label'] for n in close)}" if close else ""
            raise ViewError(f"no {what} named {name!r} in the graph{hint}")
        centres += found
    if centres:
        current = ego(current, centres, spec.radius)
    current = of_kinds(current, spec.kinds, keep=centres)
    if spec.since or spec.until:  # a period's view: what took part in something then, no loose nodes
        current = current.subgraph(n for n in current if current.degree(n) or n in centres).copy()
    shown, omitted = cap(current, spec.max_nodes, centres)
    return View(graph=shown, title=_title(spec), centres=tuple(centres), omitted=omitted,
                total_nodes=total_nodes, total_edges=total_edges,
                hidden_names=hidden_names(g, shown))


def hidden_names(g: nx.MultiDiGraph, shown: nx.MultiDiGraph,
                 limit: int = HIDDEN_NAMES_LIMIT) -> tuple[tuple[str, str], ...]:
    """(kind, label) of the best-connected people and events of *g* that *shown* leaves out."""
    seen = {d["label"] for _, d in shown.nodes(data=True)}
    out: list[tuple[str, str]] = []
    for n in sorted(g, key=lambda n: (-g.degree(n), n)):
        d = g.nodes[n]
        if n in shown or d["label"] in seen or not (d["kind"] == "person" or d["kind"] in EVENT_KINDS):
            continue
        seen.add(d["label"])
        out.append((d["kind"], d["label"]))
        if len(out) >= limit:
            break
    return tuple(out)
