"""Interactive HTML views of a graph (pyvis), self-contained and offline."""

from kg.view.html import overview_html

__all__ = ["overview_html"]
