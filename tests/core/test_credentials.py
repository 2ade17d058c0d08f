from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from rig_monitor.core.credentials import (
    DEFAULTS,
    IDENTITY_CHANGED,
    Credential,
    Credentials,
    DeviceId,
    KeyringStore,
    MemoryStore,
    miner_key,
    open_store,
)
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind, MinerSnapshot


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


class CountingStore(MemoryStore):
    """A store that counts reads (each one is a blocking keyring call in the real app)."""

    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    def get(self, key: str) -> Credential | None:
        self.reads += 1
        return super().get(key)


def test_each_key_is_read_once_and_setting_a_password_refreshes_it() -> None:
    store = CountingStore()
    creds = Credentials(store, groups={"10.0.0.5:4028": "rack"})
    for _ in range(5):
        assert creds.resolve("10.0.0.5", 4028, "antminer") == DEFAULTS["antminer"]
    assert store.reads == 3  # miner, group, family: once each, misses cached too
    creds.set_for_miner("10.0.0.5", 4028, Credential("root", "new-pw"))
    assert creds.resolve("10.0.0.5", 4028, "antminer") == Credential("root", "new-pw")
    creds.set_for_group("rack", Credential("root", "rack-pw"))
    creds.forget_miner("10.0.0.5", 4028)
    assert creds.resolve("10.0.0.5", 4028, "antminer") == Credential("root", "rack-pw")
    assert store.reads == 3  # every change went through the cache


def _online(ip: str, mac: str | None, family: str = "antminer") -> MinerSnapshot:
    return MinerSnapshot(ip=ip, online=True, family=family, mac=mac)


def test_a_saved_password_is_bound_to_the_device_and_refused_to_another() -> None:
    creds = Credentials(MemoryStore())
    creds.observe(_online("10.0.0.5", "aa-bb-cc-00-00-01"))
    creds.set_for_miner("10.0.0.5", 4028, Credential("root", "box-pw"))
    stored = creds.store.get(miner_key("10.0.0.5", 4028))
    assert stored is not None and stored.bound == DeviceId(
        mac="AA:BB:CC:00:00:01", family="antminer"
    )
    assert creds.resolve("10.0.0.5", 4028, "antminer") == Credential("root", "box-pw")

    creds.observe(_online("10.0.0.5", "AA:BB:CC:00:00:99"))  # another box took the address
    with pytest.raises(MinerError) as err:
        creds.resolve("10.0.0.5", 4028, "antminer")
    assert err.value.kind is ErrorKind.AUTH_FAILED
    assert err.value.message.startswith(IDENTITY_CHANGED)
    assert "AA:BB:CC:00:00:01" in err.value.message and "box-pw" not in err.value.message

    assert creds.confirm_identity("10.0.0.5", 4028)  # the operator says: it is mine
    assert creds.resolve("10.0.0.5", 4028, "antminer") == Credential("root", "box-pw")


def test_a_reflash_to_another_family_is_another_device() -> None:
    creds = Credentials(MemoryStore())
    creds.observe(_online("10.0.0.6", None, "antminer"))
    creds.set_for_miner("10.0.0.6", 4028, Credential("root", "pw"))
    with pytest.raises(MinerError, match="identity changed"):
        creds.resolve("10.0.0.6", 4028, "braiins", detected="braiins")
    # detection that could not tell the firmware yet ("generic") is not another device
    creds.observe(_online("10.0.0.8", None, "generic"))
    creds.set_for_miner("10.0.0.8", 4028, Credential("root", "pw"))
    assert creds.resolve("10.0.0.8", 4028, "antminer", detected="antminer") is not None
    # a group or family password is for whatever answers in that range: not bound
    assert Credentials(MemoryStore()).resolve("10.0.0.6", 4028, "braiins") == DEFAULTS["braiins"]


def test_an_unbound_password_binds_to_the_first_device_it_works_for() -> None:
    creds = Credentials(MemoryStore())
    creds.set_for_miner("10.0.0.7", 4028, Credential("root", "pw"))  # e.g. from the CLI
    assert creds.resolve("10.0.0.7", 4028, "antminer") == Credential("root", "pw")
    creds.observe(_online("10.0.0.7", "02:00:00:00:00:07"))
    creds.flush()  # the binding is written on a helper thread
    stored = creds.store.get(miner_key("10.0.0.7", 4028))
    assert stored is not None and stored.bound is not None
    assert stored.bound.mac == "02:00:00:00:00:07"
    creds.observe(_online("10.0.0.7", "02:00:00:00:00:08"))
    with pytest.raises(MinerError, match="identity changed"):
        creds.resolve("10.0.0.7", 4028, "antminer")


def test_the_binding_survives_the_keyring_round_trip(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.core.fakekeyring import FakeKeyring

    fake = FakeKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: fake)
    monkeypatch.setattr(keyring, "get_password", fake.get_password)
    monkeypatch.setattr(keyring, "set_password", fake.set_password)
    store = open_store()
    assert isinstance(store, KeyringStore)
    store.set("miner:x", Credential("u", "p", DeviceId(mac="02:00:00:00:00:01", serial="SN1")))
    got = store.get("miner:x")
    assert got is not None and got.bound == DeviceId(mac="02:00:00:00:00:01", serial="SN1")
    assert got == Credential("u", "p")


def test_a_site_naming_an_unreadable_file_is_skipped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The engine reads saved sites at start-up: @/dev/zero or a binary must not stop it."""
    from rig_monitor.core.credentials import site_groups

    binary = tmp_path / "rack.bin"
    binary.write_bytes(b"\x7fELF\x00\x00\x01")
    sites = {"zero": ["@/dev/zero"], "bin": [f"@{binary}"], "ok": ["10.0.0.1"]}
    assert site_groups(sites) == {"10.0.0.1:4028": "ok"}
    text = caplog.text
    assert "'zero'" in text and "not a regular file" in text and "binary" in text


def test_the_keyring_is_opened_only_when_a_password_is_needed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from rig_monitor.core import credentials as mod

    opened: list[MemoryStore] = []

    def opener() -> MemoryStore:
        opened.append(MemoryStore())
        return opened[-1]

    monkeypatch.setattr(mod, "open_store", opener)
    creds = Credentials(mod.LazyStore())
    assert opened == []  # a warm poll that reads no web page never pays for the keyring
    creds.set_for_group("rack-a", Credential("root", "pw"))
    assert creds.resolve("10.0.0.2", 4028, "antminer") == DEFAULTS["antminer"]
    assert len(opened) == 1 and creds.store.persistent is False


def test_a_device_said_again_every_poll_is_still_followed_when_it_changes() -> None:
    """observe skips the merge when a poll says what the last one said (every steady poll):
    what it knows must be the same as merging every time."""
    creds = Credentials(MemoryStore())
    a, b = "02:00:00:00:00:0a", "02:00:00:00:00:0b"
    for mac in (a, a, b, b, a):
        creds.observe(_online("10.0.0.9", mac))
        assert creds.seen("10.0.0.9", 4028) == DeviceId(mac=mac.upper(), family="antminer")
    snap = _online("10.0.0.9", None)
    snap.serial = "SN1"
    creds.observe(snap)  # says less: the MAC it said before is kept, the serial added
    assert creds.seen("10.0.0.9", 4028) == DeviceId(mac=a.upper(), serial="SN1", family="antminer")
    # a password saved without a device (the store, the CLI) binds on the next poll, repeated or not
    creds.store.set(miner_key("10.0.0.9", 4028), Credential("root", "pw"))
    assert creds.resolve("10.0.0.9", 4028, "antminer") == Credential("root", "pw")
    creds.observe(snap)
    creds.flush()
    stored = creds.store.get(miner_key("10.0.0.9", 4028))
    assert stored is not None and stored.bound == DeviceId(serial="SN1", family="antminer")
