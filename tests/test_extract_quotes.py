"""Direct quotes as a reader sees them highlighted: every mark style, nesting,
quotes over several paragraphs, marks without partner, and no scare quotes."""
import pytest

from confreader.extract import parse_text


def direct_texts(text):
    article = parse_text(text)
    return [article.quote_text(q) for q in article.quotes if q.kind == "direct"]


SPEECH = "نعمل على تطوير الخدمات في كل المدن"


@pytest.mark.parametrize("opening, closing", [
    ('"', '"'), ("«", "»"), ("“", "”"),      # balanced styles
    ("»", "«"), ("»", "»"), ("”", "”"),      # unbalanced styles news sites publish
])
def test_every_mark_style_gives_the_words_between_the_marks(opening, closing):
    text = f"وقال المدير سامر الخطيب: {opening}{SPEECH}{closing} في ختام الجولة."
    assert direct_texts(text) == [SPEECH]


def test_colon_attached_guillemet_and_inner_spaces():
    assert direct_texts(f"وقال رامي الحسن:»{SPEECH}»") == [SPEECH]
    assert direct_texts(f'وقال رامي الحسن " {SPEECH} " ثم غادر القاعة.') == [SPEECH]


def test_nested_quote_keeps_the_outer_quote_whole():
    inner = "لن نتراجع عن هذا الطريق أبدا"
    text = f'وأضاف: «قلت لهم يومها "{inner}" وما زلت أقولها اليوم».'
    quotes = direct_texts(text)
    assert f'قلت لهم يومها "{inner}" وما زلت أقولها اليوم' in quotes
    assert inner in quotes


def test_names_and_labels_in_marks_are_not_quotes():
    text = ('وقال الوزير لـ"الرياض" إن تنظيم «داعش» خسر مواقعه، '
            'وأطلقت الوزارة حملة "معا نبني الوطن الجميل" أمس.')
    assert direct_texts(text) == []


def test_same_marks_nested_around_a_scare_quote():
    text = 'وتابع: "إن الجماعات كـ"داعش" تستهدف الأبرياء في كل مكان".'
    assert direct_texts(text) == ['إن الجماعات كـ"داعش" تستهدف الأبرياء في كل مكان']


def test_a_quote_over_several_paragraphs_is_one_quote_per_paragraph():
    text = ("وقال رئيس البلدية خالد العمري:\n"
            "«سنفتتح ثلاث حدائق جديدة قبل نهاية العام.\n"
            "«وسنبدأ بعدها العمل على توسعة الطرق الرئيسية في الأحياء الشرقية».")
    assert direct_texts(text) == [
        "سنفتتح ثلاث حدائق جديدة قبل نهاية العام.",
        "وسنبدأ بعدها العمل على توسعة الطرق الرئيسية في الأحياء الشرقية",
    ]


def test_a_mark_never_closed_still_gives_its_sentence():
    text = 'وأكد المتحدث أن "الفريق أنجز المرحلة الأولى من المشروع. وفي سياق آخر افتتح المعرض.'
    assert direct_texts(text) == ["الفريق أنجز المرحلة الأولى من المشروع"]


@pytest.mark.parametrize("said", ["الخطة جاهزة للتنفيذ", "لن نتراجع أبدا"])
def test_a_short_quote_after_a_cue_and_a_colon_is_speech(said):
    # The quote filter judges passages in marks by length; a cue and a colon before the marks
    # is the form of speech itself, so even a short one is the minister's quote.
    article = parse_text(f'قال وزير الصحة: "{said}".\nوأضاف أن العمل بدأ.')
    direct = [article.quote_text(q) for q in article.quotes if q.kind == "direct"]
    assert direct == [said]


def test_a_quote_after_a_cue_and_a_complementiser_is_direct():
    # قال إن «…»: the marks hold all that was said (GUIDELINES, mixed quotes).
    article = parse_text('قال الوزير إن "الأمن أولوية قصوى للجميع" في كلمته.')
    assert [(q.kind, article.quote_text(q)) for q in article.quotes if q.kind == "direct"] == [
        ("direct", "الأمن أولوية قصوى للجميع")]
