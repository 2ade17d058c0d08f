"""Closing an event loop we own without leaving tasks behind.

A task still pending when its loop closes is destroyed later, wherever the garbage collector
happens to run; its coroutine is then closed and fails with "Event loop is closed" (the scan
dialog left identification tasks and their requests behind this way; CI caught them as
unraisable errors in a later test). Cancelling a task can start another (a request is left to
finish on its own timeout rather than orphan its connection), so the sweep repeats.
"""

from __future__ import annotations

import asyncio

CANCEL_PASSES = 5


def close_loop(loop: asyncio.AbstractEventLoop) -> None:
    """Cancel and await every task left on ``loop`` (not running), finish its async
    generators, close it."""
    try:
        for _ in range(CANCEL_PASSES):
            pending = asyncio.all_tasks(loop)
            if not pending:
                break
            for task in pending:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
    finally:
        loop.close()
