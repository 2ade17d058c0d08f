"""Rig Monitor: desktop operations monitor for Bitcoin ASIC mining rigs."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rig-monitor")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
