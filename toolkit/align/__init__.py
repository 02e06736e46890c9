"""Chinese–English sentence alignment: a document pair -> links between their sentences -> memory.

    sentences (read.py) -> features (lexicon.py) -> anchors + band DP (search.py) -> Link records
    -> po / tmx / tsv / ids (write.py, toolkit/tmx.py)

Heavy data (CC-CEDICT, pypinyin) loads only here, when `toolkit align` runs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from toolkit.align.search import BEADS, Settings


@dataclass(frozen=True)
class Sentence:
    """One sentence of a side: its text, the line it starts on (1-based) and its id (0-based)."""

    text: str
    line: int
    paragraph: int = 0


@dataclass(frozen=True)
class Link:
    """Chinese sentence ids linked to English sentence ids (either may be empty), with a score in [0, 1]."""

    zh: tuple[int, ...]
    en: tuple[int, ...]
    score: float


@dataclass(frozen=True)
class Alignment:
    """Both sides of a pair and the links between them, in document order."""

    zh_file: str
    en_file: str
    script: str  # "zh_Hans" or "zh_Hant"
    zh: tuple[Sentence, ...]
    en: tuple[Sentence, ...]
    links: tuple[Link, ...]

    def zh_text(self, link: Link) -> str:
        """The Chinese side of a link (sentences joined as Chinese joins them, without spaces)."""
        return "".join(self.zh[i].text for i in link.zh)

    def en_text(self, link: Link) -> str:
        """The English side of a link (sentences joined by a space)."""
        return " ".join(self.en[j].text for j in link.en)


def _length(text: str, chinese: bool) -> int:
    return len(text) if chinese else len(text.strip())


def align_sentences(zh: Sequence[str], en: Sequence[str], glossary=None, settings: Settings = Settings(),
                    dictionary=None, paragraphs: tuple[Sequence[int], Sequence[int]] | None = None) -> list[Link]:
    """The links between two lists of sentences (Chinese, English), in order, covering every sentence once.

    `paragraphs`: the paragraph number of each Chinese and each English sentence, when the documents have them.
    """
    from toolkit.align.lexicon import chinese_features, english_features, english_stems

    dictionary = dictionary or load_dictionary()
    terms_of = (lambda text: ()) if glossary is None else (
        lambda text: [tuple(english_stems(" ".join((match.concept.en, *match.concept.variants)))) for match in glossary.find(text)]
    )
    from toolkit.align.search import align

    zh_bags = [chinese_features(text, dictionary, terms_of(text)) for text in zh]
    en_bags = [english_features(text) for text in en]
    beads = align(zh_bags, en_bags, [_length(t, True) for t in zh], [_length(t, False) for t in en], settings,
                  *(paragraphs or (None, None)))
    return [Link(bead.zh, bead.en, _score(bead)) for bead in beads]


def _score(bead) -> float:
    """exp(−cost per sentence covered): 1 for a perfect link, towards 0 for a doubtful one; 0 for a skip."""
    if not bead.zh or not bead.en:
        return 0.0
    return round(math.exp(-max(bead.cost, 0.0) / ((len(bead.zh) + len(bead.en)) / 2.0)), 3)


def align_files(zh_path: str | Path, en_path: str | Path, *, presplit: bool = False, glossary=None,
                encoding: str | None = None, settings: Settings = Settings()) -> Alignment:
    """Read both files (one sentence a line with `presplit`) and align their sentences."""
    from toolkit.align.read import read_chinese, read_english

    script, zh = read_chinese(zh_path, presplit, encoding)
    en = read_english(en_path, presplit, encoding)
    paragraphs = None if presplit else ([s.paragraph for s in zh], [s.paragraph for s in en])
    links = align_sentences([s.text for s in zh], [s.text for s in en], glossary, settings, paragraphs=paragraphs)
    return Alignment(str(zh_path), str(en_path), script, zh, en, tuple(links))


@cache
def load_dictionary():
    """CC-CEDICT, parsed once per process (from the cache file after the first run)."""
    from toolkit.align.lexicon import cached_dictionary

    return cached_dictionary()


__all__ = ["Alignment", "BEADS", "Link", "Sentence", "Settings", "align_files", "align_sentences", "load_dictionary"]
