"""The engine interface: what an engine takes (sentences, options) and gives back (hypotheses), and nothing else."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

DEVICES = ("auto", "cpu", "cuda")
"""`--device` choices: auto is CUDA when CTranslate2 sees a CUDA device (on Ray: when the cluster has GPUs)."""

BatchDone = Callable[[int, int], None]
"""Progress callback an engine calls after each translated batch: (sentences done, sentences in the call)."""


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


@dataclass(frozen=True)
class EngineOptions:
    """Where and how the engine runs, as the CLI chose: device, Ray cluster (None: this machine), progress callback."""

    device: str = "auto"
    cluster: str | None = None
    """None: this machine; "": a local Ray cluster started for the run; else a Ray address (`ray.init(address=...)`)."""
    on_batch: BatchDone | None = None
