"""Signals raised on worker threads are emitted on the GUI thread, through one QObject slot.

Why: PySide6 (seen with 6.11.3) can deliver a *queued* signal to a plain Python callable (a lambda,
a method of a non-QObject such as pytest-qt's ``waitSignal`` blocker) after that callable was
disconnected and freed: the call then runs on a dangling ``self`` and the process segfaults. It
happened in CI (``tests/gui/test_actions_gui.py``, exit 139) when the history writer thread
emitted ``HistoryLink.recorded`` twice and the first emission had already ended the wait. The
same family of crash is reported upstream for cross-thread signals since 6.8 (PYSIDE-3124, and
pymmcore-plus/pymmcore-widgets#454).

So no worker thread emits a public signal itself. It hands the signal and its arguments to
:func:`emit_on_gui`, whose carrier crosses threads as a queued call to a real ``@Slot`` of a QObject
that lives on the GUI thread (Qt drops such calls if the object goes away), and the public signal
is emitted there. Every connection to it is then direct and synchronous: nothing is queued to a
Python callable that can vanish in between.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, SignalInstance, Slot

log = logging.getLogger(__name__)


class _Hop(QObject):
    carry = Signal(object, object)  # (SignalInstance, tuple of arguments)

    def __init__(self) -> None:
        super().__init__()
        self.carry.connect(self._emit, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object)
    def _emit(self, signal: SignalInstance, args: tuple[Any, ...]) -> None:
        try:
            signal.emit(*args)
        except RuntimeError as exc:  # "Signal source has been deleted": its window closed meanwhile
            log.debug("dropped a signal for a deleted object: %s", exc)


_HOP: _Hop | None = None
_LOCK = threading.Lock()


def _hop() -> _Hop:
    global _HOP
    if _HOP is None:
        with _LOCK:
            if _HOP is None:
                hop = _Hop()
                app = QCoreApplication.instance()
                if app is not None and hop.thread() is not app.thread():
                    hop.moveToThread(app.thread())  # made on a worker thread: push it to the GUI
                _HOP = hop
    return _HOP


def emit_on_gui(signal: SignalInstance, *args: Any) -> None:
    """Emit ``signal(*args)`` on the GUI thread: at once when called there, else queued."""
    hop = _hop()
    if hop.thread().isCurrentThread():
        signal.emit(*args)
    else:
        hop.carry.emit(signal, args)


def make_hop() -> None:
    """Create the carrier now. Call on the GUI thread before starting workers (the app does)."""
    _hop()
