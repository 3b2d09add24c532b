"""Hostile input to the bindings: deep, cyclic and huge dicts, locales, runs over budget."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import cdnmesh
from conftest import REPO_DIR, SMALL_SWARM, subprocess_env


def test_a_deeply_nested_dict_is_a_config_error():
    # 20 000 levels used to overflow the C++ stack and kill the interpreter (SIGSEGV).
    deep = {}
    node = deep
    for _ in range(20_000):
        node["a"] = {}
        node = node["a"]
    with pytest.raises(cdnmesh.ConfigError, match="nested more than 64 levels deep"):
        cdnmesh.validate(deep)


def test_a_self_referencing_dict_is_a_config_error():
    scenario = {"run": {"duration_s": 30}}
    scenario["run"]["again"] = scenario
    with pytest.raises(cdnmesh.ConfigError, match=r"scenario\.run\.again.*: refers to itself"):
        cdnmesh.validate(scenario)


def test_a_self_referencing_override_value_is_a_config_error():
    value = []
    value.append(value)
    with pytest.raises(cdnmesh.ConfigError, match="refers to itself"):
        cdnmesh.validate(SMALL_SWARM, overrides={"stream.renditions": value})


def test_too_many_values_are_a_config_error():
    with pytest.raises(cdnmesh.ConfigError, match="more than 1000000 values"):
        cdnmesh.validate({"name": "x", "junk": list(range(1_000_001))})


def test_a_directory_is_not_a_scenario(tmp_path):
    with pytest.raises(cdnmesh.ConfigError, match="is a directory, not a scenario file"):
        cdnmesh.validate(tmp_path)


def test_a_run_over_budget_is_refused_unless_forced():
    crowd = {"audience": {"initial_viewers": 20_000_000}}
    with pytest.raises(cdnmesh.ConfigError, match="audience.initial_viewers"):
        cdnmesh.validate(crowd)
    assert cdnmesh.validate(crowd, force=True)["audience"]["initial_viewers"] == 20_000_000
    estimate = cdnmesh.estimate(crowd)
    assert estimate["viewers"] == 20_000_000 + 1000  # plus the default flash crowd
    assert estimate["memory_bytes"] > 1e11


_GERMAN = textwrap.dedent("""
    import locale, os, subprocess, sys, tempfile
    import cdnmesh
    base = tempfile.mkdtemp()
    subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8", base + "/de_DE.UTF-8"], check=True,
                   capture_output=True)
    os.environ["LOCPATH"] = base
    locale.setlocale(locale.LC_ALL, "de_DE.UTF-8")
    assert locale.localeconv()["decimal_point"] == ","
    for name in ("live-sports.yaml", "vod-catalog.yaml", "small-swarm.yaml"):
        cdnmesh.validate(os.path.join(sys.argv[1], "scenarios", name))
    try:
        cdnmesh.validate({"run": {"duration_s": "0,25"}})
        raise SystemExit("0,25 was accepted")
    except cdnmesh.ConfigError:
        pass
    r = cdnmesh.run(os.path.join(sys.argv[1], "scenarios", "small-swarm.yaml"),
                    overrides={"run.duration_s": 20, "run.timeseries_interval_s": 2.5})
    sys.stdout.write(r.timeseries.to_csv())
""")


def test_numbers_do_not_follow_the_process_locale():
    # With a German C locale, strtod rejected "0.25" and snprintf wrote "0,5" into the CSVs.
    german = subprocess.run([sys.executable, "-c", _GERMAN, str(REPO_DIR)], env=subprocess_env(),
                            capture_output=True, text=True, timeout=300)
    assert german.returncode == 0, german.stderr
    plain = cdnmesh.run(SMALL_SWARM, overrides={"run.duration_s": 20,
                                                "run.timeseries_interval_s": 2.5})
    assert german.stdout == plain.timeseries.to_csv()
    assert "2.5" in german.stdout
