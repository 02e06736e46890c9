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

from toolkit import po
from toolkit.errors import CatalogError, ToolkitError
from toolkit.script import HAN as _HAN
from toolkit.textio import atomic_write, read_bytes


def po_files(paths: Sequence[str | Path], *, missing: str = "no such file or directory",
             hint: str = "pass PO files or directories holding them", allow_empty: bool = False) -> list[Path]:
    """The PO files named by `paths`: files as given, directories searched for *.po (hidden ones skipped).

    A *.po that is not a regular file (a pipe, a device, a dangling link) is listed too, so that its reader
    refuses it by name instead of a run silently passing it over (and a draft replacing it).

    A directory without PO files is an error unless `allow_empty`: in CI a mistyped path must not pass as clean.
    """
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            in_dir = sorted(p for p in path.rglob("*.po")
                            if not p.is_dir() and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not in_dir and not allow_empty:
                raise CatalogError("no PO files in this directory", str(path),
                                   "pass the directory that holds the translations, e.g. translations/")
            found.extend(in_dir)
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise CatalogError(missing, str(path), hint)
    return list(dict.fromkeys(found))


def read_catalog(path: str | Path) -> po.Catalog:
    """Read a PO file strictly (toolkit.po): CatalogError with file:line for anything GNU msgfmt -c refuses."""
    raw = read_bytes(path, noun="PO file")
    if raw[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde"):  # the GNU .mo magic number, either byte order
        raise CatalogError("a compiled .mo file, not a PO file", str(path), f"get its PO text with `msgunfmt {path} -o FILE.po`")
    if b"\x00" in raw:
        raise CatalogError("not a PO file: contains NUL bytes (binary data?)", str(path), "pass a .po text file")
    encoding = _declared_charset(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        codec = _known_codec(encoding) if encoding not in ("utf-8", None) else None
        if codec is None:
            raise CatalogError(
                f"invalid UTF-8 at byte {error.start}",
                str(path),
                "save the file as UTF-8 and set 'Content-Type: text/plain; charset=UTF-8'",
            ) from None
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as error:
            raise CatalogError(f"invalid {encoding} at byte {error.start}", str(path),
                               "save the file as UTF-8 and set 'Content-Type: text/plain; charset=UTF-8'") from None
    else:
        if encoding not in ("utf-8", None) and not raw.isascii() and _known_codec(encoding) not in ("utf-8", None):
            # Read as declared, UTF-8 text would turn into mojibake and be written back that way.
            raise CatalogError(
                f"declares charset={encoding} but its text is UTF-8",
                str(path),
                "set 'Content-Type: text/plain; charset=UTF-8' in its header",
            )
    return po.parse(text.removeprefix("\ufeff"), str(path))


def read_po(path: str | Path) -> polib.POFile:
    """Parse a PO file from a path (never from PO text) as a polib catalogue, strictly (see read_catalog)."""
    parsed = read_catalog(path)
    catalog = polib.POFile(wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    catalog.fpath = str(path)
    catalog.encoding = "utf-8"
    catalog.metadata = dict(parsed.metadata)
    for message in parsed.messages:
        if message.is_header:
            catalog.header = "\n".join(message.translator_comments)
            catalog.metadata_is_fuzzy = list(message.flags)
            continue
        catalog.append(_polib_entry(message))
    return catalog


def _polib_entry(message: po.Message) -> polib.POEntry:
    occurrences = []
    for line in message.references:
        for occurrence in line.split():
            name, colon, number = occurrence.rpartition(":")
            occurrences.append((name, number) if colon and number.isdigit() else (occurrence, ""))
    entry = polib.POEntry(
        msgid=message.msgid,
        msgstr=message.msgstr,
        msgctxt=message.msgctxt,
        msgid_plural=message.msgid_plural or "",
        msgstr_plural=dict(enumerate(message.msgstr_plural)),
        occurrences=occurrences,
        comment="\n".join(message.extracted_comments),
        tcomment="\n".join(message.translator_comments),
        flags=list(message.flags),
        previous_msgctxt=message.previous_msgctxt,
        previous_msgid=message.previous_msgid,
        previous_msgid_plural=message.previous_msgid_plural,
        obsolete=message.obsolete,
        linenum=message.first_line,
    )
    return entry


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
    # Latin-only entries (msgid "TL;DR:") say nothing about the direction; Chinese translations of non-Chinese msgids do.
    if any(_HAN.search(entry.msgstr) for entry in translated) and not any(_HAN.search(entry.msgid) for entry in translated):
        raise CatalogError("its translations are Chinese and its msgids are not: not a Chinese→English catalogue",
                           str(path), hint)


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
    """The X-Toolkit-Stamp in the first 4 KB of a PO file (None if absent or unreadable), read via textio."""
    try:
        head = read_bytes(path)[:4096]
    except ToolkitError:
        return None
    match = _STAMP_LINE.search(head)
    return match.group(1).decode("ascii") if match else None


def write_po(path: str | Path, catalog: polib.POFile) -> None:
    """Write a catalogue atomically (temporary file, then rename): the file is either as it was or complete."""
    atomic_write(path, render(catalog))


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
