"""RunResult: the outcome of one simulation run, with its tables as pandas DataFrames."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional

if TYPE_CHECKING:  # pandas is imported lazily: worker processes must start fast
    import pandas as pd


def csv_to_frame(csv_text: str) -> "pd.DataFrame":
    """Parses CSV text into a DataFrame (an empty frame for empty text). Only an empty field is
    missing (an undefined value, NaN): names such as "NA" or "null" stay text."""
    import pandas as pd

    if not csv_text.strip():
        return pd.DataFrame()
    return pd.read_csv(io.StringIO(csv_text), keep_default_na=False, na_values=[""])


class RunResult:
    """One run: ``summary`` (dict), ``metrics`` (dict), ``timeseries`` and ``peers`` (DataFrames).

    The CSV texts are kept as given and parsed on first access.
    """

    def __init__(self, summary: Dict[str, Any], timeseries_csv: str = "", peers_csv: str = "",
                 wall_seconds: float = float("nan")) -> None:
        self.summary: Dict[str, Any] = summary
        self.timeseries_csv: str = timeseries_csv
        self.peers_csv: str = peers_csv
        self.wall_seconds: float = float(wall_seconds)
        self._timeseries: Optional["pd.DataFrame"] = None
        self._peers: Optional["pd.DataFrame"] = None

    @classmethod
    def from_native(cls, raw: Mapping[str, Any]) -> "RunResult":
        """Builds a result from the dict returned by ``_cdnmesh.run``."""
        return cls(summary=dict(raw["summary"]), timeseries_csv=raw.get("timeseries_csv", ""),
                   peers_csv=raw.get("peers_csv", ""),
                   wall_seconds=raw.get("wall_seconds", float("nan")))

    @property
    def metrics(self) -> Dict[str, Any]:
        """Summary metrics (offload_ratio, rebuffer_ratio, ...), named as in summary.json."""
        return self.summary.get("metrics", {})

    @property
    def scenario(self) -> Dict[str, Any]:
        """The resolved scenario the run used."""
        return self.summary.get("scenario", {})

    @property
    def seed(self) -> Optional[int]:
        """Seed of the run."""
        return self.summary.get("seed")

    @property
    def timeseries(self) -> "pd.DataFrame":
        """Per-interval table (start_s, end_s, viewers, cdn_egress_bps_<pop>..., p2p_bps, stalls, ...)."""
        if self._timeseries is None:
            self._timeseries = csv_to_frame(self.timeseries_csv)
        return self._timeseries

    @property
    def peers(self) -> "pd.DataFrame":
        """Per-viewer table (one row per viewer)."""
        if self._peers is None:
            self._peers = csv_to_frame(self.peers_csv)
        return self._peers

    def __repr__(self) -> str:
        name = self.summary.get("scenario_name", "?")
        offload = self.metrics.get("offload_ratio", float("nan"))
        return (f"RunResult({name!r}, seed={self.seed}, offload_ratio={offload:.3f}, "
                f"wall_seconds={self.wall_seconds:.2f})")
