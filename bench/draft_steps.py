"""The two draft baselines, each run in its own process by bench/run.py: `python bench/draft_steps.py NAME ARGS`.

Both translate the sentences `toolkit segment` finds in the seeds, with Argos's decoding settings:
beam 4, length penalty 0.2, max_decoding_length 256 (CTranslate2's default, which Argos keeps),
int8, one translator with intra_threads = cores. Each prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from itertools import groupby
from pathlib import Path

BEAM_SIZE = 4
LENGTH_PENALTY = 0.2
MAX_DECODING_LENGTH = 256
BATCH_SIZE = 64  # examples per batch, as ArgosEngine; CTranslate2 sorts by length within the call


def seed_sentences(seeds: list[Path]) -> list[list[str]]:
    """The seeds' sentences as `toolkit segment` cuts them, grouped by paragraph."""
    from toolkit.segment import segment_file

    paragraphs = []
    for seed in seeds:
        document = segment_file(seed)
        for _, segments in groupby(document.segments, key=lambda s: s.paragraph):
            paragraphs.append([segment.text for segment in segments])
    return paragraphs


def argos_translate(seeds: list[Path]) -> dict:
    """argostranslate's own translate(), one call per paragraph (sentences joined as in the source)."""
    paragraphs = seed_sentences(seeds)
    started = time.perf_counter()
    from argostranslate import translate

    translation = translate.get_translation_from_codes("zh", "en")
    loaded = time.perf_counter()
    for paragraph in paragraphs:
        translate.translate("".join(paragraph), "zh", "en")
    done = time.perf_counter()
    splitter = translation.underlying.sentencizer
    argos_sentences = sum(len(splitter.split_sentences("".join(p))) for p in paragraphs)
    return {
        "segments": sum(len(p) for p in paragraphs),
        "paragraphs": len(paragraphs),
        "argos_sentences": argos_sentences,
        "sentence_splitter": str(splitter),
        "load_seconds": loaded - started,
        "translate_seconds": done - loaded,
    }


def raw_translate_batch(seeds: list[Path], package: Path) -> dict:
    """One direct ctranslate2.Translator.translate_batch over all sentences, SentencePiece around it."""
    sentences = [s for paragraph in seed_sentences(seeds) for s in paragraph]
    started = time.perf_counter()
    import ctranslate2
    import sentencepiece

    tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    translator = ctranslate2.Translator(
        str(package / "model"),
        device="cpu",
        compute_type="int8",
        inter_threads=1,
        intra_threads=os.cpu_count() or 1,
    )
    loaded = time.perf_counter()
    tokens = tokenizer.encode(sentences, out_type=str)
    results = translator.translate_batch(
        tokens,
        beam_size=BEAM_SIZE,
        length_penalty=LENGTH_PENALTY,
        max_decoding_length=MAX_DECODING_LENGTH,
        max_batch_size=BATCH_SIZE,
        replace_unknowns=True,
    )
    drafts = tokenizer.decode([result.hypotheses[0] for result in results])
    done = time.perf_counter()
    return {
        "segments": len(sentences),
        "source_tokens": sum(len(t) for t in tokens),
        "output_tokens": sum(len(result.hypotheses[0]) for result in results),
        "max_length_drafts": sum(1 for result in results if len(result.hypotheses[0]) >= MAX_DECODING_LENGTH),
        "empty_drafts": sum(1 for draft in drafts if not draft.strip()),
        "load_seconds": loaded - started,
        "translate_seconds": done - loaded,
    }


def main() -> None:
    """Run one baseline and print its JSON report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("step", choices=["argos", "raw"])
    parser.add_argument("seeds", nargs="+", type=Path)
    parser.add_argument("--package", type=Path, help="unpacked Argos package (raw only)")
    args = parser.parse_args()
    if args.step == "argos":
        report = argos_translate(args.seeds)
    else:
        report = raw_translate_batch(args.seeds, args.package)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
