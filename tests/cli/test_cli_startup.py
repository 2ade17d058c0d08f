"""What a ``rig-monitor`` process pays before its first miner: modules a command that does not
need them must not import (each one is start-up time of every ``poll``, benchmarks/warm.py)."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.split())


def test_building_the_parser_reads_no_package_metadata() -> None:
    mods = _modules_after("from rig_monitor.cli import build_parser\nbuild_parser()")
    assert "rig_monitor.cli" in mods
    assert "importlib.metadata" not in mods
    assert "keyring" not in mods


def test_version_is_read_when_asked() -> None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        expected = version("rig-monitor")
    except PackageNotFoundError:
        expected = "0.0.0+unknown"
    out = subprocess.run(
        [sys.executable, "-m", "rig_monitor", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert out.stdout.strip() == f"rig-monitor {expected}"
    import rig_monitor

    assert rig_monitor.__version__ == expected


def test_a_poll_command_line_imports_no_other_command_module() -> None:
    mods = _modules_after(
        "from rig_monitor.cli import build_parser\n"
        "build_parser(['poll', '127.0.0.1', '--json']).parse_args(['poll', '127.0.0.1'])"
    )
    assert not {f"rig_monitor.cli.{m}" for m in ("serve", "notify", "action", "history")} & mods
    assert "sqlite3" not in mods


def test_command_modules_table_names_what_each_module_registers_or_extends() -> None:
    from rig_monitor.cli import COMMAND_MODULES, build_parser

    builtin = _choices(build_parser(["poll"]))
    for name, words in COMMAND_MODULES.items():
        sub = argparse.ArgumentParser().add_subparsers()
        stand_ins = {word: sub.add_parser(word) for word in builtin}
        before = {word: len(p._actions) for word, p in stand_ins.items()}
        importlib.import_module(f"rig_monitor.cli.{name}").register(sub)
        added = set(sub.choices) - builtin
        extended = {w for w, p in stand_ins.items() if len(p._actions) != before[w]}
        assert added | extended == set(words), name


def _choices(parser: argparse.ArgumentParser) -> set[str]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(subs[0].choices)


def test_each_command_line_gets_its_own_module_and_help_gets_all() -> None:
    from rig_monitor.cli import build_parser

    for argv, present, absent in (
        (["handover"], "handover", "serve"),
        (["serve"], "serve", "history"),
        (["poll", "10.0.0.1"], "poll", "explain"),
        (["watch", "--record"], "history", "serve"),
    ):
        choices = _choices(build_parser(argv))
        assert present in choices and absent not in choices, argv
    everything = _choices(build_parser(["--help"]))
    assert {"poll", "serve", "notify", "action", "explain", "report"} <= everything
    assert _choices(build_parser()) == everything


def test_unknown_command_still_lists_every_choice(capsys: pytest.CaptureFixture[str]) -> None:
    from rig_monitor.cli import main

    with pytest.raises(SystemExit):
        main(["nosuchcommand"])
    err = capsys.readouterr().err
    assert "handover" in err and "serve" in err and "poll" in err
