"""Rig Monitor: desktop operations monitor for Bitcoin ASIC mining rigs."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """``__version__`` on first use: importing importlib.metadata (and the email package it pulls
    in) and reading the distribution's metadata cost ~50 ms of every ``rig-monitor`` process's
    start-up, and only ``--version`` and the About box need it (benchmarks/warm.py --cli)."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("rig-monitor")
    except PackageNotFoundError:  # running from a source tree that was never installed
        value = "0.0.0+unknown"
    globals()["__version__"] = value
    return value
