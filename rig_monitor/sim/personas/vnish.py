"""Vnish (aftermarket Antminer firmware): Bitmain's bmminer replies with "(Vnish x.y.z)" in ``Type``.

Everything else is the stock persona's, byte for byte (the ``}{`` stats quirk included), plus the
``chain_power`` total Vnish adds to ``stats``. Its web API is not simulated yet.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rig_monitor.sim.personas.antminer import AntminerModel, AntminerPersona
from rig_monitor.sim.personas.base import Identity, Persona
from rig_monitor.sim.personas.power import sample_watts
from rig_monitor.sim.rig import Sample

VERSION = "1.2.6"


class VnishPersona(AntminerPersona):
    id = "vnish"
    model_weights: ClassVar[dict[str, float]] = {"S19j Pro": 50.0, "S19 XP": 30.0, "S21": 20.0}

    def identity(self, model: str | None) -> Identity:
        return Identity("Antminer", model, "vnish", VERSION, "3.1")

    # RPC only: Bitmain's web UI, which the stock persona serves, is not there
    services = Persona.services
    http = Persona.http

    @staticmethod
    def _header(m: AntminerModel, model: str | None) -> dict[str, Any]:
        return AntminerPersona._header(m, model) | {"Type": f"Antminer {model} (Vnish {VERSION})"}

    @staticmethod
    def _stats(m: AntminerModel, s: Sample) -> dict[str, Any]:
        return AntminerPersona._stats(m, s) | {"chain_power": f"{sample_watts(m.spec, s)} W"}
