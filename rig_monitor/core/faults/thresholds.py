"""Detection thresholds: catalogue defaults, refined by model facts and by the operator.

Order of precedence, least to most specific: catalogue ``params`` (global defaults, faults.md
§4.3) < the model database (chip/board temperature limits of that model) < the operator's
global overrides < per-model overrides < per-miner overrides. Any operator override beats
built-in knowledge, and the more specific one wins, so "this one S19 sits by the door, warn it
at 80 °C" works without touching anything else.

Override keys are ``"<fault id>.<param>"``, e.g. ``{"chip_overtemp.warn_c": 85}``; per-model
dicts are keyed by model name (``"S19j Pro"``) or make and model (``"Antminer S19j Pro"``), per
miner dicts by ``ip`` or ``ip:port``; matching is case-insensitive.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from rig_monitor.core import modeldb
from rig_monitor.core.faults.catalogue import Catalogue, default_catalogue

Overrides = Mapping[str, float]


class ModelSpecLike(Protocol):
    """What the rules read from ``rig_monitor.core.modeldb.ModelSpec``."""

    @property
    def make(self) -> str: ...
    @property
    def model(self) -> str: ...
    @property
    def boards(self) -> int | None: ...
    @property
    def chips_per_board(self) -> int | None: ...
    @property
    def fans(self) -> int | None: ...
    @property
    def nominal_ths(self) -> float | None: ...
    @property
    def nominal_w(self) -> float | None: ...
    @property
    def chip_temp_warn_c(self) -> float | None: ...
    @property
    def chip_temp_crit_c(self) -> float | None: ...
    @property
    def board_temp_warn_c(self) -> float | None: ...
    @property
    def board_temp_crit_c(self) -> float | None: ...
    @property
    def cooling(self) -> str: ...


SpecLookup = Callable[[str | None, str | None], ModelSpecLike | None]

# model database field -> (fault id, param)
_SPEC_PARAMS = (
    ("chip_temp_warn_c", "chip_overtemp", "warn_c"),
    ("chip_temp_crit_c", "chip_overtemp", "crit_c"),
    ("board_temp_warn_c", "board_overtemp", "warn_c"),
    ("board_temp_crit_c", "board_overtemp", "crit_c"),
)


class Limits:
    """Resolved parameters for one miner: ``limits.get("hashrate_low", "warn_ratio")``."""

    __slots__ = ("_memo", "_numbers", "_params")

    def __init__(self, params: Mapping[str, Mapping[str, Any]]) -> None:
        self._params = params
        # The rules ask for ~90 parameters per miner and poll, and one Limits serves every miner
        # of a model: the numeric ones are converted once (``get`` is the stage's hottest call).
        self._numbers: dict[str, dict[str, float]] = {
            fid: {k: float(v) for k, v in values.items() if isinstance(v, int | float)}
            for fid, values in params.items()
        }
        self._memo: dict[str, Any] = {}  # values derived from these limits (see ``memo``)

    def get(self, fault_id: str, name: str, default: float = 0.0) -> float:
        values = self._numbers.get(fault_id)
        if values is not None:
            value = values.get(name)
            if value is not None:
                return value
            if name in self._params[fault_id]:
                return default  # set, but not a number
        return float(default) if isinstance(default, int | float) else default

    def highest(self, name: str) -> float:
        """The largest ``get(<any fault>, name)`` can return with the default 0.0 (inf when a
        value is NaN, so no caller takes a shortcut on it)."""

        def scan(limits: Limits) -> float:
            values = [v[name] for v in limits._numbers.values() if name in v]
            return math.inf if any(math.isnan(v) for v in values) else max([0.0, *values])

        return float(self.memo(f"highest:{name}", scan))

    def memo(self, key: str, make: Callable[[Limits], Any]) -> Any:
        """``make(self)``, computed once per Limits: what a caller derives from the parameters
        alone (the history's keep times), shared by every miner these limits serve."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = make(self)
            return value

    def raw(self, fault_id: str, name: str, default: Any = None) -> Any:
        return self._params.get(fault_id, {}).get(name, default)

    def has(self, fault_id: str, name: str) -> bool:
        return name in self._params.get(fault_id, {})


# -- validation: what an operator may set (a typo must not switch a rule off or make it fire) ----
MAX_DURATION_S = 30 * 86400.0  # a month: longer windows are typos (and overflow nothing useful)
TEMP_RANGE_C = (-40.0, 150.0)  # sensors read -40 °C at worst; 150 °C is beyond any chip's limit
MAX_MAGNITUDE = 1e7  # above any setting (a month is 2.6e6 s): 1e308 is a typo
# Durations that may be 0 ("at once", "no grace"); any other duration must be positive.
_ZERO_OK_S = frozenset({"raise_s", "clear_s", "critical_s", "grace_s", "escalate_after_s"})


def check_param(fault_id: str, name: str, value: float) -> float:
    """``value`` if it is a plausible setting for ``name``, else ``ValueError`` saying why.

    Ranges by unit, read from the parameter's name (catalogue convention): ``*_c`` temperatures,
    ``*margin_c`` margins, ``*_s`` durations, ``*_polls``/counts, ``*ratio*``, ``*_pct``, ``*rpm*``.
    Every catalogue default lies inside them (tests/core/faults/test_threshold_checks.py).
    """
    key = f"{fault_id}.{name}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{key} must be a number, not {value!r}")
    v = float(value)
    if not math.isfinite(v) or abs(v) > MAX_MAGNITUDE:
        raise ValueError(f"{key} = {value!r} is not a usable number")

    def need(ok: bool, what: str) -> None:
        if not ok:
            raise ValueError(f"{key} = {value:g}: {what}")

    if name.endswith("margin_c"):
        need(0 < v <= 50, "a temperature margin must be above 0 and at most 50 °C")
    elif name.endswith("_c"):
        lo, hi = TEMP_RANGE_C
        need(lo <= v <= hi, f"a temperature must be between {lo:g} and {hi:g} °C")
    elif name.endswith("_s"):
        floor_ok = v >= 0 if name in _ZERO_OK_S else v > 0
        need(
            floor_ok,
            "a duration must be above 0 s"
            if name not in _ZERO_OK_S
            else "a duration cannot be negative",
        )
        need(v <= MAX_DURATION_S, f"a duration must be at most {MAX_DURATION_S / 86400:g} days")
    elif name.endswith("_polls") or name in ("loop_count",):
        need(v == int(v) and 1 <= v <= 1000, "a number of polls must be a whole number, 1 to 1000")
    elif "ratio" in name:
        need(0 < v <= 10, "a ratio must be above 0 and at most 10")
    elif name.endswith("_pct"):
        need(0 <= v <= 100, "a percentage must be between 0 and 100")
    elif "rpm" in name:
        need(0 <= v <= 30_000, "a fan speed must be between 0 and 30,000 rpm")
    elif name.startswith("min_") or name.startswith("max_"):
        need(v >= 0, "cannot be negative")
    return v


def check_layer(source: str, layer: Mapping[str, Mapping[str, float]]) -> None:
    """Pairs set together must be ordered: a warning below its critical level."""
    for fid, params in layer.items():
        for warn, crit in (("warn_c", "crit_c"), ("hydro_warn_c", "hydro_crit_c")):
            if warn in params and crit in params and params[warn] >= params[crit]:
                raise ValueError(
                    f"{source}: {fid}.{warn} ({params[warn]:g}) must be below "
                    f"{fid}.{crit} ({params[crit]:g})"
                )


def _split(source: str, overrides: Overrides) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for key, value in overrides.items():
        fid, sep, name = key.partition(".")
        if not sep or not fid or not name:
            raise ValueError(f"{source}: override key {key!r} must be '<fault id>.<param>'")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{source}: override {key!r} must be a number, not {value!r}")
        try:
            out.setdefault(fid, {})[name] = check_param(fid, name, value)
        except ValueError as exc:
            raise ValueError(f"{source}: {exc}") from None
    check_layer(source, out)
    return out


def _lower_keys(
    d: Mapping[str, Overrides] | None, source: str
) -> dict[str, dict[str, dict[str, float]]]:
    return {k.strip().lower(): _split(f"{source} {k!r}", v) for k, v in (d or {}).items()}


@dataclass(slots=True)
class Thresholds:
    """Defaults plus the operator's overrides; resolves (and caches) :class:`Limits` per miner."""

    catalogue: Catalogue = field(default_factory=default_catalogue)
    global_overrides: Overrides = field(default_factory=dict)
    per_model: Mapping[str, Overrides] = field(default_factory=dict)
    per_miner: Mapping[str, Overrides] = field(default_factory=dict)
    _global: dict[str, dict[str, float]] = field(init=False, repr=False)
    _models: dict[str, dict[str, dict[str, float]]] = field(init=False, repr=False)
    _miners: dict[str, dict[str, dict[str, float]]] = field(init=False, repr=False)
    _cache: dict[tuple[str, ...], Limits] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        known = set(self.catalogue.ids)
        self._global = _split("global overrides", self.global_overrides)
        self._models = _lower_keys(self.per_model, "model overrides")
        self._miners = _lower_keys(self.per_miner, "miner overrides")
        for layer in (self._global, *self._models.values(), *self._miners.values()):
            unknown = set(layer) - known - {"incident"}
            if unknown:
                raise ValueError(f"overrides name unknown fault ids: {', '.join(sorted(unknown))}")
        self._cache = {}

    def for_miner(
        self,
        ip: str,
        port: int = 4028,
        make: str | None = None,
        model: str | None = None,
        spec: ModelSpecLike | None = None,
    ) -> Limits:
        miner_layers = [
            self._miners[k] for k in (ip.lower(), f"{ip}:{port}".lower()) if k in self._miners
        ]
        model_keys = []
        if model:
            model_keys.append(model.strip().lower())
            if make:
                model_keys.append(f"{make} {model}".strip().lower())
        model_layers = [self._models[k] for k in model_keys if k in self._models]
        spec_id = (spec.make, spec.model) if spec is not None else ("", "")
        cache_key = (
            f"{ip}:{port}" if miner_layers else "",
            *(model_keys if model_layers else ()),
            *spec_id,
        )
        cached = self._cache.get(cache_key)
        if cached is not None:
            return cached

        params: dict[str, dict[str, Any]] = {
            fid: self.catalogue.params(fid) for fid in self.catalogue.ids
        }
        layers: list[dict[str, dict[str, float]]] = []
        if spec is not None:
            layers.append(_spec_layer(spec))
        layers.append(self._global)
        layers.extend(model_layers)
        layers.extend(miner_layers)
        for layer in layers:
            for fid, values in layer.items():
                params[fid] = {**params.get(fid, {}), **values}
        limits = Limits(params)
        if len(self._cache) > 20_000:
            self._cache.clear()
        self._cache[cache_key] = limits
        return limits


def _spec_layer(spec: ModelSpecLike) -> dict[str, dict[str, float]]:
    layer: dict[str, dict[str, float]] = {}
    prefix = "hydro_" if (spec.cooling or "air").lower() in ("hydro", "immersion") else ""
    inlet = (
        ("inlet_temp_warn_c", "inlet_overtemp", f"{prefix}warn_c"),
        ("inlet_temp_crit_c", "inlet_overtemp", f"{prefix}crit_c"),
    )
    for attr, fid, name in (*_SPEC_PARAMS, *inlet):
        value = getattr(spec, attr, None)
        if isinstance(value, int | float) and not isinstance(value, bool):
            layer.setdefault(fid, {})[name] = float(value)
    return layer


def modeldb_lookup(make: str | None, model: str | None) -> ModelSpecLike | None:
    """The model database's spec for this make and model, if it knows it."""
    return modeldb.lookup(make, model)


@dataclass(frozen=True, slots=True)
class TempLimits:
    """Warning and protection levels of one model, as the rules use them (for table colours)."""

    chip_warn_c: float
    chip_crit_c: float
    board_warn_c: float
    board_crit_c: float


@lru_cache(maxsize=512)
def temp_limits(make: str | None, model: str | None) -> TempLimits:
    """The chip/board limits the rules apply to this model (catalogue defaults + models.json),
    so that a table colour and a fault never disagree about what is hot."""
    spec = modeldb_lookup(make, model)
    limits = _default_thresholds().for_miner("0.0.0.0", 4028, make, model, spec)
    return TempLimits(
        limits.get("chip_overtemp", "warn_c", 95),
        limits.get("chip_overtemp", "crit_c", 100),
        limits.get("board_overtemp", "warn_c", 90),
        limits.get("board_overtemp", "crit_c", 90),
    )


@lru_cache(maxsize=1)
def _default_thresholds() -> Thresholds:
    return Thresholds()
