"""An English article: quotes in curly and straight marks, speakers before or
after the cue, pronouns resolved, reported speech after "said that"."""
from confreader.extract import parse_text

TEXT = """Port expansion approved
The city council approved the expansion of the northern port on Tuesday after a long debate.
"We have waited ten years for this decision," said Dr. Helen Brooks, the port director.
She added that the first ships would arrive next spring.
Mayor Tom Ellis told reporters: “The port will bring hundreds of jobs to the region.”
"""


def test_english_quotes_and_speakers():
    article = parse_text(TEXT)
    assert (article.language, article.direction, article.title) == ("en", "ltr", "Port expansion approved")
    found = {(q.kind, article.quote_text(q), article.speaker_by_id(q.speaker).name)
             for q in article.quotes}
    assert found == {
        ("direct", "We have waited ten years for this decision,", "Helen Brooks"),
        ("indirect", "the first ships would arrive next spring", "Helen Brooks"),
        ("direct", "The port will bring hundreds of jobs to the region.", "Tom Ellis"),
    }
