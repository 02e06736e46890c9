"""Bytes to text (encoding detection for UTF-8, GB18030 and Big5) and atomic writes."""

from __future__ import annotations

import codecs
import errno
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import InputError, OutputError
from toolkit.script import han_tables

# Tried in this order when no encoding is given; UTF-8 wins whenever it decodes strictly.
DETECTED_ENCODINGS = ("utf-8", "gb18030", "big5")

_ENCODING_HINT = "convert the file to UTF-8, or name its encoding with --encoding"


@dataclass(frozen=True)
class SourceText:
    """A source document decoded to text, with newlines normalised to "\\n"."""

    path: str
    text: str
    encoding: str


def read_source(path: str | Path, encoding: str | None = None) -> SourceText:
    """Read and decode a source document; InputError (with the byte offset) when it cannot be decoded."""
    where = str(path)
    raw = read_bytes(path)
    if encoding is not None:
        text, used = _decode_as(raw, encoding, where), codecs.lookup(encoding).name
    else:
        text, used = _detect(raw, where)
    text = normalise_newlines(text)
    if "\x00" in text:  # decoded from UTF-16 or a named encoding: text files hold no NUL, PO files cannot
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(f"binary data: NUL character on line {line}", where, "pass a plain text file")
    return SourceText(path=where, text=text, encoding=used)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def atomic_write(path: str | Path, data: str | bytes) -> None:
    """Write a whole file or nothing: a temporary file in the same directory, fsync, then os.replace."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent if str(target.parent) else Path(".")
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise OutputError(f"cannot write here: {error.strerror}", str(directory), "check that the directory exists and is writable") from None
    try:
        os.fchmod(descriptor, _file_mode(target))
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write file: {error.strerror}", str(target), "check the path and its permissions") from None


def _file_mode(target: Path) -> int:
    """The permissions the written file gets: those of the file it replaces, else the usual ones (umask)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def read_bytes(path: str | Path) -> bytes:
    """The raw bytes of a source file; InputError naming the path when it is not a readable regular file."""
    path, where = Path(path), str(path)
    if path.is_dir():
        raise InputError("is a directory, expected a text file", where, "pass the files inside it")
    try:
        if path.exists() and not path.is_file():
            raise InputError("not a regular file (a device, socket or pipe)", where, "pass a text file")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", where, "check the path") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError("symbolic link loop", where, "point the link at a real file") from None
        hint = "check its permissions" if error.errno in (errno.EACCES, errno.EPERM) else "check the file and its disk"
        raise InputError(f"cannot read file: {error.strerror}", where, hint) from None


def _decode_as(raw: bytes, encoding: str, where: str) -> str:
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", where, "use a name such as utf-8, gb18030 or big5") from None
    if codec.name == "utf-8" and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode(codec.name)
    except UnicodeDecodeError as error:
        raise InputError(
            f"cannot decode as {codec.name}: invalid bytes at byte offset {error.start}", where, _ENCODING_HINT
        ) from None


def _detect(raw: bytes, where: str) -> tuple[str, str]:
    if raw.startswith(codecs.BOM_UTF8):
        return _decode_as(raw, "utf-8", where), "utf-8"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(raw, "utf-16", where), "utf-16"
    if b"\x00" in raw:
        raise InputError(
            f"binary data: NUL byte at byte offset {raw.index(0)}", where, "pass a plain text file (UTF-8, GB18030 or Big5)"
        )
    candidates: list[tuple[str, str]] = []
    failures: dict[str, int] = {}
    for name in DETECTED_ENCODINGS:
        try:
            text = raw.decode(name)
        except UnicodeDecodeError as error:
            failures[name] = error.start
            continue
        if name == "utf-8":
            return text, name
        candidates.append((text, name))
    if not candidates:
        utf8_error = failures["utf-8"]
        if any(byte > 0x7F for byte in raw[:utf8_error]):  # valid UTF-8 up to there: a damaged UTF-8 file
            raise InputError(f"invalid UTF-8 at byte offset {utf8_error}", where, _ENCODING_HINT)
        raise InputError(
            f"undecodable bytes at byte offset {max(failures.values())} (not UTF-8, GB18030 or Big5)", where, _ENCODING_HINT
        )
    return max(candidates, key=lambda candidate: _plausibility(candidate[0]))


def _plausibility(text: str) -> float:
    """Share of the non-ASCII characters that are frequent Han characters of either script."""
    frequent = han_tables().frequent
    non_ascii = [char for char in text if ord(char) > 0x7F]
    if not non_ascii:
        return 0.0
    return sum(char in frequent for char in non_ascii) / len(non_ascii)
