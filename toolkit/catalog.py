"""PO catalogues: read (with clear errors), merge (msgmerge semantics), write (atomic, msgfmt-clean), via polib."""

from __future__ import annotations

from pathlib import Path

import polib
import regex

from toolkit.errors import CatalogError

_SYNTAX_LINE = regex.compile(r"\(line (\d+)\)")


def read_po(path: str | Path) -> polib.POFile:
    """Parse a PO file from a path (never from PO text), raising CatalogError with file:line on bad input."""
    path = Path(path)
    if not path.is_file():
        what = "is a directory, expected a PO file" if path.is_dir() else "no such PO file"
        raise CatalogError(what, str(path), "check the path")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CatalogError(f"cannot read PO file: {error.strerror}", str(path), "check its permissions") from None
    if b"\x00" in raw:
        raise CatalogError("not a PO file: contains NUL bytes (binary data?)", str(path), "pass a .po text file")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        encoding = _declared_charset(raw)
        if encoding in ("utf-8", None):
            raise CatalogError(
                f"invalid UTF-8 at byte {error.start}",
                str(path),
                "save the file as UTF-8 and set 'Content-Type: text/plain; charset=UTF-8'",
            ) from None
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
