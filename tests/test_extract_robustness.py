"""Hostile input finishes quickly and never raises: one huge line full of
unbalanced marks, and binary-looking garbage."""
import random

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
