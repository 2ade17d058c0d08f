"""Entry script of the PyInstaller bundle: ``rig-monitor [COMMAND ...]`` -> ``rig_monitor.cli.main()``.

Kept tiny on purpose. Three things only the bundle needs:
- ``multiprocessing.freeze_support()`` first, so the engine's spawned child process starts;
- a windowed build (Windows/macOS) has no console, so ``sys.stdout``/``sys.stderr`` are None;
  they are pointed at the null device so ``--help`` or an argument error cannot crash it;
- ``RIG_MONITOR_SMOKE_REPORT=path`` arms ``packaging/smoke_report.py`` (used by ``.ci/package``
  and the release workflow to prove the installed app polled its fleet and painted a window).

Runs from a checkout too: ``python packaging/launcher.py demo``.
"""

from __future__ import annotations

import multiprocessing
import time

# The polling engine runs in a spawned child process: in the frozen app that child is this very
# executable started with multiprocessing's arguments, and freeze_support() runs it (and exits).
if __name__ == "__main__":
    multiprocessing.freeze_support()

_T0 = time.perf_counter()

import os  # noqa: E402 (the clock starts first)
import sys  # noqa: E402


def main() -> int:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    report = os.environ.get("RIG_MONITOR_SMOKE_REPORT")
    if report:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import smoke_report

        smoke_report.install(report, _T0)

    from rig_monitor.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
