"""Claims of a Spark DataFrame: :func:`extract_claims` (one row per claim, through ``mapInPandas``);
their facts: :func:`consolidate` (a ``groupBy`` on the fact key).

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

__all__ = ["claim_schema", "consolidate", "extract_claims", "fact_schema"]

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

    Derived from :class:`claimkit.Claim`: integer fields are ``LongType``, ``forecast`` is
    ``BooleanType``, every other field (decimals included) is ``StringType``; all columns are nullable. ``id_type`` defaults
    to ``StringType``.
    """
    from pyspark.sql.types import BooleanType, LongType, StringType, StructField, StructType

    spark_type = {int: LongType(), str: StringType(), bool: BooleanType()}
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


# ---------------------------------------------------------------------------- facts

_KEY_COLUMNS = (
    "fact_company",
    "fact_segment",
    "fact_concept",
    "fact_period",
    "fact_change",
    "fact_forecast",
    "fact_unit",
)


def fact_schema() -> StructType:
    """The output schema of :func:`consolidate`: :data:`claimkit.facts.FLAT_FACT_COLUMNS`."""
    from pyspark.sql.types import BooleanType, LongType, StringType, StructField, StructType

    from .facts.rows import FLAT_FACT_COLUMNS

    spark_type = {int: LongType(), str: StringType(), bool: BooleanType()}
    return StructType([StructField(name, spark_type[kind], True) for name, kind in FLAT_FACT_COLUMNS.items()])


def _plain(value: Any) -> Any:
    """A pandas/numpy scalar as a plain Python value; Spark nulls as ``None``."""
    import pandas as pd

    if not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") and not isinstance(value, str | bytes) else value


def _claim_rows(pdf: pd.DataFrame, id_col: str, published_col: str | None) -> list[dict[str, Any]]:
    rows = []
    for record in pdf.to_dict("records"):
        row = {k: _plain(v) for k, v in record.items()}
        row["id"] = row.get(id_col)
        row["published"] = row.get(published_col) if published_col else None
        rows.append(row)
    return rows


def consolidate(claims_df: DataFrame, *, id_col: str = "id", published_col: str | None = None) -> DataFrame:
    """The facts of a DataFrame of claim rows (the output of :func:`extract_claims`), one row per fact.

    A ``groupBy`` on the fact key (computed per row on the executors: company, segment
    after its aliases, concept, period, change, forecast, unit), each group consolidated
    with the code of :func:`claimkit.consolidate`, so both give the same facts.
    ``published_col`` names a column with each document's publication date (join it from
    the documents). Columns: :func:`fact_schema`; rows whose claim is not consolidated
    (concept ``other``, no period) and error rows are left out.
    """
    import pandas as pd
    from pyspark.sql.types import BooleanType, StringType, StructField, StructType

    from .facts.consolidate import claim_of_row, fact_key
    from .facts.consolidate import consolidate as consolidate_claims
    from .facts.rows import FLAT_FACT_COLUMNS, flat_fact_row

    key_types = [StringType()] * 5 + [BooleanType(), StringType()]
    keyed_schema = StructType(
        [
            *claims_df.schema.fields,
            *(StructField(n, t, True) for n, t in zip(_KEY_COLUMNS, key_types, strict=True)),
        ]
    )

    def add_keys(batches: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for pdf in batches:
            keys = []
            for row in _claim_rows(pdf, id_col, published_col):
                key = None
                if row.get("error") is None and row.get("text") is not None:
                    key = fact_key(claim_of_row(row))
                keys.append(key if key is not None else (None,) * len(_KEY_COLUMNS))
            out = pdf.copy()
            for i, name in enumerate(_KEY_COLUMNS):
                out[name] = pd.Series([k[i] for k in keys], dtype=object, index=pdf.index)
            yield out

    def to_fact(pdf: pd.DataFrame) -> pd.DataFrame:
        facts = consolidate_claims(_claim_rows(pdf.drop(columns=list(_KEY_COLUMNS)), id_col, published_col))
        rows = [flat_fact_row(f) for f in facts]
        return pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=object) for c in FLAT_FACT_COLUMNS})

    keyed = claims_df.mapInPandas(add_keys, keyed_schema).where("fact_concept IS NOT NULL")
    return keyed.groupBy(*_KEY_COLUMNS).applyInPandas(to_fact, fact_schema())
