"""The user's saved settings: which miners to poll and how often. Qt-free, JSON on disk.

The file lives in ``rig_monitor.core.paths.config_dir()`` (``$RIG_MONITOR_CONFIG_DIR`` overrides),
is written atomically (temp file in the same folder + ``os.replace``) and carries a schema
version. A file that cannot be read or parsed never stops the app: it is copied to ``.bak`` and
the defaults are used, with a logged warning.

The window and the CLI write the same file, so nobody writes a whole in-memory copy over it: a
change is a function applied to what is on disk now (:func:`update_config`), under a lock file,
and the window sends only what it changed (:func:`merge_changes`). Every write holds the lock, so
a temp file found while holding it was left by a killed writer and is removed.

Window geometry and other view state are not kept here (the GUI uses QSettings for those).
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rig_monitor.core.paths import config_dir

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
CONFIG_FILE = "config.json"

LOCK_TIMEOUT_S = 10.0
MAX_SITE_NAME = 64
DEFAULT_INTERVAL_S = 30.0
MIN_INTERVAL_S = 5.0
MAX_INTERVAL_S = 3600.0


@dataclass(slots=True)
class AppConfig:
    """What is saved between runs."""

    targets: list[str] = field(default_factory=list)  # one miner each: "10.0.0.5", "10.0.0.5:4029"
    interval_s: float = DEFAULT_INTERVAL_S
    language: str | None = None  # fault texts: "en", "zh", "ru"; None = the system's language
    # Named sites from "Save as site": name -> target strings ("10.10.0.0/22", "10.0.0.5:4029").
    sites: dict[str, list[str]] = field(default_factory=dict)

    def copy(self) -> AppConfig:
        return AppConfig(
            targets=list(self.targets),
            interval_s=self.interval_s,
            language=self.language,
            sites={k: list(v) for k, v in self.sites.items()},
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "version": SCHEMA_VERSION,
            "targets": list(self.targets),
            "interval_s": self.interval_s,
            "language": self.language,
            "sites": {k: list(v) for k, v in self.sites.items()},
        }

    @classmethod
    def from_json(cls, data: object) -> AppConfig:
        """Build from parsed JSON; raises ``ValueError`` when the document is not a config.

        Unknown keys are ignored (a newer app may add some); a field of the wrong type falls back
        to its default.
        """
        if not isinstance(data, dict):
            raise ValueError("config is not a JSON object")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ValueError(f"config has no valid schema version: {version!r}")
        if version > SCHEMA_VERSION:
            log.warning(
                "config schema %d is newer than this app's (%d); reading what it knows",
                version,
                SCHEMA_VERSION,
            )
        cfg = cls()
        targets = data.get("targets")
        if isinstance(targets, list):
            seen: set[str] = set()
            for t in targets:
                if isinstance(t, str) and t.strip() and t.strip() not in seen:
                    seen.add(t.strip())
                    cfg.targets.append(t.strip())
        interval = data.get("interval_s")
        if (
            isinstance(interval, int | float)
            and not isinstance(interval, bool)
            and math.isfinite(interval)
        ):
            cfg.interval_s = min(MAX_INTERVAL_S, max(MIN_INTERVAL_S, float(interval)))
        language = data.get("language")
        if isinstance(language, str) and language.strip():
            cfg.language = language.strip()
        sites = data.get("sites")
        if isinstance(sites, dict):
            for name, items in sites.items():
                if isinstance(name, str) and name.strip() and isinstance(items, list):
                    cfg.sites[name.strip()] = [t.strip() for t in items if isinstance(t, str)]
        return cfg


def config_path() -> Path:
    """``config.json`` in the per-user config folder (``$RIG_MONITOR_CONFIG_DIR`` overrides)."""
    return config_dir() / CONFIG_FILE


def load_config(path: Path | None = None) -> AppConfig:
    """Read the config; a missing file gives defaults, a bad one gives defaults plus a ``.bak``."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return AppConfig()
    except OSError as exc:
        log.warning("cannot read config %s (%s); using defaults", path, exc)
        return AppConfig()
    try:
        return AppConfig.from_json(json.loads(raw.decode("utf-8")))
    except (ValueError, RecursionError) as exc:  # JSON and Unicode errors are ValueErrors
        backup = path.with_name(path.name + ".bak")
        try:
            shutil.copyfile(path, backup)
        except OSError as copy_exc:
            log.warning("cannot back up bad config to %s: %s", backup, copy_exc)
        log.warning(
            "config %s is unusable (%s); using defaults, kept a copy as %s", path, exc, backup
        )
        return AppConfig()


def save_config(config: AppConfig, path: Path | None = None) -> None:
    """Write the whole config atomically (a reader sees the old file or the new one).

    Replaces what is on disk: callers that did not just read it use :func:`update_config`."""
    path = path or config_path()
    with file_lock(path):
        _write_locked(path, _dump(config))


def update_config(
    change: Callable[[AppConfig], None],
    path: Path | None = None,
    *,
    if_missing: AppConfig | None = None,
) -> AppConfig:
    """Read what is on disk now, apply ``change``, write it back; all under the lock file, so a
    site saved by the CLI meanwhile is never lost to the window's older copy. Returns the result.

    ``if_missing``: what to start from when there is no file yet (the writer's own first copy)."""
    path = path or config_path()
    with file_lock(path):
        config = (
            if_missing.copy() if if_missing is not None and not path.exists() else load_config(path)
        )
        change(config)
        _write_locked(path, _dump(config))
        return config


def merge_changes(before: AppConfig, after: AppConfig) -> Callable[[AppConfig], None]:
    """What one writer changed between two of its own copies, as a change to apply to the file:
    targets added/removed, sites saved/deleted, interval and language set. Everything else on
    disk (another writer's targets and sites) is left as it is."""
    added = [t for t in after.targets if t not in set(before.targets)]
    removed = set(before.targets) - set(after.targets)
    sites_set = {k: list(v) for k, v in after.sites.items() if before.sites.get(k) != v}
    sites_gone = set(before.sites) - set(after.sites)
    interval = after.interval_s if after.interval_s != before.interval_s else None
    language_changed = after.language != before.language

    def apply(disk: AppConfig) -> None:
        disk.targets = [t for t in disk.targets if t not in removed]
        disk.targets += [t for t in added if t not in set(disk.targets)]
        for name in sites_gone:
            disk.sites.pop(name, None)
        disk.sites.update(sites_set)
        if interval is not None:
            disk.interval_s = interval
        if language_changed:
            disk.language = after.language

    return apply


def check_site_name(name: str) -> str:
    """The name as typed, or ``ValueError`` saying why it cannot name a site (it would be
    dropped or renamed when the file is read back)."""
    if not name or not name.strip():
        raise ValueError("a site needs a name: the site name is blank")
    if name != name.strip():
        raise ValueError(f"site name {name!r} starts or ends with spaces: remove them")
    if len(name) > MAX_SITE_NAME:
        raise ValueError(f"site name is {len(name)} characters long; at most {MAX_SITE_NAME}")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise ValueError(f"site name {name!r} contains control characters")
    return name


def _dump(config: AppConfig) -> str:
    return json.dumps(config.to_json(), indent=2, ensure_ascii=False) + "\n"


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold ``.<name>.lock`` next to ``path`` (between processes and threads)."""
    from filelock import FileLock  # writers only: ~13 ms of every reader's start-up otherwise

    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path.with_name(f".{path.name}.lock")), timeout=LOCK_TIMEOUT_S)
    with lock:
        yield


def write_atomic(path: Path, data: str) -> None:
    """Write text via a temp file in the same folder and ``os.replace`` (also thresholds.json),
    under the file's lock."""
    with file_lock(path):
        _write_locked(path, data)


def clean_stale_temps(path: Path) -> int:
    """Remove ``.<name>.*.tmp`` left by a writer killed mid-write. Call with the lock held (every
    writer holds it while its temp file exists). Returns how many were removed."""
    removed = 0
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed += 1
    if removed:
        log.info("removed %d temp file(s) left by an interrupted write of %s", removed, path.name)
    return removed


def tidy(paths: list[Path] | None = None) -> None:
    """At start-up: remove temp files killed writers left, if no other process is writing now."""
    from filelock import FileLock, Timeout

    for path in paths or [config_path(), config_path().with_name("thresholds.json")]:
        if not path.parent.is_dir():
            continue
        try:
            with FileLock(str(path.with_name(f".{path.name}.lock")), timeout=0):
                clean_stale_temps(path)
        except (Timeout, OSError):
            continue  # another writer holds it: its temp file is not stale


def _write_locked(path: Path, data: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_temps(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
