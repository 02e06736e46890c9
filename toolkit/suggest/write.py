"""Suggestions as glossary TSV: the header, then per suggestion a `# ` comment with its counts and an example
sentence pair, and the row itself (zh, en, type, no variants, the counts in the note).

The text is a glossary file of its own (`toolkit glossary validate` reads it): a terminologist pastes the rows
they accept, with or without their comment lines, below the header of glossary/glossary.tsv.
"""

from __future__ import annotations

from collections.abc import Iterable

from toolkit.glossary.model import Term
from toolkit.glossary.tsv import format_tsv
from toolkit.suggest.model import Suggestion
from toolkit.words import count

MARKER = (
    "# Suggested by `toolkit glossary suggest`: paste the rows you accept below the header of glossary/glossary.tsv"
)
"""The first comment: what tells an earlier output of the command (which it may replace) from a glossary."""
NOTE_PREFIX = "suggested: "
EXAMPLE_CHARS = 160
"""Each side of an example is cut to this many characters (with …)."""


def format_suggestions(suggestions: Iterable[Suggestion]) -> str:
    """The glossary TSV of `suggestions`, best first, each row after a comment with its evidence."""
    header, *_ = format_tsv([]).splitlines()
    lines = [header, MARKER]
    for rank, suggestion in enumerate(suggestions, start=1):
        lines.append(comment(rank, suggestion))
        lines.append(format_tsv([row(suggestion)]).splitlines()[1])
    return "\n".join(lines) + "\n"


def row(suggestion: Suggestion) -> Term:
    """The glossary row a suggestion proposes."""
    note = (
        f"{NOTE_PREFIX}{count(suggestion.entries, 'entry', 'entries')} in "
        f"{count(suggestion.documents, 'document')}, rendered so in {suggestion.consistency:.0%}"
    )
    return Term(suggestion.zh, suggestion.en, suggestion.type, suggestion.variants, note, 0)


def comment(rank: int, suggestion: Suggestion) -> str:
    """`# 3. 12 entries …; e.g. file:line 源 → target`, on one line."""
    example = suggestion.example
    return (
        f"# {rank}. {suggestion.zh} → {suggestion.en}: {suggestion.agreeing} of "
        f"{count(suggestion.entries, 'entry', 'entries')} in {count(suggestion.documents, 'document')}, "
        f"Dice {suggestion.dice:.2f}, CC-CEDICT {suggestion.dictionary:.2f}, termhood {suggestion.termhood:.2f}, score {suggestion.score:.2f}; e.g. {example.where}: {_cut(example.source)} → {_cut(example.target)}"
    )


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXAMPLE_CHARS else text[: EXAMPLE_CHARS - 1] + "…"


def written_by_suggest(data: bytes) -> bool:
    """Whether `data` is an earlier output: the header, the marker, and only rows whose note is still ours."""
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return False
    if lines[:2] != [format_tsv([]).splitlines()[0], MARKER]:
        return False
    rows = [line.split("\t") for line in lines[2:] if line and not line.startswith("#")]
    return all(len(cells) == 5 and cells[4].startswith(NOTE_PREFIX) for cells in rows)
