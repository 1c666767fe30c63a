"""Every kg subcommand, one module each; each exposes ``register(subparsers)``, which adds a
subparser whose ``func`` runs the command (kg.cli wires them to argparse)."""
