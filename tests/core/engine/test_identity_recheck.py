"""Identities are checked again in the background (issue 15): a known miner is identified afresh
at a random moment around RECHECK_EVERY_S."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from rig_monitor.core.engine import poller as poller_mod
from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.wire.cgminer import CGMinerClient
from tests.core.webfleet import FAST, fleet

DETECTION = b"version+devdetails+summary+stats+pools"


def _count_detections(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    sent: list[bytes] = []
    real_raw = CGMinerClient.raw

    async def raw(self: CGMinerClient, payload: bytes) -> bytes:
        sent.append(payload)
        return await real_raw(self, payload)

    monkeypatch.setattr(CGMinerClient, "raw", raw)
    return sent


def _polls(target: Any, n: int) -> list[Any]:
    async def go() -> list[Any]:
        p = Poller(FAST)
        try:
            return [await p.poll(target) for _ in range(n)]
        finally:
            await p.aclose()

    return asyncio.run(go())


def test_known_miner_is_not_identified_again_before_its_recheck(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent = _count_detections(monkeypatch)
    with fleet(["braiins:S19 XP"]) as f:
        snaps = _polls(f.targets[0], 3)
    assert all(s.online for s in snaps)
    assert sum(DETECTION in p for p in sent) == 1


def test_due_recheck_identifies_again_and_keeps_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(poller_mod, "RECHECK_EVERY_S", 0.0)  # every read is due
    sent = _count_detections(monkeypatch)
    with fleet(["braiins:S19 XP"]) as f:
        snaps = _polls(f.targets[0], 3)
    assert all(s.online and s.family == "braiins" for s in snaps)
    assert sum(DETECTION in p for p in sent) == 3  # the first read, then one per due re-check
    assert not any("identity changed" in n for s in snaps for n in s.notes)  # same machine
