"""One simulated miner: a persona on a rig, with faults that can be switched at any time."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable

from rig_monitor.core.model import Target
from rig_monitor.sim import wire_faults
from rig_monitor.sim.faults import check_fault
from rig_monitor.sim.personas import PERSONAS
from rig_monitor.sim.protocol import respond
from rig_monitor.sim.rig import Rig, Sample
from rig_monitor.sim.truth import Truth, build_truth
from rig_monitor.sim.wire import NUL

Clock = Callable[[], float]


class SimMiner:
    """Answers raw requests like its firmware would. Not thread-safe: use it on its fleet's loop."""

    def __init__(
        self,
        ip: str,
        port: int = 4028,
        persona: str = "antminer",
        model: str | None = None,
        seed: int = 0,
        faults: Iterable[str] = (),
        *,
        clock: Clock = time.time,
        start: float | None = None,
    ) -> None:
        if persona not in PERSONAS:
            raise ValueError(f"unknown persona {persona!r}; known: {', '.join(PERSONAS)}")
        self.ip = ip
        self.port = port
        self.persona_id = persona
        self.persona = PERSONAS[persona]
        self.model = self.persona.check_model(model)
        self.seed = seed
        self.clock = clock
        self.start = clock() if start is None else start
        self.spec = self.persona.hardware(self.model)
        self.faults: set[str] = set()
        self._rig = Rig(
            self.spec, seed, self.start, pools=self.persona.pools(seed, f"w{seed % 100000:05d}")
        )
        self._wire_rng = random.Random(f"wire:{seed}")
        self._last: Sample | None = None
        # Set by the listener serving this miner so that `offline` closes/reopens the socket.
        self.on_faults_changed: Callable[[], None] | None = None
        for fault in faults:
            self.inject(fault)

    @property
    def target(self) -> Target:
        return Target(self.ip, self.port)

    @property
    def label(self) -> str:
        return f"{self.persona_id} {self.model}" if self.model else self.persona_id

    def inject(self, fault: str) -> None:
        check_fault(fault)
        if fault not in self.persona.supported_faults(self.model):
            raise ValueError(f"fault {fault!r} cannot show on {self.label}")
        if fault in self.faults:
            return
        self.faults.add(fault)
        self._rig.on_inject(fault, self.clock())
        self._changed()

    def clear(self, fault: str | None = None) -> None:
        """Remove one fault, or all of them."""
        if fault is None:
            self.faults.clear()
        else:
            self.faults.discard(check_fault(fault))
        self._changed()

    def _changed(self) -> None:
        if self.on_faults_changed is not None:
            self.on_faults_changed()

    def sample(self) -> Sample:
        self._last = self._rig.sample(self.clock(), frozenset(self.faults))
        return self._last

    def handle(self, raw: bytes) -> bytes:
        """Every byte of the reply to one request (timing faults are the server's job)."""
        if "garbage" in self.faults:
            return wire_faults.garbage(self._wire_rng)
        payload = respond(self.persona, self.model, raw, self.sample)
        if "truncated" in self.faults:
            return wire_faults.truncated(payload)
        if "huge" in self.faults:
            return wire_faults.huge(payload)
        return payload.encode() + NUL

    def truth(self) -> Truth:
        """What the last reply showed (or the current state, before any reply)."""
        sample = self._last or self.sample()
        return build_truth(
            ip=self.ip,
            port=self.port,
            persona=self.persona_id,
            identity=self.persona.identity(self.model),
            spec=self.spec,
            sample=sample,
            faults=frozenset(self.faults),
            reports_nominal=self.persona.reports_nominal,
        )

    def __repr__(self) -> str:
        faults = ",".join(sorted(self.faults)) or "-"
        return f"SimMiner({self.ip}:{self.port} {self.label} seed={self.seed} faults={faults})"
