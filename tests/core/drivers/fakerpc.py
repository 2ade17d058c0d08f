"""A CGMiner client stand-in for firmware that refuses multi-command requests (one connection
per command), logging what was asked; its replies are a real capture's."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind


class SinglesRpc:
    """``multi_supported``: False (known to refuse), None (not tried yet: the first ``multi``
    is refused and falls back, as the real client does) or True (multi-command works)."""

    def __init__(self, replies: dict[str, Any], multi_supported: bool | None = False) -> None:
        self.multi_supported = multi_supported
        self.replies = replies
        self.asked: list[str] = []
        self.fail: set[str] = set()

    async def command(self, command: str) -> dict[str, Any]:
        self.asked.append(command)
        if command in self.fail:
            raise MinerError(ErrorKind.TIMEOUT, "timed out: no complete reply in 1 s")
        return self.replies[command]

    async def multi(self, *commands: str) -> dict[str, Any]:
        if self.multi_supported is not False:
            self.asked.append("+".join(commands))
            if self.multi_supported:
                return {c: self.replies[c] for c in commands}
            self.multi_supported = False  # refused: the client falls back to single commands
        out = {}
        for c in commands:
            with contextlib.suppress(MinerError):
                out[c] = await self.command(c)
        return out

    def edit(self, command: str, section: str, key: str, value: Any) -> None:
        """Set ``key`` in the first item of ``section`` of a copy of ``command``'s reply."""
        reply = json.loads(json.dumps(self.replies[command]))
        reply[section][0][key] = value
        self.replies[command] = reply
