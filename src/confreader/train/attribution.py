"""Train the attribution ranker on gold articles.

Every quote the rules find and the scorer matches to a gold quote gives one
example per candidate source: positive when the scorer would accept that
candidate's name as the gold speaker. A conditional logit (softmax over the
candidates and "nobody") is fitted by stochastic gradient ascent in a fixed order (deterministic), and the
threshold is the one that best trades right against wrong speakers
(a wrong speaker costs as much as a right one gains; none costs nothing).
"""
from __future__ import annotations

from pathlib import Path

from confreader.extract import parse_with_candidates
from confreader.extract.attribution_model import MODEL_FILE, AttributionModel, nobody_features
from confreader.train.gold import GoldArticle, matched_gold_speakers

EPOCHS = 40
LEARNING_RATE = 0.1
L2 = 3e-2
THRESHOLDS = [i / 20 for i in range(0, 20)]

# One quote's training data: its candidates' features, which of them are right,
# and whether the gold gives the quote a speaker at all.
Example = tuple[list[list[str]], list[bool], bool]


def quote_examples(shared: Path, article: GoldArticle) -> list[Example]:
    parsed, ranked, _ = parse_with_candidates(article.text, article.name, article.fmt)
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
    """Stochastic gradient ascent on the log-likelihood of the right candidates (or of
    "nobody" when none is right), in the examples' order, with L2 decay."""
    model = AttributionModel({}, 0.0)
    weights = model.weights
    for epoch in range(EPOCHS):
        rate = LEARNING_RATE / (1 + epoch * 0.2)
        for cands, labels, _ in examples:
            if not cands:
                continue
            probs = model.probabilities(cands)
            right = [p for p, ok in zip(probs, labels) if ok]
            if right:
                mass = sum(right)
                targets = [p / mass if ok else 0.0 for p, ok in zip(probs, labels)] + [0.0]
            else:
                targets = [0.0] * len(cands) + [1.0]
            rows = [*cands, ["none:" + f for f in nobody_features(cands)]]
            for features, p, t in zip(rows, probs, targets):
                step = rate * (t - p)
                if step:
                    for f in features:
                        w = weights.get(f, 0.0)
                        weights[f] = w + step - rate * L2 * w
    return weights


def tradeoff(model: AttributionModel, examples: list[Example], threshold: float) -> tuple[int, int, int]:
    """(right, wrong, quotes with a gold speaker) when quotes under the threshold get none."""
    saved, model.threshold = model.threshold, threshold
    right = wrong = 0
    for cands, labels, _ in examples:
        best, _ = model.best(cands)
        if best is not None:
            right += labels[best]
            wrong += not labels[best]
    model.threshold = saved
    return right, wrong, sum(1 for _, _, has in examples if has)


def train_attribution(out_dir: Path, articles: list[GoldArticle], shared: Path) -> AttributionModel:
    examples = [e for article in articles for e in quote_examples(shared, article)]
    model = AttributionModel(fit(examples), 0.0)
    best = max(THRESHOLDS, key=lambda t: (lambda r, w, _: r - w)(*tradeoff(model, examples, t)))
    model.threshold = best
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MODEL_FILE).write_text(model.to_json(), encoding="utf-8")
    return model
