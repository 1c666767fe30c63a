"""pyvis rendering: one colour and shape per kind, a legend, evidence in hover text, all
JavaScript inlined and every text escaped."""

from __future__ import annotations

import html
import re

import networkx as nx
from rdflib import Dataset, Graph

from kg.view.project import to_networkx

STYLE = {
    "person": ("#e4572e", "dot", "人物"),
    "meeting": ("#17bebb", "diamond", "会议"),
    "event": ("#76b041", "diamond", "活动"),
    "organization": ("#2e86ab", "square", "机构"),
    "policy": ("#ffc914", "triangle", "政策举措"),
    "platform": ("#a23b72", "star", "平台"),
    "place": ("#8d6a9f", "triangleDown", "地点"),
    "enterprise": ("#f18f01", "box", "企业"),
}
_CDN_TAG = re.compile(r"<(?:link|script)[^>]+(?:https?:)?//[^>]+>\s*(?:</script>)?", re.I)


def _tooltip(data: dict) -> str:
    parts = [f"<b>{html.escape(data['label'])}</b> ({html.escape(STYLE[data['kind']][2])})"]
    if data["aliases"]:
        parts.append("别名：" + html.escape("、".join(data["aliases"])))
    if data["posts"]:
        parts.append("职务：" + html.escape("、".join(data["posts"])))
    if data["date"]:
        parts.append("日期：" + html.escape(data["date"]))
    for title, text in data["evidence"]:
        parts.append(f"“{html.escape(text[:120])}”<br><i>{html.escape(title)}</i>")
    return "<br>".join(parts)


def render(nxg: nx.MultiDiGraph, heading: str = "kg 知识图谱") -> str:
    from pyvis.network import Network

    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line", notebook=False)
    degree = dict(nxg.degree())
    for node, data in sorted(nxg.nodes(data=True)):
        color, shape, _ = STYLE[data["kind"]]
        net.add_node(node, label=data["label"], title=_tooltip(data), color=color, shape=shape,
                     size=10 + 3 * min(degree.get(node, 0), 10), group=data["kind"])
    for s, o, data in sorted(nxg.edges(data=True), key=lambda e: (e[0], e[1], e[2]["label"])):
        net.add_edge(s, o, label=data["label"], title=html.escape(data["label"]), arrows="to")
    net.set_options('{"physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 200}},'
                    ' "edges": {"font": {"size": 10}, "smooth": false}}')
    page = net.generate_html()
    page = _CDN_TAG.sub("", page)
    legend = "".join(
        f'<span style="margin-right:1em"><span style="color:{c}">●</span> {html.escape(n)}</span>'
        for c, _, n in STYLE.values()
    )
    banner = f'<div style="font-family:sans-serif;padding:4px"><b>{html.escape(heading)}</b> {legend}</div>'
    return page.replace("<body>", "<body>\n" + banner, 1)


def overview_html(graph: Dataset | Graph) -> str:
    g = graph
    if isinstance(graph, Dataset):
        g = Graph()
        for quad in graph.quads((None, None, None, None)):
            g.add(quad[:3])
    return render(to_networkx(g))
