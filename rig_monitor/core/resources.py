"""Locate the data files in resources/, whether installed, editable or bundled by PyInstaller."""

from __future__ import annotations

import json
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


@cache
def resource_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:  # PyInstaller bundle
        candidate = Path(bundle) / "rig_monitor" / "resources"
        if candidate.is_dir():
            return candidate
    try:
        path = Path(str(resources.files("rig_monitor.resources")))
        if path.is_dir():
            return path
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


class ResourceError(ValueError):
    """A data file is missing or broken; the message names the file and the problem."""


def load_json(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError as exc:
        raise ResourceError(f"{path}: file not found") from exc
    except json.JSONDecodeError as exc:
        raise ResourceError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    except UnicodeDecodeError as exc:
        raise ResourceError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    except RecursionError:
        raise ResourceError(f"{path}: not valid JSON (nested too deep)") from None
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read ({exc.strerror or exc})") from exc
