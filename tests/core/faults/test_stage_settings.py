"""The fault stage sends its catalogue and thresholds once, then again only when they change:
at 5,000 miners a report goes out twice a second, and the catalogue is ~30 KB pickled."""

from __future__ import annotations

import pickle

from rig_monitor.core.faults.overrides import ThresholdOverrides
from rig_monitor.core.faults.stage import FaultStage
from tests.core.faults.factory import s19


def test_catalogue_and_overrides_go_out_in_the_first_report_and_after_a_change() -> None:
    stage = FaultStage()
    first = stage([s19("10.0.0.1")])
    assert first is not None and first.catalogue is not None and first.overrides is not None
    later = stage([s19("10.0.0.2")])
    assert later is not None and later.catalogue is None and later.overrides is None
    assert len(pickle.dumps(later)) < len(pickle.dumps(first)) // 4

    wanted = ThresholdOverrides(global_={"chip_overtemp.warn_c": 80.0})
    seq = stage.set_overrides(wanted)
    changed = stage([s19("10.0.0.3")])
    assert changed is not None and changed.applied >= seq
    assert changed.overrides is not None and changed.overrides.global_ == wanted.global_
    assert changed.catalogue is not None
    assert stage([s19("10.0.0.4")]).catalogue is None  # type: ignore[union-attr]

    stage.set_language("ru")
    russian = stage([s19("10.0.0.5")])
    assert russian is not None and russian.catalogue is not None
    assert russian.catalogue.lang == "ru"
