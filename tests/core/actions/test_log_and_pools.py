"""The action log file and pool validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rig_monitor.core.actions.log import SINKS, read_actions, record_action
from rig_monitor.core.drivers.control import PoolError, parse_pool


def test_record_action_appends_json_lines_and_feeds_sinks(tmp_path: Path) -> None:
    path = tmp_path / "logs" / "actions.jsonl"
    seen: list[dict[str, object]] = []
    SINKS.append(seen.append)
    try:
        record_action(ip="10.0.0.1", port=4028, action="reboot", supported=True, ok=True,
                      error=None, detail="rebooting", when=5.0, path=path)  # fmt: skip
        record_action(ip="10.0.0.2", port=4028, action="reboot", supported=False, ok=False,
                      error="not supported", detail=None, path=path)  # fmt: skip
    finally:
        SINKS.remove(seen.append)
    with path.open("a") as fh:
        fh.write('{"torn": ')  # a crash mid-write
    recs = list(read_actions(path))
    assert [r["ip"] for r in recs] == ["10.0.0.1", "10.0.0.2"]
    assert recs[0] == json.loads(path.read_text().splitlines()[0])
    assert recs[0]["when"] == 5.0 and recs[0]["ok"] is True and recs[0]["dry_run"] is False
    assert len(seen) == 2
    assert (path.stat().st_mode & 0o077) == 0  # private to the user


def test_record_action_default_path_is_under_the_log_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RIG_MONITOR_CONFIG_DIR", str(tmp_path))
    record_action(ip="10.0.0.1", port=4028, action="locate-on", supported=True, ok=None,
                  error=None, detail="would send", dry_run=True)  # fmt: skip
    assert [r["action"] for r in read_actions()] == ["locate-on"]
    assert (tmp_path / "logs" / "actions.jsonl").exists()


@pytest.mark.parametrize(
    "text",
    [
        "stratum+tcp://btc.pool.example:3333,me.w1,x",
        "stratum+ssl://btc.pool.example:443,me.w1",
        "stratum2+tcp://v2.pool.example:34254,me",
        "stratum+tcp://10.0.0.5:3333,me.w1,secret",
    ],
)
def test_valid_pools(text: str) -> None:
    p = parse_pool(text)
    assert p.url == text.split(",")[0] and p.user
    assert "secret" not in repr(p)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("http://pool.example:3333,me", "not a stratum URL"),
        ("pool.example:3333,me", "not a stratum URL"),
        ("stratum+tcp://pool.example,me", "name the port"),
        ("stratum+tcp://pool.example:99999,me", "bad port"),
        ("stratum+tcp://:3333,me", "no valid host"),
        ("stratum+tcp://pool.example:3333", "URL,USER"),
        ("stratum+tcp://bad host:3333,me", "no valid host"),
        ("stratum+tcp://pool.example:3333,me\nx", "control characters"),
    ],
)
def test_invalid_pools_say_why(text: str, words: str) -> None:
    with pytest.raises(PoolError, match=words):
        parse_pool(text)
