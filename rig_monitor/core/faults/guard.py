"""Fault evaluation that cannot lose a sweep: one miner's failure is that miner's row.

A rule bug (a ZeroDivisionError on a value nobody expected) used to drop the whole batch: the CLI
printed nothing for the sweep and the window kept every row of it "OK". Here each miner is judged
on its own; one that fails gets a critical ``evaluation_failed`` fault saying so, the others are
judged as usual, and the caller learns which ones failed (to log and to exit non-zero).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from rig_monitor.core.faults.evaluate import evaluate_snapshots
from rig_monitor.core.faults.thresholds import Thresholds
from rig_monitor.core.faults.tracker import FaultEvent, FaultTracker
from rig_monitor.core.model import Fault, MinerSnapshot, Severity

log = logging.getLogger(__name__)

EVALUATION_FAILED = "evaluation_failed"
_logged: set[str] = set()  # one traceback per miner and process, not one per sweep


def evaluation_failed(snap: MinerSnapshot, exc: BaseException) -> None:
    """Show on ``snap`` that its faults could not be judged (its readings stay as read)."""
    text = str(exc).strip()
    detail = f"evaluation failed: {type(exc).__name__}" + (f": {text[:200]}" if text else "")
    snap.faults = [Fault(EVALUATION_FAILED, Severity.CRITICAL, "Evaluation failed", detail)]
    if snap.key not in _logged:
        _logged.add(snap.key)
        log.error("fault evaluation of %s failed", snap.key, exc_info=exc)
    else:
        log.debug("fault evaluation of %s failed again: %s", snap.key, detail)


def update_isolated(
    tracker: FaultTracker, snapshots: Iterable[MinerSnapshot]
) -> tuple[list[FaultEvent], list[MinerSnapshot]]:
    """``tracker.update``, and when it fails, one miner at a time: (events, the snapshots whose
    evaluation failed). The whole batch goes first so peer comparisons see one coherent sweep;
    the per-miner pass only runs after a failure, to pin it on the miner that caused it."""
    batch = list(snapshots)
    try:
        return tracker.update(batch), []
    except Exception:
        log.debug("batch evaluation failed; judging the %d miners one by one", len(batch))
    events: list[FaultEvent] = []
    failed: list[MinerSnapshot] = []
    for snap in batch:
        try:
            events.extend(tracker.update((snap,)))
        except Exception as exc:
            evaluation_failed(snap, exc)
            failed.append(snap)
    return events, failed


def evaluate_isolated(
    snapshots: Iterable[MinerSnapshot], *, thresholds: Thresholds | None = None
) -> list[MinerSnapshot]:
    """One-shot ``evaluate_snapshots`` one miner at a time; returns those that failed."""
    failed: list[MinerSnapshot] = []
    for snap in snapshots:
        try:
            evaluate_snapshots((snap,), thresholds=thresholds)
        except Exception as exc:
            evaluation_failed(snap, exc)
            failed.append(snap)
    return failed


def failure_message(failed: list[MinerSnapshot]) -> str:
    """One line for stderr: how many, which, and why (the first reason)."""
    names = ", ".join(s.key for s in failed[:5]) + (" …" if len(failed) > 5 else "")
    why = failed[0].faults[0].detail if failed and failed[0].faults else "evaluation failed"
    return f"fault evaluation failed for {len(failed)} miner(s) ({names}): {why}"
