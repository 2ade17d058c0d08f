from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from rig_monitor.core import config as cfgmod
from rig_monitor.core.config import SCHEMA_VERSION, AppConfig, config_path, load_config, save_config


@pytest.fixture(autouse=True)
def _config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RIG_MONITOR_CONFIG_DIR", str(tmp_path / "cfg"))
    return tmp_path / "cfg"


def test_path_follows_env_override(_config_dir: Path) -> None:
    assert config_path() == _config_dir / "config.json"


def test_missing_file_gives_defaults() -> None:
    cfg = load_config()
    assert cfg == AppConfig()
    assert cfg.interval_s == 30.0 and cfg.targets == []


def test_round_trip(_config_dir: Path) -> None:
    cfg = AppConfig(targets=["10.0.0.5", "127.1.0.1:4029"], interval_s=45.0)
    save_config(cfg)
    data = json.loads((_config_dir / "config.json").read_text(encoding="utf-8"))
    assert data["version"] == SCHEMA_VERSION
    assert load_config() == cfg
    assert sorted(p.name for p in _config_dir.iterdir()) == ["config.json"]  # no temp left


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "",
        "[1, 2]",
        '{"targets": ["10.0.0.1"]}',  # no schema version
        '{"version": "one"}',
        "[" * 100_000,  # deep nesting: RecursionError in the parser
    ],
)
def test_corrupt_file_gives_defaults_and_a_backup(
    _config_dir: Path, content: str, caplog: pytest.LogCaptureFixture
) -> None:
    _config_dir.mkdir(parents=True)
    path = _config_dir / "config.json"
    path.write_text(content, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="rig_monitor.core.config"):
        cfg = load_config()
    assert cfg == AppConfig()
    assert (_config_dir / "config.json.bak").read_text(encoding="utf-8") == content
    assert any("unusable" in r.getMessage() for r in caplog.records)


def test_undecodable_bytes_give_defaults(_config_dir: Path) -> None:
    _config_dir.mkdir(parents=True)
    (_config_dir / "config.json").write_bytes(b"\xff\xfe\x00garbage")
    assert load_config() == AppConfig()
    assert (_config_dir / "config.json.bak").exists()


def test_wrong_field_types_fall_back_per_field() -> None:
    cfg = AppConfig.from_json(
        {"version": 1, "targets": ["10.0.0.1", 5, "", "10.0.0.1", " 10.0.0.2 "], "interval_s": "x"}
    )
    assert cfg.targets == ["10.0.0.1", "10.0.0.2"]
    assert cfg.interval_s == 30.0
    assert AppConfig.from_json({"version": 1, "interval_s": 1}).interval_s == 5.0  # clamped
    assert AppConfig.from_json({"version": 1, "interval_s": float("nan")}).interval_s == 30.0
    # a newer schema is read for what this version knows
    assert AppConfig.from_json({"version": 99, "interval_s": 60, "new": 1}).interval_s == 60.0


def test_atomic_write_keeps_old_file_when_writing_fails(
    _config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_config(AppConfig(targets=["10.0.0.1"]))

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    with monkeypatch.context() as m:
        m.setattr(cfgmod.os, "replace", broken_replace)
        with pytest.raises(OSError, match="disk full"):
            save_config(AppConfig(targets=["10.0.0.2"]))
    assert load_config().targets == ["10.0.0.1"]
    assert sorted(os.listdir(_config_dir)) == ["config.json"]  # the temp file was cleaned up


def test_copy_is_independent() -> None:
    a = AppConfig(targets=["10.0.0.1"])
    b = a.copy()
    b.targets.append("10.0.0.2")
    assert a.targets == ["10.0.0.1"]
