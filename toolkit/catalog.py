"""PO catalogues: read (with clear errors), merge (msgmerge semantics), write (atomic, msgfmt-clean), via polib."""

from __future__ import annotations

import codecs
import copy
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Sequence

import polib
import regex

from toolkit.errors import CatalogError
from toolkit.script import HAN as _HAN
from toolkit.textio import atomic_write, read_bytes

_SYNTAX_LINE = regex.compile(r"\(line (\d+)\)")


def read_po(path: str | Path) -> polib.POFile:
    """Parse a PO file from a path (never from PO text), raising CatalogError with file:line on bad input."""
    path = Path(path)
    raw = read_bytes(path, noun="PO file")
    if raw[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde"):  # the GNU .mo magic number, either byte order
        raise CatalogError("a compiled .mo file, not a PO file", str(path), f"get its PO text with `msgunfmt {path} -o FILE.po`")
    if b"\x00" in raw:
        raise CatalogError("not a PO file: contains NUL bytes (binary data?)", str(path), "pass a .po text file")
    encoding = _declared_charset(raw)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if encoding in ("utf-8", None):
            raise CatalogError(
                f"invalid UTF-8 at byte {error.start}",
                str(path),
                "save the file as UTF-8 and set 'Content-Type: text/plain; charset=UTF-8'",
            ) from None
    else:
        if encoding not in ("utf-8", None) and not raw.isascii() and _known_codec(encoding) not in ("utf-8", None):
            # Read as declared, UTF-8 text would turn into mojibake and be written back that way.
            raise CatalogError(
                f"declares charset={encoding} but its text is UTF-8",
                str(path),
                "set 'Content-Type: text/plain; charset=UTF-8' in its header",
            )
    try:
        return polib.pofile(str(path), wrapwidth=0)
    except (OSError, ValueError, LookupError, UnicodeDecodeError) as error:
        message = str(error)
        match = _SYNTAX_LINE.search(message)
        where = f"{path}:{match.group(1)}" if match else str(path)
        what = "PO syntax error" if "syntax" in message.lower() else f"cannot parse PO file: {message}"
        raise CatalogError(what, where, "fix the entry there (msgfmt -c shows the same problem)") from None


def _declared_charset(raw: bytes) -> str | None:
    match = regex.search(rb"charset=([A-Za-z0-9_\-]+)", raw[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _known_codec(name: str) -> str | None:
    """Python's name for a charset, or None when Python does not know it (polib then reads UTF-8)."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def check_mergeable(catalog: polib.POFile, path: str | Path) -> None:
    """CatalogError unless a draft may merge into this PO file: Chinese→English, no plural or context entries.

    Anything else is another project's catalogue: merging would make its entries obsolete and drop the
    plural forms and contexts a draft never writes, so the run stops before touching it.
    """
    hint = "move it out of the output directory, or draft into another -o DIR"
    for entry in catalog:
        if entry.msgid_plural or entry.msgctxt is not None:
            kind = "plural forms (msgid_plural)" if entry.msgid_plural else "a context (msgctxt)"
            raise CatalogError(f"an entry with {kind}: not a catalogue `toolkit draft` wrote", f"{path}:{entry.linenum}", hint)
    language = catalog.metadata.get("Language", "").strip()
    if language and not language.lower().startswith("en"):
        raise CatalogError(f"translates into {language} (Language header), not into English", str(path), hint)
    translated = [entry for entry in catalog if entry.msgstr and not entry.obsolete]
    if translated and not any(_HAN.search(entry.msgid) for entry in translated):
        raise CatalogError("no translated msgid contains Chinese: not a Chinese→English catalogue", str(path), hint)


WRAP_WIDTH = 0
"""No line wrapping (like `msgcat --no-wrap`): one line per note and per string, so notes read back intact and diffs stay small."""

DATE_FORMAT = "%Y-%m-%d %H:%M%z"
"""PO header date format, e.g. 2026-11-23 04:10+0000."""

STAMP_FIELD = "X-Toolkit-Stamp"
"""Header field: a hash of what a complete draft was made from (source, glossary, toolkit version)."""

_STAMP_LINE = regex.compile(rb'^"X-Toolkit-Stamp: ([0-9a-f]+)\\n"', regex.MULTILINE)


@dataclass(frozen=True)
class Entry:
    """One active PO entry as a draft run decided it: source, translation, notes and where it occurs."""

    msgid: str
    msgstr: str
    references: tuple[tuple[str, int], ...]
    notes: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    comment: str = ""
    previous_msgid: str | None = None

    @property
    def fuzzy(self) -> bool:
        """Whether Poedit shows the entry as "Needs work"."""
        return "fuzzy" in self.flags


def entry_from_po(entry: polib.POEntry) -> Entry:
    """An existing PO entry as an Entry (references with non-numeric lines become line 0)."""
    references = tuple((path, int(line) if str(line).isdigit() else 0) for path, line in _references(entry.occurrences))
    notes = tuple(entry.comment.split("\n")) if entry.comment else ()
    return Entry(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        references=references,
        notes=notes,
        flags=tuple(entry.flags),
        comment=entry.tcomment or "",
        previous_msgid=entry.previous_msgid,
    )


def merge(
    previous: polib.POFile | None,
    entries: Sequence[Entry],
    *,
    project: str,
    source_language: str,
    generator: str,
    now: datetime,
    stamp: str | None = None,
) -> polib.POFile:
    """The catalogue to write: `entries` in order, old entries that disappeared kept as obsolete, translator header kept.

    Like msgmerge: an old entry whose msgid is no longer active becomes obsolete (`#~`) when it carries a
    translation or a translator comment; an untranslated one carries nothing and is dropped.
    `stamp` goes into the X-Toolkit-Stamp header (dropped when None).
    """
    catalog = polib.POFile(wrapwidth=WRAP_WIDTH)
    catalog.header = previous.header if previous is not None and previous.header else _default_header(project)
    catalog.metadata = _metadata(previous.metadata if previous is not None else {}, project, source_language, generator, now)
    if stamp is not None:
        catalog.metadata[STAMP_FIELD] = stamp
    active = {(None, entry.msgid) for entry in entries}
    for entry in entries:
        catalog.append(_po_entry(entry))
    if previous is not None:
        for old in previous:
            key = (old.msgctxt, old.msgid)
            if key in active or not (old.msgstr or any(old.msgstr_plural.values()) or old.tcomment):
                continue
            keep = copy.deepcopy(old)  # context, plural forms and all
            keep.obsolete = True
            keep.occurrences = []
            catalog.append(keep)
            active.add(key)
    return catalog


def obsolete_count(previous: polib.POFile | None, catalog: polib.POFile) -> int:
    """How many entries of `catalog` became obsolete since `previous`."""
    before = {entry.msgid for entry in previous.obsolete_entries()} if previous is not None else set()
    return sum(1 for entry in catalog.obsolete_entries() if entry.msgid not in before)


def render(catalog: polib.POFile) -> str:
    """The PO text of a catalogue, as it will be written."""
    return catalog.__unicode__()


def same_entries(previous: polib.POFile | None, catalog: polib.POFile) -> bool:
    """Whether writing `catalog` over `previous` would change nothing but the POT-Creation-Date."""
    if previous is None:
        return False
    before = _copy_file(previous)
    before.metadata["POT-Creation-Date"] = catalog.metadata.get("POT-Creation-Date", "")
    before.metadata["X-Generator"] = catalog.metadata.get("X-Generator", "")
    return render(before) == render(catalog)


def recorded_stamp(path: str | Path) -> str | None:
    """The X-Toolkit-Stamp of a PO file, read from its first lines only (None if absent or unreadable)."""
    if not Path(path).is_file():  # a named pipe would block open() until a writer came
        return None
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    match = _STAMP_LINE.search(head)
    return match.group(1).decode("ascii") if match else None


def write_po(path: str | Path, catalog: polib.POFile) -> None:
    """Write a catalogue atomically (temporary file, then rename): the file is either as it was or complete."""
    atomic_write(path, render(catalog) + "\n")


def _default_header(project: str) -> str:
    return f"English translation of {project}.\nDrafted by `toolkit draft`; open in Poedit to review."


def _metadata(
    old: dict[str, str], project: str, source_language: str, generator: str, now: datetime
) -> dict[str, str]:
    stamp = now.strftime(DATE_FORMAT)
    fields = {
        "Project-Id-Version": old.get("Project-Id-Version") or project,
        "Report-Msgid-Bugs-To": old.get("Report-Msgid-Bugs-To", ""),
        "POT-Creation-Date": stamp,
        "PO-Revision-Date": old.get("PO-Revision-Date") or stamp,
        "Last-Translator": old.get("Last-Translator", ""),
        "Language-Team": old.get("Language-Team", ""),
        "Language": "en",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": old.get("Plural-Forms") or "nplurals=2; plural=(n != 1);",
        "X-Generator": generator,
        "X-Source-Language": source_language,
    }
    extra = {key: value for key, value in old.items() if key not in fields and key != STAMP_FIELD}
    return fields | extra


def _po_entry(entry: Entry) -> polib.POEntry:
    return polib.POEntry(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        occurrences=[(_reference_path(path), str(line)) for path, line in entry.references],
        comment="\n".join(entry.notes),
        tcomment=entry.comment,
        flags=list(entry.flags),
        previous_msgid=entry.previous_msgid,
    )


def _references(occurrences: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """polib's occurrences with U+2068…U+2069-wrapped file names (split at their spaces by polib) joined again."""
    joined: list[tuple[str, str]] = []
    pending: list[str] = []
    for path, line in occurrences:
        if pending or (path.startswith("\u2068") and "\u2069" not in path):
            pending.append(path)
            if "\u2069" not in path:
                continue
            path, pending = " ".join(pending), []
        joined.append((path.removeprefix("\u2068").removesuffix("\u2069"), line))
    return joined


def _reference_path(path: str) -> str:
    """A file name for a `#:` line; one with spaces is wrapped in U+2068…U+2069, as xgettext ≥ 0.20 does."""
    return f"\u2068{path}\u2069" if regex.search(r"\s", path) and not path.startswith("\u2068") else path


def _copy_file(catalog: polib.POFile) -> polib.POFile:
    duplicate = polib.POFile(wrapwidth=WRAP_WIDTH)
    duplicate.header = catalog.header
    duplicate.metadata = dict(catalog.metadata)
    for entry in catalog:
        duplicate.append(_po_entry(entry_from_po(entry)) if not entry.obsolete else copy.deepcopy(entry))
    return duplicate
