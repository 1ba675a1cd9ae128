#!/usr/bin/env python3
"""Files of many articles: time and memory of reading them through iter_file_articles.

Usage: python3 bench/records.py [--day 2015-07-21] [--tiny 1000000] [--tiny-parsed 100000]

1. One SaudiNewsNet day (a zip holding a JSON list), read in place and parsed
   article by article: articles/s and the growth of peak RSS (nothing is kept).
2. A JSON list of --tiny tiny records: reading the records alone, then
   --tiny-parsed of them parsed into articles; RSS growth against the file's size.
3. trafilatura: its import time and one saved page extracted and parsed.
Each part runs in a fresh interpreter so its peak memory is its own.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "saudinewsnet"

_COMMON = """
import resource, sys, time
def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
from confreader.loading import iter_file_articles
from confreader.sources import SourceError
"""

_ARTICLES = _COMMON + """
limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
before = peak_mb()
start, cpu = time.perf_counter(), time.process_time()
articles = errors = quotes = 0
for item in iter_file_articles(sys.argv[1], warn=lambda w: None):
    if isinstance(item, SourceError):
        errors += 1
    else:
        articles += 1
        quotes += len(item.quotes)
    if limit and articles >= limit:
        break
wall, cpu = time.perf_counter() - start, time.process_time() - cpu
print(f"{articles:,} articles ({errors} errors, {quotes:,} quotes) in {wall:.2f} s wall, {cpu:.2f} s CPU: "
      f"{articles / cpu:,.0f} articles/s CPU; peak RSS grew {peak_mb() - before:.0f} MB")
"""

_RECORDS = """
import resource, sys, time
def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
from confreader.sources.decode import decode_bytes, read_file_bytes
from confreader.sources.records import Record, iter_records
decode_bytes(read_file_bytes(sys.argv[1]))
before = peak_mb()
start = time.process_time()
count = sum(1 for r in iter_records(sys.argv[1]) if isinstance(r, Record))
cpu = time.process_time() - start
print(f"{count:,} records read in {cpu:.2f} s CPU ({cpu / count * 1e6:.1f} us each); "
      f"peak RSS grew {peak_mb() - before:.0f} MB beyond the file's own read and decode")
"""

_HTML = """
import time
start = time.perf_counter()
import trafilatura
print(f"import trafilatura: {(time.perf_counter() - start) * 1000:.0f} ms")
from confreader.loading import iter_file_articles
import sys
start = time.perf_counter()
[article] = list(iter_file_articles(sys.argv[1]))
first = time.perf_counter() - start
start = time.perf_counter()
for _ in range(20):
    list(iter_file_articles(sys.argv[1]))
print(f"a saved page extracted and parsed: first {first * 1000:.0f} ms, then {(time.perf_counter() - start) / 20 * 1000:.1f} ms each; "
      f"title {article.title!r}, outlet {article.metadata.get('outlet')!r}, {len(article.quotes)} quotes")
"""

PAGE = """<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8"><title>الوزير يفتتح المؤتمر</title>
<meta property="og:site_name" content="جريدة الاختبار"><meta name="author" content="سارة أحمد">
<meta property="article:published_time" content="2024-03-05"></head><body><nav><a href="/">الرئيسية</a></nav>
<article><h1>الوزير يفتتح المؤتمر</h1>""" + "".join(
    f"<p>وقال الوزير في كلمته رقم {n}: &quot;إن هذا المؤتمر خطوة مهمة نحو تعزيز التعاون العربي في مجال الأمن&quot;.</p>"
    for n in range(40)) + "</article><footer>جميع الحقوق محفوظة</footer></body></html>"


def run(script: str, *args: str) -> None:
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True)
    print("  " + (out.stdout.strip() or out.stderr.strip()).replace("\n", "\n  "))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--day", default="2015-07-21")
    ap.add_argument("--tiny", type=int, default=1_000_000)
    ap.add_argument("--tiny-parsed", type=int, default=100_000)
    a = ap.parse_args()
    day = CORPUS / f"{a.day}.zip"
    if day.is_file():
        print(f"{day.name}, read in place ({day.stat().st_size / 1e6:.1f} MB zip):")
        run(_ARTICLES, str(day))
    with tempfile.TemporaryDirectory() as tmp:
        tiny = Path(tmp) / "tiny.json"
        tiny.write_text("[" + ",".join(['{"content":"x"}'] * a.tiny) + "]", encoding="ascii")
        print(f"a JSON list of {a.tiny:,} tiny records ({tiny.stat().st_size / 1e6:.0f} MB):")
        run(_RECORDS, str(tiny))
        run(_ARTICLES, str(tiny), str(a.tiny_parsed))
        page = Path(tmp) / "page.html"
        page.write_text(PAGE, encoding="utf-8")
        print(f"HTML ({page.stat().st_size / 1e3:.0f} kB page):")
        run(_HTML, str(page))


if __name__ == "__main__":
    main()
