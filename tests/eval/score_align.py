"""Strict and lax precision, recall and F1 of sentence alignments (Thompson & Koehn 2019).

Usage:
    python tests/eval/score_align.py GOLD PRED [GOLD PRED ...]

GOLD and PRED hold one link per line in the Vecalign format, `[0,1]:[2]`, with 0-based
sentence ids and `[]` for an empty side. With several pairs, counts are summed over all of
them before the scores are computed (micro average).

- strict: a link counts as correct only when the identical link is on the other side.
- lax: a link also counts as correct when one link on the other side shares at least
  one source sentence and at least one target sentence with it.
- precision is measured over every predicted link; recall over every gold link. As in
  Vecalign's scorer, recall leaves out insertions and deletions (links with an empty
  side) on both sides, and links empty on both sides are ignored everywhere.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

Link = tuple[tuple[int, ...], tuple[int, ...]]
LINK = re.compile(r"^\[(?P<src>[\d,\s]*)\]\s*:\s*\[(?P<tgt>[\d,\s]*)\]$")


@dataclass(frozen=True)
class Counts:
    """Correct links under each criterion, and how many links were judged."""

    strict: int = 0
    lax: int = 0
    total: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.strict + other.strict, self.lax + other.lax, self.total + other.total)


def read_links(path: Path) -> list[Link]:
    """Links of a Vecalign-format file; ValueError names the file and line of a malformed link."""
    links = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        match = LINK.match(raw.strip())
        if match is None:
            raise ValueError(f"{path}:{number}: not a link like [0,1]:[2]: {raw.strip()!r}")
        links.append(tuple(tuple(int(n) for n in match.group(side).split(",") if n.strip())
                           for side in ("src", "tgt")))
    return links


def judge(candidates: list[Link], reference: list[Link]) -> Counts:
    """How many candidate links are correct against the reference links, strictly and laxly."""
    exact = set(reference)
    overlapping = [(set(src), set(tgt)) for src, tgt in reference]
    strict = lax = total = 0
    for src, tgt in candidates:
        if not src and not tgt:
            continue
        total += 1
        if (src, tgt) in exact:
            strict += 1
            lax += 1
        elif any(ref_src.intersection(src) and ref_tgt.intersection(tgt) for ref_src, ref_tgt in overlapping):
            lax += 1
    return Counts(strict, lax, total)


def precision_recall(gold: list[Link], pred: list[Link]) -> tuple[Counts, Counts]:
    """Counts for precision (predicted links judged against gold) and recall (the reverse)."""
    def both_sides(links: list[Link]) -> list[Link]:
        return [(src, tgt) for src, tgt in links if src and tgt]

    return judge(pred, gold), judge(both_sides(gold), both_sides(pred))


def f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def ratio(correct: int, total: int) -> float:
    return correct / total if total else 0.0


def report(p: Counts, r: Counts) -> str:
    """Two lines, strict and lax, with precision, recall and F1."""
    lines = []
    for name in ("strict", "lax"):
        precision, recall = ratio(getattr(p, name), p.total), ratio(getattr(r, name), r.total)
        lines.append(f"{name:<7}precision {precision:.3f}  recall {recall:.3f}  F1 {f1(precision, recall):.3f}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if not argv or len(argv) % 2:
        print("usage: score_align.py GOLD PRED [GOLD PRED ...]", file=sys.stderr)
        return 2
    p_total, r_total = Counts(), Counts()
    for gold_path, pred_path in zip(argv[::2], argv[1::2]):
        try:
            p, r = precision_recall(read_links(Path(gold_path)), read_links(Path(pred_path)))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            print(f"score_align: {error}", file=sys.stderr)
            return 2
        p_total, r_total = p_total + p, r_total + r
    print(report(p_total, r_total))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
