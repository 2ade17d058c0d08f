"""Peers: how the other miners of the same model on this site run right now.

A fixed temperature limit cannot tell a healthy 72 °C Whatsminer board from a clogged one, but
forty of its siblings can. Per model, the latest reading of every miner goes into a pool; the
rules compare a miner with the median of its peers, with the median absolute deviation (MAD) as
the scale, so a handful of broken miners cannot drag the reference with them (a mean and a
standard deviation would). Too few peers: no verdict.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from rig_monitor.core.model import MinerSnapshot

MAD_TO_SIGMA = 1.4826  # MAD of a normal distribution times this = its standard deviation


@dataclass(frozen=True, slots=True)
class Spread:
    n: int
    median: float
    mad: float  # already scaled to a standard deviation

    def above(self, value: float, margin: float, k: float) -> float | None:
        """How far ``value`` sits above the peers, if beyond ``max(margin, k·σ)``; else None."""
        delta = value - self.median
        return delta if delta > max(margin, k * self.mad) else None

    def below(self, value: float, margin: float, k: float) -> float | None:
        delta = self.median - value
        return delta if delta > max(margin, k * self.mad) else None


@dataclass(frozen=True, slots=True)
class PeerReading:
    model: str  # "Antminer S19j Pro", the comparison group
    temp_c: float | None  # hottest board sensor (chip when the model reports no board sensor)
    temp_kind: str  # "board" / "chip"
    temp_board: int | None  # 0-based board of that reading
    ratio: float | None  # hashrate / expected


def reading(snap: MinerSnapshot, expected_ths: float | None) -> PeerReading | None:
    """What a snapshot adds to its model's peer pool (None: offline, idle or no model)."""
    if not snap.online or snap.idle or not snap.model:
        return None
    model = f"{snap.make or ''} {snap.model}".strip()
    temp: float | None = None
    kind, board = "board", None
    for attr, name in (("temp_board_c", "board"), ("temp_chip_c", "chip")):
        values = [(getattr(b, attr), b.index) for b in snap.boards if getattr(b, attr) is not None]
        if values:
            temp, board = max(values)
            kind = name
            break
    if temp is None:
        for attr, name in (("temp_board_max_c", "board"), ("temp_chip_max_c", "chip")):
            if getattr(snap, attr) is not None:
                temp, kind = float(getattr(snap, attr)), name
                break
    rate = snap.hashrate_avg_ths if snap.hashrate_avg_ths is not None else snap.hashrate_ths
    ratio = rate / expected_ths if rate is not None and expected_ths else None
    if ratio is not None and ratio <= 0:
        ratio = None  # a stopped miner has its own fault; it is no peer for speed
    return PeerReading(model, temp, kind, board, ratio)


def _median(values: list[float]) -> float:
    """``statistics.median`` of a non-empty list, the same figure without its generic checks
    (a spread is worked out per model on every batch that moved it)."""
    data = sorted(values)
    n = len(data)
    if n % 2 == 1:
        return data[n // 2]
    i = n // 2
    return (data[i - 1] + data[i]) / 2


def spread(values: list[float]) -> Spread | None:
    if not values:
        return None
    med = _median(values)
    mad = _median([abs(v - med) for v in values]) * MAD_TO_SIGMA
    return Spread(len(values), med, mad)


class Peers:
    """Latest peer reading per miner; spreads per model, recomputed only when a model changed.

    Readings are kept per model as well as per miner: a spread reads its own model's miners
    only. Scanning every reading for each (model, metric) cost a 5,000-miner warm launch ~0.9 s
    of the engine child's profiled 24 s (415 spreads × 5,000 readings: the cache is dirtied by
    every batch), for groups of a few hundred miners each. Each group's values are also kept
    sorted as readings come and go (a bisect each), so a spread sorts only the deviations: the
    engine hands a sweep out in batches and each batch moves every model's spreads (issue 15:
    ~12 % of the tracker's update at 5,000 miners)."""

    def __init__(self) -> None:
        self._readings: dict[str, PeerReading] = {}
        self._by_model: dict[str, dict[str, PeerReading]] = {}
        # model -> metric -> spread: a model's change drops its own entries, not a scan of all
        self._cache: dict[str, dict[str, Spread | None]] = {}
        # (model, metric) -> its values sorted; NaN readings (which have no order) are counted
        # apart, and a group holding one is scanned as before
        self._sorted: dict[tuple[str, str], list[float]] = {}
        self._nan: dict[tuple[str, str], int] = {}

    def update(self, key: str, value: PeerReading | None) -> None:
        old = self._readings.get(key)
        if old == value:
            return  # the same reading (or none before and none now): nothing moves
        if old is not None:
            self._index(old, add=False)
            if value is None or old.model != value.model:
                self._drop(key, old.model)
                self._dirty(old.model)
        if value is None:
            del self._readings[key]  # it was there: old is not value
            return
        self._index(value, add=True)
        self._readings[key] = value
        self._by_model.setdefault(value.model, {})[key] = value
        self._dirty(value.model)

    def _index(self, r: PeerReading, *, add: bool) -> None:
        for metric, v in (("ratio", r.ratio), (f"temp:{r.temp_kind}", r.temp_c)):
            if v is None:
                continue
            x = float(v)
            k = (r.model, metric)
            if x != x:  # NaN
                self._nan[k] = self._nan.get(k, 0) + (1 if add else -1)
                continue
            values = self._sorted.get(k)
            if add:
                if values is None:
                    self._sorted[k] = [x]
                else:
                    bisect.insort(values, x)
            elif values is not None:
                del values[bisect.bisect_left(values, x)]

    def _drop(self, key: str, model: str) -> None:
        group = self._by_model.get(model)
        if group is not None:
            group.pop(key, None)
            if not group:
                del self._by_model[model]

    def forget(self, key: str) -> None:
        self.update(key, None)

    def _dirty(self, model: str) -> None:
        self._cache.pop(model, None)

    def get(self, key: str) -> PeerReading | None:
        return self._readings.get(key)

    def spread(self, model: str, metric: str, kind: str = "board") -> Spread | None:
        """``metric``: "temp" (readings of the same ``kind`` only) or "ratio"."""
        ck = metric if metric == "ratio" else f"temp:{kind}"
        cached = self._cache.get(model)
        if cached is None:
            cached = self._cache[model] = {}
        elif ck in cached:
            return cached[ck]
        if self._nan.get((model, ck)):
            group = self._by_model.get(model, {}).values()
            if metric == "ratio":
                values = [float(r.ratio) for r in group if r.ratio is not None]
            else:
                values = [
                    float(r.temp_c) for r in group if r.temp_c is not None and r.temp_kind == kind
                ]
            result = spread(values)
        else:
            result = _spread_sorted(self._sorted.get((model, ck), []))
        cached[ck] = result
        return result


def _spread_sorted(data: list[float]) -> Spread | None:
    """``spread`` of values already sorted."""
    n = len(data)
    if not n:
        return None
    i = n // 2
    med = data[i] if n % 2 == 1 else (data[i - 1] + data[i]) / 2
    return Spread(n, med, _median([abs(v - med) for v in data]) * MAD_TO_SIGMA)
