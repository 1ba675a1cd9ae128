"""`confreader index --dask ADDRESS` on a local two-worker cluster: the database equals a local run's,
also when the workers are killed midway; a lost scheduler, a bad address or a missing extra is one line."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from confreader.library import indexing  # noqa: E402
from confreader.library.indexing import ClusterProblem, index_paths  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet"
COMMAND = [sys.executable, "-m", "confreader"]
ARTICLES, PER_FILE = 300, 5

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpora) is not here")


def confreader(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *map(str, args)], capture_output=True, text=True, timeout=120, cwd=ROOT)


def start_index(*args: str | Path) -> subprocess.Popen:
    return subprocess.Popen([*COMMAND, "index", *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT)


def exported(db: Path) -> list[str]:
    """Every quote with its article, speaker and offsets, as `confreader export` writes them, in one order."""
    out = confreader("export", "--db", db, "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    return sorted(out.stdout.splitlines())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The first ARTICLES news records of one corpus day, as JSON lists of PER_FILE records each."""
    day = min(CORPUS.glob("*.zip"))
    with zipfile.ZipFile(day) as archive:
        records = json.loads(archive.read(archive.namelist()[0]))[:ARTICLES]
    folder = tmp_path_factory.mktemp("corpus")
    for start in range(0, len(records), PER_FILE):
        (folder / f"part{start:04}.json").write_text(json.dumps(records[start:start + PER_FILE], ensure_ascii=False),
                                                     encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def local_export(corpus, tmp_path_factory) -> list[str]:
    db = tmp_path_factory.mktemp("local") / "local.db"
    out = confreader("index", corpus, "--db", db, "--jobs", "1")
    assert out.returncode == 0, out.stderr
    rows = exported(db)
    assert len(rows) > ARTICLES  # the corpus day has quotes: the comparison compares something
    return rows


def local_cluster():
    return distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0",
                                    host="127.0.0.1", scheduler_port=0)


@pytest.fixture(scope="module")
def cluster():
    with local_cluster() as running:
        yield running


def wait_for_work(cluster, run: subprocess.Popen) -> None:
    """Until the scheduler (in this process) holds the indexer's tasks: the run is under way."""
    deadline = time.monotonic() + 60
    while not cluster.scheduler.tasks:
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline, "the indexer never submitted work"
        time.sleep(0.02)


def test_the_cluster_writes_the_same_database_as_a_local_run(corpus, local_export, cluster, tmp_path):
    db = tmp_path / "dask.db"
    out = confreader("index", corpus, "--db", db, "--dask", cluster.scheduler_address)
    assert out.returncode == 0, out.stderr
    assert "articles from 60 files, 0 unchanged" in out.stderr
    assert exported(db) == local_export
    again = confreader("index", corpus, "--db", db, "--dask", cluster.scheduler_address)
    assert "0 articles from 0 files, 60 unchanged" in again.stderr


def test_workers_killed_midway_are_replaced_and_the_database_is_still_complete(corpus, local_export, cluster,
                                                                               tmp_path):
    db = tmp_path / "dask.db"
    run = start_index(corpus, "--db", db, "--dask", cluster.scheduler_address)
    wait_for_work(cluster, run)
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        for pid in client.run(os.getpid).values():
            os.kill(pid, signal.SIGKILL)
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 0, stderr
    assert exported(db) == local_export


def test_a_lost_scheduler_is_one_line_and_the_next_run_completes_the_database(corpus, local_export, tmp_path):
    db = tmp_path / "dask.db"
    with local_cluster() as doomed:
        run = start_index(corpus, "--db", db, "--dask", doomed.scheduler_address)
        wait_for_work(doomed, run)
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 2
    assert stderr.splitlines() == [f"confreader: {db}: the Dask scheduler at {doomed.scheduler_address} dropped the "
                                   f"work; every file committed before is kept, run again to resume"]
    assert confreader("index", corpus, "--db", db, "--jobs", "1").returncode == 0
    assert exported(db) == local_export


@pytest.mark.parametrize("address, says", [
    ("nonsense", "missing port number"),
    ("foo://127.0.0.1:1", "unknown address scheme"),
])
def test_a_malformed_address_is_one_line_and_no_database(tmp_path, corpus, address, says):
    out = confreader("index", corpus, "--db", tmp_path / "x.db", "--dask", address)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and says in out.stderr
    assert f"cannot reach the Dask scheduler at {address}" in out.stderr
    assert not (tmp_path / "x.db").exists()


def test_nobody_listening_is_a_clear_problem_before_the_database_is_touched(corpus, tmp_path, monkeypatch):
    db = tmp_path / "old.db"
    assert index_paths([corpus], db).articles > 0
    before = db.read_bytes()
    monkeypatch.setattr(indexing._parsed_on_dask, "CONNECT_SECONDS", 1.0)
    with pytest.raises(ClusterProblem, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        index_paths([corpus], db, rebuild=True, dask="tcp://127.0.0.1:9")
    assert db.read_bytes() == before  # --rebuild did not remove it


def test_without_the_extra_installed_it_says_what_to_install(tmp_path, corpus):
    hide_distributed = ("import sys; sys.modules['distributed'] = None; from confreader.cli import main; "
                        "sys.exit(main(sys.argv[1:]))")
    out = subprocess.run([sys.executable, "-c", hide_distributed, "index", str(corpus), "--db", str(tmp_path / "x.db"),
                          "--dask", "tcp://127.0.0.1:8786"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert out.returncode == 2
    assert out.stderr == "confreader: --dask needs dask.distributed: pip install 'confreader[dask]'\n"


def test_workers_running_another_confreader_are_refused_before_the_database_is_touched(corpus, cluster, tmp_path,
                                                                                        monkeypatch):
    import confreader

    theirs = confreader.__version__
    monkeypatch.setattr(confreader, "__version__", "9.9.9", raising=False)  # the indexer is newer than the workers
    with pytest.raises(ClusterProblem, match=f"runs confreader {theirs}, this is 9.9.9: install the same version"):
        index_paths([corpus], tmp_path / "x.db", dask=cluster.scheduler_address)
    assert not (tmp_path / "x.db").exists()
