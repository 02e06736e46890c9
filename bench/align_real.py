"""Real-text pairs for `toolkit align` at scale, with their gold links.

The documents: the five seed articles with the English a translator revised (translations/en/*.po: each
entry's Chinese sentence and its English, split into sentences as `toolkit align` splits English), the
hand-made development pairs (bench/align_dev/*.tsv): 910 Chinese sentences of real prose in all. (The held-out
literary pairs of tests/eval/align are left out: nothing is measured, let alone tuned, on them here.)

    shuffled   documents drawn in a shuffled order (seeded) until the pair has N Chinese sentences; the
               English of some neighbouring links run together (as a freer translator joins sentences),
               which gives the 1.4 : 1 sentence ratio of a real verse-split book (36k x 25k)
    repeated   the worst case: one document (the first seed article) repeated back to back

    python bench/align_real.py shuffled 36000 FOLDER   writes FOLDER/shuffled-36000.{zh,en,ids}
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

Pair = tuple[tuple[int, ...], tuple[int, ...]]
Document = tuple[list[str], list[str], list[Pair]]


def po_document(path: Path) -> Document:
    """A translated article: each entry's msgid one Chinese sentence, its msgstr split into English sentences."""
    from toolkit.align.read import split_english
    from toolkit.storage.po import read_catalog

    zh: list[str] = []
    en: list[str] = []
    gold: list[Pair] = []
    for unit in read_catalog(path).units:
        if unit.obsolete or not unit.source.strip():
            continue
        english = [s.text for s in split_english(unit.target)] if unit.target.strip() else []
        gold.append(((len(zh),), tuple(range(len(en), len(en) + len(english)))))
        zh.append(" ".join(unit.source.split()))
        en.extend(" ".join(s.split()) for s in english)
    return zh, en, gold


def documents() -> list[Document]:
    """Every real document pair the repository has."""
    from align_dev import SHORT, read_pair

    found = [po_document(path) for path in sorted((ROOT / "translations" / "en").glob("*.po"))]
    found += [read_pair(BENCH / "align_dev" / name) for name in SHORT]  # the scale pairs as they were built
    return found


def concatenate(parts: list[Document]) -> Document:
    """One pair made of several, in order, the gold renumbered."""
    zh: list[str] = []
    en: list[str] = []
    gold: list[Pair] = []
    for part_zh, part_en, part_gold in parts:
        gold.extend((tuple(i + len(zh) for i in a), tuple(j + len(en) for j in b)) for a, b in part_gold)
        zh.extend(part_zh)
        en.extend(part_en)
    return zh, en, gold


def make(kind: str, sentences: int, seed: int = 21) -> Document:
    """A pair of about `sentences` Chinese sentences, `shuffled` or `repeated` (see the module doc)."""
    from align_dev import merged

    pool = documents()
    rng = random.Random(seed)
    chosen: list[Document] = []
    total = 0
    while total < sentences:
        document = pool[0] if kind == "repeated" else rng.choice(pool)
        chosen.append(document)
        total += len(document[0])
    zh, en, gold = concatenate(chosen)
    if kind == "shuffled":
        zh, en, gold = merged(zh, en, gold, seed=seed, rate=0.45)
    return zh, en, gold


def write(kind: str, sentences: int, folder: Path) -> tuple[Path, Path, Path]:
    """FOLDER/KIND-N.zh, .en (one sentence a line) and .ids (gold)."""
    from toolkit.align.score import format_ids

    zh, en, gold = make(kind, sentences)
    names = tuple(folder / f"{kind}-{sentences}.{suffix}" for suffix in ("zh", "en", "ids"))
    names[0].write_text("\n".join(zh) + "\n", encoding="utf-8")
    names[1].write_text("\n".join(en) + "\n", encoding="utf-8")
    names[2].write_text(format_ids(gold), encoding="utf-8")
    return names


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    for name in write(sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])):
        print(name)
