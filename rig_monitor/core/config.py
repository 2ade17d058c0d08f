"""The user's saved settings: which miners to poll and how often. Qt-free, JSON on disk.

The file lives in ``rig_monitor.core.paths.config_dir()`` (``$RIG_MONITOR_CONFIG_DIR`` overrides),
is written atomically (temp file in the same folder + ``os.replace``) and carries a schema
version. A file that cannot be read or parsed never stops the app: it is copied to ``.bak`` and
the defaults are used, with a logged warning.

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rig_monitor.core.paths import config_dir

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
CONFIG_FILE = "config.json"

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
    """Write atomically: a reader sees the old file or the new one, never half of one."""
    path = path or config_path()
    write_atomic(path, json.dumps(config.to_json(), indent=2, ensure_ascii=False) + "\n")


def write_atomic(path: Path, data: str) -> None:
    """Write text via a temp file in the same folder and ``os.replace`` (also thresholds.json)."""
    path.parent.mkdir(parents=True, exist_ok=True)
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
