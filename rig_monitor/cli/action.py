"""``rig-monitor action``: reboot, restart, locate, sleep/wake or set pools on named miners.

Safety first: targets are miners the operator names one by one (an address, @file or a saved
site, never a CIDR or range), every miner is identified and its capability checked before
anything is sent, the plan is shown and confirmed on a terminal (``--yes`` for scripts; without
either, exit 2), disruptive actions go out in waves by address block, a miner is not hit again
within the cooldown, and every result is appended to the action log and recorded in the history
database (``--db PATH`` for another one) as an ``action`` event with the operator's name.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import TYPE_CHECKING, TextIO

from rig_monitor.core.actions.log import log_path, read_actions
from rig_monitor.core.actions.pacing import Pacing
from rig_monitor.core.actions.runner import ActionResult, ActionRunner
from rig_monitor.core.drivers.control import Action, PoolError, PoolSpec, parse_pool
from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.model import Target
from rig_monitor.core.targets import TargetError, parse_targets

if TYPE_CHECKING:
    from rig_monitor.core.history.actions import ActionHistory

EXIT_USAGE = 2
PREVIEW_NAMES = 20  # miners named one by one in the confirmation before "and N more"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from rig_monitor.cli import with_targets

    sp = sub.add_parser(
        "action",
        help="reboot, restart, locate, sleep/wake or set pools on named miners (confirmed, logged)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sp.add_argument("action", choices=[a.value for a in Action], help="what to do")
    with_targets(
        sp, json_help='one JSON array of {"ip","port","action","supported","ok","error","detail"}'
    )
    sp.add_argument(
        "--pool",
        action="append",
        default=[],
        metavar="URL,USER[,PASS]",
        help="for 'pools': a pool, in priority order (repeat for backups); URL is stratum+tcp://HOST:PORT",
    )
    sp.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    sp.add_argument("--dry-run", action="store_true", help="show what would happen; send nothing")
    sp.add_argument(
        "--per-block",
        type=int,
        default=10,
        help="disruptive actions at once per address block (default 10)",
    )
    sp.add_argument(
        "--block-prefix",
        type=int,
        default=24,
        help="address block size as a prefix length (default 24)",
    )
    sp.add_argument(
        "--wave-gap", type=float, default=10.0, help="seconds between waves (default 10)"
    )
    sp.add_argument(
        "--cooldown",
        type=float,
        default=300.0,
        help="seconds before the same action may hit a miner again (default 300)",
    )
    sp.add_argument(
        "--db",
        metavar="PATH",
        help="history database the actions are recorded in (default: the usual one)",
    )
    sp.set_defaults(func=cmd_action)


def _named_targets(args: argparse.Namespace) -> list[Target]:
    """Targets the operator named: ranges and CIDRs are refused (actions never sweep a network)."""
    from rig_monitor.cli import _targets

    for text in args.targets:
        if not text.startswith("@") and len(parse_targets(text)) > 1:
            raise TargetError(
                f"{text!r} names a whole range: actions go only to miners named one by one "
                "(addresses, @file or --site)"
            )
    return _targets(args)


def _pools(args: argparse.Namespace, action: Action) -> tuple[PoolSpec, ...]:
    if action is not Action.POOLS:
        if args.pool:
            raise PoolError("--pool is only for the 'pools' action")
        return ()
    if not args.pool:
        raise PoolError("the 'pools' action needs at least one --pool URL,USER[,PASS]")
    return tuple(parse_pool(p) for p in args.pool)


def _table(results: list[ActionResult], out: TextIO) -> None:
    for r in results:
        if r.ok is None and r.supported:
            word = "would do"
        elif r.ok:
            word = "OK"
        elif r.supported is False:
            word = "cannot"
        else:
            word = "FAILED"
        print(f"{r.ip}:{r.port}  {r.action}  {word}  {r.error or r.detail or ''}", file=out)


def _confirm(action: Action, plan: list[ActionResult], pools: tuple[PoolSpec, ...]) -> bool:
    able = [r for r in plan if r.supported]
    err = sys.stderr
    print(f"About to {action.value.upper()} {len(able)} miner(s):", file=err)
    for r in able[:PREVIEW_NAMES]:
        print(f"  {r.ip}:{r.port}  {r.detail or ''}", file=err)
    if len(able) > PREVIEW_NAMES:
        print(f"  … and {len(able) - PREVIEW_NAMES} more", file=err)
    for p in pools:
        print(f"  pool: {p.url} as {p.user}", file=err)
    skipped = len(plan) - len(able)
    if skipped:
        print(f"{skipped} miner(s) cannot do it and will be skipped (see --dry-run).", file=err)
    if not able:
        return False
    err.write("Type 'yes' to go ahead: ")
    err.flush()
    return sys.stdin.readline().strip().lower() == "yes"


def _history(args: argparse.Namespace) -> ActionHistory | None:
    """The history recorder the results also go to; a database that cannot be used is said once
    and the actions go ahead (the action log still has every result)."""
    from rig_monitor.cli.history import _db
    from rig_monitor.core.history import HistoryRecorder
    from rig_monitor.core.history.actions import ActionHistory

    rec = HistoryRecorder(_db(args), source="cli")
    rec.start()
    if not rec.wait_ready():
        rec.close()
        print(
            f"rig-monitor action: history: {rec.problem or 'unusable'}; "
            f"results go to the action log only ({log_path()})",
            file=sys.stderr,
        )
        return None
    return ActionHistory(rec).attach()


def _close_history(history: ActionHistory) -> None:
    rec = history.recorder
    rec.flush()
    problem = rec.problem
    rec.close()
    if problem:
        print(f"rig-monitor action: history: {problem}", file=sys.stderr)


def cmd_action(args: argparse.Namespace, out: TextIO) -> int:
    from rig_monitor.cli import _credentials, _limits, _ports

    action = Action(args.action)
    try:
        pools = _pools(args, action)
        pacing = Pacing(
            per_block=args.per_block,
            block_prefix=args.block_prefix,
            wave_gap_s=args.wave_gap,
            cooldown_s=args.cooldown,
            concurrency=max(1, min(args.concurrency, 500)),
            miner_timeout_s=3 * args.timeout + 5,
        )
    except (PoolError, ValueError) as exc:
        print(f"rig-monitor action: {exc}", file=sys.stderr)
        return EXIT_USAGE
    targets = _named_targets(args)
    if not args.yes and not args.dry_run and not sys.stdin.isatty():
        print(
            "rig-monitor action: refusing without a terminal to confirm on: pass --yes "
            "(or --dry-run to preview)",
            file=sys.stderr,
        )
        return EXIT_USAGE

    async def go() -> list[ActionResult] | None:
        poller = Poller(_limits(args.timeout), ports=_ports(args), credentials=_credentials())
        runner = ActionRunner(poller, pacing)
        runner.cooldown.seed(read_actions())
        try:
            if args.dry_run:
                return await runner.run(targets, action, pools, dry_run=True)
            if not args.yes:
                preview = ActionRunner(
                    poller, pacing, record=lambda **_: None, cooldown=runner.cooldown
                )
                plan = await preview.run(targets, action, pools, dry_run=True)
                if not await asyncio.to_thread(_confirm, action, plan, pools):
                    return None
            return await runner.run(targets, action, pools)
        finally:
            await poller.aclose()

    history = None if args.dry_run else _history(args)
    try:
        results = asyncio.run(go())
    finally:
        if history is not None:
            history.detach()
            _close_history(history)
    if results is None:
        print("rig-monitor action: not confirmed; nothing sent", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        json.dump([r.to_dict() for r in results], out, ensure_ascii=False)
        out.write("\n")
    else:
        _table(results, out)
        print(f"(logged to {log_path()})", file=sys.stderr)
    if args.dry_run:
        return 0
    return 0 if all(r.ok for r in results) else 1
