"""One simulated miner: a persona on a rig, with faults that can be switched at any time."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterable

from rig_monitor.core.model import Target
from rig_monitor.sim import wire_faults
from rig_monitor.sim.faults import SERVICE_FAULTS, check_fault
from rig_monitor.sim.httpwire import HttpRequest, frame, not_found, render_head, render_response
from rig_monitor.sim.personas import PERSONAS
from rig_monitor.sim.protocol import respond
from rig_monitor.sim.rig import Rig, Sample
from rig_monitor.sim.truth import Truth, build_truth
from rig_monitor.sim.wire import NUL

Clock = Callable[[], float]

DEFAULT_WEB_PORT = 24080  # the sim's stand-in for port 80 (an ordinary user cannot bind 80)
DEFAULT_V3_PORT = 4433
# Replies within this many seconds show the same sample, so one poll's RPC and web requests (and a
# test's truth()) agree, as a firmware's own once-a-second figures do.
SAMPLE_REUSE_S = 1.0


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
        web_port: int = DEFAULT_WEB_PORT,
        v3_port: int = DEFAULT_V3_PORT,
    ) -> None:
        if persona not in PERSONAS:
            raise ValueError(f"unknown persona {persona!r}; known: {', '.join(PERSONAS)}")
        self.ip = ip
        self.port = port
        self.persona_id = persona
        self.persona = PERSONAS[persona]
        self.model = self.persona.check_model(model)
        self.seed = seed
        self.web_port = web_port
        self.v3_port = v3_port
        self.clock = clock
        self.start = clock() if start is None else start
        self.spec = self.persona.hardware(self.model)
        self.faults: set[str] = set()
        self._rig = Rig(
            self.spec, seed, self.start, pools=self.persona.pools(seed, f"w{seed % 100000:05d}")
        )
        self._wire_rng = random.Random(f"wire:{seed}")
        self._last: Sample | None = None
        self._last_at: float | None = None
        # Set by the listener serving this miner so that `offline` closes/reopens the socket.
        self.on_faults_changed: Callable[[], None] | None = None
        self._down_by_control = False
        from rig_monitor.sim.control import Control

        self.control = Control(self)
        for fault in faults:
            self.inject(fault)

    @property
    def services(self) -> frozenset[str]:
        return self.persona.services(self.model)

    @property
    def target(self) -> Target:
        """Carries ``web_port`` when the miner serves HTTP anywhere but port 80."""
        web = self.web_port if "http" in self.services and self.web_port != 80 else None
        return Target(self.ip, self.port, web_port=web)

    def supported_faults(self) -> frozenset[str]:
        services = self.services
        return frozenset(
            f
            for f in self.persona.supported_faults(self.model)
            if f not in SERVICE_FAULTS or SERVICE_FAULTS[f] in services
        )

    @property
    def label(self) -> str:
        return f"{self.persona_id} {self.model}" if self.model else self.persona_id

    def inject(self, fault: str) -> None:
        check_fault(fault)
        if fault not in self.supported_faults():
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

    def dark(self) -> bool:
        """``flapping``: off the network for the last 15 s of every 45 s since it was injected."""
        if "flapping" not in self.faults:
            return False
        return (self._rig.minutes_since("flapping", self.clock()) * 60.0) % 45.0 >= 30.0

    def _changed(self) -> None:
        self._last_at = None  # the next reply shows the new fault at once
        if self.on_faults_changed is not None:
            self.on_faults_changed()

    @property
    def rig(self) -> Rig:
        return self._rig

    def refresh(self) -> None:
        """A control command changed what the miner shows: the next reply shows it at once."""
        self._last_at = None

    def go_down(self, down_s: float) -> None:
        """Reboot: every port closes just after this reply, reopens ``down_s`` later, and the
        miner comes back with its uptime restarted (what a rebooted firmware shows)."""
        from rig_monitor.sim.control import schedule

        def down() -> None:
            if "offline" not in self.faults:
                self._down_by_control = True
                self.faults.add("offline")
                self._changed()

        def up() -> None:
            self._rig.reboot_now(self.clock())
            self.control.state.led = False
            if self._down_by_control:
                self._down_by_control = False
                self.faults.discard("offline")
            self._changed()

        schedule(0.05, down)
        schedule(0.05 + down_s, up)

    def sample(self) -> Sample:
        now = self.clock()
        last, at = self._last, self._last_at
        if last is not None and at is not None and 0.0 <= now - at < SAMPLE_REUSE_S:
            return last
        faults = frozenset(self.faults | ({"idle"} if self.control.state.sleeping else set()))
        self._last = self._rig.sample(now, faults)
        self._last_at = now
        return self._last

    def handle(self, raw: bytes) -> bytes:
        """Every byte of the reply to one request (timing faults are the server's job)."""
        if "garbage" in self.faults:
            return wire_faults.garbage(self._wire_rng)
        if "malformed" in self.faults:
            return wire_faults.malformed()
        payload = self.control.rpc(raw)
        if payload is None:
            payload = respond(self.persona, self.model, raw, self.sample)
        if "truncated" in self.faults:
            return wire_faults.truncated(payload)
        if "huge" in self.faults:
            return wire_faults.huge(payload)
        # surrogateescape: a persona may print bytes that are not UTF-8, as btminer does (0xaa)
        return payload.encode("utf-8", "surrogateescape") + NUL

    def handle_http(self, req: HttpRequest) -> bytes:
        """Every byte of the HTTP response (status line to body) to one request."""
        if "garbage" in self.faults:
            return wire_faults.garbage(self._wire_rng)
        reply = self.control.http(req) or self.persona.http(
            req.method, req.path, req.query, req.headers, req.body, self.sample(), self.model
        )
        if reply is None:
            return not_found(req.path)
        status, headers, body = reply
        if "malformed" in self.faults:
            body = wire_faults.malformed_json()
        if "truncated" in self.faults:  # no Content-Length: the client reads to the close
            return render_head(status, headers, None) + wire_faults.truncated_bytes(body)
        if "huge" in self.faults:
            body = wire_faults.huge_json(body)
        return render_response(status, headers, body)

    def handle_v3(self, request: dict[str, object]) -> bytes | None:
        """The framed reply to one Whatsminer v3 request, or None to close without answering."""
        if "garbage" in self.faults:
            return wire_faults.garbage(self._wire_rng)
        reply = self.control.v3(request) or self.persona.btminer_v3(
            request, self.sample(), self.model
        )
        if reply is None:
            return None
        payload = json.dumps(reply, separators=(",", ":")).encode()
        if "malformed" in self.faults:
            payload = wire_faults.malformed_json()
        if "truncated" in self.faults:  # the prefix promises the whole reply; half arrives
            return frame(payload)[: 4 + len(wire_faults.truncated_bytes(payload))]
        if "huge" in self.faults:
            payload = wire_faults.huge_json(payload)
        return frame(payload)

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
