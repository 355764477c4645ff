"""notebooks/explore.ipynb runs top to bottom without an error (issue 5).

Executed with nbclient on the venv's own python3 kernel, against a graph of the seed and of
tests/fixtures/years (two invented articles: 优良天数 of two places in 2023 and 2024), built into a
temporary folder (ENVKG_GRAPH), so the run never writes into out/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


YEARS = Path(__file__).resolve().parent / "fixtures" / "years"


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    from conftest import SEED

    from kg.build import build

    out = tmp_path_factory.mktemp("notebook-graph")
    build([SEED, YEARS], out, page=False, validate=False)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ENVKG_GRAPH", str(out / "graph.ttl"))
        patch.setenv("MPLCONFIGDIR", str(tmp_path_factory.mktemp("mpl")))
        client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                         resources={"metadata": {"path": str(NOTEBOOK.parent)}})
        client.execute()
    return notebook


def outputs(notebook):
    return [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.get("outputs", [])]


def test_no_cell_errored(executed):
    errors = [out for out in outputs(executed) if out.output_type == "error"]
    assert not errors, "\n".join(f"{e.ename}: {e.evalue}" for e in errors)
    assert all(cell.get("execution_count") for cell in executed.cells if cell.cell_type == "code")


def test_shows_tables_and_a_plot(executed):
    data = [out.get("data", {}) for out in outputs(executed)]
    tables = [d["text/html"] for d in data if "text/html" in d]
    assert len(tables) >= 6
    assert any("首违不罚+警示教育" in table for table in tables)
    assert any("image/png" in d for d in data)


def test_notebook_holds_no_logic():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    assert "def " not in code and "class " not in code and "for " not in code.replace("for q in", "")
    assert "from kg." in code
    assert not any(cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")  # stored clean


def test_uses_the_observations_table_for_a_plot_across_years_and_places(executed):
    code = "\n".join(cell.source for cell in executed.cells if cell.cell_type == "code")
    assert "observation_rows(store)" in code and "pivot_table" in code
    cell = next(c for c in executed.cells if c.cell_type == "code" and "pivot_table" in c.source)
    data = [out.get("data", {}) for out in cell.get("outputs", [])]
    assert any("image/png" in d for d in data) and any("text/html" in d for d in data)


def test_the_plot_is_of_one_indicator_over_several_years_and_places(executed):
    cell = next(c for c in executed.cells if c.cell_type == "code" and "pivot_table" in c.source)
    [table] = [out["data"]["text/html"] for out in cell.get("outputs", []) if "text/html" in out.get("data", {})]
    assert "高平市" in table and "阳城县" in table  # one line per place
    assert [year for year in ("2023", "2024", "2025") if f"<th>{year}</th>" in table] == ["2023", "2024", "2025"]
