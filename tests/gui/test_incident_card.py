"""Selecting an incident opens its card (cause, miners, evidence, what to check first) instead
of jumping to its first miner."""

from __future__ import annotations

from typing import Any

import pytest

from tests.gui import fault_helpers
from tests.gui.fault_helpers import MakeWindow, sweeps

fault_window = fault_helpers.fault_window  # the fixture

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def test_selecting_an_incident_opens_its_card(qtbot: Any, fault_window: MakeWindow) -> None:
    win, fake = fault_window(24, base="127.78.2")
    dark = [f"127.78.2.{i}:4028" for i in range(1, 21)]
    fake.offline.update(dark)
    sweeps(qtbot, win, 3)
    view = win.faults_view
    win.tabs.setCurrentWidget(view)
    before = win.detail.key
    assert view.card_scroll.isHidden()
    top = win.fault_book.incident_model.index(0, 0)
    view.incidents.setCurrentIndex(top)

    card = view.card
    assert not view.card_scroll.isHidden()
    assert card.incident is not None and card.incident.id == "site_network_or_power"
    text = card.plain_text()
    assert "20 miners" in text
    assert "What to check first" in text
    assert "Check the breaker, the PDU" in text  # miner_unreachable's first remedy
    assert "How to confirm" in text
    assert "Evidence:" in text and "stopped answering" in text
    assert card.miners.rowCount() == 20
    assert card.miners.item(0, 0).text() == "127.78.2.1"
    assert "no API answer" in card.miners.item(0, 2).text()
    assert win.detail.key == before  # the incident did not open a miner

    # a miner in the card: single click shows it, double click goes to the fleet table
    card.miners.setCurrentCell(3, 0)
    assert win.detail.key == "127.78.2.4:4028"
    card.miners.cellDoubleClicked.emit(3, 0)
    assert win.tabs.currentWidget() is win.fleet_page

    # the rack comes back: the card closes with the incident
    fake.offline.clear()
    sweeps(qtbot, win, 3)
    win.tabs.setCurrentWidget(view)  # the hidden Faults tab catches up when shown
    assert card.incident is None and view.card_scroll.isHidden()
