"""EngineProcess: the real engine in a spawned child, against a small simulated fleet.

Loopback only (127.84.x.y), ports >= 1024. Checks batches arrive with the fault report, raw
replies are not shipped, stop() leaves no child behind, and a dead child is reported.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from rig_monitor.core.credentials import Credential, Credentials, miner_key
from rig_monitor.core.engine.engine import Batch, EngineConfig
from rig_monitor.core.engine.engine_process import (
    ENGINE_NICE,
    NICE_ENV,
    EngineProcess,
    _engine_nice,
    _warm_credentials,
    use_process_engine,
)
from rig_monitor.core.faults.stage import FaultReport, FaultStage
from rig_monitor.core.model import Target
from rig_monitor.sim import SimFleet, SimFleetThread
from tests.core.engine.test_engine_scale import free_ports


@pytest.fixture
def fleet() -> Iterator[SimFleetThread]:
    base = "127.84.0.1"
    port, web = free_ports(base)
    thread = SimFleetThread(SimFleet.build(base=base, count=12, port=port, web_port=web, seed=5))
    thread.start()
    yield thread
    thread.stop()


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _wait(cond: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_engine_process_polls_and_stops_cleanly(fleet: SimFleetThread) -> None:
    batches: list[Batch] = []
    lock = threading.Lock()

    def on_batch(b: Batch) -> None:
        with lock:
            batches.append(b)

    stage = FaultStage()
    engine = EngineProcess(
        on_batch, EngineConfig(interval_s=60.0, poll_budget_s=5.0), post_process=stage
    )
    assert not engine.running
    engine.start(fleet.fleet.targets)
    pid = engine.pid
    assert pid is not None and pid != os.getpid()
    try:
        _wait(lambda: any(b.sweep_done for b in batches))
        snaps = [s for b in batches for s in b.snapshots]
        assert {s.key for s in snaps} == {t.key for t in fleet.fleet.targets}
        assert all(s.online for s in snaps)
        assert all(s.raw == {} for s in snaps)  # not shipped to the GUI
        assert any(isinstance(b.extra, FaultReport) for b in batches)
        assert engine.secrets_persistent is not None
        if os.name != "nt":  # the window comes first when the CPU is short
            assert psutil.Process(pid).nice() == min(19, psutil.Process().nice() + ENGINE_NICE)
        # a fault action is numbered here and reported as applied by the child's stage
        seq = stage.forget([fleet.fleet.targets[0].key])
        engine.set_miner_password("127.84.0.1", fleet.fleet.miners[0].port, "root", "pw")
        engine.remove_targets([fleet.fleet.targets[0].key])
        engine.poll_now()
        _wait(
            lambda: any(
                isinstance(b.extra, FaultReport) and b.extra.applied >= seq for b in batches
            )
        )
        assert any(fleet.fleet.targets[0].key in b.removed for b in batches)
    finally:
        t0 = time.monotonic()
        engine.stop()
    assert time.monotonic() - t0 < 5.0
    assert not engine.running
    assert _gone(pid)


def test_a_dead_child_is_reported(fleet: SimFleetThread) -> None:
    failures: list[str] = []
    engine = EngineProcess(
        lambda b: None, EngineConfig(interval_s=60.0), on_failure=failures.append
    )
    engine.start(fleet.fleet.targets)
    pid = engine.pid
    assert pid is not None
    try:
        _wait(lambda: engine.secrets_persistent is not None)
        os.kill(pid, signal.SIGKILL)
        _wait(lambda: bool(failures), 10.0)
        assert "stopped unexpectedly" in failures[0]
    finally:
        engine.stop()
    assert not engine.running


@pytest.mark.parametrize(
    ("raw", "expected", "warned"),
    [
        ("", ENGINE_NICE, False),
        ("0", 0, False),
        ("12", 12, False),
        ("20", ENGINE_NICE, True),
        ("-3", ENGINE_NICE, True),
        ("low", ENGINE_NICE, True),
    ],
)
def test_engine_priority_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    raw: str,
    expected: int,
    warned: bool,
) -> None:
    monkeypatch.setenv(NICE_ENV, raw)
    assert _engine_nice() == expected
    assert any(NICE_ENV in r.getMessage() for r in caplog.records) == warned


def test_engine_kind_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIG_MONITOR_ENGINE", "thread")
    assert not use_process_engine()
    monkeypatch.setenv("RIG_MONITOR_ENGINE", "process")
    assert use_process_engine()
    monkeypatch.delenv("RIG_MONITOR_ENGINE")
    assert use_process_engine()


def test_both_engines_implement_the_engine_protocol() -> None:
    from rig_monitor.core.engine.engine import EngineThread
    from rig_monitor.core.engine.protocol import Engine

    def on_batch(_batch: object) -> None:
        pass

    assert isinstance(EngineThread(on_batch), Engine)
    assert isinstance(EngineProcess(on_batch), Engine)


def test_the_window_engine_saves_identities_for_a_warm_launch(fleet: SimFleetThread) -> None:
    from rig_monitor.core.engine import identity_cache

    batches: list[Batch] = []
    engine = EngineProcess(batches.append, EngineConfig(interval_s=60.0, poll_budget_s=5.0))
    engine.start(fleet.fleet.targets)
    path = identity_cache.cache_path(identity_cache.WINDOW_SCOPE)
    try:
        _wait(lambda: any(b.sweep_done for b in batches))
        _wait(path.exists)  # written on a worker thread after the sweep
    finally:
        engine.stop()
    saved = identity_cache.load(path)
    assert set(saved) == {t.key for t in fleet.fleet.targets}
    for t in fleet.fleet.targets:
        truth = fleet.fleet.miner(t.ip, t.port).truth()
        assert saved[t.key].make == truth.make
        assert saved[t.key].seen > 0


def test_a_prestarted_child_polls_only_from_start_and_sees_what_came_before(
    fleet: SimFleetThread,
) -> None:
    """The window spawns the child while it builds itself (issue 15); what it sends before
    start() (the kept faults' restore, here a numbered fault action) reaches the child's stage
    before the first batch is judged, and the targets added meanwhile are polled too."""
    batches: list[Batch] = []  # appended on the reader thread (list.append is atomic)
    stage = FaultStage()
    config = EngineConfig(interval_s=60.0, poll_budget_s=5.0)
    engine = EngineProcess(batches.append, config, post_process=stage)
    targets = fleet.fleet.targets
    engine.prestart(targets[:6])
    pid = engine.pid
    assert pid is not None and engine.running
    try:
        _wait(lambda: engine.secrets_persistent is not None)  # everything but polling done
        time.sleep(1.0)  # twelve loopback miners answer well within this, were they polled
        assert batches == []
        seq = stage.forget([targets[0].key])
        engine.start(targets)  # six more since the spawn
        _wait(lambda: any(b.sweep_done for b in batches))
        got = list(batches)
        first = next(b for b in got if isinstance(b.extra, FaultReport))
        keys = {s.key for b in got for s in b.snapshots}
        assert isinstance(first.extra, FaultReport) and first.extra.applied >= seq
        assert keys == {t.key for t in targets}
        assert engine.pid == pid  # the same child, not a second one
        # the child's marks follow its first batch on the pipe: read just after it
        _wait(lambda: "child_polling" in engine.timeline)
        assert {"spawned", "child_imports", "child_polling", "received"} <= set(engine.timeline)
        assert engine.timeline["child_polling"] >= engine.timeline["child_cache_read"]
    finally:
        engine.stop()
    assert not engine.running
    assert _gone(pid)


def test_a_prestarted_child_never_started_stops_without_a_failure(fleet: SimFleetThread) -> None:
    failures: list[str] = []
    batches: list[Batch] = []
    engine = EngineProcess(batches.append, EngineConfig(), on_failure=failures.append)
    engine.prestart(fleet.fleet.targets)
    pid = engine.pid
    assert pid is not None
    _wait(lambda: engine.secrets_persistent is not None)
    engine.stop()
    assert not engine.running
    assert _gone(pid)
    assert failures == [] and batches == []


_SCRIPT = """
import sys
if __name__ == "__mp_main__":  # the engine's child running this file again
    sys.exit("the child ran the main script")
from rig_monitor.core.engine.engine_process import EngineProcess
from rig_monitor.core.model import Target

if __name__ == "__main__":
    failures = []
    engine = EngineProcess(lambda b: None, on_failure=failures.append)
    engine.prestart([Target("127.84.9.1", 4028)])  # held: never polled
    for _ in range(600):
        if engine.secrets_persistent is not None or failures:
            break
        import time; time.sleep(0.05)
    engine.stop()
    print("ready" if engine.secrets_persistent is not None and not failures else failures)
"""


def test_the_child_does_not_run_the_launcher_script_again(tmp_path: Path) -> None:
    """``rig-monitor-gui`` is a script whose first line imports the window and Qt; a spawned
    child used to run it again before its first poll (see _main_script_hidden)."""
    script = tmp_path / "launcher.py"
    script.write_text(_SCRIPT)
    env = {**os.environ, "RIG_MONITOR_CONFIG_DIR": str(tmp_path / "c")}
    env["RIG_MONITOR_CACHE_DIR"] = str(tmp_path / "cache")
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, env=env
    )
    assert out.stdout.strip() == "ready", out.stdout + out.stderr


class _GatedKeyring:
    """A keyring whose first miner's entry is read only when the test opens the gate (a slow
    Secret Service): what a poll sees while the start-up reads are still under way."""

    persistent = True

    def __init__(self, gated: str, saved: dict[str, Credential]) -> None:
        self.gated = gated
        self.saved = saved
        self.gate = threading.Event()
        self.waiting = threading.Event()
        self.reads: list[str] = []

    def get(self, key: str) -> Credential | None:
        self.reads.append(key)
        if key == self.gated:
            self.waiting.set()
            assert self.gate.wait(30.0)
        return self.saved.get(key)

    def set(self, key: str, cred: Credential) -> None:
        self.saved[key] = cred

    def delete(self, key: str) -> None:
        self.saved.pop(key, None)


def test_polls_need_not_wait_for_the_keyring_and_never_go_without_their_password() -> None:
    """The child reads each miner's key on a thread (issue 15): "ready" goes out once the store
    is open and the shared keys read, and a poll that needs a key the thread has not reached
    reads it itself."""
    targets = [Target(f"127.85.0.{i}", 4028) for i in range(1, 6)]
    mine = Credential("admin", "s3cret")
    store = _GatedKeyring(miner_key("127.85.0.1", 4028), {miner_key("127.85.0.4", 4028): mine})
    credentials = Credentials(store, {})
    ready = threading.Event()
    thread = _warm_credentials(credentials, targets, ready.set)
    # "ready" before the function returns, so before the first poll (and batch) can go out: the
    # window says where a password set now is kept from it
    assert ready.is_set()
    assert not any(k.startswith("miner:") for k in store.reads[: len(store.reads) - 1])
    try:
        assert store.waiting.wait(30.0)  # the start-up reads are held at the first miner
        assert ready.is_set()  # the store was open before: "ready" did not wait for the reads
        assert all(k.startswith("family:") for k in store.reads[:-1])  # shared keys first
        # a poll of the fourth miner now: its own password, read through, not the default
        assert credentials.resolve("127.85.0.4", 4028, "antminer") == mine
        assert credentials.resolve("127.85.0.5", 4028, "antminer") == Credential("root", "root")
    finally:
        store.gate.set()
        thread.join(30.0)
    assert not thread.is_alive()
    assert {miner_key(t.ip, t.port) for t in targets} <= set(store.reads)
