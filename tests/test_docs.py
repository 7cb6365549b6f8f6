"""The documentation stays true: generated pages match the code."""

from __future__ import annotations

import importlib.util

from .conftest import ROOT


def test_claim_page_matches_the_model() -> None:
    spec = importlib.util.spec_from_file_location("gen_claims", ROOT / "docs" / "gen_claims.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    page = (ROOT / "docs" / "claims.md").read_text(encoding="utf-8")
    assert page == module.render(), "docs/claims.md is stale: run python docs/gen_claims.py"


def test_resource_files_are_documented() -> None:
    readme = (ROOT / "src" / "claimkit" / "resources" / "README.md").read_text(encoding="utf-8")
    for path in (ROOT / "src" / "claimkit" / "resources").iterdir():
        if path.suffix in (".tsv", ".txt"):
            assert path.name in readme, f"{path.name} is not listed in resources/README.md"
            assert path.read_text(encoding="utf-8").startswith("#"), f"{path.name} has no header comment"


def test_quickstart_python_blocks_run(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """docs/quickstart.md's Python blocks run, in order, from the repo root."""
    import re

    monkeypatch.chdir(ROOT)
    text = (ROOT / "docs" / "quickstart.md").read_text(encoding="utf-8")
    namespace: dict[str, object] = {}
    for block in re.findall(r"```python\n(.*?)```", text, re.S):
        exec(compile(block, "docs/quickstart.md", "exec"), namespace)
    assert namespace["extractor"]("青柠一号销量同比增长20%。").claims[0].company == "Lanting Tea"  # type: ignore[operator]
