"""Imports every extractor module; the import order is the order extractors run in."""

from kg.extract import bodies, commendation, launch, meetings, orgs, places, policies, tenure  # noqa: F401
