"""Confidence intervals over seeds respect each metric's range (logit / log scale) and match
Student's t where the metric is unbounded."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from cdnmesh.stats import format_interval, interval, mean_ci, t975


def _ci(values, lo=None, hi=None):
    values = np.asarray(values, dtype=float)
    return interval(values.mean(), values.std(ddof=1), len(values), lo, hi)


def test_ratio_intervals_stay_in_the_unit_interval():
    rng = np.random.default_rng(7)
    for _ in range(500):
        n = int(rng.integers(2, 6))
        centre = rng.choice([0.001, 0.02, 0.5, 0.98, 0.999])
        values = np.clip(rng.normal(centre, rng.choice([0.01, 0.3]), n), 0, 1)
        low, high = _ci(values, 0.0, 1.0)
        assert 0.0 <= low <= values.mean() <= high <= 1.0
    # Two seeds far apart: Student's t alone gives -0.5..1.5 here.
    mean = 0.5
    assert mean - t975(1) * math.sqrt(0.18) / math.sqrt(2) < -0.5
    low, high = _ci([0.2, 0.8], 0.0, 1.0)
    assert 0.0 <= low < 0.2 and 0.8 < high <= 1.0


def test_positive_metrics_stay_positive_and_unbounded_ones_are_student_t():
    low, high = _ci([0.001, 0.3, 0.002], 0.0, None)
    assert 0.0 < low < high
    values = [1.0, -2.0, 4.0, 0.5]
    half = sps.t.ppf(0.975, 3) * np.std(values, ddof=1) / 2
    assert _ci(values) == pytest.approx((np.mean(values) - half, np.mean(values) + half))


def test_degenerate_groups():
    assert all(math.isnan(v) for v in interval(0.3, float("nan"), 1, 0.0, 1.0))
    assert _ci([0.0, 0.0, 0.0], 0.0, 1.0) == (0.0, 0.0)
    assert t975(1) == pytest.approx(12.706, abs=1e-3) and math.isnan(t975(0))


def test_mean_ci_takes_the_range_from_the_catalogue():
    df = pd.DataFrame({"g": ["a", "a", "b", "b"], "offload_ratio": [0.01, 0.9, 0.5, None]})
    out = mean_ci(df, ["g"], "offload_ratio")
    assert list(out["g"]) == ["a", "b"] and list(out["n"]) == [2, 1]
    assert 0 <= out["low"].iloc[0] and out["high"].iloc[0] <= 1
    assert math.isnan(out["low"].iloc[1])


def test_format_interval():
    assert format_interval(0.7134, 0.5211, 0.8502, 100) == "71.3 [52.1, 85.0]"
    assert format_interval(0.15, float("nan"), float("nan")) == "0.150"
    assert format_interval(float("nan"), 0, 0) == "n/a"
