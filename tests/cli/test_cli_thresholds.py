"""The CLI applies the operator's thresholds file (the same one the GUI's settings write)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from rig_monitor import cli
from rig_monitor.sim.fleet import SimFleet
from rig_monitor.sim.thread import SimFleetThread

PORT = 24138


@pytest.fixture
def one_miner() -> Iterator[SimFleet]:
    f = SimFleet.build(
        base="127.69.0.1", count=1, seed=2, port=PORT, personas=["antminer:S19j Pro"]
    )
    with SimFleetThread(f):
        yield f


def chip_faults(config_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("RIG_MONITOR_CONFIG_DIR", str(config_dir))
    cli._thresholds.cache_clear()
    out = io.StringIO()
    assert cli.main(["poll", f"127.69.0.1:{PORT}", "--json"], out) == 0
    cli._thresholds.cache_clear()
    return [f["id"] for f in json.loads(out.getvalue())[0]["faults"]]


def test_lowered_chip_limit_from_the_thresholds_file_raises_a_fault(
    one_miner: SimFleet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chip_c = one_miner.miners[0].truth().boards[0].temp_chip_c
    assert chip_c is not None and chip_c < 90  # healthy by default
    assert "chip_overtemp" not in chip_faults(tmp_path / "default", monkeypatch)

    custom = tmp_path / "custom"
    custom.mkdir()
    from rig_monitor.core.faults import ThresholdOverrides, save_overrides

    save_overrides(
        ThresholdOverrides(global_={"chip_overtemp.warn_c": chip_c - 10}),
        custom / "thresholds.json",
    )
    assert "chip_overtemp" in chip_faults(custom, monkeypatch)
