"""The command line's human output in the operator's language (``--lang`` or the locale).

The words live in ``resources/i18n/cli.json`` (English text -> translation, per language), as
the window's live in its ``.ts`` files: the CLI never loads Qt. JSON output is for programs and
stays as it is, whatever the locale; only the tables, headings and sentences a person reads
follow the language. A word missing in a language is printed in English, never an error.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Mapping
from typing import Any

from rig_monitor.core.fmt import uptime
from rig_monitor.core.resources import ResourceError, load_json, resource_path

log = logging.getLogger(__name__)

LANGS = ("en", "zh", "ru")
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX order: the first one set wins


def language(explicit: str | None, environ: Mapping[str, str] | None = None) -> str:
    """``explicit`` (``--lang``: zh, zh_CN, ru, en …) or the locale's language; else English."""
    if explicit:
        return _code(explicit)
    env = os.environ if environ is None else environ
    for name in LOCALE_VARS:
        value = env.get(name, "")
        if value:
            return _code(value)
    return "en"


def _code(name: str) -> str:
    code = name.replace("-", "_").split("_")[0].split(".")[0].lower()
    return code if code in LANGS else "en"


@functools.cache
def _table(lang: str) -> dict[str, str]:
    if lang == "en":
        return {}
    path = resource_path("i18n", "cli.json")
    try:
        data: Any = load_json(path)
    except (OSError, ResourceError, ValueError) as exc:
        log.warning("%s; the command line speaks English", exc)
        return {}
    table = data.get(lang, {}) if isinstance(data, dict) else {}
    return {str(k): str(v) for k, v in table.items()} if isinstance(table, dict) else {}


class Words:
    """``w("Likely causes:")`` in the language, ``w.duration(seconds)`` with its units."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._words = _table(lang)

    def __call__(self, text: str) -> str:
        return self._words.get(text, text)

    def duration(self, seconds: int | None) -> str:
        return uptime(seconds, self)


ENGLISH = Words("en")
