"""Whatsminer identity replies (get_version, get_miner_info) are reused between re-checks.

Every flat command costs a connection (btminer closes after each reply), so the identity pair
is asked every 10 minutes, or at once when the summary's MAC or firmware contradicts it. The
summaries and flat replies here come from a real btminer capture
(tests/captures/whatsminer/btminer-apiv1-2021fw); get_miner_info is shaped as btminer's
documented flat envelope.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any, cast

import pytest

from rig_monitor.core.drivers import whatsminer
from rig_monitor.core.drivers.base import Session
from rig_monitor.core.drivers.whatsminer import IDENTITY_RECHECK_S, WhatsminerDriver
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind, Identity, Target
from rig_monitor.core.wire.cgminer import CGMinerClient
from tests.core.drivers.fakeclock import Clock

CAP = Path(__file__).parents[2] / "captures" / "whatsminer" / "btminer-apiv1-2021fw" / "rpc"


def _cap(name: str) -> dict[str, Any]:
    return cast(dict[str, Any], json.loads((CAP / f"{name}.json").read_text()))


def _info(mac: str, hostname: str) -> dict[str, Any]:
    return {
        "STATUS": "S",
        "When": 1700000000,
        "Code": 131,
        "Msg": {"mac": mac, "hostname": hostname, "minersn": "SN1"},
        "Description": "",
    }


class FakeRpc:
    """Stands in for the CGMiner client: canned replies, and a log of what was asked."""

    def __init__(self) -> None:
        self.summary = _cap("summary")
        self.info = _info("C4:07:2F:00:11:22", "rig-a")
        self.asked: list[str] = []
        self.fail: set[str] = set()

    async def multi(self, *commands: str) -> dict[str, Any]:
        self.asked.append("+".join(commands))
        # the capture's boards as ``edevs`` (a firmware that has it): this file is about the
        # identity pair; API v1's flat ``devs`` read is tested in test_whatsminer.py
        return {"summary": self.summary, "edevs": _cap("devs"), "pools": _cap("pools")}

    async def command(self, command: str) -> dict[str, Any]:
        self.asked.append(command)
        if command in self.fail:
            raise MinerError(ErrorKind.TIMEOUT, "timed out: no complete reply in 1 s")
        canned = {
            "get_version": _cap("get_version"),
            "get_miner_info": self.info,
            "status": _cap("status"),
            "get_error_code": {"STATUS": "S", "Msg": {"error_code": []}},
        }
        return canned[command]


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(whatsminer.time, "monotonic", c)
    return c


def _poll(session: Session) -> tuple[list[str], Any]:
    rpc = cast(FakeRpc, session.rpc)
    rpc.asked.clear()
    replies = asyncio.run(WhatsminerDriver().fetch(session))
    snap = WhatsminerDriver().parse(session.target, replies, session.identity)
    return sorted(rpc.asked), snap


def _session() -> Session:
    return Session(
        Target("127.0.0.9"), cast(CGMinerClient, FakeRpc()), Identity("whatsminer", "Whatsminer")
    )


def _set_summary(session: Session, key: str, value: str) -> None:
    rpc = cast(FakeRpc, session.rpc)
    summary = json.loads(json.dumps(rpc.summary))
    summary["SUMMARY"][0][key] = value
    rpc.summary = summary


FULL = sorted(["summary+edevs+pools+devdetails", *whatsminer.IDENTITY, *whatsminer.EVERY_POLL])
STEADY = sorted(["summary+edevs+pools+devdetails", *whatsminer.EVERY_POLL])


def test_identity_is_asked_first_then_every_ten_minutes(clock: Clock) -> None:
    session = _session()
    asked, first = _poll(session)
    assert asked == FULL
    assert (first.hostname, first.serial) == ("rig-a", "SN1")
    clock.t += 60
    asked, steady = _poll(session)
    assert asked == STEADY  # 2 connections, not 5
    assert (steady.hostname, steady.serial, steady.firmware_version, steady.api_version) == (
        first.hostname,
        first.serial,
        first.firmware_version,
        first.api_version,
    )
    cast(FakeRpc, session.rpc).info = _info("C4:07:2F:00:11:22", "rig-renamed")
    clock.t += IDENTITY_RECHECK_S - 60 - 1
    assert _poll(session)[0] == STEADY
    clock.t += 1
    asked, rechecked = _poll(session)
    assert asked == FULL
    assert rechecked.hostname == "rig-renamed"


@pytest.mark.parametrize(
    ("key", "value"), [("MAC", "C4:07:2F:99:99:99"), ("Firmware Version", "'20240101.1.REL'")]
)
def test_a_contradiction_in_the_summary_rechecks_at_once(
    clock: Clock, key: str, value: str
) -> None:
    session = _session()
    _poll(session)
    clock.t += 10
    _set_summary(session, key, value)
    cast(FakeRpc, session.rpc).info = _info("C4:07:2F:99:99:99", "other-rig")
    asked, snap = _poll(session)
    assert asked == FULL
    assert snap.hostname == "other-rig"
    clock.t += 10
    assert _poll(session)[0] == STEADY  # the new identity is the reference now


def test_a_failed_identity_ask_is_retried_next_poll(clock: Clock) -> None:
    session = _session()
    rpc = cast(FakeRpc, session.rpc)
    rpc.fail = {"get_miner_info"}
    asked, snap = _poll(session)
    assert asked == FULL and snap.hostname is None
    rpc.fail = set()
    clock.t += 10
    asked, snap = _poll(session)
    assert asked == FULL and snap.hostname == "rig-a"
    clock.t += 10
    assert _poll(session)[0] == STEADY


def _stop(session: Session) -> None:
    """The capture's summary with every hashrate at zero: what a stopped or sleeping unit says."""
    rpc = cast(FakeRpc, session.rpc)
    summary = json.loads(json.dumps(rpc.summary))
    for key in list(summary["SUMMARY"][0]):
        if key.startswith(("MHS", "GHS", "THS")):
            summary["SUMMARY"][0][key] = 0
    rpc.summary = summary


@pytest.mark.parametrize(
    ("status", "idle"),
    [
        ({"mineroff": "true"}, True),
        ({"mineroff": "false"}, False),
        ({"btmineroff": "true"}, True),  # API v1: believed without hashrate
    ],
)
def test_status_is_asked_only_when_the_summary_shows_no_hashrate(
    clock: Clock, status: dict[str, str], idle: bool
) -> None:
    session = _session()
    rpc = cast(FakeRpc, session.rpc)
    asked, hashing = _poll(session)
    assert "status" not in asked and hashing.hashrate_ths and hashing.idle is False
    _stop(session)
    canned = rpc.command

    async def command(name: str) -> dict[str, Any]:
        if name == "status":
            rpc.asked.append(name)
            return {"STATUS": "S", "When": 1, "Code": 131, "Msg": status, "Description": ""}
        return await canned(name)

    rpc.command = command  # type: ignore[method-assign]
    clock.t += 10
    asked, stopped = _poll(session)
    assert asked == sorted([*STEADY, "status"])
    assert stopped.idle is idle and not stopped.hashrate_ths
    rpc.fail = {"status"}
    rpc.command = canned  # type: ignore[method-assign]
    clock.t += 10
    asked, unknown = _poll(session)  # status refused: unknown, so judged stopped, not asleep
    assert "status" in asked and unknown.idle is None
