"""The package installs into a user's own environment (a venv seeing Debian's packages) with
pip and no index, and then runs sweeps without PYTHONPATH: the built extension is copied into
the package (pip install .) or found in the build tree (pip install -e .)."""

from __future__ import annotations

import os
import subprocess
import venv
from pathlib import Path

import pytest

import cdnmesh
from conftest import REPO_DIR, SMALL_SWARM

CHECK = f"""
import cdnmesh, sys
df = cdnmesh.sweep({str(SMALL_SWARM)!r}, grid={{"tracker.policy": ["random"]}}, seeds=2,
                   store="runs.db", overrides={{"run.duration_s": 20}}, progress=False)
assert list(df["status"]) == ["ok", "ok"], df
print(cdnmesh.__file__)
print(cdnmesh.api.native.__file__)
"""


def _build_dir() -> Path:
    """The build tree of the extension this test process uses."""
    return Path(cdnmesh.api.native.__file__).resolve().parent.parent


def _clean_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "CDNMESH_BUILD_DIR", "PYTHONHOME")}
    env.update(extra)
    return env


@pytest.mark.parametrize("editable", [False, True])
def test_pip_install_into_a_venv(tmp_path, editable):
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(tmp_path / "venv")
    python = tmp_path / "venv" / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "--no-build-isolation", "--no-deps",
               "--no-index", "--no-cache-dir", "--quiet"] + (["-e"] if editable else []) + \
        [str(REPO_DIR)]
    built = subprocess.run(install, capture_output=True, text=True, timeout=300,
                           env=_clean_env(CDNMESH_BUILD_DIR=str(_build_dir())))
    assert built.returncode == 0, built.stderr
    # Editable installs find the extension in the build tree: name it when it is not build/.
    extra = {"CDNMESH_BUILD_DIR": str(_build_dir())} if editable else {}
    ran = subprocess.run([str(python), "-c", CHECK], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120, env=_clean_env(**extra))
    assert ran.returncode == 0, ran.stderr
    package_file, native_file = ran.stdout.split()
    if editable:
        assert Path(package_file).is_relative_to(REPO_DIR / "analysis")
        assert Path(native_file).parent == _build_dir() / "pybind"
    else:
        assert Path(package_file).is_relative_to(tmp_path / "venv")
        assert Path(native_file).parent == Path(package_file).parent  # inside the package
