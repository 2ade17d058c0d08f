"""close_loop leaves no task behind, even one started while the others are being cancelled."""

from __future__ import annotations

import asyncio
import gc
import sys
from typing import Any

from rig_monitor.core.engine.loops import close_loop


def test_tasks_started_by_cancellation_are_cancelled_too_and_nothing_fails_later() -> None:
    loop = asyncio.new_event_loop()
    spawned: list[asyncio.Task[None]] = []

    async def request() -> None:
        await asyncio.sleep(3600)

    async def caller() -> None:
        try:
            await asyncio.sleep(3600)
        finally:  # as a request left to finish on its own timeout
            spawned.append(asyncio.ensure_future(request()))

    async def start() -> asyncio.Task[None]:
        task = asyncio.ensure_future(caller())
        await asyncio.sleep(0)
        return task

    first = loop.run_until_complete(start())
    unraisable: list[Any] = []
    old_hook = sys.unraisablehook
    sys.unraisablehook = unraisable.append
    try:
        close_loop(loop)
        assert loop.is_closed()
        assert first.cancelled() and spawned and spawned[0].cancelled()
        assert not asyncio.all_tasks(loop)
        del first
        spawned.clear()
        gc.collect()
    finally:
        sys.unraisablehook = old_hook
    assert unraisable == []


def test_without_the_second_pass_the_spawned_task_would_be_left_pending() -> None:
    """The situation close_loop exists for: one cancel-and-gather pass is not enough."""
    loop = asyncio.new_event_loop()
    kept: list[asyncio.Future[None]] = []

    async def caller() -> None:
        try:
            await asyncio.sleep(3600)
        finally:
            kept.append(asyncio.ensure_future(asyncio.sleep(3600)))

    async def start() -> None:
        kept.append(asyncio.ensure_future(caller()))
        await asyncio.sleep(0)

    loop.run_until_complete(start())
    pending = asyncio.all_tasks(loop)
    for task in pending:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    assert len(asyncio.all_tasks(loop)) == 1  # what a single pass leaves
    close_loop(loop)
    assert not asyncio.all_tasks(loop)
