"""Compact column encodings: integers where SQLite stores them in 1-4 bytes instead of 8.

Hashrate in MH/s (a Scrypt box's 0.00207 TH/s keeps its digits), temperatures in tenths of a
degree, power in whole watts. Fans and boards are packed binary (schema v3): one ``struct.pack``
per miner costs a fifth of formatting and rounding every value into text, which was half the
writer's time for a 5,000-miner sweep, and the rows are smaller. Boards are float32 (7
significant digits: more than the MH/s and tenth-of-a-degree text kept), NaN for a missing
value. Text from v2 files, and text written for values the binary form cannot hold (a fan above
65,535 rpm, a board numbered above 255), is still read.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from typing import Any

BoardValues = tuple[int, float | None, float | None, float | None]  # index, TH/s, chip °C, board °C

Packed = str | bytes  # a fans or boards cell: binary, or v2 text

_NAN = math.nan


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


# -- fans: little-endian unsigned 16-bit rpm each ------------------------------------------------
_FANS = [struct.Struct(f"<{n}H") for n in range(17)]


def fans_text(fans: Sequence[float]) -> str | None:
    if not fans:
        return None
    return ",".join([str(f) if type(f) is int else str(round(f)) for f in fans])


def fans_packed(fans: Sequence[float]) -> Packed | None:
    """The fans cell: packed rpm, or text when they are not all whole rpm that fit in 16 bits."""
    n = len(fans)
    if not n:
        return None
    if n < len(_FANS):
        try:
            return _FANS[n].pack(*fans)
        except struct.error:  # a float rpm, a negative or huge reading
            pass
    return fans_text(fans)


def fans_list(cell: Packed | None) -> list[int]:
    if not cell:
        return []
    if isinstance(cell, bytes):
        return list(struct.unpack(f"<{len(cell) // 2}H", cell))
    return [int(x) for x in cell.split(",")]


# -- boards: per board u8 index, float32 TH/s, chip °C, board °C -----------------------------------
_BOARD = "Bfff"
_BOARD_SIZE = struct.calcsize("<" + _BOARD)
_BOARDS = [struct.Struct("<" + _BOARD * n) for n in range(17)]


def _f(s: str) -> float | None:
    return float(s) if s else None


def boards_text(boards: Sequence[BoardValues]) -> str | None:
    """``index:MH/s:chip dC:board dC`` per board, ``;`` between boards (v2 cells)."""
    if not boards:
        return None
    parts = []
    for i, h, c, b in boards:
        hs = "" if h is None or h != h else str(round(h * 1e6))  # h != h: NaN
        cs = "" if c is None or c != c else str(round(c * 10))
        bs = "" if b is None or b != b else str(round(b * 10))
        parts.append(f"{i}:{hs}:{cs}:{bs}")
    return ";".join(parts)


def _nan(v: float | None) -> float:
    return _NAN if v is None else v


def boards_packed(boards: Sequence[BoardValues]) -> Packed | None:
    """The boards cell from (index, TH/s, chip °C, board °C) tuples (the rollup's output)."""
    n = len(boards)
    if not n:
        return None
    if n < len(_BOARDS):
        try:
            return _BOARDS[n].pack(
                *[x for i, h, c, b in boards for x in (i, _nan(h), _nan(c), _nan(b))]
            )
        except (struct.error, OverflowError):
            pass
    return boards_text(boards)


def board_objects_packed(boards: Sequence[Any]) -> Packed | None:
    """:func:`boards_packed` straight from ``Board`` objects (the writer's hot path)."""
    n = len(boards)
    if not n:
        return None
    if n < len(_BOARDS):
        vals: list[Any] = []
        for x in boards:  # inlined: this runs for every board of every miner every sweep
            vals += (x.index, x.hashrate_ths, x.temp_chip_c, x.temp_board_c)
        try:
            return _BOARDS[n].pack(*vals)
        except struct.error:  # a missing value (None): NaN stands for it
            try:
                return _BOARDS[n].pack(*[_NAN if v is None else v for v in vals])
            except (struct.error, OverflowError):
                pass
        except OverflowError:
            pass
    return boards_text([(x.index, x.hashrate_ths, x.temp_chip_c, x.temp_board_c) for x in boards])


def _num(v: float, digits: int) -> float | None:
    return None if v != v else round(v, digits)  # NaN: no value


def boards_flat(cell: bytes) -> tuple[Any, ...]:
    """A packed cell as it is stored: index, TH/s, chip °C, board °C per board, NaN = no value
    (the rollup's input: no rounding, no tuples per board)."""
    n = len(cell) // _BOARD_SIZE
    return _BOARDS[n].unpack(cell) if n < len(_BOARDS) else struct.unpack("<" + _BOARD * n, cell)


def boards_list(cell: Packed | None) -> list[BoardValues]:
    if not cell:
        return []
    if isinstance(cell, bytes):
        flat = boards_flat(cell)
        return [
            (flat[k], _num(flat[k + 1], 6), _num(flat[k + 2], 1), _num(flat[k + 3], 1))
            for k in range(0, len(flat), 4)
        ]
    out: list[BoardValues] = []
    for part in cell.split(";"):
        i, h, c, b = part.split(":")
        out.append((int(i), ths(_f(h)), celsius(_f(c)), celsius(_f(b))))
    return out
