"""Keyring reads are blocking calls: after warm-up, a sweep never makes one on the polling loop.

A fake keyring backend records whether each read ran inside a running asyncio loop; the engine
polls simulated Goldshell and IceRiver boxes whose owners changed the password (so every poll
needs the saved per-miner password)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from rig_monitor.core.credentials import SERVICE, miner_key
from rig_monitor.core.engine.engine import Batch, EngineConfig, EngineThread
from rig_monitor.sim.personas.goldshell import CHANGED_PASSWORD
from tests.core.drivers.fleet73 import fleet
from tests.core.fakekeyring import FakeKeyring


@pytest.fixture
def fake_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeKeyring]:
    monkeypatch.setenv("RIG_MONITOR_CONFIG_DIR", str(tmp_path))
    before = keyring.get_keyring()
    fake = FakeKeyring()
    keyring.set_keyring(fake)
    try:
        yield fake
    finally:
        keyring.set_keyring(before)


def test_sweeps_read_the_keyring_only_before_the_loop(fake_keyring: FakeKeyring) -> None:
    with fleet(["goldshell:KD Box", "iceriver:KS3M"], count=4) as f:
        for m in f.miners:
            f.inject(m.ip, "bad_password")
            user = "admin"
            blob = json.dumps({"u": user, "p": CHANGED_PASSWORD})
            fake_keyring.items[(SERVICE, miner_key(m.ip, m.port))] = blob
        done = threading.Event()
        batches: list[Batch] = []

        def on_batch(batch: Batch) -> None:
            batches.append(batch)
            if sum(b.sweep_done for b in batches) >= 3:
                done.set()

        engine = EngineThread(on_batch, EngineConfig(interval_s=0.2, poll_budget_s=5.0))
        engine.start(f.targets[:3])
        engine.add_targets(f.targets[3:])  # added later: read off the loop too
        try:
            assert done.wait(60)
        finally:
            engine.stop()
        last = [s for b in batches[-3:] for s in b.snapshots]
        assert last and all(s.online for s in last), [s.error for s in last]
        assert all(not s.notes for s in last), [s.notes for s in last]  # web side logged in
        assert fake_keyring.reads > 0  # the passwords came from the (fake) keyring
        assert fake_keyring.reads_on_loop == 0
