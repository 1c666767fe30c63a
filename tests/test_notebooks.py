"""The notebooks in notebooks/ (issue #7): each runs top to bottom in a fresh kernel, and each is
committed without outputs.

The kernels run headless with nbclient. Jupyter, IPython and matplotlib keep their files in
temporary folders (not under $HOME), matplotlib draws with Agg, and ``KG_CORPUS`` is unset, so
02_analysis.ipynb analyses the bundled sample page.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # executed notebooks: the full suite (the README's command) runs it

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
EXPECTED = ("01_quickstart.ipynb", "02_analysis.ipynb", "03_triple_store.ipynb")
CELL_TIMEOUT = 600  # seconds; each notebook takes well under a minute on the sample
CLEAR_HINT = ("commit notebooks without outputs: `jupyter nbconvert --clear-output --inplace "
              "notebooks/*.ipynb`, or Edit > Clear Outputs of All Cells before saving (see README, Notebooks)")


def test_the_three_notebooks_are_there():
    assert set(EXPECTED) <= {p.name for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_notebook_carries_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    dirty = [
        f"cell {i} ({'outputs' if cell.outputs else 'execution_count'})"
        for i, cell in enumerate(nb.cells, start=1)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, f"{path.name}: {', '.join(dirty)} not cleared; {CLEAR_HINT}"


@pytest.fixture(scope="module")
def kernel_env(tmp_path_factory):
    """Environment for the notebook kernels: Jupyter, IPython and matplotlib files, temporary
    folders made by the notebooks and kg's jieba cache, all in a temporary folder."""
    root = tmp_path_factory.mktemp("notebook-kernels")
    folders = {name: root / name.lower() for name in
               ("JUPYTER_RUNTIME_DIR", "JUPYTER_DATA_DIR", "IPYTHONDIR", "MPLCONFIGDIR", "TMPDIR")}
    for folder in folders.values():
        folder.mkdir()
    env = {key: str(folder) for key, folder in folders.items()}
    env.update(JUPYTER_PLATFORM_DIRS="1", MPLBACKEND="Agg", KG_FIGURES=str(root / "figures"),
               KG_CACHE_DIR=os.environ.get("KG_CACHE_DIR") or str(root / "kg-cache"))
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        for key in ("KG_CORPUS", "KG_BUILD_DIR", "KG_JOBS"):
            mp.delenv(key, raising=False)
        yield root


def execute(path: Path) -> nbformat.NotebookNode:
    """Run *path* in a fresh python3 kernel; nbclient raises CellExecutionError on any error."""
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS_DIR)}})
    client.execute()
    return nb


def text_of(nb) -> str:
    """Everything the cells printed (stream outputs and plain-text results)."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                parts.append(out.text)
            elif "data" in out and "text/plain" in out.data:
                parts.append(out.data["text/plain"])
    return "\n".join(parts)


def test_quickstart_runs(kernel_env):
    nb = execute(NOTEBOOKS_DIR / "01_quickstart.ipynb")
    printed = text_of(nb)
    assert "徐光文主持召开区委常委会会议" in printed  # an article title
    assert "does not conform" in printed and ", conforms" in printed  # the broken and the real graph
    html = [out for cell in nb.cells for out in cell.get("outputs", [])
            if "data" in out and "text/html" in out.data]
    assert len(html) == 2 and all("<iframe srcdoc=" in out.data["text/html"] for out in html)


def test_analysis_runs_on_the_sample(kernel_env):
    nb = execute(NOTEBOOKS_DIR / "02_analysis.ipynb")
    assert "the bundled sample page" in text_of(nb)
    images = [out for cell in nb.cells for out in cell.get("outputs", [])
              if "data" in out and "image/png" in out.data]
    assert len(images) >= 3  # events per month, chairs, policies (the sample has no co-participants)
    saved = {p.name for p in (kernel_env / "figures").glob("*.png")}
    assert {"events_per_month.png", "chairs_by_meeting_kind.png", "policies_over_time.png"} <= saved


def test_triple_store_runs_and_stops_its_server(kernel_env):
    nb = execute(NOTEBOOKS_DIR / "03_triple_store.ipynb")
    stopped = re.search(r"server pid (\d+) stopped", text_of(nb))
    assert stopped, "the last cell did not report the server stopped"
    pid = int(stopped.group(1))
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_any_other_notebook_runs(kernel_env):
    for path in NOTEBOOKS:
        if path.name not in EXPECTED:
            execute(path)
