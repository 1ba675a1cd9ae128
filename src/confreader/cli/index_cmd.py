"""`confreader index PATH... [--db FILE] [--jobs N | --dask ADDRESS] [--rebuild] [--prune]`: parse into the on-disk index."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from confreader.cli.args import ArgumentParser
from confreader.sources.names import one_line


def build_parser() -> argparse.ArgumentParser:
    ap = ArgumentParser(prog="confreader index",
                        description="Parse article files into the on-disk index that search, export and the "
                                    "reader use. Unchanged files (same content) are skipped.")
    ap.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    add_db_argument(ap)
    ap.add_argument("--jobs", type=_jobs, default=os.cpu_count() or 1, metavar="N",
                    help="parse in N processes (default: one per CPU)")
    ap.add_argument("--dask", metavar="ADDRESS",
                    help="parse on the workers of the Dask cluster whose scheduler is at ADDRESS "
                         "(tcp://HOST:8786; needs pip install 'confreader[dask]'); --jobs is then unused")
    ap.add_argument("--rebuild", action="store_true", help="delete the index first and parse everything again")
    ap.add_argument("--prune", action="store_true",
                    help="also drop the articles of files under PATH that no longer exist")
    return ap


def add_db_argument(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--db", metavar="FILE",
                    help="the index database (default: $CONFREADER_DB, else library.db in the user data folder)")


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if not 1 <= jobs <= 256:
        raise argparse.ArgumentTypeError("must be 1 to 256")
    return jobs


def _say(line: str) -> None:
    print(f"confreader: {line}", file=sys.stderr, flush=True)


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    from confreader.library.indexing import ClusterProblem, index_paths
    from confreader.library.schema import DatabaseProblem
    from confreader.library.sqlite import default_db_path

    db = default_db_path() if args.db is None else Path(args.db)
    errors = 0

    def report(line: str) -> None:
        nonlocal errors
        errors += 1
        _say(line)

    try:
        with _progress(sys.stderr) as progress:
            summary = index_paths(args.paths, db, args.jobs, rebuild=args.rebuild, prune=args.prune,
                                  report=report, warn=_say, progress=progress, dask=args.dask)
    except (DatabaseProblem, ClusterProblem) as e:
        _say(str(e))
        return 2
    except KeyboardInterrupt:
        _say(f"{one_line(db)}: interrupted; every file written so far is kept, run again to resume")
        return 130
    parts = [f"{summary.articles} articles from {summary.indexed} files", f"{summary.unchanged} unchanged"]
    if summary.failed:
        parts.append(f"{summary.failed} failed")
    if summary.removed:
        parts.append(f"{summary.removed} removed")
    rate = summary.articles / summary.seconds if summary.seconds > 0 else 0.0
    _say(f"{one_line(db)}: {', '.join(parts)} in {summary.seconds:.1f} s ({rate:.0f} articles/s)")
    if summary.failed and not (summary.indexed or summary.unchanged):
        return 2
    return 1 if summary.failed or errors else 0


@contextmanager
def _progress(stream) -> Iterator[object]:
    """A Rich bar with articles/s and the time left on a terminal; nothing on a pipe."""
    from confreader.library.indexing import Progress

    if not stream.isatty():
        yield Progress()
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn

    bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
              TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
              console=Console(file=stream, markup=False, highlight=False), transient=True)
    # Until the files are hashed, nobody knows how many need parsing.
    task = bar.add_task("comparing files with the index", total=None, rate="")
    articles = 0

    def start(total: int) -> None:
        bar.update(task, total=total, description="indexing")

    def advance(count: int) -> None:
        nonlocal articles
        articles += count
        elapsed = bar.tasks[0].elapsed or 0.0
        rate = f"{articles / elapsed:.0f} articles/s" if elapsed > 0 else ""
        bar.update(task, advance=1, rate=rate)

    with bar:
        yield Progress(start=start, advance=advance)
