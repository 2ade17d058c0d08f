from __future__ import annotations

import os
from pathlib import Path

import pytest

from rig_monitor.core.model import Target
from rig_monitor.core.targets import TargetError, is_public, parse_targets


def keys(text: str) -> list[str]:
    return [t.key for t in parse_targets(text)]


def test_single_ip_and_port() -> None:
    assert parse_targets("10.0.0.5") == [Target("10.0.0.5", 4028)]
    assert parse_targets("10.0.0.5:4029") == [Target("10.0.0.5", 4029)]


def test_cidr_excludes_network_and_broadcast() -> None:
    got = keys("10.0.0.0/30")
    assert got == ["10.0.0.1:4028", "10.0.0.2:4028"]
    assert len(parse_targets("10.10.0.0/22")) == 1022


def test_short_and_full_ranges() -> None:
    assert keys("10.0.0.5-7") == ["10.0.0.5:4028", "10.0.0.6:4028", "10.0.0.7:4028"]
    assert len(parse_targets("10.0.0.250-10.0.1.5")) == 12


def test_port_applies_to_a_whole_range() -> None:
    assert {t.port for t in parse_targets("127.1.0.1-20:24028")} == {24028}


def test_mixed_separators_and_duplicates() -> None:
    assert keys("10.0.0.1, 10.0.0.2\n10.0.0.1;10.0.0.3") == [
        "10.0.0.1:4028",
        "10.0.0.2:4028",
        "10.0.0.3:4028",
    ]


def test_at_file_with_comments(tmp_path: Path) -> None:
    f = tmp_path / "site.txt"
    f.write_text("# rack A\n10.0.1.1\n10.0.1.2:4029  # forwarded\n\n10.0.2.0/30\n")
    assert keys(f"@{f}") == ["10.0.1.1:4028", "10.0.1.2:4029", "10.0.2.1:4028", "10.0.2.2:4028"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("10.0.0.256", "not an IPv4 address"),
        ("miner-1", "not an IPv4 address"),
        ("10.0.0.9-5", "ends before it starts"),
        ("10.0.0.1:99999", "port must be"),
        ("10.0.0.0/33", "not a valid CIDR"),
        ("10.0.0.5-300", "range end"),
        ("0.0.0.0/8", "too many"),
        ("@/nonexistent/file.txt", "cannot read"),
    ],
)
def test_errors_name_the_token(text: str, message: str) -> None:
    with pytest.raises(TargetError, match=message) as info:
        parse_targets(text)
    assert str(info.value).startswith(repr(text))


def test_public_detection() -> None:
    assert is_public(Target("8.8.8.8"))
    assert not is_public(Target("10.1.2.3"))
    assert not is_public(Target("127.1.0.5"))
    assert not is_public(Target("192.168.1.10"))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("0.0.0.0", "not a host address"),
        ("255.255.255.255", "broadcast"),
        ("224.0.0.1", "multicast"),
        ("0.1.2.3:4029", "not a host address"),
        ("239.255.255.0/24", "multicast"),
        ("223.255.255.250-224.0.0.1", "it includes 224.0.0.0"),
        ("10.0.0.1, 240.0.0.9", "reserved"),
    ],
)
def test_addresses_that_cannot_be_a_miner_are_refused(text: str, words: str) -> None:
    with pytest.raises(TargetError, match=words):
        parse_targets(text)


def test_edge_hosts_of_private_ranges_still_pass() -> None:
    assert [t.ip for t in parse_targets("10.0.0.0-1, 223.255.255.254, 127.0.0.1")] == [
        "10.0.0.0",
        "10.0.0.1",
        "223.255.255.254",
        "127.0.0.1",
    ]


def test_at_files_that_are_not_lists_are_refused_quickly(tmp_path: Path) -> None:
    from rig_monitor.core.targets import MAX_FILE_BYTES

    binary = tmp_path / "miners.bin"
    binary.write_bytes(b"10.0.0.1\n\x00\x01\x02\xff")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("10.0.0.1 # Zürich\n".encode("latin-1"))
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 10)  # sparse: instant, and would be zeros
    cases = [
        (f"@{binary}", "binary"),
        (f"@{latin}", "not UTF-8"),
        (f"@{huge}", "larger than"),
        ("@/dev/zero", "not a regular file"),
        (f"@{tmp_path}", "cannot read|not a regular file"),
    ]
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # opening it would wait for a writer forever
    cases.append((f"@{fifo}", "not a regular file"))
    for text, words in cases:
        with pytest.raises(TargetError, match=words):
            parse_targets(text)
