"""Gold articles for training: the text as the parser reads it, and its annotations
aligned with the parser's quotes the way ../shared/eval/score.py aligns them."""
from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from confreader.sources import load_document


@dataclass(slots=True)
class GoldArticle:
    name: str          # the file's stem (trn-001)
    path: Path
    text: str          # as confreader reads it
    fmt: str
    gold: dict
    missed: dict = field(default_factory=dict)  # kind -> gold quotes the parser does not find


def gold_files(shared: Path) -> list[Path]:
    """Every annotated article of ../shared/eval (train and dev), in name order."""
    files = [p for sub in ("train", "dev") for p in sorted((shared / "eval" / sub).glob("*.txt"))
             if p.with_suffix(".gold.json").exists()]
    return sorted(files, key=lambda p: p.stem)


def read_gold(path: Path) -> GoldArticle:
    doc = load_document(path)
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    return GoldArticle(path.stem, path, doc.text, doc.format, gold)


@cache
def scorer(shared: Path):
    """The scorer's own module: its matching rules are the definition of right."""
    spec = importlib.util.spec_from_file_location("confreader_gold_scorer", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def matched_gold_speakers(shared: Path, article: GoldArticle, pred_spans: list[tuple[str, int, int]]):
    """For every predicted quote (kind, start, end): the scorer's gold Speaker of the gold quote
    it matches, None when that quote has no speaker, or ... when it matches no gold quote."""
    sc = scorer(shared)
    text, gold = article.text, article.gold
    speakers = [sc.Speaker(s["name"], s.get("aliases", [])) for s in gold.get("speakers", [])]
    gq = []
    for q in gold.get("quotes", []):
        span = sc.locate(text, q["text"], occurrence=q.get("occurrence", 1))
        if span is not None:
            gq.append({**q, "span": sc.trim_span(text, *span)})
    out: list = [...] * len(pred_spans)
    for kind, threshold in (("direct", 0.8), ("indirect", 0.5)):
        gi_list = [q for q in gq if q["kind"] == kind]
        pi_index = [i for i, (k, _, _) in enumerate(pred_spans) if k == kind]
        pq = [{"span": sc.trim_span(text, pred_spans[i][1], pred_spans[i][2])} for i in pi_index]
        pairs, _, _ = sc.match_quotes(text, gi_list, pq, threshold)
        for gi, pi in pairs:
            name = gi_list[gi].get("speaker")
            out[pi_index[pi]] = (next((s for s in speakers if s.name == name), sc.Speaker(name))
                                 if name else None)
    return out


def quote_labels(shared: Path, article: GoldArticle, kind: str,
                 pred_spans: list[tuple[int, int]]) -> list[bool | None]:
    """For every predicted quote of a kind: True when it matches a gold quote of that kind,
    False when the scorer counts it spurious, None when it only lands on an optional one."""
    sc = scorer(shared)
    text = article.text
    gq = []
    for q in article.gold.get("quotes", []):
        span = sc.locate(text, q["text"], occurrence=q.get("occurrence", 1))
        if span is not None:
            gq.append({**q, "span": sc.trim_span(text, *span)})
    gold_direct = [q for q in gq if q["kind"] == kind]
    pq = [{"span": sc.trim_span(text, a, b)} for a, b in pred_spans]
    pairs, missed, spurious = sc.match_quotes(text, gold_direct, pq, 0.8 if kind == "direct" else 0.5)
    article.missed[kind] = sum(1 for gi in missed if not gold_direct[gi].get("optional"))
    out: list[bool | None] = [None] * len(pred_spans)
    for gi, pi in pairs:
        out[pi] = None if gold_direct[gi].get("optional") else True
    optional = [q["span"] for q in gq if q.get("optional")]
    for pi in spurious:
        if not any(sc.overlap(o, pq[pi]["span"]) >= 0.5 for o in optional):
            out[pi] = False
    return out
