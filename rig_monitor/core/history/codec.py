"""Compact column encodings: integers where SQLite stores them in 1-4 bytes instead of 8.

Hashrate in MH/s (a Scrypt box's 0.00207 TH/s keeps its digits), temperatures in tenths of a
degree, power in whole watts; fans and boards as short text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

BoardValues = tuple[int, float | None, float | None, float | None]  # index, TH/s, chip °C, board °C


def mhs(ths: float | None) -> int | None:
    return None if ths is None else round(ths * 1e6)


def ths(mhs_value: float | None) -> float | None:
    return None if mhs_value is None else mhs_value / 1e6


def dc(celsius: float | None) -> int | None:
    return None if celsius is None else round(celsius * 10)


def celsius(dc_value: float | None) -> float | None:
    return None if dc_value is None else dc_value / 10


def watts(w: float | None) -> int | None:
    return None if w is None else round(w)


def fans_text(fans: Sequence[float]) -> str | None:
    if not fans:
        return None
    return ",".join([str(f) if type(f) is int else str(round(f)) for f in fans])


def fans_list(text: str | None) -> list[int]:
    return [int(x) for x in text.split(",")] if text else []


def _f(s: str) -> float | None:
    return float(s) if s else None


def boards_text(boards: Sequence[BoardValues]) -> str | None:
    """``index:MH/s:chip dC:board dC`` per board, ``;`` between boards."""
    if not boards:
        return None
    parts = []
    for i, h, c, b in boards:  # inlined: this runs for every board of every miner every sweep
        hs = "" if h is None else str(round(h * 1e6))
        cs = "" if c is None else str(round(c * 10))
        bs = "" if b is None else str(round(b * 10))
        parts.append(f"{i}:{hs}:{cs}:{bs}")
    return ";".join(parts)


def boards_list(text: str | None) -> list[BoardValues]:
    if not text:
        return []
    out: list[BoardValues] = []
    for part in text.split(";"):
        i, h, c, b = part.split(":")
        out.append((int(i), ths(_f(h)), celsius(_f(c)), celsius(_f(b))))
    return out


def board_objects_text(boards: Sequence[Any]) -> str | None:
    """:func:`boards_text` straight from ``Board`` objects (the writer's hot path)."""
    if not boards:
        return None
    parts = []
    for x in boards:
        h, c, b = x.hashrate_ths, x.temp_chip_c, x.temp_board_c
        parts.append(
            f"{x.index}:{'' if h is None else round(h * 1e6)}"
            f":{'' if c is None else round(c * 10)}:{'' if b is None else round(b * 10)}"
        )
    return ";".join(parts)
