"""Train the speech-or-label filter of direct quotes (extract/quote_filter.py).

Every passage in marks the rules pair is an example: speech when the scorer
matches it to a gold direct quote, not speech when it counts it spurious
(passages on optional gold quotes are left out). A logistic model is fitted
by stochastic gradient descent in a fixed order; the threshold is the
one with the best direct-quote F1 on the training articles.
"""
from __future__ import annotations

from pathlib import Path

from confreader.extract import parse_with_candidates
from confreader.extract.quote_filter import MODEL_FILE, QuoteFilter
from confreader.train.gold import GoldArticle, quote_labels

EPOCHS = 40
LEARNING_RATE = 0.1
L2 = 3e-2
THRESHOLDS = [i / 20 for i in range(1, 20)]


def speech_examples(shared: Path, article: GoldArticle) -> list[tuple[list[str], bool]]:
    parsed, _, speech = parse_with_candidates(article.text, article.name, article.fmt)
    quotes = [(q, f) for q, f in zip(parsed.quotes, speech) if f is not None]
    labels = quote_labels(shared, article, "direct", [(q.start, q.end) for q, _ in quotes])
    return [(f, label) for (_, f), label in zip(quotes, labels) if label is not None]


def fit(examples: list[tuple[list[str], bool]]) -> QuoteFilter:
    model = QuoteFilter({}, 0.5)
    weights = model.weights
    for epoch in range(EPOCHS):
        rate = LEARNING_RATE / (1 + epoch * 0.2)
        for features, label in examples:
            step = rate * ((1.0 if label else 0.0) - model.probability(features))
            for f in features:
                w = weights.get(f, 0.0)
                weights[f] = w + step - rate * L2 * w
    return model


def train_quote_filter(out_dir: Path, articles: list[GoldArticle], shared: Path) -> QuoteFilter:
    examples = [e for article in articles for e in speech_examples(shared, article)]
    model = fit(examples)
    scored = [(model.probability(f), label) for f, label in examples]
    missed = sum(a.missed.get("direct", 0) for a in articles)

    def f1(threshold: float) -> float:
        tp = sum(1 for p, label in scored if p >= threshold and label)
        fp = sum(1 for p, label in scored if p >= threshold and not label)
        fn = sum(1 for p, label in scored if p < threshold and label) + missed
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    model.threshold = max(THRESHOLDS, key=lambda t: (round(f1(t), 4), -t))  # ties: keep more quotes
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MODEL_FILE).write_text(model.to_json(), encoding="utf-8")
    return model
