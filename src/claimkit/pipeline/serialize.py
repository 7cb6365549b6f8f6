"""msgpack encoders for claimkit's Doc data, so that ``Doc.to_bytes`` and ``nlp.pipe(n_process=2)`` work.

spaCy serialises ``doc.user_data`` (which holds ``doc._.*`` values) with srsly's msgpack; srsly
chains every encoder registered in its ``msgpack_encoders`` registry. claimkit registers one
encoder and one decoder for its own records: the cleaning map, raw readings, mentions and claims.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import srsly

from ..attribution.mentions import Mention
from ..attribution.structure import Structure
from ..claims.model import Claim
from ..cleaning.model import Cleaned, Gloss, Region
from ..periods.grammar import RawPeriod
from ..quantities.grammar import Raw

_TAG = "__claimkit__"
_DATACLASSES = {cls.__name__: cls for cls in (Region, Raw, RawPeriod, Mention)}


def encode(obj: Any, chain=None):  # type: ignore[no-untyped-def]
    """srsly msgpack encoder: claimkit records as tagged dicts, anything else down the chain."""
    if isinstance(obj, Decimal):
        return {_TAG: "Decimal", "v": str(obj)}
    if isinstance(obj, Claim):
        return {_TAG: "Claim", "v": obj.model_dump(mode="json")}
    if isinstance(obj, Cleaned):
        return {_TAG: "Cleaned", "v": {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}}
    if isinstance(obj, Structure):
        return {_TAG: "Structure", "v": obj.text}
    name = type(obj).__name__
    if name in _DATACLASSES and isinstance(obj, _DATACLASSES[name]):
        return {_TAG: name, "v": {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}}
    return obj if chain is None else chain(obj)


def decode(obj: Any, chain=None):  # type: ignore[no-untyped-def]
    """srsly msgpack decoder, the inverse of :func:`encode`."""
    tag = obj.get(_TAG) if isinstance(obj, dict) else None
    if tag is None:
        return obj if chain is None else chain(obj)
    value = obj["v"]
    if tag == "Decimal":
        return Decimal(value)
    if tag == "Claim":
        return Claim.model_validate(value)
    if tag == "Structure":
        return Structure(value)
    if tag == "Cleaned":
        fields = dict(value)
        fields["glosses"] = tuple(Gloss(*g) for g in fields["glosses"])
        fields["regions"] = tuple(fields["regions"])
        for key in ("_cut_start", "_cut_end", "_cut_clean", "_cut_total", "_region_starts"):
            fields[key] = tuple(fields[key])
        return Cleaned(**fields)
    cls = _DATACLASSES[tag]
    fields = {k: tuple(v) if isinstance(v, list) and k == "repeat_of" else v for k, v in value.items()}
    if tag == "Region" and fields.get("repeat_of") is not None:
        fields["repeat_of"] = tuple(fields["repeat_of"])
    return cls(**fields)


srsly.msgpack_encoders.register("claimkit", func=encode)
srsly.msgpack_decoders.register("claimkit", func=decode)
