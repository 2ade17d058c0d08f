"""An uncaught exception in the window is logged with context and shown once; Qt's messages and
logs go to the rotating, redacted log file."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import pytest

from rig_monitor.gui.crash import CrashReporter, qt_message


def _raise_in_slot() -> None:
    raise ValueError("login?password=hunter22 failed")


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")
def test_uncaught_exceptions_are_logged_and_shown_once(
    qtbot: Any, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    reporter = CrashReporter(tmp_path / "rig-monitor.log")
    for _ in range(3):
        try:
            _raise_in_slot()
        except ValueError:
            reporter.handle(*sys.exc_info())  # type: ignore[arg-type]
    assert reporter.count == 3
    crit = [r for r in caplog.records if r.levelno == logging.CRITICAL]
    assert len(crit) == 3
    assert "test_crash.py" in crit[0].getMessage() and "_raise_in_slot" in crit[0].getMessage()
    box = reporter.box
    assert box is not None and box.isVisible()
    qtbot.addWidget(box)
    assert "rig-monitor.log" in box.informativeText()
    assert "hunter22" not in box.informativeText() + box.detailedText()
    from PySide6.QtWidgets import QApplication, QMessageBox

    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert [w for w in shown if w.isVisible()] == [box]  # one dialog, not three


def test_qt_messages_go_to_the_log(caplog: pytest.LogCaptureFixture) -> None:
    from PySide6.QtCore import QMessageLogContext, QtMsgType

    qt_message(QtMsgType.QtWarningMsg, QMessageLogContext(), "QPainter::begin: not active")
    assert any(r.name == "qt" and "QPainter" in r.getMessage() for r in caplog.records)


def test_app_logs_rotate(tmp_path: Path) -> None:
    from logging.handlers import RotatingFileHandler

    from rig_monitor.core.logsafe import LOG_FILE_BYTES, setup_logging

    root = logging.getLogger()
    level = root.level
    path = setup_logging(logging.INFO, log_dir=tmp_path, stream=False)
    try:
        handlers = [h for h in root.handlers if isinstance(h, RotatingFileHandler)]
        assert len(handlers) == 1 and path == tmp_path / "rig-monitor.log"
        assert handlers[0].maxBytes == LOG_FILE_BYTES and handlers[0].backupCount >= 1
        line = "x" * 1000
        for _ in range(LOG_FILE_BYTES // 1000 + 50):
            logging.getLogger("rig_monitor.test").info(line)
        assert (tmp_path / "rig-monitor.log.1").exists()
    finally:
        for h in list(root.handlers):
            if getattr(h, "_rig_monitor", False):
                root.removeHandler(h)
                h.close()
        root.setLevel(level)
