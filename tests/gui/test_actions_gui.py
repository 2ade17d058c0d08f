"""Actions from the window: preview, confirmation, progress and report against simulated miners;
the context menu and detail pane entries; Delete asks first; web UI links carry no password."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QObject, Qt

from rig_monitor.core.actions.log import read_actions
from rig_monitor.core.actions.pacing import Pacing
from rig_monitor.core.config import AppConfig
from rig_monitor.core.drivers.control import Action
from rig_monitor.core.engine.engine import EngineConfig
from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.model import Target
from rig_monitor.gui import actions_menu
from rig_monitor.gui.actions_dialog import ActionsDialog, ActionWorker
from rig_monitor.gui.main_window import MainWindow
from rig_monitor.sim import SimFleet
from tests.core.actions.simfleet import FAST, miners
from tests.gui.fakes import FakeFleet, target_list

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")
WAIT_MS = 15_000


@pytest.fixture
def fleet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SimFleet]:
    monkeypatch.setenv("RIG_MONITOR_CONFIG_DIR", str(tmp_path))
    with miners(["antminer:S19j Pro", "cgminer", "avalon"]) as f:
        yield f


def _factory(fleet: SimFleet) -> Any:
    def make(parent: QObject) -> ActionWorker:
        return ActionWorker(
            lambda: Poller(FAST, ports=fleet.ports),  # type: ignore[attr-defined]
            Pacing(wave_gap_s=0, cooldown_s=0, miner_timeout_s=5),
            parent=parent,
        )

    return make


def test_preview_then_confirm_then_report(qtbot: Any, fleet: SimFleet) -> None:
    dlg = ActionsDialog(Action.LOCATE_ON, fleet.targets, worker_factory=_factory(fleet))
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.go_button.isEnabled(), timeout=WAIT_MS)
    assert dlg.go_button.text() == "Blink locate LED 2 miners"  # the cgminer has no LED
    assert "1 cannot" in dlg.heading.text()
    assert dlg.table.item(1, 1).text() == "no"
    assert "no locate LED" in dlg.table.item(1, 2).text()
    assert all(m.control.state.received == [] for m in fleet.miners)  # nothing sent yet

    qtbot.mouseClick(dlg.go_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.phase == "done", timeout=WAIT_MS)
    assert "2 done, 0 failed, 1 skipped" in dlg.heading.text()
    assert [dlg.table.item(i, 1).text() for i in range(3)] == ["done", "skipped", "done"]
    assert fleet.miners[0].control.state.led and fleet.miners[2].control.state.led
    assert fleet.miners[1].control.state.received == []
    logged = [r for r in read_actions() if not r["dry_run"]]
    assert sorted(r["ip"] for r in logged) == sorted([fleet.targets[0].ip, fleet.targets[2].ip])


def test_a_refusal_is_reported_per_miner(qtbot: Any, fleet: SimFleet) -> None:
    fleet.miners[1].control.state.write_access = False
    dlg = ActionsDialog(Action.RESTART, fleet.targets[1:2], worker_factory=_factory(fleet))
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.go_button.isEnabled(), timeout=WAIT_MS)
    dlg.confirm()
    qtbot.waitUntil(lambda: dlg.phase == "done", timeout=WAIT_MS)
    assert dlg.table.item(0, 1).text() == "FAILED"
    assert "Access denied to 'restart' command" in dlg.table.item(0, 2).text()
    assert "0 done, 1 failed" in dlg.heading.text()


def test_cancel_in_preview_sends_nothing(qtbot: Any, fleet: SimFleet) -> None:
    dlg = ActionsDialog(Action.REBOOT, fleet.targets, worker_factory=_factory(fleet))
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.go_button.isEnabled(), timeout=WAIT_MS)
    dlg.reject()
    assert dlg.worker.wait(5)
    assert all(m.control.state.received == [] for m in fleet.miners)


def test_web_ui_link_has_no_password() -> None:
    assert actions_menu.web_ui_url(Target("10.0.0.5", 4028)) == "http://10.0.0.5/"
    assert actions_menu.web_ui_url(Target("127.1.0.2", 4028, web_port=24080)) == (
        "http://127.1.0.2:24080/"
    )


@pytest.fixture
def window(qtbot: Any, tmp_path: Path) -> Iterator[MainWindow]:
    targets = target_list(4)
    fake = FakeFleet(targets)
    win = MainWindow(
        targets,
        config=AppConfig(targets=[str(t) for t in targets], interval_s=3600),
        poll=fake.poll,
        engine_config=EngineConfig(batch_interval_s=0.05, poll_budget_s=5.0),
        config_path=tmp_path / "config.json",
        use_tray=False,
    )
    qtbot.addWidget(win)
    win.show()
    yield win
    win.shutdown()


def _select(win: MainWindow, keys: list[str]) -> None:
    sel = win.table.selectionModel()
    for key in keys:
        src = win.model.index(win.model.row_of(key) or 0, 0)
        sel.select(
            win.proxy.mapFromSource(src),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_context_menu_and_detail_pane_offer_the_actions(window: MainWindow) -> None:
    holder = [a for a in window.table.actions() if a.text() == "Actions"]
    assert len(holder) == 1 and holder[0].menu() is not None
    names = [a.text() for a in window.actions_menu.actions() if a.text()]  # type: ignore[attr-defined]
    assert names == [
        "Blink locate LED", "Stop locate LED", "Restart mining", "Reboot", "Sleep", "Wake",
        "Set pools…", "Open web UI in the browser",
    ]  # fmt: skip
    assert set(window.detail_action_buttons) == {  # type: ignore[attr-defined]
        "locate-on", "locate-off", "restart", "reboot", "web",
    }  # fmt: skip


def test_menu_entry_opens_the_dialog_on_the_selection(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[list[Target], Action, bool]] = []

    class Recorder(ActionWorker):
        def start(self, targets: list[Target], action: Action, pools: Any, **kw: Any) -> None:
            started.append((targets, action, kw["dry_run"]))

    window.action_worker_factory = lambda parent: Recorder(parent=parent)  # type: ignore[attr-defined]
    keys = [t.key for t in window.targets[:2]]
    _select(window, keys)
    entry = next(a for a in window.actions_menu.actions() if a.text() == "Reboot")  # type: ignore[attr-defined]
    entry.trigger()
    dlg = window.action_dialog  # type: ignore[attr-defined]
    qtbot.addWidget(dlg)
    assert [t.key for t in started[0][0]] == sorted(keys) and started[0][1:] == (
        Action.REBOOT,
        True,
    )
    assert dlg.windowTitle() == "Reboot: 2 miners"
    assert not dlg.go_button.isEnabled()  # nothing can be sent before the preview is back


def test_delete_asks_before_removing(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    answer = [False]

    def ask(_parent: Any, _title: str, text: str) -> bool:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(actions_menu, "ask_yes_no", ask)
    key = window.targets[0].key
    _select(window, [key])
    window.remove_selected()
    assert "Remove 1 miner from the list?" in asked[0] and key in asked[0]
    assert key in {t.key for t in window.targets}
    answer[0] = True
    window.remove_selected()
    assert key not in {t.key for t in window.targets}


def test_detail_buttons_follow_the_firmware_of_the_miner_shown(window: MainWindow) -> None:
    from rig_monitor.core.model import MinerSnapshot
    from rig_monitor.gui.fleet import FleetRow

    buttons = window.detail_action_buttons  # type: ignore[attr-defined]
    window.detail.show_row(None)
    assert not any(b.isEnabled() for b in buttons.values())
    snap = MinerSnapshot(ip="10.0.0.9", port=4028, online=True, family="generic")
    window.detail.show_row(FleetRow.from_snapshot(snap))
    assert buttons["restart"].isEnabled() and buttons["web"].isEnabled()
    assert not buttons["locate-on"].isEnabled()
    assert "no locate LED" in buttons["locate-on"].toolTip()
    snap = MinerSnapshot(ip="10.0.0.9", port=4028, online=True, family="antminer")
    window.detail.show_row(FleetRow.from_snapshot(snap))
    assert all(b.isEnabled() for b in buttons.values())
    assert "blink.cgi" in buttons["locate-on"].toolTip()


def test_actions_from_the_window_reach_history_and_the_handover_view(
    qtbot: Any, fleet: SimFleet, tmp_path: Path
) -> None:
    from rig_monitor.core.history import HistoryReader, operator_name
    from rig_monitor.gui.history_handover import HandoverView
    from rig_monitor.gui.history_link import HistoryLink

    link = HistoryLink(tmp_path / "h.db")
    link.start()
    try:
        assert link.recorder.wait_ready()
        handover = HandoverView(link)
        qtbot.addWidget(handover)
        handover.show()
        dlg = ActionsDialog(Action.LOCATE_ON, fleet.targets, worker_factory=_factory(fleet))
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.waitUntil(lambda: dlg.go_button.isEnabled(), timeout=WAIT_MS)
        with qtbot.waitSignal(link.recorded, timeout=WAIT_MS):  # the preview was not recorded
            qtbot.mouseClick(dlg.go_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dlg.phase == "done", timeout=WAIT_MS)
        assert link.recorder.flush()
        with HistoryReader(tmp_path / "h.db") as r:
            events = r.events(None, 0, None, kinds=["action"])
        assert len(events) == 2  # the two miners with a LED; the skipped one was never sent
        assert all((e.detail or "").startswith("locate-on: done") for e in events)
        assert {e.operator for e in events} == {operator_name()}
        # the handover view reloads on link.recorded: the actions show under their own heading
        qtbot.waitUntil(
            lambda: any(
                handover.tree.topLevelItem(i).text(0) == "Actions (2)"
                for i in range(handover.tree.topLevelItemCount())
            ),
            timeout=WAIT_MS,
        )
    finally:
        link.close()
