"""Accuracy on the hand-annotated articles can't silently fall: the shared
scorer (../shared/eval/score.py) scores the parser on ../shared/eval/dev and
../shared/eval/train and must reach these F1 bounds, set a little under what
the shipped models reach. The models are trained on these same articles, so
the bounds guard against regressions; the cross-validated numbers, the ones
that say how the parser does on unseen articles, are in the README
(bench/accuracy.py).

The parser runs in this process (the scorer's per-file command is replaced by
a call to the same loading path `confreader parse --format json` uses), so
the check takes seconds; test_cli_parse.py covers the command itself."""
import importlib.util
import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from confreader.export.json_schema import article_to_dict
from confreader.loading import load_article

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SCORER = EVAL / "score.py"

BOUNDS = {
    "dev": {"headings": 0.97, "direct": 0.97, "indirect": 0.84, "attributed": 0.88,
            "speakers": 0.89, "speaker-accuracy": 0.89},
    "train": {"headings": 0.60, "direct": 0.95, "indirect": 0.71, "attributed": 0.74,
              "speakers": 0.71, "speaker-accuracy": 0.80},
}


def scorer():
    spec = importlib.util.spec_from_file_location("shared_eval_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # The JSON `confreader parse --format json FILE` prints, without a process per file.
    module.run_tool = lambda cmd, path, timeout: json.loads(json.dumps(article_to_dict(load_article(path))))
    return module


@pytest.mark.skipif(not SCORER.exists(), reason="the shared eval sets (../shared/eval) are not on this machine")
@pytest.mark.parametrize("folder", sorted(BOUNDS))
def test_scores_reach_their_bounds(folder):
    args = [str(EVAL / folder)] + [a for k, v in BOUNDS[folder].items() for a in (f"--min-{k}", str(v))]
    out = io.StringIO()
    with redirect_stdout(out):
        status = scorer().main(args)
    assert "tool failures: 0" in out.getvalue(), out.getvalue()
    assert status == 0, out.getvalue()
