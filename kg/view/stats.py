"""Network analytics of a projected graph, for ``kg stats``.

Tables: nodes by kind, relations by kind, the most central people of the co-participation
network (two people are linked when they chaired, attended or spoke at the same event; the
weight is the number of such events), its communities (Louvain, seeded) and events per month.
Each table prints as text and writes as one CSV file.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.view.filters import EVENT_KINDS
from kg.view.project import KIND_NAMES, PARTICIPATION

SEED = 7
EXACT_BETWEENNESS_MAX = 1500  # above this many people, betweenness is estimated from samples
BETWEENNESS_SAMPLES = 400
_MONTH = re.compile(r"^(\d{4}-\d{2})")


@dataclass(frozen=True)
class Table:
    name: str  # CSV file stem
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple, ...]
    note: str = ""


def co_participation(g: nx.MultiDiGraph) -> nx.Graph:
    """People linked by the events they took part in together.

    Node attributes: ``label``, ``events`` (how many events the person took part in). Edge
    attribute ``weight``: the number of shared events.
    """
    events: dict[str, set[str]] = {}
    for a, b, rel in g.edges(data="rel"):
        if rel in PARTICIPATION and g.nodes[a]["kind"] == "person":
            events.setdefault(b, set()).add(a)
    out = nx.Graph()
    for person, data in g.nodes(data=True):
        if data["kind"] == "person":
            out.add_node(person, label=data["label"], events=0)
    for event in sorted(events):
        people = sorted(events[event])
        for p in people:
            out.nodes[p]["events"] += 1
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                w = out.edges[a, b]["weight"] + 1 if out.has_edge(a, b) else 1
                out.add_edge(a, b, weight=w)
    return out


def kind_counts(g: nx.MultiDiGraph) -> Table:
    counts = Counter(kind for _, kind in g.nodes(data="kind"))
    rows = tuple((k, KIND_NAMES[k], counts[k]) for k in KIND_NAMES)
    return Table("kinds", "Nodes by kind", ("kind", "name", "nodes"),
                 rows + (("total", "合计", sum(counts.values())),))


def relation_counts(g: nx.MultiDiGraph) -> Table:
    counts = Counter((rel, label) for _, _, rel, label in _edge_rels(g))
    rows = tuple((rel, label, n) for (rel, label), n in sorted(counts.items(), key=lambda x: (-x[1], x[0])))
    return Table("relations", "Relations by kind", ("relation", "label", "edges"),
                 rows + (("total", "合计", sum(counts.values())),))


def _edge_rels(g: nx.MultiDiGraph):
    for a, b, data in g.edges(data=True):
        yield a, b, data["rel"], data["label"]


def communities(cp: nx.Graph, seed: int = SEED) -> list[list[str]]:
    """Louvain communities of the co-participation network (people with no co-participant are
    left out), largest first; members ordered by weighted degree."""
    linked = cp.subgraph(n for n in cp if cp.degree(n))
    if linked.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(linked, weight="weight", seed=seed)
    strength = dict(linked.degree(weight="weight"))
    ordered = [sorted(c, key=lambda n: (-strength[n], cp.nodes[n]["label"], n)) for c in found]
    return sorted(ordered, key=lambda c: (-len(c), cp.nodes[c[0]]["label"]))


def betweenness(cp: nx.Graph, seed: int = SEED) -> tuple[dict[str, float], str]:
    """Normalised betweenness of each person, and a note when it was estimated."""
    n = cp.number_of_nodes()
    if n <= EXACT_BETWEENNESS_MAX:
        return nx.betweenness_centrality(cp, normalized=True), ""
    k = min(BETWEENNESS_SAMPLES, n)
    note = f"betweenness estimated from {k} sampled sources of {n} people (seed {seed})"
    return nx.betweenness_centrality(cp, k=k, normalized=True, seed=seed), note


def central_people(cp: nx.Graph, groups: list[list[str]], top: int) -> Table:
    between, note = betweenness(cp)
    community = {n: i for i, c in enumerate(groups, start=1) for n in c}
    strength = dict(cp.degree(weight="weight"))
    active = [n for n in cp if cp.nodes[n]["events"]]
    ranked = sorted(active, key=lambda n: (-cp.degree(n), -between[n], -cp.nodes[n]["events"],
                                           cp.nodes[n]["label"], n))
    rows = tuple(
        (r, cp.nodes[n]["label"], cp.nodes[n]["events"], cp.degree(n), strength[n],
         round(between[n], 4), community.get(n, ""), n)
        for r, n in enumerate(ranked[:top], start=1)
    )
    return Table("people", "Most central people (co-participation network)",
                 ("rank", "name", "events", "degree", "shared_events", "betweenness", "community",
                  "iri"), rows, note)


def community_table(cp: nx.Graph, groups: list[list[str]], top: int, members: int = 8) -> Table:
    rows = tuple(
        (i, len(c), cp.subgraph(c).number_of_edges(),
         "、".join(cp.nodes[n]["label"] for n in c[:members]) + ("…" if len(c) > members else ""))
        for i, c in enumerate(groups[:top], start=1)
    )
    note = f"{len(groups)} communities of 2 or more people" if groups else "no two people share an event"
    return Table("communities", "Communities (Louvain, co-participation network)",
                 ("community", "people", "links", "members"), rows, note)


def event_month(data: dict) -> str:
    """YYYY-MM of an event: its own date, else the first article reporting it; '' if unknown."""
    for value in (data.get("date", ""), *data.get("reported", ())):
        m = _MONTH.match(value)
        if m:
            return m.group(1)
    return ""


def events_by_month(g: nx.MultiDiGraph) -> Table:
    counts: Counter = Counter()
    for _, data in g.nodes(data=True):
        if data["kind"] in EVENT_KINDS:
            counts[(event_month(data) or "unknown", data["kind"])] += 1
    months = sorted({m for m, _ in counts}, key=lambda m: (m == "unknown", m))
    rows = tuple((m, counts[(m, "meeting")], counts[(m, "event")],
                  counts[(m, "meeting")] + counts[(m, "event")]) for m in months)
    return Table("events_by_month", "Events per month", ("month", "meetings", "other_events", "total"),
                 rows)


def compute(g: nx.MultiDiGraph, top: int = 20) -> list[Table]:
    """Every table of ``kg stats`` for the projected graph *g*."""
    cp = co_participation(g)
    groups = communities(cp)
    return [kind_counts(g), relation_counts(g), central_people(cp, groups, top),
            community_table(cp, groups, top), events_by_month(g)]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


PRINT_HIDDEN = frozenset({"iri"})  # columns written to CSV but not printed


def format_table(t: Table, max_width: int = 60) -> str:
    """Fixed-width text, aligned for Chinese (wide characters count twice)."""
    keep = [i for i, h in enumerate(t.headers) if h not in PRINT_HIDDEN]
    t = Table(t.name, t.title, tuple(t.headers[i] for i in keep),
              tuple(tuple(r[i] for i in keep) for r in t.rows), t.note)

    def cell(v) -> str:
        s = f"{v:.4f}" if isinstance(v, float) else str(v)
        while _width(s) > max_width:
            s = s[:-2] + "…"
        return s

    rows = [[cell(v) for v in r] for r in t.rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(t.headers)]
    numeric = [all(isinstance(r[i], int | float) for r in t.rows) and bool(t.rows)
               for i in range(len(t.headers))]

    def line(cells: list[str]) -> str:
        out = []
        for c, w, num in zip(cells, widths, numeric, strict=True):
            pad = " " * (w - _width(c))
            out.append(pad + c if num else c + pad)
        return "  ".join(out).rstrip()

    text = [f"== {t.title} ==", line(list(t.headers)), "  ".join("-" * w for w in widths)]
    text += [line(r) for r in rows]
    if not rows:
        text.append("(none)")
    if t.note:
        text.append(f"({t.note})")
    return "\n".join(text)


def to_csv(t: Table) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(t.headers)
    writer.writerows(t.rows)
    return buf.getvalue()


def csv_files(tables: list[Table], folder: Path) -> dict[Path, bytes]:
    """The CSV file of each table (UTF-8), keyed by path inside *folder*."""
    return {folder / f"{t.name}.csv": to_csv(t).encode("utf-8") for t in tables}
