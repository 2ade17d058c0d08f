"""Saved views: a named filter (text, quick filters, "problems only") the operator returns to
("night shift: status:problem site:north"). Kept in memory and written with the window's layout
when it closes (QSettings), so saving one costs no disk I/O on the GUI thread."""

from __future__ import annotations

import functools
import json
from dataclasses import asdict, dataclass, field

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog, QMenu, QToolButton, QWidget

from rig_monitor.gui.filter_bar import QUICK_FILTERS, FilterBar
from rig_monitor.gui.i18n import t

KEY = "views/saved"


@dataclass(slots=True)
class View:
    text: str = ""
    quick: list[str] = field(default_factory=list)  # labels of the checked quick filters
    problems: bool = False


def capture(bar: FilterBar) -> View:
    quick = [label for label, *_ in QUICK_FILTERS if bar.quick[label].isChecked()]
    return View(bar.edit.text(), quick, bar.problems_check.isChecked())


def apply(bar: FilterBar, view: View) -> None:
    bar.blockSignals(True)
    bar.edit.setText(view.text)
    for label, button in bar.quick.items():
        button.setChecked(label in view.quick)
    bar.problems_check.setChecked(view.problems)
    bar.blockSignals(False)
    bar.changed.emit()


def load(settings: QSettings | None) -> dict[str, View]:
    raw = settings.value(KEY) if settings is not None else None
    if not isinstance(raw, str):
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    out: dict[str, View] = {}
    if isinstance(data, dict):
        for name, v in data.items():
            if isinstance(name, str) and isinstance(v, dict):
                out[name] = View(
                    str(v.get("text", "")),
                    [str(q) for q in v.get("quick", []) if isinstance(q, str)],
                    bool(v.get("problems", False)),
                )
    return out


def store(settings: QSettings | None, views: dict[str, View]) -> None:
    if settings is not None:
        settings.setValue(KEY, json.dumps({k: asdict(v) for k, v in views.items()}))


class ViewsButton(QToolButton):
    """ "Views ▾": save the current filter under a name, apply or delete saved ones."""

    def __init__(self, bar: FilterBar, views: dict[str, View], parent: QWidget | None = None):
        super().__init__(parent)
        self.bar = bar
        self.views = views
        self.setText("Views")
        self.setToolTip(t("Save the current filter as a named view, or go back to a saved one"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._fill)
        self._fill()

    def save_as(self, name: str) -> None:
        self.views[name.strip()] = capture(self.bar)

    def show_view(self, name: str) -> bool:
        view = self.views.get(name)
        if view is None:
            return False
        apply(self.bar, view)
        return True

    def _ask_save(self) -> None:
        name, ok = QInputDialog.getText(self, t("Save view"), t("Name of this view:"))
        if ok and name.strip():
            self.save_as(name)

    def _fill(self) -> None:
        menu = self.menu()
        menu.clear()
        menu.addAction(t("Save current view…"), self._ask_save)
        if self.views:
            menu.addSeparator()
            for name in sorted(self.views, key=str.lower):
                menu.addAction(name, functools.partial(self.show_view, name))
            delete = menu.addMenu(t("Delete view"))
            for name in sorted(self.views, key=str.lower):
                delete.addAction(name, functools.partial(self.views.pop, name, None))
