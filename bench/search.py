"""Search-as-you-type over the quotes of many real articles (target: < 50 ms per keystroke).

Loads N SaudiNewsNet articles, parses each with confreader.extract.parse_text
(in a process pool), adds them to an InMemoryLibrary, then types realistic
queries one character at a time, timing search_quotes for every prefix; then
types again while a thread adds the same articles to a fresh library, as the
TUI does while it loads. Full garbage-collector passes during typing are
reported too: on a heap this size they, not the search, are the long pauses.

    python bench/search.py                      # 20,000 articles, 2 parsing processes
    python bench/search.py -n 2000 --jobs 1     # a quick run

--every-paragraph also indexes every paragraph as a quote: an upper bound
(the whole text searched). The corpus is read in place, never copied.
"""
from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import threading
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from confreader.extract import parse_text
from confreader.library import InMemoryLibrary
from confreader.model import Article, Quote

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "saudinewsnet"

QUERIES = [
    "الأمن",
    "قال",
    "المملكة العربية",
    "وزير الخارجية",
    "الرِّيَاضُ",         # typed with harakat; the text mostly has none
    "إن المملكة",         # hamza under alef; the text often writes ان
    "facebook",           # Latin, lower case; the text has "Facebook"
    "zqxj",               # no match anywhere: a full scan on every keystroke
]


def read_corpus(limit: int) -> list[tuple[str, str, str, str]]:
    """(source, title, date, content) for the first `limit` articles, in day order."""
    out: list[tuple[str, str, str, str]] = []
    for zip_path in sorted(CORPUS.glob("*.zip")):
        with zipfile.ZipFile(zip_path) as z:
            for name in z.namelist():
                for i, item in enumerate(json.loads(z.read(name))):
                    out.append((f"{zip_path.name}:{name}#{i}", item.get("title") or "",
                                (item.get("date_extracted") or "")[:10], item.get("content") or ""))
                    if len(out) >= limit:
                        return out
    return out


def parse_one(record: tuple[str, str, str, str], every_paragraph: bool) -> Article | tuple[str, str]:
    """The parsed article, or (source, reason) when the parser fails on it."""
    source, title, date, content = record
    try:
        article = parse_text(content, source=source, fmt="text")
    except Exception as e:  # counted as the reader counts a file it cannot open
        return source, f"{type(e).__name__}: {e}"
    article.title = article.title or title or None
    if date:
        article.metadata.setdefault("date", date)
    if every_paragraph:
        add_paragraph_quotes(article)
    return article


def add_paragraph_quotes(article: Article) -> None:
    """Every paragraph the parser did not report, as an extra quote (the search's upper bound)."""
    taken = {(q.start, q.end) for q in article.quotes}
    for n, p in enumerate(article.paragraphs(), start=1):
        if (p.start, p.end) not in taken:
            article.quotes.append(Quote(id=f"bench{n}", kind="direct", start=p.start, end=p.end))
    article.quotes.sort(key=lambda q: q.start)


def parse_all(records, jobs: int, every_paragraph: bool) -> list[Article | tuple[str, str]]:
    if jobs <= 1:
        return [parse_one(r, every_paragraph) for r in records]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(parse_one, records, [every_paragraph] * len(records), chunksize=200))


class FullCollections:
    """Times the garbage collector's full (generation 2) passes: a pause the user
    feels on a big heap, whatever the search itself costs."""

    def __init__(self) -> None:
        self.pauses_ms: list[float] = []
        self._started = 0.0

    def __enter__(self) -> FullCollections:
        gc.callbacks.append(self._observe)
        return self

    def __exit__(self, *exc) -> None:
        gc.callbacks.remove(self._observe)

    def _observe(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses_ms.append((time.perf_counter() - self._started) * 1000)

    def summary(self) -> str:
        if not self.pauses_ms:
            return "no full GC pass"
        return f"{len(self.pauses_ms)} full GC pass(es), longest {max(self.pauses_ms):.0f} ms"


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=20_000)
    parser.add_argument("--jobs", type=int, default=2, help="parsing processes")
    parser.add_argument("--limit", type=int, default=200, help="search_quotes limit")
    parser.add_argument("--every-paragraph", action="store_true",
                        help="also index every paragraph as a quote: the search's upper bound")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"bench/search.py: {CORPUS}: corpus folder not found", file=sys.stderr)
        return 1

    t0 = time.perf_counter()
    records = read_corpus(args.articles)
    t1 = time.perf_counter()
    parsed = parse_all(records, args.jobs, args.every_paragraph)
    t2 = time.perf_counter()
    articles = [a for a in parsed if isinstance(a, Article)]
    rss_before = rss_mb()
    library = InMemoryLibrary()
    for article in parsed:
        if isinstance(article, Article):
            library.add(article)
        else:
            library.add_failure(*article)
    t3 = time.perf_counter()
    quotes = sum(len(a.quotes) for a in articles)
    quote_chars = sum(q.end - q.start for a in articles for q in a.quotes)
    text_chars = sum(len(a.text) for a in articles)
    print(f"articles {len(articles)}  ({text_chars / 1e6:.1f} M chars)  quotes indexed {quotes}"
          f"  ({quote_chars / 1e6:.2f} M chars){'  [every paragraph indexed]' if args.every_paragraph else ''}")
    print(f"read {t1 - t0:.1f} s  parse {t2 - t1:.1f} s (jobs={args.jobs})  index {t3 - t2:.2f} s")
    if library.failures():
        first = library.failures()[0]
        print(f"parser failed on {len(library.failures())} articles, e.g. {first.source}: {first.reason}")
    print(f"memory: RSS {rss_mb():.0f} MB, of which the library (summaries and folded indexes) "
          f"{rss_mb() - rss_before:.0f} MB")

    with FullCollections() as collections:
        report_typing(library, args.limit)
    print(f"  (during typing: {collections.summary()})")
    with FullCollections() as collections:
        report_typing_while_loading(articles, args.limit)
    print(f"  (during typing while loading: {collections.summary()})")
    return 0


def report_typing(library: InMemoryLibrary, limit: int) -> None:
    all_ms: list[float] = []
    # The query comes last on each line: Arabic in a fixed-width column misaligns the rest.
    print(f"\n{'keys':>4} {'median':>8} {'p95':>8} {'max':>8} {'hits':>5}  query")
    for query in QUERIES:
        times = []
        hits = []
        for k in range(1, len(query) + 1):
            start = time.perf_counter()
            hits = library.search_quotes(query[:k], limit=limit)
            times.append((time.perf_counter() - start) * 1000)
        all_ms.extend(times)
        print(f"{len(query):>4} {statistics.median(times):>6.2f}ms {percentile(times, 95):>6.2f}ms "
              f"{max(times):>6.2f}ms {len(hits):>5}  {query}")
    print(f"\nall {len(all_ms)} keystrokes: median {statistics.median(all_ms):.2f} ms  "
          f"p95 {percentile(all_ms, 95):.2f} ms  max {max(all_ms):.2f} ms  (target < 50 ms)")


def report_typing_while_loading(articles: list[Article], limit: int) -> None:
    """The TUI's first seconds: a loader thread adds articles while the user types."""
    library = InMemoryLibrary()
    loader = threading.Thread(target=lambda: [library.add(a) for a in articles])
    times: list[float] = []
    loader.start()
    while loader.is_alive():
        for query in QUERIES:
            for k in range(1, len(query) + 1):
                start = time.perf_counter()
                library.search_quotes(query[:k], limit=limit)
                times.append((time.perf_counter() - start) * 1000)
    loader.join()
    if times:
        print(f"while loading, {len(times)} keystrokes: median {statistics.median(times):.2f} ms  "
              f"p95 {percentile(times, 95):.2f} ms  max {max(times):.2f} ms")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


if __name__ == "__main__":
    sys.exit(main())
