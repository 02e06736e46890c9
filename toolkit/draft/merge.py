"""A draft's units merged into the PO file that is already there, with msgmerge's semantics, and the check that
the file there is one a draft may merge into at all."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from toolkit.errors import CatalogError
from toolkit.storage.po import STAMP_FIELD, build_header, render
from toolkit.storage.units import Catalog, Direction, Unit, direction
from toolkit.words import is_english

_NOT_OURS = "move it out of the output directory, or draft into another -o DIR"


def default_header_comments(project: str) -> tuple[str, ...]:
    """The comment above the header of a new PO file."""
    return (f"English translation of {project}.", "Drafted by `toolkit draft`; open in Poedit to review.")


def merge(
    previous: Catalog | None,
    units: Sequence[Unit],
    *,
    project: str,
    source_language: str,
    generator: str,
    now: datetime,
    stamp: str | None = None,
) -> Catalog:
    """The catalogue to write: `units` in order, old units that disappeared kept as obsolete, translator header kept.

    Like msgmerge: an old unit whose source is no longer active becomes obsolete (`#~`) when it carries a
    translation or a translator comment; an untranslated one carries nothing and is dropped.
    `stamp` goes into the X-Toolkit-Stamp header (dropped when None).
    """
    old_header = previous.header if previous is not None else {}
    header = build_header(old_header, project=project, source_language=source_language, generator=generator, now=now)
    if stamp is not None:
        header[STAMP_FIELD] = stamp
    comments = (
        previous.header_comments
        if previous is not None and previous.header_comments
        else default_header_comments(project)
    )
    merged = list(units)
    active = {(None, unit.source) for unit in units}
    for old in previous.units if previous is not None else ():
        key = (old.context, old.source)
        if key in active or not (old.target or any(old.target_plurals) or old.comments):
            continue
        merged.append(old._replace(obsolete=True, locations=()))
        active.add(key)
    return Catalog(tuple(merged), header, comments, (), previous.path if previous is not None else "")


def obsolete_count(previous: Catalog | None, catalog: Catalog) -> int:
    """How many units of `catalog` became obsolete since `previous`."""
    before = {unit.source for unit in previous.units if unit.obsolete} if previous is not None else set()
    return sum(1 for unit in catalog.units if unit.obsolete and unit.source not in before)


def same_units(previous: Catalog | None, catalog: Catalog) -> bool:
    """Whether writing `catalog` over `previous` would change nothing but the POT-Creation-Date and X-Generator."""
    if previous is None:
        return False
    volatile = {key: catalog.header.get(key, "") for key in ("POT-Creation-Date", "X-Generator")}
    return render(dataclasses.replace(previous, header=previous.header | volatile)) == render(catalog)


def check_mergeable(catalog: Catalog, path: str | Path) -> None:
    """CatalogError unless a draft may merge into this PO file: Chinese→English, no plural or context entries.

    Anything else is another project's catalogue: merging would make its entries obsolete and drop the
    plural forms and contexts a draft never writes, so the run stops before touching it.
    """
    for unit in catalog.units:
        if unit.source_plural is not None or unit.context is not None:
            kind = "plural forms (msgid_plural)" if unit.source_plural is not None else "a context (msgctxt)"
            raise CatalogError(
                f"an entry with {kind}: not a catalogue `toolkit draft` wrote", f"{path}:{unit.first_line}", _NOT_OURS
            )
    language = catalog.header.get("Language", "").strip()
    if language and not is_english(language):
        raise CatalogError(f"translates into {language} (Language header), not into English", str(path), _NOT_OURS)
    verdict = direction(catalog.header, catalog.live())
    if verdict.direction is not Direction.FORWARD:
        raise CatalogError(f"{verdict.reason}: not a Chinese→English catalogue", str(path), _NOT_OURS)
