"""What each miner of a site is (family, model, MAC, serial, ports), kept between launches.

Identifying a miner costs several round trips; reading a known one costs one. So after a sweep the
identities are saved per site (a small JSON file in the per-user cache folder) and the next launch
polls every known miner straight away with its driver. The cache is a hint, never the truth: a
miner whose reply contradicts its entry (a failed read, another family, model, or MAC) is
identified again at once (Poller). No secrets here: credentials stay in the keyring; the entry
says only which family's login applies.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Protocol

from rig_monitor.core.model import Identity, Target
from rig_monitor.core.paths import cache_dir

log = logging.getLogger(__name__)

VERSION = 1
WINDOW_SCOPE = "window"  # the window's engine: every saved miner (keys are IP:port, so a demo's
# loopback fleet never collides with a site's LAN addresses)
MAX_AGE_S = 30 * 24 * 3600.0  # older entries are not trusted at launch (the miner may be gone)


@dataclass(slots=True)
class CachedIdentity:
    family: str
    make: str | None = None
    model: str | None = None
    firmware: str | None = None
    firmware_version: str | None = None
    web_port: int | None = None
    mac: str | None = None
    serial: str | None = None
    seen: float = 0.0  # unix time of the last successful read
    # Who answered the API (poller._api_signature of its ``version`` reply): the first read at
    # launch compares its own with it, a string comparison, instead of running detection's
    # classifier over the reply again (~0.1 ms per miner of a warm start). Absent in files
    # written before it: the classifier then, as before.
    api: str | None = None
    # Its last poll before the save failed (timed out, refused, …): polled with the miners that
    # fail at the next launch's first sweep, not among the answering ones (PollEngine.poll_later).
    failing: bool = False

    def identity(self) -> Identity:
        return Identity(
            family=self.family,
            make=self.make,
            model=self.model,
            firmware=self.firmware,
            firmware_version=self.firmware_version,
        )


_FIELDS = tuple(f.name for f in fields(CachedIdentity))


def cache_path(scope: str) -> Path:
    """One file per site (or per target list); the name is a digest, so any scope text is safe."""
    digest = hashlib.sha256(scope.encode()).hexdigest()[:16]
    return cache_dir() / "identities" / f"{digest}.json"


_TEXT_FIELDS = ("make", "model", "firmware", "firmware_version", "mac", "serial", "api")


def _entry(value: Any) -> CachedIdentity | None:
    if not isinstance(value, dict) or not isinstance(value.get("family"), str):
        return None
    clean: dict[str, Any] = {"family": value["family"]}
    for name in _TEXT_FIELDS:
        raw = value.get(name)
        if isinstance(raw, str):
            clean[name] = raw
    port = value.get("web_port")
    if isinstance(port, int) and 0 < port < 65536:
        clean["web_port"] = port
    seen = value.get("seen")
    if isinstance(seen, int | float):
        clean["seen"] = float(seen)
    if value.get("failing") is True:
        clean["failing"] = True
    return CachedIdentity(**clean)


def load(path: Path, *, now: float | None = None) -> dict[str, CachedIdentity]:
    """Entries by target key; an unreadable, foreign or old file is an empty cache (logged)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("identity cache %s unreadable, identifying afresh: %s", path, exc)
        return {}
    if not isinstance(doc, dict) or doc.get("version") != VERSION:
        return {}
    miners = doc.get("miners")
    if not isinstance(miners, dict):
        return {}
    limit = (now if now is not None else time.time()) - MAX_AGE_S
    out: dict[str, CachedIdentity] = {}
    for key, value in miners.items():
        entry = _entry(value)
        if isinstance(key, str) and entry is not None and entry.seen >= limit:
            out[key] = entry
    return out


def save(path: Path, entries: dict[str, CachedIdentity]) -> None:
    """Atomically (a reader sees the old file or the new one, never half of one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # The fields by name, not dataclasses.asdict (a recursive deep copy), and one string written
    # at once, not json.dump's many small writes: 29 -> ~10 ms for 1,000 miners, paid after
    # every sweep (on a worker thread, but under the loop's GIL).
    miners = {k: {f: getattr(v, f) for f in _FIELDS} for k, v in sorted(entries.items())}
    text = json.dumps({"version": VERSION, "miners": miners}, separators=(",", ":"))
    fd, tmp = tempfile.mkstemp(prefix=".identities-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def polled_later(targets: Iterable[Target], entries: dict[str, CachedIdentity]) -> list[str]:
    """The targets a warm launch polls after the known, answering ones: unknown (detection) or
    saved as not answering (a hung one holds a poll slot for its whole budget)."""
    return [t.key for t in targets if t.key not in entries or entries[t.key].failing]


class _Seedable(Protocol):
    def seed(self, targets: Iterable[Target], entries: dict[str, CachedIdentity]) -> int: ...

    def identities(self) -> dict[str, CachedIdentity]: ...


class WarmStart:
    """One scope's cache in use: seed a poller at launch, save after each sweep on a worker
    thread (never on the loop that polls), wait for the last save at the end."""

    def __init__(self, scope: str, poller: _Seedable, targets: Iterable[Target]) -> None:
        self.path = cache_path(scope)
        self._poller = poller
        self._pending: set[asyncio.Future[None]] = set()
        self._entries = load(self.path)
        targets = list(targets)
        self.seeded = poller.seed(targets, self._entries)
        # Polled after the known, answering miners at launch (PollEngine.poll_later): none on a
        # cold launch (nothing is known, nothing to put first).
        self.later = polled_later(targets, self._entries) if self.seeded else []
        self._targets = {t.key for t in targets}

    def save_soon(self) -> None:
        known = self._poller.identities()
        entries = {**self._entries, **known}
        for key, entry in self._entries.items():
            # A target of this launch the poller no longer knows was forgotten after repeated
            # failures: its saved identity stays, marked as not answering (see ``failing``).
            if key in self._targets and key not in known and not entry.failing:
                entries[key] = dataclasses.replace(entry, failing=True)
        fut = asyncio.get_running_loop().run_in_executor(None, self._save, entries)
        self._pending.add(fut)
        fut.add_done_callback(self._pending.discard)

    def _save(self, entries: dict[str, CachedIdentity]) -> None:
        try:
            save(self.path, entries)
        except OSError as exc:  # a full or read-only disk: the next launch is cold, nothing else
            log.warning("identity cache %s not saved: %s", self.path, exc)

    async def saved(self) -> None:
        if self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)
