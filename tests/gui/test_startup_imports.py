"""What the window loads before it shows: the engine child polls, so the window process must not
pay for the drivers (every driver, httpx: ~0.3-0.5 s of CPU at each launch) or for the package
metadata until an action, a miner's buttons or the About box asks for them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

HEAVY = ("rig_monitor.core.drivers", "httpx", "importlib.metadata")

BUILD = """
import json, sys
from rig_monitor.gui.app import _application
from rig_monitor.gui.main_window import MainWindow
from rig_monitor.core.model import Target
app = _application(["rig-monitor-test"])
w = MainWindow([Target("127.0.0.1", 4028)], persist=False, use_tray=False)
w.show()
app.processEvents()
built = sorted(m for m in sys.modules if m.startswith(HEAVY))
from rig_monitor.gui import actions_menu
from rig_monitor.gui.window_menus import about_text
url = actions_menu.web_ui_url(Target("127.0.0.1", 4028))
version = about_text()
used = sorted(m for m in sys.modules if m.startswith(HEAVY))
w.shutdown()
w.wait_stopped()
print("RESULT " + json.dumps({"built": built, "used": used, "url": url, "about": version}))
"""


def _run() -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-c", f"HEAVY = {HEAVY!r}\n{BUILD}"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    assert lines, proc.stderr[-3000:]
    result: dict[str, object] = json.loads(lines[-1][len("RESULT ") :])
    return result


def test_window_shows_without_the_drivers_or_package_metadata() -> None:
    result = _run()
    assert result["built"] == []
    # and they still load when asked for: the web link, the About box's version
    assert result["url"] == "http://127.0.0.1/"
    assert "Rig Monitor " in str(result["about"])
    used = result["used"]
    assert isinstance(used, list)
    assert "importlib.metadata" in used
