"""Accuracy on the hand-annotated dev articles can't silently fall: the scorer
runs `confreader parse` on ../shared/eval/dev and must reach these F1 bounds
(set a little under what the parser reached when they were last raised)."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"

BOUNDS = {
    "headings": 0.97,
    "direct": 0.97,
    "indirect": 0.84,
    "attributed": 0.89,
    "speakers": 0.86,
}


@pytest.mark.skipif(not SCORER.exists() or not any(DEV.glob("*.gold.json")),
                    reason="the shared dev set (../shared/eval/dev with score.py) is not on this machine")
def test_dev_set_scores_reach_their_bounds():
    cmd = f"{sys.executable} -m confreader parse --format json {{file}}"
    args = [sys.executable, str(SCORER), str(DEV), "--cmd", cmd]
    args += [a for k, v in BOUNDS.items() for a in (f"--min-{k}", str(v))]
    out = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert "tool failures: 0" in out.stdout, out.stdout
    assert out.returncode == 0, out.stdout + out.stderr
