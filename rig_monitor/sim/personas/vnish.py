"""Vnish (aftermarket Antminer firmware): Bitmain's bmminer replies with "(Vnish x.y.z)" in ``Type``.

Everything else is the stock persona's, byte for byte (the ``}{`` stats quirk included), plus the
``chain_power`` total Vnish adds to ``stats``. Its web API (AnthillOS, ``/api/v1``) serves the
page detection recognises and, to a client unlocked through ``rig_monitor.sim.control`` (which
checks the token and answers the control endpoints), ``/api/v1/summary`` (vnish_web).
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from rig_monitor.sim.personas import vnish_web
from rig_monitor.sim.personas.antminer import AntminerModel, AntminerPersona
from rig_monitor.sim.personas.base import HttpReply, Identity
from rig_monitor.sim.personas.power import sample_watts
from rig_monitor.sim.rig import Sample

VERSION = "1.2.6"
_INDEX = b"<!DOCTYPE html><html><head><title>AnthillOS</title></head><body>AnthillOS</body></html>"


class VnishPersona(AntminerPersona):
    id = "vnish"
    model_weights: ClassVar[dict[str, float]] = {"S19j Pro": 50.0, "S19 XP": 30.0, "S21": 20.0}

    def identity(self, model: str | None) -> Identity:
        return Identity("Antminer", model, "vnish", VERSION, "3.1")

    # Bitmain's web UI, which the stock persona serves, is not there: AnthillOS is
    def services(self, model: str | None) -> frozenset[str]:
        return frozenset({"rpc", "http"})

    def http(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        headers: dict[str, str],
        body: bytes,
        sample: Sample,
        model: str | None,
    ) -> HttpReply | None:
        if path in ("/", "/index.html"):
            return 200, {"Content-Type": "text/html"}, _INDEX
        if path != "/api/v1/summary" or method != "GET":
            return None
        if not headers.get("authorization"):  # the token itself is checked by the control side
            return 401, {"Content-Type": "application/json"}, b'{"err": "unauthorized"}'
        h = sample.miner_id
        mac = "B4:10:" + ":".join(h[i : i + 2].upper() for i in range(0, 8, 2))
        name = self.check_model(model) or "S19j Pro"
        doc = vnish_web.summary(sample, self.hardware(model), name, mac, VERSION)
        return 200, {"Content-Type": "application/json"}, json.dumps(doc).encode()

    @staticmethod
    def _header(m: AntminerModel, model: str | None) -> dict[str, Any]:
        return AntminerPersona._header(m, model) | {"Type": f"Antminer {model} (Vnish {VERSION})"}

    @staticmethod
    def _stats(m: AntminerModel, s: Sample) -> dict[str, Any]:
        return AntminerPersona._stats(m, s) | {"chain_power": f"{sample_watts(m.spec, s)} W"}
