"""The polling engine in a child process: same interface as :class:`EngineThread`, own GIL.

Why: at 5,000 miners the engine thread's parsing kept the GIL long enough that the GUI thread
waited for it on every repaint (worst event-loop stall 450-650 ms). In a child process the engine
and the GUI no longer share a GIL; the parent only unpickles each batch on a reader thread and
hands it to ``on_batch`` exactly as the engine thread did (one queued signal per batch).

- ``multiprocessing.get_context("spawn")``, never fork: the parent runs Qt threads.
- parent -> child: a command queue (the targets first, then go, targets, interval, poll now,
  passwords, fault actions, stop); child -> parent: a result queue (ready, batches, the launch
  timeline, failure).
- ``prestart()`` spawns the child held: it gets ready to poll and waits for ``start()``'s "go".
- the child does not run the parent's main script again (``_main_script_hidden``).
- the child opens the credentials (keyring) itself; passwords travel only through the command
  pipe and are never logged.
- ``MinerSnapshot.raw`` is dropped (in place, after the fault stage) before a batch is pickled:
  the GUI never shows it, and it is most of a snapshot's size.
- a batch's snapshots travel pickled in parts of ``PART_SNAPSHOTS`` (:func:`pack_batch`), which
  the reader thread unpickles one by one (:func:`unpack_batch`): still one message and one
  ``on_batch`` per batch, but the GUI thread gets the GIL between parts.
- a post-process stage that implements :class:`RemoteStage` (the GUI's ``FaultStage``) runs in the
  child; its GUI-side actions are forwarded as commands, numbered by the parent.
- ``stop()`` cancels the sweep under way and joins; a child that does not exit is terminated,
  then killed. A child that dies on its own is reported through ``on_failure``.

``RIG_MONITOR_ENGINE=thread`` makes :func:`use_process_engine` say no (an operator's fallback).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import logging
import logging.handlers
import multiprocessing
import os
import pickle
import queue
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from rig_monitor.core.engine.engine import (
    Batch,
    BatchCallback,
    EngineConfig,
    PollEngine,
    PollFn,
    PostProcess,
)
from rig_monitor.core.engine.loops import close_loop
from rig_monitor.core.model import Target

if TYPE_CHECKING:
    from rig_monitor.core.credentials import Credentials

log = logging.getLogger(__name__)

ENGINE_ENV = "RIG_MONITOR_ENGINE"
# A file name: the child runs under cProfile from its target's start to its first sweep's last
# batch and writes the stats there (benchmarks.gui --child-profile; a measuring aid, never set
# by the app).
PROFILE_ENV = "RIG_MONITOR_ENGINE_PROFILE"
# How far below the window the engine child runs (POSIX nice steps; Windows: "below normal").
NICE_ENV = "RIG_MONITOR_ENGINE_NICE"
ENGINE_NICE = 5
RemoteSend = Callable[[str, tuple[Any, ...], int], None]
# Builds the child's poll from the child's credentials: a picklable stand-in for the real poller
# (tests of the window run against this engine with fake miners; never for real polling).
PollFactory = Callable[[Any], PollFn]
FailureCallback = Callable[[str], None]
PARENT_CHECK_S = 1.0
# Snapshots per pickled part of a batch. Why: the reader thread's unpickling of a whole batch
# was one C call holding the GIL ~10-15 ms for 400 snapshots (~30 us each, ~1.3 KB pickled),
# and the GUI thread cannot run until it returns (issue 15: worst stall < 50 ms). 64 snapshots
# unpickle in ~2 ms; between parts the GUI thread takes the GIL after at most the 5 ms switch
# interval. Measured in docs/performance.md ("The engine pipe's parts").
PART_SNAPSHOTS = 64


def use_process_engine() -> bool:
    """``RIG_MONITOR_ENGINE=thread|process`` (default ``process``)."""
    value = os.environ.get(ENGINE_ENV, "process").strip().lower()
    if value not in ("thread", "process", ""):
        log.warning("%s=%r is neither 'thread' nor 'process'; using 'process'", ENGINE_ENV, value)
    return value != "thread"


@runtime_checkable
class RemoteStage(Protocol):
    """A ``post_process`` stage that can run in the engine's child process."""

    def child_factory(self) -> Callable[[], PostProcess]:
        """A picklable callable that builds the child's copy of the stage."""
        ...

    def attach_remote(self, send: RemoteSend | None) -> None:
        """From now on, forward GUI-side actions through ``send(name, args, seq)``."""
        ...


@runtime_checkable
class RemoteStageChild(Protocol):
    def apply_remote(self, name: str, args: tuple[Any, ...], seq: int) -> None: ...


def _child_log_file() -> str | None:
    """``engine.log`` next to the parent's rotating log file, if the parent writes one."""
    for h in logging.getLogger().handlers:
        if isinstance(h, logging.handlers.RotatingFileHandler):
            return str(Path(h.baseFilename).with_name("engine.log"))
    return None


def _strip(batch: Batch) -> Batch:
    """Drop the raw replies in place, once the fault stage has judged the batch: the stage keeps
    each miner's latest snapshot for diagnosis, and with their raw replies 5,000 of those held
    ~180 MB in the engine process (issue 15: RSS of window plus engine < 300 MB)."""
    for s in batch.snapshots:
        if s.raw:
            s.raw = {}
    return batch


@dataclasses.dataclass(slots=True)
class PackedBatch:
    """A batch on its way through the pipe: everything but the snapshots as is, the snapshots
    pickled in parts (in order)."""

    batch: Batch  # with ``snapshots`` empty
    parts: list[bytes]


def pack_batch(batch: Batch, part: int = PART_SNAPSHOTS) -> PackedBatch:
    """Pickle the snapshots in parts of ``part``, in the child (its own GIL)."""
    snaps = batch.snapshots
    step = max(1, part)
    parts = [
        pickle.dumps(snaps[i : i + step], protocol=pickle.HIGHEST_PROTOCOL)
        for i in range(0, len(snaps), step)
    ]
    return PackedBatch(dataclasses.replace(batch, snapshots=[]), parts)


def unpack_batch(packed: PackedBatch) -> Batch:
    """The batch whole again, its snapshots in order; one ``pickle.loads`` per part, so the
    GIL can go to the GUI thread between parts."""
    snaps = packed.batch.snapshots
    for part in packed.parts:
        snaps.extend(pickle.loads(part))
    return packed.batch


def _malloc_trim() -> Callable[[], None]:
    """glibc's ``malloc_trim(0)``, to run once per sweep (a no-op elsewhere).

    Why: a sweep allocates every miner's replies and parses them, then frees them; glibc keeps the
    freed pages, so the engine's resident size stayed at its peak (issue 15: RSS of window plus
    engine < 300 MB). Trimming after the sweep hands them back; it costs a few ms per sweep."""
    import ctypes
    import ctypes.util

    if not sys.platform.startswith("linux"):
        return lambda: None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        fn = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return lambda: None
    fn.argtypes = [ctypes.c_size_t]
    fn.restype = ctypes.c_int

    def trim() -> None:
        fn(0)

    return trim


def _engine_nice() -> int:
    """``RIG_MONITOR_ENGINE_NICE`` (0-19, default 5); 0 leaves the engine at the window's priority."""
    raw = os.environ.get(NICE_ENV, "").strip()
    if not raw:
        return ENGINE_NICE
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if not 0 <= value <= 19:
        log.warning(
            "%s=%r is not a whole number from 0 to 19; using %d", NICE_ENV, raw, ENGINE_NICE
        )
        return ENGINE_NICE
    return value


def lower_priority(steps: int) -> str:
    """Run this process below the window's priority; returns what was done, for the log.

    Why: on a farm desktop with two cores the window, the engine and whatever else runs share
    the CPU; when it is short, the operator's clicks and repaints must come first (issue 15:
    worst GUI stall < 50 ms while sweeping). The engine's work is mostly waiting for miners, so
    a lower priority costs it little; it only loses when the CPU is really short, where a
    slightly later poll is better than a frozen window."""
    if steps <= 0:
        return "engine priority unchanged"
    import psutil

    try:
        proc = psutil.Process()
        if os.name == "nt":
            proc.nice(psutil.BELOW_NORMAL_PRIORITY_CLASS)
            return "engine priority: below normal"
        proc.nice(min(19, int(proc.nice()) + steps))
        return f"engine priority: nice {proc.nice()}"
    except (OSError, psutil.Error) as exc:  # a sandbox may refuse; polling goes on regardless
        return f"engine priority unchanged ({exc})"


@contextlib.contextmanager
def _main_script_hidden(hide: bool) -> Iterator[None]:
    """Spawn without the child running this process's main script first.

    Why: ``spawn`` re-runs the parent's ``__main__`` file in the child (as ``__mp_main__``) so
    that anything pickled from it can be found. The app's is the ``rig-monitor-gui`` (or
    ``rig-monitor``) launcher, whose first line imports the whole window and Qt: the engine child
    paid for PySide6 before its first poll, and kept it in memory. The child needs nothing from
    it (its target, the stage and the config live in ``rig_monitor``), so its ``__file__`` is
    hidden while the child is spawned. ``hide=False`` (a test's poll factory may live in the
    main module) and ``python -m`` runs (imported by name, which ``rig_monitor.__main__`` skips)
    are left as they are."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if not hide or main is None or path is None or getattr(main, "__spec__", None) is not None:
        yield
        return
    del main.__file__
    try:
        yield
    finally:
        main.__file__ = path


def _child_main(
    commands: Any,
    results: Any,
    config: EngineConfig,
    targets: list[Target] | None,
    stage_factory: Callable[[], PostProcess] | None,
    log_level: int,
    log_file: str | None = None,
    poll_factory: PollFactory | None = None,
    hold: bool = False,
) -> None:
    """The child process: a PollEngine on its own loop, commands read on a helper thread.

    ``hold``: everything up to the first poll is done at once, the polling waits for ``go``
    (see :meth:`EngineProcess.prestart`)."""
    marks = {"entered": time.time()}  # the launch timeline (EngineProcess.timeline)
    _start_profile()
    from rig_monitor.core.logsafe import setup_logging

    # Redacted like the parent's; its own rotating file (two processes must not rotate one file).
    setup_logging(
        log_level,
        log_dir=Path(log_file).parent if log_file else None,
        file_name=Path(log_file).name if log_file else None,
        fmt="%(asctime)s %(levelname)s %(name)s [engine]: %(message)s",
    )
    # Before any thread exists: on Linux a nice value is per thread, and threads inherit it.
    log.info("%s", lower_priority(_engine_nice()))
    try:
        _child_run(commands, results, config, targets, stage_factory, poll_factory, hold, marks)
    except BaseException:
        with contextlib.suppress(Exception):
            results.put(("failed", traceback.format_exc(limit=8)))
        raise
    finally:
        results.cancel_join_thread()  # never block exit on a parent that stopped reading


_profile: list[Any] = []  # the child's cProfile.Profile while it runs (PROFILE_ENV)


def _start_profile() -> None:
    """Profile the child to its first sweep's end when ``PROFILE_ENV`` names a file.

    Why: the child's CPU from spawn to the last row (issue 15) is start-up, polling, the fault
    stage and pickling in one process the window spawns; cProfile there is the only way to see
    their shares at a real launch."""
    if os.environ.get(PROFILE_ENV):
        import cProfile

        prof = cProfile.Profile()
        _profile.append(prof)
        prof.enable()


def _stop_profile() -> None:
    if not _profile:
        return
    prof = _profile.pop()
    prof.disable()
    try:
        prof.dump_stats(os.environ[PROFILE_ENV])
    except OSError:
        log.exception("writing the engine profile failed")


def _first_targets(commands: Any, parent: int) -> list[Target] | None:
    """The targets, the first command of a child spawned without them (None: the parent went
    away first, or stopped it)."""
    while True:
        try:
            cmd = commands.get(timeout=PARENT_CHECK_S)
        except queue.Empty:
            if os.getppid() != parent:
                return None
            continue
        except (EOFError, OSError):
            return None
        if cmd[0] == "targets":
            return list(cmd[1])
        if cmd[0] == "stop":
            return None
        log.warning("engine command %r before the targets; ignored", cmd[0])


def _child_run(
    commands: Any,
    results: Any,
    config: EngineConfig,
    targets: list[Target] | None,
    stage_factory: Callable[[], PostProcess] | None,
    poll_factory: PollFactory | None = None,
    hold: bool = False,
    marks: dict[str, float] | None = None,
) -> None:
    from rig_monitor.core.credentials import Credential, for_this_user, miner_key
    from rig_monitor.core.engine.identity_cache import WINDOW_SCOPE, WarmStart
    from rig_monitor.core.engine.poller import Poller
    from rig_monitor.core.netinfo import raise_fd_limit

    marks = {} if marks is None else marks
    marks["imports"] = time.time()
    parent = os.getppid()
    if targets is None:
        targets = _first_targets(commands, parent)
        if targets is None:
            return
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    credentials = for_this_user()  # keyring + saved sites as groups (the keyring opened later)
    poller = Poller(credentials=credentials)
    stage = stage_factory() if stage_factory is not None else None
    # Known miners are read at once, without detection (issue 15); see identity_cache.
    warm = WarmStart(WINDOW_SCOPE, poller, targets)
    marks["cache_read"] = time.time()

    trim = _malloc_trim()
    first = [True]

    def on_batch(batch: Batch) -> None:
        results.put(("batch", pack_batch(_strip(batch))))
        if first[0]:
            first[0] = False
            marks["first_batch"] = time.time()
            results.put(("marks", dict(marks)))
        if batch.sweep_done:
            _stop_profile()
            warm.save_soon()
            trim()

    poll = poll_factory(credentials) if poll_factory is not None else poller.poll
    engine = PollEngine(poll, on_batch, config, post_process=stage)
    engine.set_targets(targets)
    engine.poll_later(warm.later)
    raise_fd_limit(max(1, config.concurrency) * 6 + 256)
    go = threading.Event()  # set by the command "go" (or "stop": then halted too)
    halted = threading.Event()
    retarget: list[list[Target]] = []  # the window's targets at "go", when they changed
    main: asyncio.Task[None] | None = None

    def on_loop(fn: Callable[[], None]) -> None:
        with contextlib.suppress(RuntimeError):  # loop already closed
            loop.call_soon_threadsafe(fn)

    def stop_engine() -> None:
        engine.stop()
        if main is not None:
            main.cancel()

    def halt() -> None:
        halted.set()
        on_loop(stop_engine)
        go.set()

    def set_interval(seconds: float) -> None:
        engine.config.interval_s = seconds
        engine.poll_now()

    def add(items: list[Target]) -> None:
        engine.add_targets(items)
        engine.poll_now()

    def read_commands() -> None:
        while True:
            try:
                cmd = commands.get(timeout=PARENT_CHECK_S)
            except queue.Empty:
                if os.getppid() != parent:  # the GUI died without saying stop
                    halt()
                    return
                continue
            except (EOFError, OSError):
                halt()
                return
            name = cmd[0]
            try:
                if name == "stop":
                    halt()
                    return
                if name == "go":
                    if cmd[1] is not None:
                        retarget.append(cmd[1])
                    go.set()
                elif name == "set_targets":
                    on_loop(functools.partial(engine.set_targets, cmd[1]))
                elif name == "add_targets":
                    # keyring reads here, on the command thread, never on the polling loop
                    credentials.warm([miner_key(t.ip, t.port) for t in cmd[1]])
                    on_loop(functools.partial(add, cmd[1]))
                elif name == "remove_targets":
                    on_loop(functools.partial(engine.remove_targets, cmd[1]))
                elif name == "set_interval":
                    on_loop(functools.partial(set_interval, float(cmd[1])))
                elif name == "poll_now":
                    on_loop(engine.poll_now)
                elif name == "password":
                    _, ip, port, user, password = cmd
                    credentials.set_for_miner(ip, port, Credential(user, password))
                elif name == "confirm_identity":
                    credentials.confirm_identity(cmd[1], cmd[2])
                    on_loop(engine.poll_now)
                elif name == "stage":
                    _, action, args, seq = cmd
                    if isinstance(stage, RemoteStageChild):
                        stage.apply_remote(action, args, seq)
                else:
                    log.warning("unknown engine command %r", name)
            except Exception:
                log.exception("engine command %r failed", name)

    reader = threading.Thread(target=read_commands, name="engine-commands", daemon=True)
    reader.start()
    # The keyring is opened and its shared keys read now, "ready" sent, and each miner's own key
    # read on a thread (see _warm_credentials): the first polls need not wait for 5,000 reads.
    _warm_credentials(
        credentials, targets, lambda: results.put(("ready", credentials.store.persistent))
    )
    if not hold:
        go.set()
    # Commands sent before "go" (the kept faults' restore above all) were handled by the reader,
    # in order, before it set the event: the first sweep sees them.
    go.wait()
    try:
        if halted.is_set():
            return
        if retarget:  # miners added (or removed) between the spawn and "go"
            targets = retarget[-1]
            _warm_credentials(credentials, targets)
            warm = WarmStart(WINDOW_SCOPE, poller, targets)
            engine.set_targets(targets)
            engine.poll_later(warm.later)
        marks["polling"] = time.time()
        main = loop.create_task(engine.run())
        with contextlib.suppress(asyncio.CancelledError):
            loop.run_until_complete(main)
        loop.run_until_complete(poller.aclose())
        loop.run_until_complete(warm.saved())
    finally:
        close_loop(loop)


def _warm_credentials(
    credentials: Credentials, targets: list[Target], then: Callable[[], None] | None = None
) -> threading.Thread:
    """Open the keyring and read the keys every miner shares (the site's groups, the families)
    now, call ``then``, and read each miner's own key on a thread.

    Why a thread: a real keyring (Secret Service, Keychain) answers each of 5,000 reads over IPC;
    done before the first poll, all of it delayed every row of a warm launch (issue 15: 5,000
    known miners on screen within 5 s). Why the shared keys first, here: "ready" (``then``) must
    reach the window before any batch does (it says where a password set now will be kept), and
    a locked keyring asks to be unlocked at its first read, before any poll. No poll goes out
    without its credentials: a poll that needs a miner's key not read yet reads it itself
    (``Credentials`` reads through on a miss)."""
    try:
        credentials.warm_for([])  # opens the store: group and family keys
    except Exception:  # each poll that needs a key reads it again and reports its own error
        log.exception("reading the keyring at start-up failed")
    if then is not None:
        then()

    def run() -> None:
        try:
            credentials.warm_for([(t.ip, t.port) for t in targets])
        except Exception:
            log.exception("reading the keyring at start-up failed")

    thread = threading.Thread(target=run, name="engine-credentials", daemon=True)
    thread.start()
    return thread


class EngineProcess:
    """Runs a PollEngine (with the real poller) in a spawned child process.

    Same public interface as :class:`EngineThread`; ``on_batch`` is called on a reader thread in
    this process. ``on_failure(text)`` is called (on that thread) if the child dies unasked.
    """

    def __init__(
        self,
        on_batch: BatchCallback,
        config: EngineConfig | None = None,
        *,
        poll: PollFn | None = None,
        post_process: PostProcess | None = None,
        on_failure: FailureCallback | None = None,
        poll_factory: PollFactory | None = None,
    ) -> None:
        if poll is not None:
            raise ValueError(
                "EngineProcess polls in its child: give a picklable poll_factory, or use "
                "EngineThread for poll="
            )
        self._poll_factory = poll_factory
        if post_process is not None and not isinstance(post_process, RemoteStage):
            raise ValueError("EngineProcess needs a post_process that implements RemoteStage")
        self._on_batch = on_batch
        self._on_failure = on_failure
        self._config = config or EngineConfig()
        self._stage = post_process
        self._ctx = multiprocessing.get_context("spawn")
        self._commands: Any = self._ctx.Queue()
        self._results: Any = self._ctx.Queue()
        self._proc: Any = None
        self._reader: threading.Thread | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._persistent: bool | None = None
        self._held: list[str] | None = None  # prestarted with these targets, "go" not sent yet
        # Launch timeline (unix times; benchmarks.gui prints it): "spawn"/"spawned" around the
        # spawn, "created" (the child's process start), the child's own marks ("entered" its
        # target, "imports", "cache_read", "polling", "first_batch" sent) and "first_batch"
        # received here, "received".
        self.timeline: dict[str, float] = {}
        if isinstance(post_process, RemoteStage):
            post_process.attach_remote(self._send_stage)

    @property
    def config(self) -> EngineConfig:
        return self._config

    @property
    def secrets_persistent(self) -> bool | None:
        """Whether passwords go to the OS keyring (None until the child has started)."""
        return self._persistent

    @property
    def pid(self) -> int | None:
        return None if self._proc is None else int(self._proc.pid)

    def prestart(self, targets: Iterable[Target] = ()) -> None:
        """Spawn the child now and let it do everything up to its first poll (interpreter,
        imports, keyring, identity cache), holding the polling until :meth:`start`.

        Why: the child's start-up (~1.2 s) then overlaps the window's construction instead of
        following it (issue 15: a known fleet on screen within 5 s of launch). Whatever the
        window sends before :meth:`start` (the kept faults' restore above all) reaches the child
        before its first poll: one queue, read in order."""
        if self._proc is None:
            items = list(targets)
            self._held = [t.key for t in items]
            self._spawn(items, hold=True)

    def start(self, targets: Iterable[Target] = ()) -> None:
        targets = list(targets)
        if self._proc is None:
            self._spawn(targets, hold=False)
            return
        if self._held is None:
            return  # started already
        same = [t.key for t in targets] == self._held
        self._held = None
        self._send("go", None if same else targets)

    def _spawn(self, targets: list[Target], *, hold: bool) -> None:
        factory = self._stage.child_factory() if isinstance(self._stage, RemoteStage) else None
        # The targets go through the queue, not the spawn's arguments: the spawn writes those to
        # a pipe and waits until the new interpreter has read them all, and 5,000 targets
        # (~200 KB) held the GUI thread 0.2-0.6 s that way; the queue's feeder thread sends them.
        self._commands.put(("targets", targets))
        self._proc = self._ctx.Process(
            target=_child_main,
            args=(
                self._commands,
                self._results,
                dataclasses.replace(self._config),
                None,
                factory,
                logging.getLogger().getEffectiveLevel(),
                _child_log_file(),
                self._poll_factory,
                hold,
            ),
            name="rig-monitor-engine",
            daemon=True,
        )
        self.timeline["spawn"] = time.time()
        with _main_script_hidden(self._poll_factory is None):
            self._proc.start()
        self.timeline["spawned"] = time.time()
        self._reader = threading.Thread(
            target=self._read, name="rig-monitor-engine-reader", daemon=True
        )
        self._reader.start()

    def _read(self) -> None:
        proc, results = self._proc, self._results
        failure: str | None = None
        while True:
            try:
                msg = results.get(timeout=0.25)
            except queue.Empty:
                if not proc.is_alive():
                    break
                continue
            except (EOFError, OSError):
                break
            kind = msg[0]
            if kind == "batch":
                self.timeline.setdefault("received", time.time())
                if self._stopping.is_set():
                    continue
                try:
                    self._on_batch(unpack_batch(msg[1]))
                except Exception:
                    log.exception("batch consumer failed")
            elif kind == "ready":
                self._persistent = bool(msg[1])
            elif kind == "marks":
                self.timeline.update({f"child_{k}": v for k, v in msg[1].items()})
                with contextlib.suppress(Exception):  # a figure for benchmarks, nothing more
                    import psutil

                    self.timeline["created"] = float(psutil.Process(proc.pid).create_time())
            elif kind == "failed":
                failure = str(msg[1])
                log.error("the engine process failed:\n%s", failure)
        proc.join(1.0)
        if self._stopping.is_set():
            return
        text = f"the polling engine stopped unexpectedly (exit code {proc.exitcode})"
        if failure:
            text += ": " + failure.strip().splitlines()[-1]
        log.error("%s", text)
        if self._on_failure is not None:
            try:
                self._on_failure(text)
            except Exception:
                log.exception("engine failure callback failed")

    def _send(self, *cmd: object) -> None:
        if self._stopping.is_set():
            return
        with contextlib.suppress(ValueError, OSError):  # queue closed
            self._commands.put(cmd)

    def _send_stage(self, name: str, args: tuple[Any, ...], seq: int) -> None:
        self._send("stage", name, args, seq)

    def set_targets(self, targets: Iterable[Target]) -> None:
        self._send("set_targets", list(targets))

    def add_targets(self, targets: Iterable[Target]) -> None:
        self._send("add_targets", list(targets))

    def remove_targets(self, keys: Iterable[str]) -> None:
        self._send("remove_targets", list(keys))

    def set_interval(self, seconds: float) -> None:
        self._config.interval_s = max(1.0, float(seconds))
        self._send("set_interval", self._config.interval_s)

    def poll_now(self) -> None:
        self._send("poll_now")

    def set_miner_password(self, ip: str, port: int, user: str, password: str) -> None:
        """Keep ``user``/``password`` for one miner (in the child's keyring-backed store)."""
        self._send("password", ip, port, user, password)

    def confirm_miner_identity(self, ip: str, port: int) -> None:
        """The operator trusts the new device at this address with its saved password."""
        self._send("confirm_identity", ip, port)

    def stop(self, timeout: float = 10.0) -> None:
        """Cancel the sweep under way and wait for the child to exit (terminate it if it won't)."""
        with self._lock:
            if self._stopping.is_set():
                already = True
            else:
                already = False
                self._send("stop")
                self._stopping.set()
        proc = self._proc
        if proc is not None and not already:
            proc.join(timeout)
            if proc.is_alive():
                log.warning("the engine process did not stop in %g s; terminating it", timeout)
                proc.terminate()
                proc.join(2.0)
            if proc.is_alive():
                proc.kill()
                proc.join(2.0)
        if self._reader is not None and self._reader is not threading.current_thread():
            self._reader.join(2.0)
        if not already:
            for q in (self._commands, self._results):
                q.cancel_join_thread()
                q.close()
        if isinstance(self._stage, RemoteStage):
            self._stage.attach_remote(None)

    @property
    def running(self) -> bool:
        return self._proc is not None and bool(self._proc.is_alive())
