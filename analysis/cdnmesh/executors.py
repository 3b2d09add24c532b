"""Executors: run worker processes on a local thread pool or through a Dask cluster.

Both are context managers with one method, ``run(payloads, timeout_s)``, yielding
``(index, outcome)`` as runs finish (``outcome`` as returned by :func:`cdnmesh.launcher.launch`).
Leaving the ``with`` block early (an exception, Ctrl-C) cancels queued runs and kills running
worker processes.

Local: a ``concurrent.futures`` thread pool of ``workers`` threads (default ``os.cpu_count()``),
each driving one worker process at a time.

Dask: ``address`` connects to an existing scheduler (``distributed.Client(address)``); without it a
``LocalCluster`` of ``workers`` (default 2) single-threaded worker processes is started on
127.0.0.1. Each task calls :func:`cdnmesh.launcher.launch` on a Dask worker, so a crashing run
only takes its own subprocess down. On a cluster, start the scheduler and workers with::

    dask-scheduler --host 0.0.0.0 --port 8786                      # one machine
    PYTHONPATH=<repo>/analysis:<build>/pybind dask-worker tcp://HOST:8786 --nthreads <cores>

(every worker needs ``cdnmesh`` and ``_cdnmesh`` importable, and the scenario file at the same
path, e.g. on a shared file system; a scenario given as a dict travels with the task).
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

from . import launcher

Outcome = Dict[str, Any]


class LocalExecutor:
    """Runs worker processes from a pool of ``workers`` threads on this machine."""

    def __init__(self, workers: Optional[int] = None) -> None:
        self.workers = max(1, int(workers or os.cpu_count() or 1))
        self._pool: Optional[ThreadPoolExecutor] = None
        self._stopping = threading.Event()

    def __enter__(self) -> "LocalExecutor":
        self._pool = ThreadPoolExecutor(max_workers=self.workers,
                                        thread_name_prefix="cdnmesh-run")
        return self

    def __exit__(self, exc_type: Any, *rest: Any) -> None:
        assert self._pool is not None
        if exc_type is not None:
            self._stopping.set()
            self._pool.shutdown(wait=False, cancel_futures=True)
            launcher.kill_all()
        self._pool.shutdown(wait=True)

    def _launch(self, payload: Dict[str, Any], timeout_s: Optional[float]) -> Optional[Outcome]:
        """Runs one task unless the executor is being torn down."""
        if self._stopping.is_set():
            return None
        return launcher.launch(payload, timeout_s)

    def run(self, payloads: Sequence[Dict[str, Any]],
            timeout_s: Optional[float]) -> Iterator[Tuple[int, Outcome]]:
        """Yields (index, outcome) as runs finish."""
        assert self._pool is not None, "use LocalExecutor as a context manager"
        futures: Dict[Future, int] = {
            self._pool.submit(self._launch, payload, timeout_s): index
            for index, payload in enumerate(payloads)}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                try:
                    outcome = future.result()
                except Exception as error:  # noqa: BLE001 - e.g. the worker could not start
                    outcome = _failed_outcome(error)
                yield futures[future], outcome


def _failed_outcome(error: BaseException) -> Outcome:
    """Outcome for a task whose launch raised (worker not started, Dask worker lost)."""
    return {"status": launcher.STATUS_CRASHED, "exit_code": None, "wall_s": float("nan"),
            "stderr_tail": f"cdnmesh: launch failed: {type(error).__name__}: {error}",
            "result": None}


class DaskExecutor:
    """Runs worker processes through a Dask ``distributed`` cluster (existing or local)."""

    def __init__(self, workers: Optional[int] = None, address: Optional[str] = None) -> None:
        self.workers = workers
        self.address = address
        self._cluster: Any = None
        self._client: Any = None
        self._futures: List[Any] = []

    def __enter__(self) -> "DaskExecutor":
        from distributed import Client, LocalCluster

        if self.address:
            self._client = Client(self.address)
        else:
            self._cluster = LocalCluster(n_workers=int(self.workers or 2), threads_per_worker=1,
                                         processes=True, host="127.0.0.1",
                                         dashboard_address=None)
            self._client = Client(self._cluster)
        return self

    def __exit__(self, exc_type: Any, *rest: Any) -> None:
        if exc_type is not None and self._futures:
            self._client.cancel(self._futures)
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def run(self, payloads: Sequence[Dict[str, Any]],
            timeout_s: Optional[float]) -> Iterator[Tuple[int, Outcome]]:
        """Yields (index, outcome) as runs finish."""
        from distributed import as_completed

        index_of: Dict[str, int] = {}
        for index, payload in enumerate(payloads):
            future = self._client.submit(launcher.launch, payload, timeout_s, pure=False)
            index_of[future.key] = index
            self._futures.append(future)
        for future in as_completed(self._futures):
            try:
                outcome = future.result()
            except Exception as error:  # noqa: BLE001 - a lost worker is a crashed run
                outcome = _failed_outcome(error)
            yield index_of[future.key], outcome


def make_executor(kind: str, workers: Optional[int] = None,
                  address: Optional[str] = None) -> Any:
    """LocalExecutor for "local", DaskExecutor for "dask"."""
    if kind == "local":
        if address:
            raise ValueError("sweep: address is only used with executor='dask'")
        return LocalExecutor(workers)
    if kind == "dask":
        return DaskExecutor(workers, address)
    raise ValueError(f"sweep: unknown executor {kind!r} (expected 'local' or 'dask')")
