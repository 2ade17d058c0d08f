"""Fault settings: the language of fault texts, and detection thresholds by scope.

Thresholds are shown with their defaults from the catalogue; the operator edits values for all
miners, for one model, or for one miner. Only values the operator changed are kept (a value
equal to the default shown is no change), and the result is saved to ``thresholds.json`` by the
window, off the GUI thread.
"""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rig_monitor.core.faults import Catalogue, ThresholdOverrides
from rig_monitor.core.faults.thresholds import check_param
from rig_monitor.gui.fault_models import DIM
from rig_monitor.gui.i18n import t, tn
from rig_monitor.gui.i18n_strings import PARAMETERS

AnyIndex = QModelIndex | QPersistentModelIndex

LANGUAGES = {"en": "English", "zh": "中文 (Chinese)", "ru": "Русский (Russian)"}


def system_language() -> str:
    """The system locale's language when the catalogue has it, else English."""
    code = QLocale.system().name().replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else "en"


def effective_language(setting: str | None) -> str:
    """The language to load fault texts in: the setting, or the system's."""
    if setting:
        code = setting.replace("-", "_").split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return system_language()


def number_text(value: float) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:g}"


class Scope(enum.Enum):
    GLOBAL = "All miners"
    MODEL = "One model"
    MINER = "One miner"


class TCol(enum.IntEnum):
    FAULT = 0
    PARAM = enum.auto()
    DEFAULT = enum.auto()
    VALUE = enum.auto()


T_HEADERS = ("Fault", "Parameter", "Default", "Your value")


class ThresholdsModel(QAbstractTableModel):
    """Every numeric catalogue parameter; the Value column edits one scope's overrides."""

    # A value refused (not a number, or outside what check_param accepts): the reason, shown.
    value_rejected = Signal(str)

    def __init__(self, catalogue: Catalogue, parent: Any = None) -> None:
        super().__init__(parent)
        self._cat = catalogue
        self._rows: list[tuple[str, str, float]] = [
            (fid, name, float(value))
            for fid in catalogue.ids
            for name, value in catalogue.params(fid).items()
            if isinstance(value, int | float) and not isinstance(value, bool)
        ]
        self._layer: dict[str, float] = {}
        self._inherited: dict[str, float] = {}

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TCol)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(TCol)
        ):
            return t(T_HEADERS[section])
        return None

    def key_at(self, row: int) -> str:
        fid, name, _ = self._rows[row]
        return f"{fid}.{name}"

    def row_of(self, key: str) -> int | None:
        for i, (fid, name, _) in enumerate(self._rows):
            if f"{fid}.{name}" == key:
                return i
        return None

    def default(self, row: int) -> float:
        key = self.key_at(row)
        return self._inherited.get(key, self._rows[row][2])

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == TCol.VALUE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        fid, name, _ = self._rows[index.row()]
        col = TCol(index.column())
        key = f"{fid}.{name}"
        value = self._layer.get(key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col is TCol.FAULT:
                return self._cat.title(fid)
            if col is TCol.PARAM:
                label = PARAMETERS.get(name)
                return t("{label} ({name})").format(label=t(label), name=name) if label else name
            if col is TCol.DEFAULT:
                return number_text(self.default(index.row()))
            if value is None:
                return ""
            return number_text(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            spec = self._cat.get(fid)
            return f"{fid}.{name}\n{spec.summary}" if spec.summary else f"{fid}.{name}"
        if role == Qt.ItemDataRole.FontRole and col is TCol.VALUE and value is not None:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ForegroundRole and col is TCol.DEFAULT:
            return QBrush(DIM)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (TCol.DEFAULT, TCol.VALUE):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != TCol.VALUE:
            return False
        key = self.key_at(index.row())
        text = str(value if value is not None else "").strip().replace(",", ".")
        if not text:
            self._layer.pop(key, None)
        else:
            fid, name = key.split(".", 1)
            try:
                number = check_param(fid, name, float(text))
            except ValueError as exc:
                shown = (
                    str(exc)
                    if "=" in str(exc)
                    else t("{key}: {value} is not a number").format(key=key, value=repr(text))
                )
                self.value_rejected.emit(t("Not changed: {reason}").format(reason=shown))
                return False
            if number == self.default(index.row()):
                self._layer.pop(key, None)  # the default is no change
            else:
                self._layer[key] = number
        self.dataChanged.emit(index, index)
        return True

    def set_layer(self, layer: dict[str, float], inherited: dict[str, float]) -> None:
        """Show and edit ``layer`` (edited in place); ``inherited`` replaces catalogue defaults."""
        self._layer = layer
        self._inherited = inherited
        if self._rows:
            self.dataChanged.emit(
                self.index(0, TCol.DEFAULT), self.index(len(self._rows) - 1, TCol.VALUE)
            )


class _Filter(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.changed_only = False

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        src = self.sourceModel()
        assert isinstance(src, ThresholdsModel)
        if not self._text:
            return True
        hay = " ".join(str(src.index(source_row, c).data() or "") for c in (TCol.FAULT, TCol.PARAM))
        return self._text in (hay + " " + src.key_at(source_row)).lower()


SCOPED_NOTE = (
    "Defaults shown include your values for all miners. Model names match what "
    'the miner reports ("Antminer S19j Pro" or "S19j Pro"); a miner is an address '
    "(or address:port). Leave a value empty to inherit it."
)
GLOBAL_NOTE = (
    "Only the values you change are saved; leave a value empty to use the default. "
    "<b>A value set for all miners beats the model database for every model</b> — e.g. a "
    "global chip temperature limit replaces the S21's and the S19's own limits. Set temperature "
    "limits per model where you can. More specific wins: one miner &gt; one model &gt; all miners."
)


class ThresholdsDialog(QDialog):
    """Edit a copy of the overrides and the language; read :meth:`result_overrides` and
    :meth:`result_language` after ``exec()`` returns Accepted."""

    def __init__(
        self,
        catalogue: Catalogue,
        overrides: ThresholdOverrides,
        *,
        language: str | None = None,
        models: list[str] | None = None,
        miners: list[str] | None = None,
        scope: Scope = Scope.GLOBAL,
        scope_name: str = "",
        warnings: tuple[str, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Fault settings"))
        self.resize(860, 640)
        self._overrides = overrides.copy()
        self._names: dict[Scope, list[str]] = {
            Scope.GLOBAL: [],
            Scope.MODEL: sorted(set(models or []) | set(self._overrides.models)),
            Scope.MINER: sorted(set(miners or []) | set(self._overrides.miners)),
        }

        self.language_combo = QComboBox()
        self.language_combo.addItem(
            t("Automatic ({language})").format(language=LANGUAGES[system_language()]), None
        )
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        idx = self.language_combo.findData(language) if language in LANGUAGES else 0
        self.language_combo.setCurrentIndex(max(0, idx))

        self.scope_combo = QComboBox()
        for s in Scope:
            self.scope_combo.addItem(t(s.value), s)
        self.name_combo = QComboBox()
        self.name_combo.setEditable(True)
        self.name_combo.setMinimumWidth(240)
        self.name_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(t("Filter: fault or parameter (e.g. chip, warn_c)"))
        self.filter_edit.setClearButtonEnabled(True)
        self.reset_button = QPushButton(t("Clear this scope"))
        self.reset_button.setToolTip(t("Remove every value set for this scope"))

        self.model = ThresholdsModel(catalogue, self)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.setStretchLastSection(True)
        h.resizeSection(TCol.FAULT, 300)
        h.resizeSection(TCol.PARAM, 340)
        h.resizeSection(TCol.DEFAULT, 100)

        self.note = QLabel(t(GLOBAL_NOTE))
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.warning = QLabel("<br>".join(warnings))
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #c01e32;")
        self.warning.setVisible(bool(warnings))
        self.count_label = QLabel()

        form = QFormLayout()
        form.addRow(t("Fault texts in:"), self.language_combo)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope_combo)
        scope_row.addWidget(self.name_combo, 1)
        scope_row.addWidget(self.reset_button)
        form.addRow(t("Thresholds for:"), scope_row)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.note)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.scope_combo.currentIndexChanged.connect(self._scope_kind_changed)
        self.name_combo.currentTextChanged.connect(lambda _t: self._show_scope())
        self.reset_button.clicked.connect(self.clear_scope)
        self.model.dataChanged.connect(lambda *_: self._update_count())
        self.model.value_rejected.connect(self._show_rejected)
        self.set_scope(scope, scope_name)

    # -- scope ------------------------------------------------------------------------------------
    @property
    def scope(self) -> Scope:
        data = self.scope_combo.currentData()
        return data if isinstance(data, Scope) else Scope.GLOBAL

    def set_scope(self, scope: Scope, name: str = "") -> None:
        self.scope_combo.blockSignals(True)
        self.scope_combo.setCurrentIndex(self.scope_combo.findData(scope))
        self.scope_combo.blockSignals(False)
        self._fill_names(name)
        self._show_scope()

    def _scope_kind_changed(self, _index: int) -> None:
        self._fill_names("")
        self._show_scope()

    def _fill_names(self, name: str) -> None:
        scope = self.scope
        self.name_combo.blockSignals(True)
        self.name_combo.clear()
        self.name_combo.addItems(self._names[scope])
        self.name_combo.setEditText(name or (self._names[scope][0] if self._names[scope] else ""))
        self.name_combo.blockSignals(False)
        self.name_combo.setVisible(scope is not Scope.GLOBAL)
        placeholder = {
            Scope.MODEL: t("e.g. Antminer S19j Pro"),
            Scope.MINER: t("e.g. 10.10.1.37"),
        }
        line = self.name_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(placeholder.get(scope, ""))

    def _layer(self) -> dict[str, float] | None:
        scope, name = self.scope, self.name_combo.currentText().strip()
        if scope is Scope.GLOBAL:
            return self._overrides.global_
        if not name:
            return None
        scopes = self._overrides.models if scope is Scope.MODEL else self._overrides.miners
        for existing in scopes:
            if existing.lower() == name.lower():
                return scopes[existing]
        return scopes.setdefault(name, {})

    def _show_scope(self) -> None:
        layer = self._layer()
        inherited = dict(self._overrides.global_) if self.scope is not Scope.GLOBAL else {}
        self.table.setEnabled(layer is not None)
        self.model.set_layer(layer if layer is not None else {}, inherited)
        self.note.setText(t(GLOBAL_NOTE) if self.scope is Scope.GLOBAL else t(SCOPED_NOTE))
        self._update_count()

    def clear_scope(self) -> None:
        layer = self._layer()
        if layer is not None:
            layer.clear()
            self._show_scope()

    def _show_rejected(self, message: str) -> None:
        self.warning.setText(message)
        self.warning.setVisible(True)

    def _update_count(self) -> None:
        n = self._overrides.count()
        self.count_label.setText(tn("%n values changed from the defaults", n))

    # -- editing by key (tests and scripted use) ----------------------------------------------------
    def set_value(self, key: str, value: float | None) -> bool:
        row = self.model.row_of(key)
        if row is None:
            return False
        return self.model.setData(
            self.model.index(row, TCol.VALUE), "" if value is None else number_text(value)
        )

    # -- results ------------------------------------------------------------------------------------
    def result_overrides(self) -> ThresholdOverrides:
        o = self._overrides.copy()
        o.models = {k: v for k, v in o.models.items() if v}
        o.miners = {k: v for k, v in o.miners.items() if v}
        return o

    def result_language(self) -> str | None:
        data = self.language_combo.currentData()
        return data if isinstance(data, str) else None
