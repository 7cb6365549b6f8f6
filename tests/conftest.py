"""Shared fixtures: the third-party gold data lives in ../shared (beside the checkout), never in the repo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold"
HELDOUT = ROOT / "tests" / "data" / "heldout"


def _require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available (CI has ../shared beside the checkout)")
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    return _require(GOLD / "seed.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_clean() -> str:
    return _require(GOLD / "seed.clean.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> list[dict]:
    lines = _require(GOLD / "seed.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def gold_documents(folder: Path) -> list[tuple[str, str, dict, list[dict]]]:
    """(id, text, meta, gold claims) for every document of a gold folder."""
    docs = []
    for jsonl in sorted(folder.glob("*.jsonl")):
        meta_path = jsonl.with_suffix(".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        gold = [json.loads(x) for x in jsonl.read_text(encoding="utf-8").splitlines() if x.strip()]
        docs.append((jsonl.stem, jsonl.with_suffix(".txt").read_text(encoding="utf-8"), meta, gold))
    return docs
