"""Imports every extractor module; the import order is the order extractors run in."""

from kg.extract import orgs, tenure, places, meetings, launch, commendation, policies  # noqa: F401
