"""Parameter sweeps: grid x seeds, each run in its own worker process, results in a SQLite store.

Re-running a sweep runs only what is missing. Runs stored as ``ok`` or ``config_error`` are done
(a configuration error is deterministic); ``crashed`` and ``timeout`` runs are retried on the next
invocation (they may come from a transient cause: a killed machine, an overloaded host). Pass
``retry`` to change that, e.g. ``retry=("crashed", "timeout", "ok", "config_error")`` re-runs
everything. Within one invocation nothing is retried.
"""

from __future__ import annotations

import collections
import math
import os
from pathlib import Path
from typing import (TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Mapping, Optional,
                    Sequence, Union)

from . import api
from .executors import make_executor
from .frame import runs_frame
from .plan import Task, normalize_seeds, plan_tasks, scenario_hash
from .store import Store, pending_tasks

if TYPE_CHECKING:
    import pandas as pd

#: Statuses re-run by default when found in the store.
DEFAULT_RETRY = ("crashed", "timeout")

#: Called after each finished run with (task, outcome).
OnResult = Callable[[Task, Dict[str, Any]], None]


def _check_timeout(timeout_s: Optional[float]) -> None:
    """timeout_s must be None or a finite number > 0 (-1 used to store every run as timed out)."""
    if timeout_s is None:
        return
    if isinstance(timeout_s, bool) or not isinstance(timeout_s, (int, float)) or \
            not math.isfinite(timeout_s) or timeout_s <= 0:
        raise ValueError(f"sweep: timeout_s: {timeout_s!r} is not allowed; allowed: a number "
                         "of seconds > 0, or None (no limit)")


def overrides_dict(overrides: api.Overrides) -> Dict[str, Any]:
    """{key.path: value} from a mapping or a list of "key.path=value" (values parsed as YAML)."""
    if overrides is None:
        return {}
    if isinstance(overrides, Mapping):
        return dict(overrides)
    import yaml

    result: Dict[str, Any] = {}
    for item in ([overrides] if isinstance(overrides, str) else overrides):
        key, sep, text = item.partition("=")
        if not sep:
            raise ValueError(f"override {item!r}: expected key.path=value")
        result[key.strip()] = yaml.safe_load(text)
    return result


def _scenario_payload(scenario: api.Scenario) -> Union[str, Dict[str, Any]]:
    """Absolute path (workers may run in another directory) or a plain dict."""
    if isinstance(scenario, Mapping):
        return dict(scenario)
    path = Path(os.fspath(scenario)).resolve()
    if not path.is_file():
        raise FileNotFoundError(f"cdnmesh: no scenario file {path}")
    return str(path)


def _execute(db: Store, todo: List[Task], scenario_name: str, executor: str,
             workers: Optional[int], address: Optional[str], timeout_s: Optional[float],
             progress: bool, on_result: Optional[OnResult]) -> None:
    """Runs the pending tasks, storing each as soon as it finishes."""
    from tqdm import tqdm

    version = api.code_version()
    counts: Dict[str, int] = collections.Counter()
    with make_executor(executor, workers, address) as pool, \
            tqdm(total=len(todo), unit="run", desc=scenario_name,
                 disable=None if progress else True) as bar:
        for index, outcome in pool.run([task.payload() for task in todo], timeout_s):
            task = todo[index]
            db.record(task, outcome, scenario_name, version)
            counts[outcome["status"]] += 1
            bar.set_postfix(counts, refresh=False)
            bar.update(1)
            if on_result is not None:
                on_result(task, outcome)


def sweep(scenario: api.Scenario, grid: Optional[Mapping[str, Sequence[Any]]] = None,
          seeds: Union[int, Iterable[int]] = 1, store: Union[None, str, "os.PathLike[str]"] = None,
          executor: str = "local", workers: Optional[int] = None, address: Optional[str] = None,
          timeout_s: Optional[float] = None, progress: bool = True,
          overrides: api.Overrides = None, baseline: Optional[Mapping[str, Any]] = None,
          baseline_over: Sequence[str] = (), retry: Iterable[str] = DEFAULT_RETRY,
          name: Optional[str] = None, on_result: Optional[OnResult] = None) -> "pd.DataFrame":
    """Runs ``scenario`` over ``grid`` x ``seeds``, each run in its own process; returns the runs.

    scenario: YAML path or dict. grid: {key.path: [values]}. seeds: list, or N for 1..N.
    store: SQLite file (default ``results/<name>.db``; name defaults to the scenario's name).
    executor: "local" (a pool of ``workers`` processes, default os.cpu_count()) or "dask"
    (``address`` of a scheduler, or a LocalCluster of ``workers``, default 2).
    timeout_s: wall-time limit per run (None: no limit). overrides: applied to every run and part
    of the scenario hash. baseline: extra overrides run once per seed (and per value of the grid
    keys in ``baseline_over``), marked ``baseline=True``. retry: stored statuses to run again.

    Returns one row per planned run (see :mod:`cdnmesh.frame`), including runs already stored.
    A configuration error in the base scenario raises ConfigError before anything runs; one in a
    grid value is recorded as a ``config_error`` run.
    """
    if grid and ("run.seed" in grid):
        raise ValueError("sweep: give seeds with seeds=, not as grid key run.seed")
    _check_timeout(timeout_s)
    fixed = overrides_dict(overrides)
    payload = _scenario_payload(scenario)
    resolved = api.validate(payload, fixed or None)
    hash_hex = scenario_hash(resolved)
    scenario_name = name or str(resolved.get("name") or Path(str(payload)).stem)
    store_path = Path(store) if store is not None else Path("results") / f"{scenario_name}.db"
    tasks = plan_tasks(payload, fixed, grid, normalize_seeds(seeds), hash_hex, baseline,
                       baseline_over)
    with Store(store_path) as db:
        db.add_scenario(hash_hex, scenario_name, resolved,
                        payload if isinstance(payload, str) else "<dict>")
        todo = pending_tasks(tasks, db.statuses(hash_hex), retry)
        if todo:
            _execute(db, todo, scenario_name, executor, workers, address, timeout_s, progress,
                     on_result)
        rows = db.rows([task.key for task in tasks])
    return runs_frame(rows)
