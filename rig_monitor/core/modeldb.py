"""Model database: boards, chips, fans, rated figures and temperature limits per model.

The data lives in ``resources/models.json``; a user file ``<config dir>/models.json`` of the same
shape adds models or overrides fields (matched by make + model). Lookups are forgiving about the
many ways firmware spells a model ("Antminer S19j Pro", "S19J PRO", "S19jPro (Vnish 1.2.6)",
"M30S+_VE42"), because misdetection is the top complaint about existing tools.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from rig_monitor.core.paths import config_dir
from rig_monitor.core.resources import ResourceError, load_json, resource_path

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ModelSpec:
    make: str
    model: str
    boards: int | None = None
    chips_per_board: int | None = None
    fans: int | None = None
    nominal_ths: float | None = None
    nominal_w: float | None = None
    chip_temp_warn_c: float | None = None
    chip_temp_crit_c: float | None = None
    board_temp_warn_c: float | None = None
    board_temp_crit_c: float | None = None
    inlet_temp_warn_c: float | None = None
    inlet_temp_crit_c: float | None = None
    cooling: str = "air"  # "air" | "hydro" | "immersion"
    algorithm: str | None = None  # "Scrypt", "kHeavyHash", …; None = SHA-256 (most entries)
    provisional: bool = False
    # Whatsminer board sub-version ("VE40") this spec was resolved for
    sub_version: str | None = None
    # where each temperature limit comes from: (("board_temp", "Tether config …"), …)
    limit_sources: tuple[tuple[str, str], ...] = ()

    @property
    def nominal_j_th(self) -> float | None:
        if self.nominal_w is None or not self.nominal_ths:
            return None
        return self.nominal_w / self.nominal_ths


_FIELDS = set(ModelSpec.__dataclass_fields__) - {"sub_version", "limit_sources"}
LIMIT_KINDS = ("chip_temp", "board_temp", "inlet_temp")


def _limit_fields(entry: dict[str, Any]) -> dict[str, Any]:
    """``limits: {"board_temp": {"warn_c", "crit_c", "source"}}`` as ModelSpec fields.

    A limit without a ``source`` is ignored (and logged): a threshold must say where it comes
    from. A missing ``warn_c`` means "warn only at the protection level" (warn = crit).
    """
    out: dict[str, Any] = {}
    sources: list[tuple[str, str]] = []
    limits = entry.get("limits")
    if not isinstance(limits, dict):
        return out
    for kind in LIMIT_KINDS:
        lim = limits.get(kind)
        if not isinstance(lim, dict):
            continue
        source = lim.get("source")
        crit, warn = lim.get("crit_c"), lim.get("warn_c")
        if not isinstance(source, str) or not source.strip():
            log.warning(
                "%s %s: %s limit without a source ignored",
                entry.get("make"),
                entry.get("model"),
                kind,
            )
            continue
        if isinstance(warn, int | float) and not isinstance(warn, bool):
            out[f"{kind}_warn_c"] = float(warn)
        if isinstance(crit, int | float) and not isinstance(crit, bool):
            out[f"{kind}_crit_c"] = float(crit)
            out.setdefault(f"{kind}_warn_c", float(crit))
        sources.append((kind, source.strip()))
    out["limit_sources"] = tuple(sources)
    return out


_NOISE = re.compile(
    r"\s*\(.*?\)\s*|\bantminer\b|\bbitmain\b|\bwhatsminer\b|\bmicrobt\b|\bavalonminer\b"
)


_VARIANT = re.compile(r"(?<=\d)-\d+\w*$")  # Avalon's rated-TH/s suffix: "A15-194", "A1566-185"
_HYDRO_NAME = re.compile(r"\bhyd(?:ro)?\b\.?", re.IGNORECASE)
_IMMERSION_NAME = re.compile(r"\bimmersion\b", re.IGNORECASE)


def cooling_from_name(model: str | None) -> str | None:
    """ "S21 XP Hyd." / "S19 Pro Hydro" → "hydro": Bitmain spells its liquid-cooled models both
    ways (the S21 XP Hyd. and S23 Hyd. report "Hyd." in their Type string)."""
    if not model:
        return None
    if _HYDRO_NAME.search(model):
        return "hydro"
    if _IMMERSION_NAME.search(model):
        return "immersion"
    return None


def model_key(model: str) -> str:
    """Canonical comparison key: lowercase, vendor words and "(…)" suffixes dropped, no spaces;
    "Hyd." and "Hydro" are one word."""
    text = _HYDRO_NAME.sub(" hydro ", model.lower())
    text = _NOISE.sub(" ", text)
    text = re.sub(r"[\s_\-]+", "", text)
    return text.removesuffix("aml")


def split_whatsminer_model(model: str) -> tuple[str, str | None]:
    """ "M30S+_VE42" → ("M30S+", "VE40"): the last character of the sub-version is a revision."""
    m = re.match(r"^\s*(M\d+\w*?[S+]*)(?:[_ ]?(V[A-Z0-9]+))?\s*$", model.strip(), re.IGNORECASE)
    if not m:
        return model.strip(), None
    family, sub = m.group(1).upper(), m.group(2)
    if sub:
        sub = sub.upper()
        sub = sub[:-1] + "0" if len(sub) > 2 and sub[-1].isdigit() else sub
    return family, sub


class ModelDB:
    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self._by_key: dict[tuple[str, str], dict[str, Any]] = {}
        self._by_model: dict[str, dict[str, Any]] = {}
        self._memo: dict[tuple[str | None, str | None], ModelSpec | None] = {}
        for entry in entries:
            self._add(entry)

    def cached_lookup(self, make: str | None, model: str | None) -> ModelSpec | None:
        """``lookup``, remembered (each poll asks two or three times; ModelSpec is frozen)."""
        key = (make, model)
        try:
            return self._memo[key]
        except KeyError:
            pass
        spec = self.lookup(make, model)
        if len(self._memo) < 4096:  # names come from firmware: keep the memo bounded
            self._memo[key] = spec
        return spec

    def _add(self, entry: dict[str, Any]) -> None:
        make, model = str(entry["make"]), str(entry["model"])
        key = (make.lower(), model_key(model))
        merged = {**self._by_key.get(key, {}), **entry}
        self._by_key[key] = merged
        self._by_model.setdefault(model_key(model), merged)
        for alias in entry.get("aliases", []):
            self._by_key[(make.lower(), model_key(alias))] = merged
            self._by_model.setdefault(model_key(alias), merged)

    def __len__(self) -> int:
        return len({id(v) for v in self._by_key.values()})

    def lookup(self, make: str | None, model: str | None) -> ModelSpec | None:
        if not model:
            return None
        sub: str | None = None
        name = model
        if (make or "").lower() == "whatsminer" or re.match(r"^\s*M\d", model):
            name, sub = split_whatsminer_model(model)
        key = model_key(name)
        entry = self._by_key.get(((make or "").lower(), key)) or self._by_model.get(key)
        series = _VARIANT.sub("", name)
        if entry is None and series != name:  # "A1566-185" → the series entry "A1566"
            key = model_key(series)
            entry = self._by_key.get(((make or "").lower(), key)) or self._by_model.get(key)
        if entry is None:
            return None
        fields = {k: v for k, v in entry.items() if k in _FIELDS}
        spec = ModelSpec(**{**fields, **_limit_fields(entry)})
        if sub:
            chips = (entry.get("sub_versions") or {}).get(sub)
            boards = (entry.get("sub_version_boards") or {}).get(sub)
            spec = replace(
                spec,
                sub_version=sub,
                chips_per_board=chips if chips is not None else spec.chips_per_board,
                boards=boards if boards is not None else spec.boards,
            )
        return spec


def _entries(path: Path) -> list[dict[str, Any]]:
    doc = load_json(path)
    models = doc.get("models") if isinstance(doc, dict) else None
    if not isinstance(models, list):
        raise ResourceError(f"{path}: expected an object with a 'models' list")
    for i, m in enumerate(models):
        if not isinstance(m, dict) or "make" not in m or "model" not in m:
            raise ResourceError(f"{path}: models[{i}] needs 'make' and 'model'")
    return models


def load(user_file: Path | None = None) -> ModelDB:
    entries = _entries(resource_path("models.json"))
    user = user_file if user_file is not None else config_dir() / "models.json"
    if user.is_file():
        try:
            entries += _entries(user)
        except ResourceError as exc:
            log.warning("ignoring user model file: %s", exc)
    return ModelDB(entries)


@cache
def default_db() -> ModelDB:
    return load()


def lookup(make: str | None, model: str | None) -> ModelSpec | None:
    return default_db().cached_lookup(make, model)
