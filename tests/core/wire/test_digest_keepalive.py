"""A Digest login answers its 401 on the same connection when the server keeps it open (the
stock Antminer web UI's lighttpd did on a real S19j Pro: pyasic issue #243 printed its 401
headers, no ``Connection: close``), and on a new one when the server closes it, said or unsaid. The servers here are the
standard library's ``http.server`` (HTTP/1.1 keep-alive or HTTP/1.0), not our own code."""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind
from rig_monitor.core.wire.cgminer import Limits
from rig_monitor.core.wire.http import HttpClient, digest

REALM = "antMiner Configuration"
NONCE = "6748e6e0c3a41da3"
PATH = "/cgi-bin/get_system_info.cgi"


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.connections = 0
        self.requests: list[
            tuple[int, str, str]
        ] = []  # (connection no., Authorization, Connection)

    def process_request(self, request: object, client_address: object) -> None:
        self.connections += 1
        super().process_request(request, client_address)  # type: ignore[arg-type]


class KeepAlive(BaseHTTPRequestHandler):
    """HTTP/1.1: the connection stays open unless the client asks to close it (as lighttpd)."""

    protocol_version = "HTTP/1.1"
    close_after_401 = False  # close without saying so (a server that changed its mind)
    password = "root"

    def log_message(self, *args: object) -> None:
        pass

    def setup(self) -> None:
        super().setup()
        self.conn_no = self.server.connections  # type: ignore[attr-defined]

    def do_GET(self) -> None:
        auth = self.headers.get("Authorization", "")
        self.server.requests.append(  # type: ignore[attr-defined]
            (self.conn_no, auth, self.headers.get("Connection", ""))
        )
        if not self._valid(auth):
            body = b"<html>401</html>"
            self.send_response(401)
            self.send_header(
                "WWW-Authenticate", f'Digest realm="{REALM}", nonce="{NONCE}", qop="auth"'
            )
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            if self.close_after_401:
                self.wfile.flush()
                self.close_connection = True
            return
        body = b'{"minertype":"Antminer S21","macaddr":"02:11:22:33:44:55"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _valid(self, auth: str) -> bool:
        if not auth.startswith("Digest "):
            return False
        fields = dict(part.strip().split("=", 1) for part in auth[7:].split(",") if "=" in part)
        f = {k: v.strip('"') for k, v in fields.items()}
        ha1 = _md5(f"{f['username']}:{REALM}:{self.password}")
        ha2 = _md5(f"GET:{f['uri']}")
        return f["response"] == _md5(f"{ha1}:{NONCE}:{f['nc']}:{f['cnonce']}:{f['qop']}:{ha2}")


class ClosesAfter401(KeepAlive):
    close_after_401 = True


class Http10(KeepAlive):
    protocol_version = "HTTP/1.0"  # closes after every reply and says so by its version


class OtherPassword(KeepAlive):
    password = "owner-changed-it"


@pytest.fixture
def serve() -> Iterator[object]:
    servers: list[Server] = []

    def start(handler: type[BaseHTTPRequestHandler]) -> Server:
        httpd = Server(handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return httpd

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


def login(httpd: Server, password: str = "root") -> object:
    url = f"http://127.0.0.1:{httpd.server_address[1]}{PATH}"

    async def go() -> object:
        client = HttpClient(Limits(1.0, 2.0, max_bytes=64 * 1024))
        try:
            return await client.get(url, auth=digest("root", password))
        except MinerError as exc:
            return exc
        finally:
            await client.aclose()

    return asyncio.run(go())


def test_the_answer_goes_on_the_challenges_connection_when_it_stays_open(serve) -> None:  # type: ignore[no-untyped-def]
    httpd = serve(KeepAlive)
    reply = login(httpd)
    assert getattr(reply, "status", None) == 200
    assert reply.json()["minertype"] == "Antminer S21"  # type: ignore[attr-defined]
    assert reply.realm == REALM  # type: ignore[attr-defined]
    assert httpd.connections == 1
    (c1, a1, k1), (c2, a2, k2) = httpd.requests
    assert c1 == c2 == 1 and not a1 and a2.startswith("Digest ")
    assert k1.lower() != "close" and k2.lower() == "close"  # the last request closes it


@pytest.mark.parametrize("handler", [ClosesAfter401, Http10])
def test_a_server_that_closes_after_the_challenge_gets_the_answer_on_a_new_connection(
    serve,
    handler: type[BaseHTTPRequestHandler],  # type: ignore[no-untyped-def]
) -> None:
    httpd = serve(handler)
    reply = login(httpd)
    assert getattr(reply, "status", None) == 200
    assert httpd.connections == 2
    assert [c for c, _, _ in httpd.requests] == [1, 2]


def test_a_rejected_password_on_a_kept_connection_is_auth_failed(serve) -> None:  # type: ignore[no-untyped-def]
    httpd = serve(OtherPassword)
    reply = login(httpd)
    assert isinstance(reply, MinerError) and reply.kind is ErrorKind.AUTH_FAILED
    assert httpd.connections == 1 and len(httpd.requests) == 2
