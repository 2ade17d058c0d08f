"""Shared test setup, applied before anything is imported.

- Qt runs headless: the platform is chosen before any Qt import.
- The OS keyring is replaced by keyring's "fail" backend, so no test ever reads or writes a real
  keyring; the app then keeps passwords for the session only, as on a headless machine.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
