"""``history``, ``export``, ``note`` and ``report`` commands, and ``watch --record``.

They read the history database (``--db PATH`` or the one in the user data folder) with their own
read-only connection, so they run while the window or a ``watch --record`` is writing.
"""

from __future__ import annotations

import argparse
import calendar
import json
import sqlite3
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from rig_monitor.cli import EXIT_USAGE, TARGET_HELP, _targets
from rig_monitor.core.faults import FaultEvent, FaultTracker
from rig_monitor.core.history import (
    SCHEMA_VERSION,
    EventIn,
    HistoryReader,
    HistoryRecorder,
    HistoryStore,
    MinerRow,
    default_path,
    operator_name,
)
from rig_monitor.core.history.errors import explain
from rig_monitor.core.history.export import (
    daily_report,
    handover,
    handover_csv,
    history_doc,
    iso,
    parse_since,
    report_csv,
    report_html,
    write_samples_csv,
)
from rig_monitor.core.history.kept import event_in, from_active, to_active
from rig_monitor.core.model import MinerSnapshot

EXIT_NO_HISTORY = 1


def _db(args: argparse.Namespace) -> Path:
    return Path(args.db).expanduser() if getattr(args, "db", None) else default_path()


def _err(command: str, text: str) -> None:
    print(f"rig-monitor {command}: error: {text}", file=sys.stderr)


# -- watch --record ---------------------------------------------------------------------------------
class SweepHook:
    """What ``watch`` calls after each sweep: records it when ``--record`` was given."""

    def __init__(self, args: argparse.Namespace, tracker: FaultTracker) -> None:
        self.tracker = tracker
        self.recorder: HistoryRecorder | None = None
        if not (getattr(args, "record", False) or getattr(args, "db", None)):
            return  # --db names where to record: it implies --record (never ignored silently)
        rec = HistoryRecorder(_db(args), source="watch", on_problem=self._problem)
        rec.start()
        if rec.wait_ready():
            restored = tracker.restore(to_active(k) for k in rec.kept)
            if restored:
                print(
                    f"rig-monitor watch: {restored} open fault(s) kept from the last run",
                    file=sys.stderr,
                )
        self.recorder = rec

    @staticmethod
    def _problem(text: str | None) -> None:
        if text:
            print(f"rig-monitor watch: history: {text}", file=sys.stderr)

    def __call__(self, snaps: Sequence[MinerSnapshot], events: Sequence[FaultEvent]) -> None:
        rec = self.recorder
        if rec is None or not rec.available:
            return
        active = self.tracker.active(include_suppressed=True)
        rec.add_batch(
            snaps,
            sweep_done=True,
            events=[event_in(e) for e in events],
            kept=[from_active(a) for a in active],
            open_faults=len(self.tracker.active(include_snoozed=False)),
        )

    def close(self) -> None:
        if self.recorder is not None:
            self.recorder.close()


def sweep_hook(args: argparse.Namespace, tracker: FaultTracker) -> SweepHook:
    return SweepHook(args, tracker)


# -- reading --------------------------------------------------------------------------------------------
def _open(args: argparse.Namespace, command: str) -> HistoryReader | None:
    path = _db(args)
    try:
        if path.exists():
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as c:
                older = 0 < int(c.execute("PRAGMA user_version").fetchone()[0]) < SCHEMA_VERSION
            if older:  # upgrade it (a backup first), as the window would
                HistoryStore(path, source="cli").close()
        return HistoryReader(path)
    except Exception as exc:
        _err(command, explain(exc, path))
        return None


def _miners(reader: HistoryReader, args: argparse.Namespace, command: str) -> list[MinerRow] | None:
    if not args.targets and not getattr(args, "site", None):
        return reader.miners()
    keys = [t.key for t in _targets(args)]
    found = reader.miners(keys)
    if not found:
        shown = ", ".join(args.targets[:3]) or "the site's miners"
        _err(command, f"no history recorded for {shown} in {reader.path}")
        return None
    return found


def cmd_history(args: argparse.Namespace, out: TextIO) -> int:
    span = parse_since(args.since)
    reader = _open(args, "history")
    if reader is None:
        return EXIT_NO_HISTORY
    with reader:
        miners = _miners(reader, args, "history")
        if miners is None:
            return EXIT_NO_HISTORY
        doc = history_doc(reader, miners, time.time() - span)
    if args.json:
        json.dump(doc, out, indent=1, ensure_ascii=False)
        out.write("\n")
        return 0
    for m in doc:
        samples = m["samples"]
        online = [s for s in samples if s["online"]]
        rates = [s["hashrate_ths"] for s in online if s["hashrate_ths"] is not None]
        chips = [s["temp_chip_max_c"] for s in online if s["temp_chip_max_c"] is not None]
        head = f"{m['ip']}" + (f" (serial {m['serial']})" if m["serial"] else "")
        out.write(f"{head}: {len(samples):,} samples ({m['tier']}) over {args.since}")
        if samples:
            out.write(f", online {100 * len(online) / len(samples):.0f} %")
        if rates:
            out.write(
                f", {min(rates):.2f}-{max(rates):.2f} TH/s (mean {sum(rates) / len(rates):.2f})"
            )
        if chips:
            out.write(f", chip max {max(chips):.0f} °C")
        out.write("\n")
        for e in m["events"]:
            what = e["fault"] or ""
            sev = f" [{e['severity']}]" if e["severity"] else ""
            out.write(f"  {iso(e['t'])}  {e['event']:<12} {what}{sev} {e['detail']}\n")
    return 0


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    span = parse_since(args.since)
    reader = _open(args, "export")
    if reader is None:
        return EXIT_NO_HISTORY
    target: TextIO = out
    fh = None
    if args.out:
        fh = open(args.out, "w", encoding="utf-8", newline="")  # noqa: SIM115
        target = fh
    try:
        with reader:
            miners = _miners(reader, args, "export")
            if miners is None:
                return EXIT_NO_HISTORY
            since = time.time() - span
            if args.format == "json":
                json.dump(history_doc(reader, miners, since), target, indent=1, ensure_ascii=False)
                target.write("\n")
                rows = len(miners)
            else:
                rows = write_samples_csv(reader, miners, since, target)
    finally:
        if fh is not None:
            fh.close()
    if args.out:
        what = "miners" if args.format == "json" else "rows"
        print(f"wrote {rows:,} {what} to {args.out}", file=sys.stderr)
    return 0


def cmd_note(args: argparse.Namespace, out: TextIO) -> int:
    text = " ".join(args.text).strip()
    if not text:
        _err("note", 'the note is empty: rig-monitor note TARGET "board 2 swapped"')
        return EXIT_USAGE
    targets = _targets(args)
    if len(targets) > 50:
        _err("note", f"{len(targets):,} miners: a note is for one miner or a few (at most 50)")
        return EXIT_USAGE
    path = _db(args)
    rec = HistoryRecorder(path, source="cli")
    rec.start()
    if not rec.wait_ready():
        rec.close()
        _err("note", rec.problem or f"history database {path} cannot be opened")
        return EXIT_NO_HISTORY
    who = operator_name()
    now = time.time()
    rec.add_events([EventIn(now, t.key, "note", detail=text, operator=who) for t in targets])
    rec.flush()
    problem = rec.problem
    rec.close()
    if problem:
        _err("note", problem)
        return EXIT_NO_HISTORY
    for t in targets:
        out.write(f"noted for {t} by {who} at {iso(now)}: {text}\n")
    return 0


def cmd_handover(args: argparse.Namespace, out: TextIO) -> int:
    span = parse_since(args.since)
    reader = _open(args, "handover")
    if reader is None:
        return EXIT_NO_HISTORY
    with reader:
        items = handover(reader, time.time() - span)
    if args.format == "csv":
        handover_csv(items, out)
        return 0
    if args.format == "json":
        doc: list[dict[str, Any]] = [
            {
                "t": round(i.t, 3),
                "section": i.section,
                "miner": i.miner,
                "serial": i.serial,
                "event": i.kind,
                "fault": i.fault,
                "severity": i.severity,
                "text": i.text,
                "operator": i.operator,
            }
            for i in items
        ]
        json.dump(doc, out, indent=1, ensure_ascii=False)
        out.write("\n")
        return 0
    if not items:
        out.write(f"nothing changed in the last {args.since}\n")
        return 0
    from rig_monitor.core.history.export import SECTIONS

    for section in SECTIONS:
        part = [i for i in items if i.section == section]
        if not part:
            continue
        out.write(f"{section} ({len(part)})\n")
        for i in part:
            who = f" — {i.operator}" if i.operator else ""
            out.write(f"  {iso(i.t)}  {i.miner:<16} {i.text}{who}\n")
    return 0


def cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    if args.day:
        try:
            start = float(calendar.timegm(time.strptime(args.day, "%Y-%m-%d")))
        except ValueError:
            _err("report", f"--day {args.day!r}: give a date as YYYY-MM-DD")
            return EXIT_USAGE
    else:
        now = time.time()
        start = now - now % 86400 - 86400  # yesterday, UTC
    reader = _open(args, "report")
    if reader is None:
        return EXIT_NO_HISTORY
    with reader:
        rows = daily_report(reader, start)
    if args.format == "html":
        out.write(report_html(rows, start, args.title or ""))
    else:
        report_csv(rows, out)
    return 0


# -- parsers --------------------------------------------------------------------------------------------
def _db_arg(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--db", metavar="PATH", help=f"history database (default {default_path()})")


def _target_args(sp: argparse.ArgumentParser, *, required: bool = False) -> None:
    sp.add_argument("targets", nargs="+" if required else "*", metavar="TARGET", help=TARGET_HELP)
    sp.add_argument("--site", action="append", metavar="NAME", help="also a saved site's miners")
    sp.add_argument("--allow-public", action="store_true", help="allow public addresses")


def _guarded(command: str, func: Any) -> Any:
    """A database error while reading becomes one clear line, never a traceback."""

    def run(args: argparse.Namespace, out: TextIO) -> int:
        try:
            return int(func(args, out))
        except sqlite3.Error as exc:
            _err(command, explain(exc, _db(args)))
            return EXIT_NO_HISTORY

    return run


def register(sub: Any) -> None:
    watch = sub.choices.get("watch")
    if watch is not None:
        watch.add_argument(
            "--record", action="store_true", help="write every sweep into the history database"
        )
        watch.add_argument(
            "--db", metavar="PATH", help="history database to record into (implies --record)"
        )

    sp = sub.add_parser("history", help="what recorded miners did: samples and fault events")
    _target_args(sp)
    sp.add_argument("--since", default="24h", help="how far back: 10m, 24h, 30d (default 24h)")
    sp.add_argument("--json", action="store_true", help="[{ip, serial, samples, events}]")
    _db_arg(sp)
    sp.set_defaults(func=_guarded("history", cmd_history))

    sp = sub.add_parser("export", help="write recorded history as CSV or JSON")
    _target_args(sp)
    sp.add_argument("--since", default="24h", help="how far back: 10m, 24h, 30d (default 24h)")
    sp.add_argument("--format", choices=["csv", "json"], default="csv")
    sp.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    _db_arg(sp)
    sp.set_defaults(func=_guarded("export", cmd_export))

    sp = sub.add_parser("note", help="add a note to a miner's log (board swapped, fan changed…)")
    sp.add_argument("targets", nargs=1, metavar="TARGET", help="the miner: IP or IP:PORT")
    sp.add_argument("text", nargs="+", help="the note")
    sp.add_argument("--allow-public", action="store_true", help="allow a public address")
    _db_arg(sp)
    sp.set_defaults(func=_guarded("note", cmd_note))

    sp = sub.add_parser("handover", help="what changed since a time: faults, actions, notes")
    sp.add_argument("--since", default="12h", help="how far back (default 12h)")
    sp.add_argument("--format", choices=["text", "csv", "json"], default="text")
    _db_arg(sp)
    sp.set_defaults(func=_guarded("handover", cmd_handover))

    sp = sub.add_parser("report", help="daily site report: hashrate, uptime, efficiency, faults")
    sp.add_argument("--day", help="the UTC day, YYYY-MM-DD (default yesterday)")
    sp.add_argument("--format", choices=["csv", "html"], default="csv")
    sp.add_argument("--title", help="site name for the printed page")
    _db_arg(sp)
    sp.set_defaults(func=_guarded("report", cmd_report))
