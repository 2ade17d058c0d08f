"""Operator-facing number formatting shared by the CLI tables and the GUI."""

from __future__ import annotations

from collections.abc import Callable

from rig_monitor.core.model import MinerSnapshot

DASH = "—"


def _as_is(text: str) -> str:
    return text


def uptime(seconds: int | None, say: Callable[[str], str] = _as_is) -> str:
    """ "2 d 3 h", "3 h 5 min", "5 min"; ``say`` translates the templates (window, CLI)."""
    if seconds is None:
        return DASH
    d, rem = divmod(int(seconds), 86400)
    h, rem = divmod(rem, 3600)
    m = rem // 60
    if d:
        return say("{days} d {hours} h").format(days=d, hours=h)
    if h:
        return say("{hours} h {minutes} min").format(hours=h, minutes=m)
    return say("{minutes} min").format(minutes=m)


def number(value: float | None, digits: int = 1, unit: str = "") -> str:
    if value is None:
        return DASH
    text = f"{value:,.{digits}f}"
    return f"{text} {unit}".rstrip()


def percent(ratio: float | None) -> str:
    return DASH if ratio is None else f"{ratio * 100:.0f} %"


def fans(rpms: list[int]) -> str:
    """Slowest of n ("5,820 ×4"); with a fan stopped "1 of 4 stopped", never a bare "0 ×4"."""
    if not rpms:
        return DASH
    stopped = sum(1 for r in rpms if r <= 0)
    if stopped:
        return f"{stopped} of {len(rpms)} stopped"
    return f"{min(rpms):,} ×{len(rpms)}"


def pool_host(url: str | None) -> str:
    if not url:
        return DASH
    host = url.split("://", 1)[-1]
    return host.rstrip("/")


def make_model(snap: MinerSnapshot | None) -> str:
    if snap is None:
        return DASH
    parts = [p for p in (snap.make, snap.model) if p]
    if len(parts) == 2 and parts[1].lower().startswith(parts[0].lower()):
        parts = parts[1:]  # "Antminer" + "Antminer S19" -> "Antminer S19"
    return " ".join(parts) if parts else DASH
