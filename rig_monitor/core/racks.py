"""Racks: where each miner sits (rack, row, column), so a hot aisle or a dead shelf shows as a
shape on the rack map instead of scattered rows in a table.

Three ways to define them, all Qt-free and tested:
- :func:`racks_from_addresses`: one rack per /24 block, positions from the last octet (farms
  often give each rack or container its own block and number miners along the shelves);
- :func:`racks_from_names`: a regular expression with named groups ``rack``, ``row`` and ``col``
  over worker or host names (``A03-R2-S07``);
- :func:`racks_from_csv`: a file with the columns ``rack,row,col,address``.

Saved as JSON (:func:`racks_to_json` / :func:`racks_from_json`) next to the config.
"""

from __future__ import annotations

import csv
import io
import ipaddress
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_SIDE = 200  # rows or columns in one rack: more is a typo, not a rack


class RackError(ValueError):
    """Bad rack input; the message says which line or which name, and why."""


@dataclass(slots=True)
class Rack:
    name: str
    rows: int
    cols: int
    slots: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) 0-based -> key

    def place(self, row: int, col: int, key: str) -> None:
        if not (0 <= row < MAX_SIDE and 0 <= col < MAX_SIDE):
            raise RackError(f"rack {self.name}: position {row + 1},{col + 1} is out of range")
        self.slots[(row, col)] = key
        self.rows = max(self.rows, row + 1)
        self.cols = max(self.cols, col + 1)

    def position_of(self, key: str) -> tuple[int, int] | None:
        for pos, k in self.slots.items():
            if k == key:
                return pos
        return None


def _key(address: str) -> str:
    """ "10.0.0.5" -> "10.0.0.5:4028"; "10.0.0.5:4029" stays."""
    address = address.strip()
    if ":" in address:
        host, _, port = address.rpartition(":")
        if not port.isdigit():
            raise RackError(f"{address!r}: the port must be a number")
        ipaddress.IPv4Address(host)
        return address
    ipaddress.IPv4Address(address)
    return f"{address}:4028"


def _sorted(racks: Iterable[Rack]) -> list[Rack]:
    def natural(name: str) -> list[Any]:
        return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", name)]

    return sorted(racks, key=lambda r: natural(r.name))


def racks_from_addresses(keys: Iterable[str], cols: int = 10) -> list[Rack]:
    """One rack per /24 block; miner .N sits at row (N-1) // cols, column (N-1) % cols."""
    if not 1 <= cols <= MAX_SIDE:
        raise RackError(f"columns must be 1 to {MAX_SIDE}")
    racks: dict[str, Rack] = {}
    for key in keys:
        ip = key.rsplit(":", 1)[0]
        parts = ip.split(".")
        if len(parts) != 4 or not all(p.isdigit() for p in parts):
            continue
        block = ".".join(parts[:3]) + ".0/24"
        n = int(parts[3])
        rack = racks.setdefault(block, Rack(block, 0, cols))
        if n == 0:
            continue
        rack.place((n - 1) // cols, (n - 1) % cols, key)
    return _sorted(racks.values())


DEFAULT_NAME_PATTERN = r"(?P<rack>[A-Za-z]+\d*)\D*?(?P<row>\d+)\D+(?P<col>\d+)$"


def racks_from_names(names: Mapping[str, str], pattern: str = DEFAULT_NAME_PATTERN) -> list[Rack]:
    """``names`` maps miner key -> worker or host name; rows and columns in names are 1-based."""
    try:
        rx = re.compile(pattern)
    except re.error as exc:
        raise RackError(f"the pattern is not a valid regular expression: {exc}") from None
    missing = {"rack", "row", "col"} - set(rx.groupindex)
    if missing:
        need = ", ".join(f"(?P<{g}>…)" for g in sorted(missing))
        raise RackError(f"the pattern needs the named groups {need}")
    racks: dict[str, Rack] = {}
    for key, name in names.items():
        m = rx.search(name or "")
        if m is None:
            continue
        try:
            row, col = int(m.group("row")), int(m.group("col"))
        except ValueError:
            raise RackError(f"{name!r}: row and col must be numbers") from None
        if row < 1 or col < 1:
            raise RackError(f"{name!r}: rows and columns count from 1")
        rack = racks.setdefault(m.group("rack"), Rack(m.group("rack"), 0, 0))
        rack.place(row - 1, col - 1, key)
    return _sorted(racks.values())


def racks_from_csv(text: str) -> list[Rack]:
    """Columns ``rack,row,col,address`` (header required; rows and columns from 1)."""
    reader = csv.DictReader(io.StringIO(text))
    need = {"rack", "row", "col", "address"}
    fields = {f.strip().lower() for f in reader.fieldnames or []}
    if not need <= fields:
        missing = ", ".join(sorted(need - fields))
        raise RackError(
            f"line 1: the header needs the columns rack,row,col,address (missing {missing})"
        )
    racks: dict[str, Rack] = {}
    for n, raw in enumerate(reader, start=2):
        rec = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        if not any(rec.values()):
            continue
        name = rec["rack"]
        if not name:
            raise RackError(f"line {n}: the rack name is empty")
        try:
            row, col = int(rec["row"]), int(rec["col"])
        except ValueError:
            raise RackError(f"line {n}: row and col must be whole numbers") from None
        if row < 1 or col < 1:
            raise RackError(f"line {n}: rows and columns count from 1")
        try:
            key = _key(rec["address"])
        except ValueError:
            raise RackError(f"line {n}: {rec['address']!r} is not an IPv4 address") from None
        rack = racks.setdefault(name, Rack(name, 0, 0))
        try:
            rack.place(row - 1, col - 1, key)
        except RackError as exc:
            raise RackError(f"line {n}: {exc}") from None
    if not racks:
        raise RackError("the file has a header but no miners")
    return _sorted(racks.values())


def racks_to_json(racks: Iterable[Rack]) -> list[dict[str, Any]]:
    return [
        {
            "name": r.name,
            "rows": r.rows,
            "cols": r.cols,
            "slots": [[row + 1, col + 1, key] for (row, col), key in sorted(r.slots.items())],
        }
        for r in racks
    ]


def racks_from_json(data: Any) -> list[Rack]:
    if not isinstance(data, list):
        raise RackError("racks: expected a list")
    out: list[Rack] = []
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise RackError("racks: every rack needs a name")
        rack = Rack(item["name"], int(item.get("rows", 0)), int(item.get("cols", 0)))
        for slot in item.get("slots", []):
            row, col, key = slot
            rack.place(int(row) - 1, int(col) - 1, str(key))
        out.append(rack)
    return out


def load_racks(path: Path) -> list[Rack]:
    """The saved racks; none when the file does not exist yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    try:
        return racks_from_json(json.loads(text))
    except (ValueError, TypeError) as exc:
        raise RackError(f"{path}: {exc}") from None


def save_racks(path: Path, racks: Iterable[Rack]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(racks_to_json(racks), indent=1), encoding="utf-8")
    tmp.replace(path)
