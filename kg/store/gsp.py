"""``kg push``: a build's article graphs to a SPARQL 1.1 server, by the Graph Store HTTP Protocol.

Each article graph is sent to ``ENDPOINT?graph=<article IRI>`` (indirect graph identification) as
N-Triples (Virtuoso mis-reads escaped Turtle names; every server reads N-Triples). ``PUT``
replaces the graph, so pushing again never duplicates anything. A graph larger than
``batch_triples`` goes as a ``PUT`` of its first batch followed by ``POST``s (merge) of the rest,
which keeps request bodies bounded; a failure in the middle leaves that graph reported as
incomplete, and the next push starts it again with a ``PUT``.

Requests go over one keep-alive session. Connection failures, timeouts and 408/425/429/5xx
answers are retried with exponential back-off (``Retry-After`` is honoured); any other refusal
stops the push at once. Either way the report names every graph as written, possibly incomplete
or not written.

Authentication: the credentials of ``kg.store.auth``, in the scheme the server's challenge asks
for. For Digest, a first small request takes the challenge, so every upload goes out already
authenticated: Virtuoso answers 401 while a large unauthenticated body is still being sent and
resets the connection (measured in docs/stack.md), which is why this module uses ``requests``.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox
import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from kg.errors import KgError
from kg.store.auth import Credentials
from kg.store.source import ArticleGraphs

N_TRIPLES = "application/n-triples"
RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0  # seconds: a longer Retry-After is not waited for in full


@dataclass(frozen=True)
class PushOptions:
    batch_triples: int = 50_000  # largest request body, in triples
    retries: int = 4  # further attempts after a failed request
    backoff: float = 0.5  # seconds before the first retry; doubled each time
    timeout: float = 120.0  # seconds to connect, and to wait for each answer


class PushError(KgError, RuntimeError):
    code = "E302"
    """The server refused a request or stopped answering."""

    def __init__(self, message: str, *, maybe_applied: bool = False):
        super().__init__(message)
        self.maybe_applied = maybe_applied  # the request may have reached the server


@dataclass
class PushReport:
    endpoint: str
    graphs: list[str]
    written: list[str] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)  # partly sent, or state unknown
    triples: int = 0
    error: str | None = None

    @property
    def not_written(self) -> list[str]:
        done = set(self.written) | set(self.incomplete)
        return [g for g in self.graphs if g not in done]

    @property
    def ok(self) -> bool:
        return self.error is None


class Anonymous(AuthBase):
    """Sends no credentials (and stops requests from reading ~/.netrc by itself)."""

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        return r


class GraphStoreClient:
    """PUT/POST of N-Triples to one Graph Store endpoint, with auth, retries and back-off."""

    def __init__(self, endpoint: str, credentials: Credentials | None = None,
                 options: PushOptions | None = None, session: requests.Session | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        self.endpoint = endpoint
        self.credentials = credentials
        self.options = options or PushOptions()
        self.session = session or requests.Session()
        # no auth until a challenge asks for it: otherwise requests would send ~/.netrc entries
        # as Basic on its own, which Virtuoso refuses with a 401 that carries no challenge
        self.session.auth = Anonymous()
        self.sleep = sleep
        self._scheme: str | None = None  # the auth scheme in use: "basic", "digest" or None

    def prepare(self, graph: str) -> None:
        """Take the server's challenge up front, so uploads are sent authenticated."""
        if self.credentials is None:
            return
        # a 401 makes _attempts adopt the challenged scheme and ask again, which also primes the
        # Digest nonce; any other answer (even 404 or 501 to a HEAD) is fine here
        response = self._attempts("HEAD", graph, None)
        if response.status_code == 401:
            raise PushError(self._refusal(response, graph))

    def replace(self, graph: str, triples: Sequence[ox.Triple],
                on_batch: Callable[[int], None] | None = None) -> None:
        """Make *graph* on the server hold exactly *triples*."""
        size = max(1, self.options.batch_triples)
        if any(isinstance(term, ox.BlankNode) for t in triples for term in (t.subject, t.object)):
            size = max(size, len(triples))  # a re-sent POST would copy blank nodes
        batches = [triples[i:i + size] for i in range(0, len(triples), size)] or [[]]
        for n, batch in enumerate(batches):
            body = ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES)
            self.send("PUT" if n == 0 else "POST", graph, body)
            if on_batch:
                on_batch(n + 1)

    def send(self, method: str, graph: str, body: bytes) -> None:
        response = self._attempts(method, graph, body)
        if not 200 <= response.status_code < 300:
            raise PushError(self._refusal(response, graph))

    def _attempts(self, method: str, graph: str, body: bytes | None) -> requests.Response:
        """The first answer that is not worth retrying; PushError once retries run out."""
        delay, maybe_applied, adopted = self.options.backoff, False, False
        attempt = 0
        while True:
            wait = delay
            try:
                response = self._request(method, graph, body)
            except requests.RequestException as err:
                maybe_applied |= _maybe_received(err)
                problem = _describe(err)
            else:
                if response.status_code == 401 and not adopted and self._adopt(response):
                    adopted = True  # answer the challenge at once: not a failed attempt
                    continue
                if response.status_code not in RETRY_STATUS:
                    return response
                problem = f"HTTP {response.status_code} {_first_line(response.text)}"
                wait = max(delay, _retry_after(response))
            if attempt >= self.options.retries:
                raise PushError(
                    f"the server at {self.endpoint} stopped answering ({problem}; "
                    f"{attempt + 1} attempt{'s' if attempt else ''})",
                    maybe_applied=maybe_applied and method != "HEAD",
                )
            self.sleep(wait)
            attempt += 1
            delay *= 2

    def _request(self, method: str, graph: str, body: bytes | None) -> requests.Response:
        headers = {"Content-Type": N_TRIPLES} if body is not None else {}
        return self.session.request(method, self.endpoint, params={"graph": graph}, data=body,
                                    headers=headers, timeout=self.options.timeout)

    def _adopt(self, response: requests.Response) -> bool:
        """Switch to the scheme the 401 challenge asks for; False if there is nothing to switch."""
        if self.credentials is None:
            return False
        challenge = response.headers.get("WWW-Authenticate", "").strip().lower()
        scheme = "digest" if challenge.startswith("digest") else "basic"
        if scheme == self._scheme:
            return False
        user, password = self.credentials.user, self.credentials.password
        self.session.auth = (HTTPDigestAuth(user, password) if scheme == "digest"
                             else HTTPBasicAuth(user, password))
        self._scheme = scheme
        return True

    def _refusal(self, response: requests.Response, graph: str) -> str:
        what = f"HTTP {response.status_code} {response.reason}"
        detail = _first_line(response.text)
        message = f"the server at {self.endpoint} refused <{graph}>: {what}"
        if detail:
            message += f": {detail}"
        if response.status_code in (401, 403):
            if self.credentials is None:
                message += (" (no credentials: set KG_PUSH_USER and KG_PUSH_PASSWORD, "
                            "or add the host to ~/.netrc)")
            else:
                message += f" (credentials of user {self.credentials.user!r} from {self.credentials.origin})"
        return message


def push(graphs: ArticleGraphs, client: GraphStoreClient,
         on_graph: Callable[[str, int], None] | None = None) -> PushReport:
    """Send every article graph; on the first fatal error stop and say what was written."""
    names = [g.value for g in graphs.names]
    report = PushReport(client.endpoint, names)
    if not names:
        return report
    try:
        client.prepare(names[0])
    except PushError as err:
        report.error = str(err)
        return report
    for node, name in zip(graphs.names, names, strict=True):
        triples = graphs.triples(node)
        batches_done = 0

        def count(n: int) -> None:
            nonlocal batches_done
            batches_done = n

        try:
            client.replace(name, triples, on_batch=count)
        except PushError as err:
            if batches_done or err.maybe_applied:
                report.incomplete.append(name)
            report.error = str(err)
            return report
        report.written.append(name)
        report.triples += len(triples)
        if on_graph:
            on_graph(name, len(triples))
    return report


def _maybe_received(err: requests.RequestException) -> bool:
    """False only when the request certainly never reached the server (no connection)."""
    if isinstance(err, requests.ConnectTimeout):
        return False
    if isinstance(err, requests.ConnectionError):
        reason = getattr(err.args[0], "reason", None) if err.args else None
        return not (reason is not None and type(reason).__name__ == "NewConnectionError")
    return True


def _describe(err: requests.RequestException) -> str:
    reason = getattr(err.args[0], "reason", None) if err.args else None
    text = str(reason or err)
    if "Connection refused" in text:
        return "connection refused"
    return f"{type(err).__name__}: {_first_line(text)}"


def _first_line(text: str, limit: int = 200) -> str:
    line = next((ln.strip() for ln in (text or "").splitlines() if ln.strip()), "")
    return line[:limit]


def _retry_after(response: requests.Response) -> float:
    value = response.headers.get("Retry-After")
    if not value:
        return 0.0
    if value.strip().isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    return min(max(0.0, when.timestamp() - time.time()), MAX_RETRY_AFTER)
