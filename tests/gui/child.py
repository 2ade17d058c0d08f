"""Run the app in a child process: ``app.exec()`` on the shared test QApplication would leave it
unable to deliver queued signals to later tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rig_monitor.gui.app import AUTOQUIT_ENV

PRELUDE = """\
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from rig_monitor.core.model import Target
from rig_monitor.gui import app
qapp = QApplication(['rig-monitor'])
def look():
    for w in QApplication.topLevelWidgets():
        if isinstance(w, app.MainWindow) and w.isVisible():
            print('rows', sorted(w.model.keys()), flush=True)
            print('interval', w.interval_spin.value(), flush=True)
QTimer.singleShot(700, look)
"""


def run_child(
    main: str, config_dir: Path, autoquit_ms: int = 2000
) -> subprocess.CompletedProcess[str]:
    """Run ``PRELUDE + main`` offscreen; ``look()`` prints the window's rows after 0.7 s."""
    env = {
        **os.environ,
        AUTOQUIT_ENV: str(autoquit_ms),
        "QT_QPA_PLATFORM": "offscreen",
        "RIG_MONITOR_CONFIG_DIR": str(config_dir),
    }
    return subprocess.run(
        [sys.executable, "-c", PRELUDE + main + "\n"],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
