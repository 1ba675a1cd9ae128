"""Sections and the title: headings are short lines of their own followed by
body text; Markdown uses its # headings; language and direction are detected."""
from confreader.extract import parse_text

LEAD = ("افتتح وزير التعليم صباح اليوم معرض الكتاب السنوي في العاصمة بمشاركة أكثر من مئتي "
        "دار نشر من عشرين دولة، وسط حضور كبير من الطلاب والعائلات.")
BODY = ("ويستمر المعرض عشرة أيام، ويضم ندوات يومية وأمسيات شعرية وورشا للأطفال، "
        "إضافة إلى جناح خاص بالكتب الرقمية.")


def headings(article):
    return [s.heading for s in article.sections if s.heading]


def test_title_after_a_lead_paragraph_and_a_sub_heading():
    text = f"{LEAD}\nمعرض الكتاب يفتح أبوابه\n{BODY}\nبرنامج الأمسيات\n{BODY}\n"
    article = parse_text(text)
    assert article.title == "معرض الكتاب يفتح أبوابه"
    assert headings(article) == ["معرض الكتاب يفتح أبوابه", "برنامج الأمسيات"]
    assert [len(s.paragraphs) for s in article.sections] == [1, 1, 1]


def test_title_on_the_first_line():
    article = parse_text(f"معرض الكتاب يفتح أبوابه\n{BODY}")
    assert article.title == "معرض الكتاب يفتح أبوابه"


def test_sentences_bylines_datelines_and_trailing_lines_are_not_headings():
    text = (f"سامي العلي – الرياض\n{LEAD}\nالرياض 12 أغسطس 2015 م واس\n{BODY}\n"
            f"وقال المنظمون إن الدخول مجاني.\n{BODY}\nانتهى الخبر")
    article = parse_text(text)
    assert headings(article) == []
    assert article.title is None


def test_paragraph_spans_are_trimmed_lines():
    text = f"  {LEAD}  \n\n\t{BODY}\n"
    article = parse_text(text)
    assert [text[p.start:p.end] for p in article.paragraphs()] == [LEAD, BODY]


def test_markdown_headings_without_their_marks():
    text = f"# معرض الكتاب يفتح أبوابه\n\n{LEAD}\n\n## برنامج الأمسيات ##\n\n{BODY}\n"
    article = parse_text(text, fmt="markdown")
    assert headings(article) == ["معرض الكتاب يفتح أبوابه", "برنامج الأمسيات"]
    assert article.title == "معرض الكتاب يفتح أبوابه"
    for section in article.sections:
        assert text[slice(*section.heading_span)] == section.heading


def test_language_and_direction():
    arabic = parse_text(LEAD)
    english = parse_text("The book fair opened on Monday with publishers from twenty countries.")
    assert (arabic.language, arabic.direction) == ("ar", "rtl")
    assert (english.language, english.direction) == ("en", "ltr")


def test_title_before_a_byline_written_with_a_tatweel_dash():
    article = parse_text(f"المعرض يفتح أبوابه: الدخول مجاني للطلاب\nسامي العلي ـ جدة\n{LEAD}\n{BODY}")
    assert article.title == "المعرض يفتح أبوابه: الدخول مجاني للطلاب"
    assert headings(article) == ["المعرض يفتح أبوابه: الدخول مجاني للطلاب"]


def test_a_heading_may_end_with_the_mark_it_opened_but_a_quoted_sentence_is_no_heading():
    text = f"{LEAD}\nأبو عبيدة المصري «قلب التنظيم»\n{BODY}\nوأضاف \"قلت مرات إنني أريد أن ألعب.\"\n{BODY}"
    assert headings(parse_text(text)) == ["أبو عبيدة المصري «قلب التنظيم»"]
