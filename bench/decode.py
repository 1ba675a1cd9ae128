#!/usr/bin/env python3
"""Reading, decoding and cleaning a large article file: MB/s of CPU time per stage.

Usage: python3 bench/decode.py [--mb 10] [--corpus DIR]
Joins SaudiNewsNet articles (../shared/corpora/saudinewsnet, read in memory) into a
temporary UTF-8 file of about --mb MB, then times load_document (bounded read,
decode, HTML entities, cleaning) and, separately, cleaning the same text with CRLF
newlines and with an escape sequence every few hundred characters.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
import zipfile
from pathlib import Path

from confreader.sources import load_document
from confreader.sources.clean import clean_text

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "saudinewsnet"


def corpus_text(corpus: Path, megabytes: float) -> str:
    parts: list[str] = []
    size = 0
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                for article in json.loads(zf.read(name)):
                    parts.append(article.get("content") or "")
                    size += len(parts[-1].encode("utf-8"))
                    if size >= megabytes * 1e6:
                        return "\n\n".join(parts)
    return "\n\n".join(parts)


def cpu_ms(action) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        action()
        best = min(best, time.process_time() - start)
    return best * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=10)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args()
    text = corpus_text(args.corpus, args.mb)
    mb = len(text.encode("utf-8")) / 1e6
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.txt"
        path.write_text(text, encoding="utf-8")
        ms = cpu_ms(lambda: load_document(path))
        print(f"load_document, {mb:.1f} MB UTF-8 file: {ms:6.0f} ms CPU, {mb / ms * 1000:6.1f} MB/s")
    for label, variant in (("CRLF newlines", text.replace("\n", "\r\n")),
                           ("an escape every ~300 chars", text.replace("،", "\x1b[31m،"))):
        ms = cpu_ms(lambda: clean_text(variant))
        print(f"clean_text, {label}: {ms:6.0f} ms CPU, {mb / ms * 1000:6.1f} MB/s")


if __name__ == "__main__":
    main()
