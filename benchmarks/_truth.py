"""Whether a tool read a simulated miner correctly, judged against what the simulator served.

Tolerance: a tool's hashrate counts as correct within ±10 % of the figure the simulator last
served that miner (its 5 s figure or its average, whichever is closer: tools report either).
Why 10 %: the simulator's own figures wander ±2 % per board (``sim/rig.py``) and a tool may read
a second or two apart from the sample recorded, so a right reading is always within a few per cent;
the smallest real misreading is far outside it (one board of three missing is -33 %, a GH/TH
mix-up ×1000, a nominal-for-actual swap on a derated miner tens of per cent).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

TOLERANCE = 0.10

# Maker names a tool may or may not put in front of the model ("Antminer S19j Pro").
_MAKERS = ("antminer", "bitmain", "whatsminer", "microbt", "avalonminer", "avalon", "canaan")
# Canaan sells the Avalon Q as a home miner: "Avalon Q Home", "AvalonHomeQ" name the same model.
_MARKETING = "home"
_NOT_A_MODEL = {"", "unknown", "none", "null"}


def norm_model(model: str) -> str:
    """Comparable form: case, spaces, dashes, underscores, dots, a leading maker name and "home"
    dropped ("Antminer S19j-Pro" and "S19J Pro" agree; "+" stays: an M30S+ is not an M30S)."""
    s = model.lower().strip()
    for maker in _MAKERS:
        if s.startswith(maker):
            s = s[len(maker) :]
            break
    s = re.sub(r"[\s_\-.()]", "", s)
    return s.replace(_MARKETING, "")


def model_matches(reported: str, served: str) -> bool:
    """Equal once normalised, or equal to the served model without what only grades it: a
    Whatsminer variant ("M30S+" for "M30S+_VE40", a board revision) or an Avalon hashrate grade
    and Canaan's "A" ("Avalon 1246" for "A1246-90": the AvalonMiner 1246 sold as 90 TH/s)."""
    forms = {served, served.split("_", 1)[0], re.sub(r"-\d+$", "", served)}
    norms = {norm_model(f) for f in forms}
    norms |= {n[1:] for n in norms if re.match(r"a\d", n)}
    return norm_model(reported) in norms


def judge(
    hashrate_ths: float | None, model: str | None, truth: Mapping[str, object]
) -> tuple[str, str]:
    """("correct" | "wrong" | "not read", reason) for one miner a tool returned data for."""
    if hashrate_ths is None:
        return "not read", "no hashrate"
    served = [
        float(v)
        for k in ("hashrate_ths", "hashrate_avg_ths")
        if isinstance(v := truth.get(k), int | float)
    ]
    if not served:
        return "wrong", "simulator served no hashrate"
    if max(served) <= 0.0:
        ok = abs(hashrate_ths) < 1e-6
        return ("correct", "") if ok else ("wrong", "hashrate where the miner served 0")
    off = min(abs(hashrate_ths - s) / s for s in served if s > 0)
    if off > TOLERANCE:
        ratio = hashrate_ths / max(served)
        return "wrong", f"hashrate {ratio:.3g}x of served"
    served_model = truth.get("model")
    if not isinstance(served_model, str):
        return "correct", ""
    if model is None or model.strip().lower() in _NOT_A_MODEL:
        return "correct", "no model reported"
    if not model_matches(model, served_model):
        return "wrong", f"model {model!r} for {served_model!r}"
    return "correct", ""
