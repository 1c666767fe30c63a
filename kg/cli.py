"""The ``kg`` command: argparse wired to the commands, one module each in kg/commands/ (each
exposes ``register(subparsers)``, which adds a subparser whose ``func`` runs the command).

Exit status: 0 success; 1 some input failed or a check found problems; 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import signal
import sys

import kg.commands
from kg import __version__

FIRST = ("build", "query")  # listed first in --help, the others follow by name


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="Knowledge graphs from Chinese local-governance news.")
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for register in _commands().values():
        register(sub)
    return p


def _commands() -> dict:
    """Each command's ``register`` function, by name (kg/commands/<name>.py)."""
    names = sorted((m.name for m in pkgutil.iter_modules(kg.commands.__path__)),
                   key=lambda n: (FIRST.index(n) if n in FIRST else len(FIRST), n))
    return {name: importlib.import_module(f"kg.commands.{name}").register for name in names}


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if args.command is None:
        p.print_help()
        return 2
    signal.signal(signal.SIGTERM, _interrupt)  # SIGTERM cleans up like Ctrl-C
    try:
        return args.func(args)
    except KeyboardInterrupt:
        # kg is stopping: a second interrupt (or one held back in a thread until now) must not
        # break into the interpreter's shutdown, which joins the pool's threads
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        print("kg: interrupted; outputs are written only at the end, so nothing was changed", file=sys.stderr)
        return 130
    except BrokenPipeError:  # kg … | head: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
    except OSError as err:
        where = f" {err.filename}" if err.filename else ""
        print(f"kg: cannot write{where}: {err.strerror or err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
