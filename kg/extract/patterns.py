"""Imports every extractor module; the import order is the order extractors run in."""

from kg.extract import (  # noqa: F401
    bodies,
    commendation,
    diplomacy,
    discipline,
    inspections,
    launch,
    lists,
    meetings,
    orgs,
    places,
    policies,
    relays,
    roles,
    signings,
    tenure,
)
