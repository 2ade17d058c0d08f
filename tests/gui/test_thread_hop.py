"""Worker threads' signals are emitted on the GUI thread (gui/thread_hop.py).

The crash this guards against: CI, 2026-12-03, ``tests/gui/test_actions_gui.py`` died with SIGSEGV
inside pytest-qt's ``_quit_loop_by_signal``. The history writer thread had emitted
``HistoryLink.recorded`` twice; the first queued call ended the wait and disconnected the blocker,
and PySide6 6.11.3 still delivered the second one to the freed blocker (``self`` was some other
object: ``AttributeError: 'Thread' object has no attribute 'check_params_callback'`` when it did
not crash). :func:`test_waits_on_worker_signals_survive_a_second_emission` is that sequence:
with a direct ``signal.emit`` from the worker it failed 3 runs of 7 here; with the hop, 0 of 17.
"""

from __future__ import annotations

import ast
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal

from rig_monitor.gui import thread_hop
from rig_monitor.gui.bridge import EngineBridge
from rig_monitor.gui.history_link import HistoryLink
from rig_monitor.gui.thread_hop import emit_on_gui

WAIT_MS = 10_000
GUI = Path(thread_hop.__file__).parent


class _Source(QObject):
    fired = Signal(int, object)
    bare = Signal()


def _probe(signal: Any) -> list[tuple[int, tuple[Any, ...]]]:
    """(thread id, args) of every emission, recorded in the emitting thread itself."""
    seen: list[tuple[int, tuple[Any, ...]]] = []
    signal.connect(
        lambda *args: seen.append((threading.get_ident(), args)),
        Qt.ConnectionType.DirectConnection,
    )
    return seen


def _in_thread(fn: Any) -> None:
    worker = threading.Thread(target=fn)
    worker.start()
    worker.join(5)
    assert not worker.is_alive()


def test_a_worker_emission_arrives_on_the_gui_thread_with_its_arguments(qtbot: Any) -> None:
    src = _Source()
    seen = _probe(src.fired)
    payload = {"miners": [1, 2]}
    _in_thread(lambda: emit_on_gui(src.fired, 7, payload))
    assert seen == []  # queued: nothing ran on the worker
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=WAIT_MS)
    ident, args = seen[0]
    assert ident == threading.main_thread().ident
    assert args[0] == 7 and args[1] is payload


def test_on_the_gui_thread_it_emits_at_once(qtbot: Any) -> None:
    src = _Source()
    seen = _probe(src.bare)
    emit_on_gui(src.bare)
    assert seen == [(threading.main_thread().ident, ())]


def test_a_source_deleted_before_delivery_is_dropped_quietly(qtbot: Any) -> None:
    src = _Source()
    seen = _probe(src.fired)
    signal = src.fired
    _in_thread(lambda: emit_on_gui(signal, 1, None))
    src.deleteLater()  # the window closed while the worker's result was on its way
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # deleted first
    QCoreApplication.processEvents()  # pytest-qt fails the test if the slot raises
    QCoreApplication.processEvents()
    assert seen == []


def test_the_carrier_made_on_a_worker_lives_on_the_gui_thread(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(thread_hop, "_HOP", None)
    made: list[thread_hop._Hop] = []
    _in_thread(lambda: made.append(thread_hop._hop()))
    assert made[0].thread().isCurrentThread()  # this test runs on the GUI thread
    src = _Source()
    seen = _probe(src.bare)
    _in_thread(lambda: emit_on_gui(src.bare))
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=WAIT_MS)
    assert seen[0][0] == threading.main_thread().ident


def test_waits_on_worker_signals_survive_a_second_emission(qtbot: Any) -> None:
    src = _Source()
    for i in range(2000):

        def work(i: int = i) -> None:
            time.sleep(0.0002)
            emit_on_gui(src.fired, i, None)
            emit_on_gui(src.fired, i, None)  # arrives after the wait ended and disconnected

        worker = threading.Thread(target=work)
        with qtbot.waitSignal(src.fired, timeout=WAIT_MS) as blocker:
            worker.start()
        assert blocker.signal_triggered and blocker.args[0] <= i  # maybe the last round's second
        worker.join()


# -- the product's own worker signals ----------------------------------------------------------


@pytest.fixture
def link(tmp_path: Path) -> Iterator[HistoryLink]:
    lk = HistoryLink(tmp_path / "h.db")
    lk.start()
    assert lk.recorder.wait_ready()
    yield lk
    lk.close()


def test_history_signals_from_the_writer_thread_arrive_on_the_gui_thread(
    qtbot: Any, link: HistoryLink
) -> None:
    recorded, problem = _probe(link.recorded), _probe(link.problem)
    link.add_note("127.0.0.1:4028", "fan 2 replaced")  # emitted by the writer once written
    link._recorded_on_gui()  # what ActionHistory calls on the writer thread
    _in_thread(lambda: link._on_problem("disk full"))
    qtbot.waitUntil(lambda: len(recorded) == 2 and len(problem) == 1, timeout=WAIT_MS)
    gui = threading.main_thread().ident
    assert {ident for ident, _ in recorded + problem} == {gui}
    assert problem[0][1] == ("disk full",)


def test_engine_batches_from_the_reader_thread_arrive_on_the_gui_thread(qtbot: Any) -> None:
    bridge = EngineBridge()
    batches, failures = _probe(bridge.batch_ready), _probe(bridge.engine_failed)
    marker = object()
    _in_thread(lambda: (bridge.on_batch(marker), bridge.on_engine_failed("child died")))  # type: ignore[arg-type, func-returns-value]
    qtbot.waitUntil(lambda: len(batches) == 1 and len(failures) == 1, timeout=WAIT_MS)
    assert batches[0] == (threading.main_thread().ident, (marker,))
    assert failures[0][0] == threading.main_thread().ident


# -- a guard on the source: no worker job emits a signal itself ---------------------------------


def _direct_emits_in_worker_code(source: str) -> list[int]:
    """Lines where worker code calls ``.emit(``. Worker code: a def nested in another def (a job
    for a thread or pool), a method handed over as ``target=`` or ``on_…=``, ``run`` of a QRunnable or QThread, a lambda. A lambda
    handed to ``.connect`` runs where its (GUI) signal is emitted: not worker code."""
    tree = ast.parse(source)
    handed_over: set[str] = set()
    connected: set[int] = set()
    runs: set[int] = set()  # run() of a QRunnable or QThread
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.keyword)
            and (node.arg == "target" or (node.arg or "").startswith("on_"))
            and isinstance(node.value, ast.Attribute)
        ):
            handed_over.add(node.value.attr)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "connect"
        ):
            connected.update(id(arg) for arg in node.args if isinstance(arg, ast.Lambda))
        if isinstance(node, ast.ClassDef) and any(
            isinstance(base, ast.Name) and base.id in ("QRunnable", "QThread")
            for base in node.bases
        ):
            runs.update(
                id(f) for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "run"
            )
    lines: list[int] = []

    def walk(node: ast.AST, in_def: bool, worker: bool) -> None:
        for child in ast.iter_child_nodes(node):
            child_in_def, child_worker = in_def, worker
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                child_in_def = True
                child_worker = worker or in_def or child.name in handed_over or id(child) in runs
            elif isinstance(child, ast.Lambda):
                child_worker = worker or id(child) not in connected
            elif (
                worker
                and isinstance(child, ast.Call)
                and isinstance(child.func, ast.Attribute)
                and child.func.attr == "emit"
            ):
                lines.append(child.lineno)
            walk(child, child_in_def, child_worker)

    walk(tree, False, False)
    return sorted(lines)


def test_the_guard_finds_a_direct_emit_in_a_worker_job() -> None:
    bad = (
        "class A:\n"
        "    def go(self):\n"
        "        def job():\n"
        "            self.done.emit(1)\n"
        "        run(job)\n"
        "        threading.Thread(target=self._read).start()\n"
        "        self.x.connect(lambda: self.changed.emit())\n"
        "    def _read(self):\n"
        "        self.loaded.emit(2)\n"
        "class Q(QRunnable):\n"
        "    def run(self):\n"
        "        self.carrier.done.emit(3)\n"
    )
    assert _direct_emits_in_worker_code(bad) == [4, 9, 12]


def test_no_worker_code_in_the_gui_emits_a_signal_itself() -> None:
    found = {
        f"{path.name}:{line}"
        for path in sorted(GUI.glob("*.py"))
        for line in _direct_emits_in_worker_code(path.read_text(encoding="utf-8"))
    }
    assert found == set(), "use thread_hop.emit_on_gui from worker threads"
