"""Why the history cannot be used, in words an operator can act on."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class HistoryUnavailable(Exception):
    """The database cannot be opened or written; monitoring goes on without history."""


def explain(exc: BaseException, path: Path) -> str:
    """Turn an sqlite3 error into one sentence saying what happened and what was left alone."""
    text = str(exc)
    low = text.lower()
    if isinstance(exc, HistoryUnavailable):
        return text
    if "locked" in low or "busy" in low:
        return (
            f"history database {path} is busy (another Rig Monitor holds a long write); "
            "this sweep is kept in memory and written when it frees up"
        )
    if "full" in low or "no space" in low:
        return (
            f"disk full: history database {path} cannot grow; monitoring goes on without "
            "recording, and what was already recorded is intact"
        )
    if "not a database" in low or "malformed" in low or "corrupt" in low:
        return (
            f"history database {path} is damaged ({text}); monitoring goes on without history "
            "and the file is left untouched (move it away to start a new one)"
        )
    if "readonly" in low or "read-only" in low or "permission" in low or "unable to open" in low:
        return f"history database {path} cannot be written ({text}); monitoring goes on without history"
    if isinstance(exc, sqlite3.Error | OSError):
        return f"history database {path}: {text}; monitoring goes on without history"
    return f"history database {path}: {type(exc).__name__}: {text}"


def is_busy(exc: BaseException) -> bool:
    low = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in low or "busy" in low)
