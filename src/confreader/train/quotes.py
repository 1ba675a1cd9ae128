"""Train the speech-or-label filter of direct quotes (extract/quote_filter.py).

Every passage in marks the rules pair is an example: speech when the scorer
matches it to a gold direct quote, not speech when it counts it spurious
(passages on optional gold quotes are left out). A logistic model is fitted
by stochastic gradient descent in a fixed order; the threshold keeps the
most right quotes net of wrong ones on the training articles.
"""
from __future__ import annotations

from pathlib import Path

from confreader.extract import parse_with_candidates
from confreader.extract.quote_filter import MODEL_FILE, QuoteFilter
from confreader.train.gold import GoldArticle, direct_labels

EPOCHS = 40
LEARNING_RATE = 0.1
L2 = 3e-2
THRESHOLDS = [i / 20 for i in range(1, 20)]


def speech_examples(shared: Path, article: GoldArticle) -> list[tuple[list[str], bool]]:
    parsed, _, speech = parse_with_candidates(article.text, article.name, article.fmt)
    direct = [(q, f) for q, f in zip(parsed.quotes, speech) if f is not None]
    labels = direct_labels(shared, article, [(q.start, q.end) for q, _ in direct])
    return [(f, label) for (_, f), label in zip(direct, labels) if label is not None]


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

    def net(threshold: float) -> int:
        kept = [label for features, label in examples if model.probability(features) >= threshold]
        return sum(kept) - (len(kept) - sum(kept))

    model.threshold = max(THRESHOLDS, key=lambda t: (net(t), -t))  # ties: keep more quotes
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MODEL_FILE).write_text(model.to_json(), encoding="utf-8")
    return model
