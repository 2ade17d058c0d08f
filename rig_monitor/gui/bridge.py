"""The one place where the engine thread meets Qt.

The engine calls :meth:`EngineBridge.on_batch` on its own thread; the bridge lives in the GUI thread,
so the signal is queued and its slots run on the GUI thread. One emit per batch, never per miner.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from rig_monitor.core.engine.engine import Batch


class EngineBridge(QObject):
    batch_ready = Signal(object)  # Batch
    engine_failed = Signal(str)  # the engine process died unasked: what happened

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._closed = False

    def on_batch(self, batch: Batch) -> None:
        """Engine-thread callback. After :meth:`close` it drops batches (the window is going)."""
        if not self._closed:
            self.batch_ready.emit(batch)

    def on_engine_failed(self, text: str) -> None:
        """Reader-thread callback of :class:`EngineProcess` when its child dies unasked."""
        if not self._closed:
            self.engine_failed.emit(text)

    def close(self) -> None:
        self._closed = True
