"""python -m confreader.train: rebuild every model from the shared annotated data.

Reads ../shared (the folder beside the checkout, or --shared) and writes the
model files into the package's models folder (or --out), deterministically.
--include / --exclude choose gold articles by name (trn-001, snn-008); the
cross-validation bench trains each fold this way.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from confreader.extract.attribution_model import _PACKAGE_MODELS
from confreader.train.attribution import train_attribution
from confreader.train.gold import gold_files, read_gold

DEFAULT_SHARED = Path(__file__).resolve().parents[3].parent / "shared"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m confreader.train", description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    ap.add_argument("--out", type=Path, default=_PACKAGE_MODELS, help="where the model files go")
    ap.add_argument("--include", nargs="+", metavar="NAME", help="train on these gold articles only")
    ap.add_argument("--exclude", nargs="+", metavar="NAME", default=[], help="leave these gold articles out")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    files = gold_files(a.shared)
    if not files:
        print(f"{a.shared}: no gold articles under eval/train or eval/dev", file=sys.stderr)
        return 2
    known = {p.stem for p in files}
    unknown = sorted(set(a.include or []) | set(a.exclude) - known)
    if unknown:
        print(f"no gold article named {', '.join(unknown)}", file=sys.stderr)
        return 2
    if a.include:
        files = [p for p in files if p.stem in set(a.include)]
    files = [p for p in files if p.stem not in set(a.exclude)]
    started = time.perf_counter()
    articles = [read_gold(p) for p in files]
    model = train_attribution(a.out, articles, a.shared)
    if not a.quiet:
        print(f"attribution: {len(articles)} articles, {len(model.weights)} weights, "
              f"threshold {model.threshold:.2f} -> {a.out}  ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
