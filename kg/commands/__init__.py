"""Subcommands beyond build and query, one module each; each exposes ``register(subparsers)``."""
