#!/usr/bin/env python3
"""Parse speed over the SaudiNewsNet corpus: articles/s, MB/s of UTF-8 text, peak memory.

Usage: python3 bench/parse.py [--limit N] [--jobs N] [--corpus DIR]
Reads ../shared/corpora/saudinewsnet/*.zip (relative to the repository) with
zipfile + json and runs the whole extraction (parse_text) on every article's
content. Decoding is not timed: it is cheap next to extraction. Last, it times
the first parse in a fresh process (imports and model loads).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from confreader.extract import parse_text

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "saudinewsnet"


def load_articles(corpus: Path, limit: int | None) -> list[str]:
    texts: list[str] = []
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if not name.endswith(".json"):
                    continue
                for item in json.loads(zf.read(name).decode("utf-8")):
                    texts.append(item.get("content") or "")  # empty ones too: real input
                    if limit and len(texts) >= limit:
                        return texts
    return texts


def parse_chunk(texts: list[str]) -> int:
    quotes = 0
    for text in texts:
        quotes += len(parse_text(text).quotes)
    return quotes


def cpu_seconds() -> float:
    """User+system CPU time of this process and its finished workers."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # Linux reports KiB


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="parse only the first N articles")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    a = ap.parse_args(argv)
    if not any(a.corpus.glob("*.zip")):
        print(f"no corpus zips in {a.corpus}", file=sys.stderr)
        return 2
    texts = load_articles(a.corpus, a.limit)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    t0 = time.perf_counter()
    cpu0 = cpu_seconds()
    if a.jobs <= 1:
        quotes = parse_chunk(texts)
    else:
        size = max(1, len(texts) // (a.jobs * 8))
        chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
        with ProcessPoolExecutor(a.jobs) as pool:
            quotes = sum(pool.map(parse_chunk, chunks))
    elapsed = time.perf_counter() - t0
    cpu = cpu_seconds() - cpu0
    print(f"articles: {len(texts)}  text: {megabytes:.1f} MB  jobs: {a.jobs}  quotes: {quotes}")
    print(f"time: {elapsed:.2f} s  {len(texts) / elapsed:.0f} articles/s  {megabytes / elapsed:.2f} MB/s")
    # On a shared machine wall time depends on the neighbours; CPU time is the parser's own.
    print(f"cpu: {cpu:.2f} s  {megabytes / cpu:.2f} MB per CPU-second")
    print(f"peak memory (RSS): {peak_rss_mb():.0f} MB")
    print(f"first parse in a fresh process (imports and model loads): {first_parse_seconds():.2f} s")
    return 0


# An article whose speaker is first known by a role only, so the mention tagger loads too.
_FIRST_ARTICLE = ("وقال وزير الخارجية الصيني وانغ يي في مؤتمر صحفي إن بلاده تدعم الحل السياسي.\n"
                  'وأضاف وانغ: "المحادثات ستستأنف الشهر المقبل".')
_FIRST_PARSE = f"""
import time
t = time.perf_counter()
from confreader.extract import parse_text
article = parse_text({_FIRST_ARTICLE!r})
assert article.quotes and article.quotes[0].speaker
print(time.perf_counter() - t)
"""


def first_parse_seconds() -> float:
    """Wall time from a fresh interpreter to a parsed article: the extract package's imports,
    the attribution and quote models, and the tagger's model and word table."""
    out = subprocess.run([sys.executable, "-c", _FIRST_PARSE], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


if __name__ == "__main__":
    sys.exit(main())
