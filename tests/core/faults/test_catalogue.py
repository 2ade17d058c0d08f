from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rig_monitor.core.faults import CatalogueError, Thresholds, load_catalogue
from rig_monitor.core.faults.catalogue import default_catalogue
from rig_monitor.core.faults.overrides import user_catalogue
from rig_monitor.core.model import Severity
from tests.core.faults.factory import SECTION1_IDS

COMMON = [
    "miner_unreachable",
    "mining_stopped",
    "hashrate_low",
    "board_missing",
    "chips_missing",
    "fan_failed",
    "chip_overtemp",
    "board_overtemp",
    "pools_all_dead",
    "unexpected_reboot",
]


def test_every_section1_id_is_catalogued_with_guidance() -> None:
    cat = load_catalogue()
    assert set(SECTION1_IDS) <= set(cat.ids)
    for fid in SECTION1_IDS:
        spec = cat.get(fid)
        assert spec.title and spec.summary and spec.confirm, fid
        assert spec.causes and spec.remedies, fid
        assert isinstance(spec.severity, Severity)


def test_default_thresholds_follow_section_4_3() -> None:
    cat = load_catalogue()
    p = cat.params("hashrate_low")
    assert (p["warn_ratio"], p["crit_ratio"], p["clear_ratio"]) == (0.9, 0.7, 0.95)
    assert (p["raise_s"], p["clear_s"], p["grace_s"]) == (900, 600, 1800)
    assert cat.params("miner_unreachable")["raise_polls"] == 3
    assert cat.params("miner_unreachable")["escalate_after_s"] == 300
    assert cat.params("chip_overtemp")["clear_margin_c"] == 5
    # statistics that hold (issue 9): a minimum count and a confidence bound, not 1 in 50
    assert cat.params("pool_reject_high")["min_shares"] >= 200
    assert cat.params("pool_reject_high")["min_rejects"] >= 5
    assert cat.params("reboot_loop")["loop_count"] == 3
    # generic temperature defaults sit at protection levels, each with its source
    assert (cat.params("chip_overtemp")["warn_c"], cat.params("chip_overtemp")["crit_c"]) == (
        95,
        100,
    )
    for fid in ("chip_overtemp", "board_overtemp", "inlet_overtemp"):
        assert set(cat.get(fid).sources) >= {"warn_c", "crit_c"}, fid


def test_chips_missing_warns_that_a_reboot_rarely_helps() -> None:
    assert "reboot" in (load_catalogue().get("chips_missing").warning or "")


def test_user_file_overrides_and_adds(tmp_path: Path) -> None:
    user = tmp_path / "faults.json"
    user.write_text(
        json.dumps(
            {
                "faults": [
                    {
                        "id": "fan_failed",
                        "remedies": ["Call Bob on extension 12"],
                        "params": {"raise_polls": 4},
                    },
                    {
                        "id": "site_dust",
                        "severity": "info",
                        "title": "Dust season",
                        "remedies": ["Blow out"],
                    },
                ]
            }
        ),
        encoding="utf-8",
    )
    cat = load_catalogue(user_file=user)
    assert cat.get("fan_failed").remedies == ["Call Bob on extension 12"]
    assert cat.params("fan_failed")["raise_polls"] == 4
    assert cat.params("fan_failed")["clear_polls"] == 3  # untouched params stay
    assert cat.get("fan_failed").title == "Fan stopped"
    assert cat.get("site_dust").severity is Severity.INFO
    # the built-in cache is not polluted by the user's file
    assert default_catalogue().get("fan_failed").remedies[0] != "Call Bob on extension 12"


def test_missing_user_file_is_fine(tmp_path: Path) -> None:
    assert "fan_failed" in load_catalogue(user_file=tmp_path / "nope.json")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "top level"),
        ('{"faults": {"id": "x"}}', "must be a list"),
        ('{"faults": [{"title": "no id"}]}', "string 'id'"),
        ('{"faults": [{"id": "new_one", "title": "New"}]}', "'severity'"),
        ('{"faults": [{"id": "fan_failed", "severity": "fatal"}]}', "severity 'fatal'"),
        ('{"faults": [{"id": "fan_failed", "remedies": "reseat"}]}', "'remedies' must be a list"),
        (
            '{"faults": [{"id": "fan_failed", "params": {"raise_polls": "two"}}]}',
            "must be a number",
        ),
    ],
)
def test_broken_user_file_names_file_and_problem(
    tmp_path: Path, content: str, problem: str
) -> None:
    user = tmp_path / "faults.json"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(user_file=user)
    assert str(user) in str(info.value)
    assert problem in str(info.value)


@pytest.mark.parametrize("lang", ["zh", "ru"])
def test_translation_overlays_cover_the_common_faults(lang: str) -> None:
    english = load_catalogue()
    translated = load_catalogue(lang)
    for fid in COMMON:
        t, e = translated.get(fid), english.get(fid)
        assert t.title != e.title, (lang, fid)
        assert t.remedies != e.remedies and len(t.remedies) >= 2, (lang, fid)
        assert t.params == e.params  # translations never change detection
    if lang == "ru":
        assert re.search("[а-я]", translated.get("fan_failed").title)
    else:
        assert re.search("[\u4e00-\u9fff]", translated.get("fan_failed").title)


def test_unknown_language_falls_back_to_english() -> None:
    assert load_catalogue("xx").get("fan_failed").title == "Fan stopped"
    assert load_catalogue("zh_CN").get("fan_failed").title != "Fan stopped"


def test_overlay_may_not_invent_faults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rig_monitor.core.faults import catalogue as mod

    (tmp_path / "catalogue.json").write_text(
        (mod._faults_dir() / "catalogue.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "catalogue.de.json").write_text(
        '{"faults": [{"id": "made_up", "title": "Erfunden"}]}', encoding="utf-8"
    )
    monkeypatch.setattr(mod, "_faults_dir", lambda: tmp_path)
    with pytest.raises(CatalogueError, match=r"catalogue\.de\.json: fault 'made_up'"):
        mod.load_catalogue("de")


def test_broken_builtin_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rig_monitor.core.faults import catalogue as mod

    (tmp_path / "catalogue.json").write_text('{"faults": [', encoding="utf-8")
    monkeypatch.setattr(mod, "_faults_dir", lambda: tmp_path)
    with pytest.raises(CatalogueError, match=r"resources/faults/catalogue\.json: not valid JSON"):
        mod.load_catalogue()


def test_thresholds_layering() -> None:
    from tests.core.faults.factory import S19JPRO, Spec

    spec = Spec(chip_temp_warn_c=88, chip_temp_crit_c=93)
    th = Thresholds(
        global_overrides={"board_overtemp.warn_c": 72},
        per_model={"antminer s19j pro": {"chip_overtemp.crit_c": 94}},
        per_miner={"10.10.1.37": {"chip_overtemp.warn_c": 80}},
    )
    other = th.for_miner("10.10.1.38", 4028, "Antminer", "S19j Pro", spec)
    assert other.get("chip_overtemp", "warn_c") == 88  # model database
    assert other.get("chip_overtemp", "crit_c") == 94  # per-model override beats the database
    assert other.get("board_overtemp", "warn_c") == 72  # global override
    door = th.for_miner("10.10.1.37", 4028, "Antminer", "S19j Pro", spec)
    assert door.get("chip_overtemp", "warn_c") == 80  # per-miner wins
    plain = th.for_miner("10.10.9.9", 4028, "Antminer", "S21", S19JPRO)
    assert plain.get("chip_overtemp", "warn_c") == 95  # catalogue default
    with pytest.raises(ValueError, match="fault id"):
        Thresholds(global_overrides={"warn_c": 1})
    with pytest.raises(ValueError, match="unknown fault ids: chip_overheat"):
        Thresholds(global_overrides={"chip_overheat.warn_c": 1})


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("{ths:.1f} TH/s", "{ths:.1f} is not a plain {name} field"),
        ("{ths!r} TH/s", "{ths!r} is not a plain {name} field"),
        ("{0} TH/s", "{0} is not a plain {name} field"),
        ("{} TH/s", "{} is not a plain {name} field"),
        ("{snap.ip}", "{snap.ip} is not a plain {name} field"),
        ("{boards[0]}", "{boards[0]} is not a plain {name} field"),
        ("{ths TH/s", "not a usable template"),
        ("ths} TH/s", "not a usable template"),
    ],
)
def test_a_template_that_could_fail_to_render_fails_the_load(
    tmp_path: Path, template: str, problem: str
) -> None:
    """Evidence is written only when a rule makes a finding, so a template that cannot render
    must be refused when the catalogue loads, not when the first miner gets that fault."""
    user = tmp_path / "faults.json"
    for entry in (
        {"faults": [{"id": "hashrate_low", "evidence": {"low": template}}]},
        {"incidents": [{"id": "site_pool_outage", "title": template}]},
    ):
        user.write_text(json.dumps(entry), encoding="utf-8")
        with pytest.raises(CatalogueError) as info:
            load_catalogue(user_file=user)
        assert str(user) in str(info.value)
        assert problem in str(info.value)


def test_a_user_file_with_a_broken_template_is_set_aside_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    user = tmp_path / "faults.json"
    user.write_text(
        json.dumps({"faults": [{"id": "hashrate_low", "evidence": {"low": "{ths:.1f}"}}]}),
        encoding="utf-8",
    )
    with caplog.at_level("WARNING"):
        cat = user_catalogue(user_file=user)
    assert (
        cat.get("hashrate_low").evidence["low"]
        == default_catalogue().get("hashrate_low").evidence["low"]
    )
    assert "{ths:.1f} is not a plain {name} field" in caplog.text
    assert "using the built-in fault catalogue" in caplog.text


def test_plain_fields_and_escaped_braces_load(tmp_path: Path) -> None:
    user = tmp_path / "faults.json"
    user.write_text(
        json.dumps(
            {"faults": [{"id": "hashrate_low", "evidence": {"low": "{{raw}} {ths} of {nominal}"}}]}
        ),
        encoding="utf-8",
    )
    cat = load_catalogue(user_file=user)
    assert cat.text("hashrate_low", "low", ths="90", nominal="104") == "{raw} 90 of 104"
    assert cat.text("hashrate_low", "low") == "{raw} {ths} of {nominal}"  # a name left out
