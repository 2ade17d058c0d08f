"""Cheap checks of the packaging files (no PyInstaller build: .ci/package does the real thing)."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "packaging"


def test_workflow_is_valid_yaml_with_a_name_on_every_step() -> None:
    doc = yaml.safe_load((ROOT / ".github/workflows/package.yml").read_text(encoding="utf-8"))
    assert set(doc["jobs"]) == {"windows", "macos", "linux"}
    for job_id, job in doc["jobs"].items():
        assert job.get("name"), job_id
        for step in job["steps"]:
            assert step.get("name"), f"{job_id}: a step without a name: {step}"


def test_desktop_file_and_icons() -> None:
    desktop = PKG / "linux/rig-monitor.desktop"
    cp = configparser.ConfigParser(interpolation=None)
    cp.optionxform = str  # type: ignore[assignment,method-assign]
    cp.read(desktop, encoding="utf-8")
    entry = cp["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "rig-monitor"
    assert entry["Icon"] == "rig-monitor"
    assert "System" in entry["Categories"].split(";")
    for size in (16, 32, 48, 64, 128, 256):
        png = PKG / f"icons/rig-monitor-{size}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", png
    assert (PKG / "icons/rig-monitor.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(desktop)], check=True)


def test_bundle_data_path_matches_resource_lookup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The spec puts resources/ at <bundle>/rig_monitor/resources; the app must look there."""
    from rig_monitor.core import resources

    spec = (PKG / "rig_monitor.spec").read_text(encoding="utf-8")
    assert 'Path("rig_monitor/resources")' in spec
    bundled = tmp_path / "rig_monitor" / "resources"
    bundled.mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    resources.resource_dir.cache_clear()
    try:
        assert resources.resource_dir() == bundled
    finally:
        monkeypatch.delattr(sys, "_MEIPASS")
        resources.resource_dir.cache_clear()


def test_launcher_runs_the_cli() -> None:
    from rig_monitor import __version__

    out = subprocess.run(
        [sys.executable, str(PKG / "launcher.py"), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert out.stdout.strip() == f"rig-monitor {__version__}"


@pytest.mark.parametrize("script", ["packaging/linux/build-deb.sh", ".ci/package"])
def test_shell_scripts_parse(script: str) -> None:
    subprocess.run(["bash", "-n", str(ROOT / script)], check=True)


# The NSIS script is compiled by .ci/package (which installs makensis), not here: a test that
# needs a tool the README's set-up does not install would have to be skipped by default.
