"""Argos Translate packages driven directly: SentencePiece + one CTranslate2 Translator.

We do not go through `argostranslate.translate`: importing it pulls in spaCy, stanza and torch
(seconds), offline it tries to download a sentence splitter, and its `translate()` decodes one
paragraph at a time in batches of 32 tokens. Our segments are already sentences: all of them are
sorted by length, cut into batches (`plan_batches`) and queued on one CTranslate2 translator, int8 on
all cores; the engine reports each finished batch (progress). `toolkit.engines.cluster` sends the
same batches to Ray actors, each holding one ArgosEngine built from the same ArgosSettings.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from toolkit import packages
from toolkit.engines.model import DEVICES, BatchDone, Hypothesis
from toolkit.errors import ModelError
from toolkit.words import CHINESE_CODES, ENGLISH, is_chinese

MAX_INPUT_PIECES = 1024
"""CTranslate2's default max_input_length: it truncates longer inputs anyway, so cutting them before the call changes
no translation and saves gigabytes on a runaway sentence (a 10 MB line took 4.5 GB)."""


def find_zh_en_package() -> Path | None:
    """The installed Chinese→English package directory (highest version), or None."""
    package = packages.find_installed(CHINESE_CODES, ENGLISH, also=is_chinese)
    return package.path if package is not None else None


def load_package(path: str | Path, cache_dir: Path | None = None) -> Path:
    """An .argosmodel file (validated, unpacked into `cache_dir`) or an unpacked package dir -> package dir.

    What a package must hold is checked in one place, `toolkit.packages` (MODEL_FILES), before installing too.
    """
    return packages.load_package(path, cache_dir)


@dataclass(frozen=True)
class ArgosSettings:
    """How the Argos engine decodes and where: the one configuration a local engine and every Ray actor share."""

    beam_size: int = 4
    length_penalty: float = 0.2
    max_decoding_length: int = 256
    compute_type: str = "int8"
    device: str = "cpu"
    """"cpu" or "cuda" (resolve "auto" first with `choose_device`)."""
    inter_threads: int = 1
    intra_threads: int | None = None
    """Threads per translator; None: every core of the machine (0 lets CTranslate2 decide)."""
    max_batch_size: int = 64
    batch_type: str = "examples"


def choose_device(choice: str) -> str:
    """`--device auto|cpu|cuda` -> "cpu" or "cuda"; auto is CUDA when CTranslate2 sees a CUDA device."""
    if choice not in DEVICES:
        raise ModelError(f"unknown device {choice!r}", None, f"pass one of {', '.join(DEVICES)}")
    if choice == "cpu":
        return choice
    import ctranslate2

    cuda = ctranslate2.get_cuda_device_count() > 0
    if choice == "cuda" and not cuda:
        raise ModelError(
            "--device cuda, but CTranslate2 sees no CUDA device",
            None,
            "pass --device cpu or auto, or install a CUDA build of ctranslate2 with a working NVIDIA driver",
        )
    return "cuda" if cuda else "cpu"


def plan_batches(lengths: Sequence[int], batch_size: int, batch_type: str = "examples") -> list[list[int]]:
    """Sentence positions in batches: sorted by length (ties in input order), cut every `batch_size` examples or tokens.

    A batch by tokens holds sentences while their count times the longest stays within `batch_size` (padded size).
    The same plan drives a local run and a Ray run, so both decode the very same batches.
    """
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    if batch_type == "examples":
        return [order[start : start + batch_size] for start in range(0, len(order), batch_size)]
    batches: list[list[int]] = []
    for position in order:
        if batches and (len(batches[-1]) + 1) * max(lengths[position], 1) <= batch_size:
            batches[-1].append(position)
        else:
            batches.append([position])
    return batches


class Pieces:
    """The package's SentencePiece model: sentences to pieces and back, and phrases to suppress as pieces."""

    def __init__(self, package_dir: Path) -> None:
        import sentencepiece

        self._model = sentencepiece.SentencePieceProcessor(model_file=str(package_dir / "sentencepiece.model"))
        self.target_prefix = _target_prefix(package_dir)

    def encode(self, sentences: Sequence[str]) -> list[list[str]]:
        """Source pieces of each sentence, cut at MAX_INPUT_PIECES."""
        return [self._model.encode(sentence, out_type=str)[:MAX_INPUT_PIECES] for sentence in sentences]

    def decode(self, pieces: list[str]) -> str:
        """English text from target pieces, without the package's target prefix (as argostranslate does)."""
        if self.target_prefix and pieces[:1] == [self.target_prefix]:
            pieces = pieces[1:]
        return self._model.decode_pieces(pieces).replace("▁", " ").strip()

    def suppressed(self, phrases: Sequence[str]) -> list[list[str]]:
        """Target piece sequences for each phrase as written, lower-cased and capitalised.

        CTranslate2 never generates a one-piece sequence; for longer ones it blocks the last piece
        whenever the output ends with the others. This is best effort: it blocks the usual
        segmentation of a phrase, not every way the model could spell it, so drafts are still
        verified afterwards. A leading bare "▁" (a word start SentencePiece could not merge, as
        before most Chinese characters) is also dropped, since the model may start without it.
        Sequences with pieces outside the vocabulary could never be generated and are left out.
        """
        unknown = self._model.unk_id()
        sequences: list[list[str]] = []
        for phrase in phrases:
            phrase = phrase.strip()
            for form in dict.fromkeys((phrase, phrase.lower(), phrase[:1].upper() + phrase[1:])):
                pieces = self._model.encode(form, out_type=str)
                variants = [pieces, pieces[1:]] if pieces[:1] == ["▁"] and len(pieces) > 1 else [pieces]
                for variant in variants:
                    known = variant and all(self._model.piece_to_id(piece) != unknown for piece in variant)
                    if known and variant not in sequences:
                        sequences.append(variant)
        return sequences


class ArgosEngine:
    """Translates sentences with an Argos package: length-sorted batches, beam search, on CPU or CUDA."""

    name = "argos"

    def __init__(self, package_dir: str | Path, *, on_batch: BatchDone | None = None, **settings: object) -> None:
        """Loads the package; `settings` are ArgosSettings fields (defaults: beam 4, int8 on CPU, every core, 64 a batch).

        Measured on 2 cores with a 6+6-layer, 32k-vocabulary int8 model: one translator with
        all cores used the least CPU; two one-thread translators (`inter_threads=2`) cost about
        35% more CPU (system time from their buffers), although they win on the tiny test model.
        Batching by tokens was no faster than by examples. `on_batch(done, total)` is called
        once with 0 when decoding starts, then after every translated batch with the sentences done so far.
        """
        try:
            import ctranslate2
            import sentencepiece  # noqa: F401 - a clear error now rather than in Pieces
        except ImportError as error:
            raise ModelError(f"{error.name} is not installed", None, packages.DRAFT_EXTRA_HINT) from None

        self.settings = ArgosSettings(**settings)  # type: ignore[arg-type]
        self.package_dir = load_package(package_dir)
        self.package = packages.read_package_dir(self.package_dir)
        self.on_batch = on_batch
        self.calls = 0
        self.sentences_translated = 0
        s = self.settings
        try:
            self.pieces = Pieces(self.package_dir)
            self._translator = ctranslate2.Translator(
                str(self.package_dir / "model"),
                device=s.device,
                compute_type=s.compute_type,
                inter_threads=s.inter_threads,
                intra_threads=s.intra_threads if s.intra_threads is not None else (os.cpu_count() or 1),
            )
        except (RuntimeError, OSError, ValueError) as error:
            raise ModelError(
                f"cannot load the model ({error})", str(self.package_dir), "reinstall the package"
            ) from None

    def signature(self) -> str:
        """How drafts are made, e.g. "argos translate-zh_en-1_9 1.9 beam=4 lp=0.2 int8 cpu"."""
        return signature(self.package, self.settings)

    def translate(
        self,
        sentences: Sequence[str],
        *,
        num_hypotheses: int = 1,
        suppress: Sequence[str] = (),
    ) -> list[list[Hypothesis]]:
        """Translate every sentence; hypotheses best first, one list per sentence, in input order."""
        self.calls += 1
        if not sentences:
            return []
        tokens = self.pieces.encode(sentences)
        suppressed = self.pieces.suppressed(suppress)
        batches = plan_for(tokens, self.settings)
        # Every batch is queued at once (inter_threads translators work through them), then collected in order.
        queued = [(batch, self._submit([tokens[i] for i in batch], num_hypotheses, suppressed)) for batch in batches]
        translated, _ = in_input_order(
            len(sentences),
            ((batch, [self._hypotheses(r.result()) for r in results]) for batch, results in queued),
            self.on_batch,
        )
        self.sentences_translated += len(sentences)
        return translated

    def translate_tokens(
        self, tokens: list[list[str]], *, num_hypotheses: int, suppressed: list[list[str]]
    ) -> list[list[Hypothesis]]:
        """Translate one batch already in pieces (as `plan_batches` cut it): what a Ray actor does per batch."""
        return [self._hypotheses(result.result()) for result in self._submit(tokens, num_hypotheses, suppressed)]

    def _submit(self, tokens: list[list[str]], num_hypotheses: int, suppressed: list[list[str]]) -> list:
        """Queue one batch on the translator, decoded as one batch (never re-cut, never re-sorted)."""
        s = self.settings
        prefix = self.pieces.target_prefix
        return self._translator.translate_batch(
            tokens,
            target_prefix=[[prefix]] * len(tokens) if prefix else None,
            max_batch_size=0,
            asynchronous=True,
            beam_size=max(s.beam_size, num_hypotheses),
            num_hypotheses=num_hypotheses,
            length_penalty=s.length_penalty,
            max_decoding_length=s.max_decoding_length,
            suppress_sequences=suppressed or None,
            replace_unknowns=True,
            return_scores=True,
        )

    def _hypotheses(self, result) -> list[Hypothesis]:
        return [
            Hypothesis(self.pieces.decode(pieces), score) for pieces, score in zip(result.hypotheses, result.scores)
        ]


def plan_for(tokens: Sequence[Sequence[str]], settings: ArgosSettings) -> list[list[int]]:
    """The batches (sentence positions) the sentences in `tokens` are decoded in, by this machine or a cluster."""
    return plan_batches([len(t) for t in tokens], batch_size(settings, len(tokens)), settings.batch_type)


def in_input_order(
    total: int, decoded: Iterable[tuple[list[int], list[list[Hypothesis]]]], on_batch: Callable[[int, int], None] | None
) -> tuple[list[list[Hypothesis]], int]:
    """Each decoded batch's hypotheses put back at its sentences' positions, reporting progress after every batch;
    also how many sentences came back."""
    translated: list[list[Hypothesis]] = [[] for _ in range(total)]
    done = 0
    if on_batch is not None:
        on_batch(0, total)
    for batch, hypotheses in decoded:
        for position, found in zip(batch, hypotheses):
            translated[position] = found
        done += len(batch)
        if on_batch is not None:
            on_batch(done, total)
    return translated, done


def batch_size(settings: ArgosSettings, sentences: int) -> int:
    """Examples (or tokens) per batch for `sentences` sentences: enough batches to keep every translator thread busy."""
    if settings.batch_type != "examples":
        return settings.max_batch_size
    return max(1, min(settings.max_batch_size, -(-sentences // settings.inter_threads)))


def signature(package: packages.PackageInfo, settings: ArgosSettings) -> str:
    """The drafted-by signature: package, decoding settings, compute type and device (not where it ran)."""
    return (
        f"argos {package.name} {package.version} "
        f"beam={settings.beam_size} lp={settings.length_penalty} {settings.compute_type} {settings.device}"
    )


def _target_prefix(package_dir: Path) -> str:
    """The `target_prefix` from metadata.json (a token some multilingual packages need), or ""."""
    metadata = json.loads((package_dir / "metadata.json").read_text(encoding="utf-8"))
    prefix = metadata.get("target_prefix", "")
    return prefix if isinstance(prefix, str) else ""
