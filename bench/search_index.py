#!/usr/bin/env python3
"""Search per keystroke over an existing index (bench/index.py's 57 keystrokes), optionally
paired against another version of confreader/library/sqlite.py in the same process:

    git show REV:src/confreader/library/sqlite.py > /tmp/old_sqlite.py
    python bench/search_index.py /tmp/index-31030.db --against /tmp/old_sqlite.py
"""
from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from index import keystrokes, percentile  # noqa: E402

import confreader.library.sqlite as current  # noqa: E402


def other_version(path: Path):
    spec = importlib.util.spec_from_file_location("other_sqlite", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["other_sqlite"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("db", type=Path)
    ap.add_argument("--against", type=Path, help="another sqlite.py to time in the same runs")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    versions = {"this": current}
    if args.against:
        versions["against"] = other_version(args.against)
    libraries = {name: module.SqliteLibrary(args.db) for name, module in versions.items()}
    for library in libraries.values():
        library.search_quotes("ا")  # the page cache warm, as in a reader that just opened
    for round_ in range(args.rounds):
        for name, library in libraries.items():
            for full_text in (False, True):
                cpu = time.process_time()
                times = keystrokes(library, full_text)
                cpu = time.process_time() - cpu
                print(f"round {round_ + 1} {name:>7} {'full text' if full_text else 'quotes':>9}: "
                      f"p50 {statistics.median(times):.1f} ms, p95 {percentile(times, 95):.1f} ms, "
                      f"max {max(times):.1f} ms ({cpu:.2f} s CPU)")


if __name__ == "__main__":
    main()
