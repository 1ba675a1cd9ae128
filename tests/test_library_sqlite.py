"""SqliteLibrary: the on-disk index, as the reader, search and export see it, and its faults."""
from __future__ import annotations

import fcntl
import json
import os
import sqlite3
from pathlib import Path

import pytest

from confreader.export.json_schema import article_to_dict
from confreader.library import InMemoryLibrary
from confreader.library.indexing import index_paths
from confreader.library.schema import DatabaseProblem
from confreader.library.sqlite import SqliteLibrary
from confreader.model import Article, Quote, Speaker


def article(source: str, said: list[tuple[str, str, str]], title: str | None = None,
            metadata: dict[str, str] | None = None, names: dict[str, str] | None = None) -> Article:
    """An article whose text is one line per (speaker id, kind, words); speakers named by `names`."""
    names = names or {"s1": "الوزير", "s2": "الخبيرة"}
    lines, quotes, pos = [], [], 0
    for n, (speaker, kind, words) in enumerate(said, start=1):
        line = f"قال {names[speaker]}: «{words}»."
        start = pos + line.index(words)
        quotes.append(Quote(id=f"q{n}", kind=kind, start=start, end=start + len(words), speaker=speaker))
        lines.append(line)
        pos += len(line) + 1
    speakers = [Speaker(sid, name, titles=["معالي"] if sid == "s1" else [], roles=["متحدث"]) for sid, name in
                names.items()]
    return Article(source=source, text="\n".join(lines) + "\n", title=title, speakers=speakers, quotes=quotes,
                   metadata=metadata or {})


def write(folder: Path, name: str, art: Article) -> Path:
    path = folder / name
    path.write_text(json.dumps(article_to_dict(art), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    write(folder, "1.json", article("1", [("s1", "direct", "الأمنُ أولويةٌ"), ("s2", "indirect", "التعاون ضروري")],
                                    title="مؤتمر الأمن", metadata={"outlet": "الرياض", "date": "2015-07-21 10:00"}))
    write(folder, "2.json", article("2", [("s1", "direct", "سنعمل معا على الامن")], title="لقاء",
                                    metadata={"outlet": "Okaz", "date": "2015-08-02"},
                                    names={"s1": "الوزيرُ", "s2": "الخبيرة"}))
    write(folder, "3.json", article("3", [("s2", "direct", "abcXbcd and more")], title="English words",
                                    metadata={"outlet": "okaz", "date": "2015-07-25"}, names={"s2": "الخبيرة"}))
    return folder


def build(corpus: Path, tmp_path: Path, **options) -> Path:
    db = tmp_path / "library.db"
    summary = index_paths([corpus], db, **options)
    assert summary.failed == 0
    return db


def test_articles_come_back_as_they_were_indexed(corpus, tmp_path):
    library = SqliteLibrary(build(corpus, tmp_path))
    listed = library.list()
    assert [s.title for s in listed] == ["مؤتمر الأمن", "لقاء", "English words"]
    assert library.count() == 3
    first = listed[0]
    assert (first.outlet, first.date, first.quote_count, first.speaker_count) == ("الرياض", "2015-07-21 10:00", 2, 2)
    original = json.loads((corpus / "1.json").read_text(encoding="utf-8"))
    stored = article_to_dict(library.get(first.id))
    assert {k: v for k, v in stored.items() if k != "source"} == {k: v for k, v in original.items() if k != "source"}
    assert library.summary(first.id) == first
    assert [(s.name, s.titles, s.quote_count) for s in library.speakers(first.id)] == [
        ("الوزير", ("معالي",), 1), ("الخبيرة", (), 1)]
    for unknown in ("a999", "x", ""):
        with pytest.raises(KeyError):
            library.get(unknown)


def test_quote_search_matches_the_in_memory_library_folding_and_highlights(corpus, tmp_path):
    library = SqliteLibrary(build(corpus, tmp_path))
    memory = InMemoryLibrary()
    for name in ("1.json", "2.json", "3.json"):
        from confreader.loading import load_article
        memory.add(load_article(corpus / name))
    for query in ("الامن", "الأمنُ", "ا", "مع", "ABC", "bcd", "ضروري", "nothing here"):
        disk = [(h.quote_id, h.kind, h.speaker_name, h.quote_start, h.quote_end, h.matches)
                for h in library.search_quotes(query)]
        mem = [(h.quote_id, h.kind, h.speaker_name, h.quote_start, h.quote_end, h.matches)
               for h in memory.search_quotes(query)]
        assert disk == mem, query
    hit = library.search_quotes("الامن")[0]
    text = library.get(hit.article_id).text
    assert [text[a:b] for a, b in hit.matches] == ["الأمنُ"]  # the haraka on the last letter is included


def test_all_trigrams_of_a_query_present_but_not_the_phrase_is_no_hit(corpus, tmp_path):
    library = SqliteLibrary(build(corpus, tmp_path))
    assert library.search_quotes("abcd") == []        # "abc" and "bcd" are both in "abcXbcd"
    assert library.search_quotes("abcd", full_text=True) == []
    assert len(library.search_quotes("abcxbcd")) == 1


def test_full_text_search_gives_the_paragraph_and_matches_on_the_original_letters(corpus, tmp_path):
    library = SqliteLibrary(build(corpus, tmp_path))
    hits = library.search_quotes("قال الوزير", full_text=True)
    assert {h.article_id for h in hits} == {"a1", "a2"}
    for h in hits:
        text = library.get(h.article_id).text
        assert h.kind == "text" and h.text == text[h.quote_start:h.quote_end]
        assert all(text[a:b].startswith("قال الوزير") for a, b in h.matches)
    assert library.search_quotes("قا", full_text=True) == []  # under 3 letters: no full-text scan


def test_filters_by_speaker_kind_outlet_and_date(corpus, tmp_path):
    library = SqliteLibrary(build(corpus, tmp_path))
    assert [h.text for h in library.search_quotes("ا", speaker="الوزير")] == ["الأمنُ أولويةٌ", "سنعمل معا على الامن"]
    assert [h.text for h in library.search_quotes("ا", kind="indirect")] == ["التعاون ضروري"]
    assert [h.article_title for h in library.search_quotes("a", outlet="OKAZ")] == ["English words"]
    assert [h.article_title for h in library.search_quotes("ا", since="2015-08-01")] == ["لقاء"]
    assert [s.title for s in library.page(0, 10, filters={"outlet": "okaz"})] == ["لقاء", "English words"]
    assert library.count({"since": "2015-07-22", "until": "2015-07-31"}) == 1


def test_pages_are_sorted_in_the_database(corpus, tmp_path):
    library = SqliteLibrary(build(corpus, tmp_path))
    assert [s.title for s in library.page(0, 10, "date")] == ["لقاء", "English words", "مؤتمر الأمن"]
    assert [s.title for s in library.page(1, 1, "date")] == ["English words"]
    assert [s.quote_count for s in library.page(0, 10, "quotes")] == [2, 1, 1]
    assert library.page(0, 10, None) == library.page(0, 10, "file") == library.list()  # the reader's "file order"
    with pytest.raises(ValueError):
        library.page(0, 10, "colour")


def test_speakers_merge_across_articles_by_folded_name(corpus, tmp_path):
    library = SqliteLibrary(build(corpus, tmp_path))
    merged = {s.key: s for s in library.archive_speakers()}
    minister = merged["الوزير"]  # "الوزير" and "الوزيرُ" are one speaker
    assert (minister.quote_count, minister.article_count, minister.titles, minister.roles) == (2, 2, ("معالي",), ("متحدث",))
    assert [s.key for s in library.archive_speakers("خبير")] == ["الخبيره"]
    quotes = library.speaker_quotes("الوزيرُ")
    assert [(q.date, q.text) for q in quotes] == [("2015-07-21 10:00", "الأمنُ أولويةٌ"),
                                                 ("2015-08-02", "سنعمل معا على الامن")]
    assert [s.name for s in library.search_speakers("معالي")] == ["الوزير", "الوزيرُ"]


def test_an_unchanged_file_is_skipped_and_a_changed_one_replaces_its_articles(corpus, tmp_path):
    db = build(corpus, tmp_path)
    again = index_paths([corpus], db)
    assert (again.unchanged, again.indexed, again.articles) == (3, 0, 0)
    write(corpus, "2.json", article("2", [("s1", "direct", "كلام جديد تماما")], title="لقاء معدل"))
    changed = index_paths([corpus], db)
    assert (changed.unchanged, changed.indexed) == (2, 1)
    library = SqliteLibrary(db)
    assert [s.title for s in library.list()] == ["مؤتمر الأمن", "English words", "لقاء معدل"]
    assert library.search_quotes("سنعمل") == [] and library.search_quotes("الامن", full_text=True)[0].article_id == "a1"
    assert [h.text for h in library.search_quotes("جديد")] == ["كلام جديد تماما"]
    assert library.summary("a1").title == "مؤتمر الأمن"  # the others keep their ids


def test_prune_drops_vanished_files_only_when_asked(corpus, tmp_path):
    db = build(corpus, tmp_path)
    (corpus / "3.json").unlink()
    assert index_paths([corpus], db).removed == 0 and SqliteLibrary(db).count() == 3
    assert index_paths([corpus], db, prune=True).removed == 1
    assert SqliteLibrary(db).count() == 2 and SqliteLibrary(db).search_quotes("abc") == []


def test_a_file_that_fails_is_reported_and_the_others_are_indexed(corpus, tmp_path):
    (corpus / "bad.json").write_text("{not json", encoding="utf-8")
    lines: list[str] = []
    summary = index_paths([corpus], tmp_path / "x.db", report=lines.append)
    assert (summary.indexed, summary.failed) == (3, 1)
    assert len(lines) == 1 and lines[0].startswith(str(corpus / "bad.json"))


def test_a_corrupt_file_is_refused_with_rebuild_offered_and_rebuild_replaces_it(corpus, tmp_path):
    db = tmp_path / "library.db"
    db.write_bytes(os.urandom(4096))
    for open_it in (lambda: SqliteLibrary(db), lambda: index_paths([corpus], db)):
        with pytest.raises(DatabaseProblem) as problem:
            open_it()
        assert "not a confreader index" in str(problem.value) and "--rebuild" in str(problem.value)
    index_paths([corpus], db, rebuild=True)
    assert SqliteLibrary(db).count() == 3


def test_a_damaged_index_says_so_instead_of_failing_mid_search(corpus, tmp_path):
    db = build(corpus, tmp_path)
    data = bytearray(db.read_bytes())
    data[100:] = bytes(len(data) - 100)  # the header stays, every page after it is gone
    db.write_bytes(bytes(data))
    with pytest.raises(DatabaseProblem) as problem:
        SqliteLibrary(db).search_quotes("الامن")
    assert "index" in str(problem.value) and "\n" not in str(problem.value)


def test_another_programs_sqlite_file_is_not_touched(corpus, tmp_path):
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as other:
        other.execute("CREATE TABLE notes (body TEXT)")
        other.execute("INSERT INTO notes VALUES ('keep me')")
    other.close()
    before = db.read_bytes()
    with pytest.raises(DatabaseProblem, match="another program"):
        index_paths([corpus], db)
    with pytest.raises(DatabaseProblem, match="another program"):
        SqliteLibrary(db)
    assert db.read_bytes() == before


def test_an_index_of_an_older_schema_is_refused_with_rebuild_offered(corpus, tmp_path):
    db = build(corpus, tmp_path)
    with sqlite3.connect(db) as old:
        old.execute("PRAGMA user_version = 0")
    old.close()
    with pytest.raises(DatabaseProblem, match=r"older confreader .*--rebuild"):
        SqliteLibrary(db)
    with pytest.raises(DatabaseProblem, match="older confreader"):
        index_paths([corpus], db)


def test_a_read_only_index_is_searched_but_not_written(corpus, tmp_path):
    db = build(corpus, tmp_path)
    db.chmod(0o444)
    try:
        assert len(SqliteLibrary(db).search_quotes("الامن")) == 2
        with pytest.raises(DatabaseProblem, match="read-only"):
            index_paths([corpus], db, rebuild=False)
    finally:
        db.chmod(0o644)


def test_a_second_indexer_waits_then_refuses_clearly(corpus, tmp_path):
    db = tmp_path / "library.db"
    lock = os.open(str(db) + ".lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)  # what a running indexer holds
    try:
        with pytest.raises(DatabaseProblem, match="another `confreader index` is writing"):
            index_paths([corpus], db, lock_wait=0.2)
    finally:
        os.close(lock)
    assert index_paths([corpus], db).indexed == 3  # the lock is free again


def test_a_missing_index_says_how_to_build_one(tmp_path):
    with pytest.raises(DatabaseProblem, match="confreader index PATH"):
        SqliteLibrary(tmp_path / "none.db")
    assert not (tmp_path / "none.db").exists()


def test_parallel_parsing_writes_the_same_index(corpus, tmp_path):
    for i in range(4, 12):
        write(corpus, f"{i}.json", article(str(i), [("s1", "direct", f"رقم {i} هنا")], title=f"t{i}"))
    one = SqliteLibrary(build(corpus, tmp_path / "one", jobs=1))
    two = SqliteLibrary(build(corpus, tmp_path / "two", jobs=2))
    assert one.list() == two.list()
    assert one.search_quotes("رقم") == two.search_quotes("رقم")


def test_a_full_disk_mid_index_is_one_line_and_the_next_run_completes_it(corpus, tmp_path, monkeypatch):
    import confreader.library.indexing as indexing

    for i in range(4, 40):
        write(corpus, f"{i}.json", article(str(i), [("s1", "direct", f"كلام طويل رقم {i} " * 40)], title=f"t{i}"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in corpus.iterdir()}
    real_connect = indexing.connect

    def small_disk(path, write):
        db = real_connect(path, write)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages + 12}")  # room for a few files only
        return db

    monkeypatch.setattr(indexing, "connect", small_disk)
    db = tmp_path / "full.db"
    with pytest.raises(DatabaseProblem) as problem:
        index_paths([corpus], db)
    assert "full" in str(problem.value) and "\n" not in str(problem.value)
    monkeypatch.setattr(indexing, "connect", real_connect)
    assert SqliteLibrary(db).count() < 39  # what it holds is whole files: it opens and reads
    index_paths([corpus], db)
    clean = SqliteLibrary(build(corpus, tmp_path / "clean"))
    resumed = SqliteLibrary(db)
    assert sorted(s.title for s in resumed.list()) == sorted(s.title for s in clean.list())
    assert [(h.article_title, h.text) for h in resumed.search_quotes("رقم 3")] == \
        [(h.article_title, h.text) for h in clean.search_quotes("رقم 3")]
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in corpus.iterdir()} == before  # sources untouched


def test_speakers_across_the_archive_are_the_same_merged_or_grouped_live(corpus, tmp_path):
    db = build(corpus, tmp_path)
    merged = SqliteLibrary(db).archive_speakers()
    with sqlite3.connect(db) as raw:  # as a run killed after writing articles, before merging speakers
        raw.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
    raw.close()
    assert SqliteLibrary(db).archive_speakers() == merged
    assert SqliteLibrary(db).archive_speakers("معالي") == [s for s in merged if s.key == "الوزير"]
    write(corpus, "4.json", article("4", [("s2", "direct", "رأي آخر"), ("s2", "direct", "ورأي ثالث")], title="t4"))
    index_paths([corpus], db)  # merges again: the expert now leads
    top = SqliteLibrary(db).archive_speakers(limit=1)[0]
    assert (top.key, top.quote_count, top.article_count) == ("الخبيره", 4, 4)


def test_a_parsing_process_that_dies_is_one_line_not_a_hang(corpus, tmp_path, monkeypatch):
    import multiprocessing

    import confreader.library.indexing as indexing

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the workers must inherit the patched parser (fork)")

    real_parse = indexing.parse_file

    def dies_on_the_second(path):
        if path.endswith("2.json"):
            os._exit(9)  # as the kernel's OOM killer would end it
        return real_parse(path)

    monkeypatch.setattr(indexing, "parse_file", dies_on_the_second)  # the forked workers inherit it
    db = tmp_path / "library.db"
    with pytest.raises(DatabaseProblem, match="a parsing process died"):
        index_paths([corpus], db, jobs=2)
    monkeypatch.setattr(indexing, "parse_file", real_parse)
    assert index_paths([corpus], db, jobs=2).failed == 0
    assert SqliteLibrary(db).count() == 3
