"""Document skeleton + sentence rules -> Segment records."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    """One sentence to translate, with where it came from."""

    file: str
    paragraph: int
    index: int
    text: str
    line: int
    flags: tuple[str, ...] = ()
