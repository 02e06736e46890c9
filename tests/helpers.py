"""Test helpers shared by several test modules: the bad-input catalogue's case record and sandbox, a CLI runner,
msgfmt, and the table of malformed PO files. Fixtures live in conftest.py; nothing here is a test."""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
import regex

DATA = Path(__file__).parent / "data"
TRANSLATOR_MSGSTR = "The weather is fine today."

TRANSLATORS_PO = f"""# English translation of article.txt.
# Reviewed by a translator over three weeks.
msgid ""
msgstr ""
"Project-Id-Version: article.txt\\n"
"Language: en\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"X-Source-Language: zh_Hans\\n"

# Checked against the original report.
#: article.txt:1
msgid "今天天气很好。"
msgstr "{TRANSLATOR_MSGSTR}"
""".encode()

GLOSSARY = "zh\ten\ttype\tvariants\tnote\n天气\tweather\tpreferred\t\t\n".encode()

SMALL_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n{extra}\n'


def po_text(charset: str = "UTF-8", extra: str = "", body: str = "") -> str:
    """A small PO file: a header with the given charset (and extra header lines), then `body`."""
    return SMALL_HEADER.format(charset=charset, extra=extra) + body


@dataclass(frozen=True)
class Link:
    """A symbolic link to create instead of a file."""

    target: str


@dataclass(frozen=True)
class Fifo:
    """A named pipe to create instead of a file."""


def png() -> bytes:
    """The first bytes of a PNG image."""
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def mo_file() -> bytes:
    """A compiled, empty GNU .mo catalogue (magic number, revision 0, no strings)."""
    return struct.pack("<7I", 0x950412DE, 0, 0, 28, 28, 0, 28)


def zip_of(members: dict[str, bytes]) -> bytes:
    """A zip archive holding `members` (names are written as given, even unsafe ones)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


PACKAGE = zip_of(
    {
        "translate-zh_en/metadata.json": b'{"from_code": "zh", "to_code": "en", "package_version": "1.0"}',
        "translate-zh_en/model/model.bin": bytes(range(256)) * 64,
        "translate-zh_en/sentencepiece.model": bytes(256) * 16,
    }
)


@dataclass(frozen=True)
class Case:
    """One command line, the files it finds (besides the translator's PO file and the glossary) and what must happen."""

    name: str
    argv: tuple[str, ...]
    files: tuple[tuple[str, bytes | Link | Fifo], ...] = ()
    exit_code: int = 2
    message: str = ""  # in the stderr line for errors; in stdout or stderr otherwise
    where: str = ""  # the file an error line must name
    index: str | None = None  # "http-500" or "silent": an Argos index on 127.0.0.1 behaving so
    locked: str | None = None  # a file made unreadable (mode 000) or a directory made read-only (mode 500) for the run


def run_toolkit(
    argv: tuple[str, ...], cwd: Path, env: dict[str, str], *, timeout: float = 600, as_user: bool = False
) -> subprocess.CompletedProcess:
    """`toolkit ARGV` as the console script runs it, in a fresh interpreter.

    `as_user`: the child gives up root's power to ignore permission bits first, so that a file of mode 000
    or a directory of mode 500 stops it as it stops any user (CI runs as root)."""
    return subprocess.run(
        [sys.executable, "-c", "from toolkit.cli import main; main()", *argv],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=drop_root_file_powers if as_user and os.geteuid() == 0 else None,
    )


def drop_root_file_powers() -> None:
    """In a child before exec: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set (root then obeys mode bits)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH (linux/capability.h)
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def toolkit(
    *argv: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess:
    """`toolkit ARGV` in a fresh interpreter, as the console script runs it (text output captured)."""
    return run_toolkit(argv, cwd, env or {}, timeout=timeout)


def create(root: Path, files: tuple[tuple[str, bytes | Link | Fifo], ...]) -> None:
    """The translator's PO file, the glossary, then the case's own files, links and pipes."""
    for name, content in (("translations/en/article.po", TRANSLATORS_PO), ("glossary/glossary.tsv", GLOSSARY), *files):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        if isinstance(content, Link):
            path.symlink_to(content.target)
        elif isinstance(content, Fifo):
            os.mkfifo(path)
        else:
            path.write_bytes(content)


def file_contents(root: Path) -> dict[str, bytes]:
    """Every regular file under `root` (links and pipes left out), by relative path."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink() and not path.is_fifo()
    }


def mask(text: str, root: Path) -> str:
    """The output with the case directory and local ports replaced by placeholders."""
    return regex.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:<port>", text.replace(str(root), "<tmp>"))


def msgfmt_check(path: Path) -> None:
    """Assert that GNU msgfmt -c accepts the file without a warning."""
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext (msgfmt) is not installed")
    result = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == "", result.stderr


# --- strict reading: what GNU msgfmt -c refuses is refused with file:line, what it accepts is read exactly

PO_HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: article.txt\\n"\n"Language: en\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
    '"X-Source-Language: zh_Hans\\n"\n{plural}\n'
)
PLURAL_FORMS = '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
ARTICLE = '# Checked against the original.\nmsgid "今天天气很好。"\nmsgstr "The weather is fine today."\n'


def po(body: str, plural: str = "") -> str:
    """A PO file: the header (10 lines without Plural-Forms), a blank line, then `body` from line 11 (12 with it)."""
    return PO_HEADER.format(plural=plural) + "\n" + body


MALFORMED = {
    # name: (PO text, the line the error names)
    "duplicate-msgid": (po(ARTICLE + '\nmsgid "今天天气很好。"\nmsgstr "Nice weather."\n'), 15),
    "duplicate-msgid-second-fuzzy": (po(ARTICLE + '\n#, fuzzy\nmsgid "今天天气很好。"\nmsgstr "Nice."\n'), 16),
    "duplicate-msgid-obsolete": (po(ARTICLE + '\n#~ msgid "今天天气很好。"\n#~ msgstr "Old."\n'), 15),
    "unterminated-string": (po('msgid "今天天气很好。"\nmsgstr "The weather is fine today.\n'), 12),
    "truncated-inside-string": (po('msgid "今天天气很好。"\nmsgstr "The weather is fine tod'), 12),
    "unquoted-msgstr": (po('msgid "今天天气很好。"\nmsgstr Hello\n'), 12),
    "msgstr-before-msgid": (po('msgstr "The weather is fine today."\nmsgid "今天天气很好。"\n'), 11),
    "second-header": (po('msgid ""\nmsgstr "Language: en\\n"\n\n' + ARTICLE), 11),
    "msgstr0-without-msgid-plural": (po('msgid "今天天气很好。"\nmsgstr[0] "Fine."\n'), 12),
    "previous-msgctxt-without-previous-msgid": (po('#| msgctxt "menu"\nmsgid "今天天气很好。"\nmsgstr "Fine."\n'), 12),
    "missing-msgstr": (
        po('# a note\nmsgid "今天天气很好。"\n\nmsgid "我们去北京。"\nmsgstr "We go to Beijing."\n'),
        12,
    ),
    "escape-backslash-q": (po('msgid "今天天气很好。"\nmsgstr "Fine \\q today."\n'), 11),
    "escape-apostrophe": (po('msgid "今天天气很好。"\nmsgstr "It\\\'s fine."\n'), 11),
    "escape-hex-without-digits": (po('msgid "今天天气很好。"\nmsgstr "Fine \\xg."\n'), 11),
    "escape-octal-eight": (po('msgid "今天天气很好。"\nmsgstr "Fine \\8."\n'), 11),
    "garbage-plural-forms": (
        PO_HEADER.format(plural='"Plural-Forms: nplurals=2; plural=n !!= 1;\\n"\n') + "\n" + ARTICLE,
        1,
    ),
    "plural-expression-out-of-range": (
        PO_HEADER.format(plural='"Plural-Forms: nplurals=2; plural=n;\\n"\n') + "\n" + ARTICLE,
        1,
    ),
    "plural-forms-count": (
        po(
            'msgid "一个文件"\nmsgid_plural "%d 个文件"\nmsgstr[0] "one file"\nmsgstr[1] "%d files"\n'
            'msgstr[2] "%d filez"\n',
            PLURAL_FORMS,
        ),
        12,
    ),
    "plural-index-out-of-order": (
        po('msgid "一个文件"\nmsgid_plural "%d 个文件"\nmsgstr[1] "%d files"\nmsgstr[0] "one file"\n', PLURAL_FORMS),
        14,
    ),
    "plural-without-plural-forms": (
        po('msgid "一个文件"\nmsgid_plural "%d 个文件"\nmsgstr[0] "one file"\nmsgstr[1] "%d files"\n'),
        11,
    ),
    "inconsistent-obsolete": (po('msgid "今天天气很好。"\n#~ msgstr "Fine."\n'), 12),
    "comment-inside-entry": (po('msgid "今天天气很好。"\n# note\nmsgstr "Fine."\n'), 11),
    "unknown-keyword": (po(ARTICLE + "nonsense here\n"), 14),
    "two-msgstr": (po('msgid "今天天气很好。"\nmsgstr "Fine."\nmsgstr "Nice."\n'), 13),
    "msgctxt-without-msgid": (po('msgctxt "menu"\nmsgstr "Fine."\n'), 12),
    "domain-directive": (po('domain "other"\n' + ARTICLE), 11),
    "previous-after-msgid": (po('msgid "今天天气很好。"\n#| msgid "天气很好。"\nmsgstr "Fine."\n'), 12),
    "string-before-any-keyword": ('"Language: en\\n"\n' + po(ARTICLE), 1),
    "file-ends-after-msgctxt": (po(ARTICLE + '\nmsgctxt "menu"\n'), 15),
}


def read_po(path: Path) -> polib.POFile:
    """A PO file as polib (the reference Python PO library) reads it: tests look at what we wrote through another reader."""
    return polib.pofile(str(path), wrapwidth=0)
