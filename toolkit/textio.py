"""Bytes to text (encoding detection for UTF-8, GB18030, Big5 and Big5-HKSCS) and atomic writes.

Every file the toolkit reads whole is opened here, by `read_bytes`: a regular file only (a named pipe,
a device such as /dev/zero, or a socket is refused at once, never waited on or read forever), and at most
MAX_READ_BYTES; `-` is standard input.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import InputError, OutputError
from toolkit.script import han_tables

# Tried in this order when no encoding is given; UTF-8 wins whenever it decodes strictly. Big5-HKSCS
# (Hong Kong) is Big5 plus about 5,000 characters: tried after Big5, it wins only where Big5 cannot decode.
DETECTED_ENCODINGS = ("utf-8", "gb18030", "big5", "big5hkscs")

STDIN = "-"
"""The path that means standard input, wherever a file is read (`toolkit segment -`, `toolkit check -`)."""

MAX_READ_BYTES = 256 << 20
"""The largest file read whole (a source, a PO file, a glossary): 256 MiB, some 80 million Chinese characters."""

_ENCODING_HINT = "convert the file to UTF-8, or name its encoding with --encoding"
_NOT_TEXT_CODECS = frozenset({"undefined"})  # registered as text encodings, yet decode nothing


@dataclass(frozen=True)
class SourceText:
    """A source document decoded to text, with newlines normalised to "\\n"."""

    path: str
    text: str
    encoding: str


def text_encoding(name: str, where: str | None = None) -> str:
    """The canonical name of a text encoding (`--encoding`); InputError for unknown names and for codecs
    that are not text encodings (rot13, base64, hex, zlib, bz2, uu, quopri, undefined)."""
    try:
        codec = codecs.lookup(name)
    except LookupError:
        raise InputError(
            f"unknown encoding {name!r}", where, "use a name such as utf-8, gb18030, big5 or utf-16-le"
        ) from None
    if not getattr(codec, "_is_text_encoding", True) or codec.name in _NOT_TEXT_CODECS:
        raise InputError(
            f"{name!r} is not a text encoding (it does not turn bytes into text)",
            where,
            "use a name such as utf-8, gb18030, big5 or utf-16-le",
        )
    return codec.name


def read_source(path: str | Path, encoding: str | None = None) -> SourceText:
    """Read and decode a source document; InputError (with the byte offset) when it cannot be decoded."""
    where = str(path)
    if encoding is not None:
        encoding = text_encoding(encoding, where)
    raw = read_bytes(path)
    if encoding is not None:
        text, used = _decode_as(raw, encoding, where), encoding
    else:
        text, used = _detect(raw, where)
    text = normalise_newlines(text)
    if "\x00" in text:  # decoded from UTF-16 or a named encoding: text files hold no NUL, PO files cannot
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(f"binary data: NUL character on line {line}", where, "pass a plain text file")
    surrogate = next((index for index, char in enumerate(text) if "\ud800" <= char <= "\udfff"), None)
    if surrogate is not None:  # unicode_escape and friends can make these; no file can hold them
        line = text.count("\n", 0, surrogate) + 1
        raise InputError(
            f"decoded as {used}, line {line} holds U+{ord(text[surrogate]):04X}, half of a character",
            where,
            "this is not the file's encoding: name the right one with --encoding",
        )
    return SourceText(path=where, text=text, encoding=used)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def atomic_write(path: str | Path, data: str | bytes) -> None:
    """Write a whole file or nothing: a temporary file in the same directory, fsync, then os.replace.

    The temporary file is removed on any failure, Ctrl-C included; only SIGKILL or a power cut can leave
    one (named `.NAME.<random>.tmp`; `toolkit draft` removes those it finds). A new file gets the usual
    permissions (0666 less the umask, applied by the kernel), a replaced file keeps its own.
    """
    target = Path(path)
    payload = memoryview(data.encode("utf-8") if isinstance(data, str) else data)
    directory = target.parent if str(target.parent) else Path(".")
    temporary = directory / f".{target.name}.{os.urandom(4).hex()}.tmp"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as error:
        raise OutputError(
            f"cannot write here: {error.strerror}",
            str(directory),
            _write_hint(error, "check that the directory exists and is writable"),
        ) from None
    try:
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except OSError:
            mode = None
        if mode is not None:
            os.fchmod(descriptor, mode)
        written = 0
        while written < len(payload):
            written += os.write(descriptor, payload[written : written + (1 << 24)])
        os.fsync(descriptor)
        os.close(descriptor)
        descriptor = -1
        os.replace(temporary, target)
    except BaseException as error:
        if descriptor >= 0:
            os.close(descriptor)
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(
                f"cannot write file: {error.strerror}",
                str(target),
                _write_hint(error, "check the path and its permissions"),
            ) from None
        raise


def _write_hint(error: OSError, default: str) -> str:
    """What to do about a failed write, by its cause."""
    if error.errno == errno.ENOSPC:
        return "the disk is full: free some space on it and run again (nothing was changed)"
    if error.errno == errno.EDQUOT:
        return "your disk quota is used up: free some space and run again (nothing was changed)"
    if error.errno == errno.EROFS:
        return "the file system is read-only: write somewhere else"
    return default


def read_bytes(path: str | Path, *, noun: str = "file", limit: int = MAX_READ_BYTES) -> bytes:
    """The raw bytes of a file; InputError naming the path when it is not a readable regular file of at most `limit` bytes.

    Opened without blocking, so a named pipe is refused instead of waited on; a device (/dev/zero, even
    through a symbolic link) is refused instead of read forever. `noun` names what was expected ("PO file").
    """
    where = str(path)
    if where == STDIN:
        return _read_stdin(limit, noun)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise _read_error(error, where, noun) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(
                f"is a directory, expected a {'text file' if noun == 'file' else noun}",
                where,
                "pass the files inside it",
            )
        if not stat.S_ISREG(mode):
            raise InputError(
                f"not a regular file ({_file_kind(mode)})", where, f"pass a {'text file' if noun == 'file' else noun}"
            )
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(descriptor, 1 << 24):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise InputError(
                    f"larger than {limit >> 20} MiB, too large to read",
                    where,
                    "split it into smaller files" if noun == "file" else f"pass a real {noun}",
                )
        return b"".join(chunks)
    except OSError as error:
        raise _read_error(error, where, noun) from None
    finally:
        os.close(descriptor)


def _read_stdin(limit: int, noun: str) -> bytes:
    """Standard input, read whole (at most `limit` bytes); InputError when it is closed or cannot be read."""
    if sys.stdin is None:  # started with `<&-`
        raise InputError("standard input is closed", STDIN, f"pipe the {noun} in, or pass its path")
    try:
        data = sys.stdin.buffer.read(limit + 1)
    except OSError as error:  # a directory as standard input (`< /`), a descriptor closed under us
        raise InputError(
            f"cannot read standard input: {error.strerror or error}", STDIN, f"pipe the {noun} in, or pass its path"
        ) from None
    if len(data) > limit:
        raise InputError(
            f"standard input is larger than {limit >> 20} MiB, too large to read", STDIN, "split it into smaller files"
        )
    return data


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _read_error(error: OSError, where: str, noun: str) -> InputError:
    if error.errno == errno.ENOENT:
        return InputError(f"no such {noun}", where, "check the path")
    if error.errno == errno.ELOOP:
        return InputError("symbolic link loop", where, "point the link at a real file")
    if error.errno == errno.ENXIO:  # opening a socket
        return InputError("not a regular file (a socket)", where, f"pass a {'text file' if noun == 'file' else noun}")
    if error.errno in (errno.EACCES, errno.EPERM):
        return InputError(f"cannot read file: {error.strerror}", where, "check its permissions")
    return InputError(f"cannot read file: {error.strerror}", where, "check the file and its disk")


def _decode_as(raw: bytes, encoding: str, where: str) -> str:
    name = text_encoding(encoding, where)
    if name == "utf-8" and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode(name)
    except UnicodeDecodeError as error:
        raise InputError(
            f"cannot decode as {name}: invalid bytes at byte offset {error.start}", where, _ENCODING_HINT
        ) from None
    except UnicodeError as error:  # idna, punycode and the like: not a byte offset to give
        raise InputError(f"cannot decode as {name} ({error})", where, _ENCODING_HINT) from None


def _detect(raw: bytes, where: str) -> tuple[str, str]:
    if raw.startswith(codecs.BOM_UTF8):
        return _decode_as(raw, "utf-8", where), "utf-8"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(raw, "utf-16", where), "utf-16"
    if b"\x00" in raw:
        wide = _wide_encoding(raw)
        if wide is not None:
            raise InputError(
                f"looks like {wide.upper()} text without a byte-order mark",
                where,
                f"pass --encoding {wide}, or save the file as UTF-8",
            )
        raise InputError(
            f"binary data: NUL byte at byte offset {raw.index(0)}",
            where,
            "pass a plain text file (UTF-8, GB18030 or Big5)",
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
            f"undecodable bytes at byte offset {max(failures.values())} (not UTF-8, GB18030 or Big5)",
            where,
            _ENCODING_HINT,
        )
    return max(candidates, key=lambda candidate: _plausibility(candidate[0]))


def _wide_encoding(raw: bytes) -> str | None:
    """ "utf-16-le", "utf-32-be", ... when `raw` (holding NUL bytes) reads as ordinary text in that encoding, else None."""
    tables = han_tables()
    for name in ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        ordinary = sum(
            (" " <= char <= "~")
            or char in "\t\n\r"
            or char in tables.frequent
            or "\u3000" <= char <= "\u303f"
            or "\uff00" <= char <= "\uffef"
            for char in text
        )
        if text and "\x00" not in text and ordinary >= 0.9 * len(text):
            return name
    return None


def _plausibility(text: str) -> float:
    """Share of the non-ASCII characters that are frequent Han characters of either script."""
    frequent = han_tables().frequent
    non_ascii = [char for char in text if ord(char) > 0x7F]
    if not non_ascii:
        return 0.0
    return sum(char in frequent for char in non_ascii) / len(non_ascii)
