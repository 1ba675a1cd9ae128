"""Train the attribution ranker on gold articles.

Every quote the rules find and the scorer matches to a gold quote gives one
example per candidate source: positive when the scorer would accept that
candidate's name as the gold speaker. A logistic model is fitted by
stochastic gradient descent in a fixed order (deterministic), and the
threshold is the one that best trades right against wrong speakers
(a wrong speaker costs as much as a right one gains; none costs nothing).
"""
from __future__ import annotations

import math
from pathlib import Path

from confreader.extract import parse_with_candidates
from confreader.extract.attribution_model import MODEL_FILE, AttributionModel
from confreader.train.gold import GoldArticle, matched_gold_speakers

EPOCHS = 40
LEARNING_RATE = 0.1
L2 = 1e-4
THRESHOLDS = [i / 20 for i in range(0, 20)]

# One quote's training data: its candidates' features, which of them are right,
# and whether the gold gives the quote a speaker at all.
Example = tuple[list[list[str]], list[bool], bool]


def quote_examples(shared: Path, article: GoldArticle) -> list[Example]:
    parsed, ranked = parse_with_candidates(article.text, article.name, article.fmt)
    if not ranked:
        return []
    golds = matched_gold_speakers(shared, article, [(q.kind, q.start, q.end) for q in parsed.quotes])
    names = {s.id: s.name for s in parsed.speakers}
    out = []
    for gold, cands in zip(golds, ranked):
        if gold is ...:
            continue  # a quote the gold does not have: its speaker is not scored
        labels = [gold is not None and gold.matches(names.get(sid)) for sid, _ in cands]
        out.append(([f for _, f in cands], labels, gold is not None))
    return out


def fit(examples: list[Example]) -> dict[str, float]:
    weights: dict[str, float] = {}
    rows = [(features, label) for cands, labels, _ in examples for features, label in zip(cands, labels)]
    for epoch in range(EPOCHS):
        rate = LEARNING_RATE / (1 + epoch * 0.2)
        for features, label in rows:
            z = sum(weights.get(f, 0.0) for f in features)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            step = rate * ((1.0 if label else 0.0) - p)
            for f in features:
                w = weights.get(f, 0.0)
                weights[f] = w + step - rate * L2 * w
    return weights


def tradeoff(model: AttributionModel, examples: list[Example], threshold: float) -> tuple[int, int, int]:
    """(right, wrong, quotes with a gold speaker) when quotes under the threshold get none."""
    right = wrong = 0
    for cands, labels, has_speaker in examples:
        best, best_p = None, 0.0
        for i, features in enumerate(cands):
            p = model.probability(features)
            if p > best_p:
                best, best_p = i, p
        if best is None or best_p < threshold:
            continue
        if labels[best]:
            right += 1
        else:
            wrong += 1
    return right, wrong, sum(1 for _, _, has in examples if has)


def train_attribution(out_dir: Path, articles: list[GoldArticle], shared: Path) -> AttributionModel:
    examples = [e for article in articles for e in quote_examples(shared, article)]
    model = AttributionModel(fit(examples), 0.0)
    best = max(THRESHOLDS, key=lambda t: (lambda r, w, _: r - w)(*tradeoff(model, examples, t)))
    model.threshold = best
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MODEL_FILE).write_text(model.to_json(), encoding="utf-8")
    return model
