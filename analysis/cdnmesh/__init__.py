"""cdnmesh: run, sweep and compare hybrid CDN + P2P video delivery simulations.

Quick start::

    import cdnmesh
    result = cdnmesh.run("scenarios/small-swarm.yaml", {"run.duration_s": 60}, seed=1)
    result.metrics["offload_ratio"]; result.timeseries  # a DataFrame

    df = cdnmesh.sweep("scenarios/live-sports.yaml",
                       grid={"tracker.policy": ["random", "same_isp", "hybrid"]},
                       seeds=3, store="results/policies.db")
    fig = cdnmesh.plot.compare(df, x="tracker.policy", y="offload_ratio", hue=None)

Exports: run, validate, params, sweep, load, RunResult, ConfigError, SimulationError, plot.
Heavy dependencies (pandas, matplotlib, tqdm, distributed) are imported on first use, so that
worker processes start fast.
"""

from __future__ import annotations

from typing import Any

from .api import ConfigError, SimulationError, code_version, estimate, params, run, validate
from .result import RunResult
from .store import load
from .sweep_runner import sweep

__all__ = ["run", "validate", "estimate", "params", "sweep", "load", "RunResult", "ConfigError",
           "SimulationError", "plot", "code_version"]


def __getattr__(name: str) -> Any:
    """Imports the ``plot`` module (matplotlib) on first access."""
    if name == "plot":
        import importlib

        return importlib.import_module(".plot", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
