"""The graph files (graph.ttl, graph.trig and the other formats asked for) and the view
(graph.html), rendered from a build's statements."""

from __future__ import annotations

import pyoxigraph as ox

from kg.build.background import InBackground
from kg.build.clock import Clock
from kg.build.options import BuildOptions
from kg.rdf.serialize import Statements, serialize_all
from kg.view import overview_html
from kg.view.project import Triples


def rendered_graph(statements: Statements, options: BuildOptions, clock: Clock,
                   kept: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """graph.<format> for each format asked for, and graph.html, by file name; graph files in
    *kept* (by file name, made from these statements: kg.build.reuse) are not rendered again.
    With more than one job the graph files are rendered by another process while this one draws
    the view."""
    rendered: dict[str, bytes] = dict(kept or {})
    formats = tuple(f for f in options.formats if f"graph.{f}" not in rendered)
    background = options.jobs > 1 and options.html and bool(formats)
    files = InBackground(serialize_all, statements, formats) if background else None
    try:
        if files is None:
            with clock("serialisation"):
                graph_files = serialize_all(statements, formats) if formats else {}
        if options.html:
            with clock("view"):
                rendered["graph.html"] = overview_html(view_index(statements)).encode("utf-8")
        if files is not None:
            with clock("waiting for the graph files"):
                graph_files = files.result()
            clock.timings["serialisation"] = files.seconds
    finally:
        if files is not None:
            files.cancel()
    rendered.update((f"graph.{fmt}", data) for fmt, data in graph_files.items())
    return rendered


def view_index(statements: Statements) -> Triples:
    """The union of *statements* in the index the HTML view projects."""
    index = Triples()
    add = index.add
    for q in statements.quads():
        s, o = q.subject, q.object
        add(f"_:{s.value}" if isinstance(s, ox.BlankNode) else s.value, q.predicate.value,
            f"_:{o.value}" if isinstance(o, ox.BlankNode) else o.value)
    return index
