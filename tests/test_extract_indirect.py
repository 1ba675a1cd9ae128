"""Reported speech: cue verbs in their real forms, participles that continue a
speaker, complementisers, and where the reported clause ends."""
import pytest

from confreader.extract import parse_text


def indirect(text):
    article = parse_text(text)
    return [(article.quote_text(q), q.cue, (article.speaker_by_id(q.speaker) or None) and
             article.speaker_by_id(q.speaker).name)
            for q in article.quotes if q.kind == "indirect"]


CLAUSE = "الميناء سيستقبل السفن الكبيرة بعد التوسعة"


@pytest.mark.parametrize("cue", ["قال", "وقال", "فقال", "يقول", "أكد", "وأكد", "يؤكد", "أوضح", "وبيّن"])
def test_masculine_cues_with_prefixes_and_tenses(cue):
    assert indirect(f"{cue} المهندس وليد الحربي إن {CLAUSE}.") == [(CLAUSE, cue, "وليد الحربي")]


@pytest.mark.parametrize("cue", ["قالت", "وأكدت", "تقول", "وأوضحت"])
def test_feminine_cues(cue):
    assert indirect(f"{cue} الدكتورة هند السالم إن {CLAUSE}.") == [(CLAUSE, cue, "هند السالم")]


@pytest.mark.parametrize("cue, complement", [
    ("وأشار", "إلى أن"), ("ولفت", "إلى أن"), ("وشدد", "على أن"), ("وأكد", "بأن"),
])
def test_complementisers_are_left_out_of_the_clause(cue, complement):
    assert indirect(f"{cue} وليد الحربي {complement} {CLAUSE}.") == [(CLAUSE, cue, "وليد الحربي")]


def test_participles_continue_the_speaker_and_end_the_previous_clause():
    text = (f"وقال وليد الحربي إن {CLAUSE}، مؤكدًا أن العمل سيكتمل في الربيع، "
            "مشيرا إلى أن التكلفة أقل من المتوقع.")
    assert indirect(text) == [
        (CLAUSE, "وقال", "وليد الحربي"),
        ("العمل سيكتمل في الربيع", "مؤكدًا", "وليد الحربي"),
        ("التكلفة أقل من المتوقع", "مشيرا", "وليد الحربي"),
    ]


def test_calls_and_expressions_with_their_prepositions():
    text = ("ودعا وليد الحربي إلى تسريع إجراءات التصاريح للمستثمرين. "
            "كما أعرب عن أمله في زيادة عدد الرحلات اليومية.")
    assert indirect(text) == [
        ("تسريع إجراءات التصاريح للمستثمرين", "ودعا", "وليد الحربي"),
        ("أمله في زيادة عدد الرحلات اليومية", "أعرب", "وليد الحربي"),
    ]


def test_a_report_wholly_in_quotation_marks_is_a_direct_quote_only():
    article = parse_text(f"وقال وليد الحربي إن «{CLAUSE}».")
    assert [(q.kind, article.quote_text(q)) for q in article.quotes] == [("direct", CLAUSE)]


def test_a_quoted_fragment_inside_a_report_is_both():
    fragment = "أكبر مشروع بحري في المنطقة"
    article = parse_text(f'وأوضح وليد الحربي أن التوسعة "{fragment}" حتى الآن.')
    kinds = {(q.kind, article.quote_text(q)) for q in article.quotes}
    assert kinds == {("direct", fragment), ("indirect", f'التوسعة "{fragment}" حتى الآن')}


def test_source_named_after_the_clause():
    text = "وأغلقت ثلاثة طرق رئيسية بسبب السيول، بحسب مصدر في الدفاع المدني."
    assert indirect(text) == [("وأغلقت ثلاثة طرق رئيسية بسبب السيول", "بحسب", "مصدر في الدفاع المدني")]


def test_speech_after_a_colon_without_marks_is_reported_speech():
    text = "وقال وليد الحربي: لا خيار أمامنا سوى إكمال المشروع في موعده."
    assert indirect(text) == [("لا خيار أمامنا سوى إكمال المشروع في موعده", "وقال", "وليد الحربي")]


def test_source_with_a_preposition_attached():
    text = "وارتفعت المبيعات عشرين في المائة هذا العام، وفقا لشركة الأفق للأبحاث."
    article = parse_text(text)
    [quote] = [q for q in article.quotes if q.kind == "indirect"]
    assert article.quote_text(quote) == "وارتفعت المبيعات عشرين في المائة هذا العام"
    assert article.speaker_by_id(quote.speaker).kind == "organisation"
