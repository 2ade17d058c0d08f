"""The notifier: grouping, filters, rate limit, retries — against loopback stand-ins."""

from __future__ import annotations

import threading
import time

import pytest

from rig_monitor.core.model import Severity
from rig_monitor.core.notify import dispatcher
from rig_monitor.core.notify.channels import TelegramChannel, WebhookChannel
from rig_monitor.core.notify.dispatcher import Notifier
from rig_monitor.core.notify.events import AlertEvent
from rig_monitor.core.notify.policy import Policy, RateLimiter, parse_quiet_hours

from .helpers import event
from .standins import Receiver, serve


def wait_until(cond: object, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def rack_outage(n: int = 30) -> list[AlertEvent]:
    ips = [f"127.0.3.{i}" for i in range(1, n + 1)]
    miners = [event(ip, "miner_unreachable", title="Miner unreachable") for ip in ips]
    incident = AlertEvent(
        ip="",
        fault="site_network_or_power",
        severity=Severity.CRITICAL,
        event="raised",
        title="Many miners went offline together",
        detail=f"{n} miners on 127.0.3.0/26",
        t=time.time(),
        miners=tuple(ips),
        incident_fault="miner_unreachable",
        scope="127.0.3.0/26",
    )
    return [*miners, incident]


def test_a_rack_outage_is_one_message_with_one_incident_event() -> None:
    n = Notifier()
    with serve(Receiver()) as rx:
        n.add(WebhookChannel("hook", lambda: rx.url), Policy(group_s=0.3))
        n.start()
        events = rack_outage()
        n.submit(events[:10])  # arriving over several batches, within the grouping window
        n.submit(events[10:])
        assert rx.wait_for(1)
        time.sleep(0.5)  # nothing else may follow
        n.stop()
    assert len(rx.requests) == 1
    body = rx.requests[0][1]["events"]
    assert len(body) == 1 and body[0]["fault"] == "site_network_or_power"
    assert len(body[0]["miners"]) == 30
    assert n.status()[0].sent == 1


def test_unexplained_miner_events_are_kept_next_to_an_incident() -> None:
    n = Notifier()
    with serve(Receiver()) as rx:
        n.add(WebhookChannel("hook", lambda: rx.url), Policy(group_s=0.2))
        n.start()
        n.submit([*rack_outage(3), event("127.0.9.9", "chip_overtemp")])
        assert rx.wait_for(1)
        n.stop()
    faults = sorted(e["fault"] for e in rx.requests[0][1]["events"])
    assert faults == ["chip_overtemp", "site_network_or_power"]


def test_severity_filter_and_quiet_hours() -> None:
    p = Policy(min_severity=Severity.WARNING)
    evs = [event(severity=Severity.INFO), event(severity=Severity.WARNING), event()]
    assert [e.severity for e in p.admit(evs)] == [Severity.WARNING, Severity.CRITICAL]
    lt = time.localtime()
    minute = lt.tm_hour * 60 + lt.tm_min
    now_window = f"{minute // 60:02d}:{minute % 60:02d}-{(minute + 2) // 60 % 24:02d}:{(minute + 2) % 60:02d}"
    p.quiet_hours = parse_quiet_hours(now_window)
    assert p.in_quiet_hours()
    assert [e.severity for e in p.admit(evs)] == [Severity.CRITICAL]
    p.quiet_hours = parse_quiet_hours("00:00-00:00")  # empty window
    assert not p.in_quiet_hours()
    wrap = Policy(quiet_hours=parse_quiet_hours("22:00-07:00"))
    assert wrap.in_quiet_hours(time.mktime((2026, 1, 1, 23, 30, 0, 0, 0, -1)))
    assert wrap.in_quiet_hours(time.mktime((2026, 1, 1, 6, 59, 0, 0, 0, -1)))
    assert not wrap.in_quiet_hours(time.mktime((2026, 1, 1, 7, 0, 0, 0, 0, -1)))
    with pytest.raises(ValueError, match="HH:MM"):
        parse_quiet_hours("22-7")


def test_rate_limiter_counts_a_rolling_hour() -> None:
    now = [1000.0]
    rl = RateLimiter(2, clock=lambda: now[0])
    assert rl.wait_s() == 0
    rl.note()
    rl.note()
    assert rl.wait_s() == pytest.approx(3600.0)
    now[0] += 3599.0
    assert rl.wait_s() == pytest.approx(1.0)
    now[0] += 1.0
    assert rl.wait_s() == 0


def test_rate_limited_events_merge_into_the_next_message(monkeypatch: pytest.MonkeyPatch) -> None:
    n = Notifier()
    with serve(Receiver()) as rx:
        n.add(WebhookChannel("hook", lambda: rx.url), Policy(group_s=0.0, max_per_hour=1))
        worker = n._workers[0]
        n.start()
        n.submit([event("127.0.0.1")])
        assert rx.wait_for(1)
        # the next message is due in an hour: pretend that hour passes while three more wait
        n.submit([event("127.0.0.2")])
        n.submit([event("127.0.0.3")])
        time.sleep(0.3)
        assert len(rx.requests) == 1
        worker.limiter._sent[0] -= 3600.0
        n.submit([event("127.0.0.4")])
        assert rx.wait_for(2)
        n.stop()
    ips = sorted(e["ip"] for e in rx.requests[1][1]["events"])
    assert ips == ["127.0.0.2", "127.0.0.3", "127.0.0.4"]


def test_500_is_retried_with_back_off_then_delivered() -> None:
    n = Notifier()
    with serve(Receiver(statuses=[500, 503])) as rx:
        n.add(WebhookChannel("hook", lambda: rx.url), Policy(group_s=0.0), retry_base_s=0.05)
        n.start()
        n.submit([event()])
        assert rx.wait_for(3)
        assert wait_until(lambda: n.status()[0].sent == 1)
        n.stop()
    st = n.status()[0]
    assert (st.failed, st.sent, st.dropped, st.pending) == (2, 1, 0, 0)
    assert st.last_error is not None and "HTTP 503" in st.last_error


def test_wrong_telegram_token_is_not_retried_and_is_reported() -> None:
    n = Notifier()
    with serve(Receiver(), telegram=True) as rx:
        n.add(
            TelegramChannel("tg", lambda: "1:bad", "7", api_base=rx.url),
            Policy(group_s=0.0),
            retry_base_s=0.05,
        )
        n.start()
        n.submit([event(), event("127.0.0.6")])
        assert wait_until(lambda: n.status()[0].dropped == 2)
        time.sleep(0.2)
        n.stop()
    st = n.status()[0]
    assert len(rx.requests) == 1 and st.failed == 1 and st.sent == 0
    assert st.last_error is not None and "token was rejected" in st.last_error


def test_gives_up_after_the_retries_and_counts_the_loss() -> None:
    n = Notifier()
    with serve(Receiver(statuses=[500] * 10)) as rx:
        n.add(
            WebhookChannel("hook", lambda: rx.url),
            Policy(group_s=0.0),
            retry_base_s=0.01,
            retries=2,
        )
        n.start()
        n.submit([event()])
        assert wait_until(lambda: n.status()[0].dropped == 1)
        n.stop()
    assert len(rx.requests) == 3
    assert n.status()[0].failed == 3


def test_submit_never_blocks_on_a_hanging_channel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dispatcher, "QUEUE_ITEMS", 4)
    release = threading.Event()
    n = Notifier()
    with serve(Receiver(hang=release)) as rx:
        n.add(WebhookChannel("hook", lambda: rx.url), Policy(group_s=0.0))
        n.start()
        n.submit([event()])
        assert rx.hanging.wait(10)  # the worker is stuck inside a delivery
        flood = threading.Thread(
            target=lambda: [n.submit([event(f"127.0.1.{i}")]) for i in range(50)]
        )
        flood.start()
        flood.join(10)  # a blocking put would wait for the 30 s hang
        assert not flood.is_alive() and not release.is_set()
        st = n.status()[0]
        release.set()
        n.stop()
    assert st.dropped == 50 - 4  # the queue holds 4 submits; the rest are counted, not waited on


def test_stopping_inside_the_grouping_window_still_delivers_once() -> None:
    n = Notifier()
    with serve(Receiver()) as rx:
        n.add(WebhookChannel("hook", lambda: rx.url), Policy(group_s=60.0))
        n.start()
        n.submit([event()])
        time.sleep(0.2)  # the worker is now gathering for a minute
        n.stop(timeout=5.0)
        assert len(rx.requests) == 1
    assert n.status()[0].sent == 1
