"""docs/python-api.md is generated from the docstrings and kept current."""

from __future__ import annotations

from cdnmesh import apidoc
from conftest import REPO_DIR


def test_the_api_reference_is_current(tmp_path):
    page = REPO_DIR / "docs" / "python-api.md"
    assert apidoc.main(["--check", str(page)]) == 0, \
        "docs/python-api.md is out of date: run python3 -m cdnmesh.apidoc docs/python-api.md"
    stale = tmp_path / "api.md"
    stale.write_text(page.read_text().replace("Runs one simulation", "Runs a simulation"))
    assert apidoc.main(["--check", str(stale)]) == 1
    assert "### `sweep(scenario" in page.read_text() and "### `load(path" in page.read_text()
