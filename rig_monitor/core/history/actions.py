"""Actions on miners as history events: who did what to which miner, and how it went.

The action log (``core/actions/log.py``) is the one place every action result goes through, from
the CLI and the window alike; :class:`ActionHistory` is one of its sinks and hands each confirmed
action (dry runs are previews, not actions) to the recorder's writer thread as an ``action``
event. The record carries result words only, never a password; pool URLs are shown without any
``user:password@`` part in case a pool address carried one.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from rig_monitor.core.actions import log as action_log
from rig_monitor.core.history.recorder import HistoryRecorder
from rig_monitor.core.history.records import EventIn
from rig_monitor.core.history.store import operator_name

log = logging.getLogger(__name__)

_USERINFO = re.compile(r"(://)[^/@\s]+@")


def _clean(text: str) -> str:
    return _USERINFO.sub(r"\1***@", text)


def outcome(rec: Mapping[str, Any]) -> str:
    """``reboot: done (…)``, ``locate-on: not supported — …``, ``restart: failed — …``."""
    action = str(rec.get("action") or "action")
    if rec.get("ok"):
        detail = rec.get("detail")
        return f"{action}: done" + (f" ({detail})" if detail else "")
    why = rec.get("error") or rec.get("detail") or "no reason given"
    if rec.get("supported") is False:
        return f"{action}: not supported — {why}"
    return f"{action}: failed — {why}"


def action_event(rec: Mapping[str, Any], operator: str | None = None) -> EventIn | None:
    """The history event of one action-log record; None for a dry run (nothing was sent)."""
    if rec.get("dry_run") or rec.get("ok") is None:
        return None
    when = rec.get("when")
    return EventIn(
        float(when) if isinstance(when, int | float) else time.time(),
        f"{rec.get('ip')}:{rec.get('port')}",
        "action",
        title=str(rec.get("action") or "action"),
        detail=_clean(outcome(rec)),
        operator=operator or operator_name(),
    )


class ActionHistory:
    """An action-log sink that records every confirmed action into a history recorder.

    Use as a context manager (or :meth:`attach` / :meth:`detach`). It is called on whatever
    thread runs the actions and only queues (the writer thread writes); it never raises into the
    action run. ``on_recorded`` runs on the writer thread once the event is written.
    """

    def __init__(
        self,
        recorder: HistoryRecorder,
        *,
        operator: str | None = None,
        on_recorded: Callable[[], None] | None = None,
    ) -> None:
        self.recorder = recorder
        self.operator = operator or operator_name()
        self.on_recorded = on_recorded
        self.recorded = 0
        self._lock = threading.Lock()
        self._notify_queued = False

    def _notify(self, _store: object) -> None:  # writer thread, after the events were written
        with self._lock:
            self._notify_queued = False
        if self.on_recorded is not None:
            self.on_recorded()

    def __call__(self, rec: dict[str, Any]) -> None:
        try:
            event = action_event(rec, self.operator)
            if event is None:
                return
            self.recorder.add_events([event])
            with self._lock:
                self.recorded += 1
                notify = self.on_recorded is not None and not self._notify_queued
                self._notify_queued = self._notify_queued or notify
            if notify:  # one notice for a burst (a 500-miner reboot), not one view reload each
                self.recorder.call(self._notify)
        except Exception:  # history must never stop an action
            log.exception("recording an action in history failed")

    def attach(self) -> ActionHistory:
        if self not in action_log.SINKS:
            action_log.SINKS.append(self)
        return self

    def detach(self) -> None:
        if self in action_log.SINKS:
            action_log.SINKS.remove(self)

    def __enter__(self) -> ActionHistory:
        return self.attach()

    def __exit__(self, *exc: object) -> None:
        self.detach()
