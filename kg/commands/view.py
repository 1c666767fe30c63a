"""``kg view PATH [-o FILE]``: an interactive HTML view of a build, whole or focused.

Examples::

    kg view output/ --person 徐光文            # his meetings, posts and organisations
    kg view output/ --person 徐光文 --radius 2
    kg view output/ --event 莲都区委常委会会议
    kg view output/ --type person,meeting --since 2020-06-01 --until 2020-06-30
    kg view output/ --timeline 徐光文         # his events on a date axis
    kg view output/ --people                  # who takes part in events with whom (communities)
    kg view output/ --people --since 2024-01-01 --until 2024-03-31
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kg.argtypes import iso_date, non_negative_int, positive_int


def _kinds(value: str) -> tuple[str, ...]:
    from kg.view.filters import ViewError, parse_kinds  # here, not at the top: start-up

    try:
        return parse_kinds(value)
    except ViewError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def default_output(path: Path) -> Path:
    """``view.html`` in the build folder, or next to the graph file."""
    return (path if path.is_dir() else path.parent) / "view.html"


def register(subparsers) -> None:
    from kg.view.filters import DEFAULT_MAX_NODES  # here, not at the top: kg starts without networkx (start-up)

    p = subparsers.add_parser(
        "view", help="write an interactive HTML view of a build (whole, or around a person or event)",
        description="Write a self-contained HTML view of a graph (opens offline).")
    p.add_argument("path", type=Path, metavar="PATH", help="build folder or graph file (.ttl, .trig, …)")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="HTML file to write (default: view.html next to the graph)")
    p.add_argument("--person", metavar="NAME", help="show the people named NAME and what is around them")
    p.add_argument("--event", metavar="LABEL", help="show the events named LABEL and what is around them")
    p.add_argument("--radius", type=non_negative_int, default=1, metavar="N",
                   help="steps around --person/--event (default 1)")
    p.add_argument("--type", dest="kinds", type=_kinds, default=(), metavar="KINDS",
                   help="only these kinds, comma-separated: person,meeting,event,organization,"
                        "policy,platform,place,enterprise (or 人物,会议,…)")
    p.add_argument("--since", type=iso_date, metavar="DATE", help="only what is dated on or after DATE")
    p.add_argument("--until", type=iso_date, metavar="DATE", help="only what is dated on or before DATE")
    p.add_argument("--max-nodes", type=positive_int, default=DEFAULT_MAX_NODES, metavar="N",
                   help=f"keep at most N nodes, the most connected (default {DEFAULT_MAX_NODES})")
    p.add_argument("--timeline", metavar="NAME",
                   help="instead of a network: the events the person or body named NAME took part in, "
                        "on a date axis")
    p.add_argument("--people", action="store_true",
                   help="instead of the whole graph: the people who take part in events together "
                        "(linked by the number of shared events), communities coloured, the most "
                        "central labelled; with --since/--until, the events of that period only")
    p.set_defaults(func=run)


def run_timeline(args: argparse.Namespace) -> int:
    # here, not at the top: kg starts without rdflib and networkx (start-up)
    from kg.rdf.serialize import write_atomic
    from kg.view.filters import find_nodes
    from kg.view.load import LoadError, load_triples
    from kg.view.project import to_networkx
    from kg.view.timeline import entries, timeline_html

    try:
        g = to_networkx(load_triples(args.path))
    except LoadError as err:
        print(f"kg view: {err}", file=sys.stderr)
        return 2 if not args.path.exists() else 1
    centres = find_nodes(g, args.timeline, ("person", "organization"))
    if not centres:
        print(f"kg view: no person or organisation named {args.timeline!r} in the graph", file=sys.stderr)
        return 1
    label = g.nodes[centres[0]]["label"]
    out = args.output or default_output(args.path)
    shown = entries(g, centres[:1])
    write_atomic(out, timeline_html(shown, f"{label}：活动时间线").encode("utf-8"))
    print(f"kg view: timeline of {label}, {sum(1 for e in shown if e.when)} dated and "
          f"{sum(1 for e in shown if not e.when)} undated events -> {out}", file=sys.stderr)
    return 0


def run_people(args: argparse.Namespace) -> int:
    # here, not at the top: kg starts without rdflib and networkx (start-up)
    from kg.rdf.serialize import write_atomic
    from kg.view.load import LoadError, load_triples
    from kg.view.people import people_view, render_people
    from kg.view.project import to_networkx

    started = time.perf_counter()
    try:
        g = to_networkx(load_triples(args.path))
    except LoadError as err:
        print(f"kg view: {err}", file=sys.stderr)
        return 2 if not args.path.exists() else 1
    pv = people_view(g, args.since, args.until, args.max_nodes)
    out = args.output or default_output(args.path)
    page = render_people(g, pv, source=str(args.path)).encode("utf-8")
    write_atomic(out, page)
    note = f"; left out {pv.omitted.nodes} people (--max-nodes {args.max_nodes})" if pv.omitted.nodes else ""
    print(f"kg view: {len(pv.graph)} people, {pv.graph.number_of_edges()} links, {len(pv.groups)} communities"
          f"{note} -> {out} ({len(page) // 1024} KiB, {time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    # here, not at the top: kg starts without rdflib and networkx (start-up)
    from kg.rdf.serialize import write_atomic
    from kg.view.filters import ViewError, ViewSpec, make_view
    from kg.view.html import render
    from kg.view.load import LoadError, load_triples
    from kg.view.project import to_networkx

    if args.timeline:
        return run_timeline(args)
    if args.since and args.until and args.since > args.until:
        print(f"kg view: --since {args.since} is after --until {args.until}", file=sys.stderr)
        return 2
    if args.people:
        if args.person or args.event or args.kinds:
            print("kg view: --people shows every person; it takes no --person, --event or --type",
                  file=sys.stderr)
            return 2
        return run_people(args)
    spec = ViewSpec(person=args.person, event=args.event, radius=args.radius, kinds=args.kinds,
                    since=args.since, until=args.until, max_nodes=args.max_nodes)
    out = args.output or default_output(args.path)
    started = time.perf_counter()
    try:
        graph = load_triples(args.path)
        view = make_view(to_networkx(graph), spec)
    except LoadError as err:
        print(f"kg view: {err}", file=sys.stderr)
        return 2 if not args.path.exists() else 1
    except ViewError as err:
        print(f"kg view: {err}", file=sys.stderr)
        return 1
    page = render(view, source=str(args.path)).encode("utf-8")
    write_atomic(out, page)
    g = view.graph
    note = f"; left out {view.omitted.nodes} nodes (--max-nodes {spec.max_nodes})" if view.omitted.nodes else ""
    print(f"kg view: {g.number_of_nodes()} nodes, {g.number_of_edges()} relations{note} -> {out} "
          f"({len(page) // 1024} KiB, {time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0
