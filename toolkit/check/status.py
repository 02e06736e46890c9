"""Rules about a catalogue or an entry as a whole: which way the catalogue translates, entries left undone.

wrong-direction asks toolkit.storage.units (the one rule every command uses to tell a zh→en catalogue) and
words its reason as a finding; untranslated and fuzzy are the gate of --strict.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from toolkit.storage.units import Direction, direction

if TYPE_CHECKING:
    from toolkit.check.model import Translation
    from toolkit.storage.units import Catalog

_NOT_FROM_CHINESE = "entries not checked (toolkit check reads Chinese→English catalogues)"


def wrong_direction(catalog: Catalog) -> Iterator[str]:
    """Why a catalogue is not Chinese→English, if it is not: the headers, unless the entries plainly are."""
    verdict = direction(catalog.header, [unit for unit in catalog.units if unit.source and not unit.obsolete])
    if verdict.direction is Direction.FORWARD:
        return
    reason = verdict.reason
    if reason.startswith("source language"):
        yield f"{reason}: entries not checked"
    elif reason.startswith("no msgid"):
        yield f"{reason}: not a Chinese→English catalogue; entries not checked"
    else:
        yield f"{reason}: {_NOT_FROM_CHINESE}"


def untranslated(entry: Translation) -> Iterator[str]:
    """An entry without a translation (for a gate that wants every entry done)."""
    if not entry.msgstr:
        yield "not translated yet"


def fuzzy(entry: Translation) -> Iterator[str]:
    """An entry still flagged fuzzy ("Needs work" in Poedit)."""
    if entry.fuzzy:
        yield "still fuzzy (Needs work in Poedit): review it and clear the flag"
