"""The records every format is read into and written from: a Unit (one source sentence and its translation) and a
Catalog (the units of one file with its header), plus the one rule that tells a catalogue's direction.

A PO entry, a TMX <tu>, an XLIFF <trans-unit>/<unit>, a memory unit, the entry a check looks at: all are Units.
Fields a format has no place for stay at their defaults.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import NamedTuple

from toolkit.script import HAN, has_han
from toolkit.words import is_chinese


class State(enum.StrEnum):
    """How far a translation has come. PO: no msgstr / `#, fuzzy` / neither; Poedit shows fuzzy as "Needs work"."""

    UNTRANSLATED = "untranslated"
    FUZZY = "fuzzy"
    """A target that still needs a translator's review: a machine draft, a near match, an unreviewed outside memory."""
    TRANSLATED = "translated"
    """Confirmed by a translator."""


FUZZY_FLAG = "fuzzy"
"""The PO flag of State.FUZZY (in `#, fuzzy`); Unit.flags holds the other flags."""


class Unit(NamedTuple):
    """One source sentence (or string) and its translation, with everything a translator or a tool noted on it."""

    source: str
    target: str = ""
    state: State = State.UNTRANSLATED
    notes: tuple[str, ...] = ()
    """Notes for the translator, one per line (PO `#.`, XLIFF and TMX <note>): glossary terms, origin of a draft."""
    comments: tuple[str, ...] = ()
    """The translator's own comments (PO `# `), one per line."""
    locations: tuple[str, ...] = ()
    """Where the source occurs, `file:line` each (PO `#:`)."""
    previous_source: str | None = None
    """The source this translation was made for, when the source has changed since (PO `#| msgid`)."""
    context: str | None = None
    """What tells two equal sources apart (PO msgctxt)."""
    flags: tuple[str, ...] = ()
    """PO flags other than fuzzy (c-format, no-wrap, ...), in file order."""
    source_plural: str | None = None
    target_plurals: tuple[str, ...] = ()
    previous_context: str | None = None
    previous_source_plural: str | None = None
    obsolete: bool = False
    """Kept for its translation but no longer in the source (PO `#~`)."""
    line: int = 0
    """The line of the unit in its file (PO: of msgctxt if it has one, else msgid), for `file:line` messages."""
    first_line: int = 0
    """The line the unit starts on (its first comment)."""
    origin: str = ""
    """The file it was read from."""

    @property
    def fuzzy(self) -> bool:
        """Whether the translation still needs review."""
        return self.state is State.FUZZY

    @property
    def translated(self) -> bool:
        """Whether a translator confirmed the translation."""
        return self.state is State.TRANSLATED

    @property
    def has_target(self) -> bool:
        """Whether there is a translation at all (confirmed or not; every plural form for a plural unit)."""
        if self.source_plural is not None:
            return bool(self.target_plurals) and all(self.target_plurals)
        return bool(self.target)


def state_of(target: str, fuzzy: bool, plurals: tuple[str, ...] = (), plural: bool = False) -> State:
    """The state of a PO entry: fuzzy when flagged, else translated when it has a translation, else untranslated."""
    if fuzzy:
        return State.FUZZY
    if plural:
        return State.TRANSLATED if plurals and all(plurals) else State.UNTRANSLATED
    return State.TRANSLATED if target else State.UNTRANSLATED


def split_location(location: str) -> tuple[str, int | None]:
    """`seeds/a.txt:7` -> ("seeds/a.txt", 7); a location without a line number -> (location, None)."""
    path, colon, line = location.rpartition(":")
    return (path, int(line)) if colon and line.isdigit() else (location, None)


@dataclass(frozen=True)
class Catalog:
    """The units of one file, in file order, and its header: fields (`Language: en`), comments and flags."""

    units: tuple[Unit, ...]
    header: dict[str, str] = field(default_factory=dict)
    header_comments: tuple[str, ...] = ()
    header_flags: tuple[str, ...] = ()
    path: str = ""

    def live(self) -> list[Unit]:
        """The units that are not obsolete."""
        return [unit for unit in self.units if not unit.obsolete]

    def find(self, source: str, context: str | None = None) -> Unit | None:
        """The live unit with this source (and context), or None."""
        return next(
            (unit for unit in self.units if unit.source == source and unit.context == context and not unit.obsolete),
            None,
        )


# --- direction: the one rule that decides whether a catalogue translates Chinese into English


class Direction(enum.Enum):
    """Which way a catalogue translates, as far as the toolkit is concerned."""

    FORWARD = "zh→en"
    REVERSE = "en→zh"
    """A catalogue translated into Chinese (a zh_CN software PO): as memory it is read the other way round."""
    OTHER = "other"
    """Neither: another source language, or no Chinese anywhere."""


@dataclass(frozen=True)
class Verdict:
    """A catalogue's direction and, when it is not FORWARD, why (in words a finding or an error can quote)."""

    direction: Direction
    reason: str = ""


def direction(header: dict[str, str], units: list[Unit] | tuple[Unit, ...]) -> Verdict:
    """Which way a catalogue translates: its entries decide when they plainly read Chinese→English, else its headers.

    Entries read Chinese→English when most translated ones have Chinese in the source and none in the target. A
    catalogue without translations, or one whose translations are all Latin, is judged by its headers and sources:
    X-Source-Language other than Chinese, or no X-Source-Language and `Language: zh…`, is not Chinese→English
    (REVERSE when the target language is Chinese); a catalogue whose translations are Chinese while their sources
    are not is REVERSE; one none of whose sources holds Chinese is neither.
    """
    if reads_chinese_to_english(units):
        return Verdict(Direction.FORWARD)
    source = header.get("X-Source-Language", "").strip()
    target = header.get("Language", "").strip()
    into_chinese = is_chinese(target) if target else False
    if source and not is_chinese(source):
        return Verdict(
            Direction.REVERSE if into_chinese else Direction.OTHER,
            f"source language is {source!r} (X-Source-Language), not Chinese",
        )
    if not source and into_chinese:
        return Verdict(Direction.REVERSE, f"translates into Chinese (Language: {target}), not from it")
    translated = [unit for unit in units if unit.target]
    if any(has_han(unit.target) for unit in translated) and not any(HAN.search(unit.source) for unit in translated):
        return Verdict(Direction.REVERSE, "its translations are Chinese and its msgids are not")
    if units and not any(HAN.search(unit.source) for unit in units):
        return Verdict(Direction.OTHER, "no msgid contains Chinese")
    return Verdict(Direction.FORWARD)


def reads_chinese_to_english(units: list[Unit] | tuple[Unit, ...]) -> bool:
    """Most units with a target have Chinese in the source and none in the target."""
    translated = [unit for unit in units if unit.target]
    forward = sum(1 for unit in translated if HAN.search(unit.source) and not has_han(unit.target))
    return bool(translated) and forward * 2 > len(translated)
