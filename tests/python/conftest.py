"""Shared fixtures of the cdnmesh Python tests.

The package is found through PYTHONPATH=<repo>/analysis:<build>/pybind (set by CTest); when run
by hand without it, <repo>/analysis is added here and _cdnmesh is looked up in
$CDNMESH_BUILD_DIR/pybind or <repo>/build/pybind.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Dict

import pytest

REPO_DIR = Path(__file__).resolve().parents[2]
ANALYSIS_DIR = REPO_DIR / "analysis"
if str(ANALYSIS_DIR) not in sys.path:
    sys.path.insert(0, str(ANALYSIS_DIR))

import cdnmesh  # noqa: E402,F401  (after the sys.path set-up; fails early without _cdnmesh)

#: A dozen viewers; with these overrides a run takes a few milliseconds.
SMALL_SWARM = REPO_DIR / "scenarios" / "small-swarm.yaml"
FAST: Dict[str, object] = {"run.duration_s": 30}


@pytest.fixture
def small_swarm() -> Path:
    """Path of scenarios/small-swarm.yaml."""
    return SMALL_SWARM


def subprocess_env(**extra: str) -> Dict[str, str]:
    """Environment for a child Python that must import cdnmesh and _cdnmesh."""
    env = dict(os.environ)
    paths = [str(ANALYSIS_DIR)]
    native = sys.modules.get("_cdnmesh")
    if native is not None and getattr(native, "__file__", None):
        paths.append(os.path.dirname(native.__file__))
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env.pop("CDNMESH_TEST_CRASH_SEED", None)
    env.update(extra)
    return env


@pytest.fixture(autouse=True)
def _no_crash_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests start without the worker's crash hook set."""
    monkeypatch.delenv("CDNMESH_TEST_CRASH_SEED", raising=False)
