"""Auradine Teraflux (AT air, AI immersion, AD hydro): gcminer RPC plus the FluxOS web API.

Every poll reads the RPC (``version``, ``summary``, ``devs``, ``pools``): hashrate ``MHS 5s``
(MH/s), ``Elapsed``, ``Wattage``; per board (``ID`` 1-based) ``MHS 5s`` and ``Temperature``, the
board's sensor (as pyasic reads it). The web API adds what the RPC lacks: fans (``fan`` →
``Fan[].Speed``), wall power (``psu`` → ``PSU[0].PowerIn`` "3120W", which wins over ``Wattage``),
and identity (``ipreport`` → ``mac``, ``hostname``, ``version``, ``SerialNo``, ``HBSerialNo``,
``model``), and chip temperatures (``temperature`` → ``Temperature[]``: per hash board its
``BoardTemp[]`` and ``ChipTemp[]`` sensors; ID 0 is the control board). It needs a token: ``POST /token {"command":"token","user","password"}`` →
``Token[0].Token``, sent as header ``Token:``; the token is cached in ``session.state`` and renewed
once when the miner rejects it. A miner without the token endpoint (404) is asked without one;
a page that then refuses says so in the note.

Web port: real miners serve this API on **8080**, not on the site's web port (80). The driver uses
the target's own ``web_port`` when set, else the site's ``Ports.web`` when the site changed it from
80 (port forwards, the simulator), else 8080. A web failure never takes the miner offline: the RPC
figures stand and the snapshot gets a note (fans/power unknown).
"""

from __future__ import annotations

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
from rig_monitor.core.drivers.webtoken import REFUSED, WEB_ERROR, rpc_and_web
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import Board, ErrorKind, Identity, MinerSnapshot, Target
from rig_monitor.core.modeldb import lookup
from rig_monitor.core.values import average_rate, integer, max_or_none, num, rate_from, temp
from rig_monitor.core.wire.http import HttpClient, base_url

DEFAULT_WEB_PORT = 8080
WEB_PAGES = ("fan", "psu", "ipreport", "temperature")
NO_TOKEN = "-"  # cached when the miner has no /token endpoint: pages are asked without one
TOKEN_KEY = "auradine_token"
RATE_NOW = ("5s", "1m", "5m", "15m", "av")
RATE_AVG = ("15m", "av")


def web_port(session: Session) -> int:
    """The FluxOS API port for this miner (see module doc)."""
    if session.target.web_port:
        return session.target.web_port
    return session.ports.web if session.ports.web != 80 else DEFAULT_WEB_PORT


def _status_ok(doc: Any) -> bool:
    """A web reply that is JSON and not a ``STATUS: E``."""
    if not isinstance(doc, dict):
        return False
    st = doc.get("STATUS")
    head = st[0] if isinstance(st, list) and st else st
    return not (isinstance(head, dict) and head.get("STATUS") == "E")


class AuradineDriver(Driver):
    family: ClassVar[str] = "auradine"
    make: ClassVar[str | None] = "Auradine"
    commands: ClassVar[tuple[str, ...]] = ("version", "summary", "devs", "pools")

    async def fetch(self, session: Session) -> dict[str, Any]:
        base = base_url(session.target.ip, web_port(session))

        async def login(http: HttpClient) -> str:
            cred = session.credential()
            user, password = (cred.username, cred.password) if cred else ("admin", "admin")
            reply = await http.post(
                base + "/token",
                json_body={"command": "token", "user": user, "password": password},
            )
            if reply.status == 404:
                return NO_TOKEN
            doc = reply.json() if reply.status not in REFUSED else None
            token = text(first(doc, "Token").get("Token")) if isinstance(doc, dict) else None
            if token is None:
                raise MinerError(
                    ErrorKind.AUTH_FAILED, "auth failed: web API rejected the password"
                )
            return token

        async def page(http: HttpClient, command: str, token: str) -> tuple[int, Any]:
            headers = {"Token": token} if token != NO_TOKEN else None
            reply = await http.get(f"{base}/{command}", headers=headers)
            return reply.status, reply.json() if reply.status < 400 else None

        return await rpc_and_web(
            session, self.commands, TOKEN_KEY, WEB_PAGES, login, page, prefix="web/"
        )

    def parse(self, target: Target, replies: dict[str, Any], identity: Identity) -> MinerSnapshot:
        snap = base_snapshot(target, identity, replies)
        snap.make = "Auradine"
        version = first(replies.get("version"), "VERSION")
        summary = first(replies.get("summary"), "SUMMARY")
        snap.firmware = "gcminer"
        if version.get("GCMiner") is not None:
            snap.firmware_version = text(version.get("GCMiner"))
        snap.api_version = text(version.get("API"))

        snap.hashrate_ths = rate_from(summary, RATE_NOW)
        snap.hashrate_avg_ths = average_rate(summary, RATE_AVG)
        snap.uptime_s = integer(summary.get("Elapsed"))
        snap.hw_errors = integer(summary.get("Hardware Errors"))
        snap.accepted = integer(summary.get("Accepted"))
        snap.rejected = integer(summary.get("Rejected"))
        snap.stale = integer(summary.get("Stale"))
        wattage = num(summary.get("Wattage"))
        snap.power_w = wattage if wattage else None

        boards: dict[int, Board] = {}
        for dev in section(replies.get("devs"), "DEVS"):
            n = integer(dev.get("ID"))
            index = n - 1 if n is not None and n >= 1 else len(boards)
            if not 0 <= index < 16 or index in boards:
                continue
            boards[index] = Board(
                index=index,
                hashrate_ths=rate_from(dev, RATE_NOW),
                temp_board_c=temp(dev.get("Temperature")),
                hw_errors=integer(dev.get("Hardware Errors")),
                status=text(dev.get("Status")),
            )
        snap.boards = [boards[i] for i in sorted(boards)]
        snap.temp_board_max_c = max_or_none(b.temp_board_c for b in snap.boards)
        snap.pools = parse_pools(replies.get("pools"))

        # --- web ------------------------------------------------------------------------------
        fan_doc = replies.get("web/fan")
        if _status_ok(fan_doc):
            snap.fans_rpm = [
                r
                for f in items(mapping(fan_doc).get("Fan"))
                if (r := integer(f.get("Speed"))) is not None
            ]
        psu_doc = replies.get("web/psu")
        if _status_ok(psu_doc):
            watts = num(first(psu_doc, "PSU").get("PowerIn"))
            if watts:
                snap.power_w = watts
        ip_doc = replies.get("web/ipreport")
        if _status_ok(ip_doc):
            rep = first(ip_doc, "IPReport")
            mac = text(rep.get("mac"))
            snap.mac = mac.upper() if mac else None
            snap.hostname = text(rep.get("hostname"))
            snap.serial = text(rep.get("SerialNo"))
            fw = text(rep.get("version"))
            if fw:
                snap.firmware_version = fw
            model = text(rep.get("model")) or _model_from_internal(rep.get("InternalType"))
            if model:
                snap.model = model
            serials = rep.get("HBSerialNo")
            if isinstance(serials, list):
                for b in snap.boards:
                    if b.index < len(serials):
                        b.serial = text(serials[b.index])
        _temperatures(snap, replies.get("web/temperature"))
        if WEB_ERROR in replies:
            snap.notes.append(f"web API unreadable, fans and power unknown: {replies[WEB_ERROR]}")

        spec = lookup(snap.make, snap.model)
        if spec is not None:
            snap.expected_boards = spec.boards
            snap.expected_fans = spec.fans
            for b in snap.boards:
                b.expected_chips = spec.chips_per_board
        return snap


def _temperatures(snap: MinerSnapshot, doc: Any) -> None:
    """Hash boards' sensors from the ``temperature`` page (capture flux-2.2.0-temp-volt-freq:
    5 BoardTemp and 3 ChipTemp values per board, ChipTemp null on the control board)."""
    if not _status_ok(doc):
        return
    boards = {b.index: b for b in snap.boards}
    for item in items(mapping(doc).get("Temperature")):
        n = integer(item.get("ID"))
        if n is None or not 1 <= n <= 16:
            continue  # ID 0: the control board, no hash board
        board = boards.get(n - 1)
        if board is None:
            board = boards[n - 1] = Board(index=n - 1)
        pcb = [t for s in items(item.get("BoardTemp")) if (t := temp(s.get("Temperature")))]
        chips = [t for s in items(item.get("ChipTemp")) if (t := temp(s.get("Temperature")))]
        board.temp_board_c = max_or_none([board.temp_board_c, *pcb])
        board.temp_chip_c = max_or_none([board.temp_chip_c, *chips])
    snap.boards = [boards[i] for i in sorted(boards)]
    snap.temp_board_max_c = max_or_none(b.temp_board_c for b in snap.boards)
    snap.temp_chip_max_c = max_or_none(b.temp_chip_c for b in snap.boards)


def _model_from_internal(value: Any) -> str | None:
    """``InternalType`` "AT1500-01" → "AT1500"."""
    t = text(value)
    return t.split("-")[0].strip().upper() or None if t else None
