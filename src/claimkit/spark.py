"""Claims of a Spark DataFrame: :func:`extract_claims` (one row per claim, through ``mapInPandas``).

pyspark and pandas are imported only when these functions run (``pip install 'claimkit[spark]'``),
so ``import claimkit`` never needs them. Each executor's Python worker loads the pipeline
once (a module-level cache) and reuses it for every partition it processes.

The output columns are the document id (with the input's type), the flat claim columns
of :data:`claimkit.batch.FLAT_COLUMNS` and ``error``. Decimals (``value``, ``low``,
``high``) are strings, exact and lossless (``DecimalType(38, 10)`` would round values
with more than ten decimals and overflow past 10**28); cast them where you need numbers.
A document that fails gives one row with ``error`` set and every claim column null; a
document without claims gives no row.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .batch import FLAT_COLUMNS, extract_many, flat_row

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame
    from pyspark.sql.types import DataType, StructType

__all__ = ["claim_schema", "extract_claims"]

_pipelines: dict[str, Any] = {}  # per Python worker process: extra_companies (as JSON) -> pipeline


def _pipeline(extra_companies: list[dict[str, Any]] | None) -> Any:
    key = json.dumps(extra_companies, sort_keys=True, ensure_ascii=False)
    if key not in _pipelines:
        from .api import default_extractor
        from .claims.extractor import Extractor

        _pipelines[key] = (
            Extractor(extra_companies=extra_companies) if extra_companies else default_extractor()
        )
    return _pipelines[key]


def claim_schema(id_type: DataType | None = None) -> StructType:
    """The output schema of :func:`extract_claims`: ``id``, the flat claim columns, ``error``.

    Derived from :class:`claimkit.Claim`: integer fields are ``LongType``, every other field
    (decimals included) is ``StringType``; all columns are nullable. ``id_type`` defaults
    to ``StringType``.
    """
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    spark_type = {int: LongType(), str: StringType()}
    return StructType(
        [
            StructField("id", id_type if id_type is not None else StringType(), True),
            *(StructField(name, spark_type[kind], True) for name, kind in FLAT_COLUMNS.items()),
            StructField("error", StringType(), True),
        ]
    )


def _nulls(values: list[Any]) -> list[Any]:
    """Spark nulls as ``None`` (pandas hands them over as ``None``, ``NaN``, ``NaT`` or ``pd.NA``)."""
    import pandas as pd

    return [
        None if not isinstance(v, str) and pd.api.types.is_scalar(v) and pd.isna(v) else v for v in values
    ]


def _rows_of(
    batches: Iterable[pd.DataFrame],
    text_col: str,
    id_col: str,
    published_col: str | None,
    published: str | None,
    extra_companies: list[dict[str, Any]] | None,
    max_chars: int | None = None,
    max_seconds: float | None = None,
) -> Iterator[pd.DataFrame]:
    import pandas as pd

    nlp = _pipeline(extra_companies)
    columns = ["id", *FLAT_COLUMNS, "error"]
    for pdf in batches:
        ids = _nulls(pdf[id_col].tolist())
        texts = _nulls(pdf[text_col].tolist())
        dates = _nulls(pdf[published_col].tolist()) if published_col else [None] * len(pdf)
        docs = ({"id": i, "text": t, "published": p} for i, t, p in zip(ids, texts, dates, strict=True))
        rows: list[dict[str, Any]] = []
        results = extract_many(
            docs, published=published, nlp=nlp, max_chars=max_chars, max_seconds=max_seconds
        )
        for doc_id, result in zip(ids, results, strict=True):
            if result.error is not None:
                rows.append({"id": doc_id, "error": result.error})
            rows.extend(flat_row(doc_id, claim) for claim in result.claims)
        yield pd.DataFrame({c: pd.Series([r.get(c) for r in rows], dtype=object) for c in columns})


def extract_claims(
    df: DataFrame,
    *,
    text_col: str = "text",
    id_col: str = "id",
    published_col: str | None = None,
    published: str | None = None,
    extra_companies: Iterable[Mapping[str, object]] | None = None,
    max_chars: int | None = None,
    max_seconds: float | None = None,
) -> DataFrame:
    """One row per claim of every document in ``df``, computed on the executors with ``mapInPandas``.

    ``published_col`` names a date, timestamp or ISO-string column with each document's
    publication date; ``published`` (an ISO date) is the default for documents without
    one. The ``id`` column keeps the type of ``id_col``. The result equals
    :func:`claimkit.extract_many` row for row: ``flat_row(id, claim)`` for each claim, plus
    an ``error`` row for each failed document (see :func:`claim_schema`).

    ``max_chars`` and ``max_seconds`` are the per-document budget of
    :func:`claimkit.extract_many` (default: none): a longer or slower document becomes an
    ``error`` row instead of holding the task.
    """
    from .batch import Budget
    from .periods.resolve import as_date

    pub = as_date(published)  # fail on the driver, not in every task
    Budget(max_chars, max_seconds).check()
    pub_iso = pub.isoformat() if pub else None
    extra = [dict(c) for c in extra_companies] if extra_companies else None
    cols = [id_col, text_col] + ([published_col] if published_col else [])
    schema = claim_schema(df.schema[id_col].dataType)

    def run(batches: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        return _rows_of(batches, text_col, id_col, published_col, pub_iso, extra, max_chars, max_seconds)

    return df.select(*cols).mapInPandas(run, schema)
