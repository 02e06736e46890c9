"""Translation engines: one small interface; Argos (CTranslate2 + SentencePiece) on this machine or on Ray.

`build_engine` is where a run's engine is made from the package and the CLI's `EngineOptions`;
each implementation is imported only when it is built (Ray only with `--cluster`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol, Sequence

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


def build_engine(package_dir: str | Path, options: EngineOptions = EngineOptions()) -> Engine:
    """The Argos engine for `package_dir`: on this machine, or on Ray when `options.cluster` is set."""
    if options.cluster is not None:
        from toolkit.engines.cluster import RayEngine

        return RayEngine(package_dir, address=options.cluster or None, device=options.device, on_batch=options.on_batch)
    from toolkit.engines.argos import ArgosEngine, choose_device

    return ArgosEngine(package_dir, device=choose_device(options.device), on_batch=options.on_batch)


def parse_cluster(value: str, default_address: str | None = None) -> str:
    """`--cluster ray[:ADDRESS]` -> the Ray address ("" for a local cluster); plain `ray` takes `default_address`.

    `default_address` is TOOLKIT_RAY_ADDRESS as the CLI read it. Addresses are Ray's own: `auto`,
    `HOST:6379`, `ray://HOST:10001`.
    """
    from toolkit.errors import InputError

    scheme, _, address = value.partition(":")
    if scheme != "ray":
        raise InputError(f"unknown cluster {value!r}", None, "pass --cluster ray or --cluster ray:ADDRESS")
    return address.strip() or (default_address or "").strip()
