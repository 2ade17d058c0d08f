"""The scan dialog on a small simulated fleet (offscreen): progress, live list, report, add, save."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from rig_monitor.core.engine.discovery import ScanOptions
from rig_monitor.core.model import Ports, Target
from rig_monitor.core.netinfo import Suggestion
from rig_monitor.gui.scan_dialog import ScanDialog
from rig_monitor.sim import SimFleet, SimFleetThread
from tests.core.engine.test_engine_scale import free_ports


@pytest.fixture
def fleet() -> Iterator[tuple[SimFleetThread, int, int]]:
    base = "127.86.0.1"
    port, web = free_ports(base)
    sim = SimFleet.build(base=base, count=8, port=port, web_port=web, seed=4)
    thread = SimFleetThread(sim)
    thread.start()
    yield thread, port, web
    thread.stop()


def _dialog(qtbot: QtBot, web: int, text: str, **kw: object) -> ScanDialog:
    dialog = ScanDialog(
        suggest=lambda: [
            Suggestion(ipaddress.IPv4Network(text.split(":")[0]), "eth0", "127.86.0.200")
        ],
        options=ScanOptions(ports=Ports(web=web), connect_timeout_s=0.5, max_concurrency=32),
        **kw,  # type: ignore[arg-type]
    )
    qtbot.addWidget(dialog)
    dialog.targets_edit.setText(text)
    return dialog


def test_scan_shows_miners_then_a_report_and_adds_them(
    qtbot: QtBot, fleet: tuple[SimFleetThread, int, int]
) -> None:
    thread, port, web = fleet
    thread.inject(thread.fleet.miners[2].ip, "bad_password")
    dialog = _dialog(qtbot, web, f"127.86.0.0/28:{port}")
    assert dialog.hint.text().startswith("Suggested")
    added: list[list[Target]] = []
    sites: list[tuple[str, list[str]]] = []
    dialog.add_requested.connect(added.append)
    dialog.site_saved.connect(lambda name, items: sites.append((name, items)))
    dialog._ask_name = lambda _parent: "Qingdao-2"

    dialog.start_scan()
    assert dialog.running and not dialog.start_button.isEnabled()
    assert dialog.progress.maximum() == 14
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)

    assert dialog.progress.value() == 14
    assert dialog.found_list.count() == 8  # found + auth failed, listed while scanning
    assert dialog.report is not None
    text = dialog.report_label.text()
    assert text.startswith("7 miners found")
    assert "1 auth failed: set the password" in text
    assert "6 addresses with no miner (6 closed, 0 no answer)" in text

    dialog.add_button.click()
    assert len(added) == 1
    assert {t.ip for t in added[0]} == {m.ip for m in thread.fleet.miners}
    dialog.save_button.click()
    assert sites == [("Qingdao-2", [f"127.86.0.0/28:{port}"])]
    assert len(added) == 2


def test_public_ranges_need_confirmation(qtbot: QtBot) -> None:
    asked: list[str] = []

    def refuse(_parent: object, text: str) -> bool:
        asked.append(text)
        return False

    dialog = _dialog(qtbot, 24080, "8.8.8.0/30", confirm=refuse)
    dialog.start_scan()
    assert len(asked) == 1 and "public internet" in asked[0]
    assert not dialog.running
    assert dialog.progress.value() == 0


def test_bad_text_is_explained_not_scanned(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, 24080, "10.0.0.0/8x")
    dialog.start_scan()
    assert not dialog.running
    assert not dialog.error_label.isHidden()
    assert "10.0.0.0/8x" in dialog.error_label.text()


def test_stopping_a_scan_reports_what_was_settled(
    qtbot: QtBot, fleet: tuple[SimFleetThread, int, int]
) -> None:
    _thread, port, web = fleet
    dialog = _dialog(qtbot, web, f"127.86.0.0/22:{port}")
    dialog.start_scan()
    dialog.stop_scan()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert dialog.start_button.isEnabled()
    assert dialog.report is not None
    assert len(dialog.report.results) <= 1022


def test_blank_or_padded_site_names_are_refused_with_a_message(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, 24080, "127.86.0.0/30")
    sites: list[str] = []
    dialog.site_saved.connect(lambda name, _items: sites.append(name))
    for name in ("   ", " rack-a"):
        dialog._ask_name = lambda _parent, n=name: n
        dialog.save_as_site()
        assert not dialog.error_label.isHidden() and "Not saved" in dialog.error_label.text()
    assert sites == []
    dialog._ask_name = lambda _parent: "rack-a"
    dialog.save_as_site()
    assert sites == ["rack-a"]


def test_address_files_are_read_off_the_gui_thread_with_limits(
    qtbot: QtBot, tmp_path: Path
) -> None:
    import threading as th

    from rig_monitor.core import targets as targets_mod

    readers: list[str] = []
    real = targets_mod.read_target_file

    def spy(path: Path, token: str | None = None) -> str:
        readers.append(th.current_thread().name)
        return real(path, token)

    binary = tmp_path / "rack.bin"
    binary.write_bytes(b"\x00\x01\x02")
    dialog = _dialog(qtbot, 24080, "127.86.0.0/30")
    targets_mod.read_target_file = spy  # type: ignore[assignment]
    try:
        dialog.targets_edit.setText(f"@{binary}")
        dialog.start_scan()
        qtbot.waitUntil(lambda: not dialog.error_label.isHidden(), timeout=10_000)
        assert "binary" in dialog.error_label.text()
        dialog.targets_edit.setText("@/dev/zero")
        dialog.start_scan()
        qtbot.waitUntil(lambda: "not a regular file" in dialog.error_label.text(), timeout=10_000)
    finally:
        targets_mod.read_target_file = real  # type: ignore[assignment]
    assert readers and th.main_thread().name not in readers
    assert not dialog.running and dialog.start_button.isEnabled()


def test_stopping_during_identification_leaves_no_task_behind(
    qtbot: QtBot, fleet: tuple[SimFleetThread, int, int]
) -> None:
    """A task left on the scan's closed loop failed later, wherever the garbage collector ran
    ("Event loop is closed", seen in CI in another test)."""
    thread, port, web = fleet
    hung = thread.fleet.miners[0].ip
    thread.inject(hung, "hung")  # accepts the connection, never answers: identification waits
    dialog = _dialog(qtbot, web, f"127.86.0.0/28:{port}")
    dialog.start_scan()
    worker = dialog._worker
    assert worker is not None
    qtbot.wait(500)  # the others settle in ~0.1 s; the hung one's identification waits 3 s
    assert dialog.running
    dialog.stop_scan()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert worker.wait(10)
    assert worker._loop is not None and worker._loop.is_closed()
    assert not asyncio.all_tasks(worker._loop)
    assert dialog.report is not None
    assert hung not in {r.target.ip for r in dialog.report.results}  # stopped, not settled
