"""Render a view as one self-contained HTML page (pyvis data, vis-network inlined).

pyvis builds the vis-network nodes, edges and options; kg's own page template (``page.html``
next to this module) inlines vis-network's JavaScript and CSS from the pyvis package, kg's CSS
and script, and the data. Nothing is loaded from the network: pyvis's own template links
Bootstrap and tom-select on CDNs even with ``cdn_resources="in_line"`` (pyvis #228/#229), so it
is not used.

Escaping: every text reaches the page either through Jinja's autoescaping (HTML text) or inside
a JSON ``<script type="application/json">`` block with ``<``, ``>`` and ``&`` written as
``\\u003c``…; the page script turns it into DOM nodes with ``textContent`` only, and
vis-network draws labels on a canvas and shows string tooltips with ``innerText``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import networkx as nx
from rdflib import Dataset, Graph

from kg.view.filters import Omitted, View, ViewSpec, make_view, rank
from kg.view.layout import PHYSICS_MAX_NODES, SEED, positions
from kg.view.project import KIND_NAMES, to_networkx

FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
LABEL_PX = (12, 19)  # on-screen label sizes of the least and the best-connected node
LABEL_MAX = 10  # characters of a node label drawn on the canvas; hover and details show it all
EDGE_COLOR = {"color": "#aab2bd", "highlight": "#d55e00", "hover": "#57606a"}
EDGE_FONT = {"size": 13, "face": FONT, "color": "#57606a", "strokeWidth": 3, "strokeColor": "#ffffff",
             "align": "middle"}


@dataclass(frozen=True)
class Style:
    color: str
    shape: str  # a vis-network shape with the label below it, so size can follow degree
    glyph: str  # the legend's symbol for the shape


# One colour and one shape per kind (Okabe–Ito colours, distinguishable with colour blindness).
STYLE: dict[str, Style] = {
    "person": Style("#d55e00", "dot", "●"),
    "meeting": Style("#0072b2", "diamond", "◆"),
    "event": Style("#56b4e9", "triangleDown", "▼"),
    "organization": Style("#009e73", "square", "■"),
    "policy": Style("#e69f00", "triangle", "▲"),
    "platform": Style("#cc79a7", "star", "★"),
    "place": Style("#8c6bb1", "hexagon", "⬢"),
    "enterprise": Style("#8a6d3b", "square", "□"),
}


def _darker(hex_color: str, factor: float = 0.7) -> str:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(round(c * factor) for c in (r, g, b)))


def _node_style(kind: str, degree: int, max_degree: int, large: bool = False) -> dict:
    """Colour, shape, size and label size of a node; size grows with the square root of degree.

    In large views hubs get labels big enough to read with the whole drawing in view (the page
    caps labels on screen when one zooms in) while vis-network hides the small labels until one
    zooms in.
    """
    style = STYLE[kind]
    weight = math.sqrt(degree / max_degree) if max_degree else 0.0
    color = {"background": style.color, "border": _darker(style.color),
             "highlight": {"background": style.color, "border": "#1f2328"},
             "hover": {"background": style.color, "border": "#1f2328"}}
    if kind == "enterprise":  # a hollow square: a kind of organisation, told apart at a glance
        color = {"background": "#ffffff", "border": style.color,
                 "highlight": {"background": "#fff7e6", "border": "#1f2328"},
                 "hover": {"background": "#fff7e6", "border": "#1f2328"}}
    font = {"face": FONT, "color": "#1f2328", "strokeWidth": 4, "strokeColor": "#ffffff"}
    out = {"shape": style.shape, "color": color, "borderWidth": 3 if kind == "enterprise" else 1}
    size, label = ((6 + 40 * weight, 13 + 65 * weight) if large else (9 + 26 * weight, 16 + 8 * weight))
    return {**out, "size": round(size, 1), "font": {**font, "size": round(label)}}


def label_px(degree: float, max_degree: float) -> int:
    """The size of a node's label on screen, in pixels, whatever the zoom: hubs' a little larger.
    (The page draws a label only from the zoom at which it covers no label of a better-ranked
    node; see ``fitLabels`` in page.js.)"""
    if not max_degree:
        return LABEL_PX[0]
    return round(LABEL_PX[0] + (LABEL_PX[1] - LABEL_PX[0]) * math.sqrt(degree / max_degree))


def short_label(label: str, limit: int = LABEL_MAX) -> str:
    """The label drawn on the canvas: long names are cut with an ellipsis.

    >>> short_label("全省新时代文明实践中心暨农村文化礼堂建设工作推进会议")
    '全省新时代文明实践中…'
    """
    label = label.strip() or "?"
    return label if len(label) <= limit else label[:limit] + "…"


def _merged_edges(g: nx.MultiDiGraph) -> list[tuple[str, str, list[dict]]]:
    """One drawn edge per (from, to): parallel relations share it and its label."""
    grouped: dict[tuple[str, str], list[dict]] = {}
    for a, b, data in g.edges(data=True):
        grouped.setdefault((a, b), []).append(data)
    return [(a, b, sorted(rels, key=lambda r: (r["label"], r["detail"])))
            for (a, b), rels in sorted(grouped.items())]


def _edge_label(rels: list[dict]) -> str:
    """The relations an edge stands for; 任职 with the post held (任职 区委书记), so that a person's
    edges to one body say which posts."""
    labels: list[str] = []
    for r in rels:
        label = f"{r['label']} {r['detail']}" if r["rel"] == "tenure" and r["detail"] else r["label"]
        if label not in labels:
            labels.append(label)
    return "、".join(labels)


def _node_label(data: dict) -> str:
    """A node's label as drawn: an event's with its date underneath (the many 国务院常务会议 of a
    corpus are told apart by it)."""
    label = short_label(data["label"])
    date = str(data.get("date") or "")
    return f"{label}\n{date}" if data["kind"] in ("meeting", "event") and date else label


def _edge_title(g: nx.MultiDiGraph, a: str, b: str, rels: list[dict]) -> str:
    head = f"{g.nodes[a]['label']} —{_edge_label(rels)}→ {g.nodes[b]['label']}"
    details = [f"{r['label']}：{r['detail']}" for r in rels if r["detail"]]
    return "\n".join([head, *details])


def _info(data: dict, degree: int) -> dict:
    keys = ("kind", "subtype", "label", "aliases", "posts", "roles", "date", "part_of_day",
            "reported", "evidence", "evidence_count")
    return {**{k: data[k] for k in keys}, "degree": degree}


def network_data(view: View) -> dict:
    """The vis-network nodes, edges and options of *view*, built with pyvis."""
    from pyvis.network import Network  # here: kg stats and kg view --timeline import kg.view without pyvis

    g = view.graph
    large = len(g) > PHYSICS_MAX_NODES
    pos = positions(g, SEED) if large else {}
    degree = dict(g.degree())
    max_degree = max(degree.values(), default=0)
    centres = set(view.centres)
    order = {n: i for i, n in enumerate(rank(g, view.centres))}
    net = Network(directed=True, cdn_resources="in_line", notebook=False)
    for node in sorted(g):
        data = g.nodes[node]
        if large:
            extra = {"x": pos[node][0], "y": pos[node][1]}
        else:  # unconnected nodes stay out of the physics; the page shelves them below
            extra = {} if degree[node] else {"physics": False}
        style = _node_style(data["kind"], degree[node], max_degree, large)
        if node in centres:  # the person or event a focused view is about
            style.update(borderWidth=4, color={**style["color"], "border": "#1f2328"})
        net.add_node(node, label=_node_label(data), kind=data["kind"], legend=data["kind"], rank=order[node],
                     lpx=label_px(degree[node], max_degree), **style, **extra)
    for i, (a, b, rels) in enumerate(_merged_edges(g)):
        net.add_edge(a, b, id=f"e{i}", label=_edge_label(rels), title=_edge_title(g, a, b, rels),
                     rels=sorted({r["rel"] for r in rels}), color=EDGE_COLOR, font=EDGE_FONT)
    # The options bypass pyvis's set_options, which strips the spaces out of font names.
    nodes, edges, _heading, _height, _width, _options_json = net.get_network_data()
    isolated = [n for n in sorted(g) if not degree[n]] if not large else []
    return {"nodes": nodes, "edges": edges, "options": _options(large), "physics": not large,
            "isolated": isolated,
            "info": {n: _info(g.nodes[n], degree[n]) for n in sorted(g)}}


def _options(large: bool) -> dict:
    options: dict = {
        "layout": {"randomSeed": SEED, "improvedLayout": not large},
        "nodes": {"borderWidth": 1, "font": {"face": FONT}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "color": EDGE_COLOR,
            "font": EDGE_FONT,
            "smooth": False,
            "width": 1,
            "selectionWidth": 2,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large,
                        "keyboard": False, "multiselect": False},
    }
    if large:
        options["physics"] = {"enabled": False}
        options["nodes"]["scaling"] = {"label": {"drawThreshold": 6}}
    else:
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -110, "centralGravity": 0.02,
                                 "springLength": 120, "springConstant": 0.05, "damping": 0.6,
                                 "avoidOverlap": 1.0},
            "maxVelocity": 60,
            "minVelocity": 0.8,
            "stabilization": {"enabled": True, "iterations": 600, "updateInterval": 25,
                              "fit": True},
        }
    return options


def _legend(g: nx.MultiDiGraph) -> list[dict]:
    counts = {k: 0 for k in KIND_NAMES}
    for _, kind in g.nodes(data="kind"):
        counts[kind] += 1
    return [{"kind": k, "name": KIND_NAMES[k], "color": STYLE[k].color, "glyph": STYLE[k].glyph,
             "count": counts[k]} for k in KIND_NAMES]


def _relations(g: nx.MultiDiGraph) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for _, _, label in g.edges(data="label"):
        counts[label] = counts.get(label, 0) + 1
    return sorted(counts.items(), key=lambda x: (-x[1], x[0]))


def _script_json(value) -> str:
    """JSON safe to place inside a <script> element: no <, >, & or line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


@cache
def _asset(package: str, path: str) -> str:
    return (files(package) / path).read_text(encoding="utf-8")


def _inline(package: str, path: str) -> str:
    """An asset to place inside <script> or <style>: it must not close the element early."""
    text = _asset(package, path)
    if "</script" in text.lower() or "</style" in text.lower():
        raise ValueError(f"{package}/{path} cannot be inlined: it contains '</script'")
    return text


@cache
def _template():
    from jinja2 import Environment  # a dependency of pyvis, imported with it (see network_data)

    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return env.from_string(_asset("kg.view", "page.html"))


def page(*, title: str, heading: str, data: dict, legend: list[dict], counts: tuple[int, int, int, int],
         relations: list[tuple[str, int]], omitted: Omitted, source: str, legend_title: str = "类型",
         central: tuple[tuple[str, str, str, int], ...] = ()) -> str:
    """The page around *data* (nodes, edges, options, info, hidden…): sidebar and network.

    *counts* are (shown nodes, shown edges, total nodes, total edges); *legend* items have
    ``kind`` (the legend key the nodes carry as ``legend``), ``name``, ``color``, ``glyph``,
    ``count`` and optionally ``note``; *central* lists (node id, label, colour, score)."""
    shown_nodes, shown_edges, total_nodes, total_edges = counts
    return _template().render(
        heading=heading,
        title=title,
        shown_nodes=shown_nodes,
        shown_edges=shown_edges,
        total_nodes=total_nodes,
        total_edges=total_edges,
        legend=legend,
        legend_title=legend_title,
        relations=relations,
        central=central,
        omitted=omitted,
        omitted_kinds=[(KIND_NAMES[k], n) for k, n in omitted.by_kind],
        omitted_top=[(label, KIND_NAMES[k], d) for k, label, d in omitted.top],
        source=source,
        physics=data["physics"],
        vis_css=_inline("pyvis", "templates/lib/vis-9.1.2/vis-network.css"),
        vis_js=_inline("pyvis", "templates/lib/vis-9.1.2/vis-network.min.js"),
        page_css=_inline("kg.view", "page.css"),
        page_js=_inline("kg.view", "page.js"),
        data_json=_script_json(data),
    )


def page_data(data: dict, hidden: tuple[tuple[str, str], ...], source: str | None) -> dict:
    """*data* with what every page's script reads besides the network: left-out names, source, kinds."""
    return {**data, "hidden": [list(x) for x in hidden], "source": source or "<构建目录>",
            "kinds": {k: {"name": KIND_NAMES[k], "color": STYLE[k].color, "glyph": STYLE[k].glyph}
                      for k in KIND_NAMES}}


def render(view: View, source: str | None = None, heading: str = "kg 知识图谱") -> str:
    """The HTML page of *view*. *source* is the graph path shown in the hints for focused views
    (``kg view SOURCE --person …``); without it the hints say ``<构建目录>``."""
    g = view.graph
    data = page_data(network_data(view), view.hidden_names, source)
    return page(title=view.title, heading=heading, data=data, legend=_legend(g),
                counts=(g.number_of_nodes(), g.number_of_edges(), view.total_nodes, view.total_edges),
                relations=_relations(g), omitted=view.omitted, source=data["source"])


def view_html(graph: Dataset | Graph, spec: ViewSpec | None = None,
              source: str | None = None) -> str:
    """Project *graph*, apply *spec* (default: the overview) and render the page."""
    return render(make_view(to_networkx(graph), spec or ViewSpec()), source=source)


def overview_html(graph: Dataset | Graph) -> str:
    """The build's ``graph.html``: the whole graph, or its best-connected part when it is large."""
    return view_html(graph)


__all__ = ["STYLE", "network_data", "overview_html", "page", "page_data", "render", "view_html"]
