"""Loopback stand-ins for the services channels talk to: a webhook receiver and the Telegram
bot API (same paths and reply shapes as api.telegram.org's documented sendMessage), each a real
HTTP server on 127.0.0.1 in a thread."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Receiver:
    """What the stand-in got, and how it should answer next."""

    statuses: list[int] = field(default_factory=list)  # consumed one per request; then 200
    hang: threading.Event | None = None  # while unset, requests hang (set it to release them)
    hanging: threading.Event = field(default_factory=threading.Event)  # a request is held now
    token: str = "123:good"  # Telegram: the only token accepted
    requests: list[tuple[str, Any]] = field(default_factory=list)
    got: threading.Condition = field(default_factory=threading.Condition)
    url: str = ""

    def wait_for(self, n: int, timeout: float = 10.0) -> bool:
        with self.got:
            return self.got.wait_for(lambda: len(self.requests) >= n, timeout)


@contextmanager
def serve(receiver: Receiver, *, telegram: bool = False) -> Iterator[Receiver]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            if receiver.hang is not None and not receiver.hang.is_set():
                receiver.hanging.set()
                receiver.hang.wait(30)
            try:
                body = json.loads(raw or b"null")
            except ValueError:
                body = raw.decode("utf-8", "replace")
            with receiver.got:
                receiver.requests.append((self.path, body))
                receiver.got.notify_all()
            status = receiver.statuses.pop(0) if receiver.statuses else 200
            reply: dict[str, Any] = {"ok": status == 200}
            if telegram:
                if self.path != f"/bot{receiver.token}/sendMessage":
                    status, reply = (
                        401,
                        {"ok": False, "error_code": 401, "description": "Unauthorized"},
                    )
                else:
                    reply = {"ok": True, "result": {"message_id": len(receiver.requests)}}
            data = json.dumps(reply).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_port}"
    try:
        yield receiver
    finally:
        if receiver.hang is not None:
            receiver.hang.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
