"""Shared test setup, applied before anything is imported.

- Qt runs headless: the platform is chosen before any Qt import.
- The OS keyring is replaced by keyring's "fail" backend, so no test ever reads or writes a real
  keyring; the app then keeps passwords for the session only, as on a headless machine.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"


import pytest


@pytest.fixture(autouse=True)
def _own_cache_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test starts cold: no identity cache left by another test (or a real install)."""
    monkeypatch.setenv("RIG_MONITOR_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def pytest_sessionfinish(session, exitstatus):  # type: ignore[no-untyped-def]
    """No test is skipped by default (a project rule): a skip fails an otherwise green run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter is not None else []
    if skipped and exitstatus == 0:
        reporter.write_line(f"FAILED: {len(skipped)} test(s) skipped; no test may skip by default")
        session.exitstatus = 1
