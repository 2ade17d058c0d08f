"""Engine and driver error messages in the operator's language, at display time.

The messages are built in English where the failure happens (core has no Qt and JSON output,
logs and the history database keep English, so a script matching ``refused:`` keeps working).
Only where a person reads one (the window's Error column, the detail pane, fault evidence,
the CLI's tables) is it passed through ``localise``. The translations are data,
``resources/i18n/errors.json``: regular expressions whose named groups (addresses, OS errors,
firmware text) are carried over untranslated. A message no pattern fits is shown as it is:
English is still better than nothing, and a broken data file must not hide the error itself.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

from rig_monitor.core.resources import ResourceError, load_json, resource_path

log = logging.getLogger(__name__)

Entry = tuple[re.Pattern[str], dict[str, str]]

# (message, language) -> text: a fleet shows a handful of distinct messages, and the window asks
# for each offline row's text on every repaint; up to 63 regular expressions each time is waste.
# Emptied whenever the table is (re)loaded, so it never outlives the patterns it came from.
_memo: dict[tuple[str, str], str] = {}
_MEMO_MAX = 4096


def lang_code(lang: str | None) -> str:
    """``zh_CN``, ``zh-CN``, ``zh``, ``ru_RU.UTF-8`` -> ``zh`` / ``ru``: the window names its
    languages as Qt does, the CLI by their short code; the data file uses the short one."""
    if not lang:
        return "en"
    return lang.replace("-", "_").split("_")[0].split(".")[0].lower()


@functools.cache
def entries() -> tuple[Entry, ...]:
    _memo.clear()
    path = resource_path("i18n", "errors.json")
    try:
        data: Any = load_json(path)
    except (OSError, ResourceError) as exc:
        log.warning("%s; error messages are shown in English", exc)
        return ()
    rows = data.get("messages") if isinstance(data, dict) else None
    out: list[Entry] = []
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict) or not isinstance(row.get("pattern"), str):
            log.warning("%s: an entry without a pattern is skipped: %r", path, row)
            continue
        try:
            pattern = re.compile(row["pattern"])
        except re.error as exc:
            log.warning("%s: pattern %r is not valid (%s); skipped", path, row["pattern"], exc)
            continue
        texts = {k: v for k, v in row.items() if k != "pattern" and isinstance(v, str)}
        out.append((pattern, texts))
    return tuple(out)


def localise(message: str, lang: str | None) -> str:
    """``message`` in ``lang`` (zh/zh_CN, ru), or unchanged when English or nothing fits."""
    code = lang_code(lang)
    if code == "en" or not message:
        return message
    table = entries()  # before the memo: a reload empties it
    key = (message, code)
    text = _memo.get(key)
    if text is None:
        if len(_memo) >= _MEMO_MAX:
            _memo.clear()
        text = _memo[key] = _translate(table, message, code)
    return text


def _translate(table: tuple[Entry, ...], message: str, code: str) -> str:
    for pattern, texts in table:
        match = pattern.fullmatch(message)
        if match is None:
            continue
        text = texts.get(code)
        if text is None:
            return message
        try:
            return text.format(**match.groupdict(default=""))
        except (KeyError, IndexError, ValueError) as exc:
            log.warning("errors.json: %r for %s cannot be filled (%s)", text, code, exc)
            return message
    return message
