"""Is a passage in quotation marks speech, or a name, a term, a title in marks?

The marks are paired by rules (quotes_direct.py); whether what they enclose
was said by someone is a learned decision over generic features: length,
sentence punctuation inside, a cue or a colon before it, a label noun before
it (صحيفة «…»), first-person words, unpaired marks. (The same filter over
reported clauses lost more right quotes than wrong ones in cross-validation,
so indirect quotes are kept as the rules find them.) The model is
``quotes.json`` in the models folder, read once; a quote whose probability
is under the threshold is dropped.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from confreader.extract.arabic import fold_word
from confreader.extract.cues import CueEvent
from confreader.extract.weights_file import current_model, read_weights, weights_json
from confreader.extract.quotes_direct import LABEL_NOUNS, DirectQuote

MODEL_FILE = "quotes.json"
FORMAT = "confreader.quotefilter/1"
_SENTENCE_PUNCTUATION = frozenset(".!?؟…")
# First-person words as written (and without hamza), or a word ending in -نا: speech, not a label.
_FIRST_PERSON = re.compile(r"(?<!\w)(?:أنا|انا|نحن|إننا|اننا|إنني|انني|أننا|أنني|لنا|لدينا|علينا|لي)(?!\w)"
                           r"|\w\wنا(?!\w)")
_DIGIT = re.compile(r"\d")
# قال إن «…»: the marks hold all that was said after the cue (GUIDELINES, mixed quotes).
_COMPLEMENTISERS = frozenset({"ان", "بان", "انه", "بانه", "انها", "بانها"})
_LENGTHS = (3, 4, 5, 8, 15, 30)


def _length(n: int) -> str:
    return next((str(limit) for limit in _LENGTHS if n <= limit), "long")


def direct_features(text: str, q: DirectQuote, ev: CueEvent | None, pstart: int) -> list[str]:
    content = text[q.start:min(q.end, q.start + 600)]
    words = content.split()
    f = ["b", f"nw:{_length(len(words))}"]
    last = content.rstrip()[-1:] if content.strip() else ""
    if last in _SENTENCE_PUNCTUATION:
        f.append("ends")
    if "،" in content or "," in content:
        f.append("comma")
    if _DIGIT.search(content):
        f.append("digits")
    if _FIRST_PERSON.search(content, 0, 300):
        f.append("first-person")
    f.append("paired" if q.open_mark is not None and q.close_mark is not None
             else "no-open" if q.open_mark is None else "no-close")
    opening = q.open_mark if q.open_mark is not None else q.start
    before = text[max(pstart, opening - 40):opening]
    stripped = before.rstrip()
    if stripped.endswith(":"):
        f.append("colon")
    elif not stripped:
        f.append("opens-paragraph")
    previous = stripped.split()[-1:] if stripped else []
    if previous:
        word = fold_word(previous[0].strip("ـ،,:()"))
        if word in LABEL_NOUNS or word[1:] in LABEL_NOUNS:
            f.append("label")
        if before.endswith(("ـ", "ل", "ب", "ك")):
            f.append("attached")
        if word in _COMPLEMENTISERS:
            f.append("complementiser")
    if ev is None:
        f.append("no-cue")
    else:
        f.append(f"cue:{ev.origin or 'cue'}")
        if ev.speaker is None:
            f.append("no-speaker")
    f += [f"{x}:{f[1]}" for x in ("ends", "comma") if x in f]  # they weigh by length
    return f


@dataclass(slots=True)
class QuoteFilter:
    weights: dict[str, float]
    threshold: float

    def probability(self, features: list[str]) -> float:
        z = sum(self.weights.get(x, 0.0) for x in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keeps(self, features: list[str]) -> bool:
        # A cue, then a colon or a complementiser, then the marks (قال الوزير: «…», قال إن «…»)
        # is how speech is quoted (GUIDELINES): speech at any length, so only the other
        # passages in marks are judged by the model.
        if (("colon" in features or "complementiser" in features)
                and "no-cue" not in features and "paired" in features):
            return True
        return self.probability(features) >= self.threshold

    def to_json(self) -> str:
        return weights_json(self.weights, self.threshold, FORMAT)


def read_filter(path: Path) -> QuoteFilter:
    return QuoteFilter(*read_weights(path, FORMAT))


def quote_filter() -> QuoteFilter:
    """The model of the current models folder, read once."""
    return current_model(MODEL_FILE, read_filter)
