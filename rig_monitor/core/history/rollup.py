"""Downsampling: many rows of one miner in one bucket become one row.

Means for hashrate, power and fans (what was produced and drawn), maxima for temperatures (an
operator looks for the peaks), the online fraction (uptime), the last pool state.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rig_monitor.core.history import codec
from rig_monitor.core.history.codec import Packed

Row = tuple[
    Any, ...
]  # (miner, t, online, hashrate, nominal, chip, board, power, fans, pool, boards)
FleetRow = tuple[Any, ...]  # (source, t, miners, online, hashrate, nominal, power, faults)


def _mean(values: Iterable[float | None]) -> float | None:
    vs = [v for v in values if v is not None]
    return sum(vs) / len(vs) if vs else None


def _max(values: Iterable[float | None]) -> float | None:
    vs = [v for v in values if v is not None]
    return max(vs) if vs else None


def _round(v: float | None) -> int | None:
    return None if v is None else round(v)


def _fans(cells: Sequence[Packed | None]) -> Packed | None:
    lists = [codec.fans_list(c) for c in cells if c]
    if not lists:
        return None
    width = max(len(x) for x in lists)
    cols = [[x[i] for x in lists if len(x) > i] for i in range(width)]
    return codec.fans_packed([round(sum(c) / len(c)) for c in cols])


def _boards(cells: Sequence[Packed | None]) -> Packed | None:
    per: dict[int, tuple[list[float], list[float], list[float]]] = {}
    for cell in cells:
        if not cell:
            continue
        if isinstance(cell, bytes):  # the common case, unrounded: x == x is False for NaN
            flat = codec.boards_flat(cell)
            for k in range(0, len(flat), 4):
                slot = per.get(flat[k])
                if slot is None:
                    slot = per[flat[k]] = ([], [], [])
                h, c, b = flat[k + 1], flat[k + 2], flat[k + 3]
                if h == h:
                    slot[0].append(h)
                if c == c:
                    slot[1].append(c)
                if b == b:
                    slot[2].append(b)
            continue
        for i, h2, c2, b2 in codec.boards_list(cell):  # v2 text
            slot = per.get(i)
            if slot is None:
                slot = per[i] = ([], [], [])
            if h2 is not None:
                slot[0].append(h2)
            if c2 is not None:
                slot[1].append(c2)
            if b2 is not None:
                slot[2].append(b2)
    if not per:
        return None
    return codec.boards_packed(
        [
            (
                i,
                sum(v[0]) / len(v[0]) if v[0] else None,
                max(v[1]) if v[1] else None,
                max(v[2]) if v[2] else None,
            )
            for i, v in sorted(per.items())
        ]
    )


def aggregate(miner: int, t: int, rows: Sequence[Row]) -> Row:
    """One bucket of one miner (rows in time order) → one row stamped ``t``."""
    return (
        miner,
        t,
        sum(r[2] for r in rows) / len(rows),
        _round(_mean(r[3] for r in rows)),
        _round(_max(r[4] for r in rows)),
        _round(_max(r[5] for r in rows)),
        _round(_max(r[6] for r in rows)),
        _round(_mean(r[7] for r in rows)),
        _fans([r[8] for r in rows]),
        next((r[9] for r in reversed(rows) if r[9]), None),
        _boards([r[10] for r in rows]),
    )


def bucketed(rows: Iterable[Row], size: int) -> list[Row]:
    """Rows ordered by (miner, t) → one aggregated row per (miner, bucket)."""
    out: list[Row] = []
    group: list[Row] = []
    current: tuple[int, int] | None = None
    for r in rows:
        k = (r[0], r[1] - r[1] % size)
        if k != current:
            if group and current is not None:
                out.append(aggregate(current[0], current[1], group))
            group, current = [], k
        group.append(r)
    if group and current is not None:
        out.append(aggregate(current[0], current[1], group))
    return out


def fleet_bucketed(rows: Iterable[FleetRow], size: int) -> list[FleetRow]:
    """Fleet rows ordered by (source, t) → per source and bucket, the mean of each total."""
    groups: dict[tuple[str, int], list[FleetRow]] = {}
    for r in rows:
        groups.setdefault((r[0], r[1] - r[1] % size), []).append(r)
    out: list[FleetRow] = []
    for (source, t), g in groups.items():
        n = len(g)
        out.append((source, t, *(sum(r[i] for r in g) / n for i in range(2, 8))))
    return out
