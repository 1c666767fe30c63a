"""Node positions computed in Python for views too large for the browser's physics.

vis-network's physics needs tens of seconds to settle a few hundred nodes and minutes for
thousands (docs/stack.md §4), so above :data:`PHYSICS_MAX_NODES` a view is laid out here with a
seeded networkx force layout and drawn with physics off: same graph, same picture.

Each connected component is laid out on its own, with a size that grows with the square root of
its node count, and the components are packed in rows under the largest one; unconnected nodes
come last, on a grid. (A force layout of a disconnected graph pushes small components to the
rim and squeezes the big one into the middle.)
"""

from __future__ import annotations

import importlib.util
import math

import networkx as nx

PHYSICS_MAX_NODES = 150
SEED = 7
NEIGHBOUR = 45.0  # pixels from a node to its nearest neighbour, typically
ASPECT = 1.5  # width / height of the packed drawing (a laptop screen, less the sidebar)
GRID = 150.0  # pixels between unconnected nodes (room for a label)
GAP = 120.0  # pixels between packed components

Point = tuple[float, float]


def simple_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple graph; ``weight`` counts the relations between two nodes."""
    out = nx.Graph()
    out.add_nodes_from(sorted(g))
    for a, b in g.edges():
        if a == b:
            continue
        w = out.edges[a, b]["weight"] + 1 if out.has_edge(a, b) else 1
        out.add_edge(a, b, weight=w)
    return out


def _raw_positions(g: nx.Graph, seed: int) -> dict:
    n = len(g)
    if n < 500 or importlib.util.find_spec("scipy") is not None:
        return nx.spring_layout(g, seed=seed, iterations=100, k=1.4 / math.sqrt(n), weight="weight")
    # networkx's spring layout needs scipy from 500 nodes on; ForceAtlas2 needs only numpy.
    return nx.forceatlas2_layout(g, seed=seed, max_iter=150, strong_gravity=True)


def _spacing(raw: dict) -> float:
    """A typical distance between a node and its nearest neighbour (30th percentile)."""
    import numpy as np  # here: only large graphs are laid out by kg (networkx needs no numpy otherwise)

    pts = np.array(list(raw.values()), dtype=float)
    rows = pts if len(pts) <= 1500 else pts[np.random.default_rng(SEED).choice(len(pts), 1500, replace=False)]
    nearest = []
    for chunk in range(0, len(rows), 500):
        d = np.linalg.norm(rows[chunk:chunk + 500, None, :] - pts[None, :, :], axis=2)
        d[d == 0] = np.inf
        nearest.append(d.min(axis=1))
    spacing = float(np.percentile(np.concatenate(nearest), 30))
    return spacing if np.isfinite(spacing) and spacing > 0 else 1.0


def component_layout(g: nx.Graph, seed: int = SEED) -> dict[str, Point]:
    """Positions of one connected component, centred on 0, scaled so that nodes are typically
    :data:`NEIGHBOUR` pixels from their nearest neighbour."""
    if len(g) == 1:
        return {next(iter(g)): (0.0, 0.0)}
    if len(g) == 2:
        a, b = sorted(g)
        return {a: (-NEIGHBOUR, 0.0), b: (NEIGHBOUR, 0.0)}
    raw = _raw_positions(g, seed)
    cx = sum(p[0] for p in raw.values()) / len(raw)
    cy = sum(p[1] for p in raw.values()) / len(raw)
    scale = NEIGHBOUR / _spacing(raw)
    return {n: ((p[0] - cx) * scale, (p[1] - cy) * scale) for n, p in raw.items()}


def _pack(parts: list[dict[str, Point]], lone: list[str]) -> dict[str, Point]:
    """Place the laid-out components in rows, largest first, then the lone nodes on a grid."""
    out: dict[str, Point] = {}
    if not parts and not lone:
        return out
    area = sum((2 * _radius(p) + GAP) ** 2 for p in parts) + len(lone) * GRID * GRID / 2
    width = max([2 * _radius(parts[0]) if parts else 0.0, GRID * 6, math.sqrt(area * ASPECT)])
    x0, y = -width / 2, 0.0
    x, row_height = x0, 0.0
    for part in parts:
        r = _radius(part)
        if x > x0 and x + 2 * r > x0 + width:  # next row
            x, y, row_height = x0, y + row_height + GAP, 0.0
        for n, (px, py) in part.items():
            out[n] = (x + r + px, y + r + py)
        x += 2 * r + GAP
        row_height = max(row_height, 2 * r)
    y = y + row_height + GAP if parts else 0.0
    cols = max(1, int(width // GRID))
    for i, n in enumerate(lone):
        out[n] = (x0 + (i % cols) * GRID, y + (i // cols) * GRID * 0.5)
    return out


def _radius(part: dict[str, Point]) -> float:
    return max(math.hypot(x, y) for x, y in part.values()) + 30.0


def positions(g: nx.MultiDiGraph, seed: int = SEED) -> dict[str, tuple[float, float]]:
    """Pixel positions for every node of *g*, deterministic for a given graph."""
    simple = simple_graph(g)
    comps = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    parts = [component_layout(simple.subgraph(c), seed) for c in comps if len(c) > 1]
    lone = [c[0] for c in comps if len(c) == 1]
    placed = _pack(parts, lone)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in placed.items()}
