"""History as documents: the ``history``/``export`` JSON and CSV, the handover, the daily report.

Shared by the CLI and the window, so a file exported from either reads the same. Times are unix
seconds in JSON (``t``) and ISO 8601 UTC in CSV (spreadsheets read those).
"""

from __future__ import annotations

import csv
import html
import io
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TextIO

from rig_monitor.core.history.reader import (
    EventRow,
    FleetPoint,
    HistoryReader,
    MinerRow,
    SamplePoint,
    pick_tier,
)

EVENT_KINDS = {
    "raised",
    "escalated",
    "deescalated",
    "cleared",
    "acknowledged",
    "snoozed",
    "snooze_ended",
    "note",
    "action",
}
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_since(text: str) -> float:
    """``10m``, ``24h``, ``30d``, ``2w``, ``90s`` → seconds (a clear ValueError otherwise)."""
    t = text.strip().lower()
    if len(t) >= 2 and t[-1] in _UNITS:
        try:
            n = float(t[:-1])
        except ValueError:
            n = -1.0
        if n > 0:
            return n * _UNITS[t[-1]]
    raise ValueError(f"--since {text!r}: give a duration such as 10m, 24h, 30d or 2w")


def iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _r(v: float | None, digits: int = 1) -> float | None:
    return None if v is None else round(v, digits)


def _ths(v: float | None) -> float | None:
    return None if v is None else float(f"{v:.6g}")


def sample_dict(p: SamplePoint, tier: str) -> dict[str, Any]:
    d: dict[str, Any] = {
        "t": round(p.t, 3),
        "online": p.online >= 0.5,
        "hashrate_ths": _ths(p.hashrate_ths),
        "temp_chip_max_c": _r(p.temp_chip_max_c),
        "temp_board_max_c": _r(p.temp_board_max_c),
        "power_w": _r(p.power_w, 0),
        "fans_rpm": p.fans_rpm,
    }
    if tier != "raw":
        d["online_fraction"] = round(p.online, 3)
    return d


def event_dict(e: EventRow) -> dict[str, Any]:
    detail = e.detail or ""
    if e.kind in ("note", "action") and e.operator:
        detail = f"{detail} ({e.operator})" if detail else e.operator
    return {
        "t": round(e.t, 3),
        "fault": e.fault,
        "event": e.kind,
        "severity": e.severity,
        "detail": detail,
    }


def history_doc(
    reader: HistoryReader, miners: Sequence[MinerRow], since: float, until: float | None = None
) -> list[dict[str, Any]]:
    """The ``rig-monitor history --json`` document: one object per miner."""
    now = time.time() if until is None else until
    tier = pick_tier(since, time.time(), reader.retention)
    out = []
    for m in miners:
        pts = reader.samples(m.id, since, now, tier=tier)
        evs = reader.events([m.id], since, now)
        out.append(
            {
                "ip": m.ip if m.port == 4028 else m.key,
                "serial": m.serial,
                "model": " ".join(x for x in (m.make, m.model) if x) or None,
                "tier": tier,
                "samples": [sample_dict(p, tier) for p in pts],
                "events": [event_dict(e) for e in evs],
            }
        )
    return out


CSV_COLUMNS = [
    "time_utc",
    "ip",
    "serial",
    "online",
    "hashrate_ths",
    "nominal_ths",
    "temp_chip_max_c",
    "temp_board_max_c",
    "power_w",
    "fans_rpm",
    "pool",
    "boards_ths",
    "boards_chip_c",
]


def write_samples_csv(
    reader: HistoryReader,
    miners: Sequence[MinerRow],
    since: float,
    out: TextIO,
    until: float | None = None,
) -> int:
    """One row per sample per miner; returns the number of rows written."""
    now = time.time() if until is None else until
    tier = pick_tier(since, time.time(), reader.retention)
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    n = 0
    for m in miners:
        ip = m.ip if m.port == 4028 else m.key
        for p in reader.samples(m.id, since, now, tier=tier):
            w.writerow(
                [
                    iso(p.t),
                    ip,
                    m.serial or "",
                    round(p.online, 3),
                    _blank(_ths(p.hashrate_ths)),
                    _blank(_ths(p.nominal_ths)),
                    _blank(_r(p.temp_chip_max_c)),
                    _blank(_r(p.temp_board_max_c)),
                    _blank(_r(p.power_w, 0)),
                    " ".join(str(f) for f in p.fans_rpm),
                    p.pool or "",
                    " ".join("" if b[1] is None else f"{b[1]:.6g}" for b in p.boards),
                    " ".join("" if b[2] is None else f"{b[2]:.1f}" for b in p.boards),
                ]
            )
            n += 1
    return n


def _blank(v: float | None) -> object:
    return "" if v is None else v


def fleet_csv(points: Iterable[FleetPoint], out: TextIO) -> None:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["time_utc", "miners", "online", "hashrate_ths", "nominal_ths", "power_w", "faults"])
    for p in points:
        w.writerow(
            [
                iso(p.t),
                round(p.miners, 1),
                round(p.online, 1),
                f"{p.hashrate_ths:.6g}",
                f"{p.nominal_ths:.6g}",
                round(p.power_w),
                round(p.faults, 1),
            ]
        )


# -- the handover: what changed since a time ----------------------------------------------------------
@dataclass(frozen=True, slots=True)
class HandoverItem:
    t: float
    miner: str  # operator's address
    serial: str | None
    kind: str
    fault: str | None
    severity: str | None
    text: str  # title and detail, or the note
    operator: str | None

    @property
    def section(self) -> str:
        if self.kind in ("raised", "escalated"):
            return "New faults"
        if self.kind == "cleared":
            return "Cleared"
        if self.kind == "note":
            return "Notes"
        if self.kind == "action":
            return "Actions"
        return "Acknowledged and snoozed"


SECTIONS = ("New faults", "Cleared", "Actions", "Notes", "Acknowledged and snoozed")


def handover(reader: HistoryReader, since: float, until: float | None = None) -> list[HandoverItem]:
    """Everything that changed since ``since``, oldest first (de-escalations left out)."""
    names = reader.miner_names()
    out = []
    for e in reader.events(None, since, until):
        if e.kind in ("deescalated", "snooze_ended"):
            continue
        m = names.get(e.miner) if e.miner is not None else None
        where = "" if m is None else (m.ip if m.port == 4028 else m.key)
        text = e.detail or ""
        if e.title and e.kind not in ("note", "action"):
            text = f"{e.title}: {text}" if text else e.title
        out.append(
            HandoverItem(
                e.t, where, m.serial if m else None, e.kind, e.fault, e.severity, text, e.operator
            )
        )
    return out


def handover_csv(items: Iterable[HandoverItem], out: TextIO) -> None:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(
        ["time_utc", "section", "miner", "serial", "event", "fault", "severity", "text", "operator"]
    )
    for i in items:
        w.writerow(
            [
                iso(i.t),
                i.section,
                i.miner,
                i.serial or "",
                i.kind,
                i.fault or "",
                i.severity or "",
                i.text,
                i.operator or "",
            ]
        )


# -- the daily site report ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ReportRow:
    miner: str
    serial: str | None
    model: str
    hashrate_ths: float | None  # mean while online
    nominal_ths: float | None
    uptime: float | None  # fraction of polls online
    power_w: float | None
    efficiency_j_th: float | None
    raised: int
    cleared: int


def daily_report(
    reader: HistoryReader, day_start: float, day_end: float | None = None
) -> list[ReportRow]:
    """Per miner over one day (or any span): hashrate, uptime, efficiency, faults raised/cleared."""
    end = day_start + 86400 if day_end is None else day_end
    tier = pick_tier(day_start, time.time(), reader.retention)
    # the raw table is bucket-major (5-minute buckets): a range on b reads only that day
    bucket = " AND b >= ? AND b <= ?" if tier == "raw" else ""
    buckets = (int(day_start) // 300, int(end) // 300) if tier == "raw" else ()
    rows = reader.conn.execute(
        f"SELECT miner, sum(online * n) / sum(n), sum(hr * online * n) / nullif(sum(online * n), 0),"
        f" max(nominal), sum(pw * online * n) / nullif(sum(online * n), 0) FROM ("
        f" SELECT miner, online, hashrate_mhs AS hr, nominal_mhs AS nominal, power_w AS pw, 1 AS n"
        f" FROM samples_{tier} WHERE t >= ? AND t < ?{bucket}) GROUP BY miner",
        (round(day_start * 1000), round(end * 1000), *buckets),
    ).fetchall()
    counts: dict[tuple[int, str], int] = {}
    for miner, kind, n in reader.conn.execute(
        "SELECT miner, kind, count(*) FROM events WHERE t >= ? AND t < ? AND kind IN"
        " ('raised', 'cleared') GROUP BY miner, kind",
        (day_start, end),
    ):
        counts[(miner, kind)] = int(n)
    names = reader.miner_names()
    out = []
    for mid, uptime, hr, nominal, pw in rows:
        m = names.get(mid)
        if m is None:
            continue
        ths = None if hr is None else hr / 1e6
        out.append(
            ReportRow(
                m.ip if m.port == 4028 else m.key,
                m.serial,
                " ".join(x for x in (m.make, m.model) if x),
                ths,
                None if nominal is None else nominal / 1e6,
                uptime,
                pw,
                (pw / ths) if (pw is not None and ths) else None,
                counts.get((mid, "raised"), 0),
                counts.get((mid, "cleared"), 0),
            )
        )
    out.sort(key=lambda r: r.miner)
    return out


REPORT_COLUMNS = [
    "miner",
    "serial",
    "model",
    "hashrate_ths",
    "nominal_ths",
    "uptime_pct",
    "power_w",
    "efficiency_j_th",
    "faults_raised",
    "faults_cleared",
]


def _fmt(v: float | None, digits: int) -> str:
    return "" if v is None else f"{v:.{digits}f}"


def report_cells(r: ReportRow) -> list[str]:
    return [
        r.miner,
        r.serial or "",
        r.model,
        _fmt(r.hashrate_ths, 2),
        _fmt(r.nominal_ths, 2),
        _fmt(None if r.uptime is None else 100 * r.uptime, 1),
        _fmt(r.power_w, 0),
        _fmt(r.efficiency_j_th, 1),
        str(r.raised),
        str(r.cleared),
    ]


def report_csv(rows: Iterable[ReportRow], out: TextIO) -> None:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(REPORT_COLUMNS)
    for r in rows:
        w.writerow(report_cells(r))


def report_html(rows: Sequence[ReportRow], day_start: float, site: str = "") -> str:
    """A printable page (A4/Letter, black on white, table header repeated on each page)."""
    day = datetime.fromtimestamp(day_start, UTC).strftime("%Y-%m-%d")
    total_hr = sum(r.hashrate_ths or 0.0 for r in rows)
    total_pw = sum(r.power_w or 0.0 for r in rows)
    uptimes = [r.uptime for r in rows if r.uptime is not None]
    raised = sum(r.raised for r in rows)
    cleared = sum(r.cleared for r in rows)
    buf = io.StringIO()
    e = html.escape
    buf.write(
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>"
        f"<title>Rig Monitor daily report {e(day)}</title>\n<style>"
        "body{font-family:sans-serif;font-size:11pt;color:#000;background:#fff;margin:1.5em}"
        "table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:2px 6px}"
        "td.n{text-align:right}thead{display:table-header-group}tr{page-break-inside:avoid}"
        "@media print{body{margin:0}}</style></head><body>\n"
    )
    buf.write(f"<h1>Daily site report {e(site)} — {e(day)} (UTC)</h1>\n")
    buf.write(
        f"<p>{len(rows):,} miners · {total_hr:,.1f} TH/s mean while online · "
        f"{total_pw / 1000:,.1f} kW · uptime "
        f"{(100 * sum(uptimes) / len(uptimes)) if uptimes else 0:.1f} % · "
        f"{raised:,} faults raised, {cleared:,} cleared</p>\n"
    )
    heads = [
        "Miner",
        "Serial",
        "Model",
        "TH/s",
        "Nominal",
        "Uptime %",
        "Power W",
        "J/TH",
        "Raised",
        "Cleared",
    ]
    buf.write(
        "<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in heads) + "</tr></thead><tbody>\n"
    )
    for r in rows:
        cells = report_cells(r)
        buf.write(
            "<tr>"
            + "".join(f"<td>{e(c)}</td>" for c in cells[:3])
            + "".join(f"<td class='n'>{e(c)}</td>" for c in cells[3:])
            + "</tr>\n"
        )
    buf.write("</tbody></table>\n</body></html>\n")
    return buf.getvalue()
