"""Identify a miner's firmware family, make and model in as few round trips as possible.

Two probes (docs/detection.md): the RPC probe asks ``version`` and ``devdetails`` (with the
first read's commands, in one multi-command request where the firmware allows) on the API port and searches the raw text for vendor markers in a fixed order (aftermarket
firmware first, because it often keeps the stock "Antminer" type string: Vnish reports "Antminer
S21 (Vnish 1.2.6)"); the web probe (detect_web: the stock login first where the RPC said stock
or nothing yet, else ``GET /``) runs only when the RPC answer is inconclusive or slow. The first
conclusive answer decides; a weak match waits ~300 ms for an aftermarket one, as asic-rs does
(a stock Antminer match waits for the login, which the first poll needs).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any, TypeAlias

from rig_monitor.core.credentials import Credentials
from rig_monitor.core.drivers.antminer import clean_model
from rig_monitor.core.drivers.antminer_web import defer_pages
from rig_monitor.core.drivers.base import first, section
from rig_monitor.core.drivers.detect_more import detect_more, hiding_programs
from rig_monitor.core.drivers.detect_web import WebVerdict, epic_probe, web_probe
from rig_monitor.core.drivers.generic import miner_program
from rig_monitor.core.errors import HostileReply, MinerError, crash_message
from rig_monitor.core.model import ErrorKind, Identity, Ports
from rig_monitor.core.wire.cgminer import CGMinerClient, parse_reply, request_bytes, split_multi
from rig_monitor.core.wire.http import HttpClient
from rig_monitor.core.wire.whatsminer_v3 import probe_v3

# (marker in the upper-cased reply text, family, make). First match wins.
MARKERS: tuple[tuple[str, str, str | None], ...] = (
    ("BOSMINER", "braiins", "Antminer"),
    ("BOSER", "braiins", "Antminer"),
    ("BTMINER", "whatsminer", "Whatsminer"),
    ("BITMICRO", "whatsminer", "Whatsminer"),
    (
        "WHATSMINER V",
        "whatsminer",
        "Whatsminer",
    ),  # btminer API 1.4's Description "whatsminer v1.4.0"
    ("LUXMINER", "luxos", "Antminer"),
    ("VNISH", "vnish", "Antminer"),
    ("HIVEON", "hiveon", "Antminer"),
    ("KAONSU", "marathon", "Antminer"),
    ("MARAFW", "marathon", "Antminer"),
    ("AVALON", "avalon", "Avalon"),
    ("GCMINER", "auradine", "Auradine"),
    ("FLUXOS", "auradine", "Auradine"),
    ("INNOMINER", "innosilicon", "Innosilicon"),
    ("INTCHAINS_QOMO", "goldshell", "Goldshell"),
    ("KDAMINER", "goldshell", "Goldshell"),
)


@dataclass(slots=True)
class Probe:
    version_text: str | None
    devdetails_text: str | None
    # the replies already parsed (the multi-command probe has them): not parsed a second time
    version_doc: Any = None
    devdetails_doc: Any = None


async def _text(client: CGMinerClient, command: str) -> str:
    return (await client.raw(json.dumps({"command": command}).encode())).decode(
        "utf-8", errors="replace"
    )


# Read with the identifying commands in one multi-command request: they are what the stock,
# cgminer-style drivers read first (AntminerDriver.commands), so the first poll needs no RPC.
READ_AHEAD = ("summary", "stats", "pools")
_PROBE = ("version", "devdetails")
_SILENT = frozenset({ErrorKind.TIMEOUT, ErrorKind.REFUSED, ErrorKind.UNREACHABLE})
# json.dumps(…, ensure_ascii=False) with its encoder made once (the same text; 6.1 against 7.9 µs
# for a real S19 Pro version reply, timeit)
_TEXT = json.JSONEncoder(ensure_ascii=False).encode


async def probe(client: CGMinerClient) -> Probe:
    """``version`` and ``devdetails``: in one request with READ_AHEAD where the firmware takes
    multi-commands, else two concurrent requests (the only way before API 3.1, and on some S19
    stock firmware that answers ``+`` with "Invalid command")."""
    if client.multi_supported is not False:
        found = await _probe_multi(client)
        if found is not None:
            return found
    return await _probe_singles(client)


async def _probe_multi(client: CGMinerClient) -> Probe | None:
    """None when the reply is no multi-command answer (the single commands will tell why).
    Silence (timeout, refused, unreachable) raises: both single requests would meet it too."""
    try:
        raw = await client.raw(request_bytes("+".join(_PROBE + READ_AHEAD)))
        if raw.lstrip()[:7] == b"HTTP/1.":
            # a web server on the API port (ePIC's REST): the single requests would only read
            # two more HTTP replies (benchmarks.identify --personas epic: 3 requests, now 1)
            text = raw.decode("utf-8", errors="replace")
            return Probe(text, text)
        reply = parse_reply(raw)
    except HostileReply:
        raise  # junk, not a refused multi-command: the single ones would read the same junk
    except MinerError as exc:
        if exc.kind in _SILENT:
            raise  # the single requests would wait or fail the same way
        return None  # reset, garbage, too large: perhaps only the multi-command upset it
    parts = split_multi(reply, _PROBE + READ_AHEAD)
    if not any(c in parts for c in _PROBE):
        client.multi_supported = False
        return None
    client.multi_supported = True
    client.prime(parts)
    texts = [_TEXT(parts[c]) if c in parts else await _member_text(client, c) for c in _PROBE]
    return Probe(texts[0], texts[1], parts.get("version"), parts.get("devdetails"))


async def _member_text(client: CGMinerClient, command: str) -> str | None:
    try:
        return await _text(client, command)
    except MinerError:
        return None


async def _probe_singles(client: CGMinerClient) -> Probe:
    results = await asyncio.gather(
        _text(client, "version"), _text(client, "devdetails"), return_exceptions=True
    )
    texts = [r if isinstance(r, str) else None for r in results]
    if texts[0] is None and texts[1] is None:
        # junk first: HostileReply ends detection (no v3 or web probe of that miner)
        err = next((r for r in results if isinstance(r, HostileReply)), results[0])
        if isinstance(err, MinerError):
            raise err
        raise MinerError(
            ErrorKind.BAD_REPLY,
            crash_message(err if isinstance(err, BaseException) else ValueError(err)),
        )
    return Probe(texts[0], texts[1])


def classify(p: Probe) -> Identity:
    """Decide the family from the probe texts. Raises MinerError(NOT_A_MINER) if neither is an API."""
    # Markers sit in the first lines; a real version/devdetails reply is a few KB. Looking at
    # 64 KB keeps a hostile 2 MB reply from costing ~30 ms of the loop per detection.
    version_text = (p.version_text or "")[:CLASSIFY_CHARS]
    dev_text = (p.devdetails_text or "")[:CLASSIFY_CHARS]
    if "STATUS" not in version_text and "STATUS" not in dev_text:
        raise MinerError(
            ErrorKind.NOT_A_MINER, "not a miner: the port answered, but not a miner API"
        )
    upper = (version_text + "\n" + dev_text).upper()
    version: dict[str, object] = {}
    if p.version_doc is not None:
        version = first(p.version_doc, "VERSION")
    else:
        with contextlib.suppress(MinerError):
            version = first(parse_reply(version_text.encode()), "VERSION")
    type_text = str(version.get("Type") or "")
    for marker, family, make in MARKERS:
        if marker in upper:
            model = clean_model(type_text) if type_text else None
            return Identity(family=family, make=make, model=model)
    # stock Antminer: only trust the version reply (devdetails on other firmware echoes "Antminer")
    if "ANTMINER" in version_text.upper() or "BMMiner" in version:
        return Identity(
            family="antminer",
            make="Antminer",
            model=clean_model(type_text) if type_text else None,
            firmware="stock",
        )
    program = miner_program(version)
    if program is not None and program[0] in ("cgminer", "bfgminer", "sgminer"):
        return Identity(family="generic", firmware=program[0], firmware_version=program[1])
    return Identity(family="generic")


CLASSIFY_CHARS = 64 * 1024


def plainly_named(p: Probe, identity: Identity) -> bool:
    """Whether a generic match is already the whole story, so the fallback stage (up to 2 more
    RPC and 6 HTTP requests) would only cost: ``version`` names a plain program no fallback
    rule's firmware hides behind (detection.json "hides_behind", each with its source) and
    ``devdetails`` answered with devices. The firmware the rules look for either names itself in
    devdetails (Avalon's driver "avalon…", btminer's "bitmicro") or fails it (old btminer, a
    version-less Avalon), and those keep the fallback."""
    if identity.family != "generic" or identity.firmware is None:
        return False
    if identity.firmware in hiding_programs():
        return False
    doc = p.devdetails_doc
    if doc is None and p.devdetails_text is not None:
        try:
            doc = parse_reply(p.devdetails_text[:CLASSIFY_CHARS].encode())
        except MinerError:
            return False
    return bool(section(doc, "DEVDETAILS"))


# 4028 failures after which a Whatsminer on API v3 (which may close 4028) is worth asking.
V3_FALLBACK = frozenset({ErrorKind.REFUSED, ErrorKind.NOT_A_MINER})
STOCK_GRACE_S = 0.3  # how long a stock match waits for an aftermarket one (asic-rs: 300 ms)
WEB_AFTER_S = 0.25  # a 4028 that has not answered by then: ask the web port too
# A stock match waits this long (not STOCK_GRACE_S) for the web probe's login: the first poll
# needs what it reads (the Digest challenge, system info), so a login cut off by the grace was
# done twice. On a loaded machine most were (benchmarks/identify.py: ~1.8 system info requests
# per stock Antminer in a cold identify + read, 1 now). Bounded so that a hung web UI still
# leaves the first poll its own web timeout (5 s) within the engine's 8 s poll budget; a login
# cut off by it is not repeated by the first poll (see detect).
STOCK_LOGIN_WAIT_S = 2.0
WEAK_FAMILIES = frozenset({"antminer", "generic"})  # matches other firmware may hide behind
# When nothing identifies the miner, the error the operator sees: the most telling first.
_ERROR_RANK = (
    ErrorKind.AUTH_FAILED,
    ErrorKind.BAD_REPLY,
    ErrorKind.TOO_LARGE,
    ErrorKind.NOT_A_MINER,
    ErrorKind.TIMEOUT,
    ErrorKind.UNREACHABLE,
    ErrorKind.REFUSED,
)


def _stock(rpc: Result) -> bool:
    return isinstance(rpc, Identity) and rpc.family == "antminer"


def _speaks_http(p: Probe) -> bool:
    return any(
        (t or "").lstrip().startswith("HTTP/1.") for t in (p.version_text, p.devdetails_text)
    )


async def detect_rpc(
    client: CGMinerClient, v3_port: int = Ports().whatsminer_v3, http: HttpClient | None = None
) -> Identity:
    """The API-port side: marker text, else ePIC's REST on the same port, else the v3 hook."""
    return (await _detect_rpc(client, v3_port, http))[0]


async def _detect_rpc(
    client: CGMinerClient, v3_port: int, http: HttpClient | None
) -> tuple[Identity, bool]:
    """detect_rpc, and whether its answer is plainly named (see plainly_named)."""
    try:
        p = await probe(client)
        if http is not None and _speaks_http(p):
            identity = await epic_probe(http, client.host, client.port)
            if identity is not None:
                return identity, False
        found = classify(p)
        return found, plainly_named(p, found)
    except MinerError as exc:
        # Hook: when 4028 says nothing usable, ask the other RPC-like services (Whatsminer API v3
        # on 4433). Further fallbacks go here, in order.
        if exc.kind not in V3_FALLBACK:
            raise
        identity = await probe_v3(client.host, v3_port, client.limits)
        if identity is None:
            raise
        return identity, False


Result: TypeAlias = Identity | WebVerdict | BaseException | None  # None: still running


def _strong(result: Result) -> Identity | None:
    if isinstance(result, Identity) and result.family not in WEAK_FAMILIES:
        return result
    if isinstance(result, WebVerdict) and result.strong and result.identity is not None:
        return result.identity
    return None


def _merge(rpc: Result, web: Result) -> Identity | None:
    """Resolve from what has arrived, ``None`` if nothing identifies a miner. Raises the auth
    error when the stock login rejected our password and nothing names another firmware."""
    for result in (rpc, web):
        found = _strong(result)
        if found is not None:
            if isinstance(rpc, Identity) and rpc.family == found.family and found is not rpc:
                rpc.model = rpc.model or found.model
                return rpc  # the RPC's reading carries the model
            if found is not rpc and isinstance(rpc, Identity) and not found.model:
                found.model = rpc.model
            return found
    page = web.identity if isinstance(web, WebVerdict) else None
    rpc_weak = not isinstance(rpc, Identity) or rpc.family in WEAK_FAMILIES
    if isinstance(web, WebVerdict) and web.auth_error is not None and rpc_weak:
        raise web.auth_error
    if isinstance(rpc, Identity):
        if page is not None and rpc.family == "generic":
            return page  # old cgminer-based Antminers (L3, D3) say "CGMiner" on 4028
        if page is not None and page.family == rpc.family:
            rpc.model = rpc.model or page.model
        return rpc
    return page


def _failure(rpc: Result, web: Result) -> MinerError:
    errors = [r for r in (rpc, web) if isinstance(r, MinerError)]
    if isinstance(web, WebVerdict) and web.identity is None:
        errors.append(
            MinerError(
                ErrorKind.NOT_A_MINER,
                f"not a miner: {web.url} answered, but no miner firmware's page",
            )
        )
    for kind in _ERROR_RANK:
        for err in errors:
            if err.kind is kind:
                return err
    for r in (rpc, web):
        if isinstance(r, BaseException):
            return MinerError(ErrorKind.BAD_REPLY, f"bad reply: {r!r}")
    return MinerError(ErrorKind.NOT_A_MINER, "not a miner: nothing identified it")


async def _login_within(page: Coroutine[Any, Any, Result], wait_s: float) -> tuple[Result, bool]:
    """The web probe's result (its exception as the result, as a task's would be), and whether
    ``wait_s`` ran out first (then it is cancelled and the result is None)."""
    deadline = asyncio.timeout(wait_s)
    try:
        async with deadline:
            return await page, False
    except TimeoutError as exc:
        if deadline.expired():
            return None, True
        return exc, False
    except Exception as exc:
        return exc, False


async def detect(
    client: CGMinerClient,
    v3_port: int = Ports().whatsminer_v3,
    *,
    http: HttpClient | None = None,
    web_port: int | None = None,
    credentials: Credentials | None = None,
    grace_s: float | None = None,
    web_after_s: float | None = None,
    state: dict[str, Any] | None = None,
) -> Identity:
    """The RPC probe, then (with ``http`` and ``web_port``) the web probe; see module doc.

    The web probe starts only when the RPC answer is inconclusive (a stock or generic match, or a
    failure) or has not come within ``web_after_s``: a miner that names its firmware on 4028 costs
    no HTTP request at all (most of a cold sweep's CPU was httpx, benchmarks/identify.py).
    ``state``: the per-miner scratch space the first poll will get (see detect_web.web_probe).
    """
    if http is None or web_port is None:
        found, plain = await _detect_rpc(client, v3_port, None)
        if found.family == "generic" and not plain:
            return await detect_more(client) or found
        return found
    grace_s = STOCK_GRACE_S if grace_s is None else grace_s
    web_after_s = WEB_AFTER_S if web_after_s is None else web_after_s
    loop = asyncio.get_running_loop()
    rpc_task: asyncio.Task[tuple[Identity, bool]] = loop.create_task(
        _detect_rpc(client, v3_port, http)
    )
    web_task: asyncio.Task[Result] | None = None
    rpc: Result = None
    web: Result = None
    rpc_plain = False  # the RPC's generic match is plainly named (no fallback stage)
    pending: set[asyncio.Task[Any]] = {rpc_task}
    weak_since: float | None = None
    login_cut_here = False  # the stock login awaited inline ran out of time
    try:
        while pending:
            if web_task is None:
                timeout: float | None = web_after_s
            elif weak_since is None:
                timeout = None
            else:
                wait = STOCK_LOGIN_WAIT_S if _stock(rpc) else grace_s
                timeout = max(0.0, weak_since + wait - loop.time())
            done, pending = await asyncio.wait(
                pending, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
            )
            for task in done:
                exc = task.exception()
                if task is rpc_task:
                    rpc, rpc_plain = (exc, False) if exc is not None else rpc_task.result()
                else:
                    web = exc if exc is not None else task.result()
            if _strong(rpc) is not None or _strong(web) is not None:
                break
            if isinstance(rpc, HostileReply):
                break  # junk on the API port: no web probe, no more requests (errors.HostileReply)
            if web_task is None:  # the RPC was inconclusive or slow: let the web page settle it
                page = web_probe(
                    http,
                    client.host,
                    web_port,
                    credentials=credentials,
                    rpc_port=client.port,
                    state=state,
                    login_first=rpc is None or _stock(rpc),
                )
                if _stock(rpc) and not pending:
                    # All that is left is the stock match's wait for its login: awaited here
                    # rather than as a task, another asyncio.wait and the gather below
                    # (detection's orchestration was ~80 µs of a stock Antminer's ~1.4 ms,
                    # docs/performance.md "Fifth pass at identification").
                    web, login_cut_here = await _login_within(page, STOCK_LOGIN_WAIT_S)
                    break
                web_task = loop.create_task(page)
                pending.add(web_task)
                if isinstance(rpc, Identity):
                    weak_since = loop.time()  # a stock match waits ``grace_s`` for the page
                continue
            if not done:
                break  # the grace ran out: settle for the stock match
            if weak_since is None and (
                isinstance(rpc, Identity) or (isinstance(web, WebVerdict) and web.identity)
            ):
                weak_since = loop.time()
    finally:
        login_cut = login_cut_here or (web_task is not None and not web_task.done())
        tasks: list[asyncio.Task[Any]] = [t for t in (rpc_task, web_task) if t is not None]
        # Only the unfinished are cancelled and awaited: a gather over finished tasks still
        # costs this coroutine another turn of the loop (~10 % of detection's orchestration,
        # the usual case: the RPC probe has answered, the stock login was awaited inline).
        live = [t for t in tasks if not t.done()]
        for task in live:
            task.cancel()
        if live:
            await asyncio.gather(*live, return_exceptions=True)
        for task in tasks:
            if task.done() and not task.cancelled():
                task.exception()  # retrieved: no "exception was never retrieved" warning
    if isinstance(rpc, HostileReply) and _strong(web) is None:
        raise rpc
    identity = _merge(rpc, web)
    rpc_answered = isinstance(rpc, Identity)
    web_answered = not isinstance(web, BaseException)  # a page, or cut off before it came
    inconclusive = identity is None or (
        identity.family == "generic" and not (rpc_plain and identity is rpc)
    )
    if inconclusive and (rpc_answered or web_answered):
        # The fast path read nothing that names a firmware: ask what the families' own drivers
        # read (detect_more; bounded, and only now, so a miner named above pays nothing). A side
        # that was refused or silent is not asked again: a dead address costs no more waiting.
        # A plain cgminer/sgminer with devices (plainly_named) is named: no fallback.
        more = await detect_more(client, http if web_answered else None, web_port, rpc_answered)
        if more is not None:
            return more
    if identity is None:
        raise _failure(rpc, web)
    if login_cut and state is not None and identity.family == "antminer" and _stock(rpc):
        # The web login did not finish in STOCK_LOGIN_WAIT_S (a slow or hung web UI, a loaded
        # machine): the first poll reads the RPC alone, the web pages follow within their
        # periods, as on a warm start. Asking at once would repeat the login inside the first
        # poll's budget, or wait on a hung web UI a second time.
        defer_pages(state)
    return identity
