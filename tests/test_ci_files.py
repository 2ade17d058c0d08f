"""The set-up a new user follows is the one CI runs (issue 10): README, .ci/run, pyproject."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_RUN = (ROOT / ".ci/run").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _dist_names(requirements: list[str]) -> set[str]:
    return {_norm(re.split(r"[<>=!~;\[ ]", req, maxsplit=1)[0]) for req in requirements}


def test_quick_start_is_two_commands_that_make_and_use_a_venv() -> None:
    block = re.search(r"## Quick start\n.*?```\n(.*?)```", README, re.S)
    assert block is not None
    lines = [ln for ln in block.group(1).splitlines() if ln.strip()]
    assert len(lines) == 2
    for line in lines:  # PEP 668: no bare `pip install` on a stock Debian/Ubuntu Python
        assert line.startswith("python3 -m venv .venv && .venv/bin/pip install ")
    assert lines[1].endswith(".venv/bin/python -m pytest")


def test_ci_runs_the_readme_test_command_read_from_the_readme() -> None:
    assert 'eval "$README_TEST_CMD"' in CI_RUN
    assert "python3 -m venv .venv" in CI_RUN


def test_readme_qt_libraries_are_what_ci_installs() -> None:
    ci = re.search(r'QT_LIBS="(.*?)"', CI_RUN, re.S)
    readme = re.search(r"Qt needs: `apt-get install (.*?)`", README, re.S)
    assert ci is not None and readme is not None
    assert sorted(ci.group(1).replace("\\\n", " ").split()) == sorted(readme.group(1).split())


def test_test_extra_installs_every_third_party_module_the_tests_import() -> None:
    imported: set[str] = set()
    for path in (ROOT / "tests").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module.split(".")[0])
    third_party = (
        imported
        - set(sys.stdlib_module_names)
        - {"rig_monitor", "tests", "benchmarks", "__future__"}
    )  # benchmarks: in-repo
    declared = _dist_names(PYPROJECT["project"]["dependencies"]) | _dist_names(
        PYPROJECT["project"]["optional-dependencies"]["test"]
    )
    dists = packages_distributions()
    missing = {
        mod: dists.get(mod, [mod])
        for mod in third_party
        if not any(_norm(d) in declared for d in dists.get(mod, [mod]))
    }
    assert not missing, f"imported by tests but not in dependencies or the [test] extra: {missing}"
