"""Action-log records as history events: outcome words, no dry runs, no credentials."""

from __future__ import annotations

from pathlib import Path

from rig_monitor.core.actions import log as action_log
from rig_monitor.core.history import HistoryReader, HistoryRecorder, Retention
from rig_monitor.core.history.actions import ActionHistory, action_event


def _rec(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {
        "when": 1_800_000_000.0,
        "ip": "127.0.0.9",
        "port": 4028,
        "action": "reboot",
        "supported": True,
        "ok": True,
        "error": None,
        "detail": "rebooting",
        "dry_run": False,
    }
    return {**base, **kw}


def test_outcomes_and_who() -> None:
    ok = action_event(_rec(), "ana")
    assert ok is not None
    assert (ok.t, ok.miner_key, ok.kind, ok.title) == (
        1_800_000_000.0,
        "127.0.0.9:4028",
        "action",
        "reboot",
    )
    assert (ok.detail, ok.operator) == ("reboot: done (rebooting)", "ana")
    no = action_event(_rec(supported=False, ok=False, error="no locate LED", action="locate-on"))
    assert no is not None and no.detail == "locate-on: not supported — no locate LED"
    bad = action_event(_rec(ok=False, error="timed out", detail=None))
    assert bad is not None and bad.detail == "reboot: failed — timed out"
    assert action_event(_rec(dry_run=True, ok=None)) is None  # a preview sends nothing


def test_credentials_in_a_pool_url_are_masked() -> None:
    ev = action_event(
        _rec(action="pools", detail="pool set to stratum+tcp://ops:hunter2@pool.invalid:3333")
    )
    assert ev is not None and "hunter2" not in (ev.detail or "")
    assert "stratum+tcp://***@pool.invalid:3333" in (ev.detail or "")


def test_the_sink_records_through_the_action_log(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    rec = HistoryRecorder(db, source="cli", retention=Retention())
    rec.start()
    assert rec.wait_ready()
    seen: list[int] = []
    with ActionHistory(rec, operator="ana", on_recorded=lambda: seen.append(1)) as sink:
        assert sink in action_log.SINKS
        for r in (_rec(), _rec(dry_run=True, ok=None)):
            action_log.record_action(
                **{k: v for k, v in r.items() if k != "when"}, path=tmp_path / "a.jsonl"
            )  # type: ignore[arg-type]
    assert sink not in action_log.SINKS
    assert rec.flush()
    rec.close()
    with HistoryReader(db) as r:
        events = r.events(None, 0, None)
    assert [(e.kind, e.detail, e.operator) for e in events] == [
        ("action", "reboot: done (rebooting)", "ana")
    ]
    assert seen == [1]
