"""The command line speaks the operator's language (``--lang``, else the locale) in its human
output, and never in its JSON: ``explain`` headings, ``poll``/``diagnose`` tables, totals,
incidents and fault texts. Simulated miners on loopback only."""

from __future__ import annotations

import ast
import io
import json
import re
import socket
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from rig_monitor import cli
from rig_monitor.cli import main
from rig_monitor.cli.words import Words, language
from rig_monitor.core.model import Severity
from rig_monitor.core.resources import resource_path
from rig_monitor.sim.fleet import SimFleet
from rig_monitor.sim.thread import SimFleetThread

PORT = 24197
CJK = re.compile("[\u4e00-\u9fff]")
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@pytest.fixture
def no_locale(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def run(*argv: str) -> str:
    out = io.StringIO()
    assert main(list(argv), out) == 0
    return out.getvalue()


def test_language_comes_from_the_option_then_the_locale() -> None:
    assert language("zh_CN") == "zh" and language("ru") == "ru" and language("xx") == "en"
    assert language(None, {"LANG": "ru_RU.UTF-8"}) == "ru"
    assert language(None, {"LC_ALL": "zh_CN.UTF-8", "LANG": "ru_RU.UTF-8"}) == "zh"
    assert language(None, {"LC_MESSAGES": "C.UTF-8"}) == "en"
    assert language(None, {}) == "en"
    assert language("en", {"LANG": "zh_CN.UTF-8"}) == "en"  # the option wins


def test_explain_headings_follow_lang_and_locale(no_locale: pytest.MonkeyPatch) -> None:
    english = run("explain", "fan_failed")
    assert "Likely causes:" in english and "How to confirm:" in english
    zh = run("explain", "fan_failed", "--lang", "zh")
    assert "可能原因：" in zh and "如何确认：" in zh and "风扇停转" in zh
    assert "Likely causes" not in zh and "How to confirm" not in zh and "Caution" not in zh
    no_locale.setenv("LANG", "ru_RU.UTF-8")
    ru = run("explain", "fan_failed")
    assert "Вероятные причины:" in ru and "Вентилятор остановился" in ru
    assert "Likely causes" not in ru and "Thresholds" not in ru


def test_explain_json_ignores_the_locale(no_locale: pytest.MonkeyPatch) -> None:
    plain = json.loads(run("explain", "chips_missing", "--json"))
    no_locale.setenv("LANG", "zh_CN.UTF-8")
    assert json.loads(run("explain", "chips_missing", "--json")) == plain
    asked = json.loads(run("explain", "chips_missing", "--json", "--lang", "zh"))
    assert CJK.search(asked["title"]) and asked["params"] == plain["params"]  # asked: given


def _word_calls() -> set[str]:
    """English texts the CLI passes to Words (w("..."), self("...")) or lists as headers."""
    texts: set[str] = set(cli.POLL_HEADER)
    texts |= {s.value for s in Severity} | {s.value.upper() for s in Severity}  # w(str(sev))
    texts |= {"{days} d {hours} h", "{hours} h {minutes} min", "{minutes} min"}  # core.fmt.uptime
    for path in Path(cli.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name | ast.Attribute)
                and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr)
                in ("w", "self")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                texts.add(node.args[0].value)
    return texts


@pytest.mark.parametrize("lang", ["zh", "ru"])
def test_every_cli_word_is_translated_with_its_placeholders(lang: str) -> None:
    words = json.loads(resource_path("i18n", "cli.json").read_text(encoding="utf-8"))[lang]
    used = _word_calls()
    assert len(used) > 25  # the scan sees the calls
    assert sorted(used - set(words)) == []

    def names(text: str) -> set[str]:
        return {n for _, n, _, _ in string.Formatter().parse(text) if n}

    assert [k for k, v in words.items() if names(k) != names(v)] == []
    assert Words(lang).duration(3 * 3600 + 5 * 60) != "3 h 5 min"


@pytest.fixture
def rack() -> Iterator[SimFleet]:
    """40 miners in 127.97.1.0/26, 20 of them dark together: one incident."""
    fleet = SimFleet.build(base="127.97.1.1", count=40, seed=7, port=PORT, personas=["antminer"])
    for m in fleet.miners[10:30]:
        m.inject("offline")
    fleet.miners[35].inject("fan_stopped")
    with SimFleetThread(fleet):
        yield fleet


def test_diagnose_speaks_russian_and_its_json_stays_english(
    rack: SimFleet, no_locale: pytest.MonkeyPatch
) -> None:
    target = f"127.97.1.1-40:{PORT}"
    text = run("diagnose", target, "--timeout", "1", "--lang", "ru")
    assert "ИНЦИДЕНТЫ (общие причины)" in text and "асиков: 20" in text
    assert "не отвечают" in text  # the incident's title, from catalogue.ru.json
    header = next(line for line in text.splitlines() if line.startswith("IP"))
    assert "СОСТОЯНИЕ" in header and "STATUS" not in header
    assert "НЕ В СЕТИ" in text and "в сети 20, не в сети 20" in text
    assert "Вентилятор остановился" in text  # a miner's fault title in the table
    assert "INCIDENTS" not in text and " online, " not in text

    no_locale.setenv("LANG", "ru_RU.UTF-8")  # the locale: the table follows, the JSON does not
    assert "СОСТОЯНИЕ" in run("poll", target, "--timeout", "1")
    doc = json.loads(run("diagnose", target, "--timeout", "1", "--json"))
    [incident] = [i for i in doc["incidents"] if i["id"] == "site_network_or_power"]
    assert "unreachable" in incident["title"] and not CYRILLIC.search(json.dumps(doc))


def test_watch_table_follows_lang_and_jsonl_does_not(
    rack: SimFleet, no_locale: pytest.MonkeyPatch
) -> None:
    target = f"127.97.1.31-40:{PORT}"
    argv = ("watch", target, "--sweeps", "1", "--interval", "1", "--timeout", "1")
    text = run(*argv, "--lang", "zh")
    assert "== 第 1 轮，" in text and "状态" in text and "在线 10 台" in text
    assert "sweep" not in text and "STATUS" not in text and " online" not in text
    no_locale.setenv("LANG", "zh_CN.UTF-8")
    doc = json.loads(run(*argv, "--jsonl"))
    assert doc["sweep"] == 1 and len(doc["miners"]) == 10
    assert not CJK.search(json.dumps(doc, ensure_ascii=False))


def test_poll_gives_a_refused_reason_in_chinese_and_json_keeps_english(
    no_locale: pytest.MonkeyPatch,
) -> None:
    """A port bound but not listening answers a connect with RST: the engine's "refused: …"
    reason, shown in the table's language; ``--json`` keeps the English words."""
    with socket.socket() as closed:
        closed.bind(("127.97.3.1", 0))  # held, not listening: nobody else can listen there
        port = closed.getsockname()[1]
        target = f"127.97.3.1:{port}"
        out = io.StringIO()
        rc = main(["poll", target, "--timeout", "1", "--lang", "zh"], out)
        text = out.getvalue()
        assert f"拒绝连接：端口 {port} 上没有程序在监听" in text, text
        assert "refused" not in text and rc == 0
        out = io.StringIO()
        main(["poll", target, "--timeout", "1", "--json"], out)
        doc = json.loads(out.getvalue())
        assert f"refused: nothing listens on port {port}" in json.dumps(doc)
        assert not CJK.search(json.dumps(doc, ensure_ascii=False))
