"""Stock Antminer firmware that refuses multi-command requests: ``version`` reused between checks.

Such firmware answers each command on a connection of its own (4 a poll), so ``version`` is
asked when due (every ``VERSION_RECHECK_S``) and at once when the poll contradicts the kept one
(a restart, another server or build in the stats head, a stats reply that cannot vouch). The
replies are a real S19 Pro's (tests/captures/antminer/s19pro-stock-legacy, see its SOURCE).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, cast

import pytest

from rig_monitor.core.drivers import antminer
from rig_monitor.core.drivers.antminer import VERSION_RECHECK_S, AntminerDriver
from rig_monitor.core.drivers.base import Session
from rig_monitor.core.model import Identity, MinerSnapshot, Target
from rig_monitor.core.wire.cgminer import CGMinerClient, parse_reply
from tests.core.drivers.fakeclock import Clock
from tests.core.drivers.fakerpc import SinglesRpc as FakeRpc

CAP = Path(__file__).parents[2] / "captures" / "antminer" / "s19pro-stock-legacy" / "rpc"
COMMANDS = ("version", "summary", "stats", "pools")


def _cap(name: str) -> dict[str, Any]:
    return parse_reply((CAP / f"{name}.json").read_bytes())


def SinglesRpc(multi_supported: bool | None = False) -> FakeRpc:
    return FakeRpc({c: _cap(c) for c in COMMANDS}, multi_supported)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(antminer.time, "monotonic", c)
    return c


def _session(rpc: FakeRpc) -> Session:
    return Session(Target("127.0.0.9"), cast(CGMinerClient, rpc), Identity("antminer", "Antminer"))


def _poll(session: Session) -> tuple[list[str], MinerSnapshot]:
    rpc = cast(FakeRpc, session.rpc)
    rpc.asked.clear()
    snap = asyncio.run(AntminerDriver().poll(session))
    return sorted(rpc.asked), snap


ALL = sorted(COMMANDS)
NO_VERSION = sorted(c for c in COMMANDS if c != "version")


def _reading(snap: MinerSnapshot) -> tuple[Any, ...]:
    return (
        snap.model,
        snap.firmware_version,
        snap.api_version,
        snap.hashrate_ths,
        snap.uptime_s,
        len(snap.boards),
        snap.raw["version"],
    )


def test_version_is_asked_first_then_reused_until_due(clock: Clock) -> None:
    session = _session(SinglesRpc())
    asked, first = _poll(session)
    assert asked == ALL and first.model == "S19 Pro" and first.api_version == "3.1"
    clock.t += 60
    asked, steady = _poll(session)
    assert asked == NO_VERSION  # 3 connections, not 4
    assert _reading(steady) == _reading(first)  # the same reading from the kept reply
    clock.t += VERSION_RECHECK_S - 60 - 1
    assert _poll(session)[0] == NO_VERSION
    clock.t += 1
    assert _poll(session)[0] == ALL
    clock.t += 1
    assert _poll(session)[0] == NO_VERSION


@pytest.mark.parametrize(
    ("section", "key", "value"),
    [
        ("STATS", "CompileTime", "Mon Jan  1 00:00:00 CST 2024"),  # an upgrade
        ("STATS", "Type", "Antminer S19j Pro"),  # another machine at the address
        ("STATUS", "Description", "cgminer 4.11.1"),  # another server answers
        ("STATUS", "STATUS", "E"),  # stats failed: nothing vouches for the kept reply
    ],
)
def test_a_contradiction_asks_version_at_once(
    clock: Clock, section: str, key: str, value: Any
) -> None:
    rpc = SinglesRpc()
    session = _session(rpc)
    _poll(session)
    clock.t += 10
    rpc.edit("stats", section, key, value)
    rpc.edit("version", "VERSION", "CompileTime", "new build")
    asked, snap = _poll(session)
    assert asked == ALL
    assert snap.raw["version"] is rpc.replies["version"]  # the fresh reply, not the kept one


def test_a_restart_asks_version_at_once(clock: Clock) -> None:
    rpc = SinglesRpc()
    session = _session(rpc)
    _poll(session)
    clock.t += 10
    elapsed = rpc.replies["summary"]["SUMMARY"][0]["Elapsed"]
    rpc.edit("summary", "SUMMARY", "Elapsed", elapsed + 10)
    assert _poll(session)[0] == NO_VERSION  # running on: Elapsed went up
    clock.t += 10
    rpc.edit("summary", "SUMMARY", "Elapsed", 30)  # restarted (an upgrade restarts)
    assert _poll(session)[0] == ALL
    clock.t += 10
    rpc.edit("summary", "SUMMARY", "Elapsed", 40)
    assert _poll(session)[0] == NO_VERSION  # the new Elapsed is the reference


def test_a_failed_version_is_asked_again_next_poll(clock: Clock) -> None:
    rpc = SinglesRpc()
    rpc.fail = {"version"}
    session = _session(rpc)
    asked, snap = _poll(session)
    assert asked == ALL and "version" not in snap.raw and snap.model == "S19 Pro"  # stats Type
    rpc.fail = set()
    clock.t += 10
    asked, snap = _poll(session)
    assert asked == ALL and snap.api_version == "3.1"
    clock.t += 10
    assert _poll(session)[0] == NO_VERSION


def test_multi_command_firmware_asks_everything_in_one_request(clock: Clock) -> None:
    rpc = SinglesRpc(multi_supported=True)
    session = _session(rpc)
    for _ in range(3):
        assert _poll(session)[0] == ["+".join(COMMANDS)]
        clock.t += 10


def test_the_poll_that_finds_multi_command_refused_keeps_its_version(clock: Clock) -> None:
    session = _session(SinglesRpc(multi_supported=None))
    asked, first = _poll(session)
    assert asked == sorted(["+".join(COMMANDS), *COMMANDS]) and first.api_version == "3.1"
    clock.t += 10
    asked, steady = _poll(session)
    assert asked == NO_VERSION and _reading(steady) == _reading(first)
