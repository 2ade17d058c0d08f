"""RPC every poll plus token-authenticated web pages (Auradine, Goldshell), shared.

The token lives in ``session.state[key]`` between polls; when any page is refused (401/403: the
token expired or the miner rebooted) the driver logs in once more and reads the pages again. A
failing web side never takes the miner offline: its message lands in ``replies["web_error"]``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from rig_monitor.core.drivers.base import Session
from rig_monitor.core.errors import MinerError
from rig_monitor.core.wire.cgminer import status_of
from rig_monitor.core.wire.http import HttpClient

REFUSED = (401, 403)
WEB_ERROR = "web_error"

Login = Callable[[HttpClient], Awaitable[str]]
Page = Callable[[HttpClient, str, str], Awaitable[tuple[int, Any]]]


async def rpc_and_web(
    session: Session,
    commands: tuple[str, ...],
    key: str,
    pages: tuple[str, ...],
    login: Login,
    page: Page,
    prefix: str,
) -> dict[str, Any]:
    """RPC ``commands``, then ``page(http, name, token)`` for each of ``pages`` (as ``prefix+name``)."""
    replies: dict[str, Any] = dict(await session.rpc.multi(*commands))
    http = session.http
    if http is None:
        return replies
    try:
        token = session.state.get(key) or await login(http)
        session.state[key] = token
        results = await asyncio.gather(*(page(http, p, token) for p in pages))
        if any(status in REFUSED for status, _ in results):
            session.state[key] = token = await login(http)
            results = await asyncio.gather(*(page(http, p, token) for p in pages))
        replies.update(
            {prefix + p: doc for p, (status, doc) in zip(pages, results, strict=True) if doc}
        )
    except MinerError as exc:
        replies[WEB_ERROR] = exc.message
    return replies


async def rpc_else_web(
    session: Session,
    read_rpc: Callable[[], Awaitable[dict[str, Any]]],
    read_web: Callable[[], Awaitable[dict[str, Any]]],
) -> dict[str, Any]:
    """The RPC replies; the web API's (``read_web``) only when the RPC has no usable
    ``summary`` (closed, or a firmware build that answers nothing there: Vnish, BOS REST). When
    neither side answers, the RPC's error is the one the operator sees."""
    rpc_error: MinerError | None = None
    try:
        replies = await read_rpc()
    except MinerError as exc:
        if session.http is None:
            raise
        replies, rpc_error = {}, exc
    else:
        summary = replies.get("summary")
        if session.http is None or (isinstance(summary, dict) and status_of(summary).ok):
            return replies
    try:
        replies.update(await read_web())
    except MinerError:
        if rpc_error is not None:
            raise rpc_error from None
    return replies
