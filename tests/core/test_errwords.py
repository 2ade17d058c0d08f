"""Every error message core can build has a translation pattern, and each keeps its details."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import pytest

from rig_monitor.core import errwords
from rig_monitor.core.errwords import entries, localise
from rig_monitor.core.model import ErrorKind
from rig_monitor.core.resources import resource_path

CORE = Path(__file__).resolve().parents[2] / "rig_monitor" / "core"
LANGS = ("zh", "ru")
# module constants used as a whole message (``MinerError(kind, AUTH_MESSAGE)``)
CONSTANTS = ("AUTH_MESSAGE", "IDENTITY_CHANGED")
# a lower-case English word; names kept as they are (HTTP, JSON, ePIC, Whatsminer, Braiins OS
# REST, "web" in "Vnish web API") start upper-case or are shorter
ENGLISH_WORD = re.compile(r"(?<![A-Za-z])[a-z]{4,}")


def _constants() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id in CONSTANTS
                and isinstance(node.value, ast.Constant)
            ):
                found[node.targets[0].id] = str(node.value.value)
    return found


def _kinds(func: ast.AST) -> list[str]:
    """The kinds a function assigns to ``kind`` (``kind = ErrorKind.A if … else ErrorKind.B``),
    for a message that starts with ``{kind}``; every kind when it is a parameter."""
    found = [
        str(ErrorKind[attr.attr])
        for node in ast.walk(func)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "kind" for t in node.targets)
        for attr in ast.walk(node.value)
        if isinstance(attr, ast.Attribute)
        and isinstance(attr.value, ast.Name)
        and attr.value.id == "ErrorKind"
    ]
    return found or [str(k) for k in ErrorKind]


def _samples(node: ast.expr, consts: dict[str, str], kinds: list[str] | None = None) -> list[str]:
    """Messages the expression can produce, each placeholder filled with a plausible value;
    a placeholder named ``kind`` (the message starts with the kind) takes each possible kind."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Name | ast.Attribute):
        name = node.id if isinstance(node, ast.Name) else node.attr
        return [consts[name]] if name in consts else []
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _samples(node.left, consts, kinds), _samples(node.right, consts, kinds)
        return [a + b for a in left for b in right]
    if isinstance(node, ast.IfExp):
        return _samples(node.body, consts, kinds) + _samples(node.orelse, consts, kinds)
    if isinstance(node, ast.JoinedStr):
        out = [""]
        for part in node.values:
            if isinstance(part, ast.Constant):
                out = [o + str(part.value) for o in out]
                continue
            assert isinstance(part, ast.FormattedValue)
            src = ast.unparse(part.value)
            if src == "kind":
                fills = kinds or [str(k) for k in ErrorKind]
            elif src in consts:
                fills = [consts[src]]
            else:
                fills = ["7"]  # a number fits every numeric group, and any free text
            out = [o + f for o in out for f in fills]
        return out
    return []


def _templates() -> dict[str, list[str]]:
    """``file:line`` -> sample messages of each ``MinerError(kind, message)`` in core whose
    message is written there (not passed through from a variable)."""
    consts = _constants()
    found: dict[str, list[str]] = {}
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        funcs = [f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)]
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("MinerError", "HostileReply")
                and node.args
            ):
                msg = node.args[-1]
                if isinstance(msg, ast.Name) and msg.id not in consts:
                    continue  # passed through (``message``), built elsewhere
                if isinstance(msg, ast.Call):
                    continue  # crash_message(): its own return values are collected below
                home = [f for f in funcs if f.lineno <= node.lineno <= (f.end_lineno or 0)]
                kinds = _kinds(home[-1]) if home else None
                found[f"{path.relative_to(CORE)}:{node.lineno}"] = _samples(msg, consts, kinds)
            if isinstance(node, ast.FunctionDef) and node.name == "crash_message":
                for ret in ast.walk(node):
                    if isinstance(ret, ast.Return) and ret.value is not None:
                        found[f"{path.relative_to(CORE)}:{ret.lineno}"] = _samples(
                            ret.value, consts
                        )
    return found


def _kind_of(message: str) -> str | None:
    return next((k for k in ErrorKind if message.startswith(f"{k}:")), None)


def test_the_collector_sees_the_messages() -> None:
    found = _templates()
    assert len(found) > 40, sorted(found)
    flat = [m for ms in found.values() for m in ms]
    assert "refused: nothing listens on port 7" in flat
    assert "auth failed: set the password for this miner or its group" in flat
    assert all(found.values()), [k for k, v in found.items() if not v]


@pytest.mark.parametrize("lang", LANGS)
def test_every_core_message_is_translated(lang: str) -> None:
    missing = []
    for where, messages in _templates().items():
        for message in messages:
            # placeholders are filled with "7": any English word left means only the head
            # ("bad reply: …") was translated, not the message's own words
            shown = localise(message, lang)
            if shown == message or ENGLISH_WORD.search(shown):
                missing.append(f"{where}: {message!r} -> {shown!r}")
    assert missing == []


def test_common_shapes_have_their_own_words_not_only_the_head() -> None:
    """The messages an operator sees most are translated whole, not as 'refused: <English>'."""
    cases = {
        "refused: nothing listens on port 14028": "拒绝连接：端口 14028 上没有程序在监听",
        "timed out: no TCP answer in 3 s": "超时：3 秒内没有 TCP 应答",
        "timed out: no complete reply in 5 s": "超时：5 秒内没有收到完整回复",
        "auth failed: set the password for this miner or its group": (
            "认证失败：请为这台矿机或其分组设置密码"
        ),
    }
    for message, zh in cases.items():
        assert localise(message, "zh") == zh
        assert localise(message, "zh_CN") == zh
        assert not re.search(r"[a-z]{4,}", localise(message, "ru"))


def test_a_free_form_tail_is_kept_and_the_head_translated() -> None:
    message = "bad reply: could not read it (ValueError: Expecting ',' delimiter)"
    assert localise(message, "ru") == (
        "неверный ответ: не удалось прочитать (ValueError: Expecting ',' delimiter)"
    )
    assert localise("bad reply: something new nobody listed", "zh") == (
        "回复异常：something new nobody listed"
    )


def test_english_and_unknown_text_pass_unchanged() -> None:
    message = "refused: nothing listens on port 4028"
    assert localise(message, "en") == message
    assert localise(message, None) == message
    assert localise(message, "de") == message
    assert localise("the engine stopped", "zh") == "the engine stopped"
    assert localise("", "zh") == ""


def test_translations_keep_every_named_group() -> None:
    data = json.loads(resource_path("i18n", "errors.json").read_text(encoding="utf-8"))
    rows = data["messages"]
    assert len(rows) == len(entries())  # every pattern compiled
    for row in rows:
        groups = set(re.compile(row["pattern"]).groupindex)
        for lang in LANGS:
            assert set(re.findall(r"\{(\w+)\}", row[lang])) == groups, (row["pattern"], lang)


def test_a_broken_data_file_leaves_english(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "errors.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(errwords, "resource_path", lambda *p: tmp_path.joinpath(*p))
    errwords.entries.cache_clear()
    try:
        assert localise("refused: nothing listens on port 4028", "zh") == (
            "refused: nothing listens on port 4028"
        )
        assert "errors.json" in caplog.text
    finally:
        errwords.entries.cache_clear()


def test_kinds_all_have_a_head() -> None:
    """A new message of any kind is at least read as its kind in the language."""
    for kind in ErrorKind:
        assert _kind_of(f"{kind}: x") == kind
        assert localise(f"{kind}: something unlisted", "zh") != f"{kind}: something unlisted"


def test_a_repeated_message_is_translated_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window asks for an offline row's text on every repaint: the patterns run once."""
    calls: list[str] = []
    real = errwords._translate

    def counting(table: Any, message: str, code: str) -> str:
        calls.append(message)
        return real(table, message, code)

    monkeypatch.setattr(errwords, "_translate", counting)
    message = "refused: nothing listens on port 40999"
    first = localise(message, "zh")
    assert localise(message, "zh_CN") == first != message
    assert localise(message, "ru") != first
    assert calls == [message, message]  # once for zh, once for ru
