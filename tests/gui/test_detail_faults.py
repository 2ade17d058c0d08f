"""Troubleshooting in the detail pane, the chip map, and the language of fault texts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from rig_monitor.core.model import Board
from rig_monitor.gui.fault_guide import ChipMap, chip_cells, snooze_choices
from tests.gui import fault_helpers
from tests.gui.fault_helpers import (
    MakeWindow,
    chips_missing,
    sweeps,
)

fault_window = fault_helpers.fault_window  # the fixture

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

KEY = "127.0.0.3:4028"


def _card(guide: Any, title: str) -> Any:
    """The card of that fault: cards reorder when one is acknowledged."""
    (card,) = [c for c in guide.cards if c.plain_text().startswith(f"● {title}")]
    return card


def test_detail_shows_remedies_warning_and_actions_for_chips_missing(
    qtbot: Any, fault_window: MakeWindow
) -> None:
    win, _ = fault_window(4, lambda i, s: chips_missing(s) if i == 2 else s)
    sweeps(qtbot, win, 2)
    assert win.select_key(KEY)
    guide = win.detail.faults
    # 28 chips not found, their slots marked x: one card (operator journey 3), not two
    assert len(guide.cards) == 1
    card = guide.cards[0]
    text = card.plain_text()
    assert "Chips missing (board 2) — warning" in text
    assert "Evidence: chain 2: 98/126 chips, 28 x" in text
    assert "since " in text  # the tracker's first_seen
    assert "A reboot alone rarely brings back x chips." in text
    assert "Likely causes" in text and "Loose ribbon cable" in text
    # remedies numbered, cheapest first, in the catalogue's order
    steps = [
        "1. Reseat the ribbon cable",
        "2. Check the PSU output voltage",
        "3. Swap the board with a spare",
        "4. Send the board for repair",
    ]
    positions = [text.index(s) for s in steps]
    assert positions == sorted(positions)
    assert "How to confirm: Reboot once and read again" in text

    # the chip map shows the 28 x of board 2
    assert not win.detail.chip_map.isHidden()
    assert win.detail.chip_map.cell_counts() == [(126, 0, 0, 0), (98, 28, 0, 0), (126, 0, 0, 0)]

    # acknowledge from the card: at once, and still after the next poll
    assert card.ack_button.isEnabled() and not card.snooze_button.isHidden()
    card.ack_button.click()
    card = _card(guide, "Chips missing")
    assert not card.ack_button.isEnabled() and "Acknowledged" in card.state.text()
    sweeps(qtbot, win, 1)
    card = _card(guide, "Chips missing")
    assert not card.ack_button.isEnabled() and "Acknowledged" in card.state.text()
    (rec,) = [r for r in win.fault_book.for_miner(KEY) if r.fault.id == "chips_missing"]
    assert rec.acknowledged

    # snooze until tomorrow 08:00 from the card's menu
    labels = [a.text() for a in card.snooze_actions]
    assert labels == ["For 1 hour", "For 4 hours", "Until tomorrow 08:00"]
    card.snooze_actions[2].trigger()
    (rec,) = [r for r in win.fault_book.for_miner(KEY) if r.fault.id == "chips_missing"]
    assert rec.snoozed_until is not None
    assert dt.datetime.fromtimestamp(rec.snoozed_until).hour == 8
    assert "Snoozed until" in _card(guide, "Chips missing").state.text()

    # a healthy miner
    assert win.select_key("127.0.0.1:4028")
    assert guide.cards == [] and guide.plain_text() == "No faults"


def test_language_setting_selects_the_catalogue_overlay(
    qtbot: Any, fault_window: MakeWindow
) -> None:
    win, _ = fault_window(4, lambda i, s: chips_missing(s) if i == 2 else s)
    sweeps(qtbot, win, 2)
    win.apply_fault_settings(win.fault_book.overrides, "zh")
    assert win.config.language == "zh"
    sweeps(qtbot, win, 1)
    assert win.fault_book.catalogue is not None and win.fault_book.catalogue.lang == "zh"
    assert win.select_key(KEY)
    text = win.detail.faults.plain_text()
    assert "芯片数不足" in text and "只重启一般找不回标 x 的芯片。" in text
    model = win.fault_book.faults_model
    titles = [model.title(r) for r in win.fault_book.records]
    assert any(t.startswith("芯片数不足") for t in titles), titles
    assert win._saver.wait()


def test_chip_map_counts_cells(qtbot: Any) -> None:
    cm = ChipMap()
    qtbot.addWidget(cm)
    boards = [
        Board(0, chips=6, expected_chips=10, chip_status="ooox -o"),  # 4 o, 1 x, 1 -, 4 missing
        Board(1, chips=0, expected_chips=8, chip_status=""),  # no board: 8 missing
        Board(2, chips=3, expected_chips=3, chip_status=None),  # no chip status: not shown
    ]
    cm.set_boards(boards)
    assert cm.cell_counts() == [(4, 1, 1, 4), (0, 0, 0, 8)]
    assert chip_cells(boards[0]) == "ooox-o    "
    cm.resize(200, 100)
    assert cm.heightForWidth(200) > 0
    cm.show()
    cm.grab()  # paints without warnings
    cm.set_boards([Board(0, chips=3, expected_chips=3)])
    assert cm.cell_counts() == [] and cm.isHidden()


def test_snooze_choices() -> None:
    now = dt.datetime(2024, 3, 9, 22, 30).timestamp()
    (_, one), (_, four), (label, tomorrow) = snooze_choices(now)
    assert one - now == 3600 and four - now == 4 * 3600
    assert label == "Until tomorrow 08:00"
    assert dt.datetime.fromtimestamp(tomorrow) == dt.datetime(2024, 3, 10, 8, 0)
