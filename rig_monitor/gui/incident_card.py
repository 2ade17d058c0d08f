"""The incident card in the Faults view: one cause for many miners, the miners with their
evidence, and what to check first.

Why a card and not "open the first miner": an incident says "40 miners in 10.1.2.0/26 stopped
answering — a switch, PDU or breaker". The operator needs the cause and the check list for the
switch, not the detail pane of whichever miner sorts first. Texts come from the fault catalogue
of the latest report (the underlying fault's causes, remedies and how to confirm), so they follow
the language setting.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rig_monitor.core.faults import Catalogue, FaultSpec, Incident
from rig_monitor.gui.fault_models import (
    FaultBook,
    miner_address,
    severity_colour,
    severity_label,
    since_text,
)
from rig_monitor.gui.i18n import t, tn

CHECK_FIRST = 3  # the cheapest remedies of the underlying fault, as "check first"


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def underlying_spec(catalogue: Catalogue | None, incident: Incident) -> FaultSpec | None:
    if catalogue is None or incident.fault_id is None or incident.fault_id not in catalogue:
        return None
    return catalogue.get(incident.fault_id)


def card_html(incident: Incident, spec: FaultSpec | None, now: float) -> str:
    """Cause, scope and since, what to check first, likely causes, how to confirm."""
    colour = severity_colour(incident.severity).name()
    parts = [
        f"<p style='margin:0 0 4px 0'><b style='color:{colour}'>"
        f"{_esc(severity_label(incident.severity).upper())}</b> · "
        f"{tn('%n miners', len(incident.miners))}"
        + (f" · {_esc(incident.scope)}" if incident.scope else "")
        + (f" · {t('since')} {_esc(since_text(incident.since, now))}" if incident.since else "")
        + "</p>",
        f"<p style='margin:0 0 4px 0; font-size:12pt'><b>{_esc(incident.title)}</b></p>",
        f"<p style='margin:0 0 6px 0'><b>{t('Evidence:')}</b> {_esc(incident.detail)}</p>",
    ]
    if spec is not None:
        if spec.remedies:
            steps = "".join(f"<li>{_esc(r)}</li>" for r in spec.remedies[:CHECK_FIRST])
            parts.append(f"<b>{t('What to check first')}</b><ol style='margin:0'>{steps}</ol>")
        if spec.confirm:
            parts.append(
                f"<p style='margin:4px 0'><b>{t('How to confirm:')}</b> {_esc(spec.confirm)}</p>"
            )
        if spec.causes:
            causes = "<br>".join(f"• {_esc(c)}" for c in spec.causes)
            parts.append(f"<p style='margin:4px 0'><b>{t('Likely causes')}</b><br>{causes}</p>")
    return "".join(parts)


class IncidentCard(QFrame):
    """Shows one incident; ``miner_activated`` when a miner row is double-clicked."""

    miner_selected = Signal(str)
    miner_activated = Signal(str)

    def __init__(self, book: FaultBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.book = book
        self.incident: Incident | None = None
        self.body = QLabel()
        self.body.setObjectName("incidentBody")
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.miners = QTableWidget(0, 3)
        self.miners.setHorizontalHeaderLabels(["Miner", "Model", "Evidence"])
        self.miners.verticalHeader().setVisible(False)
        self.miners.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.miners.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.miners.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.miners.horizontalHeader().setStretchLastSection(True)
        self.miners.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.miners.verticalHeader().setDefaultSectionSize(22)
        self.miners.currentCellChanged.connect(self._on_current)
        self.miners.cellDoubleClicked.connect(self._on_double)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.body)
        layout.addWidget(QLabel("<b>Miners</b> (double-click: show in the fleet table)"))
        self.miners.setMinimumHeight(6 * 22)
        layout.addWidget(self.miners, 1)
        self.show_incident(None)

    def show_incident(self, incident: Incident | None) -> None:
        self.incident = incident
        if incident is None:
            self.body.setText("Select an incident to see its cause and what to check first.")
            self.miners.setRowCount(0)
            return
        spec = underlying_spec(self.book.catalogue, incident)
        self.body.setText(card_html(incident, spec, self.book.now))
        model = self.book.incident_model
        self.miners.setRowCount(len(incident.miners))
        for r, key in enumerate(incident.miners):
            cells = (
                miner_address(key),
                model.model_of(key),
                model.evidence_of(key, incident.fault_id),
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, key)
                self.miners.setItem(r, c, item)

    def plain_text(self) -> str:
        """The card as text (tests; copy into a shift log)."""
        text = re.sub(r"<li>", "\n- ", self.body.text())
        text = re.sub(r"<br>|</p>|</ol>", "\n", text)
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
        return text.strip()

    def _key(self, row: int) -> str | None:
        item = self.miners.item(row, 0)
        key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return key if isinstance(key, str) else None

    def _on_current(self, row: int, _c: int, _pr: int, _pc: int) -> None:
        key = self._key(row)
        if key is not None:
            self.miner_selected.emit(key)

    def _on_double(self, row: int, _c: int) -> None:
        key = self._key(row)
        if key is not None:
            self.miner_activated.emit(key)
