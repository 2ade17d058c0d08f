"""The simulator checked against real firmware: each persona's replies have the keys, JSON types
and nesting of the captures of its firmware (values ignored; see tests/replay/shapes.py).

Three checks per (persona, reply): nothing the real firmware never sends ("extra", e.g. the
``BFGMiner`` key bfgminer never sends), no key of another JSON type than the real one ("type"),
and nothing every real capture has that the persona lacks ("missing"). A persona reply with a
known gap is listed in KNOWN_GAPS with the reason (strict xfail: it must go once fixed).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rig_monitor.core.errors import MinerError
from rig_monitor.core.wire.cgminer import REPAIRS_KEY, parse_reply
from rig_monitor.sim.miner import SimMiner
from rig_monitor.sim.personas import PERSONAS, auradine, goldshell, iceriver
from tests.replay.corpus import ROOT, CaptureSet, all_sets, load_set
from tests.replay.shapes import Shape, differences, shape

# persona id -> capture family whose replies it imitates
PERSONA_FAMILY = {
    "antminer": "antminer",
    "cgminer": "cgminer",
    "whatsminer": "whatsminer",
    "luxos": "luxos",
    "avalon": "avalon",
    "bitaxe": "bitaxe",
    "epic": "epic",
    "braiins": "braiins",
    "vnish": "vnish",
    "auradine": "auradine",
    "iceriver": "iceriver",
    "goldshell": "goldshell",
}
# (persona, reply) -> the persona's model to ask, where only that model's firmware was captured
# answering it (default: the persona's default model)
REPLY_MODEL = {("avalon", "rpc litestats"): "Q"}
# (persona, "rpc <command>" | "http <file stem>", check) -> reason it is not met yet
_GAPS_FILE = Path(__file__).with_name("sim_shape_gaps.json")
KNOWN_GAPS: dict[tuple[str, str, str], str] = {
    (g["persona"], g["reply"], g["check"]): g["reason"]
    for g in json.loads(_GAPS_FILE.read_text())["gaps"]
}

SETS = all_sets()
CGMINER_FIXTURES = ROOT.parent / "fixtures" / "cgminer-4.11.1"


def _family_sets(family: str) -> list[CaptureSet]:
    return [cs for cs in SETS if cs.family == family]


def _real_rpc(family: str, command: str) -> list[Shape]:
    shapes = [shape(doc) for cs in _family_sets(family) if (doc := cs.rpc_json(command))]
    if family == "cgminer":  # the stock cgminer 4.11.1 captures in tests/fixtures (no devices)
        raw = CGMINER_FIXTURES / f"{command}.raw"
        if raw.is_file():
            shapes.append(shape(parse_reply(raw.read_bytes())))
    return shapes


def _sim(persona: str, model: str | None = None) -> SimMiner:
    return SimMiner("127.0.0.1", 4028, persona, model, seed=7)


def sim_rpc(persona: str, command: str) -> Any:
    """The persona's reply as the client reads it (broken JSON repaired, the repair notes off);
    a dotted command ("get.device.info") is Whatsminer API v3, asked over v3 framing."""
    miner = _sim(persona, REPLY_MODEL.get((persona, f"rpc {command}")))
    if "." in command:
        return PERSONAS[persona].btminer_v3({"cmd": command}, miner.sample(), miner.model)
    try:
        doc = parse_reply(miner.handle(json.dumps({"command": command}).encode()))
    except MinerError:
        return None
    doc.pop(REPAIRS_KEY, None)
    return doc


def _candidates(stem: str) -> Iterator[tuple[str, dict[str, str]]]:
    """Request paths a file stem may stand for ('/' and '_' are both '_' in file names)."""
    parts = stem.split("_")
    query: dict[str, str] = {}
    if "=" in parts[-1]:
        key, _, value = parts.pop().partition("=")
        query = {key: value}
    for joins in itertools.product("/_", repeat=len(parts) - 1):
        path = "/" + parts[0] + "".join(j + p for j, p in zip(joins, parts[1:], strict=True))
        yield path, query


def _digest(challenge: str, path: str, user: str = "root", password: str = "root") -> str:
    """An Authorization header answering a Digest challenge (the stock Antminer login)."""
    fields = dict(re.findall(r'(\w+)="([^"]*)"', challenge))
    realm, nonce = fields.get("realm", ""), fields.get("nonce", "")
    ha1 = hashlib.md5(f"{user}:{realm}:{password}".encode()).hexdigest()
    ha2 = hashlib.md5(f"GET:{path}".encode()).hexdigest()
    response = hashlib.md5(f"{ha1}:{nonce}:00000001:0a0b:auth:{ha2}".encode()).hexdigest()
    return (
        f'Digest username="{user}", realm="{realm}", nonce="{nonce}", uri="{path}", '
        f'qop=auth, nc=00000001, cnonce="0a0b", response="{response}"'
    )


# How the monitor is logged in to a persona's web API: (method, extra headers, extra query)
_LOGINS: dict[str, Callable[[Any], tuple[str, dict[str, str], dict[str, str]]]] = {
    "auradine": lambda s: ("GET", {"token": auradine.token_for(s)}, {}),
    # any token (braiins, vnish): the real check is the control side's
    # (rig_monitor.sim.control), not asked here
    "braiins": lambda s: ("GET", {"authorization": "token-from-login"}, {}),
    "vnish": lambda s: ("GET", {"authorization": "Bearer token-from-unlock"}, {}),
    "goldshell": lambda s: ("GET", {"authorization": f"Bearer {goldshell.token_for(s)}"}, {}),
    "iceriver": lambda s: (
        "POST",  # the real capture is the answer to POST /user/userpanel?post=4
        {"cookie": f"{iceriver.COOKIE}={iceriver.session_for(s)}"},
        {"post": "4"},
    ),
}


def sim_http(persona: str, stem: str) -> Any:
    miner = _sim(persona)
    p = PERSONAS[persona]
    sample = miner.sample()
    method, login, extra = _LOGINS.get(persona, lambda s: ("GET", {}, {}))(sample)
    for path, q in _candidates(stem):
        query = {**q, **extra}
        reply = p.http(method, path, query, login, b"", sample, miner.model)
        if reply is not None and reply[0] == 401:  # log in as the monitor does (Digest)
            challenge = {k.lower(): v for k, v in reply[1].items()}.get("www-authenticate", "")
            headers = {"authorization": _digest(challenge, path)}
            reply = p.http("GET", path, query, headers, b"", sample, miner.model)
        if reply is not None and reply[0] == 200:
            try:
                return json.loads(reply[2])
            except ValueError:
                return None
    return None


def _params() -> Iterator[Any]:
    for persona, family in PERSONA_FAMILY.items():
        sets = _family_sets(family)
        commands = sorted({c for cs in sets for c in cs.rpc})
        stems = sorted({s for cs in sets for s in cs.http})
        for what in [f"rpc {c}" for c in commands] + [f"http {s}" for s in stems]:
            for check in ("extra", "type", "missing"):
                gap = KNOWN_GAPS.get((persona, what, check))
                marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
                yield pytest.param(
                    persona, what, check, id=f"{persona}:{what}:{check}", marks=marks
                )


@pytest.mark.parametrize(("persona", "what", "check"), list(_params()))
def test_persona_reply_has_the_real_shape(persona: str, what: str, check: str) -> None:
    family = PERSONA_FAMILY[persona]
    kind, name = what.split(" ", 1)
    if kind == "rpc":
        real = _real_rpc(family, name)
        sim = sim_rpc(persona, name)
    else:
        real = [shape(json.loads(cs.http[name])) for cs in _family_sets(family) if name in cs.http]
        sim = sim_http(persona, name)
    assert real, "no real capture to compare with"
    assert sim is not None, f"the {persona} persona does not answer {what} (the real firmware does)"
    diffs = [d for d in differences(shape(sim), real) if d.startswith(check + " ")]
    assert not diffs, diffs


def test_shapes_see_a_difference() -> None:
    """The comparison is not vacuous: a key the firmware never sends, a type change and a
    dropped key are each found."""
    real = [shape({"STATUS": [{"STATUS": "S"}], "VERSION": [{"CGMiner": "4.11.1", "API": "3.7"}]})]
    bfg = shape({"STATUS": [{"STATUS": "S"}], "VERSION": [{"BFGMiner": "5.5.0", "API": 3.1}]})
    found = differences(bfg, real)
    assert "extra $.VERSION[].BFGMiner (str)" in found
    assert "type $.VERSION[].API: sim float, real str" in found
    assert "missing $.VERSION[].CGMiner" in found


def test_bfgminer_version_is_cgminer_shaped() -> None:
    """No bfgminer capture in the corpus; its api.c apiversion() sends Miner, CGMiner and API
    (luke-jr/bfgminer api.c), i.e. the cgminer shape plus "Miner"."""
    real = _real_rpc("cgminer", "version")
    assert real
    diffs = differences(shape(sim_rpc("bfgminer", "version")), real)
    assert diffs == ["extra $.VERSION[].Miner (str)"]


def test_load_set_reads_a_capture() -> None:
    cs = load_set(ROOT / "antminer" / "s19pro-stock-legacy")
    assert cs.rpc_json("version")["VERSION"][0]["Type"] == "Antminer S19 Pro"
