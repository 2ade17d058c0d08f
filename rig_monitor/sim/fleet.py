"""A fleet of simulated miners served from one asyncio loop."""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Mapping, Sequence

from rig_monitor.core.model import Target
from rig_monitor.sim.addresses import check_port, plan_addresses
from rig_monitor.sim.faults import DEFAULT_FAULT_WEIGHTS, check_fault
from rig_monitor.sim.fdlimit import raise_fd_limit
from rig_monitor.sim.miner import DEFAULT_V3_PORT, DEFAULT_WEB_PORT, Clock, SimMiner
from rig_monitor.sim.personas import parse_persona
from rig_monitor.sim.server import Listener

# What a typical farm looks like today: mostly current Antminers, some older ones, a few odd rigs.
DEFAULT_PERSONA_MIX: dict[str, float] = {
    "antminer:S19j Pro": 26.0,
    "antminer:S21": 20.0,
    "antminer:S19 XP": 16.0,
    "antminer:S19": 7.0,
    "antminer:T21": 7.0,
    "antminer:S19 Pro": 6.0,
    "antminer:S9": 6.0,
    "cgminer": 6.0,
    "bfgminer": 2.0,
    "whatsminer": 12.0,
    "braiins": 3.0,
    "vnish": 3.0,
    "avalon": 3.0,
    "luxos": 2.0,
}

Weights = Mapping[str, float] | Sequence[str]


def _weights(choice: Weights | None, default: Mapping[str, float]) -> tuple[list[str], list[float]]:
    if choice is None:
        choice = default
    if isinstance(choice, Mapping):
        names, weights = list(choice), [float(w) for w in choice.values()]
    else:
        names, weights = list(choice), [1.0] * len(choice)
    if not names or sum(weights) <= 0:
        raise ValueError("need at least one choice with a positive weight")
    return names, weights


class SimFleet:
    """Miners plus their listeners. ``start``/``stop`` must run on the loop that serves them."""

    def __init__(self, miners: Sequence[SimMiner]) -> None:
        self.miners = list(miners)
        self._by_key = {(m.ip, m.port): m for m in self.miners}
        self._listeners: list[Listener] = []

    @staticmethod
    def listeners_for(miner: SimMiner) -> list[Listener]:
        """One listener per service the miner's persona serves; none for a closed service."""
        services = miner.services
        out = []
        if "rpc" in services:
            out.append(Listener(miner, miner.port, "rpc"))
        if "http" in services:
            out.append(Listener(miner, miner.web_port, "http"))
        if "btminer_v3" in services:
            out.append(Listener(miner, miner.v3_port, "btminer_v3"))

        def sync_all() -> None:
            for listener in out:
                listener._sync_offline()

        miner.on_faults_changed = sync_all
        return out

    @classmethod
    def build(
        cls,
        *,
        base: str = "127.1.0.0",
        count: int,
        faults_pct: float = 0.0,
        seed: int = 0,
        port: int = 4028,
        personas: Weights | None = None,
        single_ip: bool = False,
        fault_mix: Weights | None = None,
        clock: Clock = time.time,
        web_port: int = DEFAULT_WEB_PORT,
        v3_port: int = DEFAULT_V3_PORT,
    ) -> SimFleet:
        """``personas``/``fault_mix``: a list (equal odds) or a {name: weight} dict. Persona names are
        ``"antminer"`` (random model), ``"antminer:S21"``, ``"cgminer"``, ``"bfgminer"``.
        ``faults_pct`` is a percentage (0–100) of miners, chosen by seed, that get one fault.

        Miners whose persona serves "http" also listen on ``web_port`` at their own IP (their
        targets carry it), "btminer_v3" ones on ``v3_port``. With ``single_ip`` every service of
        miner *i* gets its own port: RPC ``port + i``, web ``web_port + i``, v3 ``v3_port + i``;
        the ranges of the services in use must not overlap."""
        if not 0.0 <= faults_pct <= 100.0:
            raise ValueError(f"faults_pct must be a percentage in 0..100, got {faults_pct}")
        addresses = plan_addresses(base, count, port, single_ip)
        check_port(web_port, count if single_ip else 1)
        check_port(v3_port, count if single_ip else 1)
        persona_names, persona_weights = _weights(personas, DEFAULT_PERSONA_MIX)
        fault_names, fault_weights = _weights(fault_mix, DEFAULT_FAULT_WEIGHTS)
        for name in fault_names:
            check_fault(name)
        rng = random.Random(f"fleet:{seed}")
        start = clock()
        miners: list[SimMiner] = []
        for i, (ip, p) in enumerate(addresses):
            spec = rng.choices(persona_names, persona_weights)[0]
            persona, model = parse_persona(spec)
            if ":" not in spec and persona.model_weights:
                model = rng.choices(
                    list(persona.model_weights), list(persona.model_weights.values())
                )[0]
            offset = p - port if single_ip else 0
            miners.append(
                SimMiner(
                    ip,
                    p,
                    persona.id,
                    model,
                    seed * 1_000_003 + i,
                    clock=clock,
                    start=start,
                    web_port=web_port + offset,
                    v3_port=v3_port + offset,
                )
            )
        _check_port_ranges(miners, port, web_port, v3_port, count if single_ip else 1)
        for index in sorted(rng.sample(range(count), round(count * faults_pct / 100.0))):
            miner = miners[index]
            allowed = miner.supported_faults()
            pairs = [
                (f, w)
                for f, w in zip(fault_names, fault_weights, strict=True)
                if f in allowed and w > 0
            ]
            if pairs:
                miner.inject(rng.choices([f for f, _ in pairs], [w for _, w in pairs])[0])
        return cls(miners)

    @property
    def targets(self) -> list[Target]:
        return [m.target for m in self.miners]

    @property
    def running(self) -> bool:
        return bool(self._listeners)

    def miner(self, ip: str, port: int | None = None) -> SimMiner:
        """The miner at ip:port; with ``port=None``, the first one on ``ip``."""
        if port is not None:
            try:
                return self._by_key[(ip, port)]
            except KeyError:
                raise KeyError(f"no simulated miner at {ip}:{port}") from None
        for m in self.miners:
            if m.ip == ip:
                return m
        raise KeyError(f"no simulated miner at {ip}")

    def inject(self, ip: str, fault: str, port: int | None = None) -> None:
        self.miner(ip, port).inject(fault)

    def clear(self, ip: str, fault: str | None = None, port: int | None = None) -> None:
        self.miner(ip, port).clear(fault)

    async def start(self) -> None:
        """Bind every listener on the running loop. On failure, nothing stays bound."""
        if self._listeners:
            raise RuntimeError("fleet already started")
        listeners = [x for m in self.miners for x in self.listeners_for(m)]
        raise_fd_limit(2 * len(listeners) + len(self.miners) + 256)
        self._listeners = listeners
        try:
            for listener in listeners:
                try:
                    await listener.open()
                except OSError as exc:
                    m = listener.miner
                    raise OSError(
                        exc.errno,
                        f"cannot listen on {m.ip}:{listener.port} ({listener.service}): "
                        f"{exc.strerror}",
                    ) from exc
        except BaseException:
            await self.stop()
            raise

    async def stop(self) -> None:
        """Close every listener and every open client connection, hung ones included."""
        listeners, self._listeners = self._listeners, []
        for listener in listeners:
            await listener.close()
        for m in self.miners:
            m.on_faults_changed = None


def _check_port_ranges(
    miners: Sequence[SimMiner], port: int, web_port: int, v3_port: int, span: int
) -> None:
    """Services of one IP must not share a port (nor, with single_ip, overlap as ranges)."""
    used = {s for m in miners for s in m.services}
    ranges = {"rpc": port, "http": web_port, "btminer_v3": v3_port}
    live = sorted((ranges[s], s) for s in used if s in ranges)
    for (a, name_a), (b, name_b) in itertools.pairwise(live):
        if a + span > b:
            raise ValueError(
                f"the {name_a} ports {a}..{a + span - 1} and the {name_b} ports from {b} overlap: "
                "choose other ports"
            )
