"""Where graphs live beyond a build's files.

* ``embedded``: the persistent pyoxigraph store a build keeps in ``<build>/store/``
  (one named graph per article, incremental loading);
* ``query``: the store behind ``kg query --graph <build>/``, answering like rdflib;
* ``params``: binding query parameters without pasting text into queries;
* ``source``: reading a build's article graphs (store, TriG or N-Quads);
* ``gsp``: ``kg push``, the SPARQL 1.1 Graph Store HTTP Protocol client; ``auth`` its credentials;
* ``server``: running the ``oxigraph`` SPARQL server (``kg serve``);
* ``remote``: asking a SPARQL endpoint a query and comparing answers.

See docs/stores.md.
"""

from __future__ import annotations

from kg.store.embedded import STORE_DIRNAME, StoreChange, StoreError, has_store, update_store
from kg.store.query import StoreGraph, open_for_query

__all__ = ["STORE_DIRNAME", "StoreChange", "StoreError", "StoreGraph", "has_store",
           "open_for_query", "update_store"]
