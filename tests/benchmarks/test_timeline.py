"""The launch timeline's arithmetic: CPU per phase cut at the window's marks, idle core-seconds."""

from __future__ import annotations

import os

import pytest

from benchmarks._timeline import CpuSampler, Sample, phases, text


def _samples() -> list[Sample]:
    # window busy 1 core from t=0 to 2, engine child busy 1 core from 2 to 4, sim from 3 to 4;
    # the host also ran someone else at half a core all along
    out = []
    for i in range(0, 41):
        t = i / 10
        window = min(t, 2.0)
        engine = max(0.0, min(t, 4.0) - 2.0)
        sim = 10.0 + max(0.0, t - 3.0)  # existed before: 10 s of CPU already
        out.append(
            Sample(
                100.0 + t,
                {"window": window, "engine": engine, "sim": sim},
                50.0 + window + engine + (sim - 10.0) + 0.5 * t,
            )
        )
    return out


def test_phases_cut_at_the_marks_in_time_order() -> None:
    marks = {"filled": 104.0, "imports": 101.0, "shown": 102.0, "unknown": 103.0}
    phs = phases(_samples(), marks, 100.0, ("window", "engine", "sim"))
    assert [p.name for p in phs] == ["imports", "shown", "filled"]
    imports, shown, filled = phs
    assert imports.cpu == pytest.approx({"window": 1.0, "engine": 0.0, "sim": 0.0})
    assert shown.cpu == pytest.approx({"window": 1.0, "engine": 0.0, "sim": 0.0})
    assert filled.cpu == pytest.approx({"window": 0.0, "engine": 2.0, "sim": 1.0})
    assert imports.idle(2) == pytest.approx(1.0)  # 2 cores x 1 s, the window used 1
    assert filled.idle(2) == pytest.approx(1.0)  # 2 cores x 2 s, 3 used
    assert filled.host_idle(2) == pytest.approx(0.0)  # the other half core took the rest
    assert imports.host_idle(2) == pytest.approx(0.5)


def test_a_process_born_at_popen_counts_from_zero() -> None:
    samples = [Sample(100.5, {"window": 0.4}, 1.0), Sample(101.0, {"window": 0.9}, 2.0)]
    (ph,) = phases(samples, {"imports": 101.0}, 100.0, ("window",))
    assert ph.cpu["window"] == pytest.approx(0.9)  # not 0.5: its first 0.4 s count too


def test_text_names_every_phase_and_the_total() -> None:
    phs = phases(_samples(), {"imports": 101.0, "filled": 104.0}, 100.0, ("window", "engine"))
    out = text(phs, {"imports": "window imports done", "filled": "last row"}, 2)
    assert "window imports done 1.00" in out
    assert "last row 4.00" in out
    assert "total 4.00 s" in out


def test_sampler_reads_this_process() -> None:
    sampler = CpuSampler(os.getpid(), interval_s=0.01).start()
    x = 0
    for i in range(300_000):
        x += i
    samples = sampler.stop()
    assert samples and samples[-1].cpu["window"] >= samples[0].cpu["window"]
    assert samples[-1].t >= samples[0].t
