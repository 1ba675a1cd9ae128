#!/usr/bin/env python3
"""`confreader index --dask` on a local cluster: wall time, and the one writer's ceiling.

Usage: python3 bench/index_dask.py [--limit N] [--workers N] [--corpus DIR]
The first N SaudiNewsNet records are written as JSON lists of 20 to a temporary
folder and indexed by `confreader index --dask` (a subprocess) on a LocalCluster of
N one-thread worker processes. With --dask the indexer only hashes, unpickles and
writes, so articles / its CPU seconds is what one writer can take however many
workers parse: the single-writer limit.
"""
from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from distributed import LocalCluster

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "saudinewsnet"
PER_FILE = 20


def write_records(corpus: Path, limit: int, folder: Path) -> int:
    """The first `limit` records as JSON lists of PER_FILE; the number written."""
    records: list[dict] = []
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                records.extend(json.loads(zf.read(name).decode("utf-8")))
        if len(records) >= limit:
            break
    records = records[:limit]
    for start in range(0, len(records), PER_FILE):
        (folder / f"{start:06}.json").write_text(json.dumps(records[start:start + PER_FILE], ensure_ascii=False),
                                                 encoding="utf-8")
    return len(records)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=3000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, \
            LocalCluster(n_workers=args.workers, processes=True, threads_per_worker=1, dashboard_address=":0",
                         host="127.0.0.1", scheduler_port=0) as cluster:
        folder = Path(tmp) / "in"
        folder.mkdir()
        records = write_records(args.corpus, args.limit, folder)
        local = subprocess.run([sys.executable, "-m", "confreader", "index", str(folder), "--db", f"{tmp}/local.db",
                                "--jobs", str(args.workers)], capture_output=True, text=True)
        print(f"local --jobs {args.workers}: {last_line(local.stderr)}")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.monotonic()
        out = subprocess.run([sys.executable, "-m", "confreader", "index", str(folder), "--db", f"{tmp}/x.db",
                              "--dask", cluster.scheduler_address], capture_output=True, text=True)
        wall = time.monotonic() - began
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        articles = sqlite3.connect(f"{tmp}/x.db").execute("SELECT count(*) FROM articles").fetchone()[0]
        writer_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        print(f"--dask, {args.workers} workers ({records} records): exit {out.returncode}; {last_line(out.stderr)}")
        print(f"wall {wall:.1f} s = {articles / wall:.0f} articles/s; the indexer (the one writer) used "
              f"{writer_cpu:.1f} s CPU = a ceiling of {articles / writer_cpu:.0f} articles/s")


def last_line(stderr: str) -> str:
    return stderr.strip().splitlines()[-1] if stderr.strip() else "(nothing said)"

if __name__ == "__main__":
    main()
