#!/usr/bin/env python3
"""How well and how fast the mention tagger works.

Usage: python bench/ner.py [--shared ../shared] [--folds 5] [--skip-cv] [--skip-speed]
                           [--speed-articles 2000] [--keep DIR]

1. ANERcorp: CoNLL exact-span P/R/F1 per type of the shipped model on CAMeL Lab's
   test split (the model never saw it), beside the published figures.
2. Gold speaker mentions (names and name-like aliases of ../shared/eval train+dev,
   located in the text without proclitics): recall by cross-validation over
   articles — each fold's model is trained without the fold's articles — exact span
   and overlapping, next to the mentions today's rule parser finds.
3. Speed: tagging every sentence of corpus articles, tokens/s and MB/s of UTF-8
   text, and the first call in a fresh process (model load) in a subprocess.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from confreader.extract import mentions, parse_text
from confreader.extract.ner_features import sentence_ranges, sentence_words
from confreader.train import gold_articles, ner, read_gold

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = "published (macro F1, 4 types): BiLSTM-CRF 81.7, mBERT 78.4, AraBERT v0.1 83.1"


def anercorp_table(shared: Path) -> None:
    _, test = ner.anercorp_split(shared)
    folder = mentions.models_dir()
    stats = mentions.read_word_table(folder / mentions.WORDS_FILE)
    scores = ner.conll_scores([t for *_, t in test], ner.tag_all(folder / mentions.MODEL_FILE, test, stats))
    print(f"ANERcorp CAMeL test split ({sum(len(s[0]) for s in test)} words), exact spans:")
    print(f"  {'type':6} {'P':>6} {'R':>6} {'F1':>6}")
    for kind in ("PERS", "ORG", "LOC", "MISC"):
        p, r, f = scores.get(kind, (0, 0, 0))
        print(f"  {kind:6} {p:6.3f} {r:6.3f} {f:6.3f}")
    macro = sum(scores.get(k, (0, 0, 0))[2] for k in ("PERS", "ORG", "LOC", "MISC")) / 4
    print(f"  macro F1 {macro:.3f}; {PUBLISHED}")


def mention_recall(articles: list[Path], predict) -> dict[str, float]:
    found_exact = found_overlap = total = predicted = 0
    for path in articles:
        article = read_gold(path)
        gold = ner.gold_mention_spans(article)
        spans = predict(article.text)
        exact = {(a, b) for a, b, _ in spans}
        total += len(gold)
        predicted += len(spans)
        for a, b, _ in gold:
            found_exact += (a, b) in exact
            found_overlap += any(x < b and a < y for x, y in exact)
    return {"gold": total, "exact": found_exact / total, "overlap": found_overlap / total,
            "predicted_per_article": predicted / len(articles)}


def _tagger_spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.kind) for m in mentions.find_mentions(text) if m.kind != "location"]


def cue_regions(text: str) -> list[tuple[int, int]]:
    """The windows around the cues and direct quotes the parser finds (as the pipeline would tag)."""
    article = parse_text(text)
    anchors = [q.cue_span for q in article.quotes if q.cue_span]
    anchors += [(q.start, q.start) for q in article.quotes if q.kind == "direct"]
    return mentions.regions_around(text, anchors)


def _region_spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.kind) for m in mentions.find_mentions(text, cue_regions(text))
            if m.kind != "location"]


def _region_ceiling(text: str) -> list[tuple[int, int, str]]:
    """Not a tagger: every word run inside the regions, so that the 'overlap' recall of
    this says how many gold mentions the regions hold at all."""
    return [(a, b, "") for a, b in cue_regions(text)]


def _rule_spans(text: str) -> list[tuple[int, int, str]]:
    return [(a, b, sp.kind) for sp in parse_text(text).speakers for a, b in sp.mentions]


def cross_validation(shared: Path, folds: int, keep: Path | None) -> None:
    articles = gold_articles([shared / "eval" / "train", shared / "eval" / "dev"])
    print(f"\nGold speaker mentions, {folds}-fold cross-validation by article ({len(articles)} articles):")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = keep or Path(tmp)  # --keep: fold models stay there, and are reused on the next run
        shared_dir = Path(tmp) / "common"
        shared_dir.mkdir(parents=True, exist_ok=True)
        # The word table is built from unlabeled text and name lists only (the eval
        # articles left out), so every fold can use the shipped one.
        (shared_dir / mentions.WORDS_FILE).write_bytes((mentions.models_dir() / mentions.WORDS_FILE).read_bytes())
        stats = mentions.read_word_table(shared_dir / mentions.WORDS_FILE)
        base = shared_dir / ner.BASE_MODEL_FILE
        if not base.exists():
            ner.train_crf(ner.mark_unnamed_sources(ner.anercorp_split(shared)[0]), stats, base)
        pooled_tagger, pooled_rules, n = {"exact": 0.0, "overlap": 0.0}, {"exact": 0.0, "overlap": 0.0}, 0
        pooled_regions = 0.0
        for k in range(folds):
            held = articles[k::folds]
            rest = [a for a in articles if a not in held]
            fold_dir = Path(tmp) / f"fold{k}"
            t = time.perf_counter()
            if not (fold_dir / mentions.MODEL_FILE).exists():
                fold_dir.mkdir(parents=True, exist_ok=True)
                (fold_dir / mentions.WORDS_FILE).write_bytes((shared_dir / mentions.WORDS_FILE).read_bytes())
                ner.train_ner(fold_dir, rest, shared, stats, base)
            os.environ[mentions.MODELS_ENV] = str(fold_dir)
            got = mention_recall(held, _tagger_spans)
            regions = mention_recall(held, _region_spans)
            rules = mention_recall(held, _rule_spans)
            print(f"  fold {k + 1}: {len(held)} articles, {got['gold']} mentions, tagger exact "
                  f"{got['exact']:.3f} overlap {got['overlap']:.3f}, {got['predicted_per_article']:.1f} "
                  f"mentions/article; in cue regions only exact {regions['exact']:.3f}; rules exact "
                  f"{rules['exact']:.3f} overlap {rules['overlap']:.3f} ({time.perf_counter() - t:.0f} s)")
            for key in ("exact", "overlap"):
                pooled_tagger[key] += got[key] * got["gold"]
                pooled_rules[key] += rules[key] * got["gold"]
            pooled_regions += regions["exact"] * got["gold"]
            n += got["gold"]
        del os.environ[mentions.MODELS_ENV]
    ceiling = mention_recall(articles, _region_ceiling)["overlap"]
    print(f"  gold mentions that the cue regions overlap at all: {ceiling:.3f}")
    print(f"  pooled: tagger exact {pooled_tagger['exact'] / n:.3f}, overlap {pooled_tagger['overlap'] / n:.3f}, "
          f"in cue regions only exact {pooled_regions / n:.3f}; "
          f"rules exact {pooled_rules['exact'] / n:.3f}, overlap {pooled_rules['overlap'] / n:.3f} ({n} mentions)")


def corpus_texts(shared: Path, limit: int) -> list[str]:
    out = []
    for zpath in sorted((shared / "corpora" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(zpath) as zf:
            for name in sorted(zf.namelist()):
                for item in json.loads(zf.read(name).decode("utf-8")) if name.endswith(".json") else []:
                    out.append(item.get("content") or "")
                    if len(out) >= limit:
                        return out
    return out


def speed(shared: Path, limit: int) -> None:
    texts = corpus_texts(shared, limit)
    mentions.find_mentions("تحميل النموذج")
    words = sum(len(sentence_words(t, a, b).words) for t in texts for a, b in sentence_ranges(t, 0, len(t)))
    size = sum(len(t.encode("utf-8")) for t in texts)
    t0 = time.process_time()
    found = sum(len(mentions.find_mentions(t)) for t in texts)
    cpu = time.process_time() - t0
    print(f"\nTagger speed, every sentence of {len(texts)} corpus articles ({size / 1e6:.1f} MB, {words} words, "
          f"{found} mentions): {words / cpu:,.0f} words/s, {size / 1e6 / cpu:.2f} MB/s (CPU time)")
    pipeline_cost(texts, size)
    code = ("import time; t=time.perf_counter(); from confreader.extract.mentions import find_mentions; "
            "find_mentions('وقال الوزير محمد الأحمد إن الاجتماع انتهى.'); print(time.perf_counter()-t)")
    runs = sorted(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                       check=True).stdout) for _ in range(3))
    print(f"First call in a fresh process (import + model load + one sentence): median {runs[1]:.3f} s")


def pipeline_cost(texts: list[str], size: int) -> None:
    """What tagging only the regions around cues and quotes adds to the parser."""
    parsed = []
    t0 = time.process_time()
    for text in texts:
        parsed.append(parse_text(text))
    parse_cpu = time.process_time() - t0
    for before, after in ((mentions.WINDOW_BEFORE, mentions.WINDOW_AFTER), (0, 60)):
        regions = []
        for text, article in zip(texts, parsed):
            anchors = [q.cue_span for q in article.quotes if q.cue_span]
            anchors += [(q.start, q.start) for q in article.quotes if q.kind == "direct"]
            regions.append(mentions.regions_around(text, anchors, before, after))
        covered = sum(b - a for r in regions for a, b in r)
        t0 = time.process_time()
        found = sum(len(mentions.find_mentions(text, r)) for text, r in zip(texts, regions))
        tag_cpu = time.process_time() - t0
        print(f"Parser alone {size / 1e6 / parse_cpu:.2f} MB/s; tagging {before} characters before and {after} "
              f"after every cue and direct quote ({covered / sum(len(t) for t in texts):.0%} of the text, "
              f"{found} mentions) adds {tag_cpu:.2f} s: parser + tagger "
              f"{size / 1e6 / (parse_cpu + tag_cpu):.2f} MB/s (CPU time)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--skip-cv", action="store_true")
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--keep", type=Path, help="keep the fold models in this folder (and reuse them)")
    ap.add_argument("--speed-articles", type=int, default=2000)
    args = ap.parse_args(argv)
    anercorp_table(args.shared)
    if not args.skip_speed:
        speed(args.shared, args.speed_articles)
    if not args.skip_cv:
        cross_validation(args.shared, args.folds, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
