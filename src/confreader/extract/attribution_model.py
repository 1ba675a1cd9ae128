"""The learned attribution ranker: a logistic model over candidate features.

Its weights live in ``attribution.json`` in the models folder (the package's
``confreader/models``, or ``$CONFREADER_MODELS``), loaded once, on first use.
A quote goes to its best candidate only when the model is sure enough of it
(``threshold``): no speaker is better than a wrong one.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path

MODEL_FILE = "attribution.json"
FORMAT = "confreader.attribution/1"
_PACKAGE_MODELS = Path(__file__).resolve().parent.parent / "models"


class ModelError(Exception):
    """A model file is missing or unreadable; the message names it."""


def models_dir() -> Path:
    override = os.environ.get("CONFREADER_MODELS")
    return Path(override) if override else _PACKAGE_MODELS


@dataclass(slots=True)
class AttributionModel:
    weights: dict[str, float]
    threshold: float

    def probability(self, features: list[str]) -> float:
        w = self.weights
        z = sum(w.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def choose(self, candidates: list[tuple[str, list[str]]]) -> tuple[str | None, float]:
        """The best candidate and its probability; (None, p) when p is under the threshold."""
        best, best_p = None, 0.0
        for sid, features in candidates:
            p = self.probability(features)
            if p > best_p:
                best, best_p = sid, p
        return (best, best_p) if best_p >= self.threshold else (None, best_p)

    def to_json(self) -> str:
        weights = {k: round(v, 5) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-5}
        return json.dumps({"format": FORMAT, "threshold": self.threshold, "weights": weights},
                          ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def read_model(path: Path) -> AttributionModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path}: attribution model missing (rebuild with python -m confreader.train)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ModelError(f"{path}: attribution model unreadable ({type(e).__name__})") from None
    try:
        if data.get("format") != FORMAT:
            raise ValueError
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        threshold = float(data["threshold"])
    except (AttributeError, KeyError, TypeError, ValueError):
        raise ModelError(f"{path}: not a {FORMAT} model file") from None
    return AttributionModel(weights, threshold)


_LOADED: dict[Path, AttributionModel] = {}


def attribution_model() -> AttributionModel:
    """The model of the current models folder, read once."""
    path = models_dir() / MODEL_FILE
    model = _LOADED.get(path)
    if model is None:
        model = _LOADED[path] = read_model(path)
    return model
