"""The fault stage concludes what it concluded before it was made cheaper (issue 15).

``stage_verdicts.json`` was written by ``stage_verdicts.py`` run against main at ``b7ff3e5``
(the tree before the stage's cost was cut; see that file): 112 batches of a randomized
240-miner fleet with every kind of trouble, 21 fault ids raised, cleared, escalated and grouped
into site incidents. The same inputs through today's code must give the same faults, evidence,
notes, events, open records and incidents, batch by batch.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from tests.core.faults import stage_verdicts

EXPECTED = Path(__file__).with_name("stage_verdicts.json")


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Incident texts may say "since 14:05" in local time; the fixture was written in UTC. Local
    time is made UTC by swapping ``time.localtime`` (``time.tzset`` does not exist on Windows)."""
    monkeypatch.setattr(time, "localtime", time.gmtime)
    yield


def test_every_batch_concludes_what_it_did_before(utc: Any) -> None:
    expected = json.loads(EXPECTED.read_text())
    got = stage_verdicts.canonical(stage_verdicts.run())
    assert len(got) == len(expected) == 112
    for i, (g, e) in enumerate(zip(got, expected, strict=True)):
        assert g["miners"] == e["miners"], f"batch {i} (sweep {e['sweep']}): miners' faults"
        assert g["report"] == e["report"], f"batch {i} (sweep {e['sweep']}): the report"


def test_the_fixture_exercises_what_it_claims() -> None:
    """Guards the guard: a fixture of healthy miners would prove nothing."""
    expected = json.loads(EXPECTED.read_text())
    ids = {f[0] for b in expected for _, faults, _ in b["miners"] for f in faults}
    kinds = {e[0] for b in expected if b["report"] for e in b["report"]["events"]}
    incidents = {i[0] for b in expected if b["report"] for i in b["report"]["incidents"]}
    assert len(ids) >= 20
    assert {"raised", "cleared", "escalated", "deescalated"} <= kinds
    assert "site_network_or_power" in incidents


def test_kept_trends_equal_trends_worked_out_afresh() -> None:
    """Each miner's temperature and inlet rise is kept until its next poll: never stale."""
    import random

    from rig_monitor.core.faults import FaultTracker
    from rig_monitor.core.faults.tracker import _inlet_rise, _temp_rise

    rng = random.Random(7)
    units = stage_verdicts.fleet(rng)
    tracker = FaultTracker()
    compared = 0
    for sweep in range(12):
        for u in units:
            if rng.random() < 0.15:
                u.condition = rng.choice(("ok", "offline", "hot", "reboot", "nan", "inlet_hot"))
                u.booted = stage_verdicts.T0 + sweep * stage_verdicts.SWEEP_S - 100
        for at in range(0, len(units), 50):
            t = stage_verdicts.T0 + sweep * stage_verdicts.SWEEP_S + at / 100
            snaps = [stage_verdicts.snapshot(u, sweep, t, rng) for u in units[at : at + 50]]
            tracker.update(snaps)
            kept = (tracker.temp_trends(1800.0), tracker.inlet_trends())  # as the stage asks
            fresh: tuple[dict[str, float], dict[str, float]] = ({}, {})
            for key, m in tracker._miners.items():
                for out, rise in zip(fresh, (_temp_rise, _inlet_rise), strict=True):
                    value = rise(m.hist, 1800.0, None)
                    if value is not None:
                        out[key] = value
            assert kept == fresh, f"sweep {sweep}, batch at {at}"
            compared += len(fresh[0]) + len(fresh[1])
    assert compared > 10_000  # rises were measured, not just empty dicts compared
