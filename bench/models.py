"""The synthetic zh→en Argos package the draft benchmarks use, built once per size and cached."""

from __future__ import annotations

import hashlib
import shutil
import sys
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

import cache
import sbd_model
from measure import ROOT


@dataclass(frozen=True)
class ModelSize:
    """The architecture of a synthetic package (tests/synthetic_model.build_package parameters)."""

    layers: tuple[int, int]
    d_model: int
    heads: int
    ffn: int
    vocab_size: int
    quantization: str = "int8"
    seed: int = 0
    length_ratio: float = 1.2  # target pieces per source piece the builder calibrates decoding to

    def describe(self) -> str:
        """E.g. "6+6 layers, d_model 512, 8 heads, FFN 2048, vocab 32000, int8"."""
        encoder, decoder = self.layers
        return (
            f"{encoder}+{decoder} layers, d_model {self.d_model}, {self.heads} heads, "
            f"FFN {self.ffn}, vocab {self.vocab_size}, {self.quantization}"
        )


# Argos Translate's zh→en model: Transformer base with a shared 32k SentencePiece vocabulary.
ARGOS_BASE = ModelSize(layers=(6, 6), d_model=512, heads=8, ffn=2048, vocab_size=32000)
TINY = ModelSize(layers=(1, 1), d_model=64, heads=2, ffn=128, vocab_size=2000)
SIZES = {"argos-base": ARGOS_BASE, "tiny": TINY}


BUILDER = ROOT / "tests" / "synthetic_model.py"


def packages_dir(size: ModelSize) -> Path:
    """The ARGOS_PACKAGES_DIR holding this size's package (one per folder, so Argos finds only it); keyed by builder too."""
    builder = hashlib.sha256(BUILDER.read_bytes()).hexdigest()
    return cache.CACHE / f"argos-{cache.key(**asdict(size), builder=builder)}" / "packages"


def installed_package(size: ModelSize) -> Path:
    """The unpacked package for `size` with a bundled sentence splitter, building it if not cached."""
    folder = packages_dir(size)
    for package in folder.glob("*/metadata.json"):
        if (package.parent / "minisbd" / "rule-sbd.onnx").exists():
            return package.parent
    sys.path.insert(0, str(BUILDER.parent))
    from synthetic_model import build_package

    build = folder.parent / "build"
    archive = build_package(build, **asdict(size))
    staging = folder.parent / "staging"
    shutil.rmtree(staging, ignore_errors=True)
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(staging)
    (package,) = staging.iterdir()
    sbd_model.write_splitter(package / "minisbd" / "rule-sbd.onnx")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(folder / package.name, ignore_errors=True)
    package.rename(folder / package.name)
    shutil.rmtree(staging)
    shutil.rmtree(build)
    return folder / package.name


if __name__ == "__main__":
    # Built in its own process, so the bench's parent stays small: a child's peak RSS starts at its parent's.
    print(installed_package(SIZES[sys.argv[1]]))
