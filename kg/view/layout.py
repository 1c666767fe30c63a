"""Node positions computed in Python for views too large for the browser's physics.

vis-network's physics needs tens of seconds to settle a few hundred nodes and minutes for
thousands (docs/stack.md §4), so above :data:`PHYSICS_MAX_NODES` a view is laid out here with a
seeded force layout (Fruchterman–Reingold in numpy, leaves placed around their hubs) and drawn
with physics off: same graph, same picture.

Each connected component is laid out on its own, with a size that grows with the square root of
its node count, and the components are packed in rows under the largest one; unconnected nodes
come last, on a grid. (A force layout of a disconnected graph pushes small components to the
rim and squeezes the big one into the middle.)
"""

from __future__ import annotations

import math

import networkx as nx

PHYSICS_MAX_NODES = 150
SEED = 7
NEIGHBOUR = 45.0  # pixels from a node to its nearest neighbour, typically
ASPECT = 1.5  # width / height of the packed drawing (a laptop screen, less the sidebar)
GRID = 150.0  # pixels between unconnected nodes (room for a label)
GAP = 120.0  # pixels between packed components
ITERATIONS = 70

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


def _fold_leaves(g: nx.Graph) -> tuple[nx.Graph, dict[str, list[str]]]:
    """The graph without its leaves (nodes with one neighbour), and the leaves of each node left.

    A corpus view is mostly leaves around hubs (a meeting's attendees seen nowhere else); they are
    placed around their hub afterwards, so the force layout runs on a third fewer nodes."""
    leaves: dict[str, list[str]] = {}
    for n in sorted(g):
        if g.degree(n) == 1:
            (hub,) = g[n]
            if g.degree(hub) > 1:
                leaves.setdefault(hub, []).append(n)
    folded = {leaf for group in leaves.values() for leaf in group}
    return g.subgraph(n for n in g if n not in folded), leaves


def _force(g: nx.Graph, mass: dict[str, int], seed: int, iterations: int = ITERATIONS) -> dict[str, Point]:
    """A seeded Fruchterman–Reingold layout of one connected graph, in numpy (float32).

    Repulsion between all pairs is written as matrix products (no n×n×2 array), scaled by the
    nodes' masses (1 + their folded leaves, so that a hub keeps room for them); attraction acts
    along the edges only. 1,200 nodes take about a second, where networkx's ForceAtlas2 took
    28 s for the 1,900 of a 2,000-node view (its spring layout needs scipy from 500 nodes on).
    """
    import numpy as np  # here: kg starts without numpy (start-up)

    nodes = sorted(g)
    index = {n: i for i, n in enumerate(nodes)}
    edges = np.array([(index[a], index[b]) for a, b in g.edges()], dtype=np.int64).reshape(-1, 2)
    weight = np.array([w for _, _, w in g.edges(data="weight", default=1)], dtype=np.float32)
    weight = 1.0 + np.log(weight)  # a pair seen at ten events is pulled closer, not ten times as hard
    m = np.sqrt(np.array([mass.get(n, 1) for n in nodes], dtype=np.float32))
    pos = np.random.default_rng(seed).random((len(nodes), 2), dtype=np.float32)
    k = np.float32(1.0 / math.sqrt(len(nodes)))
    step = np.float32(0.1)
    inv, dy = np.empty((len(nodes), len(nodes)), np.float32), np.empty((len(nodes), len(nodes)), np.float32)
    weighted = np.empty((len(nodes), 3), np.float32)
    weighted[:, 0] = m
    for _ in range(iterations):  # in place: new n×n arrays each round cost more than the arithmetic
        np.subtract(pos[:, 0, None], pos[None, :, 0], out=inv)
        np.subtract(pos[:, 1, None], pos[None, :, 1], out=dy)
        np.multiply(inv, inv, out=inv)
        np.multiply(dy, dy, out=dy)
        inv += dy
        inv += np.float32(1e-6)
        np.divide(k * k, inv, out=inv)  # k²/d²: the repulsion along (dx, dy) has length k²/d
        np.multiply(m[:, None], pos, out=weighted[:, 1:])
        sums = inv @ weighted  # one pass over the n×n array: Σ m_j/d², Σ m_j p_j/d²
        disp = (pos * sums[:, :1] - sums[:, 1:]) * m[:, None]
        delta = pos[edges[:, 0]] - pos[edges[:, 1]]
        pull = delta * (np.linalg.norm(delta, axis=1) * weight / k)[:, None]  # d²/k along the edge
        np.subtract.at(disp, edges[:, 0], pull)
        np.add.at(disp, edges[:, 1], pull)
        length = np.maximum(np.linalg.norm(disp, axis=1), np.float32(1e-4))
        pos += disp * (np.minimum(length, step) / length)[:, None]
        step -= np.float32(0.1 / (iterations + 1))  # cooling
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, pos, strict=True)}


def _place_leaves(raw: dict[str, Point], leaves: dict[str, list[str]], unit: float) -> dict[str, Point]:
    """Each hub's leaves on rings around it, the first ring facing away from the hub's other
    neighbours (*unit*: the layout's distance between linked nodes)."""
    out = dict(raw)
    cx = sum(p[0] for p in raw.values()) / len(raw)
    cy = sum(p[1] for p in raw.values()) / len(raw)
    gap = 0.45 * unit
    for hub, group in leaves.items():
        hx, hy = raw[hub]
        away = math.atan2(hy - cy, hx - cx) if (hx, hy) != (cx, cy) else 0.0
        placed, ring = 0, 1
        while placed < len(group):
            radius = (0.55 + 0.45 * (ring - 1)) * unit
            room = max(1, int(2 * math.pi * radius / gap))
            count = min(room, len(group) - placed)
            spread = min(2 * math.pi, count * gap / radius)
            for i in range(count):
                angle = away + spread * ((i + 0.5) / count - 0.5)
                out[group[placed + i]] = (hx + radius * math.cos(angle), hy + radius * math.sin(angle))
            placed += count
            ring += 1
    return out


def _raw_positions(g: nx.Graph, seed: int) -> dict[str, Point]:
    core, leaves = _fold_leaves(g)
    if len(core) == 1:
        raw, unit = {next(iter(core)): (0.0, 0.0)}, 1.0
    else:
        mass = {hub: 1 + len(group) for hub, group in leaves.items()}
        raw, unit = _force(core, mass, seed), 1.0 / math.sqrt(len(core))
    return _place_leaves(raw, leaves, unit)


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


def positions(g: nx.MultiDiGraph | nx.Graph, seed: int = SEED) -> dict[str, tuple[float, float]]:
    """Pixel positions for every node of *g*, deterministic for a given graph (a simple graph's
    ``weight`` pulls linked nodes closer)."""
    simple = simple_graph(g) if g.is_multigraph() else g
    comps = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    parts = [component_layout(simple.subgraph(c), seed) for c in comps if len(c) > 1]
    lone = [c[0] for c in comps if len(c) == 1]
    placed = _pack(parts, lone)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in placed.items()}
