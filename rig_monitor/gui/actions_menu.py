"""Where the actions live in the window: the fleet's context menu, the detail pane's buttons, and
the question Delete asks before removing miners. Kept out of main_window.py (one call wires it).

The window builds the menu and buttons before it shows, but the drivers (their controllers, the
action dialog's runner and poller, httpx) load only when an action is started or a miner's
buttons are worked out: importing them cost the window ~0.3-0.5 s of CPU at every launch, on the
cores the engine child and the first rows need (docs/performance.md, "The window's share").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QMenu, QMessageBox, QPushButton, QVBoxLayout, QWidget

from rig_monitor.core.actions.kinds import Action
from rig_monitor.core.model import Target
from rig_monitor.gui.fleet import FleetRow
from rig_monitor.gui.i18n import t as _t
from rig_monitor.gui.i18n import tn

if TYPE_CHECKING:
    from rig_monitor.core.drivers.control import PoolSpec
    from rig_monitor.gui.actions_dialog import ActionsDialog, ActionWorker
    from rig_monitor.gui.main_window import MainWindow

LABELS = {
    Action.REBOOT: "Reboot",
    Action.RESTART: "Restart mining",
    Action.LOCATE_ON: "Blink locate LED",
    Action.LOCATE_OFF: "Stop locate LED",
    Action.SLEEP: "Sleep",
    Action.WAKE: "Wake",
    Action.POOLS: "Set pools",
}

MENU_ORDER = (
    Action.LOCATE_ON,
    Action.LOCATE_OFF,
    Action.RESTART,
    Action.REBOOT,
    Action.SLEEP,
    Action.WAKE,
    Action.POOLS,
)
PANE_ACTIONS = (Action.LOCATE_ON, Action.LOCATE_OFF, Action.RESTART, Action.REBOOT)
OPEN_WEB_MAX = 5  # browser tabs opened at once from one selection


def ask_yes_no(parent: QWidget, title: str, text: str) -> bool:
    """A modal yes/no (tests replace this function)."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def confirm_remove(window: MainWindow, keys: list[str]) -> bool:
    if not keys:
        return False
    names = ", ".join(keys[:10])
    if len(keys) > 10:
        names += " " + tn("and %n more", len(keys) - 10)
    return ask_yes_no(
        window,
        _t("Remove miners"),
        tn("Remove %n miners from the list?", len(keys))
        + f"\n\n{names}\n\n"
        + _t("They are no longer polled; their passwords stay in the keyring."),
    )


def web_ui_url(t: Target) -> str:
    """The miner's web page. Never with a password in it: the browser asks, as it should."""
    from rig_monitor.core.wire.http import base_url

    return base_url(t.ip, t.web_port or 80) + "/"


def open_web_ui(window: MainWindow, keys: list[str]) -> None:
    targets = [window._targets[k] for k in keys if k in window._targets][:OPEN_WEB_MAX]
    for t in targets:
        QDesktopServices.openUrl(QUrl(web_ui_url(t)))
    if len(keys) > OPEN_WEB_MAX:
        window.statusBar().showMessage(tn("Opened the first %n web pages", OPEN_WEB_MAX), 5000)


def start_action(window: MainWindow, action: Action, keys: list[str]) -> ActionsDialog | None:
    """Open the preview/confirm/progress dialog for ``action`` on the miners ``keys``."""
    from rig_monitor.gui.actions_dialog import ActionsDialog, ActionWorker, PoolsDialog

    keys = [k for k in keys if k in window._targets]
    if not keys:
        window.statusBar().showMessage(_t("Select the miners first"), 4000)
        return None
    pools: tuple[PoolSpec, ...] = ()
    if action is Action.POOLS:
        ask = PoolsDialog(len(keys), window)
        if not ask.exec():
            return None
        pools = ask.pools
    stage = window.fault_stage

    def expect(rebooted: list[str], within_s: float) -> None:
        if stage is not None:
            stage.expect_reboot(rebooted, within_s)

    def factory(parent: QObject) -> ActionWorker:
        return ActionWorker(parent=parent, on_expect_reboot=expect)

    dialog = ActionsDialog(
        action,
        [window._targets[k] for k in keys],
        pools=pools,
        allowed=set(window._targets),
        worker_factory=getattr(window, "action_worker_factory", None) or factory,
        parent=window,
    )
    dialog.setModal(False)
    dialog.show()
    window.action_dialog = dialog  # type: ignore[attr-defined]
    return dialog


def install_actions(window: MainWindow) -> None:
    """The Actions submenu on the fleet table, and buttons under the detail pane's title."""
    menu = QMenu(_t("Actions on selected miners"), window.table)
    for action in MENU_ORDER:
        qa = menu.addAction(_t(LABELS[action] + ("…" if action is Action.POOLS else "")))
        qa.triggered.connect(
            lambda _=False, a=action: start_action(window, a, window.selected_keys())
        )
    menu.addSeparator()
    web = menu.addAction(_t("Open web UI in the browser"))
    web.triggered.connect(lambda: open_web_ui(window, window.selected_keys()))
    holder = QAction("Actions", window.table)
    holder.setMenu(menu)
    window.table.addAction(holder)
    window.actions_menu = menu  # type: ignore[attr-defined]

    bar = QWidget()
    row = QHBoxLayout(bar)
    row.setContentsMargins(0, 0, 0, 0)
    buttons: dict[str, QPushButton] = {}
    for action in PANE_ACTIONS:
        b = QPushButton(LABELS[action])
        b.clicked.connect(
            lambda _=False, a=action: start_action(window, a, [window.detail.key or ""])
        )
        row.addWidget(b)
        buttons[action.value] = b
    b = QPushButton("Open web UI")
    b.clicked.connect(lambda: open_web_ui(window, [window.detail.key or ""]))
    row.addWidget(b)
    buttons["web"] = b
    row.addStretch(1)
    layout = window.detail.layout()
    if isinstance(layout, QVBoxLayout):
        layout.insertWidget(1, bar)  # under the title
    window.detail_action_buttons = buttons  # type: ignore[attr-defined]

    # The buttons follow the miner shown: what its firmware cannot do is greyed out, with why.
    shown = window.detail.show_row

    def show_row(row: FleetRow | None) -> None:
        shown(row)
        update_pane_buttons(buttons, row)

    window.detail.show_row = show_row  # type: ignore[method-assign]
    update_pane_buttons(buttons, None)


def update_pane_buttons(buttons: dict[str, QPushButton], row: FleetRow | None) -> None:
    ident = row.identity if row is not None else None
    ctl = None
    if ident is not None and ident.family:
        from rig_monitor.core.drivers.control import controller_for

        ctl = controller_for(ident.family)
    for name, b in buttons.items():
        if row is None:
            b.setEnabled(False)
            continue
        if name == "web" or ctl is None:  # not identified yet: the dialog will find out
            b.setEnabled(True)
            b.setToolTip("")
            continue
        action = Action(name)
        b.setEnabled(ctl.supports(action))
        b.setToolTip(ctl.reason(action) or _t("sends: {plan}").format(plan=ctl.plan(action)))
