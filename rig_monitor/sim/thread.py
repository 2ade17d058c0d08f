"""Run a fleet on its own event loop in a daemon thread, for callers that are not async (GUI, CLI tests)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import TypeVar

from rig_monitor.sim.fleet import SimFleet

T = TypeVar("T")
CALL_TIMEOUT_S = 30.0


class SimFleetThread:
    def __init__(self, fleet: SimFleet) -> None:
        self.fleet = fleet
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Returns once every listener is bound; re-raises the bind error otherwise."""
        if self._thread is not None:
            raise RuntimeError("already started")
        ready = threading.Event()
        failure: list[BaseException] = []
        loop = asyncio.new_event_loop()

        def main() -> None:
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self.fleet.start())
            except BaseException as exc:
                failure.append(exc)
                ready.set()
                loop.close()
                return
            ready.set()
            loop.run_forever()
            loop.close()

        self._loop = loop
        self._thread = threading.Thread(target=main, name="rig-monitor-sim", daemon=True)
        self._thread.start()
        ready.wait()
        if failure:
            self._thread.join()
            self._thread = self._loop = None
            raise failure[0]

    def call(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on the fleet's loop and return its result (thread-safe access to miners)."""
        if self._loop is None:
            return fn()

        async def run() -> T:
            return fn()

        return asyncio.run_coroutine_threadsafe(run(), self._loop).result(CALL_TIMEOUT_S)

    def inject(self, ip: str, fault: str, port: int | None = None) -> None:
        """Effective on return: e.g. after ``inject(ip, "offline")`` connects are refused."""
        self.call(lambda: self.fleet.inject(ip, fault, port))

    def clear(self, ip: str, fault: str | None = None, port: int | None = None) -> None:
        self.call(lambda: self.fleet.clear(ip, fault, port))

    def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        asyncio.run_coroutine_threadsafe(self.fleet.stop(), loop).result(CALL_TIMEOUT_S)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(CALL_TIMEOUT_S)
        self._loop = self._thread = None

    def __enter__(self) -> SimFleetThread:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
