"""Translation engines: one small interface, Argos (CTranslate2 + SentencePiece) as one implementation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence


@dataclass(frozen=True)
class Hypothesis:
    """One candidate translation of a sentence; a higher score is better."""

    text: str
    score: float | None = None


class Engine(Protocol):
    """Translates sentences in batches; returns hypotheses best first, one list per sentence."""

    name: str

    def signature(self) -> str:
        """How drafts are made (engine, model, decoding settings), for notes and summaries."""
        ...

    def translate(
        self,
        sentences: Sequence[str],
        *,
        num_hypotheses: int = 1,
        suppress: Sequence[str] = (),
    ) -> list[list[Hypothesis]]:
        """Translate every sentence; `suppress` lists English phrases the engine must not generate."""
        ...
