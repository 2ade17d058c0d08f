"""What every persona provides. A persona is a firmware family; its models are machines it runs on."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar, Literal

from rig_monitor.sim.faults import FAULTS
from rig_monitor.sim.hardware import HardwareSpec
from rig_monitor.sim.rig import Sample
from rig_monitor.sim.wire import Reply

Service = Literal["rpc", "http", "btminer_v3"]
SERVICES: frozenset[str] = frozenset({"rpc", "http", "btminer_v3"})
RPC_ONLY: frozenset[str] = frozenset({"rpc"})

# (status, headers, body) of one HTTP reply; the server adds Content-Length and Connection: close.
HttpReply = tuple[int, dict[str, str], bytes]


@dataclass(frozen=True, slots=True)
class Identity:
    """What a correct driver should report for identity, in the snapshot's vocabulary."""

    make: str | None
    model: str | None
    firmware: str
    firmware_version: str
    api_version: str


class Persona(ABC):
    """A stateless firmware imitation: renders a :class:`Sample` the way that firmware prints it."""

    id: ClassVar[str]
    # Model names this persona simulates and their weights when a fleet picks one at random.
    model_weights: ClassVar[dict[str, float]] = {}
    # Whether the firmware reports its rated hashrate (Antminer total_rateideal); cgminer does not.
    reports_nominal: ClassVar[bool] = True

    def check_model(self, model: str | None) -> str | None:
        if not self.model_weights:
            if model is not None:
                raise ValueError(f"persona {self.id!r} has no models (got {model!r})")
            return None
        if model is None:
            return next(iter(self.model_weights))
        if model not in self.model_weights:
            known = ", ".join(self.model_weights)
            raise ValueError(f"unknown {self.id} model {model!r}; known: {known}")
        return model

    @abstractmethod
    def hardware(self, model: str | None) -> HardwareSpec: ...

    @abstractmethod
    def identity(self, model: str | None) -> Identity: ...

    @abstractmethod
    def description(self, model: str | None) -> str:
        """The STATUS ``Description`` ("cgminer 4.11.1")."""

    def supports_multi(self, model: str | None) -> bool:
        return True

    def batchable(self, command: str, model: str | None) -> bool:
        """Whether ``command`` may be a member of a ``+`` batch (btminer refuses its ``get_*``)."""
        return True

    def supported_faults(self, model: str | None) -> frozenset[str]:
        return frozenset(FAULTS)

    def pools(self, seed: int, worker: str) -> list[tuple[str, str]]:
        """(url, user) of the configured pools. ``.invalid`` hosts never resolve, by design."""
        return [
            ("stratum+tcp://stratum.pool-a.invalid:3333", f"rigsim.{worker}"),
            ("stratum+tcp://stratum.pool-b.invalid:443", f"rigsim.{worker}"),
            ("stratum+tcp://stratum.pool-c.invalid:25", f"rigsim.{worker}"),
        ]

    @abstractmethod
    def reply(
        self, command: str, parameter: str | None, sample: Sample, model: str | None
    ) -> Reply | None:
        """The reply to one non-privileged command, or None when this firmware lacks it."""

    def status(
        self, code: int, msg: str, model: str | None, letter: str = "S", when: int = 0
    ) -> dict[str, object]:
        return {
            "STATUS": letter,
            "When": when,
            "Code": code,
            "Msg": msg,
            "Description": self.description(model),
        }

    # --- services beyond the CGMiner API (defaults: a plain CGMiner-API firmware) ---------------

    def services(self, model: str | None) -> frozenset[str]:
        """Which listeners the miner opens: "rpc" (the 4028-role port), "http" (the web port),
        "btminer_v3" (the 4433-role port). A service left out is a closed port (connect refused)."""
        return RPC_ONLY

    def rpc_speaks_http(self, model: str | None) -> bool:
        """True when the 4028-role port serves :meth:`http` instead of the CGMiner protocol (ePIC)."""
        return False

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
        """One HTTP request (``headers`` keys lower-cased, ``path`` without the query) → reply, or
        None for 404. Called for the web port, and for the RPC port when :meth:`rpc_speaks_http`."""
        return None

    def btminer_v3(
        self, request: dict[str, object], sample: Sample, model: str | None
    ) -> dict[str, object] | None:
        """One Whatsminer API v3 request (the decoded JSON frame) → reply object, or None to close
        the connection without answering."""
        return None


class WebOnlyPersona(Persona):
    """Firmware with no CGMiner API at all (Bitaxe/AxeOS, IceRiver): port 4028 is closed and
    everything is served by :meth:`http`. ``unsupported`` lists the faults it cannot show."""

    unsupported: ClassVar[frozenset[str]] = frozenset()

    def services(self, model: str | None) -> frozenset[str]:
        return frozenset({"http"})

    def supported_faults(self, model: str | None) -> frozenset[str]:
        return frozenset(FAULTS) - self.unsupported

    def reply(
        self, command: str, parameter: str | None, sample: Sample, model: str | None
    ) -> Reply | None:
        return None  # no CGMiner API on this firmware
