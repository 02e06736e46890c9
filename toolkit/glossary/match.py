"""Matching: Chinese terms in a source sentence (one Aho–Corasick pass, both scripts), English phrases in a target
(whole words, tolerant of plural, possessive, -ed and -ing endings)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import regex

# Chinese renderings of foreign names separate given and family name with any of these dots, spaced or not.
NAME_DOTS = ("·", "・", "•", "‧")
_NAME_DOT = regex.compile(r"\s*[·・•‧]\s*")
LATIN = regex.compile(r"[A-Za-z0-9]")
# English words on the target side, and what may separate the words of one phrase (space or hyphen).
_WORD = regex.compile(r"[^\W_]+(?:'[^\W_]+)*'?")
_WORD_GAP = regex.compile(r"[\s\-\u2010\u2011\u2012\u2013]+")
# A hyphen joining two parts of one compound word (a letter or digit right before it).
_HYPHENATED = regex.compile(r"[^\W_][\-\u2010\u2011]")
_FULLWIDTH_LATIN = regex.compile(r"[\uff01-\uff5e]")


class SourceMatcher:
    """One Aho–Corasick automaton over Chinese (and Latin) forms, each carrying a payload (the concept).

    Keys are lowercased (when that keeps their length); a later form of the same key replaces the earlier
    one's payload. Full-width Latin letters and digits in a source (ＡＧＩ) match their ASCII forms. Pickled as
    its tables: the automaton is built again (30 ms for 15,000 keys) when it is read back.
    """

    def __init__(self, forms: Iterable[tuple[str, Any]]) -> None:
        table: dict[str, Any] = {}
        for form, payload in forms:
            for spelling in spellings(form):
                lower = spelling.lower()
                table[lower if len(lower) == len(spelling) else spelling] = payload
        self._setup(list(table), list(table.values()))

    def _setup(self, keys: list[str], payloads: list[Any]) -> None:
        self._keys, self._payloads = keys, payloads
        self._latin = [bool(LATIN.match(key[0]) or LATIN.match(key[-1])) for key in keys]
        in_keys = {char for key in keys for char in key}
        self._fullwidth = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if chr(c) not in in_keys}
        self._build()

    def _build(self) -> None:
        import ahocorasick_rs

        keys = self._keys
        self._automaton = (
            ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.Standard) if keys else None
        )

    def __getstate__(self) -> tuple:
        return self._keys, self._payloads, self._latin, self._fullwidth

    def __setstate__(self, state: tuple) -> None:
        self._keys, self._payloads, self._latin, self._fullwidth = state
        self._build()

    def find(self, source: str) -> list[tuple[int, int, Any]]:
        """(start, end, payload) of every form in `source`; the longest non-overlapping matches win, in source order."""
        if self._automaton is None:
            return []
        haystack = source.lower()
        if len(haystack) != len(source):
            haystack = source
        if not haystack.isascii() and _FULLWIDTH_LATIN.search(haystack):
            haystack = haystack.translate(self._fullwidth)
        candidates = []
        latin, payloads = self._latin, self._payloads
        for index, start, end in self._automaton.find_matches_as_indexes(haystack, overlapping=True):
            if latin[index] and not _latin_boundaries(source, start, end):
                continue
            candidates.append((start, end, payloads[index]))
        if len(candidates) < 2:
            return candidates
        candidates.sort(key=_longest_first)
        found: list[tuple[int, int, Any]] = []
        for candidate in candidates:
            start, end = candidate[0], candidate[1]
            for taken in found:
                if start < taken[1] and taken[0] < end:
                    break
            else:
                found.append(candidate)
        found.sort(key=_start)
        return found


def _longest_first(candidate: tuple[int, int, Any]) -> tuple[int, int]:
    return candidate[0] - candidate[1], candidate[0]


def _start(match: tuple[int, int, Any]) -> int:
    return match[0]


def spellings(form: str) -> list[str]:
    """`form` and the spellings the matcher takes for it: a foreign name with any name dot, spaced or not."""
    result = [form]
    if any(dot in form for dot in NAME_DOTS):
        parts = _NAME_DOT.split(form)
        result += [joint.join(parts) for dot in NAME_DOTS for joint in (dot, f" {dot} ")]
    return list(dict.fromkeys(result))


def find_phrase(text: str, phrase: str) -> list[tuple[int, int]]:
    """Spans of an English phrase in `text`: case-insensitive, whole words, tolerant of inflection."""
    return Phrase.of(phrase).spans_in(Text(text))


def contains_verbatim(text: str, form: str) -> bool:
    """Whether `form` is in `text` as written (case-sensitive, whole words; a plural or possessive ending allowed)."""
    return bool(verbatim_spans(text, form))


def contains_phrase(text: str, phrase: str) -> bool:
    """Whether `find_phrase` would find anything, usually without splitting `text` into words."""
    return Phrase.of(phrase).found_in(Text(text))


def _latin_boundaries(source: str, start: int, end: int) -> bool:
    """A Latin match is a whole word: no Latin letter or digit right before or after it."""
    before = start > 0 and LATIN.match(source[start - 1]) and LATIN.match(source[start])
    after = end < len(source) and LATIN.match(source[end]) and LATIN.match(source[end - 1])
    return not before and not after


class Text:
    """A target sentence, lowercased and split into words only when a phrase needs it."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.lower = _fold(original)
        self._words: list[tuple[str, int, int]] | None = None

    @property
    def words(self) -> list[tuple[str, int, int]]:
        if self._words is None:
            self._words = _words(self.lower)
        return self._words


@dataclass(frozen=True)
class Phrase:
    """An English phrase as word stems, with a literal that every match must contain."""

    form: str
    literal: str
    stems: tuple[str, ...]
    probes: tuple[str, ...]  # the stems, less a final y (company -> companies): all must be in the text

    @classmethod
    def of(cls, form: str) -> Phrase:
        literal = _fold(" ".join(form.split()))
        stems = tuple(stem for stem, _, _ in _words(literal))
        probes = tuple(stem[:-1] if stem.endswith("y") and len(stem) > 1 else stem for stem in stems)
        return cls(form, literal, stems, probes)

    def found_in(self, text: Text) -> bool:
        return bool(_literal_spans(text.lower, self.literal, first_only=True)) or bool(self.spans_in(text))

    def spans_in(self, text: Text) -> list[tuple[int, int]]:
        if not self.stems or not all(probe in text.lower for probe in self.probes):
            return []
        words, size, spans = text.words, len(self.stems), []
        for i in range(len(words) - size + 1):
            window = words[i : i + size]
            if tuple(stem for stem, _, _ in window) == self.stems and all(
                _WORD_GAP.fullmatch(text.lower, a[2], b[1]) for a, b in zip(window, window[1:])
            ):
                spans.append((window[0][1], window[-1][2]))
        return spans


def _fold(text: str) -> str:
    """Lowercase with one apostrophe, keeping offsets (falls back to the text when lowercasing changes length).

    The answer for the last text (the same object) is kept: every term of a source looks at the same target."""
    global _last_fold
    if _last_fold[0] is text:
        return _last_fold[1]
    lower = text.lower()
    folded = (lower if len(lower) == len(text) else text).replace("’", "'")
    _last_fold = text, folded
    return folded


_last_fold: tuple[str | None, str] = (None, "")
_last_words: tuple[str | None, list[tuple[str, int, int]]] = (None, [])


def _words(lower: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) of each word of folded text; the last part of a hyphenated compound is stemmed as the
    compound's own last word (start-ups -> start, up)."""
    return [
        (
            _stem(m.group(), compound_tail=_HYPHENATED.match(lower, max(m.start() - 2, 0), m.start()) is not None),
            m.start(),
            m.end(),
        )
        for m in _WORD.finditer(lower)
    ]


def _stem(word: str, compound_tail: bool = False) -> str:
    """The same stem for an English word's plural, possessive, -ed and -ing forms (a prefix of the word).

    A plural -s is taken from words of four letters or more (bus, gas, yes keep theirs), and from the last
    part of a hyphenated compound of three (start-ups, add-ons, sit-ins: the part is a short word made plural).
    """
    if word.endswith("'s"):
        word = word[:-2]
    word = word.rstrip("'")
    if not word.isalpha():
        return word[:-1] if len(word) > 2 and word.endswith("s") and word[-2].isdigit() else word
    if len(word) < 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes", "zes")) and len(word) > 4:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss") and len(word) > (2 if compound_tail else 3):
        word = word[:-1]
    if word.endswith("ied") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("ying") and len(word) > 5:
        word = word[:-4] + "y"
    elif word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


def _literal_spans(haystack: str, needle: str, first_only: bool = False) -> list[tuple[int, int]]:
    """Spans of `needle` in `haystack` that are whole words (no letter or digit right before or after)."""
    spans = []
    start = haystack.find(needle) if needle else -1
    while start >= 0:
        end = start + len(needle)
        if (start == 0 or not haystack[start - 1].isalnum()) and (end == len(haystack) or not haystack[end].isalnum()):
            spans.append((start, end))
            if first_only:
                break
        start = haystack.find(needle, start + 1)
    return spans


def verbatim_spans(target: str, form: str) -> list[tuple[int, int]]:
    """Spans of a do-not-translate form kept verbatim (case-sensitive), allowing a plural or possessive ending."""
    text, form = target.replace("’", "'"), " ".join(form.split()).replace("’", "'")
    spans = []
    start = text.find(form) if form else -1
    while start >= 0:
        end = start + len(form)
        for ending in ("", "s", "es"):
            if text.startswith(ending, end) and (
                end + len(ending) == len(text) or not text[end + len(ending)].isalnum()
            ):
                if start == 0 or not text[start - 1].isalnum():
                    spans.append((start, end + len(ending)))
                break
        start = text.find(form, start + 1)
    return spans
