"""The command line's human output follows the locale (rig_monitor/cli/words.py): the tests
here read English tables, so they run with no locale set, whatever the machine's is."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
