"""Sweep progress: a tqdm bar on a terminal or in Jupyter (``tqdm.auto``), plain lines on stderr
otherwise (a log file, CI, a pipe): one at the start, then at most one every
``CDNMESH_PROGRESS_INTERVAL_S`` seconds (default 5), and one at the end::

    matching: 12/84 runs (12 ok), 31 s elapsed, ETA 2.9 min

The ETA weighs each run by its estimated cost (``cdnmesh.estimate``: a 3 000-viewer run counts
for more than a 20-viewer one) when the sweep gives costs, else counts runs.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any, Dict, Mapping, Optional, TextIO

#: Seconds between two progress lines when stderr is not a terminal.
DEFAULT_INTERVAL_S = 5.0


def _interval_s() -> float:
    """CDNMESH_PROGRESS_INTERVAL_S, else the default; ValueError naming it when invalid."""
    text = os.environ.get("CDNMESH_PROGRESS_INTERVAL_S")
    if text is None:
        return DEFAULT_INTERVAL_S
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise ValueError(f"CDNMESH_PROGRESS_INTERVAL_S: {text!r} is not allowed; allowed: a "
                         "number of seconds >= 0")
    return value


def _in_notebook() -> bool:
    """True inside a Jupyter kernel (where tqdm.auto draws a widget)."""
    shell = sys.modules.get("IPython")
    get = getattr(shell, "get_ipython", None)
    return bool(get and get() is not None and "IPKernelApp" in get().config)


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.1f} min"


class LineProgress:
    """Progress as plain lines on a stream, throttled to one per ``interval_s``."""

    def __init__(self, total: int, desc: str, stream: TextIO, interval_s: float,
                 total_cost: Optional[float] = None) -> None:
        self.total, self.desc, self.stream, self.interval_s = total, desc, stream, interval_s
        self.total_cost = float(total_cost) if total_cost else float(total)
        self.done = 0
        self.done_cost = 0.0
        self.counts: Dict[str, int] = {}
        self._start_s = time.monotonic()
        self._last_s = -float("inf")
        self._print()

    def _print(self) -> None:
        elapsed_s = time.monotonic() - self._start_s
        counts = ", ".join(f"{n} {s}" for s, n in self.counts.items())
        line = f"{self.desc}: {self.done}/{self.total} runs"
        line += f" ({counts})" if counts else ""
        line += f", {_duration(elapsed_s)} elapsed"
        if 0 < self.done < self.total and self.done_cost > 0:
            remaining = max(0.0, self.total_cost - self.done_cost)
            line += f", ETA {_duration(elapsed_s / self.done_cost * remaining)}"
        print(line, file=self.stream, flush=True)
        self._last_s = time.monotonic()

    def update(self, counts: Mapping[str, int], cost: float = 1.0) -> None:
        """One more run finished; ``counts``: runs so far per status; ``cost``: its estimate
        (in the unit of ``total_cost``)."""
        self.done += 1
        self.done_cost += cost
        self.counts = dict(counts)
        if self.done == self.total or time.monotonic() - self._last_s >= self.interval_s:
            self._print()

    def close(self) -> None:
        """Nothing to release (the last line was printed by the last update)."""


class BarProgress:
    """A tqdm bar (tqdm.auto: a widget in Jupyter, text on a terminal)."""

    def __init__(self, total: int, desc: str) -> None:
        from tqdm.auto import tqdm

        self._bar = tqdm(total=total, unit="run", desc=desc)

    def update(self, counts: Mapping[str, int], cost: float = 1.0) -> None:
        self._bar.set_postfix(dict(counts), refresh=False)
        self._bar.update(1)

    def close(self) -> None:
        self._bar.close()


class NoProgress:
    """No output."""

    def update(self, counts: Mapping[str, int], cost: float = 1.0) -> None:
        pass

    def close(self) -> None:
        pass


def make_progress(total: int, desc: str, enabled: bool = True,
                  stream: Optional[TextIO] = None, total_cost: Optional[float] = None) -> Any:
    """The progress display for a sweep of ``total`` runs (of estimated ``total_cost``) on
    ``stream`` (default stderr)."""
    stream = stream or sys.stderr
    if not enabled or total == 0:
        return NoProgress()
    if _in_notebook() or (hasattr(stream, "isatty") and stream.isatty()):
        return BarProgress(total, desc)
    return LineProgress(total, desc, stream, _interval_s(), total_cost)
