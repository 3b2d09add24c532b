"""Results store: one SQLite file (stdlib sqlite3, WAL journal) holding every finished run.

Schema (``schema_version`` 1)::

    runs(scenario_hash TEXT, params_json TEXT, seed INTEGER,      -- primary key
         scenario_name TEXT, baseline INTEGER, status TEXT, exit_code INTEGER,
         code_version TEXT, wall_s REAL, stderr_tail TEXT,
         summary_json TEXT, timeseries_csv TEXT, created_utc TEXT)
    scenarios(scenario_hash TEXT PRIMARY KEY, scenario_name TEXT, scenario_json TEXT,
              source TEXT, created_utc TEXT)
    meta(key TEXT PRIMARY KEY, value TEXT)

Only the sweep's parent process writes, and each finished run is one ``INSERT OR REPLACE``
transaction: killing the sweep (SIGINT, SIGKILL) at any moment loses at most the runs in flight,
and the primary key makes duplicate rows impossible.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Set, Tuple, Union

from .plan import RunKey, Task

if TYPE_CHECKING:
    import pandas as pd

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    scenario_hash  TEXT    NOT NULL,
    params_json    TEXT    NOT NULL,
    seed           INTEGER NOT NULL,
    scenario_name  TEXT,
    baseline       INTEGER NOT NULL DEFAULT 0,
    status         TEXT    NOT NULL,
    exit_code      INTEGER,
    code_version   TEXT,
    wall_s         REAL,
    stderr_tail    TEXT,
    summary_json   TEXT,
    timeseries_csv TEXT,
    created_utc    TEXT    NOT NULL,
    PRIMARY KEY (scenario_hash, params_json, seed)
);
CREATE TABLE IF NOT EXISTS scenarios (
    scenario_hash  TEXT PRIMARY KEY,
    scenario_name  TEXT,
    scenario_json  TEXT NOT NULL,
    source         TEXT,
    created_utc    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""

_RUN_COLUMNS = ("scenario_hash", "params_json", "seed", "scenario_name", "baseline", "status",
                "exit_code", "code_version", "wall_s", "stderr_tail", "summary_json",
                "timeseries_csv", "created_utc")

#: Statuses a re-run does not repeat by default (crashed and timeout runs are retried).
DONE_STATUSES: Tuple[str, ...] = ("ok", "config_error")


def utc_now() -> str:
    """Current UTC time, ISO 8601 with microseconds."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")


class Store:
    """A results store file; use as a context manager or call :meth:`close`.

    ``readonly=True`` opens an existing store without creating anything (for reading).
    """

    def __init__(self, path: Union[str, "os.PathLike[str]"], readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly:
            if not self.path.is_file():
                raise FileNotFoundError(f"cdnmesh: no results store at {self.path}")
            self._db = sqlite3.connect(str(self.path), timeout=60, isolation_level=None)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), timeout=60, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        with self._transaction():
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._db.execute(statement)
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)",
                             (SCHEMA_VERSION,))

    def _transaction(self) -> "_Transaction":
        """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error)."""
        return _Transaction(self._db)

    def close(self) -> None:
        """Closes the connection."""
        self._db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def add_scenario(self, hash_hex: str, name: str, resolved: Mapping[str, Any],
                     source: str) -> None:
        """Records a sweep's base scenario (kept once per hash)."""
        with self._transaction():
            self._db.execute("INSERT OR IGNORE INTO scenarios VALUES (?, ?, ?, ?, ?)",
                             (hash_hex, name, json.dumps(resolved, sort_keys=True), source,
                              utc_now()))

    def statuses(self, hash_hex: str) -> Dict[Tuple[str, int], str]:
        """{(params_json, seed): status} of the runs stored for a scenario hash."""
        rows = self._db.execute("SELECT params_json, seed, status FROM runs WHERE scenario_hash=?",
                                (hash_hex,))
        return {(params_json, seed): status for params_json, seed, status in rows}

    def record(self, task: Task, outcome: Mapping[str, Any], scenario_name: str,
               code_version: str) -> None:
        """Stores one finished run in its own transaction (replacing an earlier attempt)."""
        result = outcome.get("result") or {}
        summary = result.get("summary")
        values = (task.scenario_hash, task.params_json, task.seed, scenario_name,
                  int(task.baseline), outcome["status"], outcome.get("exit_code"),
                  (summary or {}).get("code_version", code_version), outcome.get("wall_s"),
                  outcome.get("stderr_tail", ""),
                  json.dumps(summary) if summary is not None else None,
                  result.get("timeseries_csv"), utc_now())
        placeholders = ", ".join("?" * len(_RUN_COLUMNS))
        with self._transaction():
            self._db.execute(f"INSERT OR REPLACE INTO runs ({', '.join(_RUN_COLUMNS)}) "
                             f"VALUES ({placeholders})", values)

    def rows(self, keys: Optional[Iterable[RunKey]] = None,
             with_timeseries: bool = False) -> List[Dict[str, Any]]:
        """Stored runs as dicts (all runs, or those with the given keys in that order)."""
        columns = [c for c in _RUN_COLUMNS if with_timeseries or c != "timeseries_csv"]
        query = f"SELECT {', '.join(columns)} FROM runs"
        if keys is None:
            cursor = self._db.execute(query + " ORDER BY rowid")
            return [dict(zip(columns, row)) for row in cursor]
        keys = list(keys)
        hashes = sorted({key[0] for key in keys})
        marks = ", ".join("?" * len(hashes))
        cursor = self._db.execute(query + f" WHERE scenario_hash IN ({marks})", hashes)
        by_key = {}
        for row in cursor:
            record = dict(zip(columns, row))
            by_key[(record["scenario_hash"], record["params_json"], record["seed"])] = record
        return [by_key[key] for key in keys if key in by_key]

    def count(self) -> int:
        """Number of stored runs."""
        return int(self._db.execute("SELECT COUNT(*) FROM runs").fetchone()[0])


class _Transaction:
    """Context manager running its block in one IMMEDIATE transaction."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> sqlite3.Connection:
        self._db.execute("BEGIN IMMEDIATE")
        return self._db

    def __exit__(self, exc_type: Any, *rest: Any) -> None:
        self._db.execute("ROLLBACK" if exc_type else "COMMIT")


def pending_tasks(tasks: Iterable[Task], stored: Mapping[Tuple[str, int], str],
                  retry_statuses: Iterable[str]) -> List[Task]:
    """Tasks not in the store, or stored with a status listed in ``retry_statuses``."""
    retry: Set[str] = set(retry_statuses)
    todo = []
    for task in tasks:
        status = stored.get((task.params_json, task.seed))
        if status is None or status in retry:
            todo.append(task)
    return todo


def load(path: Union[str, "os.PathLike[str]"], timeseries: bool = False) -> "pd.DataFrame":
    """Reads a results store into a DataFrame, one row per stored run (columns: see
    :mod:`cdnmesh.frame`); ``timeseries=True`` adds each run's ``timeseries_csv`` text."""
    from .frame import runs_frame

    with Store(path, readonly=True) as store:
        return runs_frame(store.rows(with_timeseries=timeseries))
