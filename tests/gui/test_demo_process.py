"""`rig-monitor demo` as a process on loopback: taken ports, Ctrl+C, SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from rig_monitor.gui.app import AUTOQUIT_ENV
from rig_monitor.sim import SimFleet, SimFleetThread
from tests.gui.child import PRELUDE, run_child
from tests.sim.rawclient import free_port

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def test_demo_on_taken_ports_moves_and_says_what_is_in_the_way(tmp_path: Path) -> None:
    port = free_port("127.78.1.1")
    fleet = SimFleet.build(base="127.78.1.1", count=3, port=port, web_port=free_port("127.78.1.1"))
    with SimFleetThread(fleet):  # `rig-monitor simulate` holds the demo's addresses
        proc = run_child(
            f"sys.exit(app.run_demo(3, faults_pct=0.0, base='127.78.1.1', port={port}))",
            tmp_path,
            autoquit_ms=2500,
        )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"127.78.1.1:{port} is in use by" in proc.stderr
    assert "the demo listens on 127." in proc.stderr and "instead" in proc.stderr
    rows = next(line for line in proc.stdout.splitlines() if line.startswith("rows"))
    assert rows.count("127.") == 3 and f"127.78.1.1:{port}'" not in rows


def _start_demo(tmp_path: Path) -> tuple[subprocess.Popen[str], list[str], threading.Event]:
    port = free_port("127.78.2.1")
    main = f"sys.exit(app.run_demo(3, faults_pct=0.0, base='127.78.2.1', port={port}))"
    env = {
        **os.environ,
        AUTOQUIT_ENV: "120000",  # a safety net only: the test stops it
        "QT_QPA_PLATFORM": "offscreen",
        "RIG_MONITOR_CONFIG_DIR": str(tmp_path),
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", PRELUDE + main + "\n"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    ready = threading.Event()

    def read_err() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:  # until EOF: every process holding the pipe has exited
            lines.append(line)

    def read_out() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("rows"):  # PRELUDE's look(): the window is up, Qt's loop runs
                ready.set()
        ready.set()

    threading.Thread(target=read_err, daemon=True).start()
    threading.Thread(target=read_out, daemon=True).start()
    return proc, lines, ready


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_demo_stops_cleanly_on_ctrl_c_and_sigterm(tmp_path: Path, sig: signal.Signals) -> None:
    proc, lines, ready = _start_demo(tmp_path)
    try:
        assert ready.wait(60), "".join(lines)
        assert proc.poll() is None, "".join(lines)
        # let the window come up and the engine child start polling
        threading.Event().wait(2.0)
        proc.send_signal(sig)
        code = proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    assert proc.stderr is not None
    threading.Event().wait(1.0)  # the resource tracker reports leaks after the parent exits
    text = "".join(lines)
    assert code == 0, text
    assert "Traceback" not in text
    assert "leaked semaphore" not in text and "leaked shared_memory" not in text
