"""Miner passwords: vendor defaults, overridable per miner, per group or per family.

Overrides live in the OS keyring (Windows Credential Manager, macOS Keychain, Secret Service) and
never in the config file or the logs. Where no keyring backend exists (headless Linux), overrides
are kept for this session only and the app says so: never a plaintext fallback.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger(__name__)

SERVICE = "rig-monitor"


@dataclass(frozen=True, slots=True)
class Credential:
    username: str
    password: str

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
            return Credential(str(d["u"]), str(d["p"]))
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring an unreadable keyring entry for %s", key)
            return None

    def set(self, key: str, cred: Credential) -> None:
        self._keyring.set_password(
            SERVICE, key, json.dumps({"u": cred.username, "p": cred.password})
        )

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


def miner_key(ip: str, port: int) -> str:
    return f"miner:{ip}:{port}"


def group_key(group: str) -> str:
    return f"group:{group}"


def family_key(family: str) -> str:
    return f"family:{family}"


class Credentials:
    """Resolve the credential to try for one miner: miner → group → family override → default."""

    def __init__(
        self, store: SecretStore | None = None, groups: Mapping[str, str] | None = None
    ) -> None:
        self.store: SecretStore = store if store is not None else MemoryStore()
        self.groups: dict[str, str] = dict(groups or {})  # "ip:port" → group name

    def resolve(self, ip: str, port: int, family: str) -> Credential | None:
        for key in self._keys(ip, port, family):
            cred = self.store.get(key)
            if cred is not None:
                return cred
        return DEFAULTS.get(family)

    def _keys(self, ip: str, port: int, family: str) -> list[str]:
        keys = [miner_key(ip, port)]
        group = self.groups.get(f"{ip}:{port}")
        if group:
            keys.append(group_key(group))
        keys.append(family_key(family))
        return keys

    def set_for_miner(self, ip: str, port: int, cred: Credential) -> None:
        self.store.set(miner_key(ip, port), cred)

    def set_for_group(self, group: str, cred: Credential) -> None:
        self.store.set(group_key(group), cred)

    def set_for_family(self, family: str, cred: Credential) -> None:
        self.store.set(family_key(family), cred)


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
        except TargetError:
            continue
    return groups


def for_this_user() -> Credentials:
    """The OS keyring plus the saved sites as groups: what every polling front end should use."""
    from rig_monitor.core.config import load_config

    return Credentials(open_store(), site_groups(load_config().sites))
