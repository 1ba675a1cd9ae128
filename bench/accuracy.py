#!/usr/bin/env python3
"""Cross-validated parser accuracy: 5 folds by article over ../shared/eval/train + dev.

Usage: python bench/accuracy.py [--folds 5] [--seed 7] [--jobs 2] [--tagger fold|base]
                                [--ner-base DIR] [--quick] [-v]

For each fold every model is trained (python -m confreader.train --exclude …)
on the other folds into a temporary folder (the tagger's corpus word table and
ANERcorp-only base model do not depend on the gold articles: they are built
once, or reused from --ner-base), and ../shared/eval/score.py scores
the held-out articles with CONFREADER_MODELS pointing at that folder. Prints
each fold's table, the pooled table (tp/fp/fn summed over folds: the number
that counts) and the attribution ranker's precision/recall at a few
thresholds (right speakers among the quotes given one / among the matched
quotes with a gold speaker). --quick scores the first two folds only.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from confreader.extract.attribution_model import read_model, MODEL_FILE
from confreader.extract.mentions import MODEL_FILE as MENTIONS_MODEL, WORDS_FILE
from confreader.train.__main__ import main as train_main
from confreader.train.ner import BASE_MODEL_FILE, seal_word_table
from confreader.train.attribution import quote_examples, tradeoff
from confreader.train.gold import gold_files, read_gold

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
MEASURES = ("headings", "speakers", "people", "direct", "indirect", "attributed")
_ROW = re.compile(r"^(\w+)\s+P=\S+ R=\S+ F1=\S+ \(tp=(\d+) fp=(\d+) fn=(\d+)\)")
_ACCURACY = re.compile(r"speaker accuracy over matched quotes: \S+ \((\d+)/(\d+)\)")
TRADEOFF_THRESHOLDS = (0.0, 0.2, 0.35, 0.5, 0.65, 0.8)


def folds_of(names: list[str], k: int, seed: int) -> list[list[str]]:
    shuffled = sorted(names)
    random.Random(seed).shuffle(shuffled)
    return [sorted(shuffled[i::k]) for i in range(k)]


def score_fold(held_out: list[Path], models: Path, verbose: bool) -> tuple[dict, tuple[int, int], str]:
    with tempfile.TemporaryDirectory(prefix="confreader-fold-") as folder:
        for p in held_out:
            for src in (p, p.with_suffix(".gold.json")):
                os.symlink(src, Path(folder) / src.name)
        cmd = f"{sys.executable} -m confreader parse --format json {{file}}"
        args = [sys.executable, str(SHARED / "eval" / "score.py"), folder, "--cmd", cmd]
        if verbose:
            args.append("-v")
        env = {**os.environ, "CONFREADER_MODELS": str(models)}
        out = subprocess.run(args, capture_output=True, text=True, env=env, timeout=900).stdout
    tallies = {}
    for line in out.splitlines():
        m = _ROW.match(line)
        if m:
            tallies[m.group(1)] = tuple(int(x) for x in m.groups()[1:])
    m = _ACCURACY.search(out)
    return tallies, (int(m.group(1)), int(m.group(2))) if m else (0, 0), out


def table(tallies: dict, accuracy: tuple[int, int]) -> str:
    lines = [f"{'measure':11s} {'P':>6s} {'R':>6s} {'F1':>6s}   tp/fp/fn"]
    for k in MEASURES:
        tp, fp, fn = tallies.get(k, (0, 0, 0))
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        lines.append(f"{k:11s} {p:6.3f} {r:6.3f} {f:6.3f}   {tp}/{fp}/{fn}")
    ok, total = accuracy
    lines.append(f"speaker accuracy over matched quotes: {ok / total if total else 1:.3f} ({ok}/{total})")
    return "\n".join(lines)


def build_tagger_base(base: Path) -> None:
    """The tagger's gold-independent part: the corpus word table and the ANERcorp-only model."""
    from confreader.train.ner import anercorp_split, build_word_table, train_crf
    stats = build_word_table(base, SHARED)
    train_crf(anercorp_split(SHARED)[0], stats, base / BASE_MODEL_FILE)


def run_fold(held: list[str], tagger: str, base: Path, verbose: bool):
    """Train on every gold article but the held-out ones, score those; returns
    (tallies, accuracy, scorer output, trade-off counts, threshold)."""
    by_name = {p.stem: p for p in gold_files(SHARED)}
    with tempfile.TemporaryDirectory(prefix="confreader-models-") as models:
        args = ["--shared", str(SHARED), "--out", models, "--exclude", *held, "--quiet"]
        if tagger == "fold":
            train_main([*args, "--ner-base", str(base)])
        else:  # the ANERcorp-only tagger: no gold at all in it, and no training per fold
            for name in (MENTIONS_MODEL, WORDS_FILE):
                shutil.copyfile(base / (BASE_MODEL_FILE if name == MENTIONS_MODEL else name),
                                Path(models) / name)
            seal_word_table(Path(models))  # the word table names the model it goes with
            train_main([*args, "--models", "attribution", "quotes"])
        os.environ["CONFREADER_MODELS"] = models  # held-out examples parse with this fold's tagger
        tallies, acc, out = score_fold([by_name[n] for n in held], Path(models), verbose)
        model = read_model(Path(models) / MODEL_FILE)
        examples = [e for n in held for e in quote_examples(SHARED, read_gold(by_name[n]))]
        curve = {t: tradeoff(model, examples, t) for t in TRADEOFF_THRESHOLDS}
    return tallies, acc, out, curve, model.threshold


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=2, help="folds trained and scored at once")
    ap.add_argument("--quick", action="store_true", help="score the first two folds only")
    ap.add_argument("--tagger", choices=("fold", "base"), default="fold",
                    help="fold: retrain the mention tagger on each fold's gold (what ships); "
                         "base: the ANERcorp-only tagger for every fold (faster)")
    ap.add_argument("--ner-base", type=Path, metavar="DIR",
                    help="keep (or reuse) the tagger's gold-independent part in DIR across runs")
    ap.add_argument("-v", "--verbose", action="store_true", help="the scorer's list of misses per fold")
    a = ap.parse_args(argv)
    started = time.perf_counter()
    folds = folds_of([p.stem for p in gold_files(SHARED)], a.folds, a.seed)
    scored = folds[:2] if a.quick else folds
    base = a.ner_base or Path(tempfile.mkdtemp(prefix="confreader-ner-base-"))
    if not (base / BASE_MODEL_FILE).exists():
        base.mkdir(parents=True, exist_ok=True)
        build_tagger_base(base)
        print(f"(tagger base built in {base} in {time.perf_counter() - started:.0f} s)", flush=True)
    pooled = {k: [0, 0, 0] for k in MEASURES}
    pooled_acc = [0, 0]
    curve = {t: [0, 0, 0] for t in TRADEOFF_THRESHOLDS}
    with ProcessPoolExecutor(max_workers=a.jobs) as pool:
        results = pool.map(run_fold, scored, [a.tagger] * len(scored), [base] * len(scored),
                           [a.verbose] * len(scored))
        for index, (held, (tallies, acc, out, fold_curve, threshold)) in enumerate(zip(scored, results)):
            for k in MEASURES:
                for i, v in enumerate(tallies.get(k, (0, 0, 0))):
                    pooled[k][i] += v
            pooled_acc[0] += acc[0]
            pooled_acc[1] += acc[1]
            for t, counts in fold_curve.items():
                for i, v in enumerate(counts):
                    curve[t][i] += v
            print(f"== fold {index + 1}: {len(held)} articles, threshold {threshold:.2f}")
            if a.verbose:
                print(out)
            print(table(tallies, acc), flush=True)
    print(f"== pooled over {len(scored)} folds ({sum(len(f) for f in scored)} articles), tagger: {a.tagger}")
    print(table({k: tuple(v) for k, v in pooled.items()}, tuple(pooled_acc)))
    print("== attribution threshold trade-off (held-out quotes matched to gold):")
    print(f"{'threshold':>9s} {'P':>6s} {'R':>6s}   right/wrong/with gold speaker")
    for t, (right, wrong, total) in curve.items():
        p = right / (right + wrong) if right + wrong else 1.0
        r = right / total if total else 1.0
        print(f"{t:9.2f} {p:6.3f} {r:6.3f}   {right}/{wrong}/{total}")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
