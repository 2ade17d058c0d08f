"""The fallback stage of detection: run only when the fast path (detect, detect_web) ends
"generic" or finds nothing, and not for a generic match the RPC named plainly (a cgminer or
sgminer ``version`` no rule's firmware answers as, with devices in ``devdetails``:
detect.plainly_named).

The fast path reads what most firmware names itself with (``version``/``devdetails`` on 4028,
``GET /`` on the web port). Some miners answer neither usefully: an Avalon whose ``version`` is
gone, an old btminer that rejects ``devdetails``, a Bitaxe or FluxOS API with no page at ``/``.
Then the generic driver read them and showed almost nothing. This stage asks what the family's
own driver will read and looks for keys only that firmware sends (rules are data:
resources/detection.json "fallback", each citing its source).

Cost is bounded: the RPC rules use the replies detection already read ahead where it has them
(no request), else one request per rule; the web rules ask one page each, in order, with a short
deadline, and stop at the first match or at the first transport failure (a closed or silent web
port is not asked again). A non-miner web server that answers 404 costs at most one request per
web rule.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import cache
from typing import Any

from rig_monitor.core.drivers.base import first, section
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind, Identity
from rig_monitor.core.resources import load_json, resource_path
from rig_monitor.core.wire.cgminer import CGMinerClient
from rig_monitor.core.wire.http import HttpClient, base_url

# A probe page is small and answers at once on a miner; a miner that does not is read as before.
WEB_PROBE_TIMEOUT_S = 2.0
AURADINE_API_PORT = 8080  # protocols.md 2.11: the FluxOS API listens on 8080, not on 80
_STOP = frozenset({ErrorKind.TIMEOUT, ErrorKind.REFUSED, ErrorKind.UNREACHABLE})


@dataclass(frozen=True, slots=True)
class Rule:
    family: str
    make: str | None
    command: str = ""  # rpc rules
    method: str = "GET"  # web rules
    path: str = ""
    port: str = "web"
    section: str = ""
    keys: tuple[str, ...] = ()
    key_prefix: str = ""
    contains: str = ""
    hides_behind: tuple[str, ...] = ()  # plain programs this firmware's version reply may name


def _rule(doc: dict[str, Any]) -> Rule:
    return Rule(
        family=doc["family"],
        make=doc.get("make"),
        command=doc.get("command", ""),
        method=doc.get("method", "GET"),
        path=doc.get("path", ""),
        port=doc.get("port", "web"),
        section=doc.get("section", ""),
        keys=tuple(doc.get("keys", ())),
        key_prefix=doc.get("key_prefix", ""),
        contains=doc.get("contains", ""),
        hides_behind=tuple(doc.get("hides_behind", ())),
    )


@cache
def rules() -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    """(rpc rules, web rules) from resources/detection.json."""
    doc = load_json(resource_path("detection.json"))["fallback"]
    return tuple(_rule(r) for r in doc["rpc"]), tuple(_rule(r) for r in doc["web"])


@cache
def hiding_programs() -> frozenset[str]:
    """Plain programs (cgminer, bfgminer, sgminer) that a rule's firmware may answer
    ``version`` as: a generic match naming one of them still runs this stage."""
    return frozenset(p for kind in rules() for r in kind for p in r.hides_behind)


def matches(rule: Rule, doc: Any, text: str) -> bool:
    """Pure: whether a reply (parsed ``doc``, raw ``text``) shows what ``rule`` looks for."""
    if rule.contains and rule.contains not in text:
        return False
    if rule.key_prefix:
        found = any(
            str(k).startswith(rule.key_prefix) for item in section(doc, rule.section) for k in item
        )
        if not found:
            return False
    if rule.keys:
        if not isinstance(doc, dict):
            return False
        item: Any = first(doc, rule.section) if rule.section else doc
        if not isinstance(item, dict) or not all(k in item for k in rule.keys):
            return False
    return bool(rule.contains or rule.keys or rule.key_prefix)


async def more_rpc(client: CGMinerClient) -> Identity | None:
    """The RPC rules, in order; None when none matches or the port does not answer."""
    for rule in rules()[0]:
        reply = client.primed_reply(rule.command)
        if reply is None:
            try:
                reply = await client.command(rule.command)
            except MinerError as exc:
                if exc.kind in _STOP:
                    return None  # closed or silent: the other rules would meet it too
                continue
        # parsed keys only: serialising a (possibly 2 MB hostile) reply to search it is not paid
        if matches(rule, reply, ""):
            return Identity(family=rule.family, make=rule.make)
    return None


def web_port_for(rule: Rule, web_port: int) -> int:
    """FluxOS listens on 8080 unless the site moved the web port (forwards, the simulator):
    the same choice as auradine.web_port."""
    if rule.port == "auradine" and web_port == 80:
        return AURADINE_API_PORT
    return web_port


async def more_web(http: HttpClient, ip: str, web_port: int) -> Identity | None:
    """The web rules, in order, one request each; stops at a match or a silent port."""
    for rule in rules()[1]:
        url = base_url(ip, web_port_for(rule, web_port)) + rule.path
        try:
            reply = await asyncio.wait_for(
                http.request(rule.method, url), timeout=WEB_PROBE_TIMEOUT_S
            )
        except TimeoutError:
            if rule.port != "web":
                continue  # another port than the one the fast path already reached
            return None
        except MinerError as exc:
            if exc.kind in _STOP and rule.port == "web":
                return None  # the fast path's ``GET /`` met it too: asking more waits again
            continue
        if reply.status != 200:
            continue
        try:
            doc = reply.json()
        except MinerError:
            continue
        if matches(rule, doc, reply.text):
            return Identity(family=rule.family, make=rule.make)
    return None


async def detect_more(
    client: CGMinerClient,
    http: HttpClient | None = None,
    web_port: int | None = None,
    rpc: bool = True,
) -> Identity | None:
    """The RPC rules (``rpc``: the API port answered), then (with a web client) the web rules;
    None when nothing matches."""
    found = await more_rpc(client) if rpc else None
    if found is None and http is not None and web_port is not None:
        found = await more_web(http, client.host, web_port)
    return found
