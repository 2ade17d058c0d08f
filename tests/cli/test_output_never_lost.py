"""A failure is an error row, a message and a non-zero exit; never a silent gap (issue 10)."""

from __future__ import annotations

import importlib
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import rig_monitor.cli as cli
from rig_monitor.cli import main
from rig_monitor.core import modeldb
from rig_monitor.core.faults.guard import EVALUATION_FAILED
from rig_monitor.core.faults.tracker import FaultTracker
from rig_monitor.sim.fleet import SimFleet
from rig_monitor.sim.thread import SimFleetThread

evaluate_mod = importlib.import_module("rig_monitor.core.faults.evaluate")
PORT = 24171
TARGETS = f"127.67.0.1-3:{PORT}"
BROKEN = "127.67.0.2"


@pytest.fixture(scope="module")
def fleet() -> Iterator[SimFleet]:
    sim = SimFleet.build(base="127.67.0.1", count=3, seed=5, port=PORT, personas=["antminer"])
    with SimFleetThread(sim):
        yield sim


@pytest.fixture(autouse=True)
def fresh_caches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("RIG_MONITOR_CONFIG_DIR", str(tmp_path))
    cli._thresholds.cache_clear()
    modeldb.default_db.cache_clear()
    yield tmp_path
    cli._thresholds.cache_clear()
    modeldb.default_db.cache_clear()


def run(*argv: str) -> tuple[int, object]:
    out = io.StringIO()
    rc = main(list(argv), out)
    return rc, json.loads(out.getvalue())


def _faults_of(row: dict) -> list[str]:  # type: ignore[type-arg]
    return [f["id"] for f in row["faults"]]


def test_poll_when_one_miners_evaluation_crashes(
    fleet: SimFleet, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = evaluate_mod.evaluate

    def crashing(snap, **kw):  # type: ignore[no-untyped-def]
        if snap.ip == BROKEN:
            raise ZeroDivisionError("float division by zero")
        return real(snap, **kw)

    monkeypatch.setattr(evaluate_mod, "evaluate", crashing)
    rc, rows = run("poll", TARGETS, "--json", "--timeout", "3")
    assert rc == 1
    assert isinstance(rows, list) and len(rows) == 3 and all(r["online"] for r in rows)
    broken = next(r for r in rows if r["ip"] == BROKEN)
    assert _faults_of(broken) == [EVALUATION_FAILED]
    assert "ZeroDivisionError" in broken["faults"][0]["detail"]
    assert all(EVALUATION_FAILED not in _faults_of(r) for r in rows if r["ip"] != BROKEN)
    assert "fault evaluation failed for 1 miner" in capsys.readouterr().err


def test_watch_json_keeps_every_sweep_when_the_tracker_crashes_on_one_miner(
    fleet: SimFleet, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = FaultTracker._update_one

    def crashing(self, snap, t, events, *rest):  # type: ignore[no-untyped-def]
        if snap.ip == BROKEN:
            raise ZeroDivisionError("float division by zero")
        return real(self, snap, t, events, *rest)

    monkeypatch.setattr(FaultTracker, "_update_one", crashing)
    rc, sweeps = run(
        "watch", TARGETS, "--json", "--sweeps", "2", "--interval", "0", "--timeout", "3"
    )
    assert rc == 1
    assert isinstance(sweeps, list) and len(sweeps) == 2
    for sweep in sweeps:
        assert len(sweep["miners"]) == 3
        broken = next(r for r in sweep["miners"] if r["ip"] == BROKEN)
        assert _faults_of(broken) == [EVALUATION_FAILED]


@pytest.mark.parametrize("name", ["models.json", "faults.json"])
@pytest.mark.parametrize("content", [b"\xff\xfe{not utf-8", b'{"models": [', b"[" * 5000])
def test_a_corrupt_data_file_in_the_config_folder_warns_and_uses_the_defaults(
    fleet: SimFleet,
    fresh_caches: Path,
    name: str,
    content: bytes,
    caplog: pytest.LogCaptureFixture,
) -> None:
    (fresh_caches / name).write_bytes(content)
    with caplog.at_level("WARNING"):
        rc, rows = run("poll", TARGETS, "--json", "--timeout", "3")
    assert rc == 0
    assert isinstance(rows, list) and len(rows) == 3
    for row in rows:
        assert row["online"] is True and row["error"] is None
        assert row["nominal_hashrate_ths"] is not None  # the built-in model database answered
    assert any(name in r.getMessage() for r in caplog.records if r.levelname == "WARNING")


class _Flushes(io.StringIO):
    """Remembers what had been written at each flush."""

    def __init__(self) -> None:
        super().__init__()
        self.at_flush: list[str] = []

    def flush(self) -> None:
        self.at_flush.append(self.getvalue())
        super().flush()


def test_watch_jsonl_streams_one_sweep_per_line_as_each_sweep_ends(fleet: SimFleet) -> None:
    out = _Flushes()
    rc = main(["watch", TARGETS, "--jsonl", "--sweeps", "3", "--interval", "0"], out)
    assert rc == 0
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    docs = [json.loads(line) for line in lines]
    assert [d["sweep"] for d in docs] == [1, 2, 3]
    assert all(len(d["miners"]) == 3 and all(m["online"] for m in d["miners"]) for d in docs)
    # flushed after every sweep: the first flush held exactly the first line
    assert out.at_flush[0].count("\n") == 1


def test_watch_json_and_jsonl_together_is_a_usage_error(fleet: SimFleet) -> None:
    assert main(["watch", TARGETS, "--json", "--jsonl", "--sweeps", "1"], io.StringIO()) == 2
