"""How well suggestions recover a glossary: recall of its rows from the finished work alone.

    python -m toolkit.suggest.evaluate [TRANSLATIONS [GLOSSARY]] [--min-entries N] [--min-documents N]
                                                         (defaults: translations, glossary, Settings())

runs the suggestions as if the glossary were empty and counts the glossary's preferred and dnt rows among
them: by the Chinese (in either script), and by the Chinese with an English the row accepts (its `en` or a
variant, compared as the miner compares phrases: case, plural and possessive aside). Rows whose Chinese
occurs in fewer than two finished entries cannot be suggested at all; they are counted apart.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

from toolkit.glossary.convert import convert
from toolkit.glossary.model import Term
from toolkit.suggest.mine import english_key_of, key_of
from toolkit.suggest.model import Evidence, Suggestion


@dataclass(frozen=True)
class Recall:
    """Glossary rows recovered by a list of suggestions."""

    rows: int
    reachable: int
    """Rows whose Chinese occurs in two finished entries or more."""
    by_chinese: int
    by_chinese_and_english: int
    ranks: tuple[tuple[str, int, bool], ...]
    """(zh, rank from 1, English accepted) of every row recovered."""


def recall(found: Sequence[Suggestion], rows: Sequence[Term], evidence: Sequence[Evidence]) -> Recall:
    """Which of `rows` (preferred and dnt ones) `found` recovers, given the `evidence` it was mined from."""
    rows = [row for row in rows if row.type in ("preferred", "dnt")]
    [row_keys, found_keys, sources] = [
        [key_of(text) for text in converted]
        for converted in (
            convert(["t2s"], texts)[0] if texts else []
            for texts in ([row.zh for row in rows], [s.zh for s in found], [e.source for e in evidence])
        )
    ]
    rank_of = {key: rank for rank, key in reversed(list(enumerate(found_keys, start=1)))}
    ranks = []
    reachable = 0
    for row, key in zip(rows, row_keys):
        reachable += sum(key in source for source in sources) >= 2
        if key in rank_of:
            suggestion = found[rank_of[key] - 1]
            accepted = {english_key_of(form) for form in (row.en, *row.variants)}
            ranks.append((row.zh, rank_of[key], english_key_of(suggestion.en) in accepted))
    return Recall(len(rows), reachable, len(ranks), sum(ok for _, _, ok in ranks), tuple(ranks))


def main(argv: Sequence[str] = ()) -> None:
    """Print the recall of the glossary at GLOSSARY from the translations at TRANSLATIONS."""
    import argparse

    from toolkit.glossary.tsv import load_rows
    from toolkit.suggest.corpus import read_evidence
    from toolkit.suggest.mine import suggest
    from toolkit.suggest.model import Settings
    from toolkit.suggest.reference import load_evidence_tools

    parser = argparse.ArgumentParser(prog="python -m toolkit.suggest.evaluate", description=main.__doc__)
    parser.add_argument("translations", nargs="?", default="translations")
    parser.add_argument("glossary", nargs="?", default="glossary")
    parser.add_argument("--min-entries", type=int, default=Settings.min_entries)
    parser.add_argument("--min-documents", type=int, default=Settings.min_documents)
    options = parser.parse_args(list(argv))
    translations, glossary = options.translations, options.glossary
    evidence = read_evidence([translations])
    settings = Settings(min_documents=options.min_documents, min_entries=options.min_entries)
    found = suggest(evidence, None, settings, *load_evidence_tools())
    rows = [term for _, term in load_rows(glossary)[0]]
    result = recall(found, rows, evidence)
    print(f"{len(found)} suggestions from {len(evidence)} finished entries, glossary not consulted")
    print(f"glossary rows (preferred, dnt): {result.rows}; in two entries or more: {result.reachable}")
    print(
        f"recovered by Chinese: {result.by_chinese} ({result.by_chinese / result.rows:.0%} of all, "
        f"{result.by_chinese / result.reachable:.0%} of reachable)"
    )
    print(
        f"recovered with an accepted English: {result.by_chinese_and_english} "
        f"({result.by_chinese_and_english / result.rows:.0%} of all, "
        f"{result.by_chinese_and_english / result.reachable:.0%} of reachable)"
    )
    for zh, rank, accepted in sorted(result.ranks, key=lambda item: item[1]):
        print(f"  #{rank}\t{zh}\t{found[rank - 1].en}{'' if accepted else '  (the glossary has another English)'}")


if __name__ == "__main__":
    main(sys.argv[1:])
