"""The /metrics server: one rendering per sweep whoever scrapes, clear bind errors."""

from __future__ import annotations

import socket

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from rig_monitor.core.model import MinerSnapshot
from rig_monitor.core.serve.metrics import FleetCollector, FleetView, MetricsServer, parse_listen


def view(n: int, rate: float) -> FleetView:
    snaps = tuple(
        MinerSnapshot(f"127.0.4.{i}", online=True, hashrate_ths=rate) for i in range(1, n + 1)
    )
    return FleetView("s", snaps, {}, sweep=1, sweep_duration_s=0.5, sweep_finished=1.0, polled=n)


def rates(text: str) -> list[float]:
    return [
        s.value
        for fam in text_string_to_metric_families(text)
        for s in fam.samples
        if s.name == "rig_monitor_miner_hashrate_hashes_per_second"
    ]


def test_one_rendering_per_sweep_and_per_counter_change() -> None:
    counts = {"mail": {"sent": 0, "failed": 0, "dropped": 0}}
    collector = FleetCollector("s", lambda: counts)
    server = MetricsServer(collector, "127.0.0.1", 0)
    server.start()
    url = f"http://127.0.0.1:{server.port}/metrics"
    try:
        collector.publish(view(5, 1.0))
        first = [httpx.get(url, timeout=5).text for _ in range(3)]
        assert server.app.renders == 1 and len(set(first)) == 1
        assert rates(first[0]) == [1e12] * 5
        collector.publish(view(5, 2.0))
        assert rates(httpx.get(url, timeout=5).text) == [2e12] * 5
        assert server.app.renders == 2
        counts["mail"]["failed"] = 1  # a failed delivery shows at the next scrape
        assert 'rig_monitor_notifications_failed_total{channel="mail"} 1.0' in httpx.get(url).text
        assert server.app.renders == 3
        om = httpx.get(url, headers={"Accept": "application/openmetrics-text"}, timeout=5)
        assert om.headers["content-type"].startswith("application/openmetrics-text")
        assert om.text.rstrip().endswith("# EOF")
    finally:
        server.stop()


def test_a_taken_port_raises_oserror_for_the_caller_to_explain() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        server = MetricsServer(FleetCollector(), "127.0.0.1", s.getsockname()[1])
        with pytest.raises(OSError):
            server.start()


@pytest.mark.parametrize(
    ("text", "want"),
    [(":9808", ("127.0.0.1", 9808)), ("9808", ("127.0.0.1", 9808)),
     ("0.0.0.0:1", ("0.0.0.0", 1)), ("[::1]:9808", ("::1", 9808))],
)  # fmt: skip
def test_parse_listen(text: str, want: tuple[str, int]) -> None:
    assert parse_listen(text) == want


@pytest.mark.parametrize("text", ["host:port", "127.0.0.1:70000", ""])
def test_parse_listen_rejects(text: str) -> None:
    with pytest.raises(ValueError, match=r"HOST:PORT|0\.\.65535"):
        parse_listen(text)
