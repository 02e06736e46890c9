"""A deterministic fake Engine (like pip-tools' FakeRepository): no model, records every call."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from toolkit.engines import Hypothesis


@dataclass(frozen=True)
class Call:
    """One translate() call as the fake received it."""

    sentences: tuple[str, ...]
    num_hypotheses: int
    suppress: tuple[str, ...]


@dataclass
class FakeEngine:
    """Translates from `table` (source -> hypotheses, best first), else `EN(<source>)`; drops suppressed hypotheses."""

    table: Mapping[str, Sequence[str]] = field(default_factory=dict)
    name: str = "fake"
    calls: list[Call] = field(default_factory=list)

    def signature(self) -> str:
        """A fixed signature, like a real engine's."""
        return "fake 1.0 beam=4"

    def translate(
        self, sentences: Sequence[str], *, num_hypotheses: int = 1, suppress: Sequence[str] = ()
    ) -> list[list[Hypothesis]]:
        """Up to num_hypotheses table entries per sentence, skipping any with a suppressed phrase (unless all have one)."""
        self.calls.append(Call(tuple(sentences), num_hypotheses, tuple(suppress)))
        translated = []
        for sentence in sentences:
            candidates = list(self.table.get(sentence, [f"EN({sentence})"]))
            allowed = [text for text in candidates if not any(p.lower() in text.lower() for p in suppress)]
            kept = (allowed or candidates[-1:])[:num_hypotheses]
            translated.append([Hypothesis(text, -float(rank)) for rank, text in enumerate(kept)])
        return translated

    @property
    def sentences(self) -> list[str]:
        """Every sentence sent to the engine, over all calls."""
        return [sentence for call in self.calls for sentence in call.sentences]
