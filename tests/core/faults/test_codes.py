from __future__ import annotations

import pytest

from rig_monitor.core.faults import (
    antminer_code,
    avalon_ps,
    classify,
    decode_whatsminer,
    load_catalogue,
    whatsminer_code,
)
from rig_monitor.core.faults.codes import load_code_tables
from rig_monitor.core.model import Severity, VendorError


def test_whatsminer_digit_decoding_examples_from_2_1() -> None:
    d = decode_whatsminer("532")
    assert (d.type, d.subtype, d.value) == (5, 3, 2)
    d = decode_whatsminer("2310")
    assert (d.type, d.subtype, d.value) == (23, 1, 0)
    d = decode_whatsminer("521045")
    assert (d.type, d.slot, d.chip) == (52, 1, 45)
    d = decode_whatsminer("100001")
    assert d.security and d.type == 1000
    with pytest.raises(ValueError):
        decode_whatsminer("12ab")


@pytest.mark.parametrize(
    ("code", "fault", "board", "meaning", "severity"),
    [
        ("532", "board_missing", 2, "slot 2 not found", Severity.CRITICAL),
        ("521045", "hw_error_rate_high", 1, "slot 1 chip 45 error nonce", Severity.WARNING),
        ("2310", "hashrate_low", None, "hashrate too low", Severity.WARNING),
        ("110", "fan_failed", None, "intake fan speed error", Severity.CRITICAL),
        ("234", "psu_fault", None, "PSU output over-temperature protection", Severity.CRITICAL),
        ("212", "board_voltage_fault", None, "output voltage at the border", Severity.WARNING),
        ("329", "temp_sensor_fault", None, "control-board temperature sensor", Severity.WARNING),
        ("321", "temp_sensor_fault", 1, "slot 1 temperature reading error", Severity.WARNING),
        ("5122", "crc_errors", 2, "slot 2 too many CRC errors", Severity.WARNING),
        ("5050", "chip_overtemp", 0, "slot 0 stopped hashing", Severity.CRITICAL),
        ("2010", "pools_all_dead", None, "all pools disabled", Severity.CRITICAL),
        ("9012", "vendor_error_code", None, "process exited abnormally", Severity.WARNING),
        ("8532", "vendor_error_code", None, "fan substandard, level 3", Severity.WARNING),
        ("8410", "firmware_mismatch", None, "software version error", Severity.CRITICAL),
        ("8420", "firmware_mismatch", None, "firmware version error", Severity.WARNING),
        ("100100", "firmware_mismatch", None, "BTMiner removed", Severity.CRITICAL),
        ("710", "unexpected_reboot", None, "rebooted as exception", Severity.WARNING),
    ],
)
def test_whatsminer_codes_map_to_catalogue_faults(
    code: str, fault: str, board: int | None, meaning: str, severity: Severity
) -> None:
    info = whatsminer_code(code)
    assert info.fault_id == fault
    assert info.board == board
    assert meaning in info.meaning
    assert info.severity is severity


def test_unknown_whatsminer_code_is_kept_as_vendor_error() -> None:
    info = whatsminer_code("5140")
    assert info.fault_id == "vendor_error_code" and info.code == "5140"


@pytest.mark.parametrize(
    ("code", "fault", "board"),
    [
        ("R:1", "hashrate_low", None),
        ("N:1", "hashrate_high", None),
        ("V:1", "psu_fault", None),
        ("V:2", "psu_fault", None),
        ("J0:8", "board_missing", None),
        ("P:1", "chip_overtemp", None),
        ("P:2", "inlet_undertemp", None),
        ("J3:4", "eeprom_fault", 3),
        ("J0:6", "temp_sensor_fault", None),
        ("M:1", "firmware_mismatch", None),
        ("J2:2", "chips_missing", 2),
        ("L1:1", "board_voltage_fault", 1),
        ("L0:2", "board_voltage_fault", 0),
        ("L255:2", "firmware_mismatch", None),
        ("ERROR_FAN_LOST", "fan_failed", None),
    ],
)
def test_antminer_error_port_codes(code: str, fault: str, board: int | None) -> None:
    info = antminer_code(code)
    assert (info.fault_id, info.board) == (fault, board)


def test_antminer_kernel_messages() -> None:
    assert (
        antminer_code("log", "Chain[1]: find 0 asic, will power off this chain").fault_id
        == "board_missing"
    )
    assert antminer_code("log", "Chain[0]: only find 110 asic").fault_id == "chips_missing"
    assert antminer_code("log", "Fatal Error: some fan lost!").fault_id == "fan_failed"
    assert antminer_code("log", "something new").fault_id == "vendor_error_code"


def test_avalon_ps_bitmask_and_bootby() -> None:
    info = avalon_ps(1 | 2048)
    assert info is not None and info.fault_id == "psu_fault"
    assert info.meaning == "input under-voltage, PSU fan failed"
    assert avalon_ps(0) is None
    assert classify(VendorError("BOOTBY:2"), "Avalon", "avalon") is None  # context, not a fault
    ps = classify(VendorError("PS:64"), "Avalon", "avalon")
    assert ps is not None and ps.meaning == "output over-current"


def test_classify_uses_the_make_and_keeps_foreign_text() -> None:
    wm = classify(VendorError("532"), "Whatsminer", "whatsminer")
    assert wm is not None and wm.fault_id == "board_missing"
    bos = classify(
        VendorError("bos.1", "hashboard 2: voltage regulator fault"), "Antminer", "braiins"
    )
    assert bos is not None and bos.meaning == "hashboard 2: voltage regulator fault"
    other = classify(VendorError("E42", "chain failure", board=1), "ePIC", "epic")
    assert other is not None and (other.fault_id, other.board) == ("vendor_error_code", 1)


def test_every_mapped_fault_id_exists_in_the_catalogue() -> None:
    from rig_monitor.core.faults import codes

    load_code_tables()
    ids = set(load_catalogue().ids)
    for table in (codes._whatsminer(), codes._antminer()):
        entries = list(table.exact.values()) + [e for *_, e in table.ranges]
        entries += [e for _, e in table.patterns] + [e for _, e in table.messages]
        assert entries
        assert {e.fault_id for e in entries} <= ids
