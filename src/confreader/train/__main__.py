"""python -m confreader.train: rebuild every model from the shared annotated data.

Reads ../shared (the folder beside the checkout, or --shared) and writes the
model files into the package's models folder (or --out), deterministically:
the mention tagger (ANERcorp + gold speaker mentions, confreader.train.ner),
then the filter that tells speech from names and terms in quotation marks,
and the attribution ranker, both trained on what the parser finds with that
tagger. --include / --exclude choose gold articles by name (trn-001, snn-008);
--ner-base DIR reuses the gold-independent part of the tagger (the corpus word
table and the ANERcorp-only model) from an earlier run, as the
cross-validation bench does for every fold.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from confreader.extract import mentions
from confreader.extract.attribution_model import models_dir
from confreader.train.attribution import train_attribution
from confreader.train.gold import gold_files, read_gold
from confreader.train.quotes import train_quote_filter

DEFAULT_SHARED = Path(__file__).resolve().parents[3].parent / "shared"
MODELS = ("ner", "attribution", "quotes")


def train_tagger(out: Path, files: list[Path], shared: Path, base: Path | None) -> dict:
    from confreader.train.ner import BASE_MODEL_FILE, train_ner
    gold = [p.with_suffix(".gold.json") for p in files]
    if base is None:
        return train_ner(out, gold, shared)
    out.mkdir(parents=True, exist_ok=True)
    if base.resolve() != out.resolve():
        shutil.copyfile(base / mentions.WORDS_FILE, out / mentions.WORDS_FILE)
    stats = mentions.read_word_table(out / mentions.WORDS_FILE)
    return train_ner(out, gold, shared, stats=stats, base_model=base / BASE_MODEL_FILE)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m confreader.train", description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    ap.add_argument("--out", type=Path, default=models_dir(), help="where the model files go")
    ap.add_argument("--include", nargs="+", metavar="NAME", help="train on these gold articles only")
    ap.add_argument("--exclude", nargs="+", metavar="NAME", default=[], help="leave these gold articles out")
    ap.add_argument("--models", nargs="+", choices=MODELS, default=list(MODELS),
                    help="which models to rebuild (the others must already be in --out)")
    ap.add_argument("--ner-base", type=Path, metavar="DIR",
                    help="reuse the word table and ANERcorp-only tagger of an earlier run in DIR")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    files = gold_files(a.shared)
    if not files:
        print(f"{a.shared}: no gold articles under eval/train or eval/dev", file=sys.stderr)
        return 2
    unknown = sorted((set(a.include or []) | set(a.exclude)) - {p.stem for p in files})
    if unknown:
        print(f"no gold article named {', '.join(unknown)}", file=sys.stderr)
        return 2
    if a.include:
        files = [p for p in files if p.stem in set(a.include)]
    files = [p for p in files if p.stem not in set(a.exclude)]
    started = time.perf_counter()
    if "ner" in a.models:
        numbers = train_tagger(a.out, files, a.shared, a.ner_base)
        if not a.quiet:
            print(f"mention tagger: {len(files)} gold articles -> {a.out / mentions.MODEL_FILE} "
                  f"(ANERcorp test F1 by kind: {numbers.get('anercorp_test')}; "
                  f"{time.perf_counter() - started:.0f} s)")
    # The ranker learns from what the parser finds with the tagger just built.
    os.environ[mentions.MODELS_ENV] = str(a.out)
    articles = [read_gold(p) for p in files]
    if "quotes" in a.models:
        kept = train_quote_filter(a.out, articles, a.shared)
        if not a.quiet:
            print(f"quote filter: {len(kept.weights)} weights, threshold {kept.threshold:.2f}")
    if "attribution" in a.models:
        model = train_attribution(a.out, articles, a.shared)
        if not a.quiet:
            print(f"attribution: {len(articles)} articles, {len(model.weights)} weights, "
                  f"threshold {model.threshold:.2f} -> {a.out}  ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
