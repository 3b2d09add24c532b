"""Results store: one SQLite file (stdlib sqlite3, WAL journal) holding every finished run.

Schema (``schema_version`` 2)::

    runs(code_version TEXT, scenario_hash TEXT, seed INTEGER,   -- primary key (see plan.py)
         request_hash TEXT,                 -- scenario source + every override, no code version
         overrides_json TEXT, params_json TEXT, scenario_name TEXT, baseline INTEGER,
         status TEXT, exit_code INTEGER, wall_s REAL, stderr_tail TEXT,
         summary_json TEXT,                 -- summary.json without its resolved scenario
         timeseries_z BLOB, peers_z BLOB,   -- timeseries.csv / peers.csv, zlib-compressed
         created_utc TEXT)
    scenarios(scenario_hash TEXT PRIMARY KEY, scenario_name TEXT, scenario_json TEXT,
              created_utc TEXT)             -- each resolved scenario, once
    meta(key TEXT PRIMARY KEY, value TEXT)  -- schema_version

A run of another build is another row (its code version differs): it is *stale* for the
current build, reported as such and rerun on request, never reused. Stores of schema version 1
(keys without the code version) are refused with what to do. Only the sweep's parent process
writes, one ``INSERT OR REPLACE`` transaction per finished run: killing the sweep at any moment
loses at most the runs in flight.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import sqlite3
import zlib
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple, Union

from .plan import RunKey, Task

SCHEMA_VERSION = "2"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    code_version   TEXT    NOT NULL,
    scenario_hash  TEXT    NOT NULL,
    seed           INTEGER NOT NULL,
    request_hash   TEXT    NOT NULL,
    overrides_json TEXT    NOT NULL,
    params_json    TEXT    NOT NULL,
    scenario_name  TEXT,
    baseline       INTEGER NOT NULL DEFAULT 0,
    status         TEXT    NOT NULL,
    exit_code      INTEGER,
    wall_s         REAL,
    stderr_tail    TEXT,
    summary_json   TEXT,
    timeseries_z   BLOB,
    peers_z        BLOB,
    created_utc    TEXT    NOT NULL,
    PRIMARY KEY (code_version, scenario_hash, seed)
);
CREATE INDEX IF NOT EXISTS runs_by_request ON runs (request_hash, seed);
CREATE TABLE IF NOT EXISTS scenarios (
    scenario_hash  TEXT PRIMARY KEY,
    scenario_name  TEXT,
    scenario_json  TEXT NOT NULL,
    created_utc    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""

_RUN_COLUMNS = ("code_version", "scenario_hash", "seed", "request_hash", "overrides_json",
                "params_json", "scenario_name", "baseline", "status", "exit_code", "wall_s",
                "stderr_tail", "summary_json", "timeseries_z", "peers_z", "created_utc")
#: Columns holding per-run tables, read only when asked for.
BLOB_COLUMNS = ("timeseries_z", "peers_z")

#: Statuses a re-run does not repeat by default (crashed and timeout runs are retried).
DONE_STATUSES: Tuple[str, ...] = ("ok", "config_error")


class StoreError(ValueError):
    """A file that is not a store this code can read (another schema, not cdnmesh's)."""


def utc_now() -> str:
    """Current UTC time, ISO 8601 with microseconds."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")


def compress(text: Optional[str]) -> Optional[bytes]:
    """zlib-compressed UTF-8 text (None stays None)."""
    return None if text is None else zlib.compress(text.encode("utf-8"), 6)


def decompress(blob: Optional[bytes]) -> str:
    """Text of a compressed column ("" for none)."""
    return "" if blob is None else zlib.decompress(blob).decode("utf-8")


def _check_schema(db: sqlite3.Connection, path: Path) -> None:
    """StoreError unless the file is a store of this schema (or empty)."""
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        return
    version = None
    if "meta" in tables:
        row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        version = row[0] if row else None
    if version == SCHEMA_VERSION:
        return
    if version == "1":
        raise StoreError(
            f"{path}: a results store of schema_version 1, whose runs are keyed without the "
            "code version that made them: they cannot be told apart from runs of the current "
            f"code. Move it away (e.g. `mv {path} {path.with_suffix('.v1.db')}`) and run the "
            "sweep again into a new store.")
    raise StoreError(f"{path}: not a cdnmesh results store of schema_version {SCHEMA_VERSION} "
                     f"(schema_version {version!r}, tables {sorted(tables)})")


class Store:
    """A results store file; use as a context manager or call :meth:`close`.

    ``readonly=True`` opens an existing store without creating anything (for reading).
    Raises StoreError for a file of another schema.
    """

    def __init__(self, path: Union[str, "os.PathLike[str]"], readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly and not self.path.is_file():
            raise FileNotFoundError(f"cdnmesh: no results store at {self.path}")
        if not readonly:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), timeout=60, isolation_level=None)
        try:
            _check_schema(self._db, self.path)
            if not readonly:
                self._create()
        except BaseException:
            self._db.close()
            raise

    def _create(self) -> None:
        """WAL journal, tables and the schema version (idempotent)."""
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

    def add_scenarios(self, scenarios: Mapping[str, Mapping[str, Any]]) -> None:
        """Records resolved scenarios {scenario_hash: scenario} (each kept once)."""
        with self._transaction():
            for hash_hex, resolved in scenarios.items():
                self._db.execute("INSERT OR IGNORE INTO scenarios VALUES (?, ?, ?, ?)",
                                 (hash_hex, str(resolved.get("name", "")),
                                  json.dumps(resolved, sort_keys=True), utc_now()))

    def scenarios(self, hashes: Optional[Iterable[str]] = None) -> Dict[str, Dict[str, Any]]:
        """{scenario_hash: resolved scenario} (all, or those named)."""
        rows = self._db.execute("SELECT scenario_hash, scenario_json FROM scenarios")
        wanted = None if hashes is None else set(hashes)
        return {h: json.loads(text) for h, text in rows if wanted is None or h in wanted}

    def statuses(self, keys: Iterable[RunKey]) -> Dict[RunKey, str]:
        """{key: status} of the given keys that are stored."""
        found: Dict[RunKey, str] = {}
        for key in set(keys):
            row = self._db.execute("SELECT status FROM runs WHERE code_version=? AND "
                                   "scenario_hash=? AND seed=?", key).fetchone()
            if row is not None:
                found[key] = row[0]
        return found

    def stale_versions(self, task: Task) -> List[str]:
        """Code versions other than the task's that stored a finished run of its request."""
        marks = ", ".join("?" * len(DONE_STATUSES))
        rows = self._db.execute(
            f"SELECT DISTINCT code_version FROM runs WHERE request_hash=? AND seed=? AND "
            f"code_version<>? AND status IN ({marks}) ORDER BY code_version",
            (task.request_hash, task.seed, task.code_version, *DONE_STATUSES))
        return [row[0] for row in rows]

    def record(self, task: Task, outcome: Mapping[str, Any], scenario_name: str) -> None:
        """Stores one finished run in its own transaction (replacing an earlier attempt)."""
        result = outcome.get("result") or {}
        summary = result.get("summary")
        if summary is not None:
            summary = {k: v for k, v in summary.items() if k != "scenario"}
        values = (task.code_version, task.scenario_hash, task.seed, task.request_hash,
                  task.overrides_json, task.params_json, scenario_name, int(task.baseline),
                  outcome["status"], outcome.get("exit_code"), outcome.get("wall_s"),
                  outcome.get("stderr_tail", ""),
                  json.dumps(summary) if summary is not None else None,
                  compress(result.get("timeseries_csv")), compress(result.get("peers_csv")),
                  utc_now())
        placeholders = ", ".join("?" * len(_RUN_COLUMNS))
        with self._transaction():
            self._db.execute(f"INSERT OR REPLACE INTO runs ({', '.join(_RUN_COLUMNS)}) "
                             f"VALUES ({placeholders})", values)

    def rows(self, keys: Optional[Iterable[RunKey]] = None, code_versions: Optional[
            Sequence[str]] = None, blobs: Sequence[str] = ()) -> List[Dict[str, Any]]:
        """Stored runs as dicts: all (optionally of some code versions, in storage order), or
        those with the given keys in that order. ``blobs``: compressed columns to include."""
        columns = [c for c in _RUN_COLUMNS if c not in BLOB_COLUMNS or c in blobs]
        query = f"SELECT {', '.join(columns)} FROM runs"
        if keys is not None:
            by_key = {}
            for key in dict.fromkeys(keys):
                row = self._db.execute(query + " WHERE code_version=? AND scenario_hash=? AND "
                                       "seed=?", key).fetchone()
                if row is not None:
                    by_key[key] = dict(zip(columns, row))
            return list(by_key.values())
        params: List[Any] = []
        if code_versions is not None:
            query += f" WHERE code_version IN ({', '.join('?' * len(code_versions))})"
            params = list(code_versions)
        cursor = self._db.execute(query + " ORDER BY rowid", params)
        return [dict(zip(columns, row)) for row in cursor]

    def versions(self) -> Dict[str, int]:
        """{code version: number of runs}, oldest first."""
        rows = self._db.execute("SELECT code_version, COUNT(*), MIN(created_utc) FROM runs "
                                "GROUP BY code_version ORDER BY 3")
        return {version: count for version, count, _ in rows}

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


def pending_tasks(tasks: Iterable[Task], stored: Mapping[RunKey, str],
                  retry_statuses: Iterable[str]) -> List[Task]:
    """Tasks not in the store, or stored with a status listed in ``retry_statuses``."""
    retry: Set[str] = set(retry_statuses)
    todo = []
    for task in tasks:
        status = stored.get(task.key)
        if status is None or status in retry:
            todo.append(task)
    return todo
