"""Snapshots cross the engine pipe pickled: every field comes back, in every class that travels."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest

from rig_monitor.core.model import (
    Board,
    ErrorKind,
    Fault,
    MinerSnapshot,
    Pool,
    PoolStatus,
    Severity,
    VendorError,
)


def _full() -> MinerSnapshot:
    """A snapshot with every field set to something other than its default."""

    def filled(cls: type, **given: Any) -> Any:
        obj = cls(**given)
        for n, f in enumerate(dataclasses.fields(cls)):
            if f.name in given:
                continue
            value = getattr(obj, f.name)
            if isinstance(value, bool) or value is None:
                setattr(obj, f.name, f"{f.name}-{n}")  # any value: the pickle must keep it
            elif isinstance(value, int | float):
                setattr(obj, f.name, value + n + 1)
            elif isinstance(value, list | dict) and not value:
                setattr(obj, f.name, type(value)())
        return obj

    snap: MinerSnapshot = filled(
        MinerSnapshot, ip="10.1.2.3", online=True, error_kind=ErrorKind.TIMEOUT
    )
    snap.boards = [filled(Board, index=i) for i in range(3)]
    snap.pools = [filled(Pool, url="stratum+tcp://p:3333", status=PoolStatus.DEAD)]
    snap.error_codes = [filled(VendorError, code="R:1")]
    snap.faults = [
        filled(Fault, id="fan_failed", severity=Severity.CRITICAL, title="t", detail="d")
    ]
    snap.notes = ["a note"]
    snap.raw = {"summary": {"SUMMARY": [{"GHS 5s": 1.0}]}}
    return snap


def _values(obj: Any) -> Any:
    """Every field's value, nested, with the class names (``==`` on dataclasses skips none,
    but says nothing of which field differs)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return (
            type(obj).__name__,
            {f.name: _values(getattr(obj, f.name)) for f in dataclasses.fields(obj)},
        )
    if isinstance(obj, list):
        return [_values(v) for v in obj]
    return obj


@pytest.mark.parametrize("protocol", [2, 4, pickle.HIGHEST_PROTOCOL])
def test_every_field_survives_the_pipe(protocol: int) -> None:
    snap = _full()
    back = pickle.loads(pickle.dumps([snap, snap.boards[0]], protocol=protocol))
    assert _values(back[0]) == _values(snap)
    assert back[0] == snap
    assert back[1] == snap.boards[0]


def test_copies_keep_every_field() -> None:
    snap = _full()
    assert _values(copy.deepcopy(snap)) == _values(snap)
    shallow = copy.copy(snap)
    assert _values(shallow) == _values(snap) and shallow.boards is snap.boards


def test_state_is_the_fields_in_order_and_a_wrong_length_is_refused() -> None:
    """The state is what ``dataclasses`` gave (the values in field order), and a state of
    another length is an error, never a half-filled snapshot."""
    snap = _full()
    objs: list[Any] = [snap, snap.boards[0], snap.pools[0], snap.error_codes[0], snap.faults[0]]
    for obj in objs:
        names = [f.name for f in dataclasses.fields(obj)]
        state = obj.__getstate__()
        assert list(state) == [getattr(obj, n) for n in names]
        fresh = object.__new__(type(obj))
        fresh.__setstate__(list(state))  # the old list form still loads
        assert fresh == obj
        with pytest.raises(ValueError):
            object.__new__(type(obj)).__setstate__(tuple(state)[:-1])
