"""A tab whose widget is built the first time it is shown.

The history charts bring pyqtgraph and numpy: ~50 MB of the window's memory and part of its
start-up, for tabs many sessions never open (issue 15: window plus engine under 300 MB).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

W = TypeVar("W", bound=QWidget)


class LazyPane(QWidget, Generic[W]):
    def __init__(self, build: Callable[[], W], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._widget: W | None = None
        self._pending: dict[str, Callable[[W], None]] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> W | None:
        return self._widget

    def ensure(self) -> W:
        """The widget, built now if it was not yet (then the calls kept for it are applied)."""
        if self._widget is None:
            widget = self._widget = self._build()
            self._layout.addWidget(widget)
            pending, self._pending = self._pending, {}
            for call in pending.values():
                call(widget)
        return self._widget

    def apply(self, tag: str, call: Callable[[W], None]) -> None:
        """Call it on the widget now, or once it is built; of calls with the same ``tag`` only
        the last is kept (the current miner, not every miner clicked before)."""
        if self._widget is not None:
            call(self._widget)
        else:
            self._pending[tag] = call

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure()
        super().showEvent(event)
