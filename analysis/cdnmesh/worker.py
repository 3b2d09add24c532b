"""Worker process: runs one simulation and prints its result as JSON.

Usage: ``python3 -m cdnmesh.worker`` with a task on stdin::

    {"scenario": "/abs/path.yaml" | {...}, "overrides": {"key.path": value}, "seed": 3}

On success it writes ``{"status": "ok", "summary": {...}, "timeseries_csv": "...",
"peers_csv": "...", "wall_seconds": 0.12}`` on stdout and exits 0. Exit statuses: 2 configuration error (the message
on stderr and ``{"status": "config_error", "message": ...}`` on stdout), 3 simulation error,
1 any other error. Anything the simulator prints goes to stderr, never into the JSON.

Test hook: ``CDNMESH_TEST_CRASH_SEED=3,5`` makes the runs with those seeds abort (SIGABRT), as a
crashing simulator would.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import sys
import traceback
from typing import Any, Dict, TextIO

from ._exitcodes import EXIT_CONFIG_ERROR, EXIT_ERROR, EXIT_OK, EXIT_SIMULATION_ERROR

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Asks Linux to SIGKILL this process when the thread that started it dies (best effort)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(EXIT_ERROR)


def _crash_hook(seed: Any) -> None:
    """Aborts when the seed is listed in CDNMESH_TEST_CRASH_SEED (tests of crash handling)."""
    listed = os.environ.get("CDNMESH_TEST_CRASH_SEED", "")
    if listed and str(seed) in {item.strip() for item in listed.split(",")}:
        sys.stderr.write(f"cdnmesh.worker: CDNMESH_TEST_CRASH_SEED: aborting seed {seed}\n")
        sys.stderr.flush()
        os.abort()


def _result_stream() -> TextIO:
    """Keeps the real stdout for the result and sends fd 1 (simulator output) to stderr."""
    result_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(result_fd, "w", encoding="utf-8")


def run_task(task: Dict[str, Any]) -> Dict[str, Any]:
    """Runs one task in this process; returns the JSON-serialisable result."""
    from .api import native, overrides_arg, scenario_arg

    _crash_hook(task.get("seed"))
    raw = native.run(scenario_arg(task["scenario"]), overrides_arg(task.get("overrides")),
                     task.get("seed"), False)
    return {"status": "ok", "summary": raw["summary"], "timeseries_csv": raw["timeseries_csv"],
            "peers_csv": raw.get("peers_csv", ""), "wall_seconds": float(raw.get("wall_seconds", float("nan")))}


def main() -> int:
    """Reads the task, runs it, writes the result; returns the exit status."""
    _die_with_parent()
    out = _result_stream()
    try:
        task = json.loads(sys.stdin.read())
        from .api import ConfigError, SimulationError

        try:
            result = run_task(task)
        except ConfigError as error:
            sys.stderr.write(f"config error: {error}\n")
            out.write(json.dumps({"status": "config_error", "message": str(error)}))
            return EXIT_CONFIG_ERROR
        except SimulationError as error:
            sys.stderr.write(f"simulation error: {error}\n")
            return EXIT_SIMULATION_ERROR
        out.write(json.dumps(result))
        return EXIT_OK
    except Exception:  # noqa: BLE001 - any failure is reported to the parent via stderr
        traceback.print_exc()
        return EXIT_ERROR
    finally:
        out.flush()
        sys.stderr.flush()


if __name__ == "__main__":
    sys.exit(main())
