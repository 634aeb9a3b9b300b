"""A stand-in ClinicalTrials.gov API on 127.0.0.1: real sockets, one thread per request.

Each test says how the stand-in answers by giving it a function of (query, handler); the
helpers below send whole answers, drip them a byte at a time, or hang. Nothing here ever
reaches the internet.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).parent / "fixtures" / "ctgov"
Query = dict[str, str]
Answer = Callable[[Query, BaseHTTPRequestHandler], None]


def export_studies() -> list[dict[str, Any]]:
    """The 120 real (trimmed) v2 studies of the export pages, in order."""
    return [
        s
        for n in (1, 2, 3)
        for s in json.loads((FIXTURES / f"export-page-{n}.json").read_text(encoding="utf-8"))[
            "studies"
        ]
    ]


class StandIn:
    """The stand-in server's state: how it answers, what it was asked, when to stop."""

    def __init__(self) -> None:
        self.answer: Answer = lambda query, handler: send_json(handler, {"studies": []})
        self.queries: list[Query] = []
        self.stop = threading.Event()
        self.url = ""


def send(
    handler: BaseHTTPRequestHandler, status: int, body: bytes, kind: str = "application/json"
) -> None:
    """A whole answer at once."""
    handler.send_response(status)
    handler.send_header("Content-Type", kind)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def send_json(handler: BaseHTTPRequestHandler, document: object, status: int = 200) -> None:
    """A JSON answer at once."""
    send(handler, status, json.dumps(document).encode())


def drip(
    handler: BaseHTTPRequestHandler, body: bytes, stop: threading.Event, headers_too: bool = False
) -> None:
    """Send the answer one byte a second (the status line and headers too, if asked)."""
    head = (
        f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    if not headers_too:
        handler.wfile.write(head)
        handler.wfile.flush()
        head = b""
    try:
        for byte in head + body:
            if stop.wait(1.0):
                return
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
    except OSError:  # the client gave up, as it should
        return


def hang(stop: threading.Event) -> None:
    """Accept the request and never answer (until the test ends)."""
    stop.wait(120)


@contextmanager
def stand_in() -> Iterator[StandIn]:
    """Run a stand-in API for the duration of the block; ``.url`` is its base URL."""
    state = StandIn()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            state.queries.append(query)
            if parts.path != "/api/v2/studies":
                return send(self, 404, b"not found", "text/plain")
            state.answer(query, self)
            return None

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            """Quiet: the test output is for test results."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/api/v2"
    try:
        yield state
    finally:
        state.stop.set()
        server.shutdown()
        server.server_close()
        thread.join()
        time.sleep(0.05)
