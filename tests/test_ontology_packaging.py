"""The ontology and the shapes ship inside the wheel as kg/ontology/ (pyproject.toml force-include)
and kg.resources.ontology_path finds them in a checkout and in an installed wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kg.resources import ontology_path

ROOT = Path(__file__).resolve().parent.parent
FILES = ("lg.ttl", "shapes.ttl")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    [whl] = out.glob("kg-*.whl")
    return whl


@pytest.mark.parametrize("name", FILES)
def test_ontology_packaging_checkout_path_resolves(name):
    path = ontology_path(name)
    assert path.is_file() and path.read_bytes() == (ROOT / "ontology" / name).read_bytes()


def test_ontology_packaging_wheel_contains_ontology(wheel):
    with zipfile.ZipFile(wheel) as z:
        for name in FILES:
            assert z.read(f"kg/ontology/{name}") == (ROOT / "ontology" / name).read_bytes()
        assert "kg/rdf/validate.py" in z.namelist() and "kg/commands/validate.py" in z.namelist()


def test_ontology_packaging_installed_wheel_finds_and_uses_them(wheel, tmp_path):
    target = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                           str(target), str(wheel)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    script = ("import kg.resources as r; from kg.rdf.validate import shapes_graph;"
              "print(r.ontology_path('lg.ttl')); print(r.ontology_path('shapes.ttl')); print(len(shapes_graph()))")
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                         cwd=tmp_path, timeout=300)
    assert run.returncode == 0, run.stderr
    lg, shapes, count = run.stdout.split()
    assert Path(lg) == target / "kg" / "ontology" / "lg.ttl"
    assert Path(shapes) == target / "kg" / "ontology" / "shapes.ttl"
    assert int(count) > 200
