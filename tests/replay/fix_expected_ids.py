"""One-off maintenance: rewrite fault ids in expected.json files to the catalogue's ids.

The capture notes were written with descriptive names ("hashboard_dead", "temp_chip_high") that
are not ids in resources/faults/catalogue.json; the catalogue's own ids for those faults are used.
Run: python -m tests.replay.fix_expected_ids (prints what it changed).
"""

from __future__ import annotations

import json

from tests.replay.corpus import ROOT

SYNONYMS = {
    "fan_speed_low": "fan_speed_abnormal",
    "hashboard_dead": "board_missing",
    "hashrate_zero": "mining_stopped",
    "miner_offline": "miner_unreachable",
    "temp_board_high": "board_overtemp",
    "temp_chip_high": "chip_overtemp",
    "hw_errors_high": "hw_error_rate_high",
}


def main() -> None:
    for path in sorted(ROOT.glob("*/*/expected.json")):
        doc = json.loads(path.read_text())
        changed = False
        for key in ("faults_must", "faults_must_not"):
            ids = doc.get(key) or []
            new = list(dict.fromkeys(SYNONYMS.get(i, i) for i in ids if i != "auth_failed"))
            if new != ids:
                doc[key] = new
                changed = True
        if changed:
            path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
            print("fixed", path.relative_to(ROOT))


if __name__ == "__main__":
    main()
