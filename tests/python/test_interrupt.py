"""Ctrl-C during ``_cdnmesh.run`` stops the simulation and raises KeyboardInterrupt."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from conftest import REPO_DIR, subprocess_env

_CHILD = """
import sys, _cdnmesh
print("started", flush=True)
try:
    _cdnmesh.run(sys.argv[1], force=True)
except KeyboardInterrupt:
    print("KeyboardInterrupt", flush=True)
    sys.exit(130)
print("finished", flush=True)
"""


def test_sigint_raises_keyboard_interrupt_within_seconds() -> None:
    # live-sports takes ~12 s here: SIGINT after 2 s must stop it long before its end.
    scenario = str(REPO_DIR / "scenarios" / "live-sports.yaml")
    child = subprocess.Popen([sys.executable, "-c", _CHILD, scenario], stdout=subprocess.PIPE,
                             text=True, env=subprocess_env())
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "started"
    time.sleep(2)
    sent = time.monotonic()
    child.send_signal(signal.SIGINT)
    out, _ = child.communicate(timeout=30)
    assert "KeyboardInterrupt" in out
    assert child.returncode == 130
    assert time.monotonic() - sent < 5
