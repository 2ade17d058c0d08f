"""Group the fleet by site, /24 block, model, firmware or pool, with per-group totals, and the
filter-language text that shows one group in the table (drill-down). Qt-free."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rig_monitor.core.filterlang import AddrSpan, site_spans
from rig_monitor.gui import fmt
from rig_monitor.gui.fleet import FleetRow, RowState

GROUPINGS = ("site", "block", "model", "firmware", "pool")
NONE = "—"


@dataclass(slots=True)
class Group:
    name: str
    filter: str  # filter-language text selecting this group's miners
    miners: int = 0
    offline: int = 0
    faults: int = 0  # warning or critical
    hashrate_ths: float = 0.0
    nominal_ths: float = 0.0

    @property
    def share(self) -> float | None:
        return self.hashrate_ths / self.nominal_ths if self.nominal_ths else None


def _quote(value: str) -> str:
    return f'"{value}"' if any(c.isspace() for c in value) else value


def _block(ip: str) -> str | None:
    try:
        return str(ipaddress.ip_network(f"{ip}/24", strict=False))
    except ValueError:
        return None


def group_key(
    row: FleetRow, by: str, sites: Sequence[tuple[str, list[AddrSpan]]]
) -> tuple[str, str]:
    """(group name, filter text) of one row."""
    ident = row.identity
    if by == "block":
        block = _block(row.ip)
        return (block, block) if block else (NONE, row.ip)
    if by == "site":
        try:
            ip = int(ipaddress.IPv4Address(row.ip))
        except ValueError:
            return NONE, ""
        for name, spans in sites:
            if any(a <= ip <= b and (p is None or p == row.port) for a, b, p in spans):
                return name, f"site:{_quote(name)}"
        return NONE, ""
    if by == "model":
        model = fmt.make_model(ident) if ident is not None else fmt.DASH
        return (NONE, "") if model == fmt.DASH else (model, f"model:{_quote(model)}")
    if by == "firmware":
        fw = (ident.firmware or "") if ident is not None else ""
        return (fw, f"fw:{_quote(fw)}") if fw else (NONE, "")
    if by == "pool":
        pool = ident.active_pool if ident is not None else None
        host = fmt.pool_host(pool.url) if pool is not None else ""
        return (host, f"pool:{_quote(host)}") if host else (NONE, "")
    raise ValueError(f"unknown grouping {by!r}; use one of {', '.join(GROUPINGS)}")


def group_rows(
    rows: Iterable[FleetRow], by: str, sites: Mapping[str, Sequence[str]] | None = None
) -> list[Group]:
    """Groups, the ones with problems first, then by size."""
    site_list = [(name, site_spans(items)) for name, items in (sites or {}).items()]
    groups: dict[str, Group] = {}
    for row in rows:
        name, text = group_key(row, by, site_list)
        g = groups.get(name)
        if g is None:
            g = groups[name] = Group(name, text)
        g.miners += 1
        state = row.state
        if state is RowState.OFFLINE:
            g.offline += 1
        elif state in (RowState.WARNING, RowState.CRITICAL):
            g.faults += 1
        nominal = row.nominal_ths
        if nominal:
            g.nominal_ths += nominal
        if row.online and row.snap is not None and row.snap.hashrate_ths is not None:
            g.hashrate_ths += row.snap.hashrate_ths
    return sorted(groups.values(), key=lambda g: (-(g.offline + g.faults), -g.miners, g.name))
