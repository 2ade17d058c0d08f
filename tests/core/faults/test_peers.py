"""Peers keeps its readings per model too (a spread reads its own model's miners only); these pin
that index against a plain scan of every reading, through the updates that move or drop one."""

from __future__ import annotations

import random

from rig_monitor.core.faults.peers import PeerReading, Peers, Spread, spread

MODELS = ("Antminer S19", "Antminer S21", "Whatsminer M30S")


def _scan(readings: dict[str, PeerReading], model: str, metric: str, kind: str) -> Spread | None:
    """What a spread must be: every current reading of that model, nothing cached."""
    if metric == "ratio":
        values = [r.ratio for r in readings.values() if r.model == model and r.ratio is not None]
    else:
        values = [
            r.temp_c
            for r in readings.values()
            if r.model == model and r.temp_c is not None and r.temp_kind == kind
        ]
    return spread([float(v) for v in values if v is not None])


def _reading(rng: random.Random) -> PeerReading | None:
    if rng.random() < 0.1:
        return None  # offline, idle: no peer
    return PeerReading(
        model=rng.choice(MODELS),
        temp_c=None if rng.random() < 0.1 else float(rng.randint(55, 85)),
        temp_kind=rng.choice(("board", "chip")),
        temp_board=rng.choice((None, 0, 1, 2)),
        ratio=None if rng.random() < 0.1 else rng.uniform(0.7, 1.1),
    )


def _update(
    peers: Peers, truth: dict[str, PeerReading], key: str, value: PeerReading | None
) -> None:
    """The same update to the index under test and to the plain record of every reading."""
    peers.update(key, value)
    if value is None:
        truth.pop(key, None)
    else:
        truth[key] = value


def test_spreads_match_a_full_scan_through_moves_and_drops() -> None:
    rng = random.Random(15)
    peers = Peers()
    truth: dict[str, PeerReading] = {}
    for step in range(3000):
        key = f"10.0.0.{rng.randint(1, 60)}:4028"
        value = _reading(rng)
        if step % 97 == 0:
            peers.forget(key)
            truth.pop(key, None)
        else:
            _update(peers, truth, key, value)
        if step % 7 == 0:  # read some spreads between updates, so stale cache entries would show
            for model in (*MODELS, "Avalon 1246"):
                for metric, kind in (("ratio", "board"), ("temp", "board"), ("temp", "chip")):
                    assert peers.spread(model, metric, kind) == _scan(truth, model, metric, kind)
        assert peers.get(key) == truth.get(key)


def test_a_miner_that_changes_model_leaves_its_old_group() -> None:
    peers = Peers()
    for i in range(10):
        peers.update(f"k{i}", PeerReading("Antminer S19", 70.0, "board", 0, 1.0))
    before = peers.spread("Antminer S19", "temp")
    assert before is not None and before.n == 10
    peers.update("k0", PeerReading("Antminer S21", 60.0, "board", 0, 1.0))
    after = peers.spread("Antminer S19", "temp")
    assert after is not None and after.n == 9
    moved = peers.spread("Antminer S21", "temp")
    assert moved is not None and (moved.n, moved.median) == (1, 60.0)
    for i in range(1, 10):
        peers.forget(f"k{i}")
    assert peers.spread("Antminer S19", "temp") is None
    assert peers.spread("Antminer S19", "ratio") is None


def test_spread_is_the_statistics_median_and_mad() -> None:
    """``spread`` sorts for itself (no ``statistics`` checks per call): same figures, odd and
    even counts, ties, integers among floats."""
    import statistics

    rng = random.Random(11)
    for n in (*range(1, 12), 40, 41, 400):
        for _ in range(20):
            values = [rng.choice((round(rng.gauss(70, 4), 1), 70.0, 72)) for _ in range(n)]
            med = statistics.median(values)
            mad = statistics.median(abs(v - med) for v in values) * 1.4826
            assert spread(values) == Spread(n, med, mad)
    assert spread([]) is None


def test_a_nan_reading_neither_breaks_the_sorted_groups_nor_stays_in_them() -> None:
    """NaN has no place in a sorted list: a group holding one is scanned (as before the sorted
    groups), and once it leaves, the group's spread is the plain one again."""
    rng = random.Random(3)
    peers = Peers()
    truth: dict[str, PeerReading] = {}
    for step in range(2000):
        key = f"10.0.1.{rng.randint(1, 40)}:4028"
        value = _reading(rng)
        if value is not None and rng.random() < 0.05:
            value = PeerReading(value.model, float("nan"), value.temp_kind, None, float("nan"))
        _update(peers, truth, key, value)
        if step % 5 == 0:
            for model in MODELS:
                for metric, kind in (("ratio", "board"), ("temp", "board"), ("temp", "chip")):
                    got = peers.spread(model, metric, kind)
                    want = _scan(truth, model, metric, kind)
                    nan = any(
                        r.model == model and r.ratio != r.ratio for r in truth.values()
                    )  # a NaN's place in a sort is arbitrary: the figures are, too
                    if nan and want is not None:
                        assert got is not None and got.n == want.n
                    else:
                        assert got == want
    for key in list(truth):  # every NaN gone: the sorted groups are whole again
        peers.update(key, PeerReading(truth[key].model, 70.0, "board", 0, 1.0))
        truth[key] = PeerReading(truth[key].model, 70.0, "board", 0, 1.0)
    for model in MODELS:
        assert peers.spread(model, "temp") == _scan(truth, model, "temp", "board")
        assert peers.spread(model, "ratio") == _scan(truth, model, "ratio", "board")
