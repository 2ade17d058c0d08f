"""Absurd thresholds are refused with a message naming the setting; every default is plausible."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rig_monitor.core.faults.catalogue import default_catalogue
from rig_monitor.core.faults.overrides import DWELL_PARAMS, read_overrides
from rig_monitor.core.faults.thresholds import Thresholds, check_param


def test_every_catalogue_default_passes_the_checks() -> None:
    cat = default_catalogue()
    for fid in cat.ids:
        for name, value in cat.params(fid).items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                assert check_param(fid, name, value) == float(value), (fid, name, value)


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("chip_overtemp.warn_c", -50, "temperature"),
        ("chip_overtemp.crit_c", 1e308, "not a usable number"),
        ("unexpected_reboot.slack_s", 0, "above 0 s"),
        ("unexpected_reboot.hold_s", -5, "above 0 s"),
        ("chip_overtemp.grace_s", 5e6, "at most 30 days"),
        ("chip_overtemp.raise_polls", 2.5, "whole number"),
        ("chip_overtemp.clear_margin_c", 0, "margin"),
        ("inlet_overtemp.warn_c", float("nan"), "not a usable number"),
        ("inlet_overtemp.warn_c", float("inf"), "not a usable number"),
    ],
)
def test_absurd_values_are_refused(key: str, value: float, words: str) -> None:
    with pytest.raises(ValueError) as err:
        Thresholds(global_overrides={key: value})
    assert key in str(err.value) and words in str(err.value)


def test_zero_dwell_is_allowed_and_warn_must_stay_below_crit() -> None:
    Thresholds(global_overrides={"chip_overtemp.grace_s": 0})  # "no grace": a real choice
    with pytest.raises(ValueError, match="must be below"):
        Thresholds(per_model={"S19": {"chip_overtemp.warn_c": 96, "chip_overtemp.crit_c": 95}})
    assert "grace_s" in DWELL_PARAMS


def test_the_file_keeps_good_values_and_names_the_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "thresholds.json"
    doc = {
        "version": 1,
        "global": {"chip_overtemp.warn_c": -50, "board_overtemp.warn_c": 70},
        "miners": {"10.0.0.5": {"unexpected_reboot.slack_s": 0}},
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    loaded = read_overrides(path, default_catalogue())
    assert loaded.overrides.global_ == {"board_overtemp.warn_c": 70.0}
    assert loaded.overrides.miners == {}
    text = " ".join(loaded.warnings)
    assert "chip_overtemp.warn_c = -50" in text and "unexpected_reboot.slack_s = 0" in text
