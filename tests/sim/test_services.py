"""The simulator's extra services: HTTP on the web port, HTTP on the RPC port, Whatsminer v3 frames.

A throwaway persona exercises the mechanism itself; each family's persona has its own tests.
"""

from __future__ import annotations

import json
import socket
import struct
from collections.abc import Callable, Iterator

import pytest

from rig_monitor.sim import PERSONAS, SimFleet, SimFleetThread
from rig_monitor.sim.hardware import HardwareSpec
from rig_monitor.sim.httpwire import digest_challenge, digest_ok
from rig_monitor.sim.personas.base import HttpReply, Identity, Persona
from rig_monitor.sim.rig import Sample
from rig_monitor.sim.wire import Reply
from tests.sim.rawclient import free_port

BASE = "127.71.{}.0"
_SPEC = HardwareSpec(
    boards=1, chips_per_board=1, fans=1, nominal_ths=1.0, power_w=15, freq_mhz=500,
    fan_rpm=3000, pcb_temp_c=50, chip_delta_c=5,
)  # fmt: skip


class EchoPersona(Persona):
    """rpc + http + v3: echoes what it was asked, so the test sees what the server parsed."""

    id = "echo"

    def hardware(self, model: str | None) -> HardwareSpec:
        return _SPEC

    def identity(self, model: str | None) -> Identity:
        return Identity("Echo", None, "echo", "1", "1")

    def description(self, model: str | None) -> str:
        return "echo 1"

    def services(self, model: str | None) -> frozenset[str]:
        return frozenset({"rpc", "http", "btminer_v3"})

    def reply(
        self, command: str, parameter: str | None, sample: Sample, model: str | None
    ) -> Reply | None:
        return Reply(self.status(1, "echo", model), "ECHO", [{"command": command}])

    def http(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        headers: dict[str, str],
        body: bytes,
        sample: Sample,
        model: str | None,
    ) -> HttpReply | None:
        if path == "/missing":
            return None
        if path == "/secret" and not digest_ok(method, headers, "echo realm", "root", "root"):
            return digest_challenge("echo realm")
        if path == "/kept" and not digest_ok(method, headers, "echo realm", "root", "root"):
            return digest_challenge("echo realm", keep_open=True)  # as the stock Antminer's
        doc = {"method": method, "path": path, "query": query, "body": body.decode(),
               "ua": headers.get("user-agent"), "elapsed": sample.elapsed}  # fmt: skip
        return 200, {"Content-Type": "application/json"}, json.dumps(doc).encode()

    def btminer_v3(
        self, request: dict[str, object], sample: Sample, model: str | None
    ) -> dict[str, object] | None:
        if request.get("cmd") == "silence":
            return None
        return {"code": 0, "when": sample.when, "msg": {"echo": request.get("cmd")}}


@pytest.fixture
def echo(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., SimFleetThread]]:
    monkeypatch.setitem(PERSONAS, "echo", EchoPersona())
    running: list[SimFleetThread] = []
    blocks = iter(range(1, 200))

    def start(count: int = 1, **kw: object) -> SimFleetThread:
        base = BASE.format(next(blocks))
        ip1 = base[:-1] + "1"
        kw.setdefault("web_port", free_port(ip1))
        kw.setdefault("v3_port", free_port(ip1))
        fleet = SimFleet.build(base=base, count=count, port=free_port(ip1), personas=["echo"],
                               **kw)  # type: ignore[arg-type]  # fmt: skip
        thread = SimFleetThread(fleet)
        thread.start()
        running.append(thread)
        return thread

    yield start
    for t in running:
        t.stop()


def http_get(ip: str, port: int, target: str, extra: str = "") -> tuple[int, dict[str, str], bytes]:
    with socket.create_connection((ip, port), timeout=10) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: {ip}\r\n{extra}\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def v3_ask(ip: str, port: int, *requests: dict[str, object]) -> list[object]:
    """Send frames on one connection; read replies until the server closes."""
    with socket.create_connection((ip, port), timeout=10) as s:
        out: list[object] = []
        for req in requests:
            payload = json.dumps(req).encode()
            s.sendall(struct.pack("<I", len(payload)) + payload)
            head = s.recv(4, socket.MSG_WAITALL)
            if len(head) < 4:
                out.append(None)
                break
            (n,) = struct.unpack("<I", head)
            body = b""
            while len(body) < n and (chunk := s.recv(n - len(body))):
                body += chunk
            out.append(json.loads(body))
    return out


def test_http_service_parses_request_and_sets_target_web_port(
    echo: Callable[..., SimFleetThread],
) -> None:
    thread = echo()
    m = thread.fleet.miners[0]
    assert thread.fleet.targets[0].web_port == m.web_port != 80
    status, headers, body = http_get(m.ip, m.web_port, "/api/x%20y?a=1&b=", "User-Agent: t\r\n")
    doc = json.loads(body)
    assert status == 200 and headers["connection"] == "close"
    assert int(headers["content-length"]) == len(body)
    assert doc["path"] == "/api/x y" and doc["query"] == {"a": "1", "b": ""} and doc["ua"] == "t"
    assert http_get(m.ip, m.web_port, "/missing")[0] == 404


def test_http_post_body_is_read_by_content_length(echo: Callable[..., SimFleetThread]) -> None:
    m = echo().fleet.miners[0]
    with socket.create_connection((m.ip, m.web_port), timeout=10) as s:
        s.sendall(b"POST /p HTTP/1.1\r\nContent-Length: 11\r\n\r\nhello")
        s.sendall(b" world")
        data = b"".join(iter(lambda: s.recv(65536), b""))
    assert json.loads(data.partition(b"\r\n\r\n")[2])["body"] == "hello world"


def test_non_http_bytes_get_400_at_once(echo: Callable[..., SimFleetThread]) -> None:
    m = echo().fleet.miners[0]
    with socket.create_connection((m.ip, m.web_port), timeout=10) as s:
        s.sendall(b'{"command":"version"}')
        data = b"".join(iter(lambda: s.recv(65536), b""))
    assert data.startswith(b"HTTP/1.1 400 ")


def test_digest_challenge_then_success_with_httpx(echo: Callable[..., SimFleetThread]) -> None:
    import httpx

    m = echo().fleet.miners[0]
    url = f"http://{m.ip}:{m.web_port}/secret"
    with httpx.Client(trust_env=False) as c:
        first = c.get(url)
        assert first.status_code == 401
        assert 'realm="echo realm"' in first.headers["www-authenticate"]
        assert c.get(url, auth=httpx.DigestAuth("root", "root")).status_code == 200
        assert c.get(url, auth=httpx.DigestAuth("root", "nope")).status_code == 401


def test_v3_frames_several_per_connection_and_none_closes(
    echo: Callable[..., SimFleetThread],
) -> None:
    m = echo().fleet.miners[0]
    replies = v3_ask(m.ip, m.v3_port, {"cmd": "a"}, {"cmd": "b"}, {"cmd": "silence"})
    assert [r["msg"]["echo"] for r in replies[:2]] == ["a", "b"]  # type: ignore[index]
    assert replies[2] is None


def test_offline_closes_every_service_and_reopens_them(echo: Callable[..., SimFleetThread]) -> None:
    thread = echo()
    m = thread.fleet.miners[0]
    thread.inject(m.ip, "offline")
    for port in (m.port, m.web_port, m.v3_port):
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((m.ip, port), timeout=5).close()
    thread.clear(m.ip, "offline")
    assert http_get(m.ip, m.web_port, "/")[0] == 200
    assert v3_ask(m.ip, m.v3_port, {"cmd": "x"})[0] is not None


def test_wire_faults_spoil_http_and_v3(echo: Callable[..., SimFleetThread]) -> None:
    thread = echo()
    m = thread.fleet.miners[0]
    thread.inject(m.ip, "truncated")
    status, headers, body = http_get(m.ip, m.web_port, "/")
    assert status == 200 and "content-length" not in headers
    with pytest.raises(ValueError):
        json.loads(body)
    thread.clear(m.ip)
    thread.inject(m.ip, "garbage")
    with socket.create_connection((m.ip, m.web_port), timeout=10) as s:
        s.sendall(b"GET / HTTP/1.1\r\n\r\n")
        assert not b"".join(iter(lambda: s.recv(65536), b"")).startswith(b"HTTP/")
    thread.clear(m.ip)
    thread.inject(m.ip, "huge")
    status, _, body = http_get(m.ip, m.web_port, "/")
    assert status == 200 and len(body) > 2 * 1024 * 1024 and json.loads(body)["path"] == "/"


def test_hung_http_reads_and_never_answers(echo: Callable[..., SimFleetThread]) -> None:
    thread = echo()
    m = thread.fleet.miners[0]
    thread.inject(m.ip, "hung")
    with socket.create_connection((m.ip, m.web_port), timeout=10) as s:
        s.sendall(b"GET / HTTP/1.1\r\n\r\n")
        s.settimeout(0.5)
        with pytest.raises(TimeoutError):
            s.recv(10)


def test_single_ip_gives_each_service_its_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(PERSONAS, "echo", EchoPersona())
    fleet = SimFleet.build(base="127.71.250.0", count=3, port=41000, single_ip=True,
                           web_port=42000, v3_port=43000, personas=["echo"])  # fmt: skip
    assert [(m.port, m.web_port, m.v3_port) for m in fleet.miners] == [
        (41000 + i, 42000 + i, 43000 + i) for i in range(3)
    ]
    assert [t.web_port for t in fleet.targets] == [42000, 42001, 42002]
    with pytest.raises(ValueError, match="overlap"):
        SimFleet.build(base="127.71.250.0", count=5, port=41000, single_ip=True, web_port=41003,
                       personas=["echo"])  # fmt: skip
    cg = SimFleet.build(base="127.71.250.0", count=1, port=41000, personas=["cgminer"])
    assert cg.targets[0].web_port is None and cg.miners[0].services == {"rpc"}


def _one_reply(s: socket.socket) -> tuple[bytes, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        data += s.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
    while len(body) < length:
        body += s.recv(65536)
    return head, body


def test_a_kept_digest_challenge_leaves_the_connection_open_for_the_answer(
    echo: Callable[..., SimFleetThread],
) -> None:
    m = echo().fleet.miners[0]
    with socket.create_connection((m.ip, m.web_port), timeout=10) as s:
        s.sendall(b"GET /kept HTTP/1.1\r\nHost: x\r\n\r\n")
        head, _ = _one_reply(s)
        assert head.startswith(b"HTTP/1.1 401 ") and b"connection" not in head.lower()
        s.sendall(b"GET /x HTTP/1.1\r\nHost: x\r\n\r\n")  # on the same connection
        rest = b"".join(iter(lambda: s.recv(65536), b""))  # then the server closes it
    assert rest.startswith(b"HTTP/1.1 200 ") and b"\r\nConnection: close\r\n" in rest
    assert json.loads(rest.partition(b"\r\n\r\n")[2])["path"] == "/x"


def test_a_kept_challenge_still_closes_when_the_client_asks(
    echo: Callable[..., SimFleetThread],
) -> None:
    m = echo().fleet.miners[0]
    status, headers, _ = http_get(m.ip, m.web_port, "/kept", "Connection: close\r\n")
    assert status == 401  # http_get reads to EOF: the server closed after the 401
    assert "connection" not in headers
