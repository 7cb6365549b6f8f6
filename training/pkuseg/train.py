"""Train claimkit's own pkuseg word-segmentation model and install it into the package.

    .venv/bin/python training/pkuseg/train.py                 # train, evaluate, install
    .venv/bin/python training/pkuseg/train.py --no-install    # train and evaluate only

Input: ``corpus/*.txt``, one pre-segmented sentence a line, words separated by single
spaces (``handwritten.txt`` written by hand, ``templated.txt`` written by ``make_corpus.py``).
Every line whose CRC-32 is divisible by 10 is held out as the test split (about 10%);
the split is stable under edits of other lines.

Training uses spacy_pkuseg's own API (``spacy_pkuseg.train``: a CRF over character
n-gram and dictionary-word features, ADF optimiser). The trained model is then made
small: features whose weights are all below ``--prune`` are dropped, the word-bigram set
(unused at inference) is emptied, the dictionary keeps only words some remaining
feature names, and the weights are stored as compressed float32. Test F1 is measured
after pruning, with the pruned model, so the number reported is the shipped model's.
Output: ``src/claimkit/resources/pkuseg/{features.msgpack, weights.npz, training.json}``.

Segmentation standard (PKU-like, for financial results coverage):

* numbers: digits, decimal point, thousands commas, sign, a scale word (万/亿/万亿) and
  ``%`` are one word (``1343.3万``, ``-3.1%``, ``1,360``); so are ``三成``, ``2.1倍``,
  ``两位数``. Units, currencies and classifiers are separate (``3800亿 元``,
  ``40397 辆``, ``1.6 个 百分点``, ``21 个 季度``, ``三 年``);
* periods are one word each: ``2025年 第一季度``, ``上半年``, ``前三季度``, ``3Q25``,
  ``10月底``, ``上年末``, ``第二财季``; ``去年 同期`` is two;
* company, product, data-firm and person names are one word (``宁德时代``, ``阿里云``,
  ``QuestMobile``, ``吴泳铭``); ``集团``/``公司`` are separate;
  titles are one word (``首席执行官``, ``董事长``);
* lexicalised finance terms are one word (``营收``, ``净利润``, ``毛利率``, ``交付量``,
  ``市值``, ``会员数``); compositional phrases are split (``营业 收入``, ``归母 净利润``,
  ``经调整 净利润``, ``资本 开支``, ``市场 份额``, ``日均 订阅 会员数``);
* ``同比``/``环比``/``按年`` and the change verb are separate (``同比 增长``);
  one-syllable verb + 至 is one word (``降至``); function words stand alone.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
import zlib
from importlib import metadata
from pathlib import Path

import numpy as np
import srsly

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CORPUS = HERE / "corpus"
INSTALL = REPO / "src" / "claimkit" / "resources" / "pkuseg"


def read_corpus() -> dict[str, list[str]]:
    """Lines of every ``corpus/*.txt`` file, whitespace-normalised, by file stem."""
    out: dict[str, list[str]] = {}
    for path in sorted(CORPUS.glob("*.txt")):
        lines = [" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines()]
        out[path.stem] = [line for line in lines if line]
    return out


def is_test(line: str) -> bool:
    return zlib.crc32(line.encode("utf-8")) % 10 == 0


def prune(model_dir: Path, threshold: float) -> dict[str, int]:
    """Drop weak features, the bigram set and unused dictionary words; store float32 weights, compressed."""
    data = srsly.read_msgpack(model_dir / "features.msgpack")
    npz = np.load(model_dir / "weights.npz")
    n_tag, n_feature = (int(x) for x in npz["sizes"])
    w = npz["w"]
    node = w[: n_feature * n_tag].reshape(n_feature, n_tag)
    edge = w[n_feature * n_tag :]
    keep = np.abs(node).max(axis=1) >= threshold
    keep[0] = True  # "$$", the bias feature every position has
    by_index = sorted(data["feature_to_idx"].items(), key=lambda kv: kv[1])
    names = [name for name, idx in by_index if keep[idx]]
    feature_to_idx = {name: i for i, name in enumerate(names)}
    words: set[str] = set()
    for name in names:
        kind, _, rest = name.partition(".")
        if kind == "w-1" or kind == "w1":
            words.add(rest)
        elif kind == "ww":
            words.update(rest[2:].split("*"))
    unigram = sorted(w for w in data["unigram"] if w in words)
    new_w = np.concatenate([node[keep].reshape(-1), edge]).astype(np.float32)
    srsly.write_msgpack(
        model_dir / "features.msgpack",
        {
            "unigram": unigram,
            "bigram": [],
            "feature_to_idx": feature_to_idx,
            "tag_to_idx": data["tag_to_idx"],
        },
    )
    np.savez_compressed(model_dir / "weights.npz", sizes=np.array([n_tag, len(names)]), w=new_w)
    return {"features_before": n_feature, "features_after": len(names), "words": len(unigram)}


def load(model_dir: Path):  # type: ignore[no-untyped-def]
    """The trained model as a ``spacy_pkuseg.pkuseg`` segmenter (float32 weights widened for inference)."""
    import spacy_pkuseg

    seg = spacy_pkuseg.pkuseg(str(model_dir), user_dict=None)
    seg.model.w = seg.model.w.astype(np.float64)
    return seg


def spans(words: list[str]) -> set[tuple[int, int]]:
    out, pos = set(), 0
    for w in words:
        out.add((pos, pos + len(w)))
        pos += len(w)
    return out


def f1(seg, lines: list[str]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Word-level precision, recall and F1 of ``seg`` on pre-segmented ``lines``."""
    tp = n_gold = n_pred = 0
    for line in lines:
        gold = line.split()
        pred = seg.cut("".join(gold))
        g, p = spans(gold), spans(pred)
        tp += len(g & p)
        n_gold += len(g)
        n_pred += len(p)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    score = 2 * precision * recall / (precision + recall) if tp else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(score, 4),
        "sentences": len(lines),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iter", type=int, default=10, help="training iterations (default 10)")
    ap.add_argument(
        "--trim", type=int, default=1, help="keep features seen more than this many times (default 1)"
    )
    ap.add_argument(
        "--prune", type=float, default=0.02, help="drop features whose weights are all below this"
    )
    ap.add_argument("--seed", type=int, default=20250516, help="random seed (training order)")
    ap.add_argument("--no-install", action="store_true", help="do not copy the model into the package")
    args = ap.parse_args(argv)

    import spacy_pkuseg
    from spacy_pkuseg.config import config

    corpus = read_corpus()
    train = [line for lines in corpus.values() for line in lines if not is_test(line)]
    test = {stem: [line for line in lines if is_test(line)] for stem, lines in corpus.items()}
    all_test = [line for lines in test.values() for line in lines]
    chars = sum(len(line.replace(" ", "")) for lines in corpus.values() for line in lines)
    print(
        f"corpus: {sum(map(len, corpus.values()))} sentences, {chars} characters; "
        f"train {len(train)}, test {len(all_test)}"
    )

    config.featureTrim = args.trim
    random.seed(args.seed)  # spacy_pkuseg's optimiser shuffles the training set with ``random``
    np.random.seed(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        (tmpdir / "train.txt").write_text("\n".join(train) + "\n", encoding="utf-8")
        (tmpdir / "test.txt").write_text("\n".join(all_test) + "\n", encoding="utf-8")
        model_dir = tmpdir / "model"
        started = time.perf_counter()
        spacy_pkuseg.train(
            str(tmpdir / "train.txt"),
            str(tmpdir / "test.txt"),
            str(model_dir),
            train_iter=args.iter,
            init_model=None,
        )
        seconds = time.perf_counter() - started
        sizes = prune(model_dir, args.prune)
        seg = load(model_dir)
        scores = {"all": f1(seg, all_test), **{stem: f1(seg, lines) for stem, lines in test.items()}}
        files = {p.name: p.stat().st_size for p in model_dir.iterdir() if p.suffix in (".msgpack", ".npz")}
        report = {
            "trained_by": "training/pkuseg/train.py",
            "spacy_pkuseg": metadata.version("spacy-pkuseg"),
            "corpus": {stem: len(lines) for stem, lines in corpus.items()},
            "corpus_characters": chars,
            "train_sentences": len(train),
            "test_sentences": len(all_test),
            "iterations": args.iter,
            "seed": args.seed,
            "feature_trim": args.trim,
            "prune_threshold": args.prune,
            **sizes,
            "bytes": sum(files.values()),
            "train_seconds": round(seconds, 1),
            "test": scores,
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
        if not args.no_install:
            INSTALL.mkdir(parents=True, exist_ok=True)
            for name in files:
                shutil.copyfile(model_dir / name, INSTALL / name)
            (INSTALL / "training.json").write_text(
                json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            print(f"installed into {INSTALL.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
