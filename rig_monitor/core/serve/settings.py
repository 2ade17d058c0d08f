"""The serve config file (JSON): site, targets, interval, metrics address and channels.

Command-line options override it. Default location: ``<config dir>/serve.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rig_monitor.core.paths import config_dir

SERVE_FILE = "serve.json"
KEYS = {"site", "targets", "sites", "interval_s", "metrics", "channels", "language"}


class SettingsError(ValueError):
    pass


@dataclass(slots=True)
class ServeSettings:
    site: str | None = None
    targets: list[str] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)  # saved sites whose miners to serve
    interval_s: float | None = None
    metrics: str | None = None  # "127.0.0.1:9808"
    channels: list[Any] = field(default_factory=list)
    language: str | None = None
    source: Path | None = None


def default_path() -> Path:
    return config_dir() / SERVE_FILE


def load_settings(path: Path | None) -> ServeSettings:
    """``path`` (must exist) or the default file (may be absent: empty settings)."""
    explicit = path is not None
    p = path or default_path()
    if not p.exists():
        if explicit:
            raise SettingsError(f"{p}: no such file")
        return ServeSettings()
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SettingsError(f"{p}: cannot read it as JSON: {exc}") from None
    if not isinstance(doc, dict):
        raise SettingsError(f"{p}: expected a JSON object")
    unknown = set(doc) - KEYS
    if unknown:
        raise SettingsError(
            f"{p}: unknown keys {', '.join(sorted(unknown))} (known: {', '.join(sorted(KEYS))})"
        )
    s = ServeSettings(source=p)
    s.site = _str(doc, "site", p)
    s.targets = _strs(doc, "targets", p)
    s.sites = _strs(doc, "sites", p)
    s.metrics = _str(doc, "metrics", p)
    s.language = _str(doc, "language", p)
    if "interval_s" in doc:
        try:
            s.interval_s = float(doc["interval_s"])
        except (TypeError, ValueError):
            raise SettingsError(f"{p}: interval_s must be a number of seconds") from None
    ch = doc.get("channels", [])
    if not isinstance(ch, list):
        raise SettingsError(f"{p}: channels must be a list")
    s.channels = ch
    return s


def _str(doc: dict[str, Any], key: str, p: Path) -> str | None:
    v = doc.get(key)
    if v is None:
        return None
    if not isinstance(v, str):
        raise SettingsError(f"{p}: {key} must be a string")
    return v


def _strs(doc: dict[str, Any], key: str, p: Path) -> list[str]:
    v = doc.get(key, [])
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise SettingsError(f"{p}: {key} must be a list of strings")
    return list(v)
