"""How long each tier keeps its rows: raw polls, 5-minute rollups, hourly rollups."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from rig_monitor.core.paths import config_dir

log = logging.getLogger(__name__)

HOUR = 3600
DAY = 24 * HOUR


@dataclass(frozen=True, slots=True)
class Retention:
    """Seconds each tier is kept; ``hourly_s=None`` keeps hourly rows for ever.

    Defaults follow issue 11: raw for 48 h, 5-minute rollups for 90 days, hourly beyond.
    """

    raw_s: float = 48 * HOUR
    five_min_s: float = 90 * DAY
    hourly_s: float | None = None

    def __post_init__(self) -> None:
        if self.raw_s <= 0 or self.five_min_s <= 0:
            raise ValueError("retention periods must be positive")
        if self.hourly_s is not None and self.hourly_s <= 0:
            raise ValueError("hourly retention must be positive (or None for ever)")

    @classmethod
    def from_dict(cls, doc: dict[str, object]) -> Retention:
        """From config (``{"raw_hours": 48, "five_min_days": 90, "hourly_days": null}``)."""

        def num(name: str, default: float | None, scale: int) -> float | None:
            v = doc.get(name, default)
            if v is None:
                return None
            if not isinstance(v, int | float) or isinstance(v, bool):
                raise ValueError(f"history retention {name}: {v!r} is not a number")
            return float(v) * scale

        raw = num("raw_hours", 48, HOUR)
        five = num("five_min_days", 90, DAY)
        return cls(
            raw_s=raw if raw is not None else 48 * HOUR,
            five_min_s=five if five is not None else 90 * DAY,
            hourly_s=num("hourly_days", None, DAY),
        )


def retention_path() -> Path:
    return config_dir() / "history.json"


def load_retention(path: Path | None = None) -> Retention:
    """``history.json`` in the config folder, else the defaults; a bad file is named in the log
    and the defaults are used (retention only ever deletes, so a typo must not shorten it)."""
    p = path or retention_path()
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Retention()
    except (OSError, ValueError) as exc:
        log.warning("%s: %s; using the default history retention", p, exc)
        return Retention()
    try:
        if not isinstance(doc, dict):
            raise ValueError("expected an object")
        return Retention.from_dict(doc)
    except ValueError as exc:
        log.warning("%s: %s; using the default history retention", p, exc)
        return Retention()
