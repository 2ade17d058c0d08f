"""Per-user folders (config, state, logs), one place for every part of the app.

``RIG_MONITOR_CONFIG_DIR`` overrides the config folder: tests point it at a temporary folder, and
operators can keep a site's files on a shared drive.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "rig-monitor"


def config_dir() -> Path:
    override = os.environ.get("RIG_MONITOR_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP, appauthor=False))


def state_dir() -> Path:
    override = os.environ.get("RIG_MONITOR_CONFIG_DIR")
    if override:
        return Path(override) / "state"
    return Path(platformdirs.user_state_dir(APP, appauthor=False))


def log_dir() -> Path:
    override = os.environ.get("RIG_MONITOR_CONFIG_DIR")
    if override:
        return Path(override) / "logs"
    return Path(platformdirs.user_log_dir(APP, appauthor=False))


def cache_dir() -> Path:
    """Things that can be rebuilt (the identity cache): safe to delete at any time.
    ``RIG_MONITOR_CACHE_DIR`` overrides it (tests give each test its own)."""
    own = os.environ.get("RIG_MONITOR_CACHE_DIR")
    if own:
        return Path(own)
    override = os.environ.get("RIG_MONITOR_CONFIG_DIR")
    if override:
        return Path(override) / "cache"
    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def data_dir() -> Path:
    """Where the history database lives (large, machine-local: not the config folder)."""
    override = os.environ.get("RIG_MONITOR_CONFIG_DIR")
    if override:
        return Path(override) / "data"
    return Path(platformdirs.user_data_dir(APP, appauthor=False))
