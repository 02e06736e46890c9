"""The records of an alignment: the sentences of each side, the links found between them, and the pair."""

from __future__ import annotations

from dataclasses import dataclass


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
