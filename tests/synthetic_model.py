"""Builds synthetic Argos packages (.argosmodel): a random-weight CTranslate2 Transformer plus a
SentencePiece model trained on the seeds. No network; the tiny default takes about 3 s of CPU,
the real zh→en architecture (`layers=(6, 6), d_model=512, heads=8, ffn=2048, vocab_size=32000`)
about 30 s.

The translations are gibberish. What is real is the plumbing (the package layout Argos expects,
the int8 CTranslate2 model, the shared SentencePiece vocabulary) and the cost: outputs have
realistic lengths (see `length_ratio`), so timing a big synthetic model times the real one.

The seeds support a SentencePiece vocabulary of about 4,700 pieces. For a larger vocabulary the
trainer also reads generated Latin pseudo-words (three per wanted piece, deterministic in `seed`),
which stand in for the English side of a real corpus and let the vocabulary reach its full size.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

ENGLISH_SENTENCES = (
    "Sam Altman warned that the United States underestimates China's progress in artificial intelligence.",
    "OpenAI released an open-weight model to answer the rise of open-source AI.",
    "Export controls on chips may not slow down the competition as much as expected.",
    "The translator reviews every draft before it is published.",
    "A glossary keeps the approved English for each Chinese term.",
    "Large language models are trained on text from the web.",
    "The company said the new model will be available to developers next month.",
    "Researchers in Beijing and Shanghai published the results on Monday.",
    "Investors are watching how the market reacts to the announcement.",
    "The government plans to invest more in data centres and computing power.",
)

_ONSETS = (
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "w",
    "z",
    "br",
    "cl",
    "dr",
    "st",
    "tr",
    "sh",
    "ch",
    "th",
)
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "ou", "io")
_CODAS = ("", "", "n", "r", "s", "t", "l", "m", "nd", "st")


def seed_sentences(seeds_dir: Path = SEEDS_DIR) -> list[str]:
    """Non-empty lines of the seed articles plus a few English sentences."""
    lines = [
        line.strip()
        for path in sorted(seeds_dir.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return lines + list(ENGLISH_SENTENCES)


def pseudo_english(count: int, seed: int) -> list[str]:
    """`count` sentences of twelve generated Latin pseudo-words, deterministic in `seed`."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(rng.randint(1, 3)))

    lexicon = [word() for _ in range(3 * count)]
    return [" ".join(rng.choice(lexicon) for _ in range(12)) for _ in range(count)]


def train_sentencepiece(sentences: Sequence[str], vocab_size: int, seed: int = 0) -> bytes:
    """A serialized SentencePiece unigram model with exactly `vocab_size` pieces."""
    import sentencepiece as spm

    corpus = list(sentences)
    for attempt in range(2):
        model = io.BytesIO()
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(corpus),
            model_writer=model,
            vocab_size=vocab_size,
            hard_vocab_limit=False,
            character_coverage=0.9995,
            input_sentence_size=0,
            num_threads=2,
            minloglevel=2,
        )
        size = spm.SentencePieceProcessor(model_proto=model.getvalue()).get_piece_size()
        if size == vocab_size:
            return model.getvalue()
        if attempt == 0:
            corpus += pseudo_english(vocab_size + vocab_size // 4, seed)
    raise ValueError(f"SentencePiece reached only {size} pieces of the {vocab_size} asked for")


def _shape(scope: str, d_model: int, ffn: int, vocab_size: int) -> tuple[int, int]:
    """The (rows, cols) of the weight at `scope` in a Transformer of this size."""
    if "embeddings" in scope or "projection" in scope:
        return vocab_size, d_model
    if "/ffn/linear_0" in scope:
        return ffn, d_model
    if "/ffn/linear_1" in scope:
        return d_model, ffn
    if "/self_attention/linear_0" in scope:
        return 3 * d_model, d_model
    if "/attention/linear_1" in scope:
        return 2 * d_model, d_model
    return d_model, d_model


def build_package(
    dest_dir: str | Path,
    *,
    layers: tuple[int, int] = (1, 1),
    d_model: int = 64,
    heads: int = 2,
    ffn: int = 128,
    vocab_size: int = 2000,
    seed: int = 0,
    quantization: str = "int8",
    sentences: Iterable[str] | None = None,
    length_ratio: float = 1.2,
    eos_bias: float | None = None,
    logit_scale: float = 6.0,
    package_version: str = "0.1",
    name: str = "translate-zh_en-synthetic",
) -> Path:
    """Writes `<name>.argosmodel` (a zip of one `<name>/` folder) into `dest_dir`; returns its path.

    Random weights decode to random lengths, so the output length is set on purpose: the output
    layer is sharpened (`logit_scale`, so that continuing a sentence is cheap for beam search)
    and a bias on the end-of-sentence logit is calibrated until beam search (4, length penalty
    0.2, as Argos) writes about `length_ratio` target pieces per source piece on seed sentences,
    as a real zh→en model does. Give `eos_bias` to skip the calibration and use that bias.
    """
    import numpy as np
    import sentencepiece as spm
    from ctranslate2.specs import TransformerSpec

    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    corpus = list(sentences) if sentences is not None else seed_sentences()
    sp_model = train_sentencepiece(corpus, vocab_size, seed)
    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]

    spec = TransformerSpec.from_config(layers, heads)
    _fill(spec, np.random.default_rng(seed), d_model, ffn, len(vocabulary), logit_scale)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization=quantization)

    with tempfile.TemporaryDirectory(dir=dest_dir) as work:
        if eos_bias is None:
            sample = [processor.encode(line, out_type=str) for line in _calibration_sentences(corpus)]
            eos_bias = _calibrate_eos_bias(spec, processor.eos_id(), sample, length_ratio, Path(work) / "trials")
        _set_eos_bias(spec, processor.eos_id(), eos_bias)
        root = Path(work) / name
        (root / "model").mkdir(parents=True)
        spec.save(str(root / "model"))
        (root / "sentencepiece.model").write_bytes(sp_model)
        metadata = {
            "package_version": package_version,
            "argos_version": "1.9",
            "from_code": "zh",
            "from_name": "Chinese",
            "to_code": "en",
            "to_name": "English",
            "type": "translate",
        }
        (root / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        (root / "README.md").write_text(
            f"Synthetic zh→en test package: random weights, layers={layers}, d_model={d_model}, "
            f"heads={heads}, ffn={ffn}, vocab={len(vocabulary)}, seed={seed}, {quantization}, "
            f"logit_scale={logit_scale}, eos_bias={eos_bias:.2f}.\n",
            encoding="utf-8",
        )
        archive = dest_dir / f"{name}.argosmodel"
        partial = archive.with_suffix(".partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:
            for path in sorted(root.rglob("*")):
                bundle.write(path, path.relative_to(work).as_posix())
        shutil.move(partial, archive)
    return archive


def _fill(spec, rng, d_model: int, ffn: int, vocab_size: int, logit_scale: float) -> None:
    """Sets every unset weight and layer norm of `spec` for a Transformer of this size."""
    import numpy as np
    from ctranslate2.specs import model_spec

    def fill(layer, scope: str, value) -> None:
        if value is not None:
            return
        attribute = scope.rsplit("/", 1)[-1]
        if attribute == "gamma":
            setattr(layer, attribute, np.ones(d_model, np.float32))
        elif attribute == "beta":
            setattr(layer, attribute, np.zeros(d_model, np.float32))
        elif attribute == "weight":
            rows, cols = _shape(scope, d_model, ffn, vocab_size)
            setattr(layer, attribute, rng.normal(0.0, cols**-0.5, size=(rows, cols)).astype(np.float32))

    model_spec.visit_spec(spec, fill)
    spec.decoder.projection.weight *= logit_scale


def _set_eos_bias(spec, eos_id: int, eos_bias: float) -> None:
    """Sets the output bias: `eos_bias` on the end-of-sentence logit, 0 elsewhere (also after optimize())."""
    import numpy as np
    from ctranslate2.specs.model_spec import NumpyVariable

    bias = np.zeros(len(spec._vocabularies["target"][0]), np.float32)
    bias[eos_id] = eos_bias
    spec.decoder.projection.bias = NumpyVariable(bias)


def _calibration_sentences(corpus: Sequence[str], count: int = 8) -> list[str]:
    """Up to `count` ordinary-length Chinese lines of the corpus, spread over it."""
    usable = [line for line in corpus if 15 <= len(line) <= 120 and any("\u4e00" <= c <= "\u9fff" for c in line)]
    step = max(1, len(usable) // count)
    return usable[::step][:count] or list(corpus[:count])


def _calibrate_eos_bias(spec, eos_id: int, sample: list[list[str]], length_ratio: float, trials: Path) -> float:
    """The end-of-sentence bias (best of 7 bisection steps) giving `length_ratio` target pieces per source piece."""
    import os

    import ctranslate2

    source_pieces = sum(len(tokens) for tokens in sample)
    longest = int(2 * length_ratio * max(len(tokens) for tokens in sample)) + 8
    low, high = 8.0, 40.0  # a higher bias ends sentences sooner
    tried: list[tuple[float, float]] = []
    for trial in range(7):
        bias = (low + high) / 2
        _set_eos_bias(spec, eos_id, bias)
        model_dir = trials / str(trial)
        model_dir.mkdir(parents=True)
        spec.save(str(model_dir))
        translator = ctranslate2.Translator(str(model_dir), intra_threads=os.cpu_count() or 1)
        results = translator.translate_batch(
            sample, beam_size=4, length_penalty=0.2, max_decoding_length=longest, max_batch_size=32
        )
        del translator
        shutil.rmtree(model_dir)
        ratio = sum(len(result.hypotheses[0]) for result in results) / source_pieces
        tried.append((abs(ratio - length_ratio), bias))
        if ratio > length_ratio:
            low = bias
        else:
            high = bias
    return min(tried)[1]
