from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never read or write the real user's config from a GUI test."""
    path = tmp_path / "config"
    monkeypatch.setenv("RIG_MONITOR_CONFIG_DIR", str(path))
    return path
