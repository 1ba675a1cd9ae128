#!/usr/bin/env python3
"""Index N SaudiNewsNet articles: wall time, articles/s, database size against the text,
re-index time when nothing changed, and search per keystroke through the library API.

Usage: python3 bench/index.py [--limit N ...] [--jobs N] [--corpus DIR] [--keep DIR]
Until the multi-record readers land, the first N records of the corpus zips are
written as .txt files (title, blank line, content) to a temporary folder, which
is then indexed as a user would: `index_paths` (what `confreader index` runs).
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from confreader.library.indexing import index_paths
from confreader.library.sqlite import SORTS, SqliteLibrary

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "saudinewsnet"
# Typed a letter at a time: every prefix is one keystroke's search.
QUERIES = ("وزير الداخلية", "الأمن", "قال إن", "المملكة العربية السعودية", "داعش", "Obama")


def write_records(corpus: Path, limit: int, folder: Path) -> int:
    """The first `limit` records as text files; the UTF-8 bytes written."""
    written = count = 0
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if not name.endswith(".json"):
                    continue
                for record in json.loads(zf.read(name).decode("utf-8")):
                    data = f"{record.get('title') or ''}\n\n{record.get('content') or ''}\n".encode("utf-8")
                    (folder / f"{count:06}.txt").write_bytes(data)
                    written += len(data)
                    count += 1
                    if count >= limit:
                        return written
    return written


def keystrokes(library: SqliteLibrary, full_text: bool) -> list[float]:
    times = []
    for query in QUERIES:
        for end in range(1, len(query) + 1):
            began = time.perf_counter()
            library.search_quotes(query[:end], limit=200, full_text=full_text)
            times.append((time.perf_counter() - began) * 1000)
    return times


def cpu_seconds() -> tuple[float, float]:
    """User+system CPU of this process (the writer), and of its finished parsing processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def bench(corpus: Path, limit: int, jobs: int, keep: Path | None) -> None:
    with tempfile.TemporaryDirectory(prefix="confreader-bench-") as tmp:
        base = keep or Path(tmp)
        folder = base / f"articles-{limit}"
        folder.mkdir(parents=True, exist_ok=True)
        text_bytes = write_records(corpus, limit, folder)
        db = base / f"index-{limit}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        began, cpu = time.perf_counter(), cpu_seconds()
        first = index_paths([folder], db, jobs)
        wall = time.perf_counter() - began
        own_cpu, parse_cpu = (now - then for now, then in zip(cpu_seconds(), cpu))
        began = time.perf_counter()
        again = index_paths([folder], db, jobs)
        rewall = time.perf_counter() - began
        db_bytes = sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal", "-shm") if Path(f"{db}{s}").exists())
        library = SqliteLibrary(db)
        quotes = library.search_quotes  # warm the page cache once, as a reader that just opened would
        quotes("ا")
        q_times = keystrokes(library, full_text=False)
        t_times = keystrokes(library, full_text=True)
        print(f"{limit:>6} articles ({first.articles} indexed, {first.failed} failed), {text_bytes / 1e6:.1f} MB text, "
              f"--jobs {jobs}")
        print(f"       index: {wall:.1f} s wall, {first.articles / wall:.0f} articles/s; "
              f"unchanged re-index: {rewall:.2f} s ({again.unchanged} files skipped)")
        print(f"       CPU: writer (this process) {own_cpu:.1f} s, parsing processes {parse_cpu:.1f} s "
              f"= {(own_cpu + parse_cpu) / first.articles * 1000:.2f} ms an article")
        print(f"       database: {db_bytes / 1e6:.1f} MB = {db_bytes / text_bytes:.2f}x the text")
        for name, times in (("quotes", q_times), ("full text", t_times)):
            print(f"       search {name:>9}, {len(times)} keystrokes: p50 {statistics.median(times):.1f} ms, "
                  f"p95 {percentile(times, 95):.1f} ms, max {max(times):.1f} ms")
        middle = library.count() // 2
        pages = []
        for sort in SORTS:
            began = time.perf_counter()
            library.page(middle, 50, sort)
            pages.append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        speakers = library.archive_speakers("", 200)
        everyone = (time.perf_counter() - began) * 1000
        began = time.perf_counter()
        said = library.speaker_quotes(speakers[0].name) if speakers else []
        one = (time.perf_counter() - began) * 1000
        print(f"       a page of 50 from the middle, each sort: max {max(pages):.1f} ms; speakers across the archive "
              f"(top 200) {everyone:.0f} ms; one speaker's {len(said)} quotes {one:.1f} ms")
        print(f"       peak RSS of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, "
              f"of a parsing process {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB")
        sys.stdout.flush()
        library.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, nargs="+", default=[1000, 5000], metavar="N",
                    help="article counts to measure (default 1000 5000; the corpus has 31030)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--keep", type=Path, help="write the articles and databases here instead of a temporary folder")
    args = ap.parse_args(argv)
    for limit in args.limit:
        bench(args.corpus, limit, args.jobs, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
