"""What a ``rig-monitor`` process pays before its first miner: modules a command that does not
need them must not import (each one is start-up time of every ``poll``, benchmarks/warm.py)."""

from __future__ import annotations

import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.split())


def test_building_the_parser_reads_no_package_metadata() -> None:
    mods = _modules_after("from rig_monitor.cli import build_parser\nbuild_parser()")
    assert "rig_monitor.cli" in mods
    assert "importlib.metadata" not in mods
    assert "keyring" not in mods


def test_version_is_read_when_asked() -> None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        expected = version("rig-monitor")
    except PackageNotFoundError:
        expected = "0.0.0+unknown"
    out = subprocess.run(
        [sys.executable, "-m", "rig_monitor", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert out.stdout.strip() == f"rig-monitor {expected}"
    import rig_monitor

    assert rig_monitor.__version__ == expected
