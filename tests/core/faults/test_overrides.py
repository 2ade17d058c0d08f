"""thresholds.json: typed, versioned, atomic, and never a crash."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from rig_monitor.core.faults import (
    ThresholdOverrides,
    default_catalogue,
    load_thresholds,
    read_overrides,
    save_overrides,
    thresholds_path,
)
from rig_monitor.core.faults.overrides import parse_overrides


@pytest.fixture(autouse=True)
def _config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cfg"
    monkeypatch.setenv("RIG_MONITOR_CONFIG_DIR", str(path))
    return path


def test_round_trip_writes_only_what_is_set(_config_dir: Path) -> None:
    o = ThresholdOverrides(
        {"inlet_overtemp.warn_c": 32},
        {"Antminer S21": {"chip_overtemp.warn_c": 97}, "S9": {}},
        {"10.10.1.37": {"chip_overtemp.warn_c": 80}},
    )
    save_overrides(o)
    path = thresholds_path()
    assert path == _config_dir / "thresholds.json"
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "version": 1,
        "global": {"inlet_overtemp.warn_c": 32},
        "models": {"Antminer S21": {"chip_overtemp.warn_c": 97}},
        "miners": {"10.10.1.37": {"chip_overtemp.warn_c": 80}},
    }
    assert not list(_config_dir.glob("*.tmp"))  # atomic: no temp file left
    loaded = read_overrides(catalogue=default_catalogue())
    assert loaded.warnings == ()
    assert loaded.overrides.models == {"Antminer S21": {"chip_overtemp.warn_c": 97.0}}
    assert loaded.overrides.count() == 3


def test_load_thresholds_applies_overrides_by_precedence() -> None:
    save_overrides(
        ThresholdOverrides(
            {"chip_overtemp.warn_c": 85},
            {"S19j Pro": {"chip_overtemp.warn_c": 82}},
            {"10.0.0.7": {"chip_overtemp.warn_c": 80}},
        )
    )
    th = load_thresholds()
    get = lambda ip, model: th.for_miner(ip, 4028, "Antminer", model).get(  # noqa: E731
        "chip_overtemp", "warn_c"
    )
    assert get("10.0.0.1", "S21") == 85  # global
    assert get("10.0.0.2", "S19j Pro") == 82  # model beats global
    assert get("10.0.0.7", "S19j Pro") == 80  # miner beats model
    assert th.for_miner("10.0.0.1").get("chip_overtemp", "crit_c") == 100  # untouched default


def test_missing_file_is_defaults_without_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        th = load_thresholds()
    assert caplog.text == ""
    assert th.for_miner("10.0.0.1").get("chip_overtemp", "warn_c") == 95


@pytest.mark.parametrize(
    "text",
    ['{"version": 1, "global": {', "[1, 2]", '{"global": {}}', '{"version": "1"}', "\xff\xfe"],
)
def test_corrupt_file_gives_defaults_a_warning_and_a_backup(
    text: str, _config_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _config_dir.mkdir(parents=True)
    path = _config_dir / "thresholds.json"
    path.write_bytes(text.encode("latin-1"))
    loaded = read_overrides()
    assert loaded.overrides.is_empty()
    assert len(loaded.warnings) == 1
    assert str(path) in loaded.warnings[0] and "using the default thresholds" in loaded.warnings[0]
    assert (_config_dir / "thresholds.json.bak").read_bytes() == path.read_bytes()
    with caplog.at_level(logging.WARNING):
        th = load_thresholds()
    assert "using the default thresholds" in caplog.text
    assert th.for_miner("10.0.0.1").get("chip_overtemp", "warn_c") == 95


def test_bad_entries_are_skipped_with_a_warning_each() -> None:
    data = {
        "version": 2,
        "global": {
            "chip_overtemp.warn_c": 80,
            "no_such_fault.warn_c": 1,
            "chip_overtemp.warn_cc": 1,
            "chip_overtemp": 1,
            "fan_failed.raise_polls": True,
            "hashrate_low.warn_ratio": "0.8",
            "fan_failed.grace_s": 60,  # a dwell parameter every rule honours
        },
        "models": {"S21": {"chip_overtemp.crit_c": 99}, "": {}, "S9": "hot"},
        "miners": ["10.0.0.1"],
    }
    o, warnings = parse_overrides(data, default_catalogue())
    assert o.global_ == {"chip_overtemp.warn_c": 80.0, "fan_failed.grace_s": 60.0}
    assert o.models == {"S21": {"chip_overtemp.crit_c": 99.0}}
    assert o.miners == {}
    text = "\n".join(warnings)
    for needle in (
        "newer than this app's",
        "'no_such_fault.warn_c' names no known fault",
        "has no parameter 'warn_cc'",
        "'chip_overtemp' is not '<fault id>.<param>'",
        "'fan_failed.raise_polls' must be a number",
        "'hashrate_low.warn_ratio' must be a number",
        "an empty name",
        "'S9'",
        "'miners': must be an object",
    ):
        assert needle in text, needle
    assert len(warnings) == 9
    th = o.thresholds(default_catalogue())
    assert th.for_miner("10.0.0.1", model="S21").get("chip_overtemp", "crit_c") == 99


def test_unreadable_file_is_a_warning(_config_dir: Path) -> None:
    (_config_dir / "thresholds.json").mkdir(parents=True)  # a folder where the file should be
    loaded = read_overrides()
    assert loaded.overrides.is_empty() and "cannot read" in loaded.warnings[0]


def test_user_catalogue_file_is_merged_and_a_broken_one_ignored(
    _config_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _config_dir.mkdir(parents=True)
    user = _config_dir / "faults.json"
    user.write_text(
        json.dumps({"faults": [{"id": "chip_overtemp", "params": {"warn_c": 87}}]}),
        encoding="utf-8",
    )
    assert load_thresholds().for_miner("10.0.0.1").get("chip_overtemp", "warn_c") == 87
    user.write_text("{", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        th = load_thresholds(lang="ru")
    assert "using the built-in fault catalogue" in caplog.text
    assert th.catalogue.lang == "ru"
    assert th.for_miner("10.0.0.1").get("chip_overtemp", "warn_c") == 95
