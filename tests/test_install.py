"""Installs stay light and CI stays complete (issue 11, problem 6): extras, markers, .ci/run, README."""

from __future__ import annotations

import ast
import re
import tomllib

from .conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
EXTRAS = PYPROJECT["project"]["optional-dependencies"]
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!\[ ;]", r, maxsplit=1)[0].lower() for r in requirements}


def test_the_test_extra_does_not_pull_spark() -> None:
    assert not {"pyspark", "pandas"} & _names(EXTRAS["test"])
    assert {"pyspark", "pandas", "pyarrow"} <= _names(EXTRAS["spark"])
    assert not {"pyspark", "pandas"} & _names(PYPROJECT["project"]["dependencies"])


def test_spark_tests_are_marked_and_ci_runs_them() -> None:
    tree = ast.parse((ROOT / "tests" / "test_spark.py").read_text(encoding="utf-8"))
    marks = next(
        ast.unparse(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "pytestmark" for t in node.targets)
    )
    assert "pytest.mark.spark" in marks
    assert any(m.startswith("spark:") for m in PYPROJECT["tool"]["pytest"]["ini_options"]["markers"])
    assert "pip install -q -e '.[test,spark]'" in CI and re.search(r"^python -m pytest -q$", CI, re.M)
    assert "-m 'not spark'" not in CI and "not spark" not in CI


def test_ci_installs_chromium_and_a_cjk_font() -> None:
    assert "chromium" in CI and "fonts-noto-cjk" in CI and "fc-list :lang=zh" in CI


def test_readme_says_how_to_run_the_tests_and_get_the_shared_data() -> None:
    assert "pip install -e '.[test]' && python -m pytest" in README
    assert "pip install -e '.[test,spark]'" in README
    section = README[README.index("**The shared data (`../shared`).**") :]
    assert "ln -s /path/to/shared ../shared" in section and "skip" in section
