"""Imports every extractor module, so that each registers its extractors (the order they run in is
derived from what they declare, kg.extract.run_order)."""

from kg.extract import (  # noqa: F401
    bodies,
    commendation,
    diplomacy,
    discipline,
    inspections,
    launch,
    lists,
    meetings,
    minutes,
    orgs,
    participation,
    personnel,
    persons,
    places,
    policies,
    relays,
    roles,
    signings,
    tenure,
)
