"""Hostile input finishes quickly and never raises: one huge line full of
unbalanced marks, binary-looking garbage, and any mix of marks, cues and names
(every span stays inside the text, every quoted speaker exists)."""
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from confreader.extract import parse_text


def test_a_large_single_line_of_unbalanced_marks_completes():
    rng = random.Random(7)
    pieces = ['"', "«", "»", "“", "”", "قال", "وأضاف:", "أكد أن", "مصدر أمني", "الدكتور محمد",
              "كلمة", "،", ".", ":", "لـ\"", "بحسب"]
    text = " ".join(rng.choice(pieces) for _ in range(300_000))  # about 2 MB of UTF-8
    assert len(text.encode("utf-8")) > 1_500_000
    article = parse_text(text)
    for q in article.quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert q.end - q.start <= 3000  # a mark without partner never swallows the line


def test_binary_looking_garbage_parses_without_error():
    rng = random.Random(3)
    text = "".join(chr(rng.randrange(32, 0x700)) for _ in range(200_000))
    article = parse_text(text)
    assert article.text == text


PIECES = ["قال", "وقال", "أكد أن", "مؤكدا", "بحسب", "الدكتور", "محمد", "بن", "آل", "وزير الخارجية",
          "مصدر أمني", "وزارة الداخلية", "«", "»", '"', "“", "”", ":", "،", ".", "\n", "# ", "د.",
          "لـ", "@x", "إلى أن", "سموه", "جاء في بيان للتنظيم", " ", "he said", "\u064b", "–", "؟"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60), st.sampled_from(["text", "markdown"]))
def test_every_span_points_into_the_text_and_every_speaker_exists(pieces, fmt):
    text = " ".join(pieces)
    article = parse_text(text, fmt=fmt)
    ids = {s.id for s in article.speakers}
    for q in article.quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert q.speaker is None or q.speaker in ids
        assert 0 <= q.section < max(1, len(article.sections))
    for s in article.speakers:
        assert all(0 <= a <= b <= len(text) for a, b in s.mentions)
    for section in article.sections:
        if section.heading_span:
            assert text[slice(*section.heading_span)] == section.heading
