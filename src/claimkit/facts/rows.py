"""Row shapes of a fact, shared by the CLI (``claimkit facts``) and :func:`claimkit.spark.consolidate`.

:func:`fact_row` is the JSON row (the fact as ``model_dump(mode="json")``);
:func:`flat_fact_row` the flat row for CSV, Parquet and Spark: the key, unit, value
and status as columns, and the documents, distinct values and supporting claims as
JSON strings (``documents``, ``values``, ``claims``).
"""

from __future__ import annotations

import json
from typing import Any

from .model import Fact

FLAT_FACT_COLUMNS: dict[str, type] = {
    "company": str,
    "segment": str,
    "concept": str,
    "period": str,
    "change": str,
    "forecast": bool,
    "unit": str,
    "value": str,
    "low": str,
    "high": str,
    "qualifier": str,
    "status": str,
    "n_documents": int,
    "documents": str,
    "values": str,
    "claims": str,
}
"""The flat fact columns and their types: decimals are strings (exact); lists are JSON strings."""


def fact_row(fact: Fact) -> dict[str, Any]:
    """The JSON row of a fact (decimals as strings)."""
    return fact.model_dump(mode="json")


def flat_fact_row(fact: Fact) -> dict[str, Any]:
    """The flat row of a fact: :data:`FLAT_FACT_COLUMNS`."""
    data = fact.model_dump(mode="json")
    row = {name: data.get(name) for name in FLAT_FACT_COLUMNS}
    row["n_documents"] = len(fact.documents)
    for name in ("documents", "values", "claims"):
        row[name] = json.dumps(data[name], ensure_ascii=False, sort_keys=True)
    return row
