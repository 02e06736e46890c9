"""Argos Translate packages driven directly: SentencePiece + one CTranslate2 Translator.

We do not go through `argostranslate.translate`: importing it pulls in spaCy, stanza and torch
(seconds), offline it tries to download a sentence splitter, and its `translate()` decodes one
paragraph at a time in batches of 32 tokens. Our segments are already sentences, so all of them
go to CTranslate2 in one `translate_batch` call, sorted by length, int8 on all cores.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Sequence

from toolkit import models
from toolkit.engines import Hypothesis
from toolkit.errors import ModelError

CHINESE_CODES = ("zh", "zh_Hans", "zt", "zh_Hant")
"""Source codes accepted for a Chinese→English package, in order of preference."""

MAX_INPUT_PIECES = 1024
"""CTranslate2's default max_input_length: it truncates longer inputs anyway, so cutting them before the call changes
no translation and saves gigabytes on a runaway sentence (a 10 MB line took 4.5 GB)."""


def find_zh_en_package() -> Path | None:
    """The installed Chinese→English package directory (highest version), or None."""
    package = models.find_installed(CHINESE_CODES, "en")
    return package.path if package is not None else None


def load_package(path: str | Path) -> Path:
    """An .argosmodel file (validated, unpacked into the cache) or an unpacked package dir -> package dir.

    What a package must hold is checked in one place, `toolkit.models` (MODEL_FILES), before installing too.
    """
    return models.load_package(path)


class ArgosEngine:
    """Translates sentences with an Argos package: batched, length-sorted beam search on CPU."""

    name = "argos"

    def __init__(
        self,
        package_dir: str | Path,
        *,
        beam_size: int = 4,
        length_penalty: float = 0.2,
        max_decoding_length: int = 256,
        compute_type: str = "int8",
        inter_threads: int = 1,
        intra_threads: int | None = None,
        max_batch_size: int = 64,
        batch_type: str = "examples",
    ) -> None:
        """Loads the package; by default one translator using every core, batches of up to 64 sentences.

        Measured on 2 cores with a 6+6-layer, 32k-vocabulary int8 model: one translator with
        all cores used the least CPU; two one-thread translators (`inter_threads=2`) cost about
        35% more CPU (system time from their buffers), although they win on the tiny test model.
        Batching by tokens was no faster than by examples.
        """
        try:
            import ctranslate2
            import sentencepiece
        except ImportError as error:
            raise ModelError(f"{error.name} is not installed", None, models.DRAFT_EXTRA_HINT) from None

        self.package_dir = load_package(package_dir)
        self.package = models.read_package_dir(self.package_dir)
        self.beam_size = beam_size
        self.length_penalty = length_penalty
        self.max_decoding_length = max_decoding_length
        self.compute_type = compute_type
        self.max_batch_size = max_batch_size
        self.batch_type = batch_type
        self.inter_threads = inter_threads
        self.target_prefix = _target_prefix(self.package_dir)
        self.calls = 0
        self.sentences_translated = 0
        try:
            self._pieces = sentencepiece.SentencePieceProcessor(
                model_file=str(self.package_dir / "sentencepiece.model")
            )
            self._translator = ctranslate2.Translator(
                str(self.package_dir / "model"),
                device="cpu",
                compute_type=compute_type,
                inter_threads=self.inter_threads,
                intra_threads=intra_threads if intra_threads is not None else (os.cpu_count() or 1),
            )
        except (RuntimeError, OSError, ValueError) as error:
            raise ModelError(f"cannot load the model ({error})", str(self.package_dir), "reinstall the package") from None

    def signature(self) -> str:
        """How drafts are made, e.g. "argos translate-zh_en-1_9 1.9 beam=4 lp=0.2 int8"."""
        return (
            f"argos {self.package.name} {self.package.version} "
            f"beam={self.beam_size} lp={self.length_penalty} {self.compute_type}"
        )

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
        tokens = [self._pieces.encode(sentence, out_type=str)[:MAX_INPUT_PIECES] for sentence in sentences]
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        prefix = [[self.target_prefix]] * len(tokens) if self.target_prefix else None
        results = self._translator.translate_batch(
            [tokens[i] for i in order],
            target_prefix=prefix,
            max_batch_size=self._batch_size(len(tokens)),
            batch_type=self.batch_type,
            beam_size=max(self.beam_size, num_hypotheses),
            num_hypotheses=num_hypotheses,
            length_penalty=self.length_penalty,
            max_decoding_length=self.max_decoding_length,
            suppress_sequences=self._suppressed_pieces(suppress) or None,
            replace_unknowns=True,
            return_scores=True,
        )
        translated: list[list[Hypothesis]] = [[] for _ in sentences]
        for position, result in zip(order, results):
            translated[position] = [
                Hypothesis(self._detokenize(pieces), score) for pieces, score in zip(result.hypotheses, result.scores)
            ]
        self.sentences_translated += len(sentences)
        return translated

    def _batch_size(self, sentences: int) -> int:
        """Sentences per batch: at most `max_batch_size`, and small enough to give every translator thread work."""
        if self.batch_type != "examples":
            return self.max_batch_size
        return max(1, min(self.max_batch_size, -(-sentences // self.inter_threads)))

    def _detokenize(self, pieces: list[str]) -> str:
        """English text from target pieces, without the package's target prefix (as argostranslate does)."""
        if self.target_prefix and pieces[:1] == [self.target_prefix]:
            pieces = pieces[1:]
        return self._pieces.decode_pieces(pieces).replace("▁", " ").strip()

    def _suppressed_pieces(self, phrases: Sequence[str]) -> list[list[str]]:
        """Target piece sequences for each phrase as written, lower-cased and capitalised.

        CTranslate2 never generates a one-piece sequence; for longer ones it blocks the last piece
        whenever the output ends with the others. This is best effort: it blocks the usual
        segmentation of a phrase, not every way the model could spell it, so drafts are still
        verified afterwards. A leading bare "▁" (a word start SentencePiece could not merge, as
        before most Chinese characters) is also dropped, since the model may start without it.
        Sequences with pieces outside the vocabulary could never be generated and are left out.
        """
        unknown = self._pieces.unk_id()
        sequences: list[list[str]] = []
        for phrase in phrases:
            phrase = phrase.strip()
            for form in dict.fromkeys((phrase, phrase.lower(), phrase[:1].upper() + phrase[1:])):
                pieces = self._pieces.encode(form, out_type=str)
                variants = [pieces, pieces[1:]] if pieces[:1] == ["▁"] and len(pieces) > 1 else [pieces]
                for variant in variants:
                    known = variant and all(self._pieces.piece_to_id(piece) != unknown for piece in variant)
                    if known and variant not in sequences:
                        sequences.append(variant)
        return sequences


def _target_prefix(package_dir: Path) -> str:
    """The `target_prefix` from metadata.json (a token some multilingual packages need), or ""."""
    metadata = json.loads((package_dir / "metadata.json").read_text(encoding="utf-8"))
    prefix = metadata.get("target_prefix", "")
    return prefix if isinstance(prefix, str) else ""
