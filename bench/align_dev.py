"""Alignment quality on the hand-made development pairs in bench/align_dev/ (strict and lax P/R/F1).

    PYTHONPATH=. python bench/align_dev.py            # every pair, then the total
Each bench/align_dev/*.tsv holds one gold link a line: Chinese sentences (| between them) TAB English ones.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit.align import Settings, align_sentences  # noqa: E402
from toolkit.align.score import Pair, score  # noqa: E402

DEV = Path(__file__).resolve().parent / "align_dev"


def read_pair(path: Path) -> tuple[list[str], list[str], list[Pair]]:
    """The Chinese sentences, English sentences and gold links of one development file."""
    zh: list[str] = []
    en: list[str] = []
    gold: list[Pair] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        left, right = line.split("\t")
        zh_side = [s.strip() for s in left.split("|") if s.strip()]
        en_side = [s.strip() for s in right.split("|") if s.strip()]
        gold.append((tuple(range(len(zh), len(zh) + len(zh_side))), tuple(range(len(en), len(en) + len(en_side)))))
        zh.extend(zh_side)
        en.extend(en_side)
    return zh, en, gold


def evaluate(settings: Settings = Settings(), verbose: bool = True):
    golds, tests = [], []
    for path in sorted(DEV.glob("*.tsv")):
        zh, en, gold = read_pair(path)
        test = [(link.zh, link.en) for link in align_sentences(zh, en, settings=settings)]
        golds.append(gold)
        tests.append(test)
        if verbose:
            s = score([gold], [test])
            print(f"{path.name:16} zh {len(zh):3} en {len(en):3}  strict P {s.precision_strict:.3f} R {s.recall_strict:.3f} "
                  f"F1 {s.f1_strict:.3f}   lax F1 {s.f1_lax:.3f}")
            if "-v" in sys.argv:
                for pair in test:
                    if pair not in gold:
                        print("   wrong:", pair)
    return score(golds, tests)


if __name__ == "__main__":
    started = time.perf_counter()
    total = evaluate()
    print(f"{'all':16} strict P {total.precision_strict:.3f} R {total.recall_strict:.3f} F1 {total.f1_strict:.3f}   "
          f"lax P {total.precision_lax:.3f} R {total.recall_lax:.3f} F1 {total.f1_lax:.3f}   ({time.perf_counter() - started:.1f} s)")
