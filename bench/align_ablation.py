"""The ablation of docs/align.md: variants of the coarse-to-fine path on the 1/5-size real pairs, one process.

    python bench/align.py                     (writes the pairs into bench/.cache/align/ first)
    PYTHONPATH=. python bench/align_ablation.py shuffled-7200 repeated-7200

Each variant changes one constant of toolkit/align/coarse.py or search.py; prints strict / lax / text F1
and the CPU seconds of the search (features computed once, outside the timing).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

import cache  # noqa: E402
from align import text_f1  # noqa: E402

from toolkit.align import coarse, load_dictionary, search  # noqa: E402
from toolkit.align.lexicon import chinese_features, english_features  # noqa: E402
from toolkit.align.score import parse_ids, score  # noqa: E402


def bag_only(zh, en, zh_fine, en_fine, parts, lo, hi):
    """The block cost without its order half: 1 − the cosine of the two blocks' sums."""
    rows, columns = len(zh), len(en)
    width = int((hi - lo).max()) + 1
    index = lo[:, None] + np.arange(width)[None, :]
    inside = index <= hi[:, None]
    index = np.minimum(index, columns - 1)
    cost = np.empty((rows, width))
    for k in range(width):
        cost[:, k] = 1.0 - np.einsum("ij,ij->i", zh, en[index[:, k]])
    return np.where(inside, cost, np.inf)


VARIANTS = {
    "shipped": {},
    "block cost: bag only": {"costs": bag_only},
    "radius 3": {"RADIUS": 3},
    "radius 12": {"RADIUS": 12},
    "step 0.3": {"STEP": 0.3},
    "anchors only (LONG huge)": {"LONG": 10**9},
}


def main(names: list[str]) -> None:
    dictionary = load_dictionary(cache.CACHE / "home" / "cache" / "toolkit" / "align")
    folder = cache.CACHE / "align"
    pairs = {}
    for name in names:
        zh = (folder / f"{name}.zh").read_text(encoding="utf-8").splitlines()
        en = (folder / f"{name}.en").read_text(encoding="utf-8").splitlines()
        gold = parse_ids((folder / f"{name}.ids").read_text(encoding="utf-8"))
        pairs[name] = (zh, en, gold, [chinese_features(t, dictionary) for t in zh], [english_features(t) for t in en])
    shipped = (coarse._costs, coarse.RADIUS, coarse.STEP, search.LONG)
    for variant, change in VARIANTS.items():
        coarse._costs = change.get("costs", shipped[0])
        coarse.RADIUS, coarse.STEP = change.get("RADIUS", shipped[1]), change.get("STEP", shipped[2])
        search.LONG = change.get("LONG", shipped[3])
        cells = []
        for name, (zh, en, gold, zh_bags, en_bags) in pairs.items():
            started = time.process_time()
            beads = search.align(zh_bags, en_bags, [len(t) for t in zh], [len(t.strip()) for t in en])
            links = [(bead.zh, bead.en) for bead in beads]
            s = score([gold], [links])
            cells.append(
                f"{name}: strict {s.f1_strict:.3f} lax {s.f1_lax:.3f} text {text_f1(zh, en, gold, links):.3f} "
                f"cpu {time.process_time() - started:.1f} s"
            )
        print(f"{variant:26}", " | ".join(cells), flush=True)
    coarse._costs, coarse.RADIUS, coarse.STEP, search.LONG = shipped


if __name__ == "__main__":
    main(sys.argv[1:] or ["shuffled-7200", "repeated-7200"])
