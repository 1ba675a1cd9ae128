"""InMemoryLibrary.count() / page(): the rows a table draws on demand, sorted and filtered
the way the on-disk index does it, so the library screen works over either."""
from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import annotated_sample, english_article
from confreader.library import InMemoryLibrary


@pytest.fixture
def library():
    library = InMemoryLibrary()
    rows = [("Beta", "2024-03-01 10:00:00", "Okaz"), ("alpha", None, "Aawsat"), ("Gamma", "2024-05-01", None),
            ("Delta", "2023-12-31", "okaz daily")]
    for title, date, outlet in rows:
        metadata = {key: value for key, value in {"date": date, "outlet": outlet}.items() if value}
        library.add(replace(english_article(), title=title, metadata=metadata))
    library.add(replace(annotated_sample(), title="Epsilon", metadata={"date": "2024-01-15"}))
    return library


def titles(summaries):
    return [s.title for s in summaries]


def test_pages_in_file_order_cut_where_asked(library):
    assert library.count() == 5
    assert titles(library.page(0, 2)) == ["Beta", "alpha"]
    assert titles(library.page(3, 10)) == ["Delta", "Epsilon"]
    assert library.page(10, 5) == [] and library.page(0, 0) == []


def test_sorts_put_articles_without_the_value_last(library):
    assert titles(library.page(0, 9, "title")) == ["alpha", "Beta", "Delta", "Epsilon", "Gamma"]
    assert titles(library.page(0, 9, "date")) == ["Gamma", "Beta", "Epsilon", "Delta", "alpha"]
    assert titles(library.page(0, 9, "outlet"))[-2:] == ["Gamma", "Epsilon"]
    assert titles(library.page(0, 9, "quotes"))[0] == "Epsilon"
    assert titles(library.page(0, 9, "file")) == titles(library.page(0, 9, None))


def test_filters_by_outlet_part_and_whole_days(library):
    okaz = {"outlet": "OKAZ"}
    assert library.count(okaz) == 2 and titles(library.page(0, 9, "file", okaz)) == ["Beta", "Delta"]
    days = {"since": "2024-01-01", "until": "2024-03-01"}
    assert titles(library.page(0, 9, "date", days)) == ["Beta", "Epsilon"]
    assert library.count({"since": "2024-01-01", "outlet": "okaz"}) == 1


def test_a_new_article_shows_in_the_next_page(library):
    assert library.count() == 5
    library.add(replace(english_article(), title="Zeta", metadata={}))
    assert library.count() == 6 and titles(library.page(5, 1, "title")) == ["Zeta"]
