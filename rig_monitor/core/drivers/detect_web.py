"""The web half of detection: what ``GET /`` on a miner's web port says about its firmware.

Some miners cannot be told apart on 4028 (Bitaxe has no 4028, web-only Antminers close it, ePIC
speaks HTTP there), and aftermarket firmware often keeps the stock RPC text; the login realm, the
redirects and a few words of the page settle it. The markers are data (resources/detection.json).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urljoin, urlsplit

from rig_monitor.core.credentials import DEFAULTS, Credentials
from rig_monitor.core.drivers.antminer import clean_model
from rig_monitor.core.drivers.antminer_web import AUTH_MESSAGE, seed
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind, Identity
from rig_monitor.core.resources import load_json, resource_path
from rig_monitor.core.wire.http import HttpClient, HttpReply, base_url, digest

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
) -> WebVerdict:
    """Classify ``GET /``. Transport failures raise MinerError (refused, timed out …).

    ``state`` (the poller's per-miner scratch space) receives what a stock login read, for the
    driver's first poll (antminer_web.seed)."""
    url = base_url(ip, web_port) + "/"
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
    cred = (
        credentials.resolve(ip, rpc_port, "antminer")
        if credentials is not None
        else DEFAULTS.get("antminer")
    )
    if cred is None:
        return WebVerdict(identity, url=url)
    info_url = base_url(ip, web_port) + "/cgi-bin/get_system_info.cgi"
    auth = digest(cred.username, cred.password)
    try:
        reply = await _get(http, info_url, auth=auth)
    except MinerError as exc:
        if exc.kind is ErrorKind.AUTH_FAILED:
            return WebVerdict(identity, auth_error=MinerError(exc.kind, AUTH_MESSAGE), url=url)
        return WebVerdict(identity, url=url)  # the login page is enough to say "Antminer"
    if reply.status == 200:
        try:
            doc = reply.json()
        except MinerError:
            doc = None
        minertype = doc.get("minertype") if isinstance(doc, dict) else None
        if isinstance(minertype, str) and minertype.strip():
            identity.model = clean_model(minertype)
        if state is not None:
            seed(state, cred, auth, doc)
    return WebVerdict(identity, url=url)


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
