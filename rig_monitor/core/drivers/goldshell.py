"""Goldshell boxes (KD Kadena, HS Handshake, LT Litecoin…): bfgminer-style RPC plus a JSON web API.

Every poll reads the RPC (``version``, ``summary``, ``devs``, ``devdetails``, ``pools``):
hashrate ``MHS 20s`` (MH/s); per device (``PGA``/``ID``, 0-based) ``MHS 20s``, ``tstemp-0``/
``tstemp-1`` (chip sensors), ``tstemp-2`` (board sensor), ``fan0``…``fan7`` (rpm, the unit's fans,
repeated on every device: read from the first); ``devdetails`` ``DEVS[]{"chips-nr"}``.

The web API names the machine: ``GET /user/login?username=admin&password=…&cipher=false`` →
``{"JWT Token"}`` (cached in ``session.state``, renewed once when refused), then ``Authorization:
Bearer`` on ``/mcb/status`` (``model`` "KD-Box" → "KD Box", ``firmware``) and ``/mcb/setting``
(``name``, the MAC). A web failure keeps the RPC reading and adds a note (model unknown).
When the RPC has no ``devs``, the web API's own ``/mcb/cgminer?cgminercmd=devs`` (``data[]``:
``hashrate``/``av_hashrate`` MH/s, ``temp`` "83.0 °C / 73.8 °C" = chip / board, ``fanspeed``
"2940 rpm / …" for the unit) and ``/mcb/pools`` are read instead (capture ck5-foreman-itest).
A miner without the login endpoint (404) is asked without a token.

Units: hashrates are normalised to TH/s like every family, although most Goldshell coins are not
SHA-256 (Blake2S, Blake2B+SHA3, Scrypt): compare them only within a model. The model database
entries carry ``algorithm`` (provisional).
"""

from __future__ import annotations

import contextlib
import re
from typing import Any, ClassVar

from rig_monitor.core.drivers.base import (
    Driver,
    Session,
    base_snapshot,
    first,
    parse_pools,
    section,
)
from rig_monitor.core.drivers.jsonpick import items, mapping, text
from rig_monitor.core.drivers.webtoken import WEB_ERROR, rpc_and_web
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import Board, ErrorKind, Identity, MinerSnapshot, Pool, Target
from rig_monitor.core.modeldb import lookup
from rig_monitor.core.values import (
    average_rate,
    hashrate_ths,
    integer,
    max_or_none,
    rate_from,
    temp,
    temps,
)
from rig_monitor.core.wire.http import HttpClient

LOGIN = "/user/login"
WEB_PAGES = ("/mcb/status", "/mcb/setting")
WEB_DEVS, WEB_POOLS = "/mcb/cgminer?cgminercmd=devs", "/mcb/pools"
NO_TOKEN = "-"  # cached when the miner has no login endpoint: pages are asked without a token
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
TOKEN_KEY = "goldshell_jwt"
RATE_NOW = ("20s", "5s", "1m", "5m", "av")
RATE_AVG = ("15m", "5m", "av")


def clean_model(value: Any) -> str | None:
    """ "KD-Box" → "KD Box" (pyasic's reading), "kd6" → "KD6"."""
    t = text(value)
    return " ".join(t.replace("-", " ").replace("_", " ").split()) if t else None


class GoldshellDriver(Driver):
    family: ClassVar[str] = "goldshell"
    make: ClassVar[str | None] = "Goldshell"
    commands: ClassVar[tuple[str, ...]] = ("version", "summary", "devs", "devdetails", "pools")

    async def fetch(self, session: Session) -> dict[str, Any]:
        async def login(http: HttpClient) -> str:
            cred = session.credential()
            user, pwd = (cred.username, cred.password) if cred else ("admin", "123456789")
            reply = await http.get(
                session.web_url(LOGIN),
                params={"username": user, "password": pwd, "cipher": "false"},
            )
            if reply.status == 404:
                return NO_TOKEN
            doc: Any = None
            if reply.status < 400:
                with contextlib.suppress(MinerError):
                    doc = reply.json()
            token = text(mapping(doc).get("JWT Token"))
            if token is None:
                raise MinerError(
                    ErrorKind.AUTH_FAILED, "auth failed: web API rejected the password"
                )
            return token

        async def page(http: HttpClient, path: str, token: str) -> tuple[int, Any]:
            headers = {"Authorization": f"Bearer {token}"} if token != NO_TOKEN else None
            reply = await http.get(session.web_url(path), headers=headers)
            return reply.status, reply.json() if reply.status < 400 else None

        replies = await rpc_and_web(
            session, self.commands, TOKEN_KEY, WEB_PAGES, login, page, prefix="web"
        )
        http, token = session.http, session.state.get(TOKEN_KEY)
        if http is not None and token and not section(replies.get("devs"), "DEVS"):
            for path in (WEB_DEVS, WEB_POOLS):  # the RPC has no devices: the web API's own
                with contextlib.suppress(MinerError):
                    _status, doc = await page(http, path, token)
                    if doc is not None:
                        replies["web" + path] = doc
        return replies

    def parse(self, target: Target, replies: dict[str, Any], identity: Identity) -> MinerSnapshot:
        snap = base_snapshot(target, identity, replies)
        snap.make = "Goldshell"
        version = first(replies.get("version"), "VERSION")
        summary = first(replies.get("summary"), "SUMMARY")
        snap.api_version = text(version.get("API"))
        snap.hashrate_ths = rate_from(summary, RATE_NOW)
        snap.hashrate_avg_ths = average_rate(summary, RATE_AVG)
        snap.uptime_s = integer(summary.get("Elapsed"))
        snap.hw_errors = integer(summary.get("Hardware Errors"))
        snap.accepted = integer(summary.get("Accepted"))
        snap.rejected = integer(summary.get("Rejected"))
        snap.stale = integer(summary.get("Stale"))

        chips: dict[int, int | None] = {}
        for n, d in enumerate(section(replies.get("devdetails"), "DEVS")):
            idx = integer(d.get("ID"))
            chips[idx if idx is not None else n] = integer(d.get("chips-nr"))
        devs = section(replies.get("devs"), "DEVS")
        boards: dict[int, Board] = {}
        for n, dev in enumerate(devs):
            idx = integer(dev.get("PGA"))
            idx = idx if idx is not None else integer(dev.get("ID"))
            index = idx if idx is not None else n
            if not 0 <= index < 16 or index in boards:
                continue
            chip_temps = temps([dev.get("tstemp-0"), dev.get("tstemp-1")])
            boards[index] = Board(
                index=index,
                hashrate_ths=rate_from(dev, RATE_NOW),
                chips=chips.get(index),
                temp_chip_c=max(chip_temps) if chip_temps else None,
                temp_board_c=temp(dev.get("tstemp-2")),
                hw_errors=integer(dev.get("Hardware Errors")),
                frequency_mhz=(f if (f := integer(dev.get("clock"))) else None),
                status=text(dev.get("Status")),
            )
        if not boards:
            _web_devs(snap, boards, replies.get("web" + WEB_DEVS))
        snap.boards = [boards[i] for i in sorted(boards)]
        snap.temp_chip_max_c = max_or_none(b.temp_chip_c for b in snap.boards)
        snap.temp_board_max_c = max_or_none(b.temp_board_c for b in snap.boards)
        if devs:
            fans = []
            for i in range(8):
                rpm = integer(devs[0].get(f"fan{i}"))
                if rpm is None:
                    break
                fans.append(rpm)
            snap.fans_rpm = fans
        snap.pools = parse_pools(replies.get("pools")) or _web_pools(replies.get("web" + WEB_POOLS))

        status = mapping(replies.get("web/mcb/status"))
        setting = mapping(replies.get("web/mcb/setting"))
        snap.model = clean_model(status.get("model")) or identity.model
        snap.firmware_version = text(status.get("firmware")) or text(setting.get("version"))
        name = text(setting.get("name"))
        snap.mac = name.upper() if name and name.count(":") == 5 else None
        if WEB_ERROR in replies:
            snap.notes.append(f"web API unreadable, model unknown: {replies[WEB_ERROR]}")

        spec = lookup(snap.make, snap.model)
        if spec is not None:
            snap.model = spec.model
            snap.expected_boards = spec.boards
            snap.expected_fans = spec.fans
            for b in snap.boards:
                b.expected_chips = spec.chips_per_board
        return snap


def _web_devs(snap: MinerSnapshot, boards: dict[int, Board], doc: Any) -> None:
    """The web API's device list (see module doc): boards, totals in TH/s, the unit's fans."""
    devs = items(mapping(doc).get("data"))
    for n, dev in enumerate(devs):
        idx = integer(dev.get("id"))
        index = idx if idx is not None else n
        if not 0 <= index < 16 or index in boards:
            continue
        readings = [float(x) for x in _NUMBER.findall(text(dev.get("temp")) or "")]
        boards[index] = Board(
            index=index,
            hashrate_ths=hashrate_ths(dev.get("hashrate"), "M"),
            temp_chip_c=temp(readings[0]) if readings else None,
            temp_board_c=temp(readings[1]) if len(readings) > 1 else None,
            hw_errors=integer(dev.get("hwerrors")),
        )
    rates = [r for d in devs if (r := hashrate_ths(d.get("hashrate"), "M")) is not None]
    avgs = [r for d in devs if (r := hashrate_ths(d.get("av_hashrate"), "M")) is not None]
    if snap.hashrate_ths is None and rates:
        snap.hashrate_ths = sum(rates)
    if snap.hashrate_avg_ths is None and avgs and len(avgs) == len(devs):
        snap.hashrate_avg_ths = sum(avgs)
    if devs and not snap.fans_rpm:
        # one string for the whole unit, repeated on every device: read once
        fans = text(devs[0].get("fanspeed")) or ""
        snap.fans_rpm = [int(float(x)) for x in _NUMBER.findall(fans)]


def _web_pools(doc: Any) -> list[Pool]:
    out: list[Pool] = []
    for n, p in enumerate(items(doc)):
        url = text(p.get("url"))
        if url is None:
            continue
        active = p.get("active")
        out.append(
            Pool(
                url=url,
                user=text(p.get("user")),
                active=active if isinstance(active, bool) else None,
                priority=integer(p.get("pool-priority"))
                if p.get("pool-priority") is not None
                else n,
            )
        )
    return out
