"""The engine child's profile switch (a measuring aid for benchmarks.gui --child-profile)."""

from __future__ import annotations

import pstats
from pathlib import Path

import pytest

from rig_monitor.core.engine import engine_process


def _work() -> int:
    return sum(i * i for i in range(1000))


def test_profile_written_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "child.prof"
    monkeypatch.setenv(engine_process.PROFILE_ENV, str(out))
    engine_process._start_profile()
    _work()
    engine_process._stop_profile()
    names = {fn for (_, _, fn) in pstats.Stats(str(out)).stats}  # type: ignore[attr-defined]
    assert "_work" in names
    engine_process._stop_profile()  # a second sweep's end: nothing left to write, no error


def test_no_profile_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(engine_process.PROFILE_ENV, raising=False)
    engine_process._start_profile()
    assert not engine_process._profile
    engine_process._stop_profile()
    assert list(tmp_path.iterdir()) == []
