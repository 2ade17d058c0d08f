"""Every text the window translates is listed for Qt Linguist and translated in every language.

The code calls ``t()``/``tn()`` (or ``QCoreApplication.translate``) with English texts; a text
missing from :mod:`rig_monitor.gui.i18n_strings` or from a ``.ts`` file silently stays English
in the Chinese and Russian window. A translation that drops a ``{placeholder}`` or ``%n`` shows
a raw name or loses a number; a ``.qm`` not rebuilt after editing the ``.ts`` ships old texts.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTranslator

from rig_monitor.gui import i18n
from rig_monitor.gui.i18n_strings import CONTEXT, PLURALS, STATIC

GUI = Path(i18n.__file__).parent
LANGS = {"zh_CN": 1, "ru": 3}  # plural forms: Chinese one, Russian one/few/many
TOKENS = re.compile(r"\{[a-z_]*\}|%[nvm]")


def code_texts() -> tuple[set[str], set[str]]:
    """(texts, plural texts) passed as literals to the translation calls in rig_monitor/gui."""
    texts: set[str] = set()
    plurals: set[str] = set()
    for path in GUI.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = (
                f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            )
            args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            if name in ("t", "_t") and args and isinstance(args[0], str):
                texts.add(args[0])
            elif name == "tn" and args and isinstance(args[0], str):
                plurals.add(args[0])
            elif name == "translate" and len(args) >= 2 and args[0] == CONTEXT:
                text = args[1]
                if isinstance(text, str):
                    (plurals if len(args) >= 4 else texts).add(text)
    return texts, plurals


def read_ts(lang: str) -> dict[str, Any]:
    """source -> translation text, or the list of numerus forms."""
    root = ET.parse(GUI.parents[1] / "resources" / "i18n" / f"rig_monitor_{lang}.ts").getroot()
    out: dict[str, Any] = {}
    for m in root.iter("message"):
        source = m.findtext("source") or ""
        tr = m.find("translation")
        assert tr is not None and tr.get("type") != "unfinished", (lang, source)
        if m.get("numerus") == "yes":
            out[source] = [f.text or "" for f in tr.findall("numerusform")]
        else:
            out[source] = tr.text or ""
    return out


def test_every_text_in_the_code_is_listed_for_linguist() -> None:
    texts, plurals = code_texts()
    assert len(texts) > 200 and len(plurals) > 20  # the scan sees the code's calls
    assert sorted(texts - STATIC) == []
    assert sorted(plurals - set(PLURALS)) == []


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_every_listed_text_is_translated_with_its_placeholders(lang: str) -> None:
    ts = read_ts(lang)
    problems = []
    for source in sorted(STATIC):
        got = ts.get(source)
        if not isinstance(got, str) or not got:
            problems.append(f"not translated: {source!r}")
        elif sorted(TOKENS.findall(got)) != sorted(TOKENS.findall(source)):
            problems.append(f"placeholders differ: {source!r} -> {got!r}")
    for source in sorted(PLURALS):
        forms = ts.get(source)
        if not isinstance(forms, list) or len(forms) != LANGS[lang] or not all(forms):
            problems.append(f"plural forms missing: {source!r} -> {forms!r}")
            continue
        want = sorted(TOKENS.findall(source))
        problems += [
            f"placeholders differ: {source!r} -> {f!r}"
            for f in forms
            if sorted(TOKENS.findall(f)) != want
        ]
    assert problems == []


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_compiled_catalogue_matches_its_source(lang: str) -> None:
    """The .qm the window loads says what the .ts says (lrelease was run after the last edit)."""
    translator = QTranslator()
    data = i18n.read_qm(lang)  # load(bytes) keeps a pointer: the bytes must outlive the lookups
    assert translator.load(data)
    stale = []
    for source, want in read_ts(lang).items():
        if isinstance(want, list):
            counts = {"zh_CN": [1], "ru": [1, 2, 5]}[lang]
            got = [translator.translate(CONTEXT, source, None, n) for n in counts]
        else:
            got = translator.translate(CONTEXT, source)
        if got != want:
            stale.append(source)
    assert stale == []


def test_english_counts_say_one_and_many() -> None:
    """English has no catalogue: its singular comes from PLURALS (the window's language may be
    anything here, so the untranslated text is given as Qt returns it)."""

    def english(text: str, n: int) -> str:
        return i18n.english_singular(text, n, text.replace("%n", str(n)))

    assert english("%n miners", 1) == "1 miner"
    assert english("%n miners", 2) == "2 miners"
    assert english("%n actions", 1) == "1 action"
    assert english("%n actions", 0) == "0 actions"
    assert i18n.english_singular("%n miners", 1, "1 台矿机") == "1 台矿机"  # a translation wins


def test_every_threshold_parameter_has_a_label() -> None:
    """The fault settings dialog names each parameter ("Bad polls before it is raised
    (raise_polls)"); a parameter new in the catalogue needs its label in i18n_strings.PARAMETERS
    (and its translations in the .ts files), else the dialog shows only its id."""
    from rig_monitor.core.faults import load_catalogue
    from rig_monitor.gui.i18n_strings import PARAMETERS

    cat = load_catalogue()
    names = {
        name
        for fid in cat.ids
        for name, value in cat.params(fid).items()
        if isinstance(value, int | float) and not isinstance(value, bool)
    }
    assert sorted(names - set(PARAMETERS)) == []
    assert set(PARAMETERS.values()) <= STATIC
