"""The file format of the parser's linear models: a format tag, a threshold and feature weights."""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from confreader.extract.mentions import MODELS_ENV, ModelError, models_dir

Model = TypeVar("Model")
# By file name and CONFREADER_MODELS value, so the CV bench can switch folders: one look-up per article.
_LOADED: dict[tuple[str, str | None], object] = {}


def current_model(file_name: str, read: Callable[[Path], Model]) -> Model:
    """The model in ``file_name`` of the current models folder, read once."""
    key = (file_name, os.environ.get(MODELS_ENV))
    model = _LOADED.get(key)
    if model is None:
        model = _LOADED[key] = read(models_dir() / file_name)
    return model  # type: ignore[return-value]


def weights_json(weights: dict[str, float], threshold: float, fmt: str) -> str:
    """Deterministic JSON (sorted, rounded, near-zero weights left out), so a rebuild is byte-identical."""
    kept = {k: round(v, 5) for k, v in sorted(weights.items()) if abs(v) >= 1e-5}
    return json.dumps({"format": fmt, "threshold": threshold, "weights": kept},
                      ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def read_weights(path: Path, fmt: str) -> tuple[dict[str, float], float]:
    """(weights, threshold) of a model file; ModelError naming the file when it is missing or not ``fmt``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(path, "model file missing; rebuild with python -m confreader.train") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ModelError(path, f"unreadable model file ({type(e).__name__})") from None
    try:
        if data.get("format") != fmt:
            raise ValueError
        return {str(k): float(v) for k, v in data["weights"].items()}, float(data["threshold"])
    except (AttributeError, KeyError, TypeError, ValueError):
        raise ModelError(path, f"corrupt model file (not {fmt})") from None
