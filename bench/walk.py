"""Long seeded random walks through the reader (tests/walker.py): thousands of steps.

    python bench/walk.py                      # 5 seeds x 2000 steps, one article and 30 corpus articles
    python bench/walk.py --seeds 100 101 --steps 5000 --articles 200
    python bench/walk.py --while-loading --articles 200      # keys while the library still loads

Prints steps per second and, for any walk that breaks, its seed, step and last steps
(replay one with --seeds SEED). Exits 1 if any walk broke.
"""
from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from conftest import annotated_sample, wait_until_loaded, write_article  # noqa: E402
from walker import Walk, WalkFailure, corpus_library  # noqa: E402

from confreader.tui.app import ReaderApp  # noqa: E402


async def walk_once(paths: list[Path], seed: int, steps: int, size: tuple[int, int],
                    while_loading: bool) -> tuple[int, WalkFailure | None]:
    app = ReaderApp(paths)
    async with app.run_test(size=size) as pilot:
        if not while_loading:
            await wait_until_loaded(pilot)
        walk = Walk(pilot, seed)
        try:
            await walk.run(steps)
        except WalkFailure as failure:
            return failure.step + 1, failure
    return steps, None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[101, 102, 103, 104, 105])
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--articles", type=int, default=30, help="corpus articles in the library walk")
    ap.add_argument("--while-loading", action="store_true",
                    help="start walking at once, while the articles load (not reproducible step for step)")
    args = ap.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="confreader-walk-"))
    targets = {"one article": [write_article(folder, "sample.json", annotated_sample())]}
    corpus = corpus_library(folder, args.articles)
    if corpus:
        targets[f"library of {len(corpus)} corpus articles"] = corpus
    else:
        print("(../shared/corpora/saudinewsnet not found: library walks skipped)")

    broken = 0
    for label, paths in targets.items():
        size = (100, 30) if len(paths) == 1 else (120, 35)
        for seed in args.seeds:
            started = time.perf_counter()
            done, failure = asyncio.run(walk_once(paths, seed, args.steps, size, args.while_loading))
            elapsed = time.perf_counter() - started
            print(f"{label}, seed {seed}: {done} steps in {elapsed:.1f} s ({done / elapsed:.0f} steps/s)"
                  + ("" if failure is None else " — BROKE"))
            if failure is not None:
                broken += 1
                print(f"  {failure}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
