#!/usr/bin/env python3
"""Loading an article JSON with many quotes: validation and cleaning must stay linear.

Usage: python3 bench/load_json.py [--quotes 10000,50000,100000]
Writes a confreader.article/1 file per size (one speaker per 10 quotes, a control
escape in every 100th quote's cue so cleaning has work to do), loads it with
load_article and prints CPU ms per load and µs per quote; linear means the µs per
quote stays flat as the size grows.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from confreader.loading import load_article

SENTENCE = "قال الوزير إن الخطة جاهزة. "


def document(quotes: int) -> dict:
    text = SENTENCE * quotes
    step = len(SENTENCE)
    return {
        "schema": "confreader.article/1", "source": "bench.json", "title": "عنوان", "text": text,
        "metadata": {"date": "2024-05-15"},
        "sections": [{"heading": None, "start": 0, "end": len(text),
                      "paragraphs": [{"start": i * step, "end": (i + 1) * step - 1} for i in range(quotes)]}],
        "speakers": [{"id": f"s{i}", "name": f"متحدث {i}", "mentions": []} for i in range(quotes // 10 + 1)],
        "quotes": [{"id": f"q{i}", "kind": "direct", "start": i * step + 14, "end": i * step + 25,
                    "speaker": f"s{i // 10}", "cue": "قال\u001b[31m" if i % 100 == 0 else "قال", "section": 0}
                   for i in range(quotes)],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quotes", default="10000,50000,100000")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for count in map(int, args.quotes.split(",")):
            path = Path(folder) / f"{count}.json"
            path.write_text(json.dumps(document(count), ensure_ascii=False), encoding="utf-8")
            best = float("inf")
            for _ in range(3):
                start = time.process_time()
                article = load_article(path)
                best = min(best, time.process_time() - start)
            assert len(article.quotes) == count
            size = path.stat().st_size / 1e6
            print(f"{count:>7} quotes ({size:5.1f} MB): {best * 1000:7.1f} ms CPU, "
                  f"{best / count * 1e6:5.2f} µs per quote")


if __name__ == "__main__":
    main()
