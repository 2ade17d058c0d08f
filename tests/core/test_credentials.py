from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from rig_monitor.core.credentials import (
    DEFAULTS,
    Credential,
    Credentials,
    MemoryStore,
    open_store,
)


def test_resolution_order_miner_group_family_default() -> None:
    creds = Credentials(MemoryStore(), groups={"10.0.0.5:4028": "customer-a"})
    assert creds.resolve("10.0.0.5", 4028, "antminer") == DEFAULTS["antminer"]
    creds.set_for_family("antminer", Credential("root", "site-pw"))
    assert creds.resolve("10.0.0.5", 4028, "antminer") == Credential("root", "site-pw")
    creds.set_for_group("customer-a", Credential("root", "cust-pw"))
    assert creds.resolve("10.0.0.5", 4028, "antminer") == Credential("root", "cust-pw")
    assert creds.resolve("10.0.0.6", 4028, "antminer") == Credential("root", "site-pw")
    creds.set_for_miner("10.0.0.5", 4028, Credential("admin", "one-off"))
    assert creds.resolve("10.0.0.5", 4028, "antminer") == Credential("admin", "one-off")


def test_unknown_family_has_no_default() -> None:
    assert Credentials(MemoryStore()).resolve("10.0.0.1", 4028, "mystery") is None


def test_password_never_in_repr() -> None:
    assert "s3cret" not in repr(Credential("root", "s3cret"))


def test_no_keyring_backend_means_session_only_never_plaintext(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    store = open_store()
    assert isinstance(store, MemoryStore)
    assert store.persistent is False
