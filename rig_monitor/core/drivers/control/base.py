"""What a driver can do to a miner (not just read it): the action vocabulary and the controller base.

An action is a *capability* of a firmware family, declared up front (``Controller.reasons``), so
the window and the CLI can say "not supported by this firmware, because …" before sending a byte.
Controllers talk only the firmware's own control protocol; orchestration (confirmation, dry run,
staggering, rate limits, the action log) lives in ``rig_monitor.core.actions``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlsplit

from rig_monitor.core.actions.kinds import Action as Action  # the vocabulary, re-exported
from rig_monitor.core.credentials import Credential
from rig_monitor.core.drivers.base import Session

POOL_SCHEMES = ("stratum+tcp", "stratum+ssl", "stratum+tls", "stratum2+tcp", "stratum")
_HOST = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$")


class PoolError(ValueError):
    """A pool the user typed that no firmware would accept."""


@dataclass(frozen=True, slots=True)
class PoolSpec:
    url: str
    user: str
    password: str = "x"  # what pools expect when they ignore it (the usual "x")

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def port(self) -> int:
        return urlsplit(self.url).port or 3333

    def __repr__(self) -> str:  # a pool password is often a secret too
        return f"PoolSpec(url={self.url!r}, user={self.user!r}, password=***)"


def parse_pool(text: str) -> PoolSpec:
    """``URL,USER[,PASS]`` → PoolSpec; raises PoolError with a message an operator can act on."""
    parts = [p.strip() for p in text.split(",", 2)]
    if len(parts) < 2 or not parts[0] or not parts[1]:
        raise PoolError(f"{text!r}: give a pool as URL,USER[,PASS]")
    url, user = parts[0], parts[1]
    password = parts[2] if len(parts) == 3 and parts[2] else "x"
    check_pool_url(url)
    for name, value in (("user", user), ("password", password)):
        if any(c in value for c in "\x00\r\n") or len(value) > 255:
            raise PoolError(f"{name} for {url}: control characters or over 255 characters")
    return PoolSpec(url, user, password)


def check_pool_url(url: str) -> None:
    scheme, sep, _ = url.partition("://")
    if not sep or scheme.lower() not in POOL_SCHEMES:
        raise PoolError(
            f"{url!r} is not a stratum URL: it must start with "
            + " or ".join(f"{s}://" for s in POOL_SCHEMES[:3])
        )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise PoolError(f"{url!r}: bad port ({exc})") from None
    host = parts.hostname or ""
    if not host or not _HOST.match(host if ":" not in host else f"[{host}]"):
        raise PoolError(f"{url!r}: no valid host name")
    if port is None:
        raise PoolError(f"{url!r}: name the port (e.g. {scheme}://{host}:3333)")
    if not 1 <= port <= 65535:
        raise PoolError(f"{url!r}: port out of range")
    if any(c in url for c in " ,\x00\r\n|"):
        raise PoolError(f"{url!r}: spaces, commas or '|' cannot be sent to a miner")


class ActionRefused(Exception):
    """The firmware answered and said no (access denied, wrong password, unknown command…)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


NOT_SUPPORTED = "not supported by this firmware"
NOT_YET = "not implemented in Rig Monitor yet"


class Controller:
    """One firmware family's control protocol. ``reasons`` maps every action this family cannot
    do to why; an action absent from it is supported and handled by :meth:`run`."""

    family: ClassVar[str]
    reasons: ClassVar[dict[Action, str]] = {}

    def supports(self, action: Action) -> bool:
        return action not in self.reasons

    def reason(self, action: Action) -> str | None:
        return self.reasons.get(action)

    def plan(self, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        """One line: what :meth:`run` would send (for the dry run)."""
        return action.value

    def restarts(self, action: Action) -> bool:
        """Whether doing ``action`` restarts the miner's uptime (so its reboot is expected)."""
        return action.reboots

    async def run(self, session: Session, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        """Do it; return a short detail for the report. Raises ActionRefused or MinerError."""
        raise NotImplementedError

    @staticmethod
    def credential(session: Session) -> Credential:
        cred = session.credential()
        if cred is None:
            raise ActionRefused("no password known for this miner: set one first")
        return cred


class Unsupported(Controller):
    """A family whose firmware (or whose API as Rig Monitor speaks it) offers no actions."""

    def __init__(self, family: str, why: str) -> None:
        self.family_name = family
        self.why = why

    def supports(self, action: Action) -> bool:
        return False

    def reason(self, action: Action) -> str | None:
        return self.why
