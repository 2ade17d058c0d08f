"""The window's menus and keyboard shortcuts, the About dialog and the demo launcher.

Kept out of main_window.py so the window file stays about the fleet; everything here calls the
window's public methods.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

import rig_monitor
from rig_monitor.gui.i18n import t

if TYPE_CHECKING:
    from rig_monitor.gui.main_window import MainWindow

# (what, keys) for the shortcuts dialog; the actions below carry the same keys.
SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Find / filter the fleet", "Ctrl+F"),
    ("Poll now", "F5"),
    ("Scan my network", "Ctrl+Shift+N"),
    ("Show or hide the details pane", "F9"),
    ("Compact mode (small screens)", "Ctrl+Shift+M"),
    ("Export the table as CSV", "Ctrl+E"),
    ("Fleet tab / Faults tab", "Ctrl+1 / Ctrl+2"),
    ("Remove selected miners", "Delete"),
    ("Keyboard shortcuts", "F1"),
    ("Quit", "Ctrl+Q"),
)

LICENCES = (
    ("Rig Monitor", "MIT"),
    ("Qt 6 / PySide6", "LGPL-3.0 (Qt), LGPL-3.0 (PySide6)"),
    ("httpx", "BSD-3-Clause"),
    ("keyring", "MIT"),
    ("platformdirs", "MIT"),
    ("psutil", "BSD-3-Clause"),
)

Launcher = Callable[[Sequence[str]], object]


def demo_command() -> list[str]:
    """How "Open the demo" starts the simulated fleet: this Python, in its own process/window."""
    return [sys.executable, "-m", "rig_monitor", "demo"]


def launch_detached(argv: Sequence[str]) -> object:
    return subprocess.Popen(list(argv), start_new_session=True)


def about_text() -> str:
    # rig_monitor.__version__ read here, not imported at the top: it loads importlib.metadata and
    # the email package (~40-50 ms of the window's start-up) for the About box alone
    rows = "".join(f"<tr><td>{name}</td><td>&nbsp;{lic}</td></tr>" for name, lic in LICENCES)
    what = t(
        "Desktop operations monitor for Bitcoin ASIC miners: live hashrate, temperatures, "
        "fans, power and pools; faults with likely causes and remedies."
    )
    return (
        f"<h3>Rig Monitor {rig_monitor.__version__}</h3>"
        f"<p>{what}</p>"
        f"<p>Qt {qVersion()}, PySide6 {pyside_version}, Python {sys.version.split()[0]}</p>"
        f"<p><b>{t('Licences')}</b></p><table>{rows}</table>"
    )


def shortcuts_text() -> str:
    rows = "".join(f"<tr><td><b>{k}</b></td><td>&nbsp;&nbsp;{t(w)}</td></tr>" for w, k in SHORTCUTS)
    return f"<table>{rows}</table>"


def _action(parent: QWidget, text: str, slot: Callable[[], object], keys: str = "") -> QAction:
    action = QAction(text, parent)
    if keys:
        action.setShortcut(QKeySequence(keys))
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_menus(win: MainWindow) -> dict[str, QAction]:
    """File, View and Help menus; returns the actions by name (tests, toolbars)."""
    bar = win.menuBar()
    acts: dict[str, QAction] = {}
    file_menu = bar.addMenu("&File")
    acts["scan"] = _action(win, "Scan my network…", win.open_scan_dialog, "Ctrl+Shift+N")
    acts["export"] = _action(win, "Export table as CSV…", win.export_csv_dialog, "Ctrl+E")
    acts["quit"] = _action(win, "Quit", win.quit, "Ctrl+Q")
    file_menu.addAction(acts["scan"])
    file_menu.addAction(acts["export"])
    file_menu.addSeparator()
    file_menu.addAction(acts["quit"])

    view = bar.addMenu("&View")
    acts["find"] = _action(win, "Find…", win.focus_filter, "Ctrl+F")
    acts["poll"] = _action(win, "Poll now", win.poll_now, "F5")
    acts["fleet"] = _action(win, "Fleet", lambda: win.tabs.setCurrentIndex(0), "Ctrl+1")
    acts["faults"] = _action(win, "Faults", lambda: win.tabs.setCurrentIndex(1), "Ctrl+2")
    details = win.detail_dock.toggleViewAction()
    details.setText("Details pane")
    details.setShortcut(QKeySequence("F9"))
    acts["details"] = details
    compact = QAction("Compact mode", win)
    compact.setCheckable(True)
    compact.setShortcut(QKeySequence("Ctrl+Shift+M"))
    compact.toggled.connect(win.set_compact)
    acts["compact"] = compact
    acts["fit"] = _action(win, "Fit columns to contents", win.fit_columns)
    acts["reset"] = _action(win, "Reset columns", win.reset_columns)
    for name in ("find", "poll", "fleet", "faults"):
        view.addAction(acts[name])
    view.addSeparator()
    for name in ("details", "compact", "fit", "reset"):
        view.addAction(acts[name])
    theme_menu = view.addMenu("Theme")
    group = QActionGroup(win)
    for name, label in (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")):
        action = QAction(label, win)
        action.setCheckable(True)
        action.setChecked(name == "system")
        action.triggered.connect(lambda _on=False, n=name: win.set_theme(n))
        group.addAction(action)
        theme_menu.addAction(action)
        acts[f"theme_{name}"] = action

    language_menu = view.addMenu("Language")
    lang_group = QActionGroup(win)
    for code, label in (
        ("system", "Follow the system"),
        ("en", "English"),
        ("zh_CN", "中文"),
        ("ru", "Русский"),
    ):
        action = QAction(label, win)
        action.setCheckable(True)
        action.setChecked(code == "system")
        action.triggered.connect(lambda _on=False, c=code: win.set_language(c))
        lang_group.addAction(action)
        language_menu.addAction(action)
        acts[f"lang_{code}"] = action

    help_menu = bar.addMenu("&Help")
    acts["shortcuts"] = _action(
        win,
        "Keyboard shortcuts",
        lambda: QMessageBox.information(win, t("Keyboard shortcuts"), shortcuts_text()),
        "F1",
    )
    acts["about"] = _action(
        win,
        "About Rig Monitor",
        lambda: QMessageBox.about(win, t("About Rig Monitor"), about_text()),
    )
    help_menu.addAction(acts["shortcuts"])
    help_menu.addAction(acts["about"])
    for action in acts.values():
        win.addAction(action)  # shortcuts work with the menu bar hidden too
    return acts
