"""The lazy row view the window filters on reads the same as the plain Subject."""

from __future__ import annotations

from rig_monitor.core.model import Severity
from rig_monitor.gui.filter_subject import RowSubject, SubjectCache, row_subject
from rig_monitor.gui.fleet import FleetRow
from tests.gui.fakes import snapshot, target_list

FIELDS = (
    "ip",
    "port",
    "ip_int",
    "address",
    "status",
    "model",
    "firmware",
    "pool",
    "faults",
    "text",
)


def test_lazy_subject_matches_the_plain_one_and_follows_new_snapshots() -> None:
    t = target_list(3)
    rows = [
        FleetRow.from_snapshot(snapshot(t[0], 0)),
        FleetRow.from_snapshot(snapshot(t[1], 1, fault=Severity.CRITICAL)),
        FleetRow.from_snapshot(snapshot(t[2], 2, offline=True)),
    ]
    for row in rows:
        lazy, plain = RowSubject(row), row_subject(row)
        assert {f: getattr(lazy, f) for f in FIELDS} == {f: getattr(plain, f) for f in FIELDS}
    assert RowSubject(rows[1]).faults.startswith("chips_missing chips missing")
    assert RowSubject(rows[2]).status == "offline"

    cache = SubjectCache()
    first = cache.get(rows[0])
    assert cache.get(rows[0]) is first  # same snapshot: cached
    rows[0].update(snapshot(t[0], 0, offline=True))
    again = cache.get(rows[0])
    assert again is not first and again.status == "offline"
