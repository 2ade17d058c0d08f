"""The capture corpus on disk (tests/captures/<family>/<set>/): what was captured, read as bytes.

A set holds ``rpc/<command>.json`` (or ``.raw``: the bytes exactly as the miner sent them),
``http/<path>.json`` (the request path with '/' as '_'), a ``SOURCE`` note and ``expected.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent / "captures"


@dataclass(slots=True)
class CaptureSet:
    family: str
    name: str
    path: Path
    rpc: dict[str, bytes] = field(default_factory=dict)  # command -> reply bytes (no NUL)
    http: dict[str, bytes] = field(default_factory=dict)  # file stem ("cgi-bin_stats.cgi") -> body
    expected: dict[str, Any] = field(default_factory=dict)
    raw_rpc: set[str] = field(default_factory=set)  # commands captured as exact bytes (.raw)

    @property
    def id(self) -> str:
        return f"{self.family}/{self.name}"

    def rpc_is_raw(self, command: str) -> bool:
        return command in self.raw_rpc

    def rpc_json(self, command: str) -> Any:
        raw = self.rpc.get(command)
        if raw is None:
            return None
        text = raw.rstrip(b"\x00\n").decode("utf-8", errors="replace")
        for candidate in (text, text.replace("}{", "},{")):  # old bmminer's missing comma
            try:
                return json.loads(candidate)
            except ValueError:
                continue
        return None


def _read_dir(folder: Path) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    if not folder.is_dir():
        return out
    for f in sorted(folder.iterdir()):
        if f.suffix in (".json", ".raw") and f.is_file():
            out[f.name[: -len(f.suffix)]] = f.read_bytes()
    return out


def load_set(path: Path) -> CaptureSet:
    expected_file = path / "expected.json"
    expected = json.loads(expected_file.read_text()) if expected_file.is_file() else {}
    return CaptureSet(
        family=path.parent.name,
        name=path.name,
        path=path,
        rpc=_read_dir(path / "rpc"),
        http=_read_dir(path / "http"),
        expected=expected,
        raw_rpc={f.stem for f in (path / "rpc").glob("*.raw")},
    )


def all_sets() -> list[CaptureSet]:
    if not ROOT.is_dir():
        return []
    return [
        load_set(p)
        for fam in sorted(ROOT.iterdir())
        if fam.is_dir()
        for p in sorted(fam.iterdir())
        if p.is_dir() and (p / "SOURCE").is_file()
    ]
