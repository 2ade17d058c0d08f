"""One-shot evaluation: what a single snapshot can tell, for ``rig-monitor poll``.

No dwell and no history: counters are judged over the miner's whole uptime (with the same
minimum-sample guards), and start-up grace still applies because the snapshot knows its own
uptime. Root-cause suppression applies too, so an unreachable miner reports one fault, not ten.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from enum import Enum
from typing import Final

from rig_monitor.core.faults.catalogue import Catalogue
from rig_monitor.core.faults.peers import Peers, reading
from rig_monitor.core.faults.rules import Ctx, Finding, is_hidden, roots_of, run_rules, suppressed
from rig_monitor.core.faults.sanity import Issue, clean
from rig_monitor.core.faults.thresholds import ModelSpecLike, Thresholds, modeldb_lookup
from rig_monitor.core.model import Fault, MinerSnapshot


class _Auto(Enum):
    LOOKUP = "lookup"


LOOKUP: Final = _Auto.LOOKUP


def to_fault(cat: Catalogue, f: Finding, since: float | None = None) -> Fault:
    return Fault(
        id=f.fault_id,
        severity=f.severity,
        title=cat.title(f.fault_id),
        detail=f.detail,
        board=f.board,
        since=since,
    )


def sort_faults(faults: list[Fault]) -> list[Fault]:
    return sorted(
        faults, key=lambda f: (-f.severity.rank, f.id, -1 if f.board is None else f.board)
    )


def evaluate(
    snapshot: MinerSnapshot,
    *,
    thresholds: Thresholds | None = None,
    spec: ModelSpecLike | _Auto | None = LOOKUP,
    now: float | None = None,
    peers: Peers | None = None,
    sanity: list[Issue] | None = None,
) -> list[Fault]:
    """Faults one snapshot shows, worst first. ``spec=LOOKUP`` asks the model database.

    The snapshot's impossible values are dropped first (with a note, see sanity.py) unless the
    caller already did (``sanity``); the caller decides whether to store the result in
    ``snapshot.faults``.
    """
    th = thresholds if thresholds is not None else Thresholds()
    model_spec = modeldb_lookup(snapshot.make, snapshot.model) if isinstance(spec, _Auto) else spec
    limits = th.for_miner(snapshot.ip, snapshot.port, snapshot.make, snapshot.model, model_spec)
    issues = clean(snapshot) if sanity is None else sanity
    ctx = Ctx(
        snapshot,
        limits,
        th.catalogue,
        model_spec,
        now if now is not None else time.time(),
        sanity=issues,
        peers=peers,
    )
    outcome = run_rules(ctx)
    roots = roots_of(outcome, snapshot)
    hidden, everything = suppressed(th.catalogue, roots)
    faults = [
        to_fault(th.catalogue, f, ctx.now)  # one poll: first seen now
        for f in outcome.findings.values()
        if not f.band and not is_hidden(f.fault_id, roots, hidden, everything)
    ]
    return sort_faults(faults)


def evaluate_snapshots(
    snapshots: Iterable[MinerSnapshot], *, thresholds: Thresholds | None = None
) -> None:
    """``evaluate`` each snapshot (model looked up) and store the result in ``snapshot.faults``."""
    th = thresholds if thresholds is not None else Thresholds()
    snaps = list(snapshots)
    peers = Peers()
    issues: dict[int, list[Issue]] = {}
    specs: dict[int, ModelSpecLike | None] = {}
    for snap in snaps:  # first every reading made sane, so the peers compare sane values
        issues[id(snap)] = clean(snap)
        spec = specs[id(snap)] = modeldb_lookup(snap.make, snap.model)
        expected = snap.nominal_hashrate_ths or (spec.nominal_ths if spec is not None else None)
        peers.update(snap.key, reading(snap, expected))
    for snap in snaps:
        snap.faults = evaluate(
            snap,
            thresholds=th,
            spec=specs[id(snap)],
            now=snap.timestamp,
            peers=peers,
            sanity=issues[id(snap)],
        )
