"""A plain Gale–Church length aligner: a reference point for the pairs under tests/eval/align.

Usage:
    python tests/eval/baseline_gale_church.py ZH EN > PRED.ids

Both files hold one sentence per line. Lengths are characters without spaces; the
English-per-Chinese character ratio is estimated from the pair itself. Link types and
priors are Gale and Church's (1993): 1-1, 1-0, 0-1, 2-1, 1-2, 2-2.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

PRIORS = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2,
          (2, 1): 0.089 / 2, (1, 2): 0.089 / 2, (2, 2): 0.011}
VARIANCE = 6.8


def length(sentence: str) -> int:
    return sum(1 for char in sentence if not char.isspace())


def link_cost(zh_len: int, en_len: int, ratio: float, prior: float) -> float:
    """-log P(link type) - log P(length difference | link), Gale and Church's estimate."""
    mean = (zh_len * ratio + en_len) / 2
    delta = (en_len - zh_len * ratio) / math.sqrt(max(mean, 1e-9) * VARIANCE)
    tail = math.erfc(abs(delta) / math.sqrt(2))
    return -math.log(prior) - math.log(max(tail, 1e-300))


def align(zh: list[int], en: list[int]) -> list[tuple[list[int], list[int]]]:
    """Minimum-cost monotone path over the link types, by dynamic programming."""
    ratio = sum(en) / max(sum(zh), 1)
    inf = float("inf")
    cost = [[inf] * (len(en) + 1) for _ in range(len(zh) + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (len(en) + 1) for _ in range(len(zh) + 1)]
    cost[0][0] = 0.0
    for i in range(len(zh) + 1):
        for j in range(len(en) + 1):
            for (di, dj), prior in PRIORS.items():
                if i < di or j < dj or cost[i - di][j - dj] == inf:
                    continue
                step = link_cost(sum(zh[i - di:i]), sum(en[j - dj:j]), ratio, prior)
                if cost[i - di][j - dj] + step < cost[i][j]:
                    cost[i][j], back[i][j] = cost[i - di][j - dj] + step, (di, dj)
    links, i, j = [], len(zh), len(en)
    while i or j:
        di, dj = back[i][j]
        links.append((list(range(i - di, i)), list(range(j - dj, j))))
        i, j = i - di, j - dj
    return links[::-1]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: baseline_gale_church.py ZH EN", file=sys.stderr)
        return 2
    zh, en = ([length(line) for line in Path(p).read_text(encoding="utf-8").splitlines()] for p in argv)
    for src, tgt in align(zh, en):
        print(f"[{','.join(map(str, src))}]:[{','.join(map(str, tgt))}]")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
