"""Detection from the raw text of `version`/`devdetails`, including firmware in disguise."""

from __future__ import annotations

import json

import pytest

from rig_monitor.core.drivers.detect import Probe, classify
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind
from tests.canned import fixture


def version(**fields: object) -> str:
    return json.dumps(
        {"STATUS": [{"STATUS": "S", "Code": 22, "Description": "x"}], "VERSION": [fields], "id": 1}
    )


def test_real_cgminer_is_generic() -> None:
    ident = classify(Probe(fixture("version.raw").decode(), fixture("devdetails.raw").decode()))
    assert (ident.family, ident.firmware, ident.firmware_version) == (
        "generic",
        "cgminer",
        "4.11.1",
    )


def test_stock_antminer() -> None:
    ident = classify(Probe(version(BMMiner="1.0.0", API="3.1", Type="Antminer S19j Pro"), None))
    assert (ident.family, ident.make, ident.model) == ("antminer", "Antminer", "S19j Pro")


@pytest.mark.parametrize(
    ("fields", "family"),
    [
        ({"BMMiner": "1.0.0", "Type": "Antminer S21 Hydro (Vnish 1.2.6)"}, "vnish"),
        ({"LUXminer": "2025.4.8.220305-57b389c7", "Type": "Antminer S19k Pro"}, "luxos"),
        ({"BMMiner": "1.0.0", "Type": "Antminer S19 HIVEON"}, "hiveon"),
        ({"CGMiner": "4.11.1", "PROD": "AvalonMiner 1566-185", "MODEL": "1566"}, "avalon"),
        ({"GCMiner": "1.0", "API": "3.7"}, "auradine"),
    ],
)
def test_custom_firmware_claiming_antminer_is_not_stock(fields: dict, family: str) -> None:
    assert classify(Probe(version(**fields), None)).family == family


def test_devdetails_echoing_antminer_does_not_make_stock() -> None:
    dev = json.dumps(
        {
            "STATUS": [{"STATUS": "S", "Description": "BOSer boser-buildroot 0.1.0"}],
            "DEVDETAILS": [{"Model": "Antminer S19"}],
        }
    )
    assert classify(Probe(None, dev)).family == "braiins"


def test_whatsminer_by_description() -> None:
    dev = json.dumps(
        {
            "STATUS": [{"STATUS": "S", "Description": "btminer"}],
            "DEVDETAILS": [{"Model": "M30S+_VE40"}],
        }
    )
    ident = classify(Probe(None, dev))
    assert (ident.family, ident.make) == ("whatsminer", "Whatsminer")


def test_non_api_answer_is_not_a_miner() -> None:
    with pytest.raises(MinerError) as info:
        classify(Probe("HTTP/1.1 400 Bad Request", "HTTP/1.1 400 Bad Request"))
    assert info.value.kind is ErrorKind.NOT_A_MINER
