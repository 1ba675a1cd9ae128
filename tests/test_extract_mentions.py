"""Mentions a journalist would check: the exact words of a name (no role, no verb,
no glued preposition), organisations and unnamed sources as sources, tagging only
the regions asked for, and a clear one-line error for a broken model file.

Every sentence here is written for the test, none is from the training data."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from confreader.extract import mentions
from confreader.extract.mentions import ModelError, find_mentions


def spans(text, kind=None, regions=None):
    return [text[m.start:m.end] for m in find_mentions(text, regions) if kind is None or m.kind == kind]


def test_a_transliterated_foreign_name_after_a_role_is_the_name_alone():
    text = "وقال وزير الخارجية الفنلندي تيمو سويني إن بلاده تدعم الحوار."
    assert spans(text, "person") == ["تيمو سويني"]


def test_a_verb_after_a_name_is_not_swallowed():
    text = "وصل الرئيس التركي رجب طيب أردوغان يرافقه وفد رفيع إلى الرياض مساء أمس."
    assert "رجب طيب أردوغان" in spans(text, "person")
    assert all("يرافقه" not in s for s in spans(text))


def test_proclitics_stay_outside_the_name():
    text = "واتصل أردوغان ببوتين وبحث معه الأزمة، ثم التقى ولافروف وكيري في جنيف."
    people = spans(text, "person")
    assert "بوتين" in people and "لافروف" in people and "أردوغان" in people
    text = "ووجه الوزير رسالة لِكيري حول الملف."  # a vowel on the preposition stays with it
    assert spans(text, "person") == ["كيري"]


def test_a_name_stops_at_a_quotation_mark():
    text = 'وتابع الشرطي حامد عبود "أجرينا تحقيقا شاملا في الحادث".'
    assert spans(text, "person") == ["حامد عبود"]


def test_a_later_bare_surname_is_the_same_kind_of_mention():
    text = ("ونفى الكاتب ماهر الدباغ صحة الخبر.\n"
            "وتعرض الدباغ لحملة انتقادات بعد ذلك، ورد الدباغ عليها في مقال.")
    assert spans(text, "person") == ["ماهر الدباغ", "الدباغ", "الدباغ"]


def test_an_organisation_as_the_source():
    text = "وأعلنت وزارة الداخلية المصرية أمس القبض على خلية من عشرة أشخاص."
    found = [(text[m.start:m.end], m.kind) for m in find_mentions(text)]
    assert ("وزارة الداخلية المصرية", "organisation") in found


def test_unnamed_sources_and_groups():
    text = "وقال مصدر أمني إن الهجوم وقع فجرا، فيما قالت مصادر طبية إن عدد الجرحى ارتفع."
    found = {text[m.start:m.end]: m.kind for m in find_mentions(text)}
    assert found.get("مصدر أمني") == "unnamed"
    assert found.get("مصادر طبية") == "group"


def test_only_the_regions_asked_for_are_tagged():
    first = "وقال الرئيس الفرنسي فرانسوا هولاند إن الاتفاق تاريخي."
    second = " وأكد المستشار النمساوي فيرنر فايمان أن بلاده ستلتزم به."
    text = first + second
    assert spans(text, "person", [(0, len(first))]) == ["فرانسوا هولاند"]
    assert spans(text, "person", [(len(first), len(text))]) == ["فيرنر فايمان"]
    assert spans(text, "person", []) == []


def test_every_span_is_exact_words_and_scored():
    text = "«نحن مستعدون»، قال المتحدث باسم الحكومة الأردنية محمد المومني للصحفيين في عمّان.\n"
    for m in find_mentions(text):
        piece = text[m.start:m.end]
        assert piece == piece.strip(" \n.,،:«»\"") and piece
        assert 0.0 <= m.score <= 1.0
    assert "محمد المومني" in spans(text, "person")


def test_the_regions_around_a_cue_hold_its_source_and_little_else():
    far = "وكان الأمين العام كوفي أنان قد زار المنطقة قبل عامين في جولة شملت عدة عواصم عربية وأوروبية."
    line = ("وتتواصل المشاورات منذ أسابيع بين الأطراف المعنية في العاصمة السويسرية جنيف، "
            "وقالت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا إن موسكو لن تقبل الشروط.")
    text = far + "\n" + line
    cue = text.index("وقالت")
    regions = mentions.regions_around(text, [(cue, cue + len("وقالت"))])
    assert all(text.count("\n", a, b) == 0 for a, b in regions)  # the cue's line only
    assert sum(b - a for a, b in regions) < len(line)
    assert spans(text, "person", regions) == ["ماريا زاخاروفا"]


@pytest.fixture
def model_folder(tmp_path, monkeypatch):
    for name in (mentions.MODEL_FILE, mentions.WORDS_FILE):
        (tmp_path / name).write_bytes((mentions.PACKAGE_MODELS / name).read_bytes())
    monkeypatch.setenv(mentions.MODELS_ENV, str(tmp_path))
    return tmp_path


def test_a_corrupt_model_file_is_a_one_line_error_naming_it(model_folder):
    (model_folder / mentions.MODEL_FILE).write_bytes(b"not a model at all\x00\x01")
    with pytest.raises(ModelError) as err:
        find_mentions("وقال الوزير إن الاجتماع انتهى.")
    message = str(err.value)
    assert str(model_folder / mentions.MODEL_FILE) in message and "\n" not in message


def test_a_truncated_word_table_is_a_one_line_error_naming_it(model_folder):
    table = model_folder / mentions.WORDS_FILE
    table.write_bytes(table.read_bytes()[:5000])
    with pytest.raises(ModelError) as err:
        find_mentions("وقال الوزير إن الاجتماع انتهى.")
    assert str(table) in str(err.value) and "\n" not in str(err.value)


def test_a_missing_model_is_a_one_line_error_naming_it(model_folder):
    (model_folder / mentions.MODEL_FILE).unlink()
    with pytest.raises(ModelError, match="missing") as err:
        find_mentions("وقال الوزير إن الاجتماع انتهى.")
    assert str(model_folder / mentions.MODEL_FILE) in str(err.value)


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("وقال محمد بن سلمان لبوتين«»:،.\n\u064e\u0640 xyz12ـ")), max_size=120),
       st.lists(st.tuples(st.integers(-5, 130), st.integers(-5, 130)), max_size=3))
def test_any_text_and_regions_give_spans_inside_the_text(text, regions):
    found = find_mentions(text, regions or None)
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start].strip() and text[m.end - 1].strip()
    assert [m.start for m in found] == sorted(m.start for m in found)
