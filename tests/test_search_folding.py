"""Search folding: a reader's query finds the text however either is written,
and the highlight covers exactly the characters as written."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from confreader.library import find_matches, fold_for_search


def matched(text: str, query: str) -> list[str]:
    return [text[start:end] for start, end in find_matches(text, query)]


def test_harakat_in_the_text_are_ignored_and_highlighted():
    assert matched("قالَ إنَّ الأَمْنُ مستتب", "الامن") == ["الأَمْنُ"]


def test_harakat_in_the_query_are_ignored():
    assert matched("قال ان الامن مستتب", "الأَمْنُ") == ["الامن"]


def test_alef_variants_match_each_other_both_ways():
    assert matched("قال إن الأمر آخر", "ان الامر اخر") == ["إن الأمر آخر"]
    assert matched("قال ان الامر اخر", "إن الأمر آخر") == ["ان الامر اخر"]
    assert matched("بسم ٱلله", "الله") == ["ٱلله"]


def test_ta_marbuta_and_ha_match():
    assert matched("المملكة العربية", "المملكه العربيه") == ["المملكة العربية"]
    assert matched("المملكه", "المملكة") == ["المملكه"]


def test_alef_maksura_and_ya_match():
    assert matched("على الطاولة", "علي") == ["على"]
    assert matched("علي الطاولة", "على") == ["علي"]


def test_tatweel_is_ignored_in_text_and_query():
    assert matched("قـــال الوزير", "قال") == ["قـــال"]
    assert matched("قال الوزير", "قـــال") == ["قال"]


def test_invisible_bidi_marks_and_zero_width_characters_are_ignored():
    text = "قال وزير \u200fالخا\u200bرجية"
    assert matched(text, "وزير الخارجية") == ["وزير \u200fالخا\u200bرجية"]
    assert matched("وزير الخارجية", "وزير\u200c الخارجية") == ["وزير الخارجية"]


def test_digits_match_whichever_script_they_are_written_in():
    assert matched("في عام ٢٠١٥ قال", "2015") == ["٢٠١٥"]
    assert matched("في عام 2015 قال", "٢٠١٥") == ["2015"]
    assert matched("سنة ۱۳۹۴", "1394") == ["۱۳۹۴"]


def test_persian_ya_and_kaf_match_the_arabic_letters():
    assert matched("قال الملک علی", "الملك علي") == ["الملک علی"]


def test_latin_matches_without_case():
    assert matched("نشر على Facebook وتويتر", "FACEBOOK") == ["Facebook"]
    assert matched("Hello WORLD", "world") == ["WORLD"]


def test_casefold_that_changes_length_keeps_highlights_on_the_original():
    text = "شارع Straße في برلين"
    assert matched(text, "STRASSE") == ["Straße"]
    assert matched(text, "ss") == ["ß"]
    # a match after the expanded letter still lands on the right characters
    assert matched(text, "برلين") == ["برلين"]


def test_arabic_presentation_forms_from_pdfs_are_found_by_typed_letters():
    text = "قال ﻻ إﻻ ﺍﻟﺴﻼﻡ"
    assert matched(text, "السلام") == ["ﺍﻟﺴﻼﻡ"]
    assert matched(text, "لا") == ["ﻻ", "ﻻ", "ﻼ"]
    assert matched("ﺳﻼ\ufe70ﻡ", "سلام") == ["ﺳﻼ\ufe70ﻡ"]  # an isolated haraka form is ignored too


def test_ornate_parentheses_around_a_verse_are_kept_and_searchable():
    assert matched("قال تعالى ﴿ وَقُلْ رَبِّ زِدْنِي عِلْمًا ﴾", "زدني علما") == ["زِدْنِي عِلْمًا"]
    assert matched("﴿ آية ﴾", "﴿") == ["﴿"]


def test_highlight_includes_harakat_on_the_last_letter_but_not_the_next_letter():
    text = "إنَّ الأمنَّ"
    assert matched(text, "ان") == ["إنَّ"]
    assert matched("أمنٌ", "امن") == ["أمنٌ"]
    assert matched("الأمن العام", "الامن") == ["الأمن"]


def test_every_occurrence_is_found_in_order():
    text = "قال الوزير، ثم قالَ السفير: قـال"
    spans = find_matches(text, "قال")
    assert [text[s:e] for s, e in spans] == ["قال", "قالَ", "قـال"]
    assert spans == sorted(spans)


def test_surrounding_space_in_the_query_is_ignored_but_inner_space_counts():
    assert matched("وزير الخارجية", " وزير ") == ["وزير"]
    assert matched("وزيرالخارجية", "وزير الخارجية") == []


def test_a_space_in_the_query_matches_a_line_break_in_the_text():
    assert matched("وزير\nالخارجية", "وزير الخارجية") == ["وزير\nالخارجية"]


def test_blank_queries_match_nothing():
    assert find_matches("قال الوزير", "") == []
    assert find_matches("قال الوزير", "   ") == []
    assert find_matches("قال الوزير", "َُ") == []  # harakat alone fold to nothing


def test_no_match_gives_no_spans():
    assert find_matches("قال الوزير", "السفير") == []


def test_fold_for_search_maps_each_folded_character_to_its_original():
    text = "أَمْـنٌ"
    folded, index = fold_for_search(text)
    assert folded == "امن"
    assert [text[i] for i in index] == ["أ", "م", "ن"]


def test_fold_for_search_points_both_pieces_of_an_expansion_at_the_same_letter():
    folded, index = fold_for_search("aßb")
    assert folded == "assb"
    assert index == [0, 1, 1, 2]


_ARABIC_ALPHABET = "ابتمنلوةىيأإآٱ" + "\u064e\u064f\u0650\u0651\u0652\u064b\u0670\u0640\u200f" + " "
_LATIN_ALPHABET = "abSsßİK "
_PRESENTATION_ALPHABET = "ﻻﹰﺍﷲ﴾﴿\ufdcf\ufffe"


@given(st.text(_ARABIC_ALPHABET + _LATIN_ALPHABET + _PRESENTATION_ALPHABET, max_size=40))
def test_every_folded_character_comes_from_folding_its_original(text):
    folded, index = fold_for_search(text)
    assert len(index) == len(folded)
    assert index == sorted(index)
    rebuilt = "".join(fold_for_search(text[i])[0] for i in dict.fromkeys(index))
    assert rebuilt == folded


@given(st.text(_ARABIC_ALPHABET + "\ufe70", max_size=40), st.text(_ARABIC_ALPHABET, min_size=1, max_size=4))
def test_each_highlighted_span_folds_to_the_query(text, query):
    wanted = fold_for_search(query)[0].strip()
    for start, end in find_matches(text, query):
        assert fold_for_search(text[start:end])[0] == wanted
        # the span starts on a letter, not on a mark belonging to the letter before
        assert fold_for_search(text[start])[0] != ""


@given(st.text(_ARABIC_ALPHABET + _LATIN_ALPHABET + _PRESENTATION_ALPHABET, max_size=40),
       st.text(_ARABIC_ALPHABET + _LATIN_ALPHABET, min_size=1, max_size=4))
def test_highlights_cover_the_query_in_order_without_overlap_whatever_the_script(text, query):
    wanted = fold_for_search(query)[0].strip()
    spans = find_matches(text, query)
    for start, end in spans:
        assert wanted in fold_for_search(text[start:end])[0]
    assert all(end <= next_start for (_, end), (next_start, _) in zip(spans, spans[1:]))
