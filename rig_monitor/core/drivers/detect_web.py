"""The web half of detection: what ``GET /`` on a miner's web port says about its firmware.

Some miners cannot be told apart on 4028 (Bitaxe has no 4028, web-only Antminers close it, ePIC
speaks HTTP there), and aftermarket firmware often keeps the stock RPC text; the login realm, the
redirects and a few words of the page settle it. The markers are data (resources/detection.json).
"""

from __future__ import annotations

import re
from collections.abc import Generator
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from rig_monitor.core.credentials import DEFAULTS, Credential, Credentials
from rig_monitor.core.drivers.antminer import clean_model
from rig_monitor.core.drivers.antminer_web import AUTH_MESSAGE, seed
from rig_monitor.core.errors import HostileReply, MinerError
from rig_monitor.core.model import ErrorKind, Identity
from rig_monitor.core.resources import load_json, resource_path
from rig_monitor.core.wire.http import HttpClient, HttpReply, base_url

_REALM = re.compile(r'realm="([^"]*)"', re.IGNORECASE)
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True, slots=True)
class WebMarker:
    where: str  # "realm" | "location" | "body"
    text: str
    family: str
    make: str | None
    strong: bool


@dataclass(slots=True)
class WebVerdict:
    """What the web port said. ``identity`` None: a web page answered, but no miner firmware's.

    ``auth_error`` is set when the page is a stock Antminer's and the configured password was
    rejected: the miner is found, but cannot be read until the operator sets the password.
    """

    identity: Identity | None
    strong: bool = False
    auth_error: MinerError | None = None
    url: str = ""


@cache
def markers() -> tuple[WebMarker, ...]:
    doc = load_json(resource_path("detection.json"))
    return tuple(
        WebMarker(m["where"], m["text"], m["family"], m.get("make"), bool(m.get("strong")))
        for m in doc["web"]
    )


def classify_web(status: int, headers: dict[str, str], body: str) -> WebMarker | None:
    """Pure: the first marker the reply shows (headers keys lower-cased), or None."""
    realm_m = _REALM.search(headers.get("www-authenticate", ""))
    realm = realm_m.group(1) if realm_m else ""
    location = headers.get("location", "") if status in _REDIRECTS else ""
    for m in markers():
        hay = {"realm": realm, "location": location, "body": body}.get(m.where, "")
        if m.text in hay:
            return m
    return None


def _stock_realm(www_authenticate: str) -> bool:
    marker = classify_web(401, {"www-authenticate": www_authenticate}, "")
    return marker is not None and marker.family == "antminer" and not marker.strong


class StockDigest(httpx.DigestAuth):
    """HTTP Digest that answers only a stock Antminer's challenge (realm "antMiner …").

    The login is tried before anything has shown the device is an Antminer (see
    _stock_login_first), so the operator's password must not be answered to whatever else
    challenges on that port: any other realm ends the exchange with its 401 unanswered."""

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        flow = super().auth_flow(request)
        request = next(flow)
        while True:
            response = yield request
            if response.status_code == 401 and not _stock_realm(
                response.headers.get("www-authenticate", "")
            ):
                return
            try:
                request = flow.send(response)
            except StopIteration:
                return


async def _get(http: HttpClient, url: str, **kw: Any) -> HttpReply:
    return await http.get(url, **kw)


async def web_probe(
    http: HttpClient,
    ip: str,
    web_port: int,
    *,
    credentials: Credentials | None = None,
    rpc_port: int = 4028,
    state: dict[str, Any] | None = None,
    login_first: bool = False,
) -> WebVerdict:
    """Classify ``GET /``. Transport failures raise MinerError (refused, timed out …).

    ``state`` (the poller's per-miner scratch space) receives what a stock login read, for the
    driver's first poll (antminer_web.seed). ``login_first``: the API port answered like stock
    Antminer firmware, or not yet, so the login page is asked first (see _stock_login_first)."""
    url = base_url(ip, web_port) + "/"
    if login_first:
        verdict = await _stock_login_first(http, ip, web_port, credentials, rpc_port, url, state)
        if verdict is not None:
            return verdict
    reply = await _get(http, url)
    marker = classify_web(reply.status, reply.headers, reply.text)
    location = reply.headers.get("location", "")
    if marker is None and reply.status in _REDIRECTS and location:
        target = urljoin(url, location)
        if urlsplit(target).scheme == "http" and urlsplit(target).hostname == ip:
            reply = await _get(http, target)  # one same-host hop (a login page, "/#/")
            marker = classify_web(reply.status, reply.headers, reply.text)
    if marker is None:
        return WebVerdict(None, url=url)
    identity = Identity(family=marker.family, make=marker.make)
    if marker.family == "antminer" and not marker.strong:
        identity.firmware = "stock"
        return await _antminer_login(
            http, ip, web_port, identity, credentials, rpc_port, url, state
        )
    return WebVerdict(identity, marker.strong, url=url)


def _credential(credentials: Credentials | None, ip: str, rpc_port: int) -> Credential | None:
    if credentials is not None:
        return credentials.resolve(ip, rpc_port, "antminer")
    return DEFAULTS.get("antminer")


async def _stock_login_first(
    http: HttpClient,
    ip: str,
    web_port: int,
    credentials: Credentials | None,
    rpc_port: int,
    url: str,
    state: dict[str, Any] | None,
) -> WebVerdict | None:
    """The RPC answered like stock firmware (or not yet, and most miners on a farm are stock
    Antminers): log in to the system info page at once, without
    ``GET /``. The Digest realm its 401 challenge named ("antMiner Configuration") is the same
    marker ``GET /``'s 401 shows (the stock web UI guards every path), and the same exchange
    proves the password and reads the model: two HTTP exchanges instead of three, the biggest
    single cost of a cold sweep (benchmarks/identify.py). None when the reply is not that (no
    challenge, another realm, a rejected password, an error page): ``GET /`` then decides as
    before, so aftermarket firmware behind stock RPC text is still found by its page."""
    cred = _credential(credentials, ip, rpc_port)
    if cred is None:
        return None
    auth = StockDigest(cred.username, cred.password)
    try:
        reply = await _get(http, base_url(ip, web_port) + "/cgi-bin/get_system_info.cgi", auth=auth)
    except MinerError as exc:
        if isinstance(exc, HostileReply) or exc.kind in (
            ErrorKind.TIMEOUT,
            ErrorKind.REFUSED,
            ErrorKind.UNREACHABLE,
        ):
            raise  # ``GET /`` would wait or fail the same way, or send more junk
        return None  # a rejected password or a bad reply: ``GET /`` tells what answers
    if not reply.realm:
        return None
    marker = classify_web(401, {"www-authenticate": f'Digest realm="{reply.realm}"'}, "")
    if marker is None or marker.family != "antminer" or marker.strong:
        return None
    identity = Identity(family=marker.family, make=marker.make, firmware="stock")
    _read_system_info(identity, reply, cred, auth, state)
    return WebVerdict(identity, url=url)


async def _antminer_login(
    http: HttpClient,
    ip: str,
    web_port: int,
    identity: Identity,
    credentials: Credentials | None,
    rpc_port: int,
    url: str,
    state: dict[str, Any] | None = None,
) -> WebVerdict:
    """Log in to a stock login page: proves the password and reads the model (``minertype``)."""
    cred = _credential(credentials, ip, rpc_port)
    if cred is None:
        return WebVerdict(identity, url=url)
    info_url = base_url(ip, web_port) + "/cgi-bin/get_system_info.cgi"
    auth = StockDigest(cred.username, cred.password)
    try:
        reply = await _get(http, info_url, auth=auth)
    except MinerError as exc:
        if exc.kind is ErrorKind.AUTH_FAILED:
            return WebVerdict(identity, auth_error=MinerError(exc.kind, AUTH_MESSAGE), url=url)
        return WebVerdict(identity, url=url)  # the login page is enough to say "Antminer"
    _read_system_info(identity, reply, cred, auth, state)
    return WebVerdict(identity, url=url)


def _read_system_info(
    identity: Identity,
    reply: HttpReply,
    cred: Credential,
    auth: httpx.Auth,
    state: dict[str, Any] | None,
) -> None:
    """The model from a logged-in system info page; the page and the settled challenge go to
    the first poll (antminer_web.seed)."""
    if reply.status != 200:
        return
    try:
        doc = reply.json()
    except MinerError:
        doc = None
    minertype = doc.get("minertype") if isinstance(doc, dict) else None
    if isinstance(minertype, str) and minertype.strip():
        identity.model = clean_model(minertype)
    if state is not None:
        seed(state, cred, auth, doc)


async def epic_probe(http: HttpClient, ip: str, port: int) -> Identity | None:
    """ePIC serves HTTP REST on the API port: ``/capabilities`` names the model."""
    try:
        doc = await http.get_json(base_url(ip, port) + "/capabilities")
    except MinerError:
        return None
    if not isinstance(doc, dict) or "Model" not in doc:
        return None
    model = str(doc.get("Model") or "").strip()
    # ePIC firmware runs on Antminer control boards ("AntMiner S19 XP") and on its own hardware
    make = "Antminer" if re.match(r"(?i)antminer", model) else "ePIC"
    return Identity(family="epic", make=make, model=clean_model(model) or None, firmware="epic")
