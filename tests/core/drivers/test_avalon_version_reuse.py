"""Avalon builds that refuse multi-command requests: ``version`` reused between re-checks.

Such a build answers each command on a connection of its own (4 a poll), so ``version`` is asked
when due (every ``VERSION_RECHECK_S``) and at once when the poll contradicts the kept one (a
restart, other module Ver/DNA tokens, another server, no module to vouch). The replies are a
real Avalon Q's (tests/captures/avalon/avalon-q-softoff, see its SOURCE; its ``stats`` reply
served as ``estats``, which carries the same MM ID blobs).
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any, cast

import pytest

from rig_monitor.core.drivers import avalon
from rig_monitor.core.drivers.avalon import VERSION_RECHECK_S, AvalonDriver
from rig_monitor.core.drivers.base import Session
from rig_monitor.core.model import Identity, MinerSnapshot, Target
from rig_monitor.core.wire.cgminer import CGMinerClient, parse_reply
from tests.core.drivers.fakeclock import Clock
from tests.core.drivers.fakerpc import SinglesRpc as FakeRpc

CAP = Path(__file__).parents[2] / "captures" / "avalon" / "avalon-q-softoff" / "rpc"
COMMANDS = ("version", "summary", "estats", "pools")
FILES = {"version": "version", "summary": "summary", "estats": "stats", "pools": "pools"}


def SinglesRpc(multi_supported: bool | None = False) -> FakeRpc:
    replies = {c: parse_reply((CAP / f"{f}.json").read_bytes()) for c, f in FILES.items()}
    return FakeRpc(replies, multi_supported)


def _edit_blob(rpc: FakeRpc, old: str, new: str) -> None:
    blob = rpc.replies["estats"]["STATS"][0]["MM ID0:Summary"]
    rpc.edit("estats", "STATS", "MM ID0:Summary", blob.replace(old, new))


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock(5000.0)
    monkeypatch.setattr(avalon.time, "monotonic", c)
    return c


def _poll(session: Session) -> tuple[list[str], MinerSnapshot]:
    rpc = cast(FakeRpc, session.rpc)
    rpc.asked.clear()
    snap = asyncio.run(AvalonDriver().poll(session))
    return sorted(rpc.asked), snap


def _session(rpc: FakeRpc) -> Session:
    return Session(Target("127.0.0.9"), cast(CGMinerClient, rpc), Identity("avalon", "Avalon"))


ALL = sorted(COMMANDS)
NO_VERSION = sorted(c for c in COMMANDS if c != "version")


def _reading(snap: MinerSnapshot) -> tuple[Any, ...]:
    return (snap.model, snap.firmware_version, snap.mac, snap.serial, snap.idle, snap.boards)


def test_version_is_asked_first_then_reused_until_due(clock: Clock) -> None:
    session = _session(SinglesRpc(multi_supported=None))
    asked, first = _poll(session)
    assert asked == sorted(["+".join(COMMANDS), *COMMANDS])  # the poll that finds it out
    assert first.model == "Q" and first.mac and first.serial
    clock.t += 60
    asked, steady = _poll(session)
    assert asked == NO_VERSION  # 3 connections, not 4
    assert _reading(steady) == _reading(first)
    clock.t += VERSION_RECHECK_S - 60 - 1
    assert _poll(session)[0] == NO_VERSION
    clock.t += 1
    assert _poll(session)[0] == ALL
    clock.t += 1
    assert _poll(session)[0] == NO_VERSION


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Ver[Q-25052801_14a19a2]", "Ver[Q-26010101_0000000]"),  # an upgrade
        ("DNA[", "DNA[ff"),  # another unit at the address
        ("Ver[Q-25052801_14a19a2]", ""),  # a module's Ver gone: not the same blob
    ],
)
def test_other_module_marks_ask_version_at_once(clock: Clock, old: str, new: str) -> None:
    rpc = SinglesRpc()
    session = _session(rpc)
    _poll(session)
    clock.t += 10
    assert old in rpc.replies["estats"]["STATS"][0]["MM ID0:Summary"]
    _edit_blob(rpc, old, new)
    assert _poll(session)[0] == ALL
    clock.t += 10
    assert _poll(session)[0] == NO_VERSION  # the new marks are the reference now


def test_a_restart_or_no_module_asks_version_at_once(clock: Clock) -> None:
    rpc = SinglesRpc()
    session = _session(rpc)
    _poll(session)
    clock.t += 10
    summary = json.loads(json.dumps(rpc.replies["summary"]))
    summary["SUMMARY"][0]["Elapsed"] = 30  # restarted (an upgrade restarts cgminer)
    rpc.replies["summary"] = summary
    assert _poll(session)[0] == ALL
    clock.t += 10
    estats = json.loads(json.dumps(rpc.replies["estats"]))
    estats["STATS"][0].pop("MM ID0:Summary")
    rpc.replies["estats"] = estats
    rpc.replies["stats"] = estats  # neither reply has a module: nothing vouches
    assert _poll(session)[0] == sorted([*ALL, "stats"])


def test_a_failed_version_is_asked_again_next_poll(clock: Clock) -> None:
    rpc = SinglesRpc()
    rpc.fail = {"version"}
    session = _session(rpc)
    asked, snap = _poll(session)
    assert asked == ALL and "version" not in snap.raw
    rpc.fail = set()
    clock.t += 10
    asked, snap = _poll(session)
    assert asked == ALL and snap.mac
    clock.t += 10
    assert _poll(session)[0] == NO_VERSION


def test_multi_command_builds_ask_everything_in_one_request(clock: Clock) -> None:
    session = _session(SinglesRpc(multi_supported=True))
    for _ in range(3):
        assert _poll(session)[0] == ["+".join(COMMANDS)]
        clock.t += 10
