"""One error type for every transport (CGMiner TCP, HTTP, Whatsminer v3), carrying its ErrorKind.

The kind is what the operator sees ("refused", "timed out", "auth failed" …), so every client maps
its own failures onto the same few words.
"""

from __future__ import annotations

from rig_monitor.core.logsafe import redact
from rig_monitor.core.model import ErrorKind


class MinerError(Exception):
    """The miner could not be asked, refused us, or its answer could not be read."""

    def __init__(self, kind: ErrorKind, message: str) -> None:
        message = redact(message)  # a URL or a reply snippet may carry a password or token
        super().__init__(message)
        self.kind = kind
        self.message = message


class HostileReply(MinerError):
    """A reply no real firmware sends (more objects than any miner has, nested absurdly deep,
    broken and too large to repair): junk or an attack, not a quirk to work around.

    Always ``bad reply``. Callers that would otherwise try another command, port or web page
    stop at it: each of those asks the same device, which answers with the same junk (issue 10:
    ~4.4 requests per such miner and sweep, ~5 ms of the event loop's CPU; one now, ~0.5 ms;
    docs/performance.md)."""

    def __init__(self, message: str) -> None:
        super().__init__(ErrorKind.BAD_REPLY, message)


def crash_message(exc: BaseException) -> str:
    """What the operator reads when reading a reply crashed: words, never a Python repr."""
    if isinstance(exc, RecursionError):
        return "bad reply: nested too deep"
    text = str(exc).strip() or "no details"
    if len(text) > 200:
        text = text[:200] + "…"
    return f"bad reply: could not read it ({type(exc).__name__}: {text})"
