"""kg's errors: one base class, carrying the exit status the command line gives a failure of its
kind and a short code that names the kind (``kg query`` exits 2 for an unknown query, 1 for a
graph that cannot be read), so commands map errors to statuses by type, never by their wording.

Exit statuses: 1 a failure (an input, a graph, a server); 2 a usage error (the command line asked
for something that does not exist or cannot be done).
"""

from __future__ import annotations


class KgError(Exception):
    """A failure kg reports to its user; the message says what and what to do."""

    exit_status = 1
    code = "E000"


class UsageError(KgError):
    """The command line asked for something that does not exist or cannot be done."""

    exit_status = 2
    code = "E001"
