"""Display engine speed and memory on real Arabic news (targets in the comments below).

Concatenates SaudiNewsNet article bodies into one article of --mb megabytes
(UTF-8), one paragraph per non-empty line, then measures at --width cells:

- full layout: every paragraph laid out and every line drawn (MB/s; target >= 1 MB/s);
- count_lines over the whole article (what a scroll bar needs);
- one 40-line screen from the middle of the article, cold (every cache emptied)
  and cached (target < 5 ms cold, < 1 ms cached), plain and with quote spans;
- memory kept by the whole article's layout, drawn (target < 10x the text);
- the share of words the fast joiner shapes (the rest go to arabic-reshaper);
- arabic_reshaper.reshape + bidi.get_display over the same lines, with ratios.

    python bench/layout.py                 # 10 MB, width 100
    python bench/layout.py --mb 1          # a quick run

The corpus is read in place from ../shared/corpora/saudinewsnet, never copied.
"""
from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
import tracemalloc
import zipfile
from collections import Counter
from pathlib import Path

import arabic_reshaper
from bidi import get_display
from rich.style import Style

from confreader.display import StyledSpan, count_lines, layout_paragraph
from confreader.display import layout as layout_module
from confreader.display import shaping

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "saudinewsnet"
SCREEN_LINES = 40
QUOTE = Style(color="cyan")


def read_article(megabytes: float) -> str:
    """Article bodies joined by newlines until the text is `megabytes` of UTF-8."""
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    for zip_path in sorted(CORPUS.glob("*.zip")):
        with zipfile.ZipFile(zip_path) as z:
            for name in z.namelist():
                for item in json.loads(z.read(name)):
                    content = item.get("content") or ""
                    parts.append(content)
                    size += len(content.encode("utf-8")) + 1
                    if size >= target:
                        return "\n".join(parts)
    sys.exit(f"the corpus at {CORPUS} holds only {size / 1e6:.1f} MB")


def empty_caches() -> None:
    layout_module._layout.cache_clear()
    layout_module._prepare.cache_clear()
    shaping._CACHES.clear()


def joiner_share(paragraphs: list[str]) -> str:
    """Share of the non-ASCII words (distinct, and all occurrences) the fast joiner shapes:
    those it covers as they are or once their marks are left out."""
    counts = Counter(w for text in paragraphs for w in text.split() if not w.isascii())
    joined = [w for w in counts if shaping._JOINER.covers(w) or shaping._JOINER.covers(shaping._bases(w))]
    return (f"{len(joined) / len(counts):.1%} of {len(counts):,} distinct non-ASCII words, "
            f"{sum(map(counts.__getitem__, joined)) / sum(counts.values()):.2%} of their occurrences")


def draw(paragraphs: list[str], width: int) -> list:
    layouts = []
    for text in paragraphs:
        layout = layout_paragraph(text, width)
        for line in layout.lines:
            line.to_segments()
        layouts.append(layout)
    return layouts


def screen(paragraphs: list[str], first: int, width: int, styled: bool) -> int:
    """Draw SCREEN_LINES lines starting at paragraph `first`; returns lines drawn."""
    drawn = 0
    index = first
    while drawn < SCREEN_LINES and index < len(paragraphs):
        text = paragraphs[index]
        spans = [StyledSpan(len(text) // 4, len(text) // 2, QUOTE)] if styled else []
        for line in layout_paragraph(text, width).lines:
            line.to_segments(spans)
            drawn += 1
            if drawn == SCREEN_LINES:
                break
        index += 1
    return drawn


def time_screens(paragraphs: list[str], width: int, styled: bool, repeats: int) -> tuple[float, float, float]:
    """Median CPU milliseconds for a screen from around the middle: cold (every cache
    empty), cold layout with the words' shapes already cached (as once a reader has
    read a little), and cached. CPU time: the machine's cores are shared with other work."""
    middle = len(paragraphs) // 2
    cold, shapes_warm, cached = [], [], []
    for k in range(repeats):
        first = middle + 7 * k
        empty_caches()
        t = time.process_time()
        screen(paragraphs, first, width, styled)
        cold.append(time.process_time() - t)
        layout_module._layout.cache_clear()
        layout_module._prepare.cache_clear()
        t = time.process_time()
        screen(paragraphs, first, width, styled)
        shapes_warm.append(time.process_time() - t)
        t = time.process_time()
        for _ in range(10):
            screen(paragraphs, first, width, styled)
        cached.append((time.process_time() - t) / 10)
    return tuple(statistics.median(times) * 1000 for times in (cold, shapes_warm, cached))  # type: ignore[return-value]


class Timer:
    """Wall and CPU seconds of a block."""

    def __enter__(self) -> Timer:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu

    def rate(self, megabytes: float) -> str:
        return (f"{self.cpu:6.2f} s CPU {megabytes / self.cpu:5.2f} MB/s"
                f"  ({self.wall:6.2f} s wall {megabytes / self.wall:5.2f} MB/s)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=10.0, help="article size in MB of UTF-8 (default 10)")
    ap.add_argument("--width", type=int, default=100)
    args = ap.parse_args()

    article = read_article(args.mb)
    megabytes = len(article.encode("utf-8")) / 1e6
    paragraphs = [line.strip() for line in article.split("\n") if line.strip()]
    print(f"article: {megabytes:.2f} MB, {len(article):,} characters, {len(paragraphs):,} paragraphs, "
          f"width {args.width}")

    empty_caches()
    gc.collect()
    with Timer() as full:
        layouts = draw(paragraphs, args.width)
    lines = [(text, line.start, line.end) for text, layout in zip(paragraphs, layouts) for line in layout.lines]
    print(f"full layout + drawing:   {full.rate(megabytes)}  {len(lines):,} lines")
    del layouts

    empty_caches()
    with Timer() as counting:
        total = sum(count_lines(text, args.width) for text in paragraphs)
    assert total == len(lines)
    print(f"count_lines, cold:       {counting.rate(megabytes)}")
    print(f"fast joiner shapes:      {joiner_share(paragraphs)}")

    for styled in (False, True):
        cold, shapes_warm, cached = time_screens(paragraphs, args.width, styled, repeats=15)
        label = "with quote spans" if styled else "plain"
        print(f"40-line screen, middle, {label:16}: cold {cold:5.2f} ms, cold with word shapes cached "
              f"{shapes_warm:5.2f} ms, cached {cached:5.3f} ms (CPU)")

    text_bytes = len(article.encode("utf-8"))
    empty_caches()
    gc.collect()
    tracemalloc.start()
    layouts = draw(paragraphs, args.width)
    kept, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"memory kept by the drawn layout, word shape cache included: {kept / 1e6:6.1f} MB "
          f"= {kept / text_bytes:4.1f}x the text ({text_bytes / 1e6:.1f} MB UTF-8)")
    # Again with the (shared, bounded) word shape cache already full: the layout's own part.
    del layouts
    layout_module._layout.cache_clear()
    layout_module._prepare.cache_clear()
    gc.collect()
    tracemalloc.start()
    layouts = draw(paragraphs, args.width)
    own, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    words = sum(len(cache._entries) for cache in shaping._CACHES.values())
    print(f"  of which the layout itself: {own / 1e6:6.1f} MB = {own / text_bytes:4.1f}x, "
          f"the word shape cache ({words:,} words): {(kept - own) / 1e6:6.1f} MB")
    del layouts

    logical = [text[start:end] for text, start, end in lines]
    with Timer() as reshaping:
        reshaped = [arabic_reshaper.reshape(line) for line in logical]
    with Timer() as reordering:
        for line in reshaped:
            get_display(line)
    floor = reshaping.cpu + reordering.cpu
    print(f"arabic_reshaper.reshape: {reshaping.rate(megabytes)}")
    print(f"bidi.get_display:        {reordering.rate(megabytes)}")
    print(f"reshape + get_display:   {floor:6.2f} s CPU -> confreader's full layout takes "
          f"{full.cpu / floor:.2f}x their CPU time ({floor / full.cpu:.2f}x their speed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
