"""Who speaks: the noun phrase that names a source, and one Speaker per source.

``parse_source`` reads a source description from a run of words (Arabic
verb-subject order puts it right after the cue): titles, a role apposition,
a person's name, an organisation, or an unnamed source (مصدر أمني). A name is
told from the words around it by given names, titles, names already seen in
the article, and Arabic construct-state order (a definite word ends it).
``SpeakerRegistry`` merges later mentions (كومان، الدكتور كومان) into one
Speaker whose name is the fullest form seen, without titles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from confreader.extract.arabic import fold_word
from confreader.extract.lexicon import ArabicLexicon
from confreader.extract.mentions import find_mentions
from confreader.extract.tokens import Tokens
from confreader.model import Speaker

MAX_NAME_WORDS = 6
MAX_ROLE_WORDS = 9
MAX_SOURCE_WORDS = 12
# A role this long may have run on into its holder's name (العضو المنتدب في موبايلي خليفة الشامسي):
# the mention tagger reads it. Shorter roles rarely do, and tagging every role would slow the parse.
TAGGED_ROLE_WORDS = 3
MAX_MATCH_BACK = 300  # speakers searched for an earlier mention of the same source
_MARKS = frozenset('"«»“”„‟')
_CLAUSE_PUNCTUATION = frozenset(".:؟?!")
_DESCRIPTION_ENDS = frozenset('.:؟?!;؛«»“”"')  # what ends a speaker's description
_COMMAS = frozenset("،,")
_MARK_CHARS = re.compile('["«»“”„‟]')
# Words that follow a cue's subject and start the rest of the clause (وقال فلان في تصريح).
_AFTER_SOURCE = frozenset({"الي", "علي", "عن", "في", "خلال", "امام", "لدي", "عقب"})
_HONORIFICS = {"صاحب", "سمو", "معالي", "فضيله", "سعاده"}


def _name_like(w: str) -> bool:
    """Not a word a name cannot be: accusative -ا (واجبا), a pronoun suffix (التزامها), a number."""
    return not (w.endswith(("ها", "هم", "هما", "كم", "نا")) or w[0].isdigit()
                or w.endswith("ا") and not _definite(w)  # a definite word takes no -ًا (المهنا)
                or w.startswith(("بال", "لل", "كال", "بم")))


def _only_marks(gap: str) -> bool:
    """A gap of spaces and quotation marks only: a quoted name goes on (قناة "العربية")."""
    return bool(gap.strip()) and not gap.strip().strip('"«»“”„‟')


@dataclass(slots=True)
class Mention:
    kind: str                 # person, organisation, unnamed
    name: str                 # as written, without titles
    span: tuple[int, int]     # the name (or the whole description) in the text
    key: frozenset[str]       # folded name words, for merging
    first_word: str           # folded first word (the head of an organisation)
    titles: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    gender: str = ""
    next: int = 0             # index of the first word after the description
    role_only: bool = False   # a person known only by a role or a title (الوزير)


def _definite(w: str) -> bool:
    return w.startswith("ال") and len(w) > 3


def _group_key(words: list[str]) -> frozenset[str]:
    """Words of a group's name without article or و (المصادر الأمنية والطبية = مصادر أمنية وطبية)."""
    out = []
    for i, w in enumerate(words):
        if i and w.startswith("و") and len(w) > 3:
            w = w[1:]
        out.append(w[2:] if _definite(w) else w)
    return frozenset(out)


class SourceParser:
    """Parses source descriptions with one lexicon and the names seen so far."""

    def __init__(self, lx: ArabicLexicon):
        self.lx = lx
        self.known_names: set[str] = set()

    def _stop(self, w: str) -> bool:
        return w in self.lx.not_names

    def parse_source(self, tk: Tokens, i: int, limit: int = 30) -> Mention | None:
        """The source described from word i on, or None when there is none."""
        lx, words, n = self.lx, tk.words, min(len(tk), i + limit)
        j = i
        if j < n and words[j] in lx.pronoun_titles:
            return None  # "وقال سموه": an implicit subject, resolved by the caller
        # Adverbials and a quoted outlet (لـ"الاقتصادية") may come before the subject.
        while j < n:
            w = words[j]
            if w in lx.adverbials:
                j += 1
            elif w == "ل" and j + 1 < n:
                j += 2
            else:
                break
        if j >= n or not _CLAUSE_PUNCTUATION.isdisjoint(tk.gap(j)):
            return None
        gap = tk.gap(j)
        if gap and gap[-1] in _MARKS:
            return self._quoted_name(tk, j, n)  # وقال "عسيري"
        titles: list[str] = []
        roles: list[str] = []
        start = j
        while j < n:
            gap = tk.gap(j) if j > start else ""
            if not _DESCRIPTION_ENDS.isdisjoint(gap) and not (gap.strip() == "." and words[j - 1] == "د"):
                break  # (the full stop of "د." is an abbreviation)
            w = words[j]
            if w in lx.titles:
                k = j + 1
                while k < n and tk.joined(k) and words[k] in lx.title_tails and k - j < 3:
                    k += 1
                titles.append(tk.raw(j, k))
                j = k
                continue
            if w in lx.role_heads and not (w in lx.given_names and j + 1 < n
                                           and not _definite(words[j + 1])):
                k = self._role_end(tk, j, n)
                name = self._name_in_role(tk, j, k, n) if k - j >= TAGGED_ROLE_WORDS else None
                if name is not None:
                    roles.append(tk.raw(j, name[0]))
                    return self._named(tk, *name, n, titles, roles)
                roles.append(tk.raw(j, k))
                j = k
                continue
            # Right after a title any name-like word is a name — except after الفريق,
            # which is as often a team (الفريق الطبي، الفريق رصد) as a general.
            after_title = j > start and (words[j - 1] in lx.titles or words[j - 1] in lx.title_tails) \
                and not roles
            general = titles and titles[-1] == "الفريق"
            is_name = (w in lx.given_names or w in self.known_names
                       or (after_title and not general and not self._stop(w) and _name_like(w)
                           and (not _definite(w) or w.endswith("ي")))
                       or (after_title or self._name_follows(tk, j, n)) and w in lx.ambiguous_given_names
                       # "المغرد صالح سليمان الحناكي": the word after a role starts the name
                       or (roles and not titles and tk.joined(j) and not _definite(w)
                           and not self._stop(w) and not w.endswith("ي")
                           and self._name_after_role(tk, j, n)))
            if is_name or (not titles and not roles and j == i and not self._stop(w)
                           and self._bare_name(tk, j, n)):
                return self._named(tk, j, self._name_end(tk, j, n), n, titles, roles)
            if titles or roles:
                break
            if w in lx.unnamed_heads or w in lx.org_heads:
                return self._group(tk, j, n, "unnamed" if w in lx.unnamed_heads else "organisation")
            if w in lx.statement_nouns:
                return self.statement_source(tk, j, n)
            return self._name_before_colon(tk, j, n)
        if not titles and not roles:
            return None
        # Known only by role or title: "وقال الوزير", "المتحدث باسم الوزارة".
        return Mention("person", roles[-1] if roles else tk.raw(start, j),
                       (tk.starts[start], tk.ends[j - 1]), frozenset(words[start:j]), words[start],
                       titles, roles, self._gender(words[start:j], titles + roles), j, role_only=True)

    def _named(self, tk: Tokens, j: int, k: int, n: int, titles: list[str], roles: list[str]) -> Mention:
        """The person named by words j..k-1, with a role in apposition after the name."""
        lx, words = self.lx, tk.words
        mention = self._person(tk, j, k, titles, roles)
        # A role in apposition: "محمد سمير، المتحدث العسكري للجيش،", "جو بايدن نائب الرئيس"
        if k < n and ("،" in tk.gap(k) or "," in tk.gap(k) or tk.joined(k)):
            if words[k] in lx.role_heads:
                e = self._role_end(tk, k, n)
                mention.roles.append(tk.raw(k, e))
                k = e
        if k + 1 < n and words[k] in ("وهو", "هو", "وهي", "هي") and words[k + 1] in lx.role_heads:
            e = self._role_end(tk, k + 1, n)  # "وقال الشراجي وهو قائد جبهة الضباب"
            mention.roles.append(tk.raw(k + 1, e))
            k = e
        mention.next = k
        return mention

    def _name_in_role(self, tk: Tokens, j: int, k: int, n: int) -> tuple[int, int] | None:
        """Words (start, end) of a person's name inside the role phrase j..k-1, as the mention
        tagger reads it, when the name starts after the role's first word; else None."""
        end = min(n, k + 1)
        for m in find_mentions(tk.text, [(tk.starts[j], tk.ends[end - 1])]):
            if m.kind != "person" or m.start <= tk.ends[j]:
                continue
            p = next((i for i in range(j + 1, k) if tk.starts[i] == m.start), None)
            if p is None:
                continue
            q = p + 1
            while q < end and tk.ends[q] <= m.end:
                q += 1
            return p, q
        return None

    def _name_follows(self, tk: Tokens, j: int, n: int) -> bool:
        """The next word goes on with a name: علي محمد، علي بن، حسن صلاح اللحياني."""
        if j + 1 >= n or not tk.joined(j + 1):
            return False
        w = tk.words[j + 1]
        return w in self.lx.given_names or w in self.lx.name_links or w in self.known_names

    def _name_after_role(self, tk: Tokens, j: int, n: int) -> bool:
        """An unknown word right after a role starts a name (وزيرة الخارجية فيديريكا موغيريني)
        when the name holds a given name, or a clause boundary follows it — not an object
        (اعتبر رئيس الحكومة استقالة الوزيرين)."""
        k = self._name_end(tk, j, n)
        words = tk.words
        if any(w in self.lx.given_names for w in words[j:k]):
            return True
        if words[j][0] == "و" or words[j][0] in "لب" and words[j] not in self.known_names and (
                _definite(words[j][1:]) or words[j][1:] in self.lx.org_heads
                or words[j][1:] in self.lx.place_nouns or k < n and _definite(words[k - 1])):
            return False  # "لمجلس التعاون"، "بمنطقة جازان": a genitive with its preposition
        if k - j < 2 and not _name_like(words[j]):
            return False
        if k >= n or not tk.joined(k):
            return True
        w = words[k]
        return (self._stop(w) or w.startswith(("ب", "ل")) or w.endswith("ا")
                or w in self.lx.default_complements or w in ("الي", "علي", "عن"))

    def _bare_name(self, tk: Tokens, j: int, n: int) -> bool:
        """An unknown word starts a name when a given name or a name link follows it
        (حميد محمد الأحمد), or, alone, when a clause marker follows it (أكد كومان أن)."""
        w = tk.words[j]
        # A definite word is a family name only in the nisba form (التميمي، القرشي).
        if (_definite(w) and not w.endswith("ي")) or len(w) < 3 or not _name_like(w) or j + 1 >= n:
            return False
        nxt, gap = tk.words[j + 1], tk.gap(j + 1)
        if tk.joined(j + 1) and nxt.startswith("ل") and nxt[1:] in self.lx.org_heads and not w.endswith("ه"):
            return True  # the addressee follows the speaker: "وقال فلان لصحيفة …"
        if w[0] in "بل":
            return False  # a preposition attached: "تبين بوضوح أن"، "وذكر لصور أن"
        if tk.joined(j + 1) and (nxt in self.lx.given_names or nxt in self.lx.name_links):
            return True
        return nxt in self.lx.default_complements or nxt in _AFTER_SOURCE or ":" in gap \
            or "،" in gap  # "وقالت موغيريني، خلال مؤتمر صحافي:"

    def _quoted_name(self, tk: Tokens, j: int, n: int) -> Mention | None:
        """A name in quotation marks right after the cue: وقال "عسيري"."""
        k = j + 1
        while k < n and k - j <= 2 and _MARKS.isdisjoint(tk.gap(k)):
            k += 1
        if k >= n or k - j > 2 or any(self._stop(w) or not _name_like(w) for w in tk.words[j:k]):
            return None
        mention = self._person(tk, j, k, [], [])
        mention.next = k
        return mention

    def _name_before_colon(self, tk: Tokens, j: int, n: int) -> Mention | None:
        """The few unknown words between a cue and its colon are a name (وقال زهران قطب: «…»),
        and so are two or more before a role in apposition (وقال عاصم شيخ، رئيس الخدمات …)."""
        k = j
        while k < n and k - j < 5:
            if k > j and not tk.joined(k):
                break
            w = tk.words[k]
            # A foreign name may end in -ا (ديبورا والش); a lone accusative word may not.
            if self._stop(w) or not _name_like(w) and not w.endswith("ا") or len(w) < 3 \
                    or k == j and w[0] in "بل":
                return None  # "قالت بصراحة:" is no name
            k += 1
            if k - j == 1 and not _name_like(w):
                if k < n and ":" in tk.gap(k):
                    return None
                continue
            if k < n and ":" in tk.gap(k):
                mention = self._person(tk, j, k, [], [])
                mention.next = k
                return mention
            if k < n and k - j >= 2 and (not _COMMAS.isdisjoint(tk.gap(k)) or tk.joined(k)) \
                    and tk.words[k] in self.lx.role_heads:  # "وقال أوليفر بيرهوف مدير المنتخب"
                mention = self._person(tk, j, k, [], [])
                end = self._role_end(tk, k, n)
                mention.roles.append(tk.raw(k, end))
                mention.next = end
                return mention
        return None

    def _name_end(self, tk: Tokens, j: int, n: int) -> int:
        lx, words = self.lx, tk.words
        k = j
        while k < n and k - j < MAX_NAME_WORDS:
            if k > j and not tk.joined(k):
                break
            w = words[k]
            if w in lx.name_links and k + 1 < n and tk.joined(k + 1):
                k += 2
                if w == "ال":
                    break  # a family name with آل (آل نهيان) ends the name
                continue
            if k > j and w in lx.name_tails:
                k += 1
                continue
            if k > j and w not in self.known_names and (
                    self._stop(w) or w.startswith("ل") and w[1:] in lx.org_heads or w in lx.given_names and _definite(words[k - 1])
                    or not _name_like(w)
                    or w[0] == "و" and w not in lx.given_names):
                break  # "… وباسم": a conjunction, not the next part of the name
            if k > j + 1 and _definite(w) and not (w.endswith("ي") or words[k - 1] in lx.given_names
                                               or words[k - 1] in lx.name_links
                                               or words[k - 1] in lx.name_tails
                                               or words[k - 1] in lx.ambiguous_given_names):
                break  # "خالد بحاح العلاقة": a definite noun after a surname is not a name
            k += 1
            if _definite(w):
                break  # a family name (الحمود، القرشي) ends the name
        return max(k, j + 1)

    def _role_end(self, tk: Tokens, j: int, n: int) -> int:
        """End of a role phrase: construct-state words, then definite adjectives."""
        lx, words = self.lx, tk.words
        k = j + 1
        seen_definite = _definite(words[j])
        while k < n and k - j < MAX_ROLE_WORDS and tk.joined(k):
            w = words[k]
            if (w in lx.titles or w in _HONORIFICS) and not _definite(words[k - 1]) \
                    and (_definite(w) or w in _HONORIFICS):
                # In construct with a titled person: "مستشار صاحب السمو الأمير فلان",
                # "بجامعة الملك عبدالعزيز" — the person belongs to the role.
                while k < n and tk.joined(k) and (words[k] in lx.titles or words[k] in lx.title_tails
                                                  or words[k] in _HONORIFICS):
                    k += 1
                return self._name_end(tk, k, n) if k < n and tk.joined(k) else k
            if w in lx.titles or w in lx.given_names or w in self.known_names or w in lx.cues:
                break
            if w in lx.np_prepositions:
                if k + 1 < n and words[k + 1] not in lx.speech_events and words[k + 1] not in lx.non_name:
                    k += 2
                    seen_definite = _definite(words[k - 1])
                    continue
                break
            if w in lx.role_heads and seen_definite:
                break  # a second role: "نائب الرئيس اليمني رئيس الوزراء"
            if w in lx.non_name or w in lx.adverbials:
                break
            if w[0] in "لب" and (w[1:] in lx.org_heads or w[1:] in lx.place_nouns):
                # A genitive with its preposition starts a new construct chain:
                # "الأمين العام لمجلس التعاون"، "مدير الشؤون الصحية بمنطقة جازان".
                seen_definite = False
                k += 1
                continue
            # After a definite word only adjectives go on (… الفرنسي لوران فابيوس).
            definite = _definite(w) or w.startswith(("لل", "بال", "وال"))
            if seen_definite and not definite:
                break
            seen_definite = seen_definite or definite
            k += 1
        return k

    def _group(self, tk: Tokens, j: int, n: int, kind: str) -> Mention:
        """An organisation (وزارة الداخلية) or an unnamed source (مصدر في وزارة الداخلية)."""
        lx, words = self.lx, tk.words
        k = j + 1
        seen_definite = _definite(words[j]) or words[j].startswith("لل")
        limit = MAX_SOURCE_WORDS if kind == "unnamed" else 7
        while k < n and k - j < limit and (tk.joined(k) or _only_marks(tk.gap(k)) and k - j <= 2
                                           and k + 1 < n and _only_marks(tk.gap(k + 1))):
            w = words[k]
            if kind == "unnamed" and w in ("في", "من"):
                if k + 1 < n and words[k + 1] not in lx.speech_events and not (
                        words[k + 1] in lx.non_name):
                    k += 2
                    seen_definite = _definite(words[k - 1])
                    continue
                break
            if (w in lx.non_name or w in lx.cues or w in lx.adverbials or w in lx.titles
                    or w in lx.given_names and kind == "organisation"):
                break
            if kind == "unnamed" and w.startswith("ل"):
                break  # "مصدر أمني لوكالة فرانس برس": the addressee is not the source
            if kind == "unnamed" and k - j > 2 and not seen_definite and not _definite(w):
                break  # two adjectives at most (جنرال أمريكي بارز), then comes the object
            definite = _definite(w) or w.startswith("لل")
            if seen_definite and not (definite or w.startswith("و") and _definite(w[1:])):
                break
            seen_definite = seen_definite or definite
            k += 1
        name = _MARK_CHARS.sub("", tk.raw(j, k))  # مصادر "العربية" -> مصادر العربية
        head = words[j]
        if kind == "unnamed":
            gender = "pl" if head in lx.plural_sources else "f" if head.endswith("ه") else "m"
        else:
            gender = "f" if head.endswith(("ه", "ات")) or head.startswith("ال") and head.endswith("ات") else "m"
        # Keys ignore the article and و (المصادر الأمنية والطبية = مصادر أمنية وطبية).
        key = _group_key(words[j:k])
        return Mention(kind, name, (tk.starts[j], tk.ends[k - 1]), key, head, gender=gender, next=k)

    def statement_source(self, tk: Tokens, j: int, n: int) -> Mention | None:
        """"بيان صادر عن البيت الأبيض", "بيان الأزهر": the statement's author."""
        lx, words = self.lx, tk.words
        k = j + 1
        while k < n and words[k] in ("صادر", "صادره", "الصادر", "الصادره", "عن", "ل", "من") and tk.joined(k):
            k += 1
        if k >= n or not tk.joined(k):
            return None
        w = words[k]
        if w.startswith("لل") and "ال" + w[2:] in lx.org_heads:
            # "بيان للتنظيم": the article merged into the preposition.
            mention = self._group(tk, k, n, "organisation")
            mention.name = "ال" + mention.name[2:]
            mention.first_word = "ال" + w[2:]
            return mention
        if w in lx.org_heads or w in self.known_names or _definite(w) and w not in lx.non_name:
            return self._group(tk, k, n, "organisation")
        return None

    def _person(self, tk: Tokens, j: int, k: int, titles: list[str], roles: list[str]) -> Mention:
        words = tk.words[j:k]
        # Family names are written with and without the article (العسيري، عسيري).
        key = frozenset(w[2:] if _definite(w) else w for w in words if w not in self.lx.name_links)
        self.known_names.update(w for w in words if len(w) > 2 and w not in self.lx.name_links)
        self.known_names.update(w for w in key if len(w) > 2)
        return Mention("person", tk.raw(j, k), (tk.starts[j], tk.ends[k - 1]), key, words[0],
                       list(titles), list(roles), self._gender(words, titles + roles))

    def mention_of(self, tk: Tokens, kind: str) -> Mention:
        """A mention of all of tk's words as one source of the given kind (a tagged span)."""
        if kind == "person":
            mention = self._person(tk, 0, len(tk), [], [])
        else:
            mention = Mention(kind, tk.raw(0, len(tk)), (tk.starts[0], tk.ends[-1]), _group_key(tk.words),
                              tk.words[0], gender="pl" if tk.words[0] in self.lx.plural_sources else "")
        mention.next = len(tk)
        return mention

    def _gender(self, words: list[str], descriptors: list[str]) -> str:
        if words and words[0] in self.lx.feminine_names:
            return "f"
        for d in descriptors:
            head = d.split()[0] if d.split() else ""
            if head.endswith(("ة", "ه")):
                return "f"
        return "m"


def compatible(verb_gender: str, speaker_gender: str) -> bool:
    """The verb's gender does not contradict the speaker's (plural sources take either)."""
    if not verb_gender or not speaker_gender or "pl" in (verb_gender, speaker_gender):
        return True
    return verb_gender == speaker_gender


class SpeakerRegistry:
    """One Speaker per source; later mentions merge into it."""

    def __init__(self):
        self.speakers: list[Speaker] = []
        self._keys: list[frozenset[str]] = []
        self._heads: list[str] = []
        self._genders: list[str] = []
        self._mention_sets: list[set[tuple[int, int]]] = []
        self._role_only: list[bool] = []  # known by a role only, so far
        self.merged: dict[str, str] = {}   # speaker id -> the id it was merged into
        self.surnames: dict[str, str] = {}  # folded last name -> speaker id, to follow later mentions

    def gender(self, speaker_id: str) -> str:
        return self._genders[int(speaker_id[1:]) - 1]

    def resolve(self, m: Mention) -> str:
        index = self._match(m)
        if index is None:
            index = len(self.speakers)
            kind = "unnamed" if m.role_only else m.kind  # a role with no name is not a named person
            self.speakers.append(Speaker(f"s{index + 1}", m.name, [], [], kind, []))
            self._keys.append(m.key)
            self._heads.append(m.first_word)
            self._genders.append(m.gender)
            self._mention_sets.append(set())
            self._role_only.append(m.role_only)
        sp = self.speakers[index]
        if not m.role_only and m.kind == sp.kind and len(m.key) > len(self._keys[index]):
            sp.name, self._keys[index] = m.name, m.key  # the fullest form names the speaker
        for t in m.titles:
            if t not in sp.titles:
                sp.titles.append(t)
        for r in m.roles:
            if r not in sp.roles and r != sp.name:
                sp.roles.append(r)
        self.add_mention(sp.id, m.span)
        if sp.kind == "person" and not m.role_only:
            last = fold_word(m.name.split()[-1].strip('"«»“”'))
            if len(last) > 3 and last not in self.surnames:
                self.surnames[last] = sp.id
        return sp.id

    def add_mention(self, speaker_id: str, span: tuple[int, int]) -> None:
        index = int(speaker_id[1:]) - 1
        if span not in self._mention_sets[index]:
            self._mention_sets[index].add(span)
            self.speakers[index].mentions.append(span)

    def is_role_only(self, speaker_id: str) -> bool:
        """A source known only by a role (الوزير، مدير الفريق): no name yet."""
        sp = self.speakers[int(speaker_id[1:]) - 1]
        return sp.name in sp.roles or self._role_only[int(speaker_id[1:]) - 1]

    def role_only_before(self, pos: int, gap: int, text: str) -> str | None:
        """The role-only source whose mention ends right before pos (within gap characters
        of spaces or a comma): "وزير النفط الإيراني بيجن زنغنه" names that minister."""
        for index, sp in enumerate(self.speakers):
            if not self._role_only[index]:
                continue
            for a, b in sp.mentions:
                if b <= pos <= b + gap and not text[b:pos].strip(" ،,") or a < pos < b:
                    return sp.id
        return None

    def name_role_holder(self, speaker_id: str, m: Mention) -> None:
        """The role-only source gets its holder's name; later mentions of the name merge in."""
        index = int(speaker_id[1:]) - 1
        sp = self.speakers[index]
        self._role_only[index] = False
        role = sp.name.split(m.name)[0].strip(" ،,")  # a role that ran into the name ends before it
        sp.roles = [r for r in sp.roles if r != sp.name]
        if role and role not in sp.roles:
            sp.roles.append(role)
        sp.name, sp.kind = m.name, "person"
        self._keys[index], self._heads[index] = m.key, m.first_word
        if m.gender:
            self._genders[index] = m.gender
        self.add_mention(sp.id, m.span)
        last = fold_word(m.name.split()[-1].strip('"«»“”'))
        if len(last) > 3 and last not in self.surnames:
            self.surnames[last] = sp.id
        # "وأضاف وانغ" was read as a source of its own before the minister had a name.
        for other, key in enumerate(self._keys):
            if other != index and self.speakers[other].id not in self.merged \
                    and self.speakers[other].kind == "person" and not self._role_only[other] \
                    and key <= m.key and (len(key) == 1 or self._heads[other] == m.first_word):
                self._merge_into(index, other)

    def _merge_into(self, index: int, other: int) -> None:
        target, gone = self.speakers[index], self.speakers[other]
        for span in gone.mentions:
            self.add_mention(target.id, span)
        target.mentions.sort()
        target.titles += [t for t in gone.titles if t not in target.titles]
        target.roles += [r for r in gone.roles if r not in target.roles]
        self.merged[gone.id] = target.id
        for word, sid in self.surnames.items():
            if sid == gone.id:
                self.surnames[word] = target.id

    def live(self, speaker_id: str | None) -> str | None:
        """The id a speaker goes by after merges."""
        while speaker_id in self.merged:
            speaker_id = self.merged[speaker_id]
        return speaker_id

    def resolve_role(self, m: Mention, recent: list[str]) -> str:
        """A person known only by a role: someone with that role, else the last person
        introduced with a role (رئيس المخابرات الأمريكية after جيمس كلابر، مدير…)."""
        if self._match(m) is None:
            for sid in reversed(recent):
                sp = self.speakers[int(sid[1:]) - 1]
                if sp.kind == "person" and sp.roles and compatible(m.gender, self.gender(sid)):
                    self.add_mention(sid, m.span)
                    for r in m.roles:
                        if r not in sp.roles:
                            sp.roles.append(r)
                    return sid
        return self.resolve(m)

    def _match(self, m: Mention) -> int | None:
        # Later mentions refer to recent sources; the bound keeps huge texts linear.
        for index in range(len(self.speakers) - 1, max(-1, len(self.speakers) - 1 - MAX_MATCH_BACK), -1):
            sp, key = self.speakers[index], self._keys[index]
            if m.role_only:
                if sp.kind == "person" and any(r.split()[0] == m.name.split()[0] for r in sp.roles + sp.titles):
                    return index
                continue
            if m.kind != sp.kind:
                continue
            if m.kind == "person" and (m.key <= key or key <= m.key) and (
                    min(len(m.key), len(key)) == 1 or m.first_word == self._heads[index]):
                # Two-word forms must start alike: سعود بن صقر is not خالد بن سعود بن صقر.
                return index
            if m.kind == "organisation" and (m.key <= key or key <= m.key
                                             or len(m.key) == 1 and m.first_word in (key | {"ال" + w for w in key})):
                return index
            if m.kind == "unnamed" and (m.key == key or len(m.key) <= 2 and _definite(m.first_word)):
                return index  # "المصدر", "المصدر نفسه": the source named before
        return None
