"""The web reads Vnish and Braiins fall back to when their API port gives nothing: the login
each does when a page refuses (Vnish unlock → Bearer, BOS REST login → Authorization), against a
loopback server that serves the real captured pages only to a logged-in client."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from rig_monitor.core.drivers.base import Session
from rig_monitor.core.drivers.braiins import BraiinsDriver
from rig_monitor.core.drivers.braiins_rest import PREFIX
from rig_monitor.core.drivers.vnish import WEB_SUMMARY, VnishDriver
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind, Identity, Target
from rig_monitor.core.wire.cgminer import CGMinerClient
from rig_monitor.core.wire.http import HttpClient
from tests.core.httpserve import serving
from tests.core.webfleet import FAST

HOST = "127.118.30.1"
CAPTURES = Path(__file__).resolve().parents[2] / "captures"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
    return port


@contextmanager
def guarded_site(
    pages: dict[str, bytes], login_path: str, login_ok: dict[str, Any], token_header: str
) -> Iterator[tuple[int, list[str]]]:
    """Serve ``pages`` only with ``token_header`` set to the token ``login_path`` hands out
    for the JSON body ``login_ok``; everything else is 401 (pages) or 403 (a wrong login)."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            seen.append(f"POST {self.path}")
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
            if self.path == login_path and body == login_ok:
                self._send(200, b'{"token": "tok-1"}')
            else:
                self._send(403, b"{}")

        def do_GET(self) -> None:
            seen.append(f"GET {self.path}")
            if self.headers.get("Authorization") != token_header:
                self._send(401, b"{}")
            elif self.path in pages:
                self._send(200, pages[self.path])
            else:
                self._send(404, b"{}")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    with serving(HOST, Handler) as port:
        yield port, seen


def _fetch(driver: Any, family: str, web_port: int) -> dict[str, Any]:
    async def go() -> dict[str, Any]:
        http = HttpClient(FAST)
        try:
            target = Target(HOST, _closed_port(), web_port=web_port)  # API port closed
            session = Session(
                target, CGMinerClient(HOST, target.port, FAST), Identity(family), http
            )
            result: dict[str, Any] = await driver.fetch(session)
            return result
        finally:
            await http.aclose()

    return asyncio.run(go())


def test_vnish_unlocks_and_reads_the_web_summary() -> None:
    page = (CAPTURES / "vnish/s19jpro-vnish-1.2.0rc3/http/api_v1_summary.json").read_bytes()
    with guarded_site(
        {"/api/v1/summary": page}, "/api/v1/unlock", {"pw": "admin"}, "Bearer tok-1"
    ) as (port, seen):
        replies = _fetch(VnishDriver(), "vnish", port)
    assert replies[WEB_SUMMARY]["miner"]["instant_hashrate"] == 54.478542
    assert seen == ["GET /api/v1/summary", "POST /api/v1/unlock", "GET /api/v1/summary"]


def test_vnish_wrong_password_leaves_the_rpc_error() -> None:
    site = guarded_site({}, "/api/v1/unlock", {"pw": "other"}, "Bearer tok-1")
    with site as (port, _seen), pytest.raises(MinerError) as err:
        _fetch(VnishDriver(), "vnish", port)
    assert err.value.kind is ErrorKind.REFUSED  # neither side read: the API port's error


def test_braiins_logs_in_and_reads_the_rest_pages() -> None:
    folder = CAPTURES / "braiins/s19xp-bos-25.07-rest/http"
    pages = {
        "/api/v1/" + p: (folder / f"api_v1_{p.replace('/', '_')}.json").read_bytes()
        for p in ("miner/details", "miner/stats", "miner/hw/hashboards", "cooling/state", "pools")
    }
    login = {"username": "root", "password": ""}  # BOS's default (credentials.DEFAULTS)
    with guarded_site(pages, "/api/v1/auth/login", login, "tok-1") as (port, seen):
        replies = _fetch(BraiinsDriver(), "braiins", port)
    assert {k for k in replies if k.startswith(PREFIX)} == {PREFIX + p[8:] for p in pages}
    assert seen[0] == "POST /api/v1/auth/login" and len(seen) == 6
