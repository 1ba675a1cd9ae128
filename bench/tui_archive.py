"""The reader over an archive of N articles: how long the library takes to show, to move, and
how long 200 search results take to appear.

The archive is synthetic (N summaries made on demand by count()/page(), every article the
sample article) so what is measured is the reader's own work, not the index's:

    python bench/tui_archive.py              # 31,000 articles
    python bench/tui_archive.py -n 1000
    python bench/tui_archive.py --db FILE    # a real index (`confreader index`) instead

Prints: launch to the library's rows on screen; CPU per key (j, PgDn, End, Home, o) on the
library; search results on screen for a query with 200 hits, against building those 200
rows up front as the list did before (one OptionList option per hit); RSS.
"""
from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import time
from pathlib import Path

from confreader.library import ArticleSummary, InMemoryLibrary, QuoteHit
from confreader.loading import load_article
from confreader.tui.app import ReaderApp
from confreader.tui.hit_list import HitList
from confreader.tui.library_screen import ArticleTable
from confreader.tui.search import hit_row
from confreader.tui.palette import palette_of

SAMPLE = Path(__file__).resolve().parents[1] / "articles" / "tunis-it-crime-conference.txt"


class SyntheticArchive:
    """count() and page() over N made-up summaries; every article is the sample."""

    def __init__(self, count: int) -> None:
        self.n = count
        self.inner = InMemoryLibrary()
        self.inner.add(load_article(SAMPLE))
        self.article = self.inner.get("a1")

    def _summary(self, index: int) -> ArticleSummary:
        return ArticleSummary(id=f"a{index + 1}", title=f"{self.article.title} {index:05}", source="bench",
                              date=f"2015-{index % 12 + 1:02}-{index % 28 + 1:02}", quote_count=index % 17,
                              speaker_count=index % 5, direction="rtl", outlet=("aawsat", "okaz")[index % 2],
                              author=None)

    def count(self, filters=None) -> int:
        return self.n

    def page(self, offset, limit, sort="file", filters=None):
        return [self._summary(i) for i in range(offset, min(self.n, offset + limit))]

    def list(self):
        return [self._summary(i) for i in range(self.n)]

    def get(self, article_id):
        return self.article

    def summary(self, article_id):
        return self._summary(int(article_id[1:]) - 1)

    def speakers(self, article_id):
        return self.inner.speakers("a1")

    def failures(self):
        return []

    def search_speakers(self, query, limit=200):
        return self.inner.search_speakers(query, limit)

    def search_quotes(self, query, limit=200, full_text=False, **_):
        # 200 different stretches of the text, so no row is drawn from another's cached layout.
        span = len(self.article.text) - 300
        starts = [(i * 7919) % span for i in range(min(limit, 200))]
        return [QuoteHit(f"a{i + 1}", "", "direct", None, self.article.title, start, start + 250,
                         ((start + 10, start + 15),)) for i, start in enumerate(starts)]


def cpu() -> float:
    return time.process_time()


async def measure(count: int, db: str | None) -> None:
    if db is not None:
        from confreader.library.sqlite import SqliteLibrary

        archive = SqliteLibrary(db)
        count = archive.count()
    else:
        archive = SyntheticArchive(count)
    began = time.perf_counter()
    app = ReaderApp([], archive=archive, archive_name="bench.db")
    async with app.run_test(size=(120, 35)) as pilot:
        table = app.screen.query_one(ArticleTable)
        while not table.row_count or not table._lines.keys():
            await pilot.pause(0.005)
        shown = time.perf_counter() - began
        print(f"{count:,} articles: library rows on screen {shown * 1000:.0f} ms after launch")
        for key in ("j", "pagedown", "end", "home", "o"):
            times = []
            for _ in range(10 if key != "o" else 5):
                start = cpu()
                await pilot.press(key)
                await pilot.pause()
                times.append((cpu() - start) * 1000)
            print(f"  key {key:8} CPU median {statistics.median(times):5.1f} ms, max {max(times):5.1f} ms")
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        start = cpu()
        screen.run_search("الأمن")
        await pilot.pause()
        lazy = (cpu() - start) * 1000
        results = screen.query_one(HitList)
        width = results.scrollable_content_region.width
        start = cpu()
        style = palette_of(app).match
        for hit in screen.hits:
            hit_row(hit, archive.get(hit.article_id), width, app.display_options, style)
        eager = (cpu() - start) * 1000
        print(f"  200 search results on screen: {lazy:.1f} ms CPU (rows drawn: {len(results._lines.keys()) // 2});"
              f" shaping all 200 rows (what the list did first, before laying them out): {eager:.1f} ms")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS {rss:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=31_000, help="articles in the synthetic archive")
    parser.add_argument("--db", help="measure over this index instead")
    args = parser.parse_args()
    asyncio.run(measure(args.n, args.db))


if __name__ == "__main__":
    main()
