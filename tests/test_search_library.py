"""Quote search across every article in the library, as the search screen uses it."""
from __future__ import annotations

import threading

import pytest

from hypothesis import given
from hypothesis import strategies as st

from confreader.library import InMemoryLibrary, find_matches
from confreader.library import text_index
from confreader.model import Article, Quote, Speaker


def article(source: str, text: str, quotes: list[tuple[str, str | None]], speakers: list[Speaker] = ()) -> Article:
    """An article whose quotes are the given (quoted text, speaker id) pairs, found in order in `text`."""
    built, pos = [], 0
    for n, (said, speaker) in enumerate(quotes, start=1):
        start = text.index(said, pos)
        built.append(Quote(id=f"q{n}", kind="direct", start=start, end=start + len(said), speaker=speaker))
        pos = start + len(said)
    return Article(source=source, text=text, title=source.upper(), speakers=list(speakers), quotes=built)


MINISTER = Speaker(id="s1", name="وزير الخارجية")
AMBASSADOR = Speaker(id="s2", name="السفير")


@pytest.fixture
def library() -> InMemoryLibrary:
    lib = InMemoryLibrary()
    lib.add(article("riyadh", "قال وزير الخارجية: «إنَّ الأَمْنَ أولوية» ثم غادر. وقال السفير: «العلاقات ممتازة».",
                    [("إنَّ الأَمْنَ أولوية", "s1"), ("العلاقات ممتازة", "s2")], [MINISTER, AMBASSADOR]))
    lib.add(article("jeddah", "مقدمة طويلة عن المؤتمر. وقال مصدر: «الامن مسؤولية الجميع، والأمن قبل كل شيء».",
                    [("الامن مسؤولية الجميع، والأمن قبل كل شيء", None)]))
    return lib


def highlighted(lib: InMemoryLibrary, hit) -> list[str]:
    text = lib.get(hit.article_id).text
    return [text[start:end] for start, end in hit.matches]


def test_a_query_finds_quotes_in_every_article_with_ids_and_article_offsets(library):
    hits = library.search_quotes("الامن")
    riyadh, jeddah = library.list()
    assert [(h.article_id, h.quote_id) for h in hits] == [(riyadh.id, "q1"), (jeddah.id, "q1")]
    assert highlighted(library, hits[0]) == ["الأَمْنَ"]
    assert highlighted(library, hits[1]) == ["الامن", "الأمن"]
    first_quote = library.get(riyadh.id).quotes[0]
    assert (hits[0].quote_start, hits[0].quote_end) == (first_quote.start, first_quote.end)


def test_hits_carry_what_the_results_list_shows(library):
    hit = library.search_quotes("العلاقات")[0]
    assert hit.speaker_name == "السفير"
    assert hit.article_title == "RIYADH"
    assert hit.kind == "direct"
    unnamed = library.search_quotes("مسؤولية")[0]
    assert unnamed.speaker_name is None


def test_a_query_with_harakat_and_hamza_finds_plain_text(library):
    hits = library.search_quotes("الأَمْنُ مسؤولية")
    assert [h.article_id for h in hits] == [library.list()[1].id]
    assert highlighted(library, hits[0]) == ["الامن مسؤولية"]


def test_only_what_was_said_matches_not_the_text_around_it(library):
    # "مقدمة" and "غادر" appear in the articles but in no quote
    assert library.search_quotes("مقدمة") == []
    assert library.search_quotes("غادر") == []


def test_a_match_never_spans_two_quotes(library):
    # the end of the first quote and the start of the second, back to back
    assert library.search_quotes("أولوية العلاقات") == []
    assert library.search_quotes("اولويةالعلاقات") == []


def test_limit_keeps_the_first_hits_in_library_order():
    lib = InMemoryLibrary()
    ids = [lib.add(article(f"a{n}", "قال: «نعم نعم»", [("نعم نعم", None)])).id for n in range(5)]
    hits = lib.search_quotes("نعم", limit=3)
    assert [h.article_id for h in hits] == ids[:3]
    assert all(len(h.matches) == 2 for h in hits)
    assert lib.search_quotes("نعم", limit=0) == []


def test_blank_and_mark_only_queries_give_no_results(library):
    assert library.search_quotes("") == []
    assert library.search_quotes("   ") == []
    assert library.search_quotes("ًٌ") == []


def test_search_is_right_across_many_index_segments(monkeypatch):
    # Force a new segment every few quotes, so hits come from many segments.
    monkeypatch.setattr(text_index, "_SEGMENT_CHARS", 40)
    lib = InMemoryLibrary()
    for n in range(30):
        said = f"البند {n} مقبول" if n % 3 == 0 else f"البند {n} مرفوض"
        lib.add(article(f"a{n}", f"قال: «{said}» وانتهى", [(said, None)]))
    hits = lib.search_quotes("مقبول")
    assert [lib.get(h.article_id).source for h in hits] == [f"a{n}" for n in range(0, 30, 3)]
    assert all(highlighted(lib, h) == ["مقبول"] for h in hits)


def test_adding_while_searching_from_another_thread_is_safe():
    lib = InMemoryLibrary()
    errors: list[BaseException] = []
    total = 400

    def load():
        try:
            for n in range(total):
                lib.add(article(f"a{n}", f"قال الوزير: «الأمن رقم {n}»", [(f"الأمن رقم {n}", None)]))
        except BaseException as e:  # surfaced by the assertion below
            errors.append(e)

    loader = threading.Thread(target=load)
    loader.start()
    seen = []
    while loader.is_alive():
        hits = lib.search_quotes("الامن", limit=total)
        seen.append(len(hits))
        for hit in hits:
            assert highlighted(lib, hit) == ["الأمن"]
    loader.join()
    assert errors == []
    assert seen == sorted(seen)  # results only grow while loading
    assert len(lib.search_quotes("الامن", limit=total)) == total
    assert [s.id for s in lib.list()] == list(dict.fromkeys(s.id for s in lib.list()))


def test_speakers_are_found_by_name_or_title_across_articles_once_each():
    lib = InMemoryLibrary()
    minister = Speaker(id="s1", name="فيصل بن فرحان", titles=["وزير الخارجية", "الأمير"])
    first = lib.add(article("one", "قال: «نعم»", [("نعم", "s1")], [minister, AMBASSADOR])).id
    second = lib.add(article("two", "قال: «لا»", [("لا", "s9")], [Speaker(id="s9", name="وزيرة الخارجية")])).id
    assert [(s.article_id, s.speaker_id) for s in lib.search_speakers("الخارجيه")] == [(first, "s1"), (second, "s9")]
    # "ير" is in both of s1's titles: s1 is listed once
    assert [(s.article_id, s.speaker_id, s.quote_count) for s in lib.search_speakers("ير")] == [
        (first, "s1", 1), (first, "s2", 0), (second, "s9", 1)]
    assert [s.name for s in lib.search_speakers("الامير")] == ["فيصل بن فرحان"]
    assert lib.search_speakers("السفير")[0].article_id == first
    assert lib.search_speakers(" ") == []


_QUOTE_ALPHABET = "ابلمنأإةىي" + "\u064e\u0651\u0640" + "Ssß" + "ﻻﷲ" + " "


@given(st.lists(st.text(_QUOTE_ALPHABET, min_size=1, max_size=30), min_size=1, max_size=4),
       st.text(_QUOTE_ALPHABET, min_size=1, max_size=3))
def test_search_highlights_are_the_ones_the_reader_finds_in_the_quote(quotes, query):
    # The results list and the reader's n/N must agree on what matched.
    text = "«" + "» و«".join(quotes) + "»"
    lib = InMemoryLibrary()
    article_id = lib.add(article("x", text, [(q, None) for q in quotes])).id
    hits = {h.quote_id: h for h in lib.search_quotes(query, limit=len(quotes))}
    for quote in lib.get(article_id).quotes:
        expected = [(quote.start + s, quote.start + e) for s, e in find_matches(text[quote.start:quote.end], query)]
        hit = hits.get(quote.id)
        assert (list(hit.matches) if hit else []) == expected
