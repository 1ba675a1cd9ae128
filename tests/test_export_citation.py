"""The quote a journalist pastes: marks, speaker with role, outlet, date, punctuation by language."""
from __future__ import annotations

from conftest import annotated_sample, english_article
from confreader.export.citation import format_citation
from confreader.model import Article, Quote, Speaker


def quote(article: Article, quote_id: str) -> Quote:
    return next(q for q in article.quotes if q.id == quote_id)


def test_arabic_direct_quote_has_guillemets_speaker_role_and_date_with_arabic_commas():
    article = annotated_sample()
    article.metadata["outlet"] = "جريدة الرياض"
    q2 = quote(article, "q2")
    body, attribution = format_citation(article, q2).split("\n")
    assert body == f"«{article.quote_text(q2)}»"
    assert attribution == ("— الدكتور محمد بن علي كومان، الأمين العام لمجلس وزراء الداخلية العرب، "
                           "جريدة الرياض، 2024-05-15")
    assert "," not in attribution


def test_indirect_quote_is_marked_as_paraphrase_without_quotation_marks():
    article = annotated_sample()
    q1 = quote(article, "q1")
    body = format_citation(article, q1).split("\n")[0]
    assert body == f"{article.quote_text(q1)} (بتصرف)"
    assert "«" not in body


def test_title_stands_in_for_an_unknown_outlet():
    article = annotated_sample()
    attribution = format_citation(article, quote(article, "q4")).split("\n")[1]
    assert attribution == f"— العقيد حمد محمد الحمود، رئيس المؤتمر، {article.title}، 2024-05-15"


def test_english_quote_uses_english_marks_and_commas_and_drops_the_articles_own_marks():
    article = english_article()
    article.metadata["outlet"] = "Daily Wire"
    q1 = article.quotes[0]
    q1.start -= 1  # the span now includes the opening quotation mark
    citation = format_citation(article, q1)
    assert citation == "“We will share data with every partner.”\n— The minister, minister, Daily Wire, 2024-01-02"


def test_unattributed_quote_names_an_unnamed_source_and_text_is_one_line():
    text = "قال مصدر:\n«سنعلن النتائج\nغدا»"
    article = Article(source="x.txt", text=text, quotes=[Quote("q1", "direct", text.index("«"), len(text))],
                      speakers=[Speaker("s1", "أحد")])
    assert format_citation(article, article.quotes[0]) == "«سنعلن النتائج غدا»\n— مصدر غير مسمى"


def test_a_title_already_in_the_name_is_not_repeated():
    article = annotated_sample()
    article.speakers[0].name = "الدكتور محمد بن علي كومان"
    attribution = format_citation(article, quote(article, "q2")).split("\n")[1]
    assert attribution.startswith("— الدكتور محمد بن علي كومان، ")
    assert attribution.count("الدكتور") == 1
