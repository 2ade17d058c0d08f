"""A threaded loopback HTTP server for one test, started and stopped around a ``with``."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def serving(host: str, handler: type[BaseHTTPRequestHandler]) -> Iterator[int]:
    """The port ``handler`` answers on at ``host`` (loopback only)."""
    if not host.startswith("127."):
        raise ValueError("tests serve loopback addresses only")
    server = ThreadingHTTPServer((host, 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
