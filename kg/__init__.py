"""kg: knowledge graphs of people, posts, meetings and policies from Chinese local-governance news.

The pipeline flows one way, one package per stage:

    kg.ingest   inputs (newspaper pages, clean articles, JSON Lines) -> Article records
    kg.nlp      segmentation and recognisers                         -> Mention records
    kg.extract  one module per news pattern                          -> Fact records with Evidence
    kg.resolve  canonical names, locality, cross-article merging     -> resolved facts
    kg.rdf      the only package that builds triples                 -> rdflib Dataset
    kg.queries, kg.view, kg.store   what users do with the graph
"""

__version__ = "0.1.0"
