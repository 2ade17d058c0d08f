"""Which hashrate is the headline: the firmware's average, unless it lags a drop."""

from __future__ import annotations

from rig_monitor.core.model import MinerSnapshot


def snap(sample: float, avg: float | None) -> MinerSnapshot:
    s = MinerSnapshot(ip="127.0.0.1", port=4028, online=True)
    s.hashrate_ths, s.hashrate_avg_ths = sample, avg
    s.use_average_headline()
    return s


def test_average_is_the_headline_and_the_sample_is_kept() -> None:
    s = snap(98.2, 100.4)
    assert s.hashrate_ths == 100.4 and s.hashrate_5s_ths == 98.2


def test_an_average_that_lags_a_drop_does_not_hide_it() -> None:
    # one board of three gone: the since-boot average still reads nearly full
    s = snap(66.0, 99.5)
    assert s.hashrate_ths == 66.0


def test_stopped_stays_stopped() -> None:
    assert snap(0.0, 99.5).hashrate_ths == 0.0


def test_windowed_average_once_up_longer_than_the_window_else_since_start() -> None:
    from rig_monitor.core.values import average_rate

    summary = {"MHS av": 6325487.11, "MHS 5m": 2.9e6, "MHS 15m": 1.2e6}  # real Avalon 741, 184 s up
    assert average_rate({**summary, "Elapsed": 184}, ("15m", "5m", "av")) == 6.32548711
    assert average_rate({**summary, "Elapsed": 86520}, ("15m", "5m", "av")) == 1.2
