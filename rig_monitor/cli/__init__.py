"""Command line: the same core as the GUI, for scripts, cron jobs and quick checks.

``rig-monitor`` alone opens the window; ``rig-monitor demo`` opens it on a simulated fleet.
``scan``, ``poll``, ``watch`` and ``diagnose`` print tables, or one JSON document with ``--json``;
``simulate`` serves a fake fleet on loopback addresses for trying the tool without miners.

A command with more than a screenful of code lives in its own module here and is named in
``COMMAND_MODULES``; its ``register(sub)`` adds its parser, using :func:`with_targets` when it
reads miners.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import importlib
import json
import sys
import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from rig_monitor.cli.words import ENGLISH, Words, language
from rig_monitor.core import fmt
from rig_monitor.core.credentials import Credential, Credentials, open_store
from rig_monitor.core.drivers import firmware_name
from rig_monitor.core.engine.discovery import ScanOutcome, scan
from rig_monitor.core.engine.engine import Batch, EngineConfig, PollEngine
from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.errwords import localise
from rig_monitor.core.export import scan_to_dict, snapshot_to_dict
from rig_monitor.core.model import MinerSnapshot, Ports, Target
from rig_monitor.core.targets import TargetError, is_public, parse_targets
from rig_monitor.core.wire.cgminer import Limits

if TYPE_CHECKING:
    from rig_monitor.core.faults import Thresholds

EXIT_USAGE = 2


# -- helpers -------------------------------------------------------------------------------------
def _targets(args: argparse.Namespace) -> list[Target]:
    texts = list(args.targets)
    for name in getattr(args, "site", None) or []:
        from rig_monitor.core.config import load_config

        sites = load_config().sites
        if name not in sites:
            known = ", ".join(sorted(sites)) or "none saved yet"
            raise TargetError(f"{name!r}: no such site (known: {known})")
        texts.extend(sites[name])
    targets = parse_targets(texts)
    if not targets:
        raise TargetError(
            "no targets given: name IPs, IP:PORT, CIDRs, ranges, @file or --site NAME"
        )
    public = [t for t in targets if is_public(t)]
    if public and not getattr(args, "allow_public", False):
        raise TargetError(
            f"{len(public)} target(s) are public internet addresses (first: {public[0].ip}); "
            "miners live on private networks. Pass --allow-public if you really mean it."
        )
    return targets


def _operator_address(key: str) -> str:
    """ "10.0.0.5:4028" → "10.0.0.5"; a non-default port stays ("127.1.0.5:24028")."""
    ip, _, port = key.rpartition(":")
    return ip if port == "4028" else key


def _ports(args: argparse.Namespace) -> Ports:
    return Ports(web=args.web_port, whatsminer_v3=args.v3_port)


def _credentials() -> Credentials:
    """Passwords from the OS keyring (session-only when the machine has none: never plaintext);
    a group is a saved site: `credentials set --group NAME` applies to that site's miners."""
    from rig_monitor.core.credentials import for_this_user

    return for_this_user()


def _limits(timeout: float) -> Limits:
    return Limits(connect_timeout_s=min(3.0, timeout), read_timeout_s=timeout)


def _table(rows: list[list[str]], out: TextIO) -> None:
    if not rows:
        return
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        out.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        out.write("\n")
        if n == 0:
            out.write("  ".join("-" * w for w in widths) + "\n")


def _status(s: MinerSnapshot, w: Words = ENGLISH) -> str:
    if not s.online:
        return w("OFFLINE")
    sev = s.worst_severity
    return w(sev.value.upper()) if sev else w("OK")


POLL_HEADER = (
    "IP",
    "STATUS",
    "MODEL",
    "TH/s",
    "NOMINAL",
    "CHIP °C",
    "BOARD °C",
    "FANS rpm",
    "POWER W",
    "POOL",
    "UPTIME",
    "FAULTS / ERROR",
)


def _poll_rows(snaps: list[MinerSnapshot], w: Words = ENGLISH) -> list[list[str]]:
    rows = [[w(h) for h in POLL_HEADER]]
    for s in snaps:
        model = " ".join(x for x in (s.make, s.model) if x) or fmt.DASH
        faults = "; ".join(f"{f.title} ({f.detail})" for f in s.faults)
        pool = s.active_pool
        rows.append(
            [
                str(Target(s.ip, s.port)),
                _status(s, w),
                model,
                fmt.number(s.hashrate_ths, 2),
                fmt.percent(s.hashrate_ratio),
                fmt.number(s.temp_chip_max_c, 0),
                fmt.number(s.temp_board_max_c, 0),
                fmt.fans(s.fans_rpm),
                fmt.number(s.power_w, 0),
                fmt.pool_host(pool.url if pool else None),
                w.duration(s.uptime_s),
                localise(s.error or "", w.lang) if not s.online else faults,
            ]
        )
    return rows


def _totals(snaps: list[MinerSnapshot], w: Words = ENGLISH) -> str:
    online = [s for s in snaps if s.online]
    ths = sum(s.hashrate_ths or 0.0 for s in online)
    nominal = sum(s.nominal_hashrate_ths or 0.0 for s in online)
    faulty = sum(1 for s in online if s.faults)
    return w(
        "{online} online, {offline} offline, {faulty} with faults; {ths} of {nominal} TH/s nominal"
    ).format(
        online=len(online),
        offline=len(snaps) - len(online),
        faulty=faulty,
        ths=f"{ths:,.1f}",
        nominal=f"{nominal:,.1f}",
    )


@functools.cache
def _thresholds(lang: str | None = None) -> Thresholds:
    """The operator's thresholds (<config dir>/thresholds.json, faults.json), read once per
    language (fault titles and evidence come from the catalogue in that language)."""
    from rig_monitor.core.faults import load_thresholds

    return load_thresholds(lang=lang)


def _words(args: argparse.Namespace) -> Words:
    """The human output's language: ``--lang``, else the locale (JSON never asks)."""
    return Words(language(getattr(args, "lang", None)))


def _incident_dict(i: Any) -> dict[str, Any]:
    """One incident as ``diagnose --json`` and every ``watch --json`` sweep print it."""
    return {
        "id": i.id,
        "severity": str(i.severity),
        "title": i.title,
        "detail": i.detail,
        "miners": [_operator_address(k) for k in i.miners],
        "scope": i.scope,
        "fault_id": i.fault_id,
        "since": i.since,
    }


def _write_incidents(incidents: Sequence[Any], out: TextIO, w: Words = ENGLISH) -> None:
    if incidents:
        out.write(w("INCIDENTS (shared causes)") + "\n")
        for i in incidents:
            miners = w("{count} miners").format(count=len(i.miners))
            out.write(f"  [{w(str(i.severity))}] {i.title}: {i.detail} ({miners})\n")
        out.write("\n")


def _failures_exit(snaps: list[MinerSnapshot]) -> int:
    """1 and a line on stderr when any miner's evaluation failed (its row says so), else 0."""
    from rig_monitor.core.faults.guard import EVALUATION_FAILED, failure_message

    failed = [s for s in snaps if any(f.id == EVALUATION_FAILED for f in s.faults)]
    if not failed:
        return 0
    print(f"rig-monitor: {failure_message(failed)}", file=sys.stderr)
    return 1


async def _sweep(
    args: argparse.Namespace,
    targets: list[Target],
    sweeps: int | None,
    interval: float,
    on_sweep: Any,
) -> None:
    reply_timeout = args.timeout
    concurrency = args.concurrency
    poller = Poller(_limits(reply_timeout), ports=_ports(args), credentials=_credentials())
    warm = _warm_start(args, targets, poller)
    collected: list[MinerSnapshot] = []

    def on_batch(batch: Batch) -> None:
        collected.extend(batch.snapshots)
        if batch.sweep_done:
            if warm is not None:
                warm.save_soon()
            order = {t.key: i for i, t in enumerate(targets)}
            snaps = sorted(collected, key=lambda s: order.get(s.key, 0))
            collected.clear()
            on_sweep(batch.sweep.sweep, snaps)

    config = EngineConfig(
        interval_s=interval,
        poll_budget_s=2 * reply_timeout + 1.0,
        concurrency=concurrency,
        batch_interval_s=3600.0,
    )
    engine = PollEngine(poller.poll, on_batch, config)
    engine.set_targets(targets)
    if warm is not None:
        engine.poll_later(warm.later)
    try:
        await engine.run(sweeps=sweeps)
    finally:
        await poller.aclose()
        if warm is not None:
            await warm.saved()


def _warm_start(args: argparse.Namespace, targets: list[Target], poller: Poller) -> Any:
    """Seed the poller from this site's (or target list's) saved identities (identity_cache)."""
    from rig_monitor.core.engine.identity_cache import WarmStart

    if getattr(args, "cold", False):
        return None
    sites = sorted(getattr(args, "site", None) or [])
    scope = "site:" + ",".join(sites) + "|" + ",".join(sorted(args.targets or []))
    return WarmStart(scope, poller, targets)


# -- commands ------------------------------------------------------------------------------------
def _poll_once(args: argparse.Namespace) -> tuple[list[MinerSnapshot], list[Any]]:
    """One sweep of the targets, judged by the fault stage's one-shot path, in target order."""
    from rig_monitor.core.faults.stage import one_shot

    targets = _targets(args)
    result: list[MinerSnapshot] = []
    incidents: list[Any] = []

    # fault and incident texts in the human output's language; JSON keeps the catalogue's English
    lang = None if args.json else _words(args).lang

    def done(_n: int, snaps: list[MinerSnapshot]) -> None:
        incidents.extend(one_shot(snaps, _thresholds(lang)))
        result.extend(snaps)

    asyncio.run(_sweep(args, targets, 1, 0.0, done))
    return result, incidents


def cmd_poll(args: argparse.Namespace, out: TextIO) -> int:
    result, _incidents = _poll_once(args)
    if args.json:
        # one miner per line: json's C encoder (an indent makes it the pure-Python one, ~0.3 s
        # of CPU for 1,000 miners' raw replies, benchmarks/warm.py --cli)
        rows = (json.dumps(snapshot_to_dict(s), ensure_ascii=False) for s in result)
        out.write("[\n" + ",\n".join(rows) + "\n]\n")
    else:
        w = _words(args)
        _table(_poll_rows(result, w), out)
        out.write(_totals(result, w) + "\n")
    return _failures_exit(result)


def cmd_watch(args: argparse.Namespace, out: TextIO) -> int:
    from rig_monitor.cli.history import sweep_hook
    from rig_monitor.core.faults.stage import FaultStage

    if args.json and args.jsonl:
        raise ValueError("--json and --jsonl: choose one")
    targets = _targets(args)
    w = _words(args)
    # the window's pipeline: tracker, peers, incidents; fault texts in the table's language
    stage = FaultStage.load(None if args.json or args.jsonl else w.lang)
    sweeps_json: list[dict[str, Any]] = []
    hook = sweep_hook(args, stage.tracker)  # --record: the history database gets every sweep
    rc = 0
    swept = 0

    def done(n: int, snaps: list[MinerSnapshot]) -> None:
        nonlocal rc, swept
        report = stage(snaps)
        incidents = list(report.incidents) if report is not None else []
        hook(snaps, report.events if report is not None else ())
        rc = max(rc, _failures_exit(snaps))
        swept += 1
        if args.json or args.jsonl:
            doc = {
                "sweep": n,
                "time": round(time.time(), 3),
                "miners": [snapshot_to_dict(s) for s in snaps],
                "incidents": [_incident_dict(i) for i in incidents],
            }
            if args.jsonl:  # streamed: one sweep per line, nothing kept (runs without --sweeps)
                out.write(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n")
                out.flush()
            else:
                sweeps_json.append(doc)
        else:
            head = w("== sweep {n} at {time} ==").format(n=n, time=time.strftime("%H:%M:%S"))
            out.write(f"\n{head}\n")
            _write_incidents(incidents, out, w)
            _table(_poll_rows(snaps, w), out)
            out.write(_totals(snaps, w) + "\n")
            out.flush()

    try:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(_sweep(args, targets, args.sweeps, args.interval, done))
    finally:
        hook.close()
    if args.json:
        json.dump(sweeps_json, out, indent=1, ensure_ascii=False)
        out.write("\n")
    if not swept:
        print("rig-monitor: stopped before the first sweep completed", file=sys.stderr)
        return 1
    return rc


def cmd_diagnose(args: argparse.Namespace, out: TextIO) -> int:
    result, incidents = _poll_once(args)
    if args.json:
        doc = {
            "miners": [snapshot_to_dict(s) for s in result],
            "incidents": [_incident_dict(i) for i in incidents],
        }
        json.dump(doc, out, indent=1, ensure_ascii=False)
        out.write("\n")
        return _failures_exit(result)
    w = _words(args)
    _write_incidents(incidents, out, w)
    _table(_poll_rows(result, w), out)
    out.write(_totals(result, w) + "\n")
    return _failures_exit(result)


def cmd_scan(args: argparse.Namespace, out: TextIO) -> int:
    from rig_monitor.core.engine.discovery import ScanProgress, ScanReport

    targets = _targets(args)
    if args.save_site is not None:
        from rig_monitor.core.config import check_site_name

        check_site_name(args.save_site)  # before the scan, not after it
    progress = sys.stderr if (not args.json and sys.stderr.isatty()) else None
    last = 0.0

    def on_progress(p: ScanProgress) -> None:
        nonlocal last
        now = time.monotonic()
        if progress is None or (now - last < 0.2 and p.done < p.total):
            return
        last = now
        progress.write(
            f"\rscanned {p.done:,}/{p.total:,} addresses, {p.found:,} miners found"
            f" ({p.in_flight} in flight)   "
        )
        progress.flush()

    results = asyncio.run(
        scan(
            targets,
            concurrency=args.concurrency,
            limits=_limits(args.timeout),
            ports=_ports(args),
            credentials=_credentials(),
            on_progress=on_progress,
            connect_timeout_s=args.connect_timeout,
        )
    )
    if progress is not None:
        progress.write("\n")
    miners = [r for r in results if r.outcome is ScanOutcome.FOUND and r.identity is not None]
    if args.save_site:
        _save_site(args.save_site, [str(r.target) for r in miners])
    if args.json:
        doc = [
            scan_to_dict(
                r.target.ip,
                r.target.port,
                r.identity.make if r.identity else None,
                r.identity.model if r.identity else None,
                firmware_name(r.identity.family, r.identity.firmware) if r.identity else None,
            )
            for r in miners
        ]
        json.dump(doc, out, indent=1, ensure_ascii=False)
        out.write("\n")
        return 0
    rows = [["IP", "MAKE", "MODEL", "FIRMWARE"]]
    for r in miners:
        ident = r.identity
        assert ident is not None
        rows.append(
            [
                str(r.target),
                ident.make or fmt.DASH,
                ident.model or fmt.DASH,
                firmware_name(ident.family, ident.firmware) or fmt.DASH,
            ]
        )
    _table(rows, out)
    report = ScanReport(results)
    out.write(f"{len(results):,} addresses: {report.summary()}\n")
    if args.report:
        for line in report.lines(include_quiet=args.report_all):
            out.write(f"  {line}\n")
    if args.save_site:
        out.write(f"saved {len(miners):,} miners as site {args.save_site!r}\n")
    return 0


def _save_site(name: str, targets: list[str]) -> None:
    from rig_monitor.core.config import check_site_name, update_config

    check_site_name(name)  # ValueError: a clear message, nothing saved
    update_config(lambda config: config.sites.__setitem__(name, targets))


def cmd_networks(args: argparse.Namespace, out: TextIO) -> int:
    from rig_monitor.core.netinfo import suggest_networks

    found = suggest_networks()
    if args.json:
        doc = [{"network": str(s.network), "interface": s.interface, "note": s.note} for s in found]
        json.dump(doc, out, indent=1)
        out.write("\n")
        return 0
    if not found:
        out.write("no private IPv4 network found on this desktop's interfaces\n")
        return 0
    _table(
        [["NETWORK", "INTERFACE", "NOTE"]] + [[str(s.network), s.interface, s.note] for s in found],
        out,
    )
    out.write(f"scan them: rig-monitor scan {' '.join(str(s.network) for s in found)}\n")
    return 0


def cmd_simulate(args: argparse.Namespace, out: TextIO) -> int:
    from rig_monitor.sim.runner import run

    return run(
        base=args.base,
        count=args.count,
        faults_pct=args.faults,
        seed=args.seed,
        port=args.port,
        single_ip=args.single_ip,
        personas=args.personas.split(",") if args.personas else None,
        duration_s=args.duration,
        out=out,
        web_port=args.web_port,
        v3_port=args.v3_port,
    )


def _credential_key(args: argparse.Namespace) -> tuple[str, str]:
    """(keyring key, what it applies to) from --miner / --group / --family."""
    from rig_monitor.core.credentials import DEFAULTS, family_key, group_key, miner_key

    if args.miner:
        targets = parse_targets(args.miner)
        if len(targets) != 1:
            raise TargetError(f"{args.miner!r}: --miner takes one miner (IP or IP:PORT)")
        t = targets[0]
        return miner_key(t.ip, t.port), f"miner {t}"
    if args.group:
        from rig_monitor.core.config import load_config

        if args.group not in load_config().sites:
            print(
                f"rig-monitor credentials: note: no saved site is called {args.group!r} yet; "
                "the password applies to that site's miners once it is saved",
                file=sys.stderr,
            )
        return group_key(args.group), f"site {args.group!r}"
    if args.family not in DEFAULTS:
        raise TargetError(f"{args.family!r}: unknown family; known: {', '.join(sorted(DEFAULTS))}")
    return family_key(args.family), f"every {args.family} miner without its own password"


def cmd_credentials(args: argparse.Namespace, out: TextIO) -> int:
    import getpass

    store = open_store()
    key, scope = _credential_key(args)
    if args.action == "forget":
        store.delete(key)
        out.write(f"forgot the password for {scope}\n")
        return 0
    if not store.persistent:
        print(
            "rig-monitor credentials: error: this machine has no OS keyring (e.g. a headless "
            "Linux without Secret Service), and passwords are never stored in plain files. "
            "Install and unlock gnome-keyring or KWallet, then try again.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"password for {args.user}@{scope}: ")
    store.set(key, Credential(args.user, password))
    out.write(f"saved in the OS keyring: {args.user} for {scope}\n")
    return 0


def cmd_gui(args: argparse.Namespace, out: TextIO) -> int:
    from rig_monitor.gui.app import run_app

    targets = parse_targets(args.targets) if getattr(args, "targets", None) else None
    return run_app(targets)


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from rig_monitor.gui.app import run_demo

    return run_demo(args.count, faults_pct=args.faults, seed=args.seed, port=args.port)


# -- argument parsing ----------------------------------------------------------------------------
TARGET_HELP = (
    "IP, IP:PORT, CIDR (10.0.0.0/24), range (10.0.0.5-10.0.0.80 or 10.0.0.5-80) "
    "or @file with one per line"
)


def _lang_option(sp: argparse.ArgumentParser) -> None:
    sp.add_argument(
        "--lang",
        default=None,
        help="language of the table and fault texts: en, zh or ru (default: the locale, "
        "LC_ALL/LC_MESSAGES/LANG); --json output is always English",
    )


def with_targets(sp: argparse.ArgumentParser, *, json_help: str) -> None:
    """The options every command that reads miners takes, so they mean the same everywhere."""
    sp.add_argument("targets", nargs="*", metavar="TARGET", help=TARGET_HELP)
    sp.add_argument(
        "--site", action="append", metavar="NAME", help="also the miners of a saved site"
    )
    sp.add_argument(
        "--cold",
        action="store_true",
        help="identify every miner afresh instead of starting from the saved identities",
    )
    sp.add_argument("--json", action="store_true", help=json_help)
    sp.add_argument(
        "--timeout",
        type=float,
        default=5.0,
        help="seconds to wait for one reply (default 5); a whole poll gets 2×timeout+1",
    )
    sp.add_argument(
        "--concurrency", type=int, default=500, help="miners asked at once (default 500)"
    )
    sp.add_argument(
        "--allow-public", action="store_true", help="allow public internet addresses as targets"
    )
    sp.add_argument(
        "--web-port",
        type=int,
        default=80,
        help="port of the miners' web API (default 80; the simulator uses 24080)",
    )
    sp.add_argument(
        "--v3-port", type=int, default=4433, help="Whatsminer API v3 port (default 4433)"
    )


# Commands that live in their own module under rig_monitor/cli/ (each has register(sub)), and
# the command words each registers or extends (history adds --record to watch). A command line names one command, so only its module is
# imported: importing all of them (history's sqlite3 store, actions, control drivers, serve)
# cost every `poll` ~40 ms of CPU before its first miner (benchmarks/warm.py --cli). Without a
# command word (help, the window) or with an unknown one (the usage error lists every choice),
# all are registered. tests/cli/test_cli_startup.py checks this table against the modules.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "serve": ("serve",),
    "notify": ("notify",),
    "action": ("action",),
    "explain": ("explain",),
    "history": ("history", "export", "note", "handover", "report", "watch"),
}


def _command_word(argv: Sequence[str] | None) -> str | None:
    """The command a command line names: its first word that is not an option (the top-level
    parser's options take no values)."""
    words = sys.argv[1:] if argv is None else argv
    return next((w for w in words if not w.startswith("-")), None)


def _modules_for(argv: Sequence[str] | None, builtin: Iterable[str]) -> list[str]:
    word = _command_word(argv)
    owners = [name for name, words in COMMAND_MODULES.items() if word in words]
    if owners or word in set(builtin):
        return owners
    return list(COMMAND_MODULES)


class _Version(argparse.Action):
    """``--version``, reading the package metadata only when asked (rig_monitor.__getattr__)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.pop("nargs", None)
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kw: Any) -> None:
        from rig_monitor import __version__

        print(f"rig-monitor {__version__}")  # on stdout, as argparse's own version action
        parser.exit()


def build_parser(argv: Sequence[str] | None = ()) -> argparse.ArgumentParser:
    """The whole parser by default; given the command line (``None``: sys.argv), only the
    command modules it needs (COMMAND_MODULES)."""
    p = argparse.ArgumentParser(
        prog="rig-monitor",
        description="Operations monitor for Bitcoin ASIC miners. With no command, opens the window.",
    )
    p.add_argument("--version", action=_Version, help="show the program's version and exit")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    sp = sub.add_parser("scan", help="find miners and identify make, model and firmware")
    with_targets(sp, json_help="one JSON array of {ip, port, make, model, firmware}")
    sp.add_argument(
        "--report", action="store_true", help="explain every address that answered but is no miner"
    )
    sp.add_argument(
        "--report-all", action="store_true", help="with --report, also closed and silent addresses"
    )
    sp.add_argument(
        "--connect-timeout",
        type=float,
        default=None,
        help="seconds for the TCP pre-check of each address (default 1)",
    )
    sp.add_argument("--save-site", metavar="NAME", help="save the miners found as a named site")
    sp.set_defaults(func=cmd_scan)

    sp = sub.add_parser(
        "networks", help="suggest the private networks this desktop is on (to scan them)"
    )
    sp.add_argument(
        "--json", action="store_true", help="one JSON array of {network, interface, note}"
    )
    sp.set_defaults(func=cmd_networks)

    sp = sub.add_parser("poll", help="read every miner once and show its state and faults")
    with_targets(sp, json_help="one JSON array with one object per target")
    _lang_option(sp)
    sp.set_defaults(func=cmd_poll)

    sp = sub.add_parser("watch", help="poll repeatedly, with the full fault rules (dwell, reboots)")
    with_targets(
        sp,
        json_help="one JSON array of sweeps at the end (kept in memory until then: "
        "for long runs use --jsonl)",
    )
    sp.add_argument(
        "--jsonl",
        action="store_true",
        help="stream one JSON object per sweep, one per line, as each sweep ends",
    )
    sp.add_argument(
        "--sweeps", type=int, default=None, help="stop after N sweeps (default: until Ctrl-C)"
    )
    sp.add_argument(
        "--interval", type=float, default=30.0, help="seconds between sweep starts (default 30)"
    )
    _lang_option(sp)
    sp.set_defaults(func=cmd_watch)

    sp = sub.add_parser("diagnose", help="poll once and name shared causes (rack, pool, cooling)")
    with_targets(sp, json_help='{"miners": [...], "incidents": [...]}')
    _lang_option(sp)
    sp.set_defaults(func=cmd_diagnose)

    sp = sub.add_parser(
        "credentials", help="save or forget a miner password in the OS keyring (never in files)"
    )
    sp.add_argument("action", choices=["set", "forget"])
    who = sp.add_mutually_exclusive_group(required=True)
    who.add_argument("--miner", help="one miner: IP or IP:PORT")
    who.add_argument("--group", help="a saved site: the password for all its miners")
    who.add_argument("--family", help="a firmware family (antminer, whatsminer, vnish, …)")
    sp.add_argument("--user", default="root", help="user name (default root)")
    sp.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    sp.set_defaults(func=cmd_credentials)

    sp = sub.add_parser("simulate", help="serve a simulated fleet on loopback addresses")
    sp.add_argument(
        "--base", default="127.1.0.1", help="first address, in 127.0.0.0/8 (default 127.1.0.1)"
    )
    sp.add_argument("--count", type=int, default=50, help="number of miners (default 50)")
    sp.add_argument(
        "--faults", type=float, default=0.0, help="percent of miners with an injected fault"
    )
    sp.add_argument("--seed", type=int, default=0, help="random seed (same seed, same fleet)")
    sp.add_argument(
        "--port", type=int, default=4028, help="API port (default 4028; must be ≥ 1024)"
    )
    sp.add_argument(
        "--single-ip",
        action="store_true",
        help="all miners on 127.0.0.1, one port each from --port",
    )
    sp.add_argument("--personas", default=None, help="comma-separated persona ids (default: a mix)")
    sp.add_argument(
        "--web-port", type=int, default=24080, help="port for the miners' web APIs (default 24080)"
    )
    sp.add_argument("--v3-port", type=int, default=4433, help="Whatsminer v3 port (default 4433)")
    sp.add_argument("--duration", type=float, default=None, help="stop after N seconds")
    sp.set_defaults(func=cmd_simulate)

    sp = sub.add_parser("gui", help="open the window (the default), optionally on TARGETs")
    sp.add_argument("targets", nargs="*", metavar="TARGET", help=TARGET_HELP)
    sp.set_defaults(func=cmd_gui)

    sp = sub.add_parser("demo", help="open the window on a built-in simulated fleet")
    sp.add_argument("--count", type=int, default=200, help="simulated miners (default 200)")
    sp.add_argument("--faults", type=float, default=8.0, help="percent with a fault (default 8)")
    sp.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    sp.add_argument(
        "--port",
        type=int,
        default=4028,
        help="API port of the simulated miners (default 4028; any free port ≥ 1024)",
    )
    sp.set_defaults(func=cmd_demo)

    for name in _modules_for(argv, sub.choices):
        importlib.import_module(f"rig_monitor.cli.{name}").register(sub)
    return p


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    stream = out or sys.stdout
    func = getattr(args, "func", None)
    if func is None:
        args.targets = []
        func = cmd_gui
    try:
        return int(func(args, stream))
    except TargetError as exc:
        parser.error(str(exc))
    except ValueError as exc:  # bad option values (e.g. a non-loopback simulator base)
        print(f"rig-monitor: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
