"""cdnmesh: run, sweep and compare hybrid CDN + P2P video delivery simulations.

Quick start::

    import cdnmesh
    result = cdnmesh.run("scenarios/small-swarm.yaml", {"run.duration_s": 60}, seed=1)
    result.metrics["offload_ratio"]; result.timeseries  # a DataFrame

    df = cdnmesh.sweep("scenarios/live-sports.yaml",
                       grid={"tracker.policy": ["random", "same_isp", "hybrid"]},
                       seeds=3, store="results/policies.db")
    fig = cdnmesh.plot.compare(df, x="tracker.policy", y="offload_ratio", hue=None)
    isp = cdnmesh.load("results/policies.db", table="isp")   # per-ISP rows, tidy

Exports: run, validate, params, sweep, load, load_dataset, RunResult, ConfigError,
SimulationError, plot, catalogue.
Heavy dependencies (pandas, matplotlib, tqdm, distributed) are imported on first use, so that
worker processes start fast.
"""

from __future__ import annotations

from typing import Any

from .api import (ConfigError, SimulationError, build_identity, code_version, estimate, params,
                  run, validate)
from .result import RunResult
from .tables import load, load_dataset, to_dataset
from .sweep_runner import sweep

__all__ = ["run", "validate", "estimate", "params", "sweep", "load", "load_dataset", "to_dataset",
           "RunResult", "ConfigError", "SimulationError", "plot", "code_version", "build_identity",
           "catalogue"]


def __getattr__(name: str) -> Any:
    """Imports the ``plot`` module (matplotlib) on first access."""
    if name in ("plot", "catalogue"):
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
