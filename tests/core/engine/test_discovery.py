"""Discovery: every address gets the right outcome; results stream; the limit adapts; networks.

Loopback only (127.84.x–127.86.x), ports >= 1024, no timing assertions.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import socket
from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from rig_monitor.core.engine import discovery
from rig_monitor.core.engine.discovery import (
    AdaptiveLimit,
    ScanOptions,
    ScanOutcome,
    ScanProgress,
    ScanReport,
    ScanResult,
    scan,
    scan_iter,
)
from rig_monitor.core.model import ErrorKind, Ports, Target
from rig_monitor.core.netinfo import suggest_networks
from rig_monitor.core.targets import parse_targets
from rig_monitor.sim import SimFleet, SimFleetThread
from tests.core.engine.test_engine_scale import free_ports, silent_addresses


class HttpServer:
    """A web server that is not a miner (a printer's page) on the scanned port, in a thread."""

    def __init__(self, ip: str, port: int) -> None:
        import threading

        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((ip, port))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1.0)
                try:
                    conn.recv(4096)
                    conn.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 40\r\n"
                        b"Connection: close\r\n\r\n<html><title>HP LaserJet</title></html>"
                    )
                except OSError:
                    pass

    def close(self) -> None:
        self._stop.set()
        self.thread.join(2)
        self.sock.close()


@pytest.fixture
def site() -> Iterator[tuple[SimFleetThread, int, int]]:
    base = "127.84.0.1"
    port, web = free_ports(base)
    fleet = SimFleet.build(
        base=base,
        count=12,
        port=port,
        web_port=web,
        seed=3,
        personas=["antminer:S19j Pro", "cgminer"],
    )
    thread = SimFleetThread(fleet)
    thread.start()
    yield thread, port, web
    thread.stop()


def test_every_address_gets_the_right_outcome(site: tuple[SimFleetThread, int, int]) -> None:
    thread, port, web = site
    miners = thread.fleet.miners
    antminer = next(m for m in miners if m.persona_id == "antminer")
    thread.inject(antminer.ip, "bad_password")
    http = HttpServer("127.84.0.20", port)
    silent = ["127.84.0.21", "127.84.0.22"]
    targets = parse_targets(f"127.84.0.0/27:{port}")  # 30 hosts
    progress: list[ScanProgress] = []
    streamed: list[ScanResult] = []
    try:
        with silent_addresses(silent, port):
            results = asyncio.run(
                scan(
                    targets,
                    concurrency=16,
                    ports=Ports(web=web),
                    on_result=streamed.append,
                    on_progress=progress.append,
                    connect_timeout_s=0.5,
                )
            )
    finally:
        http.close()
    assert [r.target.key for r in results] == [t.key for t in targets]
    assert len(streamed) == len(targets)
    by_ip = {r.target.ip: r for r in results}
    miner_ips = {m.ip for m in miners}
    for ip, r in by_ip.items():
        if ip == antminer.ip:
            assert r.outcome is ScanOutcome.AUTH_FAILED, r
            assert r.is_miner
        elif ip in miner_ips:
            assert r.outcome is ScanOutcome.FOUND, r
            assert r.identity is not None
        elif ip == "127.84.0.20":
            assert r.outcome is ScanOutcome.NOT_A_MINER, r
            assert r.open_ports == (port,)
        elif ip in silent:
            assert r.outcome is ScanOutcome.NO_ANSWER, r
        else:
            assert r.outcome is ScanOutcome.CLOSED, r
    found = {ip for ip, r in by_ip.items() if r.outcome is ScanOutcome.FOUND}
    families = {by_ip[ip].identity.family for ip in found}  # type: ignore[union-attr]
    assert families == {"antminer", "generic"}
    assert progress[-1].done == progress[-1].total == len(targets)
    assert progress[-1].found == len(miners)
    assert [p.done for p in progress] == list(range(1, len(targets) + 1))

    report = ScanReport(results)
    summary = report.summary()
    assert summary.startswith(f"{len(miners) - 1} miners found")
    assert "1 answered but is not a miner" in summary
    assert "1 auth failed: set the password" in summary
    assert "(15 closed, 2 no answer)" in summary
    lines = report.lines()
    assert len(lines) == len(targets)
    assert any(line.startswith(f"127.84.0.21:{port}: no answer") for line in lines)
    assert len(report.lines(include_quiet=False)) == len(miners) + 1


def test_results_stream_and_closing_early_stops_the_scan(
    site: tuple[SimFleetThread, int, int],
) -> None:
    _thread, port, web = site
    targets = parse_targets(f"127.84.0.0/27:{port}")

    async def first_three() -> list[ScanResult]:
        got: list[ScanResult] = []
        gen = scan_iter(targets, ScanOptions(ports=Ports(web=web), max_concurrency=4))
        async for r in gen:
            got.append(r)
            if len(got) == 3:
                break
        await gen.aclose()
        # nothing of the scan is left running on the loop
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        assert others == []
        return got

    assert len(asyncio.run(first_three())) == 3


def test_local_shortage_lowers_the_limit_and_retries_the_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """EMFILE on some connects: those addresses are retried, never reported as no answer."""
    calls: dict[tuple[str, int], int] = {}
    api_port = free_ports("127.85.0.1", 1)[0]
    real = discovery.tcp_check

    async def flaky(ip: str, port: int, timeout_s: float) -> object:
        calls[ip, port] = calls.get((ip, port), 0) + 1
        if int(ipaddress.IPv4Address(ip)) % 3 == 0 and port == api_port and calls[ip, port] == 1:
            raise discovery._Pressure(str(OSError(errno.EMFILE, "Too many open files")))
        return await real(ip, port, timeout_s)

    monkeypatch.setattr(discovery, "tcp_check", flaky)
    targets = parse_targets(f"127.85.0.1-120:{api_port}")
    progress: list[ScanProgress] = []
    results = asyncio.run(
        scan(targets, concurrency=64, on_progress=progress.append, connect_timeout_s=0.5)
    )
    assert {r.outcome for r in results} == {ScanOutcome.CLOSED}
    assert progress[-1].backoffs >= 1
    assert progress[-1].concurrency < 64
    assert max(n for (_ip, p), n in calls.items() if p == api_port) == 2


def test_adaptive_limit_halves_on_pressure_and_grows_back() -> None:
    lim = AdaptiveLimit(start=1024, floor=16, cap=2048)
    lim.pressure()
    assert lim.value == 512
    for _ in range(10):
        lim.pressure()
    assert lim.value == 16
    for _ in range(discovery.GROW_AFTER * 3):
        lim.ok()
    assert 16 < lim.value <= 2048


def test_initial_concurrency_scales_with_the_range() -> None:
    assert discovery.initial_concurrency(10) == 10
    assert discovery.initial_concurrency(4094) == 1024
    assert discovery.initial_concurrency(4094, cap=300) == 300


def _nic(address: str, netmask: str, family: int = socket.AF_INET) -> SimpleNamespace:
    return SimpleNamespace(family=family, address=address, netmask=netmask)


def test_suggest_networks_keeps_private_lans_only() -> None:
    ifs = {
        "lo": [_nic("127.0.0.1", "255.0.0.0")],
        "eth0": [_nic("10.10.1.20", "255.255.252.0"), _nic("fe80::1", "ffff::", socket.AF_INET6)],
        "wlan0": [_nic("192.168.1.33", "255.255.255.0")],
        "docker0": [_nic("172.17.0.1", "255.255.0.0")],
        "br-12ab": [_nic("172.18.0.1", "255.255.0.0")],
        "eth1": [_nic("169.254.3.4", "255.255.0.0")],
        "eth2": [_nic("203.0.113.5", "255.255.255.0")],  # public
        "wg0": [_nic("10.99.0.2", "255.255.255.0")],  # a VPN tunnel
    }
    got = [str(s) for s in suggest_networks(ifs, seen=[])]
    assert got == ["10.10.0.0/22", "192.168.1.0/24"]


def test_suggest_networks_narrows_a_slash16_to_what_is_in_use() -> None:
    ifs = {"eth0": [_nic("172.20.5.10", "255.255.0.0")]}
    alone = suggest_networks(ifs, seen=[])
    assert [str(s) for s in alone] == ["172.20.5.0/24"]
    assert "narrowed" in alone[0].note and alone[0].interface == "eth0"
    near = suggest_networks(ifs, seen=["172.20.6.9", "172.20.7.1", "10.1.1.1"])
    assert [str(s) for s in near] == ["172.20.4.0/22"]
    apart = suggest_networks(ifs, seen=["172.20.99.9"])
    assert [str(s) for s in apart] == ["172.20.5.0/24", "172.20.99.0/24"]


def test_public_targets_are_flagged() -> None:
    from rig_monitor.core.targets import is_public

    assert is_public(Target("8.8.8.8"))
    assert not is_public(Target("10.0.0.1"))


@pytest.mark.parametrize("bare", [True, False], ids=["bare-sockets", "loop-sock_connect"])
def test_tcp_checks_tells_open_refused_and_silent_ports_apart_in_one_call(
    bare: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pre-check's connects, several ports at once: a listener accepts, a free port refuses,
    a SYN-dropping listener (a silent LAN host) times out, each reported for itself; on bare
    sockets and through the loop's sock_connect (loops without add_writer: Windows' proactor)."""
    monkeypatch.setattr(discovery.sockio, "bare_ok", lambda _host, _loop: bare)
    ip = "127.86.0.7"
    open_port, refused, silent = free_ports(ip, 3)
    listener = socket.socket()
    listener.bind((ip, open_port))
    listener.listen(8)
    try:
        with silent_addresses([ip], silent):
            got = asyncio.run(discovery.tcp_checks(ip, [refused, silent, open_port], 0.3))
            alone = asyncio.run(discovery.tcp_check(ip, silent, 0.2))
    finally:
        listener.close()
    assert got == [ErrorKind.REFUSED, ErrorKind.TIMEOUT, None]
    assert alone is ErrorKind.TIMEOUT


def test_tcp_checks_reports_a_socket_shortage_as_pressure(monkeypatch: pytest.MonkeyPatch) -> None:
    """EMFILE making the socket is the desktop's shortage (retried), never the address's answer."""

    def no_socket(*_a: object, **_k: object) -> socket.socket:
        raise OSError(errno.EMFILE, "Too many open files")

    fake = SimpleNamespace(**{k: getattr(socket, k) for k in ("AF_INET", "SOCK_STREAM")})
    fake.socket = no_socket
    monkeypatch.setattr(discovery, "socket", fake)  # the module's own name, not the loop's
    with pytest.raises(discovery._Pressure):
        asyncio.run(discovery.tcp_checks("127.86.0.8", [4028, 4029], 0.2))
