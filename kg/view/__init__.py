"""Interactive HTML views of a graph (pyvis, vis-network inlined), self-contained and offline.

- :mod:`kg.view.project`: the RDF graph projected onto networkx (people, events, organisations…)
- :mod:`kg.view.filters`: focused views (person, event, kinds, dates) and the node cap
- :mod:`kg.view.layout`: seeded positions for views too large for the browser's physics
- :mod:`kg.view.people`: the people overview (co-participation network, communities)
- :mod:`kg.view.html`: the page (``page.html``, ``page.css``, ``page.js``)
- :mod:`kg.view.stats`: network analytics for ``kg stats``
- :mod:`kg.view.load`: reading a build folder or graph file quickly
"""

from kg.view.html import overview_html, view_html

__all__ = ["overview_html", "view_html"]
