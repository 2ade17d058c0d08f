"""Troubleshooting in the detail pane: one card per active fault, and the Antminer chip map.

A card shows the fault's severity and title, its evidence, since when, the catalogue's warning,
likely causes, the remedies cheapest first (numbered) and how to confirm, with Acknowledge and
Snooze (1 h, 4 h, until tomorrow 08:00) buttons. Texts come from the catalogue of the latest
fault report, so they follow the language setting without any disk I/O here.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from rig_monitor.core.faults import Catalogue, FaultSpec
from rig_monitor.core.faults.stage import FaultKey, FaultRecord
from rig_monitor.core.model import Board, Fault, MinerSnapshot, Severity
from rig_monitor.gui import fmt
from rig_monitor.gui.fault_models import (
    FaultBook,
    board_title,
    severity_colour,
    since_text,
)
from rig_monitor.gui.i18n import t

TOMORROW_HOUR = 8  # "until tomorrow" = tomorrow 08:00 local time


def snooze_choices(now: float) -> list[tuple[str, float]]:
    """Menu entries and their end times."""
    tomorrow = dt.datetime.fromtimestamp(now).date() + dt.timedelta(days=1)
    morning = dt.datetime.combine(tomorrow, dt.time(TOMORROW_HOUR)).timestamp()
    return [
        (t("For 1 hour"), now + 3600.0),
        (t("For 4 hours"), now + 4 * 3600.0),
        (t("Until tomorrow {time}").format(time=f"{TOMORROW_HOUR:02d}:00"), morning),
    ]


@dataclass(frozen=True, slots=True)
class _Shown:
    """What a card shows, minus the age (which moves every poll)."""

    key: FaultKey
    severity: Severity
    detail: str
    acknowledged_at: float | None
    snoozed_until: float | None
    incident: str | None
    lang: str | None


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def guide_html(spec: FaultSpec | None, fault: Fault) -> str:
    """The card's body: evidence, warning, causes, remedies (numbered), how to confirm."""
    parts = [f"<b>{t('Evidence:')}</b> {_esc(fault.detail)}"]
    if spec is None:
        return "".join(f"<p style='margin:0'>{p}</p>" for p in parts)
    if spec.warning:
        colour = severity_colour(Severity.WARNING).name()
        parts.append(f"<span style='color:{colour}'><b>⚠ {_esc(spec.warning)}</b></span>")
    causes = "<br>".join(f"• {_esc(c)}" for c in spec.causes)
    remedies = "<br>".join(f"{n}. {_esc(r)}" for n, r in enumerate(spec.remedies, 1))
    cols = []
    if causes:
        head = t("Likely causes")
        cols.append(f"<td valign='top' width='45%'><b>{head}</b><br>{causes}</td>")
    if remedies:
        head = t("Try, cheapest first")
        cols.append(f"<td valign='top'><b>{head}</b><br>{remedies}</td>")
    body = "".join(f"<p style='margin:0 0 3px 0'>{p}</p>" for p in parts)
    if cols:
        body += (
            f"<table cellspacing='0' cellpadding='2' width='100%'><tr>{''.join(cols)}</tr></table>"
        )
    if spec.confirm:
        head = t("How to confirm:")
        body += f"<p style='margin:0'><b>{head}</b> {_esc(spec.confirm)}</p>"
    return body


class FaultCard(QFrame):
    """One fault: header with actions, then the troubleshooting text."""

    def __init__(
        self,
        record: FaultRecord | None,
        fault: Fault,
        catalogue: Catalogue | None,
        now: float,
        on_ack: Callable[[FaultKey], None] | None,
        on_snooze: Callable[[FaultKey, float], None] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.record = record
        self.fault = fault
        self.setObjectName("faultCard")
        colour = severity_colour(fault.severity)
        self.setStyleSheet(
            f"#faultCard {{ border: 1px solid palette(mid); border-left: 4px solid {colour.name()};"
            " border-radius: 3px; }"
        )
        spec = catalogue.get(fault.id) if catalogue is not None and fault.id in catalogue else None
        title = board_title(spec.title if spec is not None else fault.title, fault.board)

        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        head = f"<b style='color:{colour.name()}'>●</b> <b>{_esc(title)}</b> — {t(str(fault.severity))}"
        self._head = head
        if spec is not None and spec.summary:
            self.header.setToolTip(spec.summary)
        self.state = QLabel()
        self.state.setStyleSheet("color: palette(placeholder-text);")
        self.ack_button = QPushButton(t("Acknowledge"))
        self.ack_button.setToolTip(
            t("Mark as seen: stays listed, stops notifying, until it gets worse")
        )
        self.snooze_button = QToolButton()
        self.snooze_button.setText(t("Snooze"))
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_button.setToolTip(
            t("Hide it for a while; it comes back if still open, or worse")
        )
        menu = QMenu(self.snooze_button)
        self.snooze_actions = []
        for label, until in snooze_choices(now):
            act = menu.addAction(label)
            act.setData(until)
            if record is not None and on_snooze is not None:
                key = record.key
                act.triggered.connect(lambda _=False, u=until, k=key: on_snooze(k, u))
            self.snooze_actions.append(act)
        self.snooze_button.setMenu(menu)
        if record is None or on_ack is None:
            self.ack_button.hide()
            self.snooze_button.hide()
        else:
            key = record.key
            self.ack_button.clicked.connect(lambda: on_ack(key))

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.header, 1)
        top.addWidget(self.state)
        top.addWidget(self.ack_button)
        top.addWidget(self.snooze_button)

        self.body = QLabel(guide_html(spec, fault))
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 6, 4)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.body)
        self.set_now(now)

    def set_now(self, now: float) -> None:
        rec = self.record
        since = (
            " · " + t("since {time}").format(time=since_text(rec.first_seen, now))
            if rec is not None
            else ""
        )
        self.header.setText(self._head + _esc(since))
        states = []
        if rec is not None:
            if rec.snoozed(now) and rec.snoozed_until is not None:
                until = fmt.local_time(rec.snoozed_until, "ddd HH:mm")
                states.append(t("Snoozed until {time}").format(time=until))
            if rec.acknowledged_at is not None:
                at = fmt.local_time(rec.acknowledged_at, "HH:mm")
                states.append(t("Acknowledged {time}").format(time=at))
            if rec.incident is not None:
                states.append(t("in an incident"))
            self.ack_button.setEnabled(not rec.acknowledged)
        self.state.setText(" · ".join(states))
        self.state.setVisible(bool(states))

    def plain_text(self) -> str:
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setHtml(self.header.text() + "<br>" + self.body.text())
        return doc.toPlainText()


class FaultGuide(QScrollArea):
    """The detail pane's fault section: a scrolling list of :class:`FaultCard`."""

    def __init__(self, book: FaultBook | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        self._layout.setContentsMargins(0, 0, 4, 0)
        self._layout.setSpacing(6)
        self.empty = QLabel()
        self.empty.setStyleSheet("color: palette(placeholder-text);")
        self._layout.addWidget(self.empty)
        self._layout.addStretch(1)
        self.setWidget(self._inner)
        self.cards: list[FaultCard] = []
        self._shown: tuple[_Shown, ...] | None = None
        self._key: str | None = None

    def show_miner(self, key: str | None, snap: MinerSnapshot | None) -> None:
        """Show the open faults of miner ``key`` (``snap``: its live snapshot, or None)."""
        book = self.book
        records: list[FaultRecord] = []
        if book is not None and book.has_report() and key is not None:
            records = book.for_miner(key)
        catalogue = book.catalogue if book is not None else None
        now = book.now if book is not None and book.has_report() else time.time()
        faults: list[tuple[FaultRecord | None, Fault]]
        if records:
            faults = [(r, r.fault) for r in records]
        elif snap is not None and not (book is not None and book.has_report()):
            faults = [(None, f) for f in sorted(snap.faults, key=lambda f: -f.severity.rank)]
        else:
            faults = []
        lang = catalogue.lang if catalogue is not None else None
        shown = tuple(
            _Shown(
                r.key if r else (key or "", f.id, f.board),
                f.severity,
                f.detail,
                r.acknowledged_at if r else None,
                r.snoozed_until if r else None,
                r.incident if r else None,
                lang,
            )
            for r, f in faults
        )
        if key == self._key and shown == self._shown:
            for card in self.cards:
                card.set_now(now)
            return
        self._key, self._shown = key, shown
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        if key is None:
            self.empty.setText("")
        elif snap is None and not faults:
            self.empty.setText(t("No answer from this miner: faults are judged on answers"))
        else:
            self.empty.setText(t("No faults"))
        self.empty.setVisible(not faults)
        can_act = book is not None and book.available
        for i, (rec, fault) in enumerate(faults):
            card = FaultCard(
                rec,
                fault,
                catalogue,
                now,
                self._acknowledge if can_act else None,
                self._snooze if can_act else None,
            )
            self._layout.insertWidget(i + 1, card)
            self.cards.append(card)

    def _acknowledge(self, key: FaultKey) -> None:
        if self.book is not None:
            self.book.acknowledge(key)

    def _snooze(self, key: FaultKey, until: float) -> None:
        if self.book is not None:
            self.book.snooze(key, until)

    def plain_text(self) -> str:
        if not self.cards:
            return self.empty.text()
        return "\n\n".join(c.plain_text() for c in self.cards)


# ---------------------------------------------------------------------------------------------
# chip map

CHIP_COLOURS = {
    "o": QColor(46, 157, 74),
    "x": QColor(215, 38, 61),
    "-": QColor(224, 150, 0),
    " ": QColor(150, 150, 150),  # missing: expected but not reported
}
CELL = 7
GAP = 1
LABEL_W = 16
BOARD_GAP = 4


def chip_cells(board: Board) -> str:
    """The board's cells: 'o', 'x', '-' as reported ('X' drawn as 'x', see
    ``Board.chip_status_counts``), then ' ' for each expected chip not there."""
    status = "".join(c for c in (board.chip_status or "").replace("X", "x") if c in "ox-")
    missing = max(0, (board.expected_chips or 0) - len(status))
    return status + " " * missing


class ChipMap(QWidget):
    """Antminer ``chip_status`` as a grid of small cells per board (o green, x red, - amber,
    missing grey), so "28 x in one block" is visible at a glance."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._boards: list[tuple[int, str]] = []
        sp = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sp.setHeightForWidth(True)
        self.setSizePolicy(sp)
        self.setToolTip("")

    def set_boards(self, boards: Sequence[Board]) -> None:
        """Boards with a chip status (Antminer); the widget hides when there is none."""
        cells = [(b.index, chip_cells(b)) for b in boards if b.chip_status is not None]
        cells = [(i, c) for i, c in cells if c]
        if cells != self._boards:
            self._boards = cells
            self.updateGeometry()
            self.update()
        self.setVisible(bool(cells))

    def cell_counts(self) -> list[tuple[int, int, int, int]]:
        """Per board shown: (ok, x, unstable, missing) cells."""
        return [(c.count("o"), c.count("x"), c.count("-"), c.count(" ")) for _, c in self._boards]

    def _per_row(self, width: int) -> int:
        """Cells per row: as many as fit, then evened out so a board's rows are equally long."""
        most = max(1, (width - LABEL_W) // (CELL + GAP))
        longest = max((len(c) for _, c in self._boards), default=1)
        rows = math.ceil(longest / most)
        return max(1, math.ceil(longest / rows))

    def _layout_height(self, width: int) -> int:
        per_row = self._per_row(width)
        rows = sum(math.ceil(len(c) / per_row) for _, c in self._boards)
        return rows * (CELL + GAP) + max(0, len(self._boards) - 1) * BOARD_GAP

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._layout_height(width)

    def sizeHint(self) -> QSize:
        return QSize(400, self._layout_height(400))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self._layout_height(max(120, self.width())))

    def resizeEvent(self, event: object) -> None:
        h = self._layout_height(self.width())
        if self.minimumHeight() != h:
            self.setMinimumHeight(h)

    def _cells(self) -> list[tuple[QRect, int, int, str]]:
        per_row = self._per_row(self.width())
        out = []
        y = 0
        for index, cells in self._boards:
            for n, ch in enumerate(cells):
                r, c = divmod(n, per_row)
                rect = QRect(LABEL_W + c * (CELL + GAP), y + r * (CELL + GAP), CELL, CELL)
                out.append((rect, index, n, ch))
            y += math.ceil(len(cells) / per_row) * (CELL + GAP) + BOARD_GAP
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setPen(self.palette().text().color())
        f = p.font()
        f.setPointSizeF(max(6.0, f.pointSizeF() * 0.8))
        p.setFont(f)
        per_row = self._per_row(self.width())
        y = 0
        for index, cells in self._boards:
            p.drawText(
                QRect(0, y - 2, LABEL_W - 3, CELL + 4), Qt.AlignmentFlag.AlignRight, str(index + 1)
            )
            y += math.ceil(len(cells) / per_row) * (CELL + GAP) + BOARD_GAP
        p.setPen(Qt.PenStyle.NoPen)
        for rect, _, _, ch in self._cells():
            p.fillRect(rect, CHIP_COLOURS.get(ch, CHIP_COLOURS[" "]))
        p.end()

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            pos: QPoint = e.pos()
            for rect, index, n, ch in self._cells():
                if rect.adjusted(0, 0, GAP, GAP).contains(pos):
                    what = {"o": "ok", "x": t("x (bad)"), "-": t("- (unstable)")}.get(
                        ch, t("missing")
                    )
                    tip = t("board {board}, chip {chip}: {what}").format(
                        board=index + 1, chip=n + 1, what=what
                    )
                    QToolTip.showText(e.globalPos(), tip, self)
                    return True
            QToolTip.hideText()
            return True
        return super().event(e)


def chips_summary(board: Board) -> str:
    cells = chip_cells(board)
    ok, bad, unstable, missing = (cells.count(c) for c in "ox- ")
    parts = [f"{ok} ok"]
    if bad:
        parts.append(f"{bad} x")
    if unstable:
        parts.append(f"{unstable} -")
    if missing:
        parts.append(t("{count} missing").format(count=missing))
    return ", ".join(parts) if cells else fmt.DASH
