"""The plain RPC service's short path (server._PlainRpc) answers with exactly the bytes the miner
renders, and hands everything it does not serve itself to the stream path: requests in pieces,
bad JSON, faults, replies larger than the socket's buffer, a benchmark's wrapped reader."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

import pytest

from rig_monitor.sim import PERSONAS, SimFleetThread
from rig_monitor.sim import server as server_mod
from rig_monitor.sim.miner import SimMiner
from rig_monitor.sim.server import Listener
from tests.sim.conftest import next_base
from tests.sim.rawclient import ask, free_port

NOW = 1_700_000_000.0  # a fixed clock: every reply of a miner shows the same sample
REQUESTS = [
    b'{"command":"version+devdetails+summary+stats+pools"}',
    b'{"command":"version+summary+stats+pools"}',
    b'{"command":"summary"}',
    b'{"command": "devdetails"}',
    b"summary",
    b"pools|0",
    b'{"command":"estats"}',
    b'{"command":"nosuchcommand"}',
    b'{"command":"addpool","parameter":"x"}',  # privileged: Access denied
]
PLAIN = sorted(
    p
    for p, persona in PERSONAS.items()
    if "rpc" in persona.services(None) and not persona.rpc_speaks_http(None)
)


def _clock() -> float:
    return NOW


def _miners(personas: list[str]) -> list[SimMiner]:
    base = next_base()
    ip0 = base[:-1] + "1"
    port, web = free_port(ip0), free_port(ip0)
    return [
        SimMiner(
            f"{base[:-1]}{i + 1}", port, p, seed=i, clock=_clock, start=NOW - 3600, web_port=web
        )
        for i, p in enumerate(personas)
    ]


def _to_eof(sock: socket.socket) -> bytes:
    return b"".join(iter(lambda: sock.recv(65536), b""))


def _count_calls(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    calls: list[int] = []
    original = getattr(Listener, name)

    def counted(self: Listener, *args: object) -> None:
        calls.append(1)
        original(self, *args)

    monkeypatch.setattr(Listener, name, counted)
    return calls


def test_plain_personas_exist() -> None:
    assert {"antminer", "cgminer", "whatsminer", "avalon", "luxos"} <= set(PLAIN)


def test_every_persona_replies_over_the_short_path_what_it_renders(
    serve_miners: Callable[[list[SimMiner]], SimFleetThread], monkeypatch: pytest.MonkeyPatch
) -> None:
    handed = _count_calls(monkeypatch, "to_stream")
    miners = _miners(PLAIN)
    thread = serve_miners(miners)
    for m in miners:
        for request in REQUESTS:
            got = ask(m.ip, m.port, request)
            want = thread.call(lambda m=m, r=request: m.handle(r))  # type: ignore[misc]
            assert got == want, (m.label, request)
    assert handed == []  # every one of them took the short path


def test_a_request_in_pieces_gets_the_same_bytes_on_the_stream_path(
    serve_miners: Callable[[list[SimMiner]], SimFleetThread], monkeypatch: pytest.MonkeyPatch
) -> None:
    handed = _count_calls(monkeypatch, "to_stream")
    miners = _miners(["antminer", "whatsminer", "avalon"])
    thread = serve_miners(miners)
    request = b'{"command":"version+summary+stats+pools"}'
    for m in miners:
        with socket.create_connection((m.ip, m.port), timeout=10) as sock:
            sock.sendall(request[:15])
            time.sleep(0.1)  # the first piece is read alone (within REQUEST_GAP_S of the rest)
            sock.sendall(request[15:])
            got = _to_eof(sock)
        assert got == thread.call(lambda m=m: m.handle(request))  # type: ignore[misc]
    assert len(handed) == len(miners)


def test_bad_json_is_answered_after_the_pause_as_before(
    serve_miners: Callable[[list[SimMiner]], SimFleetThread],
) -> None:
    (m,) = _miners(["cgminer"])
    thread = serve_miners([m])
    got = ask(m.ip, m.port, b'{"command":')
    assert got == thread.call(lambda: m.handle(b'{"command":'))
    assert b'"Code":23' in got and b"Invalid JSON" in got


def test_probe_then_late_request_then_faults(
    serve_miners: Callable[[list[SimMiner]], SimFleetThread], monkeypatch: pytest.MonkeyPatch
) -> None:
    handed = _count_calls(monkeypatch, "to_stream")
    (m,) = _miners(["antminer"])
    thread = serve_miners([m])
    socket.create_connection((m.ip, m.port), timeout=10).close()  # a port probe
    with socket.create_connection((m.ip, m.port), timeout=10) as sock:
        time.sleep(0.2)  # connected, asking later: the short path waits for the socket
        sock.sendall(b'{"command":"summary"}')
        got = _to_eof(sock)
    assert got == thread.call(lambda: m.handle(b'{"command":"summary"}'))
    assert handed == []
    thread.inject(m.ip, "truncated", m.port)
    want = thread.call(lambda: m.handle(b"summary"))
    assert ask(m.ip, m.port, b"summary") == want
    assert not want.endswith(b"\x00")
    assert len(handed) == 1  # a faulty miner is served on the stream path
    thread.clear(m.ip, None, m.port)
    thread.inject(m.ip, "offline", m.port)
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((m.ip, m.port), timeout=10)
    thread.clear(m.ip, None, m.port)
    assert ask(m.ip, m.port, b"summary") == thread.call(lambda: m.handle(b"summary"))
    assert len(handed) == 1


def test_a_reply_larger_than_the_socket_buffer_arrives_whole(
    serve_miners: Callable[[list[SimMiner]], SimFleetThread], monkeypatch: pytest.MonkeyPatch
) -> None:
    rests = _count_calls(monkeypatch, "send_rest")
    (m,) = _miners(["avalon"])
    thread = serve_miners([m])
    plain = thread.fleet._listeners[0]._server
    assert isinstance(plain, server_mod._PlainRpc)
    plain._sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1024)  # accepted sockets inherit
    request = b'{"command":"version+devdetails+summary+stats+pools"}'
    want = thread.call(lambda: m.handle(request))
    assert len(want) > 8000
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
        sock.settimeout(10)
        sock.connect((m.ip, m.port))
        sock.sendall(request)
        time.sleep(0.2)  # nothing read yet: the server's send fills both buffers and stops
        got = _to_eof(sock)
    assert got == want
    assert rests == [1]


def test_an_unanswered_connection_is_closed_after_the_read_timeout(
    serve_miners: Callable[[list[SimMiner]], SimFleetThread], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server_mod, "READ_TIMEOUT_S", 0.2)
    (m,) = _miners(["cgminer"])
    serve_miners([m])
    with socket.create_connection((m.ip, m.port), timeout=10) as sock:
        assert sock.recv(100) == b""  # closed by the server, not by our 10 s timeout


@pytest.mark.parametrize("offline_first", [False, True])
def test_stopping_the_fleet_closes_connections_still_waiting_for_their_request(
    serve_miners: Callable[[list[SimMiner]], SimFleetThread], offline_first: bool
) -> None:
    """Also when the miner went offline meanwhile (its listening socket closed before)."""
    (m,) = _miners(["cgminer"])
    thread = serve_miners([m])
    with socket.create_connection((m.ip, m.port), timeout=10) as sock:
        time.sleep(0.1)  # accepted and waiting
        if offline_first:
            thread.inject(m.ip, "offline", m.port)
        thread.stop()
        assert sock.recv(100) == b""


def test_a_wrapped_reader_sees_every_request(
    serve_miners: Callable[[list[SimMiner]], SimFleetThread], monkeypatch: pytest.MonkeyPatch
) -> None:
    """benchmarks._simserver's hang-after-identification wraps ``read_request``: the short path
    steps aside so that wrapper still sees each request."""
    seen: list[bytes] = []
    original = server_mod.read_request

    async def wrapped(reader: object) -> bytes:
        data = await original(reader)  # type: ignore[arg-type]
        seen.append(data)
        return data

    monkeypatch.setattr(server_mod, "read_request", wrapped)
    (m,) = _miners(["antminer"])
    thread = serve_miners([m])
    assert ask(m.ip, m.port, b"summary") == thread.call(lambda: m.handle(b"summary"))
    assert seen == [b"summary"]


def test_a_loop_without_add_reader_serves_every_request_on_the_stream_path(
    serve_miners: Callable[[list[SimMiner]], SimFleetThread], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows' default (proactor) loop has no add_reader: the demo there must still answer.
    monkeypatch.setattr(server_mod, "_readers_supported", lambda _loop: False)
    miners = _miners(["antminer", "whatsminer"])
    thread = serve_miners(miners)
    for m in miners:
        for request in REQUESTS[:3]:
            got = ask(m.ip, m.port, request)
            assert got == thread.call(lambda m=m, r=request: m.handle(r))  # type: ignore[misc]
        listener = next(x for x in thread.fleet._listeners if x.miner is m and x.service == "rpc")
        assert not isinstance(listener._server, server_mod._PlainRpc)
