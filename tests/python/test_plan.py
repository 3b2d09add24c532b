"""Sweep planning: grids, seeds, canonical parameters and the scenario hash."""

from __future__ import annotations

import pytest

from cdnmesh.plan import (canonical_json, expand_grid, identify_tasks, normalize_seeds,
                          plan_tasks, scenario_hash)


def test_expand_grid_is_the_cartesian_product_in_order():
    points = expand_grid({"a": [1, 2], "b": ["x", "y", "z"]})
    assert len(points) == 6
    assert points[0] == {"a": 1, "b": "x"} and points[-1] == {"a": 2, "b": "z"}
    assert expand_grid({}) == [{}] and expand_grid(None) == [{}]
    with pytest.raises(ValueError, match="b"):
        expand_grid({"b": "not-a-list"})


def test_seeds():
    assert normalize_seeds(3) == [1, 2, 3]
    assert normalize_seeds([5, 2, 5]) == [5, 2]
    with pytest.raises(ValueError):
        normalize_seeds(0)


def test_canonical_json_and_hash_ignore_key_order():
    assert canonical_json({"b": 1, "a": [1, 2]}) == '{"a":[1,2],"b":1}'
    assert scenario_hash({"x": {"b": 1, "a": 2}}) == scenario_hash({"x": {"a": 2, "b": 1}})
    assert scenario_hash({"x": 1}) != scenario_hash({"x": 2})
    assert scenario_hash({"run": {"seed": 1, "a": 2}}) == scenario_hash({"run": {"seed": 9, "a": 2}})


def test_plan_with_baseline_over_a_grid_key():
    tasks = plan_tasks("/s.yaml", {"run.duration_s": 30},
                       {"tracker.policy": ["random", "hybrid"],
                        "audience.initial_viewers": [5, 50]},
                       [1, 2], baseline={"p2p.enabled": False},
                       baseline_over=["audience.initial_viewers"])
    regular = [t for t in tasks if not t.baseline]
    baseline = [t for t in tasks if t.baseline]
    assert len(regular) == 8 and len(baseline) == 4
    assert baseline[0].params == {"audience.initial_viewers": 5, "p2p.enabled": False}
    payload = regular[0].payload()
    assert payload["overrides"] == {"run.duration_s": 30, "tracker.policy": "random",
                                    "audience.initial_viewers": 5}
    assert payload["seed"] == 1 and payload["scenario"] == "/s.yaml"
    with pytest.raises(ValueError, match="baseline_over"):
        plan_tasks("/s.yaml", {}, {"a": [1]}, [1], {"p2p.enabled": False}, ["b"])


def _fake_resolve(overrides):
    """A resolver standing in for the simulator: a bad policy is a config error; defaults
    written out resolve like unset ones."""
    if overrides.get("tracker.policy") == "bogus":
        return None, "tracker.policy: bogus"
    scenario = {"run": {"duration_s": 60, "seed": 1}, "tracker": {"policy": "random"}}
    for key, value in overrides.items():
        section, name = key.split(".")
        scenario.setdefault(section, {})[name] = value
    return scenario, None


def test_identity_covers_every_override_and_the_code_version():
    def identify(fixed, grid, version="v1"):
        planned = plan_tasks("/s.yaml", fixed, grid, [1])
        return identify_tasks(planned, _fake_resolve, "file:abc", version)[0]

    short, long_ = identify({"run.duration_s": 30}, None)[0], identify({"run.duration_s": 40},
                                                                        None)[0]
    assert short.params_json == long_.params_json == "{}"
    assert short.key != long_.key and short.request_hash != long_.request_hash
    same = identify({}, {"tracker.policy": ["random"], "run.duration_s": [60]})[0]
    assert same.scenario_hash == identify({}, None)[0].scenario_hash  # defaults spelt out
    newer = identify({"run.duration_s": 30}, None, version="v2")[0]
    assert newer.key != short.key and newer.request_hash == short.request_hash
    bad = identify({}, {"tracker.policy": ["bogus"]})[0]
    assert bad.scenario_hash == f"invalid-{bad.request_hash}"
