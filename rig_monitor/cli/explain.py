"""``rig-monitor explain FAULT_ID``: the catalogue entry, as the window's fault card shows it.

An operator reading "fan_intermittent" in a log or a ``watch --json`` line should not need the
window to learn what it means, how to confirm it and what to try first.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from typing import Any, TextIO

from rig_monitor.cli.words import Words, language
from rig_monitor.core.faults.catalogue import Catalogue, FaultSpec
from rig_monitor.core.faults.overrides import user_catalogue

EXIT_UNKNOWN = 2


def entry_dict(spec: FaultSpec) -> dict[str, Any]:
    return {
        "id": spec.id,
        "severity": str(spec.severity),
        "title": spec.title,
        "summary": spec.summary,
        "confirm": spec.confirm,
        "causes": list(spec.causes),
        "remedies": list(spec.remedies),
        "warning": spec.warning,
        "params": dict(spec.params),
        "sources": dict(spec.sources),
    }


def render(spec: FaultSpec, out: TextIO, w: Words | None = None) -> None:
    w = w or Words("en")
    out.write(f"{spec.id} — {spec.title} [{w(str(spec.severity))}]\n")
    if spec.summary:
        out.write(f"\n{spec.summary}\n")
    if spec.warning:
        out.write(f"\n{w('Caution:')} {spec.warning}\n")
    if spec.causes:
        out.write(f"\n{w('Likely causes:')}\n")
        out.writelines(f"  - {c}\n" for c in spec.causes)
    if spec.remedies:
        out.write(f"\n{w('What to try (cheapest first):')}\n")
        out.writelines(f"  {n}. {r}\n" for n, r in enumerate(spec.remedies, 1))
    if spec.confirm:
        out.write(f"\n{w('How to confirm:')} {spec.confirm}\n")
    if spec.params:
        out.write(f"\n{w('Thresholds (thresholds.json key = value):')}\n")
        for k, v in spec.params.items():
            source = spec.sources.get(k)
            out.write(f"  {spec.id}.{k} = {v}" + (f"   [{source}]" if source else "") + "\n")


def cmd_explain(args: argparse.Namespace, out: TextIO) -> int:
    # JSON is for programs: in the language asked for, never the locale's; text follows both
    lang = args.lang if args.json else language(args.lang)
    cat: Catalogue = user_catalogue(lang)
    if args.fault_id not in cat:
        close = difflib.get_close_matches(args.fault_id, cat.ids, n=3)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        print(
            f"rig-monitor: unknown fault id {args.fault_id!r}.{hint} Known: {', '.join(cat.ids)}",
            file=sys.stderr,
        )
        return EXIT_UNKNOWN
    spec = cat.get(args.fault_id)
    if args.json:
        json.dump(entry_dict(spec), out, indent=1, ensure_ascii=False)
        out.write("\n")
    else:
        render(spec, out, Words(language(args.lang)))
    return 0


def register(sub: Any) -> None:
    sp = sub.add_parser("explain", help="print a fault's catalogue entry (causes, remedies, …)")
    sp.add_argument("fault_id", metavar="FAULT_ID", help="e.g. fan_intermittent")
    sp.add_argument(
        "--lang",
        default=None,
        help="language: en, zh or ru (default: the locale, LC_ALL/LC_MESSAGES/LANG, for the "
        "text; English for --json)",
    )
    sp.add_argument("--json", action="store_true", help="the entry as JSON")
    sp.set_defaults(func=cmd_explain)
