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
    names = sorted(p.name for p in _config_dir.iterdir() if not p.name.endswith(".lock"))
    assert names == ["config.json"]  # no temp left (the lock file stays, empty)


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
    names = sorted(n for n in os.listdir(_config_dir) if not n.endswith(".lock"))
    assert names == ["config.json"]  # the temp file was cleaned up


def test_copy_is_independent() -> None:
    a = AppConfig(targets=["10.0.0.1"])
    b = a.copy()
    b.targets.append("10.0.0.2")
    assert a.targets == ["10.0.0.1"]


def test_a_writer_keeps_what_another_saved_meanwhile(_config_dir: Path) -> None:
    """The window's copy is older than the file: only its own changes are written."""
    from rig_monitor.core.config import merge_changes, update_config

    save_config(AppConfig(targets=["10.0.0.1"], sites={"old": ["10.0.0.0/30"]}))
    window = load_config()  # the window reads the file at start-up
    before = window.copy()
    update_config(lambda c: c.sites.__setitem__("from-cli", ["10.1.0.0/24"]))  # CLI, meanwhile
    update_config(lambda c: c.targets.append("10.9.9.9"))
    window.targets.append("10.0.0.2")
    window.targets.remove("10.0.0.1")
    window.sites["from-window"] = ["10.2.0.0/24"]
    del window.sites["old"]
    window.interval_s = 60.0
    update_config(merge_changes(before, window))
    disk = load_config()
    assert disk.sites == {"from-cli": ["10.1.0.0/24"], "from-window": ["10.2.0.0/24"]}
    assert disk.targets == ["10.9.9.9", "10.0.0.2"]
    assert disk.interval_s == 60.0


def test_temp_files_left_by_a_killed_writer_are_removed(_config_dir: Path) -> None:
    from rig_monitor.core.config import tidy

    save_config(AppConfig(targets=["10.0.0.1"]))
    stale = [_config_dir / ".config.json.k1ll3d.tmp", _config_dir / ".thresholds.json.x.tmp"]
    for p in stale:
        p.write_text('{"version": 1, "targ', encoding="utf-8")  # cut short by SIGKILL
    tidy()
    assert not any(p.exists() for p in stale)
    stale[0].write_text("half", encoding="utf-8")
    save_config(AppConfig(targets=["10.0.0.2"]))  # any later write cleans up too
    assert not stale[0].exists()
    assert load_config().targets == ["10.0.0.2"]


@pytest.mark.parametrize("name", ["", "   ", " rack-a", "rack-a ", "a\tb", "x" * 65])
def test_bad_site_names_are_refused(name: str) -> None:
    from rig_monitor.core.config import check_site_name

    with pytest.raises(ValueError) as err:
        check_site_name(name)
    assert str(err.value)


def test_good_site_names_pass() -> None:
    from rig_monitor.core.config import check_site_name

    for name in ("Qingdao-2", "青岛 2号", "Ферма 3"):
        assert check_site_name(name) == name
