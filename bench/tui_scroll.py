"""Scrolling a 10 MB article: time per screen redraw and memory against the text size.

The article is built from SaudiNewsNet articles (../shared/corpora, read
from the zips, never copied): each corpus article becomes a section with its
title as heading, and every «…» / "…" span becomes a quote, so highlighting
is exercised too. The app runs headless at 120x35.

Reported:
- open: how long opening the article blocks the UI, and when the last quote row is in its pane,
- article pane redraw: all visible lines of a page not seen before (cache cold),
- full frame: CPU time from a page-down key to its frame, end to end through Textual (headless;
  includes the test pilot's own key handling), and the strips (Textual's screen lines and line
  pieces) built per frame: a count that the machine's other load cannot blur,
- memory: Python allocations still live after opening and scrolling (article model with its text,
  app, layout caches; tracemalloc, in a second run), against the text's UTF-8 size.

    python bench/tui_scroll.py [--megabytes 10] [--pages 200] [--profile 40]

--profile N: run the page-down frames once under cProfile and print the N costliest functions
(cumulative and own time), instead of the timings; the profiler slows everything, so its
numbers are shares, not frame times.
"""
from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import json
import os
import pstats
import random
import re
import statistics
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

from confreader.display import BidiMode
from confreader.model import Article, Paragraph, Quote, Section
from confreader.tui.app import ReaderApp
from confreader.tui.article_view import ArticleView
from confreader.tui.panes import QuotesPane

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpora" / "saudinewsnet"
QUOTE_MARKS = re.compile(r"«[^»\n]{3,400}»|\"[^\"\n]{3,400}\"")


def corpus_articles():
    for path in sorted(CORPUS.glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                yield from json.loads(z.read(name))


def big_article(megabytes: float) -> Article:
    """Corpus articles concatenated until the text reaches `megabytes` MB of UTF-8."""
    chunks, sections, quotes = [], [], []
    pos, size, target = 0, 0, int(megabytes * 1_000_000)
    for item in corpus_articles():
        title = " ".join((item.get("title") or "").split()) or "—"
        lines = [line.strip() for line in (item.get("content") or "").splitlines() if line.strip()]
        if not lines:
            continue
        heading = (pos, pos + len(title))
        section = Section(title, heading, pos, pos, [])
        chunks.append(title)
        pos += len(title) + 1
        for line in lines:
            section.paragraphs.append(Paragraph(pos, pos + len(line)))
            quotes.extend(Quote(f"q{len(quotes) + 1}", "direct", pos + m.start() + 1, pos + m.end() - 1,
                                section=len(sections)) for m in QUOTE_MARKS.finditer(line))
            chunks.append(line)
            pos += len(line) + 1
        section.end = pos - 1
        sections.append(section)
        size += sum(len(c.encode()) + 1 for c in chunks[-len(lines) - 1:])
        if size >= target:
            break
    return Article(source="saudinewsnet-concatenated", text="\n".join(chunks), title="SaudiNewsNet, concatenated",
                   sections=sections, quotes=quotes)


async def scroll(article: Article, pages: int,
                 profiler: cProfile.Profile | None = None) -> dict[str, list[float] | float]:
    app = ReaderApp([], bidi_mode=BidiMode.APP)
    app.animation_level = "none"  # time the redraw, not the smooth-scroll animation
    results: dict[str, list[float] | float] = {}
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        summary = app.add_article(article)  # as the loading worker adds it
        start = time.perf_counter()
        app.open_article(summary.id)  # the real path: article pane and every navigation pane
        results["open"] = time.perf_counter() - start
        quotes_pane = app.reader.query_one(QuotesPane)
        while quotes_pane.option_count < len(article.quotes):  # rows arrive a batch per frame
            await pilot.pause(0.01)
        results["filled"] = time.perf_counter() - start
        await pilot.pause()
        view = app.reader.query_one(ArticleView)
        height = view.scrollable_content_region.height
        rng = random.Random(7)
        pane = []
        for _ in range(pages):
            view.scroll_to(y=rng.randrange(0, max(1, view.max_scroll_y)), animate=False)
            view._strips.clear()
            start = time.perf_counter()
            for y in range(height):
                view.render_line(y)
            pane.append(time.perf_counter() - start)
        results["pane"] = pane
        view.focus()
        view.scroll_to(y=0, animate=False)
        await pilot.pause()
        frames = []
        strips_before = built_strips[0]
        if profiler is not None:
            profiler.enable()
        for _ in range(pages):
            # CPU time, not wall time: the pilot's own waits for idle are not redraw work.
            start = time.process_time()
            await pilot.press("pagedown")
            await pilot.pause()
            frames.append(time.process_time() - start)
        if profiler is not None:
            profiler.disable()
        results["frame"] = frames
        results["strips"] = (built_strips[0] - strips_before) / pages
        assert view.scroll_y >= pages, "every page-down must have scrolled"
        idle = []
        for _ in range(pages):
            start = time.process_time()
            await pilot.press("x")  # bound to nothing: what a key costs the pilot and Textual alone
            await pilot.pause()
            idle.append(time.process_time() - start)
        results["idle"] = idle
        if tracemalloc.is_tracing():
            gc.collect()
            results["live"] = float(tracemalloc.get_traced_memory()[0])
        results["lines"] = float(view.virtual_size.height)
    return results


built_strips = [0]


def count_strips() -> None:
    """Count every Strip Textual builds (compositing cost in a unit other load does not change)."""
    from textual.strip import Strip

    original = Strip.__init__

    def counting(self, *args, **kwargs):
        built_strips[0] += 1
        original(self, *args, **kwargs)

    Strip.__init__ = counting


def describe(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return f"median {statistics.median(ordered) * 1000:6.2f} ms, p95 {p95 * 1000:6.2f} ms, max {ordered[-1] * 1000:6.2f} ms"


def profile_frames(article: Article, pages: int, top: int) -> None:
    """The PgDn frames under cProfile: where a frame's time goes, by cumulative and by own time."""
    profiler = cProfile.Profile()
    asyncio.run(scroll(article, pages, profiler))
    stats = pstats.Stats(profiler)
    print(f"{pages} PgDn frames under cProfile (all functions' times are inflated alike)")
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def main() -> None:
    # A private state folder: no remembered theme or position from the user's own sessions.
    os.environ["CONFREADER_STATE_DIR"] = tempfile.mkdtemp(prefix="confreader-bench-")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--megabytes", type=float, default=10.0)
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--profile", type=int, metavar="N", help="profile the PgDn frames; print the N costliest functions")
    args = ap.parse_args()
    article = big_article(args.megabytes)
    if args.profile:
        profile_frames(article, args.pages, args.profile)
        return
    text_bytes = len(article.text.encode("utf-8"))
    results = asyncio.run(scroll(article, args.pages))
    print(f"article: {text_bytes / 1e6:.1f} MB UTF-8, {len(article.text):,} characters, "
          f"{len(article.sections):,} sections, {len(article.paragraphs()):,} paragraphs, "
          f"{len(article.quotes):,} quotes, {int(results['lines']):,} screen lines at 120x35")
    print(f"open: UI blocked {results['open'] * 1000:.0f} ms; every quote row in its pane after "
          f"{results['filled'] * 1000:.0f} ms (rows are added a batch per frame)")
    print(f"article pane redraw, cold page (33 lines), {args.pages} random pages: {describe(results['pane'])}")
    print(f"full frame after PgDn, CPU, {args.pages} pages:                   {describe(results['frame'])}")
    print(f"  of which a key that does nothing costs:                   {describe(results['idle'])}")
    del article
    gc.collect()
    # Memory in a second run: tracemalloc slows everything, so it must not touch the timings.
    # Strips are counted there too: the counting wrapper would slow the timed run.
    count_strips()
    tracemalloc.start()
    article = big_article(args.megabytes)
    second = asyncio.run(scroll(article, 20))
    live = second["live"]
    tracemalloc.stop()
    print(f"strips built per PgDn frame (Textual's lines and line pieces): {second['strips']:.0f}")
    print(f"memory while open, after scrolling: {live / 1e6:.0f} MB live Python allocations "
          f"= {live / text_bytes:.1f}x the text (article model and text, app, layout caches)")


if __name__ == "__main__":
    main()
