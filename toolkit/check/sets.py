"""Rules over the whole checked set: the same source translated differently anywhere in it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from toolkit.check.model import Translation


def inconsistent_translation(entries: Sequence[Translation]) -> Iterator[tuple[Translation, str]]:
    """The same source sentence translated differently anywhere in the checked set: every entry involved."""
    by_source: dict[str, list[Translation]] = {}
    for entry in entries:
        key = entry.msgid.strip()
        group = by_source.get(key)
        if group is None:
            by_source[key] = [entry]
        else:
            group.append(entry)
    differing: dict[str, dict[str, Translation]] = {}
    for key, group in by_source.items():
        if len(group) > 1:
            translations: dict[str, Translation] = {}
            for entry in group:
                translations.setdefault(" ".join(entry.msgstr.split()), entry)
            if len(translations) > 1:
                differing[key] = translations
    if not differing:
        return
    for entry in entries:
        translations = differing.get(entry.msgid.strip())
        if translations is None:
            continue
        own = " ".join(entry.msgstr.split())
        others = "; ".join(f"{e.file}:{e.line}: {e.msgstr!r}" for text, e in translations.items() if text != own)
        yield entry, f"same source translated differently at {others}"
