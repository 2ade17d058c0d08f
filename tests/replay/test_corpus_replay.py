"""Every capture set replayed end to end: detection, driver, rules, through the real CLI.

Each set in tests/captures is served by the replay server on its own 127.117.N.1 address;
``rig-monitor poll --json`` and ``rig-monitor diagnose --json`` read it (detection included,
``--web-port`` pointing at the replay's web port) and what they print is checked against the
set's ``expected.json``, written by reading the capture, not by running this code.

A check the code does not meet yet is listed in KNOWN_GAPS with the reason: it runs, and is
expected to fail (strict: when it starts passing, the entry must go).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from rig_monitor.cli import main
from rig_monitor.core.drivers import firmware_name
from rig_monitor.core.modeldb import cooling_from_name, lookup
from tests.replay.corpus import CaptureSet, all_sets
from tests.replay.server import ReplayServer, Served

SETS = all_sets()
BY_ID = {cs.id: cs for cs in SETS}

# (set id, check) → why the code does not meet the expectation yet (see corpus_gaps.json)
_GAPS_FILE = Path(__file__).with_name("corpus_gaps.json")
KNOWN_GAPS: dict[tuple[str, str], str] = {
    (g["set"], g["check"]): g["reason"] for g in json.loads(_GAPS_FILE.read_text())["gaps"]
}


@dataclass(slots=True)
class Run:
    poll: dict[str, Any]
    diagnose: dict[str, Any]
    log: list[Served]


def _cli(*argv: str) -> Any:
    out = io.StringIO()
    assert main(list(argv), out) == 0
    return json.loads(out.getvalue())


_RUNS: dict[str, Run] = {}


def replay(cs: CaptureSet) -> Run:
    """Poll and diagnose the set once per session (both are one-shot and read-only)."""
    if cs.id not in _RUNS:
        host = f"127.117.{SETS.index(cs) + 1}.1"
        with ReplayServer(cs, host) as srv:
            argv = [
                f"{host}:{srv.rpc_port}",
                "--web-port",
                str(srv.web_port),
                "--v3-port",
                str(srv.v3_port),
                "--json",
                "--timeout",
                "2",
            ]
            polled = _cli("poll", *argv)
            diagnosed = _cli("diagnose", *argv)
            _RUNS[cs.id] = Run(polled[0], diagnosed, list(srv.replay.log))
    return _RUNS[cs.id]


def _canon(name: str) -> str:
    text = re.sub(
        r"\b(antminer|avalonminer|avalon|bitmain|whatsminer|microbt|iceriver)\b", "", name.lower()
    )
    return re.sub(r"[^a-z0-9+]", "", text)


def _same_model(expected: str, make: str | None, model: str | None) -> bool:
    got = _canon(model or "")
    want = _canon(expected)
    return bool(got) and (got == want or (make == "Avalon" and got == "a" + want))


def _fault_ids(doc: dict[str, Any]) -> set[str]:
    return {f["id"] for f in doc["faults"]}


# -- the checks ---------------------------------------------------------------------------------
def check_read(cs: CaptureSet, run: Run) -> None:
    """The monitor asked for at least one captured reply (else it learnt nothing real)."""
    real = ("captured", "derived: joined (captured)")
    assert any(s.origin in real for s in run.log), [str(s) for s in run.log]


def check_online(cs: CaptureSet, run: Run) -> None:
    assert run.poll["online"] is True, run.poll["error"]


def check_firmware(cs: CaptureSet, run: Run) -> None:
    e = cs.expected
    assert run.poll["firmware"] == firmware_name(e["family"], e["firmware"])


def check_model(cs: CaptureSet, run: Run) -> None:
    p = run.poll
    assert _same_model(cs.expected["model"], p["make"], p["model"]), (p["make"], p["model"])


def check_cooling(cs: CaptureSet, run: Run) -> None:
    spec = lookup(run.poll["make"], run.poll["model"])
    cooling = spec.cooling if spec is not None else cooling_from_name(run.poll["model"]) or "air"
    assert cooling == cs.expected["cooling"]


def check_boards(cs: CaptureSet, run: Run) -> None:
    assert len(run.poll["boards"]) == cs.expected["boards"]


def check_chips(cs: CaptureSet, run: Run) -> None:
    assert [b["chips"] for b in run.poll["boards"]] == cs.expected["chips_per_board"]


def check_expected_chips(cs: CaptureSet, run: Run) -> None:
    want = cs.expected["expected_chips_per_board"]
    assert [b["expected_chips"] for b in run.poll["boards"]] == [want] * len(run.poll["boards"])


def check_temp_chip(cs: CaptureSet, run: Run) -> None:
    want, got = cs.expected["temp_chip_max_c"], run.poll["temp_chip_max_c"]
    assert got == (None if want is None else pytest.approx(want, abs=0.51))


def check_temp_board(cs: CaptureSet, run: Run) -> None:
    want, got = cs.expected["temp_board_max_c"], run.poll["temp_board_max_c"]
    assert got == (None if want is None else pytest.approx(want, abs=0.51))


def check_fans(cs: CaptureSet, run: Run) -> None:
    assert run.poll["fans_rpm"] == (cs.expected["fans_rpm"] or [])


def check_hashrate(cs: CaptureSet, run: Run) -> None:
    h = cs.expected["hashrate_ths"]
    tol = float(h.get("tolerance_pct") or 2) / 100
    want = float(h["value"])
    got = run.poll["hashrate_ths"]
    assert got is not None, h["figure"]
    assert got == pytest.approx(want, rel=tol, abs=0.01), h["figure"]


def check_faults_must(cs: CaptureSet, run: Run) -> None:
    for doc in (run.poll, run.diagnose["miners"][0]):
        missing = set(cs.expected["faults_must"]) - _fault_ids(doc)
        assert not missing, doc["faults"]


def check_faults_must_not(cs: CaptureSet, run: Run) -> None:
    for doc in (run.poll, run.diagnose["miners"][0]):
        wrong = set(cs.expected["faults_must_not"]) & _fault_ids(doc)
        assert not wrong, [f for f in doc["faults"] if f["id"] in wrong]


def check_healthy(cs: CaptureSet, run: Run) -> None:
    """Healthy: no warning or critical fault (info, such as a pool failover, is fine)."""
    bad = [f for f in run.poll["faults"] if f["severity"] in ("warning", "critical")]
    assert (not bad) is cs.expected["healthy"], bad


CHECKS = {
    "read": (check_read, None),
    "online": (check_online, None),
    "firmware": (check_firmware, "firmware"),
    "model": (check_model, "model"),
    "cooling": (check_cooling, "cooling"),
    "boards": (check_boards, "boards"),
    "chips": (check_chips, "chips_per_board"),
    "expected_chips": (check_expected_chips, "expected_chips_per_board"),
    "temp_chip": (check_temp_chip, "temp_chip_max_c"),
    "temp_board": (check_temp_board, "temp_board_max_c"),
    "fans": (check_fans, "fans_rpm"),
    "hashrate": (check_hashrate, "hashrate_ths"),
    "faults_must": (check_faults_must, "faults_must"),
    "faults_must_not": (check_faults_must_not, "faults_must_not"),
    "healthy": (check_healthy, "healthy"),
}
# keys whose null means "not applicable" (no figure to compare) rather than "must be null"
NULL_MEANS_SKIP = frozenset(
    {
        "model",
        "cooling",
        "boards",
        "chips_per_board",
        "expected_chips_per_board",
        "hashrate_ths",
        "healthy",
    }
)


def _applies(cs: CaptureSet, key: str | None) -> bool:
    if key is None:
        return True
    if key not in cs.expected:
        return False
    value = cs.expected[key]
    if key == "hashrate_ths" and isinstance(value, dict):
        value = value.get("value")
    return not (value is None and key in NULL_MEANS_SKIP)


def _params() -> Iterator[Any]:
    for cs in SETS:
        for name, (_fn, key) in CHECKS.items():
            if not _applies(cs, key):
                continue
            gap = KNOWN_GAPS.get((cs.id, name))
            marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
            yield pytest.param(cs.id, name, id=f"{cs.id}:{name}", marks=marks)


@pytest.mark.parametrize(("set_id", "check"), list(_params()))
def test_replay_meets_expected(set_id: str, check: str) -> None:
    cs = BY_ID[set_id]
    CHECKS[check][0](cs, replay(cs))


def test_corpus_is_there() -> None:
    assert len(SETS) >= 5, "tests/captures holds the capture corpus"
    for cs in SETS:
        assert cs.rpc or cs.http, f"{cs.id}: no captured reply"
        assert {"family", "firmware", "faults_must", "faults_must_not"} <= set(cs.expected), cs.id


def test_expected_fault_ids_are_catalogue_ids() -> None:
    from rig_monitor.core.faults.catalogue import default_catalogue

    known = set(default_catalogue().ids)
    for cs in SETS:
        must, must_not = set(cs.expected["faults_must"]), set(cs.expected["faults_must_not"])
        assert must <= known and must_not <= known, (cs.id, (must | must_not) - known)
        assert not must & must_not, cs.id


@pytest.mark.parametrize("set_id", [cs.id for cs in SETS])
def test_every_reply_served_is_captured_or_marked(set_id: str) -> None:
    """Real bytes only: what the replay served was captured, or joined/derived and said so, or
    the firmware's own error for a command not captured."""
    run = replay(BY_ID[set_id])
    assert run.log, "the replay served nothing"
    for served in run.log:
        assert served.origin in ("captured", "not captured", "digest challenge") or (
            served.origin.startswith("derived: ")
        ), served
