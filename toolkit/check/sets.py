"""Rules over the whole checked set: the same source translated differently anywhere in it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from toolkit.check.model import Translation


def inconsistent_translation(entries: Sequence[Translation]) -> Iterator[tuple[Translation, str]]:
    """The same source sentence translated differently anywhere in the checked set: every entry involved."""
    groups: dict[str, dict[str, Translation]] = {}
    for entry in entries:
        groups.setdefault(entry.msgid.strip(), {}).setdefault(" ".join(entry.msgstr.split()), entry)
    for entry in entries:
        translations = groups[entry.msgid.strip()]
        if len(translations) < 2:
            continue
        own = " ".join(entry.msgstr.split())
        others = "; ".join(f"{e.file}:{e.line}: {e.msgstr!r}" for text, e in translations.items() if text != own)
        yield entry, f"same source translated differently at {others}"
