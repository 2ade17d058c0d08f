"""The CGMiner API request rules every persona shares: request forms, multi-command, errors, access.

This is the *server* side of the protocol (what api.c does); the client's parsing lives elsewhere
and is deliberately not reused.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from rig_monitor.sim.personas.base import Persona
from rig_monitor.sim.rig import Sample
from rig_monitor.sim.wire import Reply, multi_json, multi_text

# Commands that need --api-allow W: stock firmwares answer Code 45 "Access denied".
PRIVILEGED: frozenset[str] = frozenset(
    {
        "switchpool", "enablepool", "disablepool", "addpool", "removepool", "poolpriority",
        "poolquota", "save", "quit", "restart", "privileged", "ascenable", "ascdisable",
        "ascidentify", "ascset", "pgaenable", "pgadisable", "pgaidentify", "pgaset", "zero",
        "hotplug", "debug", "setconfig", "lockstats", "failover-only",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Request:
    command: str
    parameter: str | None
    is_json: bool


class BadRequest(Exception):
    def __init__(self, code: int, msg: str) -> None:
        super().__init__(msg)
        self.code = code
        self.msg = msg


def parse_request(raw: bytes) -> Request:
    text = raw.rstrip(b"\x00\r\n").decode("utf-8", errors="replace").strip()
    if not text.startswith("{"):
        command, _, param = text.partition("|")
        return Request(command.strip(), param or None, is_json=False)
    try:
        obj = json.loads(text)
    except ValueError as exc:
        raise BadRequest(23, "Invalid JSON") from exc
    if not isinstance(obj, dict) or not isinstance(obj.get("command"), str):
        raise BadRequest(24, "Missing JSON 'command'")
    value = obj.get("parameter")
    return Request(obj["command"].strip(), None if value is None else str(value), is_json=True)


def _error(code: int, msg: str, when: int, description: str | None) -> Reply:
    status: dict[str, object] = {"STATUS": "E", "When": when, "Code": code, "Msg": msg}
    if description is not None:
        status["Description"] = description
    return Reply(status)


def _invalid(when: int) -> Reply:
    # cgminer prints no Description on this one (see fixtures/cgminer-4.11.1/invalid_cmd.raw).
    return _error(14, "Invalid command", when, None)


def _one(
    persona: Persona, model: str | None, command: str, parameter: str | None, sample: Sample
) -> Reply:
    if command in PRIVILEGED:
        return _error(
            45, f"Access denied to '{command}' command", sample.when, persona.description(model)
        )
    return persona.reply(command, parameter, sample, model) or _invalid(sample.when)


def respond(
    persona: Persona, model: str | None, raw: bytes, sample_now: Callable[[], Sample]
) -> str:
    """The reply text (without the NUL) to one raw request. ``sample_now`` is called once."""
    sample = sample_now()
    try:
        req = parse_request(raw)
    except BadRequest as exc:
        return _error(exc.code, exc.msg, sample.when, persona.description(model)).to_json()
    if "+" not in req.command:
        reply = _one(persona, model, req.command, req.parameter, sample)
        return reply.to_json() if req.is_json else reply.to_text()
    if not persona.supports_multi(model):
        reply = _invalid(sample.when)
        return reply.to_json() if req.is_json else reply.to_text()
    names: list[str] = []
    for name in req.command.split("+"):
        if name and name not in names:
            names.append(name)
    replies = [
        (name, _one(persona, model, name, None, sample))
        if persona.batchable(name, model)
        else (name, _invalid(sample.when))
        for name in names
    ]
    return multi_json(replies) if req.is_json else multi_text(replies)
