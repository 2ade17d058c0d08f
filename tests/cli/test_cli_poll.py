"""The CLI's JSON contract and its behaviour on a simulated fleet (loopback only).

The simulator runs in a thread; the CLI runs in-process through ``main(argv, out)``.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator

import pytest

from rig_monitor.cli import main
from rig_monitor.sim.fleet import SimFleet
from rig_monitor.sim.thread import SimFleetThread

POLL_KEYS = {
    "ip", "port", "online", "error", "make", "model", "firmware", "firmware_version",
    "hashrate_ths", "nominal_hashrate_ths", "hashrate_5s_ths", "power_w", "efficiency_j_th", "temp_chip_max_c",
    "temp_board_max_c", "fans_rpm", "boards", "pools", "uptime_s", "hw_errors", "error_codes",
    "faults", "notes",
}  # fmt: skip
BOARD_KEYS = {"index", "hashrate_ths", "chips", "expected_chips", "temp_board_c", "temp_chip_c"}
POOL_KEYS = {"url", "user", "status", "accepted", "rejected", "stale"}
PORT = 24131


def run_cli(*argv: str) -> object:
    out = io.StringIO()
    assert main(list(argv), out) == 0
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def antminers() -> Iterator[SimFleet]:
    fleet = SimFleet.build(base="127.61.0.1", count=50, seed=11, port=PORT, personas=["antminer"])
    with SimFleetThread(fleet):
        yield fleet


def test_poll_50_antminers_model_and_hashrate(antminers: SimFleet) -> None:
    doc = run_cli("poll", f"127.61.0.1-50:{PORT}", "--json", "--timeout", "3")
    assert isinstance(doc, list) and len(doc) == 50
    for obj in doc:
        assert set(obj) == POLL_KEYS
        truth = antminers.miner(obj["ip"], PORT).truth()
        assert obj["online"] is True and obj["error"] is None
        assert (obj["make"], obj["model"]) == (truth.make, truth.model)
        assert obj["firmware"] == "stock"
        # the sim drifts between replies: compare with what it serves, within 2 %
        assert obj["hashrate_5s_ths"] == pytest.approx(truth.hashrate_ths, rel=0.02)
        assert obj["hashrate_ths"] == pytest.approx(truth.hashrate_avg_ths, rel=0.02)  # average
        assert obj["nominal_hashrate_ths"] == pytest.approx(truth.nominal_hashrate_ths, rel=0.02)
        assert len(obj["boards"]) == truth.expected_boards
        for b in obj["boards"]:
            assert set(b) == BOARD_KEYS
            assert b["chips"] == b["expected_chips"]
        assert len(obj["fans_rpm"]) == truth.expected_fans
        for p in obj["pools"]:
            assert set(p) == POOL_KEYS


def test_poll_order_follows_targets(antminers: SimFleet) -> None:
    doc = run_cli("poll", f"127.61.0.7:{PORT}", f"127.61.0.3:{PORT}", "--json")
    assert [o["ip"] for o in doc] == ["127.61.0.7", "127.61.0.3"]


@pytest.fixture
def broken_fleet() -> Iterator[SimFleet]:
    fleet = SimFleet.build(base="127.62.0.1", count=12, seed=5, port=PORT, personas=["antminer"])
    fleet.inject("127.62.0.1", "offline")
    fleet.inject("127.62.0.2", "garbage")
    fleet.inject("127.62.0.3", "hung")
    fleet.inject("127.62.0.4", "truncated")
    fleet.inject("127.62.0.5", "huge")
    with SimFleetThread(fleet):
        yield fleet


def test_unreachable_and_broken_miners_are_reported_and_do_not_delay_the_rest(
    broken_fleet: SimFleet,
) -> None:
    t0 = time.monotonic()
    doc = run_cli("poll", f"127.62.0.1-12:{PORT}", "127.62.0.200", "--json", "--timeout", "1.5")
    elapsed = time.monotonic() - t0
    by_ip = {o["ip"]: o for o in doc}
    assert by_ip["127.62.0.1"]["error"].startswith("refused")
    assert by_ip["127.62.0.2"]["error"].startswith("not a miner")  # never identified: garbage
    assert by_ip["127.62.0.3"]["error"].startswith("timed out")
    cut = by_ip["127.62.0.4"]  # salvaged when the cut leaves whole values, never silently
    assert cut["online"] is False or any("cut short" in n for n in cut["notes"])
    assert by_ip["127.62.0.5"]["error"].startswith("reply too large")
    assert by_ip["127.62.0.200"]["error"].startswith(("refused", "timed out"))
    for ip in ("127.62.0.1", "127.62.0.2", "127.62.0.3", "127.62.0.5", "127.62.0.200"):
        assert by_ip[ip]["online"] is False
    healthy = [by_ip[f"127.62.0.{i}"] for i in range(6, 13)]
    assert all(o["online"] and o["hashrate_ths"] for o in healthy)
    # every poll is bounded by its budget (2 × timeout + 1 = 4 s); the sweep is parallel
    assert elapsed < 20


def test_garbage_from_a_known_miner_is_a_bad_reply(broken_fleet: SimFleet) -> None:
    import asyncio

    from rig_monitor.core.engine.poller import Poller
    from rig_monitor.core.model import Target

    async def go() -> tuple[bool, str | None]:
        poller = Poller()
        target = Target("127.62.0.8", PORT)
        first = await poller.poll(target)
        assert first.online
        broken_fleet_thread_inject("127.62.0.8", "garbage")
        second = await poller.poll(target)
        return second.online, second.error

    def broken_fleet_thread_inject(ip: str, fault: str) -> None:
        broken_fleet.miner(ip, PORT).inject(fault)

    online, error = asyncio.run(go())
    assert online is False
    assert error is not None and error.startswith("bad reply")


def test_scan_json_contract(antminers: SimFleet) -> None:
    doc = run_cli(
        "scan", f"127.61.0.1-5:{PORT}", f"127.61.0.250:{PORT}", "--json", "--timeout", "1"
    )
    assert [o["ip"] for o in doc] == [f"127.61.0.{i}" for i in range(1, 6)]
    for obj in doc:
        assert set(obj) == {"ip", "port", "make", "model", "firmware"}
        truth = antminers.miner(obj["ip"], PORT).truth()
        assert (obj["make"], obj["model"], obj["firmware"]) == ("Antminer", truth.model, "stock")


def test_human_table_has_totals(antminers: SimFleet) -> None:
    out = io.StringIO()
    assert main(["poll", f"127.61.0.1-3:{PORT}"], out) == 0
    text = out.getvalue()
    assert "S19" in text or "S21" in text or "T21" in text or "S9" in text
    assert "3 online, 0 offline" in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["poll", "10.0.0.999"], "not an IPv4 address"),
        (["poll", "8.8.8.8"], "public internet"),
        (["simulate", "--base", "10.0.0.1", "--count", "1", "--duration", "0"], "127"),
        (["simulate", "--port", "80", "--count", "1", "--duration", "0"], "1024"),
    ],
)
def test_bad_user_input_gets_a_clear_message(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = io.StringIO()
    with pytest.raises(SystemExit) as info:
        raise SystemExit(main(argv, out))
    assert info.value.code == 2
    assert message in capsys.readouterr().err + out.getvalue()
