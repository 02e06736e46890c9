"""Rules over the whole checked set: the same source translated differently anywhere in it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from toolkit.check.model import Translation


class SourceGroups:
    """The entries of a checked set, in order, grouped by source (spaces around it aside) as they are added.

    A run over many files adds each file's entries as its result comes in, so the grouping is done while
    the other files are still being checked, not after the last one.
    """

    __slots__ = ("entries", "by_source")

    def __init__(self, entries: Iterable[Translation] = ()) -> None:
        self.entries: list[Translation] = []
        self.by_source: dict[str, list[Translation]] = {}
        self.add(entries)

    def add(self, entries: Iterable[Translation]) -> None:
        by_source = self.by_source
        get = by_source.get
        for entry in entries:
            self.entries.append(entry)
            key = entry.msgid.strip()
            group = get(key)
            if group is None:
                by_source[key] = [entry]
            else:
                group.append(entry)


def inconsistent_translation(entries: Sequence[Translation] | SourceGroups) -> Iterator[tuple[Translation, str]]:
    """The same source sentence translated differently anywhere in the checked set: every entry involved."""
    groups = entries if isinstance(entries, SourceGroups) else SourceGroups(entries)
    differing: dict[str, dict[str, Translation]] = {}
    for key, group in groups.by_source.items():
        if len(group) > 1:
            translations: dict[str, Translation] = {}
            for entry in group:
                translations.setdefault(" ".join(entry.msgstr.split()), entry)
            if len(translations) > 1:
                differing[key] = translations
    if not differing:
        return
    for entry in groups.entries:
        translations = differing.get(entry.msgid.strip())
        if translations is None:
            continue
        own = " ".join(entry.msgstr.split())
        others = "; ".join(f"{e.file}:{e.line}: {e.msgstr!r}" for text, e in translations.items() if text != own)
        yield entry, f"same source translated differently at {others}"
