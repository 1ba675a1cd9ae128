"""The cue lexicons compiled into folded lookup tables for the extractors."""
from __future__ import annotations

from dataclasses import dataclass, field

from confreader.extract import lexicon_ar
from confreader.extract.arabic import fold_word

Gender = str  # "m", "f", "pl" or "" when unknown


def _words(spec: str) -> set[str]:
    return {fold_word(w) for w in spec.split()}


def _with_prefixes(words: set[str]) -> dict[str, str]:
    """Every word with the conjunction prefixes و/ف, mapped to the plain word."""
    out = {}
    for w in words:
        out[w] = w
        for prefix in ("و", "ف"):
            out.setdefault(prefix + w, w)
    return out


@dataclass(slots=True)
class CueForm:
    lemma: str
    gender: Gender
    participle: bool
    prefixed: bool  # carried و/ف, so it starts a new clause


@dataclass(slots=True)
class ArabicLexicon:
    cues: dict[str, CueForm] = field(default_factory=dict)
    complements: dict[str, set[str]] = field(default_factory=dict)
    default_complements: set[str] = field(default_factory=set)
    takes_object: set[str] = field(default_factory=set)
    source_after: dict[str, str] = field(default_factory=dict)
    source_fillers: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    title_tails: set[str] = field(default_factory=set)
    role_heads: set[str] = field(default_factory=set)
    org_heads: set[str] = field(default_factory=set)
    unnamed_heads: set[str] = field(default_factory=set)
    statement_nouns: set[str] = field(default_factory=set)
    non_name: set[str] = field(default_factory=set)
    name_links: set[str] = field(default_factory=set)
    name_tails: set[str] = field(default_factory=set)
    given_names: set[str] = field(default_factory=set)
    feminine_names: set[str] = field(default_factory=set)
    clause_breakers: set[str] = field(default_factory=set)
    adverbials: set[str] = field(default_factory=set)
    np_prepositions: set[str] = field(default_factory=set)
    speech_events: set[str] = field(default_factory=set)
    ambiguous_cues: set[str] = field(default_factory=set)
    plural_sources: set[str] = field(default_factory=set)
    doubtful_even_prefixed: set[str] = field(default_factory=set)
    ambiguous_given_names: set[str] = field(default_factory=set)
    pronoun_titles: set[str] = field(default_factory=set)
    place_nouns: set[str] = field(default_factory=set)
    # Words that never begin or continue a name: every other class above, in one set.
    not_names: frozenset[str] = frozenset()
    # Every word that may start something: a cue (its CueForm), "source", "title" or "name".
    triggers: dict[str, object] = field(default_factory=dict)


def _build_arabic() -> ArabicLexicon:
    lx = ArabicLexicon()
    for lemma, (masc, fem, plural) in lexicon_ar.REPORTING_VERBS.items():
        key = fold_word(lemma)
        for forms, gender in ((masc, "m"), (fem, "f"), (plural, "pl")):
            for form, plain in _with_prefixes(_words(forms)).items():
                lx.cues.setdefault(form, CueForm(key, gender, False, form != plain))
    for lemma, forms in lexicon_ar.PARTICIPLES.items():
        key = fold_word(lemma)
        for w in _words(forms):
            # -ة is feminine; بقوله/بقولها carry the speaker's pronoun instead.
            gender = ("f" if w.endswith("ها") or w.endswith("ه") and not w.startswith("بقول")
                      else "pl" if w.endswith("ين") else "m")
            lx.cues.setdefault(w, CueForm(key, gender, True, False))
    lx.complements = {fold_word(k): _words(v) for k, v in lexicon_ar.VERB_COMPLEMENTS.items()}
    lx.default_complements = _words(lexicon_ar.DEFAULT_COMPLEMENTS)
    lx.takes_object = _words(lexicon_ar.TAKES_OBJECT)
    lx.source_after = _with_prefixes(_words(lexicon_ar.SOURCE_AFTER))
    lx.source_fillers = _words(lexicon_ar.SOURCE_AFTER_FILLERS)
    lx.titles = _words(lexicon_ar.TITLES)
    lx.title_tails = _words(lexicon_ar.TITLE_TAILS)
    lx.role_heads = _words(lexicon_ar.ROLE_HEADS)
    lx.org_heads = _words(lexicon_ar.ORG_HEADS)
    lx.unnamed_heads = _words(lexicon_ar.UNNAMED_HEADS)
    lx.statement_nouns = _words(lexicon_ar.STATEMENT_NOUNS)
    lx.non_name = _words(lexicon_ar.NON_NAME_WORDS)
    lx.name_links = _words(lexicon_ar.NAME_LINKS)
    lx.name_tails = _words(lexicon_ar.NAME_TAILS)
    lx.given_names = _words(lexicon_ar.GIVEN_NAMES)
    lx.feminine_names = _words(lexicon_ar.FEMININE_GIVEN_NAMES)
    lx.clause_breakers = _words(lexicon_ar.CLAUSE_BREAKERS)
    lx.adverbials = _words(lexicon_ar.ADVERBIALS)
    lx.np_prepositions = _words(lexicon_ar.NP_PREPOSITIONS)
    lx.speech_events = _words(lexicon_ar.SPEECH_EVENTS)
    lx.ambiguous_cues = _words(lexicon_ar.AMBIGUOUS_CUES)
    lx.plural_sources = _words(lexicon_ar.PLURAL_SOURCES)
    lx.doubtful_even_prefixed = _words(lexicon_ar.DOUBTFUL_EVEN_PREFIXED)
    lx.ambiguous_given_names = _words(lexicon_ar.AMBIGUOUS_GIVEN_NAMES)
    lx.pronoun_titles = _words(lexicon_ar.PRONOUN_TITLES)
    places = _words(lexicon_ar.PLACE_NOUNS)
    lx.place_nouns = places | {p + w for w in places for p in ("ب", "ل", "و")}
    lx.not_names = frozenset(lx.non_name | lx.role_heads | lx.org_heads | lx.titles | set(lx.cues)
                             | lx.unnamed_heads | lx.adverbials | lx.statement_nouns)
    lx.triggers = dict.fromkeys(lx.given_names, "name")
    lx.triggers.update(dict.fromkeys(lx.titles, "title"))
    lx.triggers.update(dict.fromkeys(lx.source_after, "source"))
    lx.triggers.update(lx.cues)
    return lx


ARABIC = _build_arabic()
