"""The one place where the engine thread meets Qt.

The engine calls :meth:`EngineBridge.on_batch` on its own thread; the signal is emitted on the GUI
thread (through :func:`emit_on_gui`), so its slots run there. One emit per batch, never per miner.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from rig_monitor.core.engine.engine import Batch
from rig_monitor.gui.thread_hop import emit_on_gui


class EngineBridge(QObject):
    batch_ready = Signal(object)  # Batch
    engine_failed = Signal(str)  # the engine process died unasked: what happened

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._closed = False

    def on_batch(self, batch: Batch) -> None:
        """Engine-thread callback. After :meth:`close` it drops batches (the window is going)."""
        if not self._closed:
            emit_on_gui(self.batch_ready, batch)

    def on_engine_failed(self, text: str) -> None:
        """Reader-thread callback of :class:`EngineProcess` when its child dies unasked."""
        if not self._closed:
            emit_on_gui(self.engine_failed, text)

    def close(self) -> None:
        self._closed = True
