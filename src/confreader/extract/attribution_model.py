"""The learned attribution ranker: a conditional logit over a quote's candidates.

Each candidate's score is the sum of its features' weights; a "nobody"
option, scored by the quote's own features, competes with them, and the
probabilities are the softmax over all. Its weights live in ``attribution.json`` in the models folder (the package's
``confreader/models``, or ``$CONFREADER_MODELS``), loaded once, on first use.
A quote goes to its best candidate only when the model is sure enough of it
(``threshold``): no speaker is better than a wrong one.
"""
from __future__ import annotations

import json
import os
import math
from dataclasses import dataclass
from pathlib import Path

from confreader.extract.mentions import MODELS_ENV, ModelError, models_dir

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
        weights = {k: round(v, 5) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-5}
        return json.dumps({"format": FORMAT, "threshold": self.threshold, "weights": weights},
                          ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def read_model(path: Path) -> AttributionModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(path, "model file missing; rebuild with python -m confreader.train") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ModelError(path, f"unreadable model file ({type(e).__name__})") from None
    try:
        if data.get("format") != FORMAT:
            raise ValueError
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        threshold = float(data["threshold"])
    except (AttributeError, KeyError, TypeError, ValueError):
        raise ModelError(path, f"corrupt model file (not {FORMAT})") from None
    return AttributionModel(weights, threshold)


def nobody_features(candidates: list[list[str]]) -> list[str]:
    """The quote-level features (q:…), shared by all its candidates, describe "nobody"."""
    return ["b", *(f for f in candidates[0] if f.startswith("q:"))]


_LOADED: dict = {}  # by the CONFREADER_MODELS value: one dict look-up per article


def attribution_model() -> AttributionModel:
    """The model of the current models folder, read once."""
    key = os.environ.get(MODELS_ENV)
    model = _LOADED.get(key)
    if model is None:
        model = _LOADED[key] = read_model(models_dir() / MODEL_FILE)
    return model
