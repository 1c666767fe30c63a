"""Credentials for a SPARQL server, from the environment or a netrc file, never the command line.

Order: ``KG_PUSH_USER`` and ``KG_PUSH_PASSWORD`` (both, or neither); else the ``machine`` entry
for the endpoint's host in the file named by ``NETRC``, or ``~/.netrc``. The scheme (Basic or
Digest) is the one the server asks for in its challenge (see ``kg.store.gsp``).
"""

from __future__ import annotations

import netrc
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from kg.errors import KgError

ENV_USER = "KG_PUSH_USER"
ENV_PASSWORD = "KG_PUSH_PASSWORD"


class CredentialsError(KgError, ValueError):
    code = "E303"


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str = ""
    origin: str = ""  # where they came from, for messages (never the password itself)

    def __repr__(self) -> str:
        return f"Credentials(user={self.user!r}, origin={self.origin!r})"


def credentials_for(url: str, environ: Mapping[str, str] | None = None) -> Credentials | None:
    """The credentials to use for *url*, or None when none are configured."""
    env = os.environ if environ is None else environ
    user, password = env.get(ENV_USER), env.get(ENV_PASSWORD)
    if user is not None or password is not None:
        if not user or password is None:
            raise CredentialsError(f"set both {ENV_USER} and {ENV_PASSWORD}, or neither")
        return Credentials(user, password, f"{ENV_USER}/{ENV_PASSWORD}")
    return _from_netrc(url, env)


def _from_netrc(url: str, env: Mapping[str, str]) -> Credentials | None:
    host = urlsplit(url).hostname
    explicit = env.get("NETRC")
    path = Path(explicit) if explicit else Path(env.get("HOME") or Path.home()) / ".netrc"
    if not host or not path.is_file():
        return None
    try:
        # Python checks that a default ~/.netrc holding passwords is private to its owner
        entries = netrc.netrc(str(path) if explicit else None)
    except (netrc.NetrcParseError, OSError) as err:
        raise CredentialsError(f"cannot read {path}: {err}") from err
    found = entries.authenticators(host)
    if found is None:
        return None
    login, _account, password = found
    return Credentials(login, password or "", str(path))
