"""IceRiver (KS Kaspa / AL Alephium): web only (port 80), one page carries everything.

Login ``POST /user/loginpost?post=6&user=admin&pwd=…`` sets a session cookie (kept in
``session.state`` between polls); ``POST /user/userpanel?post=4`` answers ``data{softver1, fans[],
mac, host, unit, rtpow, runtime, boards[]{no, intmp, outtmp, rtpow, chipnum}, pools[]}``. When the
cookie has expired the miner answers its login page (HTML) instead: the driver logs in again once,
and a rejected password is "auth failed".

Units: rates are strings with a unit letter ("6012G", "12.1T"; bare numbers take ``data.unit``),
normalised to TH/s of the coin's own hash (kHeavyHash, Blake3), not SHA-256. The model is the last
``_`` token of ``softver1`` ("1.1.3_ks3m" → KS3M), spelt as the model database spells it. Boards
report inlet/outlet sensors (``intmp``/``outtmp``); there is no chip temperature and no power.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from rig_monitor.core.drivers.base import Driver, Session, base_snapshot, share_age
from rig_monitor.core.drivers.jsonpick import items, mapping, text
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import (
    Board,
    ErrorKind,
    Identity,
    MinerSnapshot,
    Pool,
    PoolStatus,
    Target,
)
from rig_monitor.core.modeldb import lookup
from rig_monitor.core.values import TO_THS, integer, max_or_none, num, temp

LOGIN = "/user/loginpost"
PANEL = "/user/userpanel"
COOKIE_KEY = "iceriver_cookie"
NO_LOGIN = "-"  # cached when the miner has no login endpoint (404): the panel is asked as is
AUTH_MESSAGE = "auth failed: set the password for this miner or its group"
_RATE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([KMGTP]?)", re.IGNORECASE)


def rate_ths(value: Any, unit: Any = "G") -> float | None:
    """ "6012G" → 6.012, "12.1T" → 12.1, 950 with unit "G" → 0.95; None when unreadable."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        number, prefix = float(value), ""
    else:
        m = _RATE.match(str(value))
        if not m:
            return None
        number, prefix = float(m.group(1)), m.group(2)
    letter = (prefix or (text(unit) or "G")[:1]).upper()
    return number * TO_THS.get(letter, 1e-3)


def runtime_s(value: Any) -> int | None:
    """ "3:04:05:06" (d:h:m:s) → seconds."""
    t = text(value)
    if t is None:
        return None
    parts = t.split(":")
    if not 1 <= len(parts) <= 4 or not all(p.strip().isdigit() for p in parts):
        return None
    total = 0
    for p, mult in zip(reversed(parts), (1, 60, 3600, 86400), strict=False):
        total += int(p) * mult
    return total


def model_token(softver: Any) -> str | None:
    """The model token of ``softver1`` ("1.1.3_ks3m", "…_ks3m_miner") → "ks3m"."""
    t = text(softver)
    if t is None:
        return None
    tokens = [x for x in t.split("_") if x and x.lower() != "miner"]
    return tokens[-1] if len(tokens) > 1 else None


class IceRiverDriver(Driver):
    family: ClassVar[str] = "iceriver"
    make: ClassVar[str | None] = "IceRiver"

    async def fetch(self, session: Session) -> dict[str, Any]:
        if session.http is None:
            raise MinerError(ErrorKind.BAD_REPLY, "bad reply: no HTTP client for a web-only miner")
        cookie = session.state.get(COOKIE_KEY) or await self._login(session)
        doc = await self._panel(session, cookie)
        if doc is None:  # the login page: the session expired (or the miner rebooted)
            doc = await self._panel(session, await self._login(session))
        if doc is None:
            raise MinerError(ErrorKind.AUTH_FAILED, AUTH_MESSAGE)
        return {PANEL: doc}

    async def _login(self, session: Session) -> str:
        assert session.http is not None
        cred = session.credential()
        user, pwd = (cred.username, cred.password) if cred else ("admin", "12345678")
        reply = await session.http.post(
            session.web_url(LOGIN), params={"post": "6", "user": user, "pwd": pwd}
        )
        if reply.status == 404:
            # no login page at all: ask the panel without a session; a panel that then answers
            # its login page still ends in AUTH_FAILED below
            session.state[COOKIE_KEY] = NO_LOGIN
            return NO_LOGIN
        cookie = reply.headers.get("set-cookie", "").split(";", 1)[0].strip()
        try:
            doc = reply.json()
        except MinerError:
            doc = None
        failed = isinstance(doc, dict) and integer(doc.get("error")) not in (None, 0)
        if reply.status in (401, 403) or failed or "=" not in cookie:
            raise MinerError(ErrorKind.AUTH_FAILED, AUTH_MESSAGE)
        session.state[COOKIE_KEY] = cookie
        return cookie

    async def _panel(self, session: Session, cookie: str) -> Any:
        """The userpanel JSON, or None when the miner answered its login page."""
        assert session.http is not None
        headers = {"Cookie": cookie} if cookie != NO_LOGIN else None
        reply = await session.http.post(
            session.web_url(PANEL), params={"post": "4"}, headers=headers
        )
        if reply.status >= 400 and reply.status not in (401, 403):
            raise MinerError(
                ErrorKind.BAD_REPLY, f"bad reply: {reply.url} answered HTTP {reply.status}"
            )
        if reply.status in (401, 403) or reply.text.lstrip()[:1] == "<":
            session.state.pop(COOKIE_KEY, None)
            return None
        return reply.json()

    def parse(self, target: Target, replies: dict[str, Any], identity: Identity) -> MinerSnapshot:
        snap = base_snapshot(target, identity, replies)
        d = mapping(mapping(replies.get(PANEL)).get("data"))
        snap.make = "IceRiver"
        snap.firmware = "stock"
        softver = text(d.get("softver1"))
        token = model_token(softver)
        if token:
            spec = lookup("IceRiver", token)
            snap.model = spec.model if spec is not None else token.upper()
            snap.firmware_version = softver[: -len(token)].rstrip("_") if softver else None
        else:
            snap.model = identity.model
            snap.firmware_version = softver
        mac = text(d.get("mac"))
        snap.mac = mac.replace("-", ":").upper() if mac else None
        snap.hostname = text(d.get("host"))
        unit = d.get("unit")
        snap.hashrate_ths = rate_ths(d.get("rtpow"), unit)
        snap.hashrate_avg_ths = rate_ths(d.get("avgpow"), unit)
        snap.uptime_s = runtime_s(d.get("runtime"))
        fans = d.get("fans")
        snap.fans_rpm = (
            [r for f in fans if (r := integer(f)) is not None] if isinstance(fans, list) else []
        )
        boards: dict[int, Board] = {}
        for b in items(d.get("boards")):
            no = integer(b.get("no"))
            index = no - 1 if no is not None and no >= 1 else len(boards)
            if not 0 <= index < 16 or index in boards:
                continue
            inlet, outlet = temp(b.get("intmp")), temp(b.get("outtmp"))
            boards[index] = Board(
                index=index,
                hashrate_ths=rate_ths(b.get("rtpow"), unit),
                nominal_hashrate_ths=rate_ths(b.get("idealpow"), unit),
                chips=integer(b.get("chipnum")),
                temp_inlet_c=inlet,
                temp_outlet_c=outlet,
                temp_board_c=max_or_none((inlet, outlet)),
                frequency_mhz=num(b.get("freq")) or None,
            )
        snap.boards = [boards[i] for i in sorted(boards)]
        snap.temp_board_max_c = max_or_none(b.temp_board_c for b in snap.boards)
        ideal = [b.nominal_hashrate_ths for b in snap.boards]
        if ideal and all(v for v in ideal):
            snap.nominal_hashrate_ths = sum(v for v in ideal if v)
        for p in items(d.get("pools")):
            url = text(p.get("addr"))
            if url is None:
                continue
            state = p.get("state")
            connect = p.get("connect")
            snap.pools.append(
                Pool(
                    url=url,
                    user=text(p.get("user")),
                    status=PoolStatus.parse(
                        str(integer(state)) if integer(state) is not None else None
                    ),
                    active=_connected(connect),
                    priority=integer(p.get("no")),
                    accepted=integer(p.get("accepted")),
                    rejected=integer(p.get("rejected")),
                    last_share_age_s=share_age(None, p.get("lstime")),  # "00:00:03" ago
                )
            )
        if snap.pools:
            snap.accepted = sum(p.accepted or 0 for p in snap.pools)
            snap.rejected = sum(p.rejected or 0 for p in snap.pools)
        spec = lookup("IceRiver", snap.model)
        if spec is not None:
            snap.expected_boards = spec.boards
            snap.expected_fans = spec.fans
            for board in snap.boards:
                board.expected_chips = spec.chips_per_board
        return snap


def _connected(value: object) -> bool | None:
    """The pool's ``connect``: a bool in some builds, 1.0 / -1.0 in a real KS5L's reply."""
    if isinstance(value, bool):
        return value
    n = num(value)
    return None if n is None else n > 0
