"""The polling engine with injected poll functions: no network, deterministic."""

from __future__ import annotations

import asyncio
import threading
import time

from rig_monitor.core.engine.engine import Batch, EngineConfig, EngineThread, PollEngine
from rig_monitor.core.model import ErrorKind, MinerSnapshot, Target

TARGETS = [Target(f"127.9.0.{i}") for i in range(1, 21)]


def healthy(target: Target) -> MinerSnapshot:
    return MinerSnapshot(ip=target.ip, port=target.port, online=True, hashrate_ths=100.0)


def run_sweeps(poll, targets, sweeps=1, **cfg) -> list[Batch]:  # type: ignore[no-untyped-def]
    batches: list[Batch] = []
    config = EngineConfig(interval_s=0.0, **cfg)

    async def go() -> None:
        engine = PollEngine(poll, batches.append, config)
        engine.set_targets(targets)
        await engine.run(sweeps=sweeps)

    asyncio.run(go())
    return batches


def test_hung_miner_costs_one_budget_and_the_rest_are_polled() -> None:
    async def poll(t: Target) -> MinerSnapshot:
        if t.ip == "127.9.0.3":
            await asyncio.sleep(3600)  # hangs forever
        return healthy(t)

    t0 = time.monotonic()
    batches = run_sweeps(poll, TARGETS, poll_budget_s=0.3)
    elapsed = time.monotonic() - t0
    snaps = [s for b in batches for s in b.snapshots]
    assert len(snaps) == 20
    hung = next(s for s in snaps if s.ip == "127.9.0.3")
    assert not hung.online and hung.error_kind is ErrorKind.TIMEOUT
    assert "0.3 s" in (hung.error or "")
    assert sum(s.online for s in snaps) == 19
    assert elapsed < 30  # bounded by the budget, not by the hang (generous: not a timing test)
    assert batches[-1].sweep_done and batches[-1].sweep.polled == 20


def test_a_crashing_driver_costs_one_miner() -> None:
    async def poll(t: Target) -> MinerSnapshot:
        if t.ip == "127.9.0.5":
            raise KeyError("chain_rate1")
        return healthy(t)

    snaps = [s for b in run_sweeps(poll, TARGETS) for s in b.snapshots]
    bad = next(s for s in snaps if s.ip == "127.9.0.5")
    assert bad.error_kind is ErrorKind.BAD_REPLY and "chain_rate1" in (bad.error or "")
    assert sum(s.online for s in snaps) == 19


def test_a_recursion_error_reads_as_words_and_logs_one_traceback(caplog) -> None:  # type: ignore[no-untyped-def]
    async def poll(t: Target) -> MinerSnapshot:
        if t.ip == "127.9.0.5":
            raise RecursionError("maximum recursion depth exceeded")
        return healthy(t)

    with caplog.at_level("ERROR", logger="rig_monitor.core.engine.engine"):
        snaps = [s for b in run_sweeps(poll, TARGETS, sweeps=3) for s in b.snapshots]
    bad = [s for s in snaps if s.ip == "127.9.0.5"]
    assert len(bad) == 3
    assert all(s.error == "bad reply: nested too deep" for s in bad)
    assert len([r for r in caplog.records if r.exc_info]) == 1  # not one per sweep


def test_concurrency_is_bounded() -> None:
    live = 0
    peak = 0

    async def poll(t: Target) -> MinerSnapshot:
        nonlocal live, peak
        live += 1
        peak = max(peak, live)
        await asyncio.sleep(0.01)
        live -= 1
        return healthy(t)

    run_sweeps(poll, TARGETS, concurrency=4)
    assert peak == 4


def test_offline_miner_backs_off_then_is_rechecked() -> None:
    calls: dict[str, int] = {}

    async def poll(t: Target) -> MinerSnapshot:
        calls[t.ip] = calls.get(t.ip, 0) + 1
        if t.ip == "127.9.0.1":
            return MinerSnapshot.offline(t, ErrorKind.REFUSED)
        return healthy(t)

    batches = run_sweeps(poll, TARGETS[:3], sweeps=8, backoff_max_s=3600)
    assert calls["127.9.0.2"] == 8
    # three quick retries, then backed off for the remaining sweeps
    assert calls["127.9.0.1"] == 4
    assert batches[-1].sweep.skipped_backoff == 1


def test_poll_now_rechecks_backed_off_miners() -> None:
    calls = 0

    async def poll(t: Target) -> MinerSnapshot:
        nonlocal calls
        calls += 1
        return MinerSnapshot.offline(t, ErrorKind.TIMEOUT)

    async def go() -> None:
        engine = PollEngine(poll, lambda b: None, EngineConfig(interval_s=0.0))
        engine.set_targets([TARGETS[0]])
        for _ in range(6):
            await engine.sweep()
        before = calls
        engine.poll_now()
        await engine.sweep()
        assert calls == before + 1

    asyncio.run(go())


def test_removed_targets_are_reported_once() -> None:
    batches: list[Batch] = []

    async def poll(t: Target) -> MinerSnapshot:
        return healthy(t)

    async def go() -> None:
        engine = PollEngine(poll, batches.append, EngineConfig(interval_s=0.0))
        engine.set_targets(TARGETS[:3])
        await engine.sweep()
        engine.remove_targets([TARGETS[0].key])
        await engine.sweep()
        await engine.sweep()

    asyncio.run(go())
    removed = [k for b in batches for k in b.removed]
    assert removed == [TARGETS[0].key]
    assert len(batches[-1].snapshots) == 2


def test_engine_thread_calls_back_off_the_calling_thread_and_stops() -> None:
    seen_threads: set[str] = set()
    got = threading.Event()

    def on_batch(batch: Batch) -> None:
        seen_threads.add(threading.current_thread().name)
        if batch.sweep_done:
            got.set()

    async def poll(t: Target) -> MinerSnapshot:
        return healthy(t)

    thread = EngineThread(on_batch, EngineConfig(interval_s=60), poll=poll)
    thread.start(TARGETS[:5])
    try:
        assert got.wait(10)
        got.clear()
        thread.poll_now()  # wakes the 60 s wait at once
        assert got.wait(10)
    finally:
        thread.stop()
    assert not thread.running
    assert seen_threads == {"rig-monitor-engine"}


def test_stop_cancels_the_sweep_under_way_instead_of_waiting_for_it() -> None:
    started = threading.Event()
    cancelled = threading.Event()

    async def poll(t: Target) -> MinerSnapshot:
        started.set()
        try:
            await asyncio.sleep(3600)  # a hung miner inside a long budget
        except asyncio.CancelledError:
            cancelled.set()
            raise
        return healthy(t)

    thread = EngineThread(lambda b: None, EngineConfig(poll_budget_s=3600), poll=poll)
    thread.start(TARGETS[:3])
    assert started.wait(10)
    thread.stop(timeout=10)
    assert not thread.running
    assert cancelled.is_set()


def test_poll_now_during_a_sweep_starts_the_next_one_without_waiting_an_interval() -> None:
    """The wake flag used to be cleared after the sweep, swallowing a poll-now made during it."""
    batches: list[Batch] = []
    events: list[asyncio.Event] = []
    calls = 0

    async def poll(t: Target) -> MinerSnapshot:
        nonlocal calls
        calls += 1
        if calls == 1:
            started, gate = events
            started.set()
            await gate.wait()  # the first sweep is under way until the test releases it
        return healthy(t)

    async def go() -> None:
        events.extend((asyncio.Event(), asyncio.Event()))
        started, gate = events
        engine = PollEngine(poll, batches.append, EngineConfig(interval_s=3600.0))
        engine.set_targets(TARGETS[:1])
        runner = asyncio.ensure_future(engine.run(sweeps=2))
        await started.wait()
        engine.poll_now()  # asked while sweep 1 is running
        gate.set()
        await asyncio.wait_for(runner, timeout=20)  # an interval of 3600 s would time out here

    asyncio.run(go())
    assert [b.sweep.sweep for b in batches if b.sweep_done] == [1, 2]


def test_the_engine_raises_the_young_collection_threshold_only_while_it_sweeps() -> None:
    """At 700 nearly every poll started a collection (13-15 % of the engine's CPU at 5,000
    miners); the window's own collector (gc off, gui/collector.py) must be left alone, and the
    process's own setting comes back when the sweep ends (the CLI and tests share the process)."""
    import gc

    from rig_monitor.core.engine.engine import GC_YOUNG_THRESHOLD

    seen: list[tuple[int, int, int]] = []

    async def poll(t: Target) -> MinerSnapshot:
        seen.append(gc.get_threshold())
        return healthy(t)

    def sweep_once() -> None:
        engine = PollEngine(poll, lambda b: None)
        engine.set_targets([Target("127.0.0.1", 4028)])
        asyncio.run(engine.sweep())

    saved, enabled = gc.get_threshold(), gc.isenabled()
    try:
        gc.enable()
        gc.set_threshold(700, 10, 10)
        sweep_once()
        assert seen[-1] == (GC_YOUNG_THRESHOLD, 10, 10)  # raised while polling
        assert gc.get_threshold() == (700, 10, 10)  # and given back
        gc.set_threshold(GC_YOUNG_THRESHOLD * 2, 10, 10)  # set higher by someone: kept
        sweep_once()
        assert seen[-1] == gc.get_threshold() == (GC_YOUNG_THRESHOLD * 2, 10, 10)
        gc.disable()
        gc.set_threshold(700, 10, 10)
        sweep_once()
        assert seen[-1] == gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*saved)
        if enabled:
            gc.enable()
        else:
            gc.disable()
