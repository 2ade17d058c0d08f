"""Persona registry. Adding a firmware = one new module plus one line in :data:`PERSONAS`."""

from __future__ import annotations

from rig_monitor.sim.personas.antminer import AntminerPersona, AntminerWebOnlyPersona
from rig_monitor.sim.personas.auradine import AuradinePersona
from rig_monitor.sim.personas.avalon import AvalonPersona
from rig_monitor.sim.personas.base import Identity, Persona
from rig_monitor.sim.personas.bitaxe import BitaxePersona
from rig_monitor.sim.personas.braiins import BraiinsPersona
from rig_monitor.sim.personas.cgminer import BfgminerPersona, CgminerPersona
from rig_monitor.sim.personas.epic import EpicPersona
from rig_monitor.sim.personas.goldshell import GoldshellPersona
from rig_monitor.sim.personas.iceriver import IceRiverPersona
from rig_monitor.sim.personas.luxos import LuxOSPersona
from rig_monitor.sim.personas.vnish import VnishPersona
from rig_monitor.sim.personas.whatsminer import WhatsminerPersona

PERSONAS: dict[str, Persona] = {
    "antminer": AntminerPersona(),
    "antminer-web": AntminerWebOnlyPersona(),
    "cgminer": CgminerPersona(),
    "bfgminer": BfgminerPersona(),
    "bitaxe": BitaxePersona(),
    "epic": EpicPersona(),
    "whatsminer": WhatsminerPersona(),
    "braiins": BraiinsPersona(),
    "luxos": LuxOSPersona(),
    "vnish": VnishPersona(),
    "avalon": AvalonPersona(),
    "auradine": AuradinePersona(),
    "iceriver": IceRiverPersona(),
    "goldshell": GoldshellPersona(),
}


def parse_persona(spec: str) -> tuple[Persona, str | None]:
    """``"antminer:S19j Pro"`` → (persona, model); ``"cgminer"`` → (persona, its default model)."""
    name, _, model = spec.partition(":")
    persona = PERSONAS.get(name.strip())
    if persona is None:
        raise ValueError(f"unknown persona {name!r}; known: {', '.join(PERSONAS)}")
    return persona, persona.check_model(model.strip() or None)


__all__ = ["PERSONAS", "Identity", "Persona", "parse_persona"]
