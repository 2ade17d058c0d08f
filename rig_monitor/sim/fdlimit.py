"""Thousands of listeners plus their clients need more file descriptors than the usual soft limit."""

from __future__ import annotations

import sys

MACOS_OPEN_MAX = 10240  # setrlimit refuses more on macOS even when the hard limit says unlimited


def raise_fd_limit(wanted: int) -> int | None:
    """Raise the soft RLIMIT_NOFILE towards the hard limit when below ``wanted``. Returns the soft limit
    now in force (None where there is no such limit, i.e. Windows)."""
    try:
        import resource
    except ImportError:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= wanted:
        return soft
    target = hard
    if hard == resource.RLIM_INFINITY:
        target = max(wanted, MACOS_OPEN_MAX if sys.platform == "darwin" else wanted)
    for candidate in (target, min(target, MACOS_OPEN_MAX)):
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (candidate, hard))
            return candidate
        except (ValueError, OSError):
            continue
    return soft
