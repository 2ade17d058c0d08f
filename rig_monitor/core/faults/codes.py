"""Vendor error codes → catalogue fault ids, from the tables in ``resources/faults/``.

The firmware often knows the cause better than any threshold (a PSU register bit, "slot 2 not
found"), so its codes are mapped onto the same fault ids the measurement rules use: the operator
then sees one "Hashboard missing" with both kinds of evidence, not two unrelated alarms.
Codes no table knows still surface, as ``vendor_error_code`` with the firmware's own text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rig_monitor.core.faults.catalogue import CatalogueError, read_resource, render
from rig_monitor.core.model import Severity, VendorError

GENERIC_FAULT = "vendor_error_code"


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """What one vendor code means for the operator."""

    vendor: str
    code: str
    meaning: str
    action: str
    severity: Severity
    fault_id: str
    board: int | None = None  # 0-based


@dataclass(frozen=True, slots=True)
class WhatsminerCode:
    """The digits of a Whatsminer code split as the vendor tools do (faults.md §2.1)."""

    code: str
    type: int
    subtype: int | None = None
    value: int | None = None
    slot: int | None = None
    chip: int | None = None
    security: bool = False


def decode_whatsminer(code: str | int) -> WhatsminerCode:
    s = str(code).strip()
    if not s.isdigit() or not 3 <= len(s) <= 6:
        raise ValueError(f"not a Whatsminer error code: {code!r}")
    if len(s) == 6 and s.startswith("1"):
        return WhatsminerCode(s, type=int(s[:-2]), security=True)
    if len(s) == 6:
        return WhatsminerCode(s, type=int(s[:2]), slot=int(s[2]), chip=int(s[3:]))
    return WhatsminerCode(s, type=int(s[:-2]), subtype=int(s[-2]), value=int(s[-1]))


# ---------------------------------------------------------------------------------------------
# tables


@dataclass(frozen=True, slots=True)
class _Entry:
    meaning: str
    action: str
    severity: Severity
    fault_id: str


@dataclass(slots=True)
class _Table:
    source: str
    exact: dict[str, _Entry]
    ranges: list[tuple[int, int, int, _Entry]]  # (length, lo, hi, entry)
    patterns: list[tuple[re.Pattern[str], _Entry]]  # most specific first
    messages: list[tuple[str, _Entry]]


_WM_LETTERS = {"X": r"(?P<slot>\d)", "P": r"(?P<pool>\d)", "N": r"(?P<level>\d)", "#": r"\d"}


def _wm_regex(pattern: str) -> re.Pattern[str]:
    out = pattern.replace("BBB", "\0")
    rx = ""
    for ch in out:
        if ch == "\0":
            rx += r"(?P<chip>\d{3})"
        elif ch in _WM_LETTERS:
            rx += _WM_LETTERS[ch]
        else:
            rx += re.escape(ch)
    return re.compile(f"^{rx}$")


def _am_regex(pattern: str) -> re.Pattern[str]:
    rx = re.escape(pattern).replace("n", r"(?P<chain>\d+)")
    return re.compile(f"^{rx}$", re.IGNORECASE)


def _entry(source: str, item: Any, where: str) -> _Entry:
    if not isinstance(item, dict) or not isinstance(item.get("meaning"), str):
        raise CatalogueError(source, f"{where}: needs a text 'meaning'")
    try:
        sev = Severity(item.get("severity", "warning"))
    except ValueError:
        raise CatalogueError(source, f"{where}: bad severity {item.get('severity')!r}") from None
    return _Entry(
        item["meaning"], str(item.get("action", "")), sev, str(item.get("fault", GENERIC_FAULT))
    )


def _build(
    source: str,
    data: dict[str, Any],
    regex: Callable[[str], re.Pattern[str]],
    is_pattern: Callable[[str], bool],
) -> _Table:
    table = _Table(source, {}, [], [], [])
    codes = data.get("codes")
    if not isinstance(codes, list):
        raise CatalogueError(source, "'codes' must be a list")
    pats: list[tuple[int, re.Pattern[str], _Entry]] = []
    for n, item in enumerate(codes):
        code = item.get("code") if isinstance(item, dict) else None
        if not isinstance(code, str) or not code:
            raise CatalogueError(source, f"codes[{n}]: needs a text 'code'")
        entry = _entry(source, item, f"code {code!r}")
        m = re.fullmatch(r"(\d+)-(\d+)", code)
        if m:
            lo, hi = int(m[1]), int(m[2])
            if lo > hi or len(m[1]) != len(m[2]):
                raise CatalogueError(source, f"code {code!r}: bad range")
            table.ranges.append((len(m[1]), lo, hi, entry))
        elif is_pattern(code):
            wild = sum(code.count(c) for c in "XPN#Bn")
            pats.append((wild, regex(code), entry))
        else:
            table.exact[code.upper()] = entry
    table.patterns = [(rx, e) for _, rx, e in sorted(pats, key=lambda t: t[0])]
    for n, item in enumerate(data.get("messages", [])):
        if not isinstance(item, dict) or not isinstance(item.get("contains"), str):
            raise CatalogueError(source, f"messages[{n}]: needs a text 'contains'")
        table.messages.append((item["contains"].lower(), _entry(source, item, f"messages[{n}]")))
    return table


@dataclass(slots=True)
class _Avalon:
    bits: list[tuple[int, str]]
    severity: Severity
    bootby: dict[int, str]


@functools.lru_cache(maxsize=1)
def _whatsminer() -> _Table:
    return _build(
        "resources/faults/whatsminer_codes.json",
        read_resource("whatsminer_codes.json"),
        _wm_regex,
        lambda code: not code.isdigit(),
    )


@functools.lru_cache(maxsize=1)
def _antminer() -> _Table:
    return _build(
        "resources/faults/antminer_codes.json",
        read_resource("antminer_codes.json"),
        _am_regex,
        lambda code: "n" in code,
    )


@functools.lru_cache(maxsize=1)
def _avalon() -> _Avalon:
    source = "resources/faults/avalon_codes.json"
    data = read_resource("avalon_codes.json")
    try:
        bits = [(int(b["bit"]), str(b["meaning"])) for b in data["ps_bits"]]
        bootby = {int(k): str(v) for k, v in data["bootby"].items()}
        sev = Severity(data.get("ps_severity", "critical"))
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise CatalogueError(source, f"malformed: {e!r}") from None
    return _Avalon(bits, sev, bootby)


def load_code_tables() -> None:
    """Load (and so validate) every code table now, e.g. at start-up, instead of on first use."""
    _whatsminer()
    _antminer()
    _avalon()


# ---------------------------------------------------------------------------------------------
# lookup


def _match(table: _Table, code: str) -> tuple[_Entry, dict[str, str]] | None:
    key = code.strip().upper()
    if key in table.exact:
        return table.exact[key], {}
    if key.isdigit():
        n = int(key)
        for length, lo, hi, entry in table.ranges:
            if len(key) == length and lo <= n <= hi:
                return entry, {}
    for rx, entry in table.patterns:
        m = rx.match(code.strip())
        if m:
            return entry, {k: v for k, v in m.groupdict().items() if v is not None}
    return None


def _info(
    vendor: str, code: str, entry: _Entry, values: dict[str, Any], board: int | None
) -> CodeInfo:
    meaning = render(entry.meaning, values)
    return CodeInfo(vendor, code, meaning, entry.action, entry.severity, entry.fault_id, board)


def whatsminer_code(code: str) -> CodeInfo:
    s = str(code).strip()
    hit = _match(_whatsminer(), s)
    if hit is None:
        return CodeInfo("Whatsminer", s, "unknown code", "", Severity.WARNING, GENERIC_FAULT)
    entry, groups = hit
    values: dict[str, Any] = dict(groups)
    if "chip" in groups:
        values["chip"] = int(groups["chip"])
    board = int(groups["slot"]) if "slot" in groups else None
    return _info("Whatsminer", s, entry, values, board)


def antminer_code(code: str, message: str | None = None) -> CodeInfo:
    s = str(code).strip()
    table = _antminer()
    hit = _match(table, s)
    if hit is not None:
        entry, groups = hit
        board = int(groups["chain"]) if "chain" in groups else None
        return _info(
            "Antminer", s, entry, {"chain": board + 1 if board is not None else "?"}, board
        )
    text = f"{s} {message or ''}".lower()
    for needle, entry in table.messages:
        if needle in text:
            return CodeInfo(
                "Antminer",
                s,
                message or entry.meaning,
                entry.action,
                entry.severity,
                entry.fault_id,
            )
    return CodeInfo("Antminer", s, message or "unknown code", "", Severity.WARNING, GENERIC_FAULT)


def avalon_ps(value: int) -> CodeInfo | None:
    """Avalon ``PS[0]`` bitmask; None when 0 (healthy)."""
    if value == 0:
        return None
    av = _avalon()
    names = [meaning for bit, meaning in av.bits if value & bit]
    meaning = ", ".join(names) or "unknown PSU status bits"
    return CodeInfo("Avalon", f"PS:{value}", meaning, "", av.severity, "psu_fault")


def avalon_boot_reason(value: int) -> str | None:
    return _avalon().bootby.get(value)


def vendor_of(make: str | None, family: str | None) -> str | None:
    text = f"{make or ''} {family or ''}".lower()
    if "whatsminer" in text or "btminer" in text or "microbt" in text:
        return "whatsminer"
    if "antminer" in text or "bmminer" in text or "bitmain" in text:
        return "antminer"
    if "avalon" in text or "canaan" in text:
        return "avalon"
    return None


_AVALON_RX = re.compile(r"^(PS|BOOTBY)\s*[:=\[]\s*(-?\d+)\]?$", re.IGNORECASE)


def classify(
    err: VendorError, make: str | None = None, family: str | None = None
) -> CodeInfo | None:
    """Map one reported error to a fault; None for context-only entries (Avalon BOOTBY, PS=0)."""
    code = str(err.code).strip()
    vendor = vendor_of(make, family)
    m = _AVALON_RX.match(code)
    if m and vendor in ("avalon", None):
        if m[1].upper() == "BOOTBY":
            return None
        return avalon_ps(int(m[2]))
    info: CodeInfo
    if vendor == "whatsminer" or (vendor is None and code.isdigit() and 3 <= len(code) <= 6):
        info = whatsminer_code(code)
    elif vendor == "antminer" or (vendor is None and _antminer_shaped(code)):
        info = antminer_code(code, err.message)
    else:
        label = make or family or "firmware"
        return CodeInfo(
            label,
            code,
            err.message or "error reported",
            "",
            Severity.WARNING,
            GENERIC_FAULT,
            err.board,
        )
    if err.board is not None and info.board is None:
        info = CodeInfo(
            info.vendor,
            info.code,
            info.meaning,
            info.action,
            info.severity,
            info.fault_id,
            err.board,
        )
    if info.fault_id == GENERIC_FAULT and err.message and info.meaning == "unknown code":
        info = CodeInfo(
            info.vendor,
            info.code,
            err.message,
            info.action,
            info.severity,
            info.fault_id,
            info.board,
        )
    return info


def _antminer_shaped(code: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]\d*:\d+", code, re.IGNORECASE)) or code.upper().startswith(
        ("ERROR_", "WARN_")
    )


def boot_reason(errors: list[VendorError]) -> str | None:
    """The Avalon BOOTBY reason among a snapshot's errors, as text."""
    for err in errors:
        m = _AVALON_RX.match(str(err.code).strip())
        if m and m[1].upper() == "BOOTBY":
            return avalon_boot_reason(int(m[2])) or f"BOOTBY {m[2]}"
    return None


def decoded(err: VendorError, make: str | None = None, family: str | None = None) -> VendorError:
    """``err`` with the board and meaning the code tables give, where the firmware gave none."""
    info = classify(err, make, family)
    if info is None:
        return err
    message = err.message
    if message is None and info.meaning not in ("unknown code", "error reported"):
        message = info.meaning
    board = err.board if err.board is not None else info.board
    return VendorError(code=err.code, message=message, board=board, since=err.since)
