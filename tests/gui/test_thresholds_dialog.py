"""Fault settings: only changed values are written, the tracker picks them up, a bad file is
survivable."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from rig_monitor.core.faults import ThresholdOverrides, read_overrides
from rig_monitor.gui import app as gui_app
from rig_monitor.gui.thresholds_dialog import (
    Scope,
    TCol,
    ThresholdsDialog,
    effective_language,
    system_language,
)
from tests.gui import fault_helpers
from tests.gui.fault_helpers import (
    MakeWindow,
    chip_temp,
    sweeps,
)

fault_window = fault_helpers.fault_window  # the fixture

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

HOT = "127.0.0.2:4028"


def test_dialog_writes_only_changed_values_and_the_tracker_uses_them(
    qtbot: Any, qtmodeltester: Any, fault_window: MakeWindow, tmp_path: Path
) -> None:
    win, _ = fault_window(3, lambda i, s: chip_temp(s, 85.0) if i == 1 else s)
    sweeps(qtbot, win, 2)
    assert win.fault_book.records == []  # 85 °C is under the 95 °C chip default

    dlg = win.open_fault_settings()
    assert dlg is not None
    qtbot.addWidget(dlg)
    qtmodeltester.check(dlg.model)
    assert "beats the model database for every model" in dlg.note.text()
    row = dlg.model.row_of("chip_overtemp.warn_c")
    assert row is not None
    assert dlg.model.index(row, TCol.DEFAULT).data() == "95"  # the catalogue's default
    assert dlg.model.index(row, TCol.VALUE).data() == ""
    assert dlg.set_value("chip_overtemp.warn_c", 80)
    assert dlg.set_value("fan_failed.raise_polls", 2)  # the default again: no change
    assert not dlg.model.setData(dlg.model.index(row, TCol.VALUE), "hot")  # not a number
    dlg.set_scope(Scope.MODEL, "Antminer S21")
    assert dlg.model.index(row, TCol.DEFAULT).data() == "80"  # inherits the global value
    dlg.set_scope(Scope.GLOBAL)
    assert dlg.model.index(row, TCol.VALUE).data() == "80"
    assert "1 value changed" in dlg.count_label.text()
    dlg.accept()
    assert dlg.result() == QDialog.DialogCode.Accepted

    assert win._saver.wait()
    saved = json.loads((tmp_path / "thresholds.json").read_text(encoding="utf-8"))
    assert saved == {
        "version": 1,
        "global": {"chip_overtemp.warn_c": 80.0},
        "models": {},
        "miners": {},
    }
    sweeps(qtbot, win, 2)  # chip_overtemp warns after 2 polls
    assert [(r.miner, r.fault.id) for r in win.fault_book.records] == [(HOT, "chip_overtemp")]
    assert win.fault_book.overrides.global_ == {"chip_overtemp.warn_c": 80.0}

    # per-model and per-miner values; clearing a scope
    dlg = win.open_fault_settings()
    assert dlg is not None
    qtbot.addWidget(dlg)
    dlg.set_scope(Scope.MINER, "127.0.0.2")
    assert dlg.set_value("chip_overtemp.warn_c", 88)
    dlg.set_scope(Scope.MODEL, "Antminer S19j Pro")
    assert dlg.set_value("hashrate_low.warn_ratio", 0.85)
    dlg.set_scope(Scope.GLOBAL)
    dlg.clear_scope()
    result = dlg.result_overrides()
    assert result.global_ == {}
    assert result.models == {"Antminer S19j Pro": {"hashrate_low.warn_ratio": 0.85}}
    assert result.miners == {"127.0.0.2": {"chip_overtemp.warn_c": 88.0}}
    dlg.reject()


def test_corrupt_thresholds_file_gives_defaults_and_a_warning(
    qtbot: Any,
    fault_window: MakeWindow,
    _private_config_dir: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _private_config_dir.mkdir(parents=True, exist_ok=True)
    bad = _private_config_dir / "thresholds.json"
    bad.write_text('{"version": 1, "global": {', encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        stage = gui_app.fault_stage()
    assert len(stage.warnings) == 1 and "using the default thresholds" in stage.warnings[0]
    assert "using the default thresholds" in caplog.text
    assert (_private_config_dir / "thresholds.json.bak").is_file()
    assert stage.overrides.is_empty()

    win, _ = fault_window(2, stage=stage)
    assert "using the default thresholds" in win.statusBar().currentMessage()
    sweeps(qtbot, win, 1)  # polling goes on with the defaults
    dlg = win.open_fault_settings()
    assert dlg is not None
    qtbot.addWidget(dlg)
    assert not dlg.warning.isHidden() and "unusable" in dlg.warning.text()
    dlg.reject()


def test_language_helpers_and_dialog_language(qtbot: Any) -> None:
    assert effective_language("ru") == "ru"
    assert effective_language("zh_CN") == "zh"
    assert effective_language(None) == system_language()
    assert effective_language("xx") == system_language()
    stage = gui_app.fault_stage()
    dlg = ThresholdsDialog(stage.catalogue, ThresholdOverrides(), language="ru")
    qtbot.addWidget(dlg)
    assert dlg.result_language() == "ru"
    dlg.language_combo.setCurrentIndex(0)  # automatic
    assert dlg.result_language() is None
    assert read_overrides().overrides.is_empty()


def test_absurd_values_are_refused_in_the_dialog_with_a_message(qtbot: Any) -> None:
    from rig_monitor.core.faults import ThresholdOverrides
    from rig_monitor.core.faults.catalogue import default_catalogue

    dlg = ThresholdsDialog(default_catalogue(), ThresholdOverrides())
    qtbot.addWidget(dlg)
    for key, value in (
        ("chip_overtemp.warn_c", -50.0),
        ("unexpected_reboot.slack_s", 0.0),
        ("chip_overtemp.crit_c", 1e308),
    ):
        assert not dlg.set_value(key, value)
        assert not dlg.warning.isHidden() and key in dlg.warning.text()
    assert dlg.result_overrides().is_empty()
    assert dlg.set_value("chip_overtemp.warn_c", 85.0)
    assert dlg.result_overrides().global_ == {"chip_overtemp.warn_c": 85.0}
