"""InMemoryLibrary: what the library screen and the speakers pane show."""
from __future__ import annotations

import pytest

from confreader.library import ArticleLibrary, InMemoryLibrary, LoadFailure
from confreader.model import Article, Quote, Speaker


def conference_article(source: str = "articles/tunis.txt", title: str | None = "مؤتمر الجريمة المعلوماتية") -> Article:
    text = ("قال الوزير: «الأمن أولوية».\n"
            "وأكدت الخبيرة أن التعاون ضروري.\n"
            "وأضاف الوزير: «سنعمل معا».\n")
    minister = Speaker(id="s1", name="الوزير", titles=["وزير الداخلية"], roles=["متحدث"], kind="person")
    expert = Speaker(id="s2", name="الخبيرة", kind="person")
    quotes = []
    for n, (said, speaker, kind) in enumerate([("الأمن أولوية", "s1", "direct"),
                                                ("التعاون ضروري", "s2", "indirect"),
                                                ("سنعمل معا", "s1", "direct")], start=1):
        start = text.index(said)
        quotes.append(Quote(id=f"q{n}", kind=kind, start=start, end=start + len(said), speaker=speaker))
    return Article(source=source, text=text, title=title, speakers=[minister, expert], quotes=quotes,
                   metadata={"date": "2015-07-21"})


def test_a_new_library_is_empty():
    library: ArticleLibrary = InMemoryLibrary()
    assert library.list() == []
    assert library.failures() == []
    assert library.search_quotes("قال") == []


def test_added_articles_are_listed_in_load_order_with_distinct_ids():
    library = InMemoryLibrary()
    first = library.add(conference_article("a/one.txt"))
    second = library.add(conference_article("a/two.txt"))
    assert [s.source for s in library.list()] == ["a/one.txt", "a/two.txt"]
    assert first.id != second.id
    assert library.get(first.id).source == "a/one.txt"
    assert library.get(second.id).source == "a/two.txt"


def test_summary_shows_title_date_counts_and_direction():
    summary = InMemoryLibrary().add(conference_article())
    assert summary.title == "مؤتمر الجريمة المعلوماتية"
    assert summary.date == "2015-07-21"
    assert summary.quote_count == 3
    assert summary.speaker_count == 2
    assert summary.direction == "rtl"


def test_an_article_without_a_title_is_listed_by_its_file_name():
    article = conference_article("corpus/2015/okaz-17.txt", title=None)
    article.metadata.clear()
    summary = InMemoryLibrary().add(article)
    assert summary.title == "okaz-17.txt"
    assert summary.date is None


def test_unknown_article_ids_raise_key_error():
    library = InMemoryLibrary()
    library.add(conference_article())
    with pytest.raises(KeyError):
        library.get("nope")
    with pytest.raises(KeyError):
        library.speakers("nope")


def test_speakers_carry_titles_roles_and_how_many_quotes_each_said():
    library = InMemoryLibrary()
    article_id = library.add(conference_article()).id
    speakers = library.speakers(article_id)
    assert [(s.speaker_id, s.name, s.quote_count) for s in speakers] == [("s1", "الوزير", 2), ("s2", "الخبيرة", 1)]
    minister = speakers[0]
    assert minister.article_id == article_id
    assert minister.titles == ("وزير الداخلية",)
    assert minister.roles == ("متحدث",)
    assert minister.kind == "person"


def test_failures_are_kept_in_order_with_their_reasons():
    library = InMemoryLibrary()
    library.add_failure("articles/bad.txt", "not UTF-8 or Windows-1256 text")
    returned = library.add_failure("articles/empty.txt", "empty file")
    assert returned == LoadFailure("articles/empty.txt", "empty file")
    assert library.failures() == [LoadFailure("articles/bad.txt", "not UTF-8 or Windows-1256 text"),
                                  LoadFailure("articles/empty.txt", "empty file")]
    assert library.list() == []
