"""Reporting cues in Arabic text and the source each one reports.

A cue is a reporting verb (قال، أكدت، يضيف…), a participle that continues the
current speaker (مؤكدًا، مشيرة…) or a source phrase after the clause (بحسب،
وفق). Its speaker is the source named after it (verb-subject order), before
it (subject-verb order), or, for a bare cue (وأضاف:), the last speaker whose
gender agrees with the verb. A speaker that cannot be recovered is None.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from confreader.extract.arabic import WORD, fold_word
from confreader.extract.lexicon import ArabicLexicon
from confreader.extract.speakers import Mention, SourceParser, SpeakerRegistry, compatible
from confreader.extract.tokens import Tokens

SUBJECT_WORDS = 24       # words read after a cue for its subject and complement
SUBJECT_WINDOW = 240      # characters after a cue searched for its subject and complement
COMPLEMENT_WORDS = 14     # how far after the subject a complementiser may come
MAX_RECENT = 4
CONFIRM_WORDS = 8         # how soon a colon or quote mark must follow a bare cue
MAX_EVENTS = 20_000       # cues per text; more is not an article (bounds time and memory)
_QUOTE_MARKS = frozenset('"«»“”„‟')
_SENTENCE_PUNCTUATION = frozenset(".!?؟")
# Words as written -> (their trigger or None, folded form): one look-up per word of the text.
RAW_TRIGGERS: dict[str, tuple[object, str]] = {}
MAX_TRIGGER_CACHE = 200_000
WORD_BEFORE = re.compile(r"([\w\u064b-\u065f\u0670]+)\s+$")
_SENTENCE_START = re.compile(r"[.!?؟:]\s+|\n|[،,]\s*(?=(?:إلا|الا|لكن|غير|بينما|فيما) )")
# Words that open a clause before its subject: "أما فلان فقال"، "، إلا أن البيت الأبيض أكد".
_CLAUSE_OPENERS = {"اما", "الا", "لكن", "بينما", "فيما"}
# Verbs a source phrase may carry before its source: "بحسب ما أفادت مصادر".
_SOURCE_VERBS = {"افادت", "افاد", "قاله", "قالته", "ذكرت", "ذكره", "يقوله", "اورده", "اوردته"}


def _opens_quote(gap: str) -> bool:
    """The gap before a word ends with a quotation mark: a quote opens on that word."""
    stripped = gap.rstrip()
    return bool(stripped) and stripped[-1] in _QUOTE_MARKS and gap == stripped


@dataclass(slots=True)
class CueEvent:
    start: int
    end: int
    lemma: str
    speaker: str | None
    paragraph: int
    content_start: int | None = None  # where an indirect report's content starts
    before_clause: bool = False       # a source phrase (بحسب…) reporting the clause before it
    inherited: bool = False           # a quote's speaker taken from context, not from a cue of its own
    # How the speaker was found (a feature of the attribution model): "after" the cue, "before"
    # it, the "recent" speaker for a bare cue, a "source" phrase, a "name" before the quote, or
    # the previous quote's speaker for a quote that opens its paragraph ("previous").
    origin: str = ""
    gender: str = ""                  # the cue verb's gender (m, f, pl), or "" when unknown


class Coverage:
    """Which offsets lie inside a direct quote (merged, sorted intervals)."""

    def __init__(self, spans: list[tuple[int, int]]):
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def covering(self, pos: int) -> tuple[int, int] | None:
        k = bisect_right(self.starts, pos) - 1
        if k >= 0 and pos < self.ends[k]:
            return self.starts[k], self.ends[k]
        return None


class CueFinder:
    def __init__(self, text: str, lx: ArabicLexicon, coverage: Coverage):
        self.text, self.lx, self.coverage = text, lx, coverage
        self.parser = SourceParser(lx)
        self.registry = SpeakerRegistry()
        self.recent: list[str] = []  # speaker ids, most recent last
        self.subject_end = 0  # end of the last cue's subject description

    def remember(self, speaker: str | None) -> None:
        if speaker is None:
            return
        if speaker in self.recent:
            self.recent.remove(speaker)
        self.recent.append(speaker)
        del self.recent[:-MAX_RECENT]

    def last_speaker(self, gender: str) -> str | None:
        for sid in reversed(self.recent):
            if compatible(gender, self.registry.gender(sid)):
                return sid
        return None

    def find(self, paragraphs: list[tuple[int, int]]) -> list[CueEvent]:
        """Every cue event, in text order; also records every cue word in ``cue_words``."""
        events: list[CueEvent] = []
        raw_triggers, cache_trigger = RAW_TRIGGERS, self._cache_trigger
        surnames = self.registry.surnames
        self.cue_words: list[tuple[int, object]] = []  # (start, CueForm)
        for index, (pstart, pend) in enumerate(paragraphs):
            mention_end = pstart
            for m in WORD.finditer(self.text, pstart, pend):
                raw = m.group()
                entry = raw_triggers.get(raw)
                if entry is None:
                    entry = cache_trigger(raw)
                what, w = entry
                if what is None:
                    if surnames and w in surnames and m.start() >= mention_end \
                            and not self.coverage.covering(m.start()):
                        self.remember(surnames[w])
                        self.registry.add_mention(surnames[w], m.span())
                    continue
                start = m.start()
                if what == "name" or what == "title":
                    if start >= mention_end:  # not inside the name just read
                        # A person inside a speaker's description (مستشار الأمير فلان) is
                        # registered but is not whom a later "وأضاف" refers to.
                        mention_end = self._person_mention(start, pend, what == "title",
                                                           remember=start >= self.subject_end)
                    continue
                if what != "source":
                    self.cue_words.append((start, what))
                if self.coverage.covering(start):
                    continue  # words inside a direct quote are the speaker's, not narration
                if what == "source":
                    event = self._source_after(start, m.end(), pstart, pend, index)
                else:
                    event = self._cue(start, m.end(), what, pstart, pend, index)
                if event is not None:
                    events.append(event)
                    self.remember(event.speaker)
                    if len(events) >= MAX_EVENTS:
                        return events  # see MAX_EVENTS
        return events

    def _cache_trigger(self, raw: str) -> tuple[object, str]:
        """(what a word as written may start — see ``lexicon.triggers`` —, its folded form)."""
        if len(RAW_TRIGGERS) > MAX_TRIGGER_CACHE:
            RAW_TRIGGERS.clear()
        folded = fold_word(raw)
        entry = RAW_TRIGGERS[raw] = (self.lx.triggers.get(folded), folded)
        return entry

    def _person_mention(self, start: int, pend: int, titled: bool, remember: bool = True) -> int:
        """A titled or fully named person in the narration: whom a pronoun refers back to.
        Returns where the name ends."""
        if self.coverage.covering(start):
            return start
        tk = Tokens(self.text, start, min(pend, start + 160), max_words=14)
        mention = self.parser.parse_source(tk, 0, limit=14)
        if mention is None or mention.kind != "person" or mention.role_only \
                or not titled and len(mention.key) < 2:
            return start
        before = WORD_BEFORE.search(self.text, max(0, start - 24), start)
        if before and fold_word(before.group(1)) in self.lx.place_nouns:
            return mention.span[1]  # مطار الملك فهد: a place named after a person
        speaker = self.registry.resolve(mention)
        if remember:
            self.remember(speaker)
        return mention.span[1]

    def _cue(self, start, end, form, pstart, pend, index) -> CueEvent | None:
        tk = Tokens(self.text, end, min(pend, end + SUBJECT_WINDOW), max_words=SUBJECT_WORDS)
        mention = None if form.participle else self.parser.parse_source(tk, 0)
        if mention is None and len(tk) > 2 and tk.words[0] == "في" and tk.words[1] in self.lx.statement_nouns:
            mention = self.parser.statement_source(tk, 1, len(tk))  # "وجاء في بيان للتنظيم"
        j = mention.next if mention else 0
        origin = "after" if mention is not None else ""
        if mention is None and not form.participle:
            mention = self._subject_before(start, pstart, form.prefixed)
            origin = "before" if mention is not None else ""
        if mention is not None:
            if mention.role_only:
                speaker = self.registry.resolve_role(mention, self.recent)
                origin += "-role"
            else:
                speaker = self.registry.resolve(mention)
            if mention.span[0] > start:
                self.subject_end = tk.ends[mention.next - 1] if mention.next > 0 else end
        else:
            if not self._confirmed(tk, form):
                return None
            speaker = self.last_speaker(form.gender)
            origin = "recent"
        event = CueEvent(start, end, form.lemma, speaker, index, origin=origin, gender=form.gender)
        event.content_start = self._content_start(tk, j, form.lemma, mention is not None)
        return event

    def _confirmed(self, tk: Tokens, form) -> bool:
        """A cue with no subject counts only when a complement, a colon or a quote follows."""
        lemma = form.lemma
        if not len(tk):
            return False
        if form.prefixed and lemma not in self.lx.doubtful_even_prefixed:
            return True
        gap = tk.gap(0)
        if ":" in gap or not _QUOTE_MARKS.isdisjoint(gap):
            return True
        w = tk.words[0]
        if self._is_complement(w, lemma) or w in self.lx.adverbials:
            return True
        # "وقال في بيان: «…»": a colon or a quote mark soon after, in the same sentence.
        for k in range(1, min(len(tk), CONFIRM_WORDS)):
            gap = tk.gap(k)
            if not _SENTENCE_PUNCTUATION.isdisjoint(gap):
                break
            if ":" in gap or not _QUOTE_MARKS.isdisjoint(gap):
                return lemma not in self.lx.doubtful_even_prefixed
        return lemma in self.lx.takes_object and lemma not in self.lx.ambiguous_cues

    def _is_complement(self, w: str, lemma: str) -> bool:
        allowed = self.lx.complements.get(lemma, self.lx.default_complements)
        if w in allowed:
            return True
        for comp in ("ان", "بان"):
            if comp in allowed and w.startswith(comp) and w[len(comp):] in ("ه", "ها", "هم", "هما", "نا", "ني"):
                return True
        return False

    def _content_start(self, tk: Tokens, j: int, lemma: str, has_subject: bool) -> int | None:
        """Where the reported content starts: after a complementiser, after a colon that
        no quote mark follows (وقال: ليس لنا خيار), or right after the subject for verbs
        that take an object (أكد دعم بلاده). None when the cue introduces a direct quote."""
        lx, words, n = self.lx, tk.words, len(tk)
        allowed = lx.complements.get(lemma, lx.default_complements)
        k = j
        limit = min(n, j + COMPLEMENT_WORDS)
        while k < limit:
            gap = tk.gap(k)
            if _opens_quote(gap):
                return None  # the cue introduces a direct quote
            if ":" in gap:
                after = gap[gap.rindex(":") + 1:].strip()
                if after and after[0] in _QUOTE_MARKS:
                    return None  # قال:» …: the colon introduces a direct quote
                if self._is_complement(words[k], lemma) and k + 1 < n and _opens_quote(tk.gap(k + 1)):
                    return None  # قال: إن "…"
                return tk.starts[k]
            if not _SENTENCE_PUNCTUATION.isdisjoint(gap):
                break
            w = words[k]
            if self._is_complement(w, lemma):
                # "إلى أن", "على أنها": the content starts after the second complementiser.
                if w in ("الي", "علي", "عن", "من") and k + 1 < n and self._is_complement(words[k + 1], "قال"):
                    k += 1
                return tk.ends[k]
            if "ب" in allowed and w.startswith("ب") and len(w) > 3 and not w.startswith("بان") \
                    and w not in self.parser.known_names:  # not "ووصف بحاح …"
                return tk.starts[k] + 1
            if k > j and (w in lx.cues or w in lx.clause_breakers):
                break
            k += 1
        if lemma in lx.takes_object and (has_subject or lemma not in lx.ambiguous_cues) and j < n:
            while j < n and words[j] in lx.adverbials:
                j += 1
            if j < n and _SENTENCE_PUNCTUATION.isdisjoint(tk.gap(j)) and ":" not in tk.gap(j) \
                    and not _opens_quote(tk.gap(j)) \
                    and words[j] not in lx.non_name:
                return tk.starts[j]
        return None

    def _subject_before(self, cue_start: int, pstart: int, prefixed: bool) -> Mention | None:
        """Subject-verb order: "جيمس لويس، وهو زميل أول…، يقول:", "أما فلان فقال:"."""
        if prefixed and self.text[cue_start] != "ف":
            return None
        window_start = max(pstart, cue_start - 240)
        head = self.text[window_start:cue_start]
        last = None
        for last in _SENTENCE_START.finditer(head):
            pass
        sentence_start = window_start + (last.end() if last else 0)
        if sentence_start != pstart and last is None:
            return None
        tk = Tokens(self.text, sentence_start, cue_start)
        if not len(tk):
            return None
        first = 1 if tk.words[0] in _CLAUSE_OPENERS else 0
        if first and tk.words[0] == "الا" and len(tk) > 1 and tk.words[1] == "ان":
            first = 2
        if prefixed and tk.words[0] != "اما":
            return None
        mention = self.parser.parse_source(tk, first)
        if mention is None or mention.role_only:
            return None
        if mention.next == len(tk) or "،" in tk.gap(mention.next) or "," in tk.gap(mention.next):
            return mention
        return None

    def _source_after(self, start, end, pstart, pend, index) -> CueEvent | None:
        """"…، بحسب مصدر أمني": the source named after the clause it reports."""
        lx = self.lx
        tk = Tokens(self.text, end, min(pend, end + SUBJECT_WINDOW), max_words=SUBJECT_WORDS)
        j = 0
        while j < len(tk) and j < 3 and (tk.words[j] in lx.source_fillers or tk.words[j] in lx.cues
                                         or tk.words[j] in _SOURCE_VERBS):
            j += 1
        if j < len(tk) and tk.words[j].startswith("ل") and not tk.words[j].startswith("لل") \
                and (tk.words[j][1:] in lx.org_heads or tk.words[j][1:] in lx.unnamed_heads):
            # "وفقا لشركة فايرآي": the source without its preposition.
            tk = Tokens(self.text, tk.starts[j] + 1, min(pend, tk.start + SUBJECT_WINDOW),
                        max_words=SUBJECT_WORDS)
            j = 0
        mention = self.parser.parse_source(tk, j)
        if mention is None:
            return None
        if mention.kind == "person" and j < len(tk) and tk.gap(j)[-1:] in _QUOTE_MARKS:
            mention.kind = "organisation"  # بحسب «رويترز»: a quoted source is an outlet
        speaker = self.registry.resolve(mention)
        # The clause before ends at a comma: "…، بحسب"، "…، وذلك وفقا".
        clause_end = self.text.rfind("،", max(pstart, start - 3), start)
        if clause_end < 0 and self.text.startswith("وذلك", max(pstart, start - 5)):
            clause_end = self.text.rfind("،", max(pstart, start - 9), start)
        if clause_end < 0:
            # The phrase opens its sentence: "وبحسب المصدر، ان المقاومة…".
            event = CueEvent(start, end, "بحسب", speaker, index, origin="source")
            for k in range(mention.next, min(len(tk), mention.next + 4)):
                if tk.words[k] in ("ان", "فان", "فانه", "انه", "فانها", "انها"):
                    event.content_start = tk.ends[k]
                    break
                if "،" in tk.gap(k) or "," in tk.gap(k):
                    event.content_start = tk.starts[k]
                    break
            return event
        event = CueEvent(start, end, "بحسب", speaker, index, before_clause=True, origin="source")
        event.content_start = clause_end
        return event
