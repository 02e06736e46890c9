"""What every exchange format shares: one-line cells, variants that follow their approved row, derived script forms."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from toolkit.glossary.convert import script_forms
from toolkit.glossary.match import spellings
from toolkit.glossary.model import Row, Term


def cell(text: str) -> str:
    """`text` on one line, runs of whitespace as one space (exchange formats are line-based)."""
    return " ".join(text.split())


def with_forms(terms: Sequence[Term], cache_dir: Path | None) -> list[tuple[Term, dict[str, str]]]:
    """Each term with the other spellings of its Chinese that the toolkit matches: other-script forms (-> their
    BCP 47 tag) and name-dot spellings (-> the tag of the form they respell, "" for the term as written)."""
    return list(zip(terms, matched_forms([term.zh for term in terms], cache_dir)))


def matched_forms(texts: Sequence[str], cache_dir: Path | None) -> list[dict[str, str]]:
    """For each Chinese term, every other spelling the source matcher accepts, with its BCP 47 tag."""
    result = []
    for text, forms in zip(texts, script_forms(texts, cache_dir)):
        spelled: dict[str, str] = {}
        for form, tag in {text: "", **forms}.items():
            for spelling in spellings(form):
                spelled.setdefault(spelling, tag)
        spelled.pop(text)
        result.append(spelled)
    return result


def add_variant(rows: list[Row], approved: dict[str, int], zh: str, en: str) -> bool:
    """Add `en` as a variant of the approved row for `zh`; False when there is no approved row yet."""
    index = approved.get(zh)
    if index is None:
        return False
    where, first = rows[index]
    rows[index] = (where, Term(first.zh, first.en, first.type, (*first.variants, en), first.note, first.line))
    return True


def drop_script_forms(rows: Sequence[Row], cache_dir: Path | None) -> list[Row]:
    """The rows less those that repeat an earlier row in another script (exports write one per form the toolkit
    matches; the glossary keeps one row for both scripts)."""
    derived: set[tuple] = set()
    kept = []
    for (file, term), forms in zip(rows, matched_forms([term.zh for _, term in rows], cache_dir)):
        content = (term.en, term.type, term.variants, term.note)
        if (term.zh, *content) in derived:
            continue
        kept.append((file, term))
        derived.update((form, *content) for form in forms)
    return kept
