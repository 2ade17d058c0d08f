"""The operator's threshold overrides: ``<config dir>/thresholds.json``. Qt-free.

Only values the operator changed are stored; everything else comes from the catalogue and the
model database (precedence in ``thresholds.py``). The GUI's settings dialog writes the file, the
GUI's tracker and the CLI (``poll``, ``watch``, ``diagnose``) read it through
:func:`load_thresholds`. Format (``docs/faults.md``, "Threshold overrides file")::

    {
      "version": 1,
      "global": {"inlet_overtemp.warn_c": 32},
      "models": {"Antminer S19j Pro": {"chip_overtemp.warn_c": 85}},
      "miners": {"10.10.1.37": {"chip_overtemp.warn_c": 80}}
    }

A file that cannot be read never stops the app or the CLI: a broken document gives the defaults
(the file is copied to ``thresholds.json.bak`` first, so the next save loses nothing), a broken
entry is skipped; either way a warning names the file and the problem.
"""

from __future__ import annotations

import json
import logging
import math
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rig_monitor.core.config import write_atomic
from rig_monitor.core.faults.catalogue import Catalogue, CatalogueError, load_catalogue
from rig_monitor.core.faults.thresholds import Thresholds, check_param
from rig_monitor.core.paths import config_dir

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
THRESHOLDS_FILE = "thresholds.json"
USER_CATALOGUE_FILE = "faults.json"

# Dwell parameters every rule honours, whether or not its catalogue entry lists them.
DWELL_PARAMS = frozenset(
    {
        "raise_polls",
        "raise_s",
        "critical_polls",
        "critical_s",
        "clear_polls",
        "clear_s",
        "escalate_after_s",
        "grace_s",
    }
)

Layer = dict[str, float]  # "<fault id>.<param>" -> value


@dataclass(slots=True)
class ThresholdOverrides:
    """The operator's changes, by scope. Model keys are as typed ("Antminer S19j Pro" or
    "S19j Pro"), miner keys are an ip or ip:port; matching is case-insensitive."""

    global_: Layer = field(default_factory=dict)
    models: dict[str, Layer] = field(default_factory=dict)
    miners: dict[str, Layer] = field(default_factory=dict)

    def copy(self) -> ThresholdOverrides:
        return ThresholdOverrides(
            dict(self.global_),
            {k: dict(v) for k, v in self.models.items()},
            {k: dict(v) for k, v in self.miners.items()},
        )

    def is_empty(self) -> bool:
        return not (self.global_ or any(self.models.values()) or any(self.miners.values()))

    def count(self) -> int:
        return (
            len(self.global_)
            + sum(len(v) for v in self.models.values())
            + sum(len(v) for v in self.miners.values())
        )

    def to_json(self) -> dict[str, Any]:
        """The file's document; empty scopes are left out."""

        def clean(d: Mapping[str, Layer]) -> dict[str, Layer]:
            return {k: dict(sorted(v.items())) for k, v in sorted(d.items()) if v}

        return {
            "version": SCHEMA_VERSION,
            "global": dict(sorted(self.global_.items())),
            "models": clean(self.models),
            "miners": clean(self.miners),
        }

    def thresholds(self, catalogue: Catalogue | None = None) -> Thresholds:
        """A :class:`Thresholds` with these overrides (raises ``ValueError`` on unknown ids)."""
        kwargs: dict[str, Any] = {
            "global_overrides": dict(self.global_),
            "per_model": {k: dict(v) for k, v in self.models.items() if v},
            "per_miner": {k: dict(v) for k, v in self.miners.items() if v},
        }
        if catalogue is not None:
            kwargs["catalogue"] = catalogue
        return Thresholds(**kwargs)


@dataclass(frozen=True, slots=True)
class LoadedOverrides:
    """What :func:`read_overrides` found, and what it had to ignore (one line per problem)."""

    overrides: ThresholdOverrides
    warnings: tuple[str, ...] = ()
    path: Path | None = None


def thresholds_path() -> Path:
    """``thresholds.json`` in the per-user config folder (``$RIG_MONITOR_CONFIG_DIR`` overrides)."""
    return config_dir() / THRESHOLDS_FILE


def known_params(catalogue: Catalogue, fault_id: str) -> set[str]:
    """Parameter names an override may set for ``fault_id``."""
    return set(catalogue.params(fault_id)) | DWELL_PARAMS


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    f = float(value)
    return f if math.isfinite(f) else None


def _layer(source: str, raw: object, catalogue: Catalogue | None, warnings: list[str]) -> Layer:
    if not isinstance(raw, dict):
        warnings.append(f"{source}: must be an object of '<fault id>.<param>': number; ignored")
        return {}
    out: Layer = {}
    for key, value in raw.items():
        fid, sep, name = str(key).partition(".")
        if not sep or not fid or not name:
            warnings.append(f"{source}: key {key!r} is not '<fault id>.<param>'; ignored")
            continue
        number = _number(value)
        if number is None:
            warnings.append(f"{source}: {key!r} must be a number, not {value!r}; ignored")
            continue
        try:
            number = check_param(fid, name, number)
        except ValueError as exc:
            warnings.append(f"{source}: {exc}; ignored")
            continue
        if catalogue is not None:
            if fid not in catalogue:
                warnings.append(f"{source}: {key!r} names no known fault; ignored")
                continue
            if name not in known_params(catalogue, fid):
                warnings.append(f"{source}: {key!r}: {fid} has no parameter {name!r}; ignored")
                continue
        out[f"{fid}.{name}"] = number
    return out


def _scopes(
    source: str, raw: object, catalogue: Catalogue | None, warnings: list[str]
) -> dict[str, Layer]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        warnings.append(f"{source}: must be an object keyed by name; ignored")
        return {}
    out: dict[str, Layer] = {}
    for name, layer in raw.items():
        key = str(name).strip()
        if not key:
            warnings.append(f"{source}: an empty name; ignored")
            continue
        values = _layer(f"{source} {key!r}", layer, catalogue, warnings)
        if values:
            out[key] = values
    return out


def parse_overrides(
    data: object, catalogue: Catalogue | None = None, source: str = THRESHOLDS_FILE
) -> tuple[ThresholdOverrides, list[str]]:
    """Read a parsed document. Raises ``ValueError`` when it is not a thresholds file at all;
    a bad entry is left out and described in the returned warnings instead."""
    if not isinstance(data, dict):
        raise ValueError("the top level is not a JSON object")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError(f"no valid schema version: {version!r}")
    warnings: list[str] = []
    if version > SCHEMA_VERSION:
        warnings.append(
            f"{source}: schema {version} is newer than this app's ({SCHEMA_VERSION}); "
            "reading what it knows"
        )
    result = ThresholdOverrides(
        _layer(f"{source} 'global'", data.get("global", {}), catalogue, warnings),
        _scopes(f"{source} 'models'", data.get("models"), catalogue, warnings),
        _scopes(f"{source} 'miners'", data.get("miners"), catalogue, warnings),
    )
    return result, warnings


def read_overrides(path: Path | None = None, catalogue: Catalogue | None = None) -> LoadedOverrides:
    """Read the operator's file; never raises. No file = no overrides, without a warning."""
    path = path or thresholds_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadedOverrides(ThresholdOverrides(), (), path)
    except OSError as exc:
        msg = f"cannot read {path} ({exc.strerror or exc}); using the default thresholds"
        return LoadedOverrides(ThresholdOverrides(), (msg,), path)
    try:
        overrides, warnings = parse_overrides(json.loads(raw.decode("utf-8")), catalogue, str(path))
    except (ValueError, RecursionError) as exc:  # JSON and Unicode errors are ValueErrors
        backup = path.with_name(path.name + ".bak")
        kept = f"kept a copy as {backup}"
        try:
            shutil.copyfile(path, backup)
        except OSError as copy_exc:
            kept = f"could not keep a copy ({copy_exc})"
        msg = f"{path} is unusable ({exc}); using the default thresholds, {kept}"
        return LoadedOverrides(ThresholdOverrides(), (msg,), path)
    return LoadedOverrides(overrides, tuple(warnings), path)


def save_overrides(overrides: ThresholdOverrides, path: Path | None = None) -> None:
    """Write atomically (temp file in the same folder + ``os.replace``); raises ``OSError``."""
    path = path or thresholds_path()
    write_atomic(path, json.dumps(overrides.to_json(), indent=2, ensure_ascii=False) + "\n")


def user_catalogue(lang: str | None = None, user_file: Path | None = None) -> Catalogue:
    """The catalogue in ``lang`` with the operator's ``faults.json`` merged in when it exists;
    a broken ``faults.json`` is logged and the built-in catalogue used."""
    user_file = user_file or config_dir() / USER_CATALOGUE_FILE
    try:
        return load_catalogue(lang, user_file if user_file.is_file() else None)
    except CatalogueError as exc:
        log.warning("%s; using the built-in fault catalogue", exc)
        return load_catalogue(lang)


def load_thresholds(
    path: Path | None = None,
    *,
    lang: str | None = None,
    catalogue: Catalogue | None = None,
) -> Thresholds:
    """Thresholds for the tracker or the CLI: catalogue defaults plus ``thresholds.json``.

    Never raises for a bad file: each problem is logged as a warning (the CLI's stderr) and the
    rest is used. ``catalogue`` defaults to :func:`user_catalogue` in ``lang``.
    """
    cat = catalogue if catalogue is not None else user_catalogue(lang)
    loaded = read_overrides(path, cat)
    for warning in loaded.warnings:
        log.warning("%s", warning)
    try:
        return loaded.overrides.thresholds(cat)
    except ValueError as exc:  # cannot happen after validation, but never crash on it
        log.warning("%s: %s; using the default thresholds", loaded.path, exc)
        return Thresholds(catalogue=cat)
