"""pyproject lists packages explicitly (resources/ is mapped); a forgotten one would not ship."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_every_package_folder_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "rig_monitor").rglob("__init__.py")
    }
    found.add("rig_monitor.resources")
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_resources_are_found() -> None:
    from rig_monitor.core.resources import resource_path

    assert resource_path("models.json").is_file()
