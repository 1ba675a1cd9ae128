"""The learned attribution ranker: a conditional logit over a quote's candidates.

Each candidate's score is the sum of its features' weights; a "nobody"
option, scored by the quote's own features, competes with them, and the
probabilities are the softmax over all. Its weights live in ``attribution.json`` in the models folder (the package's
``confreader/models``, or ``$CONFREADER_MODELS``), loaded once, on first use.
A quote goes to its best candidate only when the model is sure enough of it
(``threshold``): no speaker is better than a wrong one.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from confreader.extract.mentions import ModelError, models_dir
from confreader.extract.weights_file import current_model, read_weights, weights_json

__all__ = ["AttributionModel", "ModelError", "attribution_model", "models_dir", "read_model"]

MODEL_FILE = "attribution.json"
FORMAT = "confreader.attribution/1"


@dataclass(slots=True)
class AttributionModel:
    weights: dict[str, float]
    threshold: float

    def probabilities(self, candidates: list[list[str]]) -> list[float]:
        """Softmax over the candidates and, last, the "nobody" option."""
        w = self.weights
        scores = [sum(w.get(f, 0.0) for f in features) for features in candidates]
        scores.append(sum(w.get("none:" + f, 0.0) for f in nobody_features(candidates)) if candidates
                      else 0.0)
        top = max(scores)
        exps = [math.exp(z - top) for z in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def best(self, candidates: list[list[str]]) -> tuple[int | None, float]:
        """Index of the most probable candidate and its probability; None when its
        probability (against the others and "nobody") is under the threshold."""
        if not candidates:
            return None, 0.0
        probs = self.probabilities(candidates)[:-1]
        i = max(range(len(probs)), key=probs.__getitem__)
        return (i, probs[i]) if probs[i] >= self.threshold else (None, probs[i])

    def choose(self, candidates: list[tuple[str, list[str]]]) -> str | None:
        """The speaker id the quote goes to, or None."""
        i, _ = self.best([f for _, f in candidates])
        return candidates[i][0] if i is not None else None

    def to_json(self) -> str:
        return weights_json(self.weights, self.threshold, FORMAT)


def read_model(path: Path) -> AttributionModel:
    return AttributionModel(*read_weights(path, FORMAT))


def nobody_features(candidates: list[list[str]]) -> list[str]:
    """The quote-level features (q:…), shared by all its candidates, describe "nobody"."""
    return ["b", *(f for f in candidates[0] if f.startswith("q:"))]


def attribution_model() -> AttributionModel:
    """The model of the current models folder, read once."""
    return current_model(MODEL_FILE, read_model)
