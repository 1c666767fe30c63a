"""A timeline: the events one person or one body took part in, on a date axis (``kg view
--timeline``). One self-contained HTML page with an inline SVG, no script: events as dots on the
axis, each labelled with its name, date and the part played (主持, 出席, 讲话); labels that would
overlap go to the next lane down. Events with no full date are listed under the axis.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

import networkx as nx

from kg.view.html import FONT

EVENT_KINDS = ("meeting", "event")
WIDTH, MARGIN, LANE, TOP = 1100, 40, 34, 50
CHAR = 13  # px a CJK character takes at the label's size: lanes are chosen with it


@dataclass(frozen=True)
class Entry:
    when: str  # ISO date, or "" when the event has no full date
    label: str
    parts: tuple[str, ...]  # 主持, 出席, 讲话…, as the edges say


def entries(g: nx.MultiDiGraph, centres: list[str]) -> list[Entry]:
    """The events next to *centres* in *g*, with the part the centres played in each."""
    out: dict[str, Entry] = {}
    for centre in centres:
        for a, b, data in list(g.out_edges(centre, data=True)) + list(g.in_edges(centre, data=True)):
            event = b if a == centre else a
            node = g.nodes[event]
            if node.get("kind") not in EVENT_KINDS:
                continue
            when = str(node.get("date") or "")
            when = when if len(when) == 10 and when[4] == "-" else ""
            old = out.get(event)
            parts = tuple(dict.fromkeys((old.parts if old else ()) + (data.get("label", ""),)))
            out[event] = Entry(when, node["label"], tuple(p for p in parts if p))
    return sorted(out.values(), key=lambda e: (e.when or "9999", e.label))


def _x(day: str, first: date, span: int) -> float:
    offset = (date.fromisoformat(day) - first).days
    return MARGIN + (WIDTH - 2 * MARGIN) * (offset / span if span else 0.5)


def _text(e: Entry) -> str:
    return f"{e.when} {e.label}" + (f"（{'、'.join(e.parts)}）" if e.parts else "")


def _span(e: Entry, first: date, span: int) -> tuple[float, float, bool]:
    """Where the label of *e* is drawn: (left, right, anchored at its end) — a label that would
    run past the right edge ends at its dot instead."""
    x = _x(e.when, first, span)
    width = CHAR * len(_text(e))
    return (x - 4 - width, x - 4, True) if x + 4 + width > WIDTH else (x + 4, x + 4 + width, False)


def _lanes(dated: list[Entry], first: date, span: int) -> list[int]:
    """A lane for each label: the first lane where it overlaps no label already there."""
    taken: list[list[tuple[float, float]]] = []
    lanes = []
    for e in dated:
        lo, hi, _ = _span(e, first, span)
        lane = next((i for i, spans in enumerate(taken) if all(hi + 6 < a or lo > b + 6 for a, b in spans)),
                    len(taken))
        if lane == len(taken):
            taken.append([])
        taken[lane].append((lo, hi))
        lanes.append(lane)
    return lanes


def timeline_html(items: list[Entry], title: str) -> str:
    """The page of *items* (:func:`entries`)."""
    dated = [e for e in items if e.when]
    undated = [e for e in items if not e.when]
    esc = html.escape
    svg = ""
    if dated:
        first, last = date.fromisoformat(dated[0].when), date.fromisoformat(dated[-1].when)
        span = (last - first).days
        lanes = _lanes(dated, first, span)
        height = TOP + LANE * (max(lanes) + 1) + 40
        marks = []
        for e, lane in zip(dated, lanes, strict=True):
            x, y = _x(e.when, first, span), TOP + LANE * lane + 24
            lo, hi, at_end = _span(e, first, span)
            parts = f"（{'、'.join(e.parts)}）" if e.parts else ""
            anchor = f'x="{hi:.1f}" text-anchor="end"' if at_end else f'x="{lo:.1f}"'
            marks.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{y - 12}" class="stem"/>'
                         f'<circle cx="{x:.1f}" cy="{TOP}" r="5"/>'
                         f'<text {anchor} y="{y}"><tspan class="day">{esc(e.when)}</tspan> '
                         f'{esc(e.label)}{esc(parts)}</text>')
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
               f'role="img" aria-label="{esc(title)}">'
               f'<line x1="{MARGIN}" y1="{TOP}" x2="{WIDTH - MARGIN}" y2="{TOP}" class="axis"/>'
               f'<text x="{MARGIN}" y="{TOP - 14}" class="end">{esc(dated[0].when)}</text>'
               f'<text x="{WIDTH - MARGIN}" y="{TOP - 14}" class="end" text-anchor="end">{esc(dated[-1].when)}</text>'
               + "".join(marks) + "</svg>")
    rest = "".join(f"<li>{esc(e.label)}{esc('（' + '、'.join(e.parts) + '）' if e.parts else '')}</li>"
                   for e in undated)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{esc(title)}</title>
<style>
body {{ font: 14px/1.5 {FONT}; margin: 24px; color: #1f2328; }}
svg text {{ font-size: 13px; }} .day {{ fill: #57606a; }} .end {{ fill: #57606a; font-size: 12px; }}
.axis {{ stroke: #1f2328; stroke-width: 1.5; }} .stem {{ stroke: #d0d7de; }} circle {{ fill: #0072b2; }}
</style></head><body>
<h1>{esc(title)}</h1>
<p>{len(dated)} 个有日期的活动{f"，{len(undated)} 个无日期" if undated else ""}</p>
{svg or "<p>没有有日期的活动。</p>"}
{f"<h2>无日期</h2><ul>{rest}</ul>" if rest else ""}
</body></html>
"""
