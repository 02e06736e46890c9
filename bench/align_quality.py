"""The quality ablation of docs/align.md: strict / lax F1 of settings variants on every development set.

    PYTHONPATH=. python bench/align_quality.py                 # every variant below
    PYTHONPATH=. python bench/align_quality.py shipped learn   # some of them

Sets: the five novel chapters (bench/align_dev, NOVEL) as written and merged (English of neighbouring links run
together, 35 %), the same five as one 616-sentence pair (a book-sized pair for the learned lexicon), the three
short pairs (hand and merged), and the ferry and studio pairs of tests/eval/align (the held-out rain pair is not
scored here). The novel chapters and the eval pairs go through files, `align_files(presplit=True)` and the ids
output, as `toolkit align --presplit --format ids` does.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

import align_dev  # noqa: E402
import align_real  # noqa: E402

from toolkit.align import Settings  # noqa: E402
from toolkit.align.score import parse_ids, score  # noqa: E402

EVAL = BENCH.parent / "tests" / "eval" / "align"

VARIANTS = {
    "shipped": {},
    "question 0.1": {"question": 0.1},
    "question 0.15": {"question": 0.15},
    "question 0.2": {"question": 0.2},
    "question 0.3": {"question": 0.3},
    "question 0.4": {"question": 0.4},
    "no quote cost (before)": {"quote": 0.0},
    "quote 0.2": {"quote": 0.2},
    "quote 0.8": {"quote": 0.8},
    "learn": {"learn": True},
    "learn, all 1-1 links": {"learn": True, "learn_share": 1.0},
    "learn, all links": {"learn": True, "learn_share": 1.0, "learn_merges": True},
    "learn, t >= 0.5, seen 3": {"learn": True, "learn_share": 1.0, "learn_least": 0.5, "learn_seen": 3},
    "learn, seen once": {"learn": True, "learn_seen": 1},
    "learn, half weight": {"learn": True, "learn_weight": 0.5},
    "learn, no seed": {"learn": True, "learn_boost": 0.0},
    "skip 0.5 x median": {"skip_from_pair": 0.5},
    "skip 0.7 x median": {"skip_from_pair": 0.7},
    "weakest part 0.1": {"part": 0.1},
    "weakest part 0.3": {"part": 0.3},
}


def sets():
    found = {}
    for variant, label in (("hand", "novel"), ("merged", "novel merged")):
        pairs = [(zh, en, gold) for _, zh, en, gold in align_dev.pairs(variant, align_dev.NOVEL)]
        found[label] = ("files", pairs)
    found["novel as one"] = ("files", [align_real.concatenate(found["novel"][1])])
    found["novel merged as one"] = ("files", [align_real.concatenate(found["novel merged"][1])])
    for variant, label in (("hand", "short"), ("merged", "short merged")):
        found[label] = ("lists", [(zh, en, gold) for _, zh, en, gold in align_dev.pairs(variant, align_dev.SHORT)])
    for name in ("ferry", "studio"):
        zh = (EVAL / name / "zh.txt").read_text(encoding="utf-8").splitlines()
        en = (EVAL / name / "en.txt").read_text(encoding="utf-8").splitlines()
        found[name] = ("files", [(zh, en, parse_ids((EVAL / name / "gold.ids").read_text(encoding="utf-8")))])
    return found


def links(how: str, zh, en, settings: Settings):
    if how == "files":
        return align_dev.presplit_links(zh, en, settings)
    from toolkit.align import align_sentences

    return [(link.zh, link.en) for link in align_sentences(zh, en, settings=settings)]


if __name__ == "__main__":
    wanted = sys.argv[1:] or list(VARIANTS)
    data = sets()
    print("variant".ljust(26), " | ".join(data))
    for name in wanted:
        settings = replace(Settings(), **VARIANTS[name])
        cells = []
        for how, pairs in data.values():
            s = score([p[2] for p in pairs], [links(how, p[0], p[1], settings) for p in pairs])
            cells.append(f"{s.f1_strict:.3f} / {s.f1_lax:.3f}")
        print(f"{name:26}", " | ".join(cells), flush=True)
