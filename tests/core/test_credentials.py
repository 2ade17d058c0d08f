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


def test_saved_sites_are_the_groups(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from rig_monitor.core.config import AppConfig, save_config
    from rig_monitor.core.credentials import for_this_user, site_groups

    groups = site_groups({"rack-a": ["10.0.0.1-3", "10.0.0.9:4029"], "broken": ["10.0.0.999"]})
    assert groups == {
        "10.0.0.1:4028": "rack-a",
        "10.0.0.2:4028": "rack-a",
        "10.0.0.3:4028": "rack-a",
        "10.0.0.9:4029": "rack-a",
    }  # a site that no longer parses gives no group, and no crash
    monkeypatch.setenv("RIG_MONITOR_CONFIG_DIR", str(tmp_path))
    save_config(AppConfig(sites={"rack-a": ["10.0.0.1-3"]}))
    creds = for_this_user()  # what the CLI and both engines use
    creds.set_for_group("rack-a", Credential("root", "rack-pw"))
    assert creds.resolve("10.0.0.2", 4028, "antminer") == Credential("root", "rack-pw")
    assert creds.resolve("10.0.0.7", 4028, "antminer") == DEFAULTS["antminer"]
