"""Ablation: does claimkit's own pkuseg model pay for its cost as the metric cutter?

    python -m benchmarks.ablation_pkuseg              # from the repo root
    python -m benchmarks.ablation_pkuseg --chars 200000 --json /tmp/ablation.json

Two pipelines are compared on every gold folder (the seed ``../shared/gold``, the dev set
``../shared/gold/dev`` and the project's held-out set ``tests/data/heldout``):

* ``rules``: the default ``claimkit.load()``, metric cut by ``claims.metric.strip_metric``;
* ``pkuseg``: ``claimkit.load(metric="pkuseg")``, metric cut on words of the shipped model
  (``attribution.wordseg.metric_with_words``).

Predicted claims are matched to gold claims by span overlap, one to one, exactly as the
shared scorer does. Metric quality is measured on the matched claims whose gold ``metric``
is not null: the exact-match rate and a character-level F1 (multiset overlap of characters;
a missing metric scores 0). The shared scorer's strict F1 is reported too, to show that
nothing but the metric changes. Cost: throughput of ``extract`` on the seed repeated to
``--chars`` characters (one call, best of ``--repeat``) and on every gold document as its
own call (where the cutter really runs), the cutter's time per call, the model's cold
load time in a fresh interpreter (``spacy_pkuseg`` import included) and its size on disk.

A fourth folder, ``tests/data/heldout2``, is scored when present: written later, never used
to tune the word lists (the cutter's lists were shaped on seed and dev errors, with a look
at the first held-out set's), it is the fairest estimate of the gain.

Result (CPython 3.11, 2 cores; model from ``training/pkuseg/train.py``)::

    folder   config  claims  exact  charF1 strictF1
    seed     rules       31  0.387   0.744    1.000
    seed     pkuseg      31  0.516   0.754    1.000
    dev      rules      204  0.480   0.747    1.000
    dev      pkuseg     204  0.662   0.822    1.000
    heldout  rules      408  0.495   0.768    0.935
    heldout  pkuseg     408  0.659   0.830    0.935
    heldout2 rules      367  0.436   0.716    0.927
    heldout2 pkuseg     367  0.512   0.762    0.927

    throughput, seed repeated (one call), 1,000,665 chars: rules 1,614,469 chars/s, pkuseg 1,616,737 chars/s (+0.1%)
    throughput, gold documents (one call each), 25,119 chars: rules 217,923 chars/s, pkuseg 170,977 chars/s (-21.5%)
    metric cutter per call (437 distinct engine segments): rules 17.5 us, pkuseg 63.4 us
    model: 0.67 MB on disk, cold load 0.19 s

Conclusion: it pays for its cost. Metric exact match rises on every folder (+8 points on
the untuned heldout2, +13 to +18 elsewhere) and character F1 with it, while strict F1 (value,
unit, period, company, speaker) does not move. The price: a 0.67 MB model, a one-off load of
about 0.15 s, and about 50 us per claim, i.e. roughly a fifth of throughput when every
document is new (the seed repeated to 1 MB hides this: the engine extracts a repeated
passage once, so that run cuts only 31 metrics). It stays opt-in (``metric="pkuseg"``)
because the default pipeline's speed matters for bulk runs. Exact match stays low in
absolute terms because many gold metrics name what the clause leaves out: the product or
unit that the engine cuts away as an entity (阿里云收入 -> 收入, 茅台酒营收 -> 酒营收).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ._harness import make_corpus

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FOLDERS = {
    "seed": SHARED / "gold",
    "dev": SHARED / "gold" / "dev",
    "heldout": ROOT / "tests" / "data" / "heldout",
}
# a later held-out set that nobody tuned on (the cutter's word lists never saw its errors); used when present
OPTIONAL = {"heldout2": ROOT / "tests" / "data" / "heldout2"}
SCORER = SHARED / "tools" / "score_claims.py"
CONFIGS = ("rules", "pkuseg")


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_claims", SCORER)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _documents(folder: Path) -> list[tuple[str, dict[str, Any], list[dict[str, Any]]]]:
    docs = []
    for gold_file in sorted(folder.glob("*.jsonl")):
        text = (folder / f"{gold_file.stem}.txt").read_text(encoding="utf-8")
        meta_path = folder / f"{gold_file.stem}.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        gold = [
            json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
        docs.append((text, meta, gold))
    return docs


def char_f1(pred: str | None, gold: str) -> float:
    """Character-level F1 of two phrases (multiset overlap); ``None`` scores 0."""
    if not pred:
        return 0.0
    common = sum((Counter(pred) & Counter(gold)).values())
    return 2 * common / (len(pred) + len(gold)) if common else 0.0


def evaluate(nlp: Any, folder: Path, scorer: Any) -> dict[str, float | int]:
    """Metric exact rate and char F1 over matched claims with a gold metric, and the scorer's strict F1."""
    import claimkit

    cache: dict[str, Any] = {}

    def extract(text: str, published: str | None = None) -> Any:
        if text not in cache:
            cache[text] = claimkit.extract(text, published=published, nlp=nlp)
        return cache[text]

    n = exact = 0
    f1_sum = 0.0
    tp = fp = fn = strict = 0
    for text, meta, gold in _documents(folder):
        _, pairs, false_pos, false_neg, _ = scorer.score_doc(text, meta, gold, extract)
        tp, fp, fn = tp + len(pairs), fp + len(false_pos), fn + len(false_neg)
        strict += sum(all(scorer.field_ok(f, g, p) for f in scorer.STRICT) for g, p in pairs)
        # metric quality over every overlap match (optional gold claims included), gold metric not null
        preds = [p.model_dump(mode="json") for p in extract(text, meta.get("published")).claims]
        used: set[int] = set()
        for p in sorted(preds, key=lambda c: c["start"]):
            best, best_ov = None, 0
            for gi, g in enumerate(gold):
                ov = max(0, min(p["end"], g["end"]) - max(p["start"], g["start"]))
                if gi not in used and ov > best_ov:
                    best, best_ov = gi, ov
            if best is None:
                continue
            used.add(best)
            gm = gold[best].get("metric")
            if gm:
                n += 1
                exact += p.get("metric") == gm
                f1_sum += char_f1(p.get("metric"), gm)
    s_fp, s_fn = fp + tp - strict, fn + tp - strict
    sp = strict / (strict + s_fp) if strict + s_fp else 0.0
    sr = strict / (strict + s_fn) if strict + s_fn else 0.0
    return {
        "claims": n,
        "exact": exact / n if n else 0.0,
        "char_f1": f1_sum / n if n else 0.0,
        "strict_f1": 2 * sp * sr / (sp + sr) if sp + sr else 0.0,
    }


def throughput(pipelines: dict[str, Any], texts: list[str], repeat: int) -> dict[str, float]:
    """Characters per second of ``extract`` over ``texts`` (one call each) per pipeline, best of ``repeat``.

    Runs alternate between the pipelines so that machine noise hits both alike; the word
    cutter's per-segment cache is emptied before every run, so a run only profits from
    repeats within itself.
    """
    import claimkit
    from claimkit.attribution import wordseg

    best = dict.fromkeys(pipelines, float("inf"))
    for nlp in pipelines.values():
        claimkit.extract(texts[0][:5000], nlp=nlp)  # warm-up
    for _ in range(repeat):
        for name, nlp in pipelines.items():
            wordseg._metric.cache_clear()
            best[name] = min(
                best[name], _timed(lambda nlp=nlp: [claimkit.extract(t, nlp=nlp) for t in texts])
            )
    chars = sum(map(len, texts))
    return {name: chars / seconds for name, seconds in best.items()}


def cold_load_seconds() -> float:
    """Seconds to load the model in a fresh interpreter that has imported claimkit (spacy_pkuseg import included)."""
    code = (
        "import time, claimkit\n"
        "from claimkit.attribution import wordseg\n"
        "t = time.perf_counter(); wordseg.segment('营收'); print(time.perf_counter() - t)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip())


def cutter_microseconds(segments: list[str], fn: Any) -> float:
    """Mean microseconds per call of a metric cutter over ``segments`` (distinct, so no cache hits)."""
    from claimkit.attribution import wordseg

    wordseg._metric.cache_clear()
    distinct = list(dict.fromkeys(segments))
    return _timed(lambda: [fn(s) for s in distinct]) / len(distinct) * 1e6


def _timed(fn: Any) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _segments(texts: list[str]) -> list[str]:
    """The clause segments the engine hands to the metric cutter for ``texts`` (recorded on a rules run)."""
    import claimkit
    from claimkit.claims import metric

    seen: list[str] = []
    original = metric.strip_metric

    def record(segment: str) -> str | None:
        seen.append(segment)
        return original(segment)

    metric.strip_metric = record
    try:
        nlp = claimkit.load()
        for text in texts:
            claimkit.extract(text, nlp=nlp)
    finally:
        metric.strip_metric = original
    return seen


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=1_000_000, help="throughput corpus size (default 1,000,000)")
    ap.add_argument("--repeat", type=int, default=3, help="timed throughput runs, best kept (default 3)")
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = ap.parse_args(argv)
    missing = [str(p) for p in (*FOLDERS.values(), SCORER) if not p.exists()]
    if missing:
        print(f"gold data not found: {', '.join(missing)} (../shared beside the checkout)", file=sys.stderr)
        return 2

    import claimkit
    from claimkit.attribution import wordseg
    from claimkit.claims import metric as fields

    scorer = _scorer()
    load_seconds = cold_load_seconds()
    pipelines = {"rules": claimkit.load(), "pkuseg": claimkit.load(metric="pkuseg")}
    model_bytes = sum(
        p.stat().st_size for p in wordseg.model_dir().iterdir() if p.suffix in (".msgpack", ".npz")
    )

    results: dict[str, Any] = {"folders": {}, "load_seconds": load_seconds, "model_bytes": model_bytes}
    folders = {**FOLDERS, **{name: path for name, path in OPTIONAL.items() if any(path.glob("*.jsonl"))}}
    for name, folder in folders.items():
        results["folders"][name] = {cfg: evaluate(pipelines[cfg], folder, scorer) for cfg in CONFIGS}
    corpus = make_corpus((FOLDERS["seed"] / "seed.txt").read_text(encoding="utf-8"), args.chars)
    results["throughput"] = throughput(pipelines, [corpus], args.repeat)
    results["chars"] = len(corpus)
    # the repeated seed is deduplicated by the engine (its claims are cut once): also time every gold
    # document as its own call, repeated to the same size, so that the metric cutter really runs
    # (each document once per run: repeating them would let the cutter's cache hide its cost)
    originals = [text for folder in FOLDERS.values() for text, _, _ in _documents(folder)]
    results["throughput_docs"] = throughput(pipelines, originals, 3 * args.repeat)
    results["chars_docs"] = sum(map(len, originals))
    segments = _segments(originals)
    results["cutter_us"] = {
        "rules": cutter_microseconds(segments, fields.strip_metric),
        "pkuseg": cutter_microseconds(segments, wordseg.metric_with_words),
        "segments": len(set(segments)),
    }

    print(f"{'folder':8} {'config':7} {'claims':>6} {'exact':>6} {'charF1':>7} {'strictF1':>8}")
    for name, by_cfg in results["folders"].items():
        for cfg, r in by_cfg.items():
            print(
                f"{name:8} {cfg:7} {r['claims']:6} {r['exact']:6.3f} {r['char_f1']:7.3f} {r['strict_f1']:8.3f}"
            )
    print()
    for key, label in (
        ("throughput", "seed repeated (one call)"),
        ("throughput_docs", "gold documents (one call each)"),
    ):
        chars = results["chars" if key == "throughput" else "chars_docs"]
        r, p = results[key]["rules"], results[key]["pkuseg"]
        print(
            f"throughput, {label}, {chars:,} chars: rules {r:,.0f} chars/s, pkuseg {p:,.0f} chars/s ({p / r - 1:+.1%})"
        )
    cut = results["cutter_us"]
    print(
        f"metric cutter per call ({cut['segments']} distinct engine segments): rules {cut['rules']:.1f} us, "
        f"pkuseg {cut['pkuseg']:.1f} us"
    )
    print(f"model: {model_bytes / 1e6:.2f} MB on disk, cold load {load_seconds:.2f} s")

    gains = [
        (
            name,
            by_cfg["pkuseg"]["exact"] - by_cfg["rules"]["exact"],
            by_cfg["pkuseg"]["char_f1"] - by_cfg["rules"]["char_f1"],
        )
        for name, by_cfg in results["folders"].items()
    ]
    strict_same = all(
        abs(b["pkuseg"]["strict_f1"] - b["rules"]["strict_f1"]) < 1e-9 for b in results["folders"].values()
    )
    pays = all(e > 0 for _, e, _ in gains) and all(f > 0 for *_, f in gains) and strict_same
    cost = 1 - results["throughput_docs"]["pkuseg"] / results["throughput_docs"]["rules"]
    print(
        "\nconclusion: "
        + ", ".join(f"{n} exact {e:+.3f} charF1 {f:+.3f}" for n, e, f in gains)
        + f"; strict F1 {'unchanged' if strict_same else 'CHANGED'}. "
    )
    print(
        f"pkuseg pays for its cost: better metrics on every folder, nothing else changes, for a "
        f"{model_bytes / 1e6:.2f} MB model, a {load_seconds:.2f} s load and {cost:.0%} of per-document throughput"
        if pays
        else "pkuseg does NOT clearly pay for its cost on this data"
    )
    results["pays"] = pays
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
