"""`serve(policy)`: a Python callable as a prediction service that runs and experiments can call.

The world calls it over HTTP like any team's service, with the same deadlines and outcome
accounting (a slow answer is a timeout, a 500 an http-error, a wrong answer malformed).
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

import numpy as np

from .errors import PolicyError

# Endpoints whose contract is plain text, comma-separated ids (movies' `recommend`, toy's
# `suggest`); every other endpoint (slate/v1's `slate`, the media domains') answers JSON.
TEXT_ENDPOINTS = frozenset({"recommend", "suggest"})


class Service:
    """A running service: `url` goes into an arm's `predictor` (or `prodsim.run(predictor=)`).
    `requests` counts the requests served; `errors` holds what went wrong with the policy."""

    def __init__(self, policy, host, port, on_error):
        if not callable(policy):
            raise TypeError("serve() takes a callable policy: request dict in, list of item ids out; got %r" % (policy,))
        if on_error not in ("raise", "outcome"):
            raise ValueError("on_error is 'raise' (stop the run with PolicyError) or 'outcome' (the world counts a failure), got %r" % (on_error,))
        self.policy = policy
        self.on_error = on_error
        self.requests = 0
        self.errors = []
        self._lock = threading.Lock()
        self._listeners = []
        self._server = _QuietServer((host, port), _handler_for(self))
        self.url = "http://%s:%d" % (host, self._server.server_address[1])
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="prodsim-serve", daemon=True)
        self._thread.start()

    def on_failure(self, listener):
        """Calls `listener(error)` at each failure of the policy (under on_error='raise'); the
        driving call uses it to stop the CLI at once rather than run on with a broken policy."""
        self._listeners.append(listener)

    def remove_listener(self, listener):
        if listener in self._listeners:
            self._listeners.remove(listener)

    def close(self):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return "<prodsim Service %s, %d requests, %d errors>" % (self.url, self.requests, len(self.errors))

    def answer(self, endpoint, request):
        """(status, content type, body) for one request."""
        with self._lock:
            self.requests += 1
            try:
                result = self.policy(request)
            except Exception as error:  # the policy's own fault: a 500, as from any service
                failure = PolicyError("the policy raised %s: %s (request %s)" % (type(error).__name__, error, request))
                failure.__cause__ = error
                return self._failed(failure, 500, "policy raised %s: %s" % (type(error).__name__, error))
            ids = _ids(result)
            if ids is None:
                failure = PolicyError("the policy returned %s for request %s; expected a list of item ids" % (_clip(repr(result)), request))
                if self.on_error == "outcome":
                    # Sent as it is, so the world judges it like any service's wrong answer.
                    self.errors.append(failure)
                    return 200, "application/json", _dumps(result)
                return self._failed(failure, 500, str(failure))
        if isinstance(ids, str):
            return 200, "text/plain", ids
        if endpoint in TEXT_ENDPOINTS:
            return 200, "text/plain", ",".join(str(i) for i in ids)
        return 200, "application/json", json.dumps(ids)

    def _failed(self, failure, status, text):
        self.errors.append(failure)
        if self.on_error == "raise":
            for listener in list(self._listeners):
                listener(failure)
        return status, "text/plain", text


def serve(policy, *, host="127.0.0.1", port=0, on_error="raise"):
    """Starts a local HTTP service answering the world's prediction requests with `policy`.

    `policy(request)` gets a dict: `endpoint` (e.g. "recommend", "slate"), `user` (the id from the
    path, an int when it is a number) and the query's fields (slate/v1: `k`, `step`), and returns
    a list of item ids, best first (movies: movie ids; slate: item indices), or a string sent
    as it is. Calls are serialised, so a policy may keep state without locks.

    on_error="raise" (default): the first exception or non-list answer answers that request with
    a 500 and makes the run or experiment that uses the service stop and raise PolicyError.
    on_error="outcome": the world counts it like any faulty service's answer and runs on.
    Use as a context manager, or call `close()`.
    """
    return Service(policy, host, port, on_error)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # The world's client drops connections whose answer came past the deadline, and at the
        # end of a run: normal for a service, not worth a traceback.
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


def _handler_for(service):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: the world's client reuses connections
        # Headers and body go out in separate writes: without this, Nagle's algorithm and the
        # client's delayed ACK hold every answer ~40 ms, past slate/v1's 50 ms deadline.
        disable_nagle_algorithm = True

        def do_GET(self):
            self._serve(None)

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
            self._serve(body)

        def _serve(self, body):
            parts = urlsplit(self.path)
            segments = [unquote(s) for s in parts.path.split("/") if s]
            endpoint = segments[0] if segments else ""
            request = {"endpoint": endpoint}
            if len(segments) > 1:
                request["user"] = int(segments[1]) if segments[1].isdigit() else segments[1]
            for key, value in parse_qsl(parts.query):
                request[key] = int(value) if value.lstrip("-").isdigit() else value
            if body:
                try:
                    request["body"] = json.loads(body)
                except ValueError:
                    request["body"] = body
            status, content_type, text = service.answer(endpoint, request)
            data = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):  # no line per request on stderr
            pass

    return Handler


def _ids(result):
    """The answer as a list of ids (or a string as it is); None when it is not one."""
    if isinstance(result, str):
        return result
    if isinstance(result, np.ndarray):
        if result.ndim != 1 or not (np.issubdtype(result.dtype, np.integer) or result.dtype.kind in "US"):
            return None
        return result.tolist()
    if not isinstance(result, (list, tuple)):
        return None
    out = []
    for item in result:
        if isinstance(item, (bool, np.bool_)):
            return None
        if isinstance(item, (int, np.integer)):
            out.append(int(item))
        elif isinstance(item, str):
            out.append(item)
        else:
            return None
    return out


def _dumps(value):
    try:
        return json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)


def _clip(text, n=80):
    return text if len(text) <= n else text[: n - 3] + "..."
