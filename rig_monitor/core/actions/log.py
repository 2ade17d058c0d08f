"""The action log: one JSON line per action on one miner, under the platform's log folder.

JSON lines because the file is appended by the CLI and the window alike, survives a crash
mid-write (a torn last line is skipped on reading), and ``grep``/``jq`` read it. ``record_action``
is the one entry point, so the History store can later receive the same records.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from rig_monitor.core.paths import log_dir

FILENAME = "actions.jsonl"
_lock = threading.Lock()
# Extra destinations (e.g. the History store): each gets every record after the file does.
SINKS: list[Callable[[dict[str, Any]], None]] = []


def log_path() -> Path:
    return log_dir() / FILENAME


def record_action(
    *,
    ip: str,
    port: int,
    action: str,
    supported: bool | None,
    ok: bool | None,
    error: str | None,
    detail: str | None,
    dry_run: bool = False,
    when: float | None = None,
    path: Path | None = None,
) -> dict[str, Any]:
    """Append one record (never a password: callers pass only the result words)."""
    rec: dict[str, Any] = {
        "when": time.time() if when is None else when,
        "ip": ip,
        "port": port,
        "action": action,
        "supported": supported,
        "ok": ok,
        "error": error,
        "detail": detail,
        "dry_run": dry_run,
    }
    target = path or log_path()
    line = json.dumps(rec, ensure_ascii=False) + "\n"
    with _lock:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)
    for sink in list(SINKS):
        sink(rec)
    return rec


def read_actions(path: Path | None = None) -> Iterator[dict[str, Any]]:
    """Every readable record, oldest first (a torn or foreign line is skipped)."""
    target = path or log_path()
    try:
        with target.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                if isinstance(rec, dict):
                    yield rec
    except FileNotFoundError:
        return
