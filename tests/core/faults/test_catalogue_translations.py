"""Every fault and incident of the English catalogue is translated in full, in every language.

An operator reading the Chinese or Russian window must get the same guidance as in English:
a missing ``confirm`` or ``causes`` silently falls back to English mid-card, and a placeholder
lost in translation shows up as a raw ``{name}`` or drops a number from the evidence.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator
from typing import Any

import pytest

from rig_monitor.core.faults.catalogue import _faults_dir, load_catalogue

LANGS = {"zh": re.compile("[\u4e00-\u9fff]"), "ru": re.compile("[а-яё]", re.IGNORECASE)}
TEXT_FIELDS = ("title", "summary", "confirm", "warning")
LIST_FIELDS = ("causes", "remedies")
NOT_TEXT = ("id", "severity", "fault", "params", "sources")


def _read(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((_faults_dir() / name).read_text(encoding="utf-8"))
    return data


def _by_id(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in entries}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _operator_texts(entry: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(where, text) for every string of an entry an operator reads."""
    for key, value in entry.items():
        if key in NOT_TEXT:
            continue
        if isinstance(value, str):
            yield key, value
        elif isinstance(value, list):
            yield from ((f"{key}[{n}]", v) for n, v in enumerate(value))
        elif isinstance(value, dict):
            yield from ((f"{key}.{k}", v) for k, v in value.items())


def missing_or_wrong(english: dict[str, Any], translated: dict[str, Any], lang: str) -> list[str]:
    """Everything wrong with one overlay against the English file, as readable lines."""
    script = LANGS[lang]
    problems: list[str] = []
    for kind in ("faults", "incidents"):
        theirs = _by_id(translated.get(kind, []))
        for eid, entry in _by_id(english[kind]).items():
            other = theirs.get(eid)
            if other is None:
                problems.append(f"{kind} {eid}: not translated")
                continue
            want = dict(_operator_texts(entry))
            have = dict(_operator_texts(other))
            for where in sorted(set(want) - set(have)):
                problems.append(f"{kind} {eid}: {where} missing")
            for where in sorted(set(have) - set(want)):
                problems.append(f"{kind} {eid}: {where} is not in the English entry")
            for where in sorted(set(want) & set(have)):
                if placeholders(want[where]) != placeholders(have[where]):
                    problems.append(
                        f"{kind} {eid}: {where} placeholders {sorted(placeholders(have[where]))}"
                        f" != English {sorted(placeholders(want[where]))}"
                    )
            for name in TEXT_FIELDS + LIST_FIELDS:
                for where, text in _operator_texts({name: other.get(name, [])}):
                    if not script.search(text):
                        problems.append(f"{kind} {eid}: {where} is not in {lang}: {text!r}")
            for name in ("title", *(k for k in other if k.startswith(("title_", "detail")))):
                if name in other and not script.search(other[name]):
                    problems.append(f"{kind} {eid}: {name} is not in {lang}")
    return problems


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_overlay_translates_every_fault_incident_and_field(lang: str) -> None:
    english = _read("catalogue.json")
    assert missing_or_wrong(english, _read(f"catalogue.{lang}.json"), lang) == []


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_loaded_catalogue_has_no_english_left(lang: str) -> None:
    """The merged catalogue (what the window shows) carries the translation, params untouched."""
    en, tr = load_catalogue(), load_catalogue(lang)
    assert tr.ids == en.ids
    for fid in en.ids:
        t, e = tr.get(fid), en.get(fid)
        assert t.params == e.params, fid
        assert len(t.causes) == len(e.causes) and len(t.remedies) == len(e.remedies), fid
        assert t.title != e.title and t.confirm != e.confirm, fid
    for iid in en.incident_ids:
        assert set(tr.incident(iid).texts) == set(en.incident(iid).texts), iid


def test_the_check_catches_a_gap() -> None:
    """The comparison itself notices each kind of mistake a translator makes."""
    english = {
        "faults": [
            {
                "id": "f",
                "title": "Fan stopped",
                "confirm": "Look",
                "causes": ["Worn"],
                "evidence": {"fan": "fan {n}: 0 rpm"},
            }
        ],
        "incidents": [{"id": "i", "title": "{count} down", "fault": "f"}],
    }
    good = {
        "faults": [
            {
                "id": "f",
                "title": "风扇停转",
                "confirm": "看",
                "causes": ["老化"],
                "evidence": {"fan": "风扇 {n}：0 转/分"},
            }
        ],
        "incidents": [{"id": "i", "title": "{count} 台掉线"}],
    }
    assert missing_or_wrong(english, good, "zh") == []
    no_confirm = json.loads(json.dumps(good))
    del no_confirm["faults"][0]["confirm"]
    assert missing_or_wrong(english, no_confirm, "zh") == ["faults f: confirm missing"]
    lost = json.loads(json.dumps(good))
    lost["faults"][0]["evidence"]["fan"] = "风扇 {m}：0 转/分"
    assert "placeholders" in missing_or_wrong(english, lost, "zh")[0]
    left_english = json.loads(json.dumps(good))
    left_english["faults"][0]["causes"] = ["Worn"]
    assert "not in zh" in missing_or_wrong(english, left_english, "zh")[0]
    no_incident = {**good, "incidents": []}
    assert missing_or_wrong(english, no_incident, "zh") == ["incidents i: not translated"]
