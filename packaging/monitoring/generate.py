"""Regenerate the Prometheus rules and the Grafana dashboard from the fault catalogue.

python packaging/monitoring/generate.py          # write both files next to this script
python packaging/monitoring/generate.py --check  # exit 1 when the committed files are stale
"""

from __future__ import annotations

import sys
from pathlib import Path

from rig_monitor.core.serve.generate import (
    DASHBOARD_FILE,
    RULES_FILE,
    render_dashboard,
    render_rules,
)

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    files = {HERE / RULES_FILE: render_rules(), HERE / DASHBOARD_FILE: render_dashboard()}
    if "--check" in argv:
        stale = [
            p.name
            for p, text in files.items()
            if not p.exists() or p.read_text(encoding="utf-8") != text
        ]
        for name in stale:
            print(
                f"{name} is out of date: run python packaging/monitoring/generate.py",
                file=sys.stderr,
            )
        return 1 if stale else 0
    for p, text in files.items():
        p.write_text(text, encoding="utf-8")
        print(f"wrote {p}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
