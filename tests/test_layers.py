"""The layers the folders promise, checked on every import (function-level ones included).

engine -> drivers -> wire, all judged by faults; the window, the CLI and serve sit on top. A
forbidden import is a design change: make it on purpose, here, or not at all.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "rig_monitor"

QT = ("PySide6", "shiboken6", "pyqtgraph")

# (package folder, modules it must never import, why)
RULES: list[tuple[str, tuple[str, ...], str]] = [
    ("core", ("rig_monitor.gui", "rig_monitor.cli", *QT), "core/ is Qt-free and knows no UI"),
    (
        "core/wire",
        (
            "rig_monitor.core.drivers",
            "rig_monitor.core.engine",
            "rig_monitor.core.faults",
        ),
        "wire/ is bytes in, JSON out: no firmware knowledge",
    ),
    (
        "core/drivers",
        ("rig_monitor.core.faults", "rig_monitor.core.engine"),
        "a driver reads, the rules judge, the engine schedules",
    ),
    ("core/faults", ("rig_monitor.core.engine",), "rules judge snapshots, whoever polled them"),
    (
        "core/history",
        ("rig_monitor.core.engine", "rig_monitor.core.drivers", "rig_monitor.core.wire"),
        "history files what front ends hand it, however it was polled",
    ),
]

# The simulator shares no parsing code with the drivers: it may use the data model, nothing else.
SIM_ALLOWED = ("rig_monitor.sim", "rig_monitor.core.model")


def imports_of(path: Path, root: Path = ROOT) -> list[tuple[int, str]]:
    """Every absolute module name a file imports, with its line (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(root.parent).with_suffix("").parts[:-1])
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            # "from rig_monitor.core import engine" imports rig_monitor.core.engine
            found.extend((node.lineno, f"{base}.{alias.name}") for alias in node.names)
            found.append((node.lineno, base))
    return found


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(folder: str, forbidden: tuple[str, ...], root: Path = ROOT) -> list[str]:
    out = []
    for path in sorted((root / folder).rglob("*.py")):
        for line, name in imports_of(path, root):
            if any(_under(name, f) for f in forbidden):
                out.append(f"{path.relative_to(root.parent)}:{line} imports {name}")
    return out


@pytest.mark.parametrize(("folder", "forbidden", "why"), RULES, ids=[r[0] for r in RULES])
def test_layer_rule(folder: str, forbidden: tuple[str, ...], why: str) -> None:
    assert (ROOT / folder).is_dir(), f"{folder} is missing: update the layer rules"
    assert violations(folder, forbidden) == [], why


def test_sim_imports_only_the_data_model() -> None:
    bad = []
    for path in sorted((ROOT / "sim").rglob("*.py")):
        for line, name in imports_of(path):
            if _under(name, "rig_monitor") and not any(_under(name, a) for a in SIM_ALLOWED):
                # "from rig_monitor.core import model" lands here as both names; allow it.
                if name in ("rig_monitor.core", "rig_monitor"):
                    continue
                bad.append(f"{path.relative_to(ROOT.parent)}:{line} imports {name}")
    assert bad == [], "the simulator must not share code with the drivers"


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    """The walk must catch function-level and relative imports, or the rules above prove nothing."""
    root = tmp_path / "rig_monitor"
    (root / "core" / "drivers").mkdir(parents=True)
    (root / "core" / "drivers" / "probe.py").write_text(
        "def f():\n    from ..faults import rules\n    import rig_monitor.core.engine.poller\n",
        encoding="utf-8",
    )
    found = violations(
        "core/drivers", ("rig_monitor.core.faults", "rig_monitor.core.engine"), root=root
    )
    assert "rig_monitor/core/drivers/probe.py:2 imports rig_monitor.core.faults" in found
    assert "rig_monitor/core/drivers/probe.py:3 imports rig_monitor.core.engine.poller" in found
