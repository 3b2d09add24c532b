"""Parent side of a run: starts ``python3 -m cdnmesh.worker`` and classifies how it ended.

:func:`launch` is what executors call, on this machine or on a Dask worker; it returns a plain
dict (an *outcome*) so that it crosses process boundaries as it is::

    {"status": "ok" | "config_error" | "crashed" | "timeout", "exit_code": int | None,
     "wall_s": float, "stderr_tail": str, "result": dict | None}

``wall_s`` is the simulator's own wall time for successful runs, otherwise the time until the
process ended or was killed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from typing import Any, Dict, List, Optional, Set

from ._exitcodes import EXIT_CONFIG_ERROR, EXIT_OK
from ._native import PACKAGE_PARENT_DIR

#: Characters of stderr kept with a run.
STDERR_TAIL_CHARS = 4000

STATUS_OK = "ok"
STATUS_CONFIG_ERROR = "config_error"
STATUS_CRASHED = "crashed"
STATUS_TIMEOUT = "timeout"

_live_lock = threading.Lock()
_live: Set[subprocess.Popen] = set()


def _child_env() -> Dict[str, str]:
    """Environment of a worker: this one, with cdnmesh and _cdnmesh importable."""
    env = dict(os.environ)
    paths: List[str] = [str(PACKAGE_PARENT_DIR)]
    native_module = sys.modules.get("_cdnmesh")  # a top-level module (not cdnmesh._cdnmesh)
    native_file = getattr(native_module, "__file__", None)
    if native_file:
        paths.append(os.path.dirname(os.path.abspath(native_file)))
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


def _tail(text: str) -> str:
    """Last STDERR_TAIL_CHARS characters of ``text``."""
    return text[-STDERR_TAIL_CHARS:]


def _describe_exit(code: int) -> str:
    """Human description of an exit status (signals are negative)."""
    if code < 0:
        try:
            return f"killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with status {code}"


def _classify(code: int, stdout: str, stderr: str, elapsed_s: float) -> Dict[str, Any]:
    """Outcome of a worker that ended on its own."""
    outcome: Dict[str, Any] = {"status": STATUS_CRASHED, "exit_code": code, "wall_s": elapsed_s,
                               "stderr_tail": _tail(stderr), "result": None}
    if code == EXIT_CONFIG_ERROR:
        outcome["status"] = STATUS_CONFIG_ERROR
        return outcome
    if code == EXIT_OK:
        try:
            result = json.loads(stdout)
        except ValueError:
            outcome["stderr_tail"] = _tail(stderr + "\ncdnmesh: worker printed no valid JSON")
            return outcome
        outcome.update(status=STATUS_OK, result=result,
                       wall_s=float(result.get("wall_seconds", elapsed_s)))
        return outcome
    outcome["stderr_tail"] = _tail(stderr + f"\ncdnmesh: worker {_describe_exit(code)}")
    return outcome


def launch(payload: Dict[str, Any], timeout_s: Optional[float] = None) -> Dict[str, Any]:
    """Runs one task in a fresh worker process; never raises for a failed run."""
    start_s = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "cdnmesh.worker"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_child_env(), start_new_session=True)
    with _live_lock:
        _live.add(proc)
    try:
        try:
            stdout, stderr = proc.communicate(json.dumps(payload), timeout=timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            stdout, stderr = proc.communicate()
            return {"status": STATUS_TIMEOUT, "exit_code": proc.returncode,
                    "wall_s": time.monotonic() - start_s,
                    "stderr_tail": _tail(stderr + f"\ncdnmesh: killed after {timeout_s} s"),
                    "result": None}
    finally:
        with _live_lock:
            _live.discard(proc)
    return _classify(proc.returncode, stdout, stderr, time.monotonic() - start_s)


def kill_all() -> None:
    """Kills every worker started by this process that is still running (on interrupt)."""
    with _live_lock:
        procs = list(_live)
    for proc in procs:
        try:
            proc.kill()
        except OSError:
            pass
