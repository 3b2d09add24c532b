"""Parameter sweeps: grid x seeds, each run in its own worker process, results in a SQLite store.

Re-running a sweep runs only what is missing for the current build. Runs stored as ``ok`` or
``config_error`` are done (a configuration error is deterministic); ``crashed`` and ``timeout``
runs are retried on the next invocation (they may come from a transient cause). Pass ``retry`` to
change that, e.g. ``retry=("crashed", "timeout", "ok", "config_error")`` re-runs everything.
Runs an older build made of the same request are *stale*: reported ("N stale"), left out of the
returned frame and run again only with ``rerun_stale=True`` (``--rerun-stale``). Within one
invocation nothing is retried. Before running, the sweep says "N stored, M to run".
"""

from __future__ import annotations

import collections
import hashlib
import math
import os
import sys
import warnings
from pathlib import Path
from typing import (TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Mapping, Optional,
                    Sequence, Tuple, Union)

from . import api
from .executors import make_executor
from .frame import runs_frame
from .plan import Resolver, Task, canonical_json, identify_tasks, normalize_seeds, plan_tasks
from .progress import make_progress
from .store import Store, pending_tasks
from .tables import StaleResultsWarning

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


def _source_id(payload: Union[str, Dict[str, Any]]) -> str:
    """What the scenario is, independent of the code: the file's sha256 or the dict's JSON."""
    if isinstance(payload, dict):
        return canonical_json(payload)
    return "file:" + hashlib.sha256(Path(payload).read_bytes()).hexdigest()


def _resolver(payload: Union[str, Dict[str, Any]]) -> Resolver:
    """Resolves a run's overrides with the simulator; a ConfigError becomes its message."""
    def resolve(overrides: Dict[str, Any]) -> Tuple[Optional[Dict[str, Any]], Optional[str]]:
        try:
            return api.validate(payload, overrides or None), None
        except api.ConfigError as error:
            return None, str(error)
    return resolve


def _config_error(message: str) -> Dict[str, Any]:
    """Outcome of a run whose overrides the simulator refuses (recorded without a process)."""
    return {"status": "config_error", "exit_code": 2, "wall_s": 0.0,
            "stderr_tail": f"config error: {message}", "result": None}


def _execute(db: Store, todo: List[Task], errors: Mapping[str, str], scenario_name: str,
             options: Dict[str, Any], on_result: Optional[OnResult]) -> None:
    """Runs the pending tasks, storing each as soon as it finishes."""
    counts: Dict[str, int] = collections.Counter()
    costs = _costs(todo) if options["progress"] else {}
    bar = make_progress(len(todo), scenario_name, options["progress"],
                        total_cost=sum(costs.values()) or None)
    runnable = [task for task in todo if task.scenario_hash not in errors]
    try:
        for task in todo:
            if task.scenario_hash in errors:
                _finish(db, task, _config_error(errors[task.scenario_hash]), scenario_name,
                        counts, bar, on_result, costs.get(task.key, 1.0))
        if runnable:
            with make_executor(options["executor"], options["workers"],
                               options["address"]) as pool:
                for index, outcome in pool.run([t.payload() for t in runnable],
                                               options["timeout_s"]):
                    task = runnable[index]
                    _finish(db, task, outcome, scenario_name, counts, bar, on_result,
                            costs.get(task.key, 1.0))
    finally:
        bar.close()


def _costs(todo: List[Task]) -> Dict[Any, float]:
    """{task key: estimated wall seconds} (``cdnmesh.estimate``), for the progress ETA; 0 for
    runs the simulator refuses (recorded at once)."""
    by_overrides: Dict[str, float] = {}
    costs = {}
    for task in todo:
        if task.overrides_json not in by_overrides:
            try:
                estimate = api.estimate(task.scenario, task.overrides or None)
                by_overrides[task.overrides_json] = max(float(estimate["wall_seconds"]), 1e-3)
            except api.ConfigError:
                by_overrides[task.overrides_json] = 0.0
        costs[task.key] = by_overrides[task.overrides_json]
    return costs


def _finish(db: Store, task: Task, outcome: Dict[str, Any], scenario_name: str,
            counts: Dict[str, int], bar: Any, on_result: Optional[OnResult],
            cost: float) -> None:
    """Records one finished run and reports it (``cost``: its estimate, for the ETA)."""
    db.record(task, outcome, scenario_name)
    counts[outcome["status"]] += 1
    bar.update(counts, cost)
    if on_result is not None:
        on_result(task, outcome)


def _triage(db: Store, tasks: List[Task], retry: Iterable[str],
            rerun_stale: bool) -> Tuple[List[Task], List[Task], Dict[str, List[Task]]]:
    """(stored, to run, {stale code version: tasks}) of the distinct planned tasks."""
    unique = list({task.key: task for task in tasks}.values())
    statuses = db.statuses(task.key for task in unique)
    todo = pending_tasks(unique, statuses, retry)
    stale: Dict[str, List[Task]] = {}
    for task in todo:
        if task.key in statuses:
            continue
        for version in db.stale_versions(task)[-1:]:
            stale.setdefault(version, []).append(task)
    skipped = {t.key for ts in stale.values() for t in ts} if not rerun_stale else set()
    pending = {task.key for task in todo}
    stored = [task for task in unique if task.key not in pending]
    return stored, [t for t in todo if t.key not in skipped], stale


def _announce(log: Optional[Callable[[str], None]], name: str, stored: int, to_run: int,
              stale: Mapping[str, List[Task]], rerun_stale: bool) -> None:
    """Says what the sweep is about to do: "N stored, M to run" and any stale runs."""
    if log is None:
        return
    log(f"{name}: {stored} stored, {to_run} to run")
    for version, tasks in stale.items():
        action = "running them again" if rerun_stale else \
            "not run: pass --rerun-stale (rerun_stale=True) to run them with this build"
        log(f"{name}: {len(tasks)} stale: stored by code version {version}; {action}")


def _plan(payload: Union[str, Dict[str, Any]], fixed: Dict[str, Any],
          grid: Optional[Mapping[str, Sequence[Any]]], seeds: List[int],
          baseline: Optional[Mapping[str, Any]], baseline_over: Sequence[str]
          ) -> Tuple[List[Task], Dict[str, Dict[str, Any]], Dict[str, str]]:
    """Identified tasks, {scenario_hash: resolved scenario}, {scenario_hash: config error}."""
    planned = plan_tasks(payload, fixed, grid, seeds, baseline, baseline_over)
    resolve = _resolver(payload)
    tasks, scenarios = identify_tasks(planned, resolve, _source_id(payload),
                                      api.build_identity())
    errors = {t.scenario_hash: resolve(t.overrides)[1] or "" for t in tasks
              if t.scenario_hash.startswith("invalid-")}
    return tasks, scenarios, errors


def _as_requested(rows: List[Dict[str, Any]], tasks: List[Task]) -> List[Dict[str, Any]]:
    """Stored rows described by this sweep's own overrides: a run another sweep stored under
    other words (a default spelt out) is the same simulation, shown with this sweep's
    parameters."""
    by_key = {task.key: task for task in tasks}
    for row in rows:
        task = by_key[(row["code_version"], row["scenario_hash"], row["seed"])]
        row.update(overrides_json=task.overrides_json, params_json=task.params_json,
                   baseline=int(task.baseline))
    return rows


def _stderr_log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def sweep(scenario: api.Scenario, grid: Optional[Mapping[str, Sequence[Any]]] = None,
          seeds: Union[int, Iterable[int]] = 1, store: Union[None, str, "os.PathLike[str]"] = None,
          executor: str = "local", workers: Optional[int] = None, address: Optional[str] = None,
          timeout_s: Optional[float] = None, progress: bool = True,
          overrides: api.Overrides = None, baseline: Optional[Mapping[str, Any]] = None,
          baseline_over: Sequence[str] = (), retry: Iterable[str] = DEFAULT_RETRY,
          name: Optional[str] = None, on_result: Optional[OnResult] = None,
          rerun_stale: bool = False, log: Union[None, str, Callable[[str], None]] = "auto"
          ) -> "pd.DataFrame":
    """Runs ``scenario`` over ``grid`` x ``seeds``, each run in its own process; returns the runs.

    scenario: YAML path or dict. grid: {key.path: [values]}. seeds: list, or N for 1..N.
    store: SQLite file (default ``results/<name>.db``; name defaults to the scenario's name).
    executor: "local" (a pool of ``workers`` processes, default os.cpu_count()) or "dask"
    (``address`` of a scheduler, or a LocalCluster of ``workers``, default 2).
    timeout_s: wall-time limit per run (None: no limit). overrides: applied to every run (each
    is a column of the result). baseline: extra overrides run once per seed (and per value of
    the grid keys in ``baseline_over``), marked ``baseline=True``. retry: stored statuses to run
    again. rerun_stale: run again what only an older build stored. progress: a bar or lines on
    stderr. log: where "N stored, M to run" goes ("auto": stderr when ``progress``; None: off).

    Returns one row per distinct planned run of the current build (see :mod:`cdnmesh.frame`),
    including runs already stored; stale runs not rerun are left out (and warned about).
    A configuration error in the base scenario raises ConfigError before anything runs; one in a
    grid value is recorded as a ``config_error`` run.
    """
    if grid and ("run.seed" in grid):
        raise ValueError("sweep: give seeds with seeds=, not as grid key run.seed")
    _check_timeout(timeout_s)
    payload = _scenario_payload(scenario)
    fixed = overrides_dict(overrides)
    resolved = api.validate(payload, fixed or None)
    scenario_name = name or str(resolved.get("name") or Path(str(payload)).stem)
    store_path = Path(store) if store is not None else Path("results") / f"{scenario_name}.db"
    tasks, scenarios, errors = _plan(payload, fixed, grid, normalize_seeds(seeds), baseline,
                                     baseline_over)
    logger = (_stderr_log if progress else None) if log == "auto" else log
    with Store(store_path) as db:
        db.add_scenarios(scenarios)
        stored, todo, stale = _triage(db, tasks, retry, rerun_stale)
        _announce(logger, scenario_name, len(stored), len(todo), stale, rerun_stale)
        if todo:
            options = {"executor": executor, "workers": workers, "address": address,
                       "timeout_s": timeout_s, "progress": progress}
            _execute(db, todo, errors, scenario_name, options, on_result)
        rows = _as_requested(db.rows([task.key for task in tasks]), tasks)
        frame = runs_frame(rows, db.scenarios({row["scenario_hash"] for row in rows}))
    left_out = sum(len(v) for v in stale.values()) if not rerun_stale else 0
    if left_out:
        warnings.warn(f"sweep {scenario_name}: {left_out} runs are stored only by older code "
                      f"versions ({', '.join(stale)}) and were left out; rerun_stale=True runs "
                      "them with this build", StaleResultsWarning, stacklevel=2)
    frame.attrs["sweep"] = {"stored": len(stored), "ran": len(todo), "stale": left_out}
    return frame
