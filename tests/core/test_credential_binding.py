"""A saved per-miner password is not sent to a different device at the same address (simulator)."""

from __future__ import annotations

from rig_monitor.core.credentials import IDENTITY_CHANGED, Credential, Credentials, DeviceId
from rig_monitor.core.credentials import MemoryStore as Store
from rig_monitor.core.model import ErrorKind
from rig_monitor.sim.personas.iceriver import CHANGED_PASSWORD
from tests.core.drivers.fleet73 import fleet
from tests.core.webfleet import poll


def test_iceriver_password_saved_for_another_device_is_not_sent() -> None:
    with fleet(["iceriver:KS3M"]) as f:
        m = f.miners[0]
        f.inject(m.ip, "bad_password")
        creds = Credentials(Store())
        # saved for a Goldshell that used to sit at this address
        creds.set_for_miner(
            m.ip, m.port, Credential("admin", CHANGED_PASSWORD), device=DeviceId(family="goldshell")
        )
        s = poll(f.targets, credentials=creds)[0]
        assert not s.online and s.error_kind is ErrorKind.AUTH_FAILED
        assert (s.error or "").startswith(IDENTITY_CHANGED)

        assert creds.confirm_identity(m.ip, m.port) is True  # the operator confirms
        s = poll(f.targets, credentials=creds)[0]
        assert s.online, s.error


def test_a_new_box_of_the_same_kind_is_refused_once_its_mac_is_seen() -> None:
    with fleet(["iceriver:KS3M"]) as f:
        m = f.miners[0]
        f.inject(m.ip, "bad_password")
        creds = Credentials(Store())
        creds.set_for_miner(m.ip, m.port, Credential("admin", CHANGED_PASSWORD))
        first = poll(f.targets, credentials=creds)[0]
        assert first.online and first.mac  # the first device it works for: bound to its MAC
        creds.flush()
        creds.set_for_miner(
            m.ip,
            m.port,
            Credential("admin", CHANGED_PASSWORD),
            device=DeviceId(mac="02:00:00:00:00:01"),
        )
        s = poll(f.targets, credentials=creds)[0]
        assert s.error_kind is ErrorKind.AUTH_FAILED and IDENTITY_CHANGED in (s.error or "")
        assert "02:00:00:00:00:01" in (s.error or "") and CHANGED_PASSWORD not in (s.error or "")
