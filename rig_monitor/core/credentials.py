"""Miner passwords: vendor defaults, overridable per miner, per group or per family.

Overrides live in the OS keyring (Windows Credential Manager, macOS Keychain, Secret Service) and
never in the config file or the logs. Where no keyring backend exists (headless Linux), overrides
are kept for this session only and the app says so: never a plaintext fallback.

Two hardening rules (docs/security.md):
- Keyring reads are blocking (D-Bus, Keychain) and a sweep may need three per miner, so
  :class:`Credentials` reads each key once and keeps the answer (a miss too) until a password is
  set or forgotten through it; the polling loop then never waits on the keyring after warm-up.
- A per-miner password is bound to the device it was saved for (MAC, serial and firmware family,
  as far as they are known). When the device at that address contradicts the binding, the password is
  not sent: :meth:`Credentials.resolve` raises "identity changed" until the operator confirms.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind, MinerSnapshot

log = logging.getLogger(__name__)

SERVICE = "rig-monitor"
IDENTITY_CHANGED = "identity changed: confirm before sending the saved password"
UNKNOWN_FAMILY = "generic"  # the driver for cgminer-style firmware detection could not place


def _norm(value: str | None) -> str | None:
    if value is None:
        return None
    v = "".join(value.split()).replace("-", ":").upper()
    return v or None


@dataclass(frozen=True, slots=True)
class DeviceId:
    """What identifies one device, as far as the firmware tells (None = not known).

    No model: its spelling differs between detection and a driver's reading of the same box."""

    mac: str | None = None
    serial: str | None = None
    family: str | None = None  # a reflash to another firmware family is another device to us

    def __post_init__(self) -> None:
        object.__setattr__(self, "mac", _norm(self.mac))
        object.__setattr__(self, "serial", _norm(self.serial))

    @classmethod
    def of(cls, snap: MinerSnapshot) -> DeviceId:
        return cls(snap.mac, snap.serial, snap.family)

    def is_empty(self) -> bool:
        return not (self.mac or self.serial or self.family)

    def merged(self, newer: DeviceId) -> DeviceId:
        """``newer``'s fields where it knows them, ours elsewhere."""
        return DeviceId(
            newer.mac or self.mac,
            newer.serial or self.serial,
            newer.family or self.family,
        )

    def contradiction(self, other: DeviceId) -> str | None:
        """How ``other`` is not this device (a field both know and that differs), or None."""
        for name in ("mac", "serial", "family"):
            mine, theirs = getattr(self, name), getattr(other, name)
            if name == "family" and UNKNOWN_FAMILY in (mine, theirs):
                continue  # "generic" means detection could not tell yet, not another device
            if mine and theirs and str(mine).casefold() != str(theirs).casefold():
                return f"saved for {name.upper() if name == 'mac' else name} {mine}, now {theirs}"
        return None

    def to_json(self) -> dict[str, str]:
        return {k: v for k in ("mac", "serial", "family") if (v := getattr(self, k))}

    @classmethod
    def from_json(cls, data: object) -> DeviceId | None:
        if not isinstance(data, dict):
            return None
        vals = {k: str(v) for k in ("mac", "serial", "family") if (v := data.get(k))}
        dev = cls(**vals)
        return None if dev.is_empty() else dev


@dataclass(frozen=True, slots=True)
class Credential:
    username: str
    password: str
    # The device a per-miner password was saved for (None: not bound yet, bound on first use).
    bound: DeviceId | None = field(default=None, compare=False)

    def __repr__(self) -> str:  # never print a password, even in a traceback
        return f"Credential(username={self.username!r}, password=***)"


# The vendors' factory defaults (protocols.md §3.3), by driver family.
DEFAULTS: dict[str, Credential] = {
    "antminer": Credential("root", "root"),
    "hiveon": Credential("root", "root"),
    "marathon": Credential("root", "root"),
    "braiins": Credential("root", ""),
    "vnish": Credential("admin", "admin"),
    "luxos": Credential("root", "root"),
    "whatsminer": Credential("admin", "admin"),
    "whatsminer_v3": Credential("super", "super"),
    "avalon": Credential("root", "root"),
    "epic": Credential("root", "letmein"),
    "goldshell": Credential("admin", "123456789"),
    "iceriver": Credential("admin", "12345678"),
    "auradine": Credential("admin", "admin"),
    "innosilicon": Credential("admin", "admin"),
}


class SecretStore(Protocol):
    persistent: bool

    def get(self, key: str) -> Credential | None: ...
    def set(self, key: str, cred: Credential) -> None: ...
    def delete(self, key: str) -> None: ...


class MemoryStore:
    """Session-only store: tests, and machines without a keyring backend."""

    persistent = False

    def __init__(self) -> None:
        self._items: dict[str, Credential] = {}

    def get(self, key: str) -> Credential | None:
        return self._items.get(key)

    def set(self, key: str, cred: Credential) -> None:
        self._items[key] = cred

    def delete(self, key: str) -> None:
        self._items.pop(key, None)


class KeyringStore:
    persistent = True

    def __init__(self) -> None:
        import keyring

        self._keyring = keyring

    def get(self, key: str) -> Credential | None:
        blob = self._keyring.get_password(SERVICE, key)
        if not blob:
            return None
        try:
            d = json.loads(blob)
            return Credential(str(d["u"]), str(d["p"]), DeviceId.from_json(d.get("id")))
        except (ValueError, KeyError, TypeError, AttributeError):
            log.warning("ignoring an unreadable keyring entry for %s", key)
            return None

    def set(self, key: str, cred: Credential) -> None:
        doc: dict[str, Any] = {"u": cred.username, "p": cred.password}
        if cred.bound is not None:
            doc["id"] = cred.bound.to_json()
        self._keyring.set_password(SERVICE, key, json.dumps(doc))

    def delete(self, key: str) -> None:
        import keyring.errors

        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            self._keyring.delete_password(SERVICE, key)


def open_store() -> SecretStore:
    """The OS keyring when it has a usable backend, else a session-only store (with a warning)."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
            raise RuntimeError(f"no usable keyring backend ({type(backend).__name__})")
        return KeyringStore()
    except Exception as exc:
        log.warning("passwords will be kept for this session only: %s", exc)
        return MemoryStore()


class LazyStore:
    """The store ``open_store`` gives, opened on first use. Finding the keyring's backend costs
    ~0.2 s of CPU (keyring imports every backend it ships; the macOS one runs
    ctypes.util.find_library, a gcc subprocess on Linux), and a warm ``poll`` of known miners
    may never need a password (benchmarks/warm.py --cli)."""

    def __init__(self) -> None:
        self._store: SecretStore | None = None
        self._lock = threading.Lock()

    def _open(self) -> SecretStore:
        with self._lock:
            if self._store is None:
                self._store = open_store()
            return self._store

    @property
    def persistent(self) -> bool:
        return self._open().persistent

    @persistent.setter
    def persistent(self, value: bool) -> None:
        raise AttributeError("persistent is the opened store's")

    def get(self, key: str) -> Credential | None:
        return self._open().get(key)

    def set(self, key: str, cred: Credential) -> None:
        self._open().set(key, cred)

    def delete(self, key: str) -> None:
        self._open().delete(key)


def miner_key(ip: str, port: int) -> str:
    return f"miner:{ip}:{port}"


def group_key(group: str) -> str:
    return f"group:{group}"


def family_key(family: str) -> str:
    return f"family:{family}"


class Credentials:
    """Resolve the credential to try for one miner: miner → group → family override → default.

    Thread-safe: the engine's loop resolves while the window sets passwords from a worker thread.
    """

    def __init__(
        self, store: SecretStore | None = None, groups: Mapping[str, str] | None = None
    ) -> None:
        self.store: SecretStore = store if store is not None else MemoryStore()
        self.groups: dict[str, str] = dict(groups or {})  # "ip:port" → group name
        self._cache: dict[str, Credential | None] = {}  # store key → entry (None: none saved)
        self._seen: dict[str, DeviceId] = {}  # "ip:port" → the device last seen there
        # "ip:port" → the (mac, serial, family) its last observed poll said: a steady miner says
        # the same every poll, and merging it again would change nothing (issue 15: per poll)
        self._said: dict[str, tuple[str | None, str | None, str | None]] = {}
        self._lock = threading.Lock()
        self._writer: ThreadPoolExecutor | None = None

    def _get(self, key: str) -> Credential | None:
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        cred = self.store.get(key)  # blocking (keyring): once per key, then cached
        with self._lock:
            return self._cache.setdefault(key, cred)

    def _put(self, key: str, cred: Credential) -> None:
        self.store.set(key, cred)
        with self._lock:
            self._cache[key] = cred

    def warm(self, keys: list[str]) -> None:
        """Read ``keys`` now (off the polling loop: at engine start-up, on its own thread)."""
        for key in keys:
            self._get(key)

    def warm_for(self, targets: list[tuple[str, int]], families: list[str] | None = None) -> None:
        """Read every key a sweep of ``targets`` may need: miner, group and family keys."""
        keys = [miner_key(ip, port) for ip, port in targets]
        keys += sorted({group_key(g) for g in self.groups.values()})
        keys += [family_key(f) for f in (families if families is not None else list(DEFAULTS))]
        self.warm(keys)

    def resolve(
        self, ip: str, port: int, family: str, *, detected: str | None = None
    ) -> Credential | None:
        """The credential to send for ``family``'s login. Raises MinerError "identity changed"
        instead of handing out a per-miner password saved for another device than the one now at
        that address (seen in earlier polls, or ``detected``: the family detection found)."""
        for key in self._keys(ip, port, family):
            cred = self._get(key)
            if cred is None:
                continue
            if key.startswith("miner:") and cred.bound is not None:
                now = self.seen(ip, port).merged(DeviceId(family=detected))
                why = cred.bound.contradiction(now)
                if why is not None:
                    raise MinerError(ErrorKind.AUTH_FAILED, f"{IDENTITY_CHANGED} ({why})")
            return cred
        return DEFAULTS.get(family)

    def _keys(self, ip: str, port: int, family: str) -> list[str]:
        keys = [miner_key(ip, port)]
        group = self.groups.get(f"{ip}:{port}")
        if group:
            keys.append(group_key(group))
        keys.append(family_key(family))
        return keys

    def seen(self, ip: str, port: int) -> DeviceId:
        with self._lock:
            return self._seen.get(f"{ip}:{port}", DeviceId())

    def observe(self, snap: MinerSnapshot) -> None:
        """Note the device a successful poll found at an address (called by the poller).

        A device that changed is remembered, so its next poll is refused the saved password; an
        unbound per-miner password is bound to the first device it worked for (written to the
        store on a helper thread, never on the polling loop).
        """
        if not snap.online:
            return
        said = (snap.mac, snap.serial, snap.family)
        key = miner_key(snap.ip, snap.port)
        with self._lock:
            if self._said.get(snap.key) != said:  # merging what it said last time: no change
                self._said[snap.key] = said
                self._seen[snap.key] = self._seen.get(snap.key, DeviceId()).merged(DeviceId(*said))
            cred = self._cache.get(key)
            if cred is None or cred.bound is not None:
                return
            device = DeviceId(*said)
            if device.is_empty():
                return
            bound = replace(cred, bound=device)
            self._cache[key] = bound
            if self._writer is None:
                self._writer = ThreadPoolExecutor(1, thread_name_prefix="rig-monitor-keyring")
            writer = self._writer
        writer.submit(self._persist, key, bound)

    def _persist(self, key: str, cred: Credential) -> None:
        try:
            self.store.set(key, cred)
        except Exception as exc:  # a keyring hiccup must not stop polling
            log.warning("could not record which device %s belongs to: %s", key, type(exc).__name__)

    def flush(self) -> None:
        """Wait for pending binding writes (tests, shutdown)."""
        with self._lock:
            writer, self._writer = self._writer, None
        if writer is not None:
            writer.shutdown(wait=True)

    def set_for_miner(
        self, ip: str, port: int, cred: Credential, *, device: DeviceId | None = None
    ) -> None:
        """Save one miner's password, bound to ``device`` (or to the device now seen there, or
        unbound until it first works). Setting it again is how an operator confirms a new device."""
        bound = device if device is not None and not device.is_empty() else None
        if bound is None:
            seen = self.seen(ip, port)
            bound = None if seen.is_empty() else seen
        self._put(miner_key(ip, port), replace(cred, bound=bound))

    def confirm_identity(self, ip: str, port: int) -> bool:
        """The operator trusts the device now at this address with the saved password: rebind
        it. Returns False when no per-miner password is saved."""
        key = miner_key(ip, port)
        cred = self._get(key)
        if cred is None:
            return False
        seen = self.seen(ip, port)
        self._put(key, replace(cred, bound=None if seen.is_empty() else seen))
        return True

    def forget_miner(self, ip: str, port: int) -> None:
        key = miner_key(ip, port)
        self.store.delete(key)
        with self._lock:
            self._cache[key] = None

    def set_for_group(self, group: str, cred: Credential) -> None:
        self._put(group_key(group), cred)

    def set_for_family(self, family: str, cred: Credential) -> None:
        self._put(family_key(family), cred)


def site_groups(sites: Mapping[str, list[str]]) -> dict[str, str]:
    """ "ip:port" → site name: a saved site is the group its miners' passwords are set for.

    A site whose targets no longer parse contributes nothing rather than stopping the app.
    """
    from rig_monitor.core.targets import TargetError, parse_targets

    groups: dict[str, str] = {}
    for name, texts in sites.items():
        try:
            for target in parse_targets(texts):
                groups.setdefault(target.key, name)
        except TargetError as exc:
            log.warning("saved site %r is not used for passwords: %s", name, exc)
            continue
    return groups


def for_this_user() -> Credentials:
    """The OS keyring plus the saved sites as groups: what every polling front end should use."""
    from rig_monitor.core.config import load_config

    return Credentials(LazyStore(), site_groups(load_config().sites))
