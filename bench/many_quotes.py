"""Key handling on an article with very many quotes: CPU time per key against the quote count.

A JSON article (made up: one sentence repeated, each sentence a quote by one of
50 speakers, 5,000 quotes to a paragraph) with 1k, 10k and 100k quotes is opened headless at 120x35; then
each key is pressed a few times and its handling timed (CPU, the key's frame
included). A key's cost should not grow with the number of quotes.

    python bench/many_quotes.py [--counts 1000 10000 100000] [--per-paragraph 5000]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from confreader.export.json_schema import article_to_dict
from confreader.model import Article, Paragraph, Quote, Section, Speaker
from confreader.tui.app import ReaderApp
from confreader.tui.panes import QuotesPane

SENTENCE = "قال المتحدث إن التعاون مستمر بين الدول العربية. "
# (keys pressed before, key timed): in the article, in the quotes pane, the speakers pane.
KEYS = [("a", "j"), ("a", "space"), ("u", "j"), ("u", "pagedown"), ("s", "j"), ("t", "j"), ("a", "m")]


def many_quotes(count: int, per_paragraph: int) -> Article:
    text = SENTENCE * count
    width = len(SENTENCE)
    speakers = [Speaker(f"s{i}", f"المتحدث {i}") for i in range(50)]
    quotes = [Quote(f"q{i + 1}", "indirect", i * width + 12, (i + 1) * width - 2, speaker=f"s{i % 50}")
              for i in range(count)]
    paragraphs = [Paragraph(start * width, min(count, start + per_paragraph) * width - 1)
                  for start in range(0, count, per_paragraph)]
    section = Section(None, None, 0, len(text), paragraphs)
    return Article(source="many.json", text=text, title="مقالة بكثير من الاقتباسات", sections=[section],
                   speakers=speakers, quotes=quotes)


async def time_keys(path: Path, count: int, repeats: int) -> dict[str, float]:
    app = ReaderApp([path])
    async with app.run_test(size=(120, 35)) as pilot:
        while app.reader.article is None:
            await pilot.pause(0.05)
        pane = app.reader.query_one(QuotesPane)
        while pane.option_count < count:  # rows arrive a batch per frame
            await pilot.pause(0.05)
        await pilot.pause()
        results = {}
        for before, key in KEYS:
            await pilot.press(before)
            samples = []
            for _ in range(repeats):
                started = time.process_time()
                await pilot.press(key)
                samples.append(time.process_time() - started)
            results[f"{before} {key}"] = statistics.median(samples) * 1000
        return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--counts", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--per-paragraph", type=int, default=5000,
                    help="quotes per paragraph (a long transcript is one paragraph of many quotes)")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="confreader-quotes-"))
    table = {}
    for count in args.counts:
        path = folder / f"many-{count}.json"
        article = many_quotes(count, args.per_paragraph)
        path.write_text(json.dumps(article_to_dict(article), ensure_ascii=False), encoding="utf-8")
        table[count] = asyncio.run(time_keys(path, count, args.repeats))
    keys = list(next(iter(table.values())))
    print("median CPU ms per key (key's frame included; focus key, then the key timed)")
    print(f"{'quotes':>8} " + " ".join(f"{k:>11}" for k in keys))
    for count, row in table.items():
        print(f"{count:>8} " + " ".join(f"{row[k]:>11.1f}" for k in keys))
    return 0


if __name__ == "__main__":
    sys.exit(main())
