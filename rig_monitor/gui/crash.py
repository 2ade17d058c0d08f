"""What the window does with an exception nobody caught, and with Qt's own warnings.

An exception in a slot used to go to stderr (nowhere, for an app started from a desktop menu)
and the window carried on in an unknown state. Now it is logged with its traceback and context
(the log file is rotated and redacted: see core/logsafe.py) and the operator is told once, with
where the log is; later ones are logged and counted, never a cascade of dialogs. Qt's messages
(qWarning and friends) go to the same log.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from rig_monitor.core.logsafe import redact
from rig_monitor.gui.i18n import t

log = logging.getLogger("rig_monitor.crash")

ExcHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class CrashReporter:
    """``sys.excepthook`` and ``threading.excepthook`` for the window's process."""

    def __init__(self, log_file: Path | None = None) -> None:
        self.log_file = log_file
        self.count = 0
        self.box: QMessageBox | None = None
        self._previous: ExcHook | None = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self._thread_hook
        qInstallMessageHandler(qt_message)

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
        threading.excepthook = threading.__excepthook__
        qInstallMessageHandler(None)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        log.error(
            "uncaught exception in thread %s",
            name,
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )
        self.count += 1

    def handle(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        self.count += 1
        where = _where(tb)
        log.critical("uncaught exception in the window (%s)", where, exc_info=(kind, value, tb))
        if self.box is not None:
            return  # shown once; the rest are in the log
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        text = redact(f"{kind.__name__}: {value}")
        detail = "".join(traceback.format_exception(kind, value, tb, limit=12))
        box = QMessageBox(_parent())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(t("Rig Monitor: unexpected error"))
        box.setText(
            t(
                "Something went wrong inside Rig Monitor. Polling goes on, but this window may "
                "show stale or wrong data until it is restarted."
            )
        )
        where_log = t("Details are in {path}.").format(path=self.log_file) if self.log_file else ""
        box.setInformativeText(f"{text}\n{where_log}")
        box.setDetailedText(redact(detail))
        box.setModal(False)
        self.box = box
        box.show()


def _where(tb: TracebackType | None) -> str:
    frames = traceback.extract_tb(tb)
    if not frames:
        return "no traceback"
    last = frames[-1]
    return f"{Path(last.filename).name}:{last.lineno} in {last.name}"


def _parent() -> QWidget | None:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    return app.activeWindow()


def qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    where = f" ({context.file}:{context.line})" if context.file else ""
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)
