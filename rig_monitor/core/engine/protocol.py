"""The one face both engines show the window (and, later, ``serve``).

``EngineThread`` polls on a thread of the caller's process (the CLI, tests that need a fake
``poll``); ``EngineProcess`` polls in a spawned child so the window's GIL stays free. Code that
drives an engine types it as :class:`Engine`, so either can stand behind it and a test of the
window can run against the one users get.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from rig_monitor.core.engine.engine import EngineConfig
from rig_monitor.core.model import Target


@runtime_checkable
class Engine(Protocol):
    @property
    def config(self) -> EngineConfig: ...

    @property
    def secrets_persistent(self) -> bool | None: ...

    @property
    def running(self) -> bool: ...

    def start(self, targets: Iterable[Target] = ()) -> None: ...

    def set_targets(self, targets: Iterable[Target]) -> None: ...

    def add_targets(self, targets: Iterable[Target]) -> None: ...

    def remove_targets(self, keys: Iterable[str]) -> None: ...

    def set_interval(self, seconds: float) -> None: ...

    def poll_now(self) -> None: ...

    def set_miner_password(self, ip: str, port: int, user: str, password: str) -> None: ...

    def confirm_miner_identity(self, ip: str, port: int) -> None: ...

    def stop(self, timeout: float = 10.0) -> None: ...
