"""PO files: a strict reader (what GNU `msgfmt -c` accepts, nothing else) and a writer (as `msgcat --no-wrap`
writes, through polib), both on the Units and Catalogs of toolkit.storage.units; and the header every PO file
the toolkit writes carries.

The grammar and checks follow GNU gettext 0.21 (po-lex.c, po-gram-gen.y, msgl-check.c): comments only between
messages, strings continue across blank lines, `#~` used consistently within a message, `msgstr[N]` counted
from 0, no duplicate (msgctxt, msgid) among live or obsolete messages, C escapes as msgfmt reads them, and a
Plural-Forms header that parses, whose values stay below nplurals and agree with every plural message.

Deliberate differences, all listed in docs/check.md: a UTF-8 byte-order mark, a missing or empty header, and
a msgid and msgstr that disagree on a leading or trailing newline are read (nothing is lost reading them;
msgfmt -c complains, plain msgfmt reads the first two). An escape for a NUL or a non-ASCII byte (`\\0`,
`\\344`) and a backslash-newline line join are refused: msgfmt accepts them, but the text they stand for
cannot be read back exactly.
"""

from __future__ import annotations

import codecs
import re
from datetime import datetime
from pathlib import Path

from toolkit import patterns
from toolkit.errors import CatalogError, ToolkitError
from toolkit.storage.units import FUZZY_FLAG, Catalog, State, Unit, state_of
from toolkit.textio import atomic_write, read_bytes

SYNTAX_HINT = "fix it there (msgfmt -c reports it too)"


# One line holding at most a keyword and one string: nearly every line of a real PO file.
_SIMPLE = patterns.compile(
    r'[ \t\f\v]*(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)?[ \t\f\v]*"([^"\\]*(?:\\.[^"\\]*)*)"[ \t\f\v\r]*'
)
_TOKEN = patterns.compile(
    r"[ \t\f\v\r]*(?:"
    r"(?P<keyword>[A-Za-z_$][A-Za-z0-9_$]*)"
    r"|\[[ \t\f\v\r]*(?P<index>\d+)[ \t\f\v\r]*\]"
    r'|"(?P<string>[^"\\]*(?:\\.[^"\\]*)*)"'
    r'|(?P<open>"[^"\\]*(?:\\.[^"\\]*)*\\?$)'
    r"|(?P<comment>#.*)"
    r"|(?P<junk>\S)"
    r"|$)"
)
_ESCAPE = patterns.compile(r'\\(?:([ntbrfva\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.?))', re.DOTALL)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "\\": "\\", '"': '"'}
KEYWORDS = ("msgctxt", "msgid", "msgid_plural", "msgstr", "domain")


class _Error(Exception):
    def __init__(self, line: int, what: str, hint: str = SYNTAX_HINT) -> None:
        super().__init__(what)
        self.line, self.what, self.hint = line, what, hint


def parse(text: str, where: str) -> Catalog:
    """Parse PO text strictly; CatalogError naming `where:line` and the problem when msgfmt would refuse it."""
    try:
        try:
            units, position, line = _plain_units(text, where)
            if position < len(text):
                units.extend(_Parser(text[position:], line - 1, where).units())
        except _Error as error:
            error.what = f"PO syntax error: {error.what}"
            raise
        header = _check(units)
    except _Error as error:
        raise CatalogError(error.what, f"{where}:{error.line}", error.hint) from None
    if header is None:
        return Catalog(tuple(units), path=where)
    fields = header_fields(header.target)
    flags = ((FUZZY_FLAG,) if header.fuzzy else ()) + header.flags
    return Catalog(tuple(unit for unit in units if unit is not header), fields, header.comments, flags, where)


def unescape(body: str, line: int) -> str:
    """The text of a quoted PO string (without its quotes), escapes read as msgfmt reads them."""
    if "\\" not in body:
        return body

    def replace(match: re.Match) -> str:
        simple, octal, hexadecimal, other = match.groups()
        if simple is not None:
            return _SIMPLE_ESCAPES[simple]
        if other is not None:
            raise _Error(line, f"invalid escape \\{other} in a string (write \\\\ for a backslash)")
        value = int(octal, 8) if octal is not None else int(hexadecimal, 16)
        if value == 0 or value > 0x7F:
            raise _Error(
                line,
                f"escape {match.group()} stands for a NUL or non-ASCII byte, which is not read as text",
                "write the character itself (the file is UTF-8)",
            )
        return chr(value)

    return _ESCAPE.sub(replace, body)


_STRING = r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"[ \t\r]*\n'
_MORE = r'(?:"[^"\\\n]*(?:\\.[^"\\\n]*)*"[ \t\r]*\n)*'
_PLAIN = patterns.compile(
    r"((?:#(?:[^~|\n][^\n]*)?\n)*)"  # comments, but no #| or #~
    r"(?:#\|[ \t]*msgid[ \t]*"
    + _STRING.replace("(", "(?P<previous>", 1)
    + r"(?P<previous_more>(?:#\|[ \t]*"
    + _MORE[3:-2]
    + r")*))?"
    r"(?P<entry_at>)(?:msgctxt[ \t]*" + _STRING.replace("(", "(?P<msgctxt>", 1) + r"(?P<msgctxt_more>" + _MORE + r"))?"
    r"msgid[ \t]*" + _STRING.replace("(", "(?P<msgid>", 1) + r"(?P<msgid_more>" + _MORE + r")"
    r"msgstr[ \t]*" + _STRING.replace("(", "(?P<msgstr>", 1) + r"(?P<msgstr_more>" + _MORE + r")"
    r"(?:[ \t\r]*\n)*(?=[#m]|\Z)"
)
_CONTINUATION = patterns.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')


def _plain_units(text: str, where: str) -> tuple[list[Unit], int, int]:
    """The leading run of plain messages (comments, #| msgid, msgctxt, msgid, msgstr), read with one regex each.

    Returns their units, where the run stopped and that position's line; the line parser reads the rest.
    """
    units: list[Unit] = []
    append = units.append
    translated, fuzzy, untranslated = State.TRANSLATED, State.FUZZY, State.UNTRANSLATED
    match_at = _PLAIN.match
    count = text.count
    position, line = 0, 1
    while True:
        match = match_at(text, position)
        if match is None:
            return units, position, line
        comments, previous, previous_more, _, msgctxt, msgctxt_more, msgid, msgid_more, msgstr, msgstr_more = (
            match.groups()
        )
        msgid_line = line + count("\n", position, match.start("entry_at"))
        if msgid_more:
            msgid += "".join(_CONTINUATION.findall(msgid_more))
        if msgstr_more:
            msgstr += "".join(_CONTINUATION.findall(msgstr_more))
        if "\\" in msgid or "\\" in msgstr:
            msgid, msgstr = unescape(msgid, msgid_line), unescape(msgstr, msgid_line)
        if msgctxt is not None:
            msgctxt = unescape(msgctxt + "".join(_CONTINUATION.findall(msgctxt_more)), msgid_line)
        if previous is not None:
            previous = unescape(previous + "".join(_CONTINUATION.findall(previous_more)), msgid_line)
        if comments:
            kinds: dict[str, list[str]] = {"#": [], ".": [], ":": [], ",": []}
            for comment in comments[:-1].split("\n"):
                kind = comment[1:2]
                if kind in (".", ":", ","):
                    kinds[kind].append(comment[2:].removeprefix(" ") if kind == "." else comment[2:])
                else:
                    kinds["#"].append(comment[2:] if comment[1:2] == " " else comment[1:])
            flags = tuple(flag.strip() for entry in kinds[","] for flag in entry.split(",") if flag.strip())
            state = translated if msgstr else untranslated
            if FUZZY_FLAG in flags:
                state, flags = fuzzy, tuple(flag for flag in flags if flag != FUZZY_FLAG)
            # The hot path of every PO read: the record's positional fields, kept on two lines.
            # fmt: off
            append(Unit(msgid, msgstr, state, tuple(kinds["."]), tuple(kinds["#"]), _locations(kinds[":"]), previous,
                        msgctxt, flags, None, (), None, None, False, msgid_line, line, where))
            # fmt: on
        else:
            # fmt: off
            append(Unit(msgid, msgstr, translated if msgstr else untranslated, (), (), (), previous, msgctxt, (), None,
                        (), None, None, False, msgid_line, msgid_line if previous is None else line, where))
            # fmt: on
        end = match.end()
        line += count("\n", position, end)
        position = end


class _Parser:
    """msgfmt's grammar over the lines of a PO file: tokens are keywords, strings and comments."""

    def __init__(self, text: str, offset: int = 0, where: str = "") -> None:
        self.lines = text.split("\n")
        self.offset = offset
        self.where = where

    def units(self) -> list[Unit]:
        messages: list[Unit] = []
        self._reset()
        simple = _SIMPLE.fullmatch
        for number, line in enumerate(self.lines, self.offset + 1):
            if not line or line == "\r":
                continue
            if line[0] == "#":
                if line[1:2] == "~":
                    rest = line[2:]
                    previous = rest[:1] == "|"
                    self._tokens(rest[1:] if previous else rest, number, True, previous, messages)
                elif line[1:2] == "|":
                    self._tokens(line[2:], number, False, True, messages)
                else:
                    self._comment(line, number, messages)
                continue
            match = simple(line)
            if match is not None:
                keyword, index, body = match.groups()
                if keyword is not None:
                    self._keyword(
                        keyword if index is None else "msgstr",
                        number,
                        False,
                        False,
                        messages,
                        None if index is None else int(index),
                    )
                self._string(unescape(body, number), number, False, False)
            else:
                self._tokens(line, number, False, False, messages)
        self._finish(self.offset + len(self.lines), messages)
        return messages

    def _reset(self) -> None:
        self.state = "idle"  # idle, msgctxt, msgid, msgstr, plural, msgstr_n, previous
        self.target: list[str] | None = None
        self.keyword, self.keyword_line = "", 0
        self.fields: dict = {}
        self.parts: dict[str, list[str]] = {}
        self.plural: list[list[str]] = []
        self.comments: dict[str, list[str]] = {"#": [], ".": [], ":": [], ",": []}
        self.obsolete: bool | None = None
        self.start_line = 0
        self.msgid_line = 0

    def _tokens(self, text: str, number: int, obsolete: bool, previous: bool, messages: list[Unit]) -> None:
        position, pending_index = 0, False
        while True:
            match = _TOKEN.match(text, position)
            position = match.end()
            kind = match.lastgroup
            if kind is None:
                if pending_index:
                    raise _Error(number, "msgstr[...] without its index")
                return
            value = match.group(kind)
            if pending_index and kind != "index":
                raise _Error(
                    number, "msgstr without a quoted string" if not self.plural else "msgstr[...] without its index"
                )
            if kind == "keyword":
                if value not in KEYWORDS:
                    raise _Error(number, f"unknown keyword {value!r} (a string must be in double quotes)")
                if value == "domain":
                    raise _Error(number, "a 'domain' directive: msgfmt ignores it, so this is not one catalogue")
                pending_index = value == "msgstr" and text[position:].lstrip(" \t\f\v\r").startswith("[")
                if not pending_index:
                    self._keyword(value, number, obsolete, previous, messages, None)
            elif kind == "index":
                if not pending_index:
                    raise _Error(number, "an index [N] outside msgstr[N]")
                pending_index = False
                self._keyword("msgstr", number, obsolete, previous, messages, int(value))
            elif kind == "string":
                self._string(unescape(value, number), number, obsolete, previous)
            elif kind == "open":
                raise _Error(number, 'a string that is not closed (its closing " is missing)')
            elif kind == "comment":  # msgfmt reads a "#" anywhere as the start of a comment or a #~ / #| marker
                if value[1:2] == "~":
                    rest = value[2:]
                    marked = rest[:1] == "|"
                    self._tokens(rest[1:] if marked else rest, number, True, previous or marked, messages)
                elif value[1:2] == "|":
                    self._tokens(value[2:], number, obsolete, True, messages)
                else:
                    self._comment(value, number, messages)
                return
            else:
                raise _Error(number, f"unexpected character {value!r} (strings must be in double quotes)")

    def _need_string(self, number: int) -> None:
        """Every keyword takes at least one string: `msgid` alone on its line is a syntax error."""
        if self.target is not None and not self.target:
            raise _Error(self.keyword_line, f"{self.keyword} without a quoted string")

    def _comment(self, line: str, number: int, messages: list[Unit]) -> None:
        self._need_string(number)
        if self.state in ("msgctxt", "msgid", "plural"):
            raise _Error(self.msgid_line or number, "a message without msgstr (a comment follows its msgid)")
        if self.state in ("msgstr", "msgstr_n"):
            self._emit(messages)
        if self.state == "previous":
            raise _Error(number, "a comment after a #| line: the msgid it belongs to is missing")
        kind = line[1:2]
        if kind in (".", ":", ","):
            self.comments[kind].append(line[2:].removeprefix(" ") if kind == "." else line[2:])
        else:
            body = line[1:]
            self.comments["#"].append(body[1:] if body.startswith(" ") else body)
        if not self.start_line:
            self.start_line = number

    def _keyword(
        self, keyword: str, number: int, obsolete: bool, previous: bool, messages: list[Unit], index: int | None
    ) -> None:
        self._need_string(number)
        self.keyword = keyword if index is None else f"msgstr[{index}]"
        self.keyword_line = number
        state = self.state
        if previous:
            if state in ("msgstr", "msgstr_n"):
                self._emit(messages)
                state = self.state
            if state not in ("idle", "previous") or keyword == "msgstr":
                raise _Error(number, f"#| {keyword} in the wrong place: #| lines come before the msgctxt/msgid")
            self._same_obsolete(obsolete, number)
            if not self.start_line:
                self.start_line = number
            self.state = "previous"
            key = "previous_" + keyword
            if key in self.parts:
                raise _Error(number, f"a second #| {keyword} in one message")
            self.parts[key] = self.target = []
            return
        if state == "previous" and "previous_msgid" not in self.parts:
            raise _Error(number, "#| msgctxt without the #| msgid that must follow it")
        if keyword == "msgctxt" or (keyword == "msgid" and state != "msgctxt"):
            if state in ("msgctxt", "msgid", "plural"):
                raise _Error(
                    self.msgid_line or number,
                    "a message without msgstr (the next message starts here)"
                    if keyword == "msgid"
                    else "msgctxt inside a message that has no msgstr yet",
                )
            if state in ("msgstr", "msgstr_n"):
                self._emit(messages)
            self._same_obsolete(obsolete, number)
            if not self.start_line:
                self.start_line = number
            self.state = keyword
            self.msgid_line = number
            self.parts[keyword] = self.target = []
            return
        self._same_obsolete(obsolete, number)
        if keyword == "msgid":  # after msgctxt, whose line stays the message's line
            self.state = "msgid"
            self.parts["msgid"] = self.target = []
        elif keyword == "msgid_plural":
            if state != "msgid":
                raise _Error(number, "msgid_plural without a msgid before it")
            self.state = "plural"
            self.parts["msgid_plural"] = self.target = []
        elif index is None:
            if state == "plural":
                raise _Error(number, "msgid_plural needs msgstr[0], msgstr[1], ... not a plain msgstr")
            if state != "msgid":
                raise _Error(
                    number,
                    "msgstr without a msgid before it"
                    if state in ("idle", "previous", "msgctxt")
                    else "msgstr without its own msgid (a second msgstr, or msgstr before msgid)",
                )
            self.state = "msgstr"
            self.parts["msgstr"] = self.target = []
        else:
            if state == "msgid":
                raise _Error(number, f"msgstr[{index}] without msgid_plural before it")
            if state not in ("plural", "msgstr_n"):
                raise _Error(number, f"msgstr[{index}] without a msgid before it")
            if index != len(self.plural):
                raise _Error(number, f"msgstr[{index}] out of order: expected msgstr[{len(self.plural)}]")
            self.state = "msgstr_n"
            self.target = []
            self.plural.append(self.target)

    def _string(self, text: str, number: int, obsolete: bool, previous: bool) -> None:
        if self.target is None or self.state == "idle":
            raise _Error(number, "a string without a keyword (msgid, msgstr, ...) before it")
        if previous != (self.state == "previous"):
            raise _Error(
                number, "a #| string continues a keyword that is not #|" if previous else "a string continues a #| line"
            )
        self._same_obsolete(obsolete, number)
        self.target.append(text)

    def _same_obsolete(self, obsolete: bool, number: int) -> None:
        if self.obsolete is None:
            self.obsolete = obsolete
        elif self.obsolete != obsolete:
            raise _Error(number, "inconsistent use of #~ within one message")

    def _finish(self, number: int, messages: list[Unit]) -> None:
        self._need_string(number)
        if self.state in ("msgctxt", "msgid", "plural", "previous"):
            raise _Error(self.msgid_line or number, "the file ends inside a message that has no msgstr")
        if self.state in ("msgstr", "msgstr_n"):
            self._emit(messages)

    def _emit(self, messages: list[Unit]) -> None:
        parts, comments = self.parts, self.comments
        joined = {key: "".join(value) for key, value in parts.items()}
        flags = tuple(flag.strip() for line in comments[","] for flag in line.split(",") if flag.strip())
        plural = joined.get("msgid_plural")
        plurals = tuple("".join(form) for form in self.plural)
        target = joined.get("msgstr", "")
        state = state_of(target, FUZZY_FLAG in flags, plurals, plural is not None)
        messages.append(
            Unit(
                source=joined["msgid"],
                target=target,
                state=state,
                notes=tuple(comments["."]),
                comments=tuple(comments["#"]),
                locations=_locations(comments[":"]),
                previous_source=joined.get("previous_msgid"),
                context=joined.get("msgctxt"),
                flags=tuple(flag for flag in flags if flag != FUZZY_FLAG),
                source_plural=plural,
                target_plurals=plurals,
                previous_context=joined.get("previous_msgctxt"),
                previous_source_plural=joined.get("previous_msgid_plural"),
                obsolete=bool(self.obsolete),
                line=self.msgid_line,
                first_line=self.start_line or self.msgid_line,
                origin=self.where,
            )
        )
        self._reset()


_LOCATION = patterns.compile(r"\u2068[^\u2069]*\u2069(?::\S*)?|\S+")
"""One `#:` reference: a file name wrapped in U+2068…U+2069 (it holds spaces, as xgettext ≥ 0.20 writes it), or a word."""


def _locations(lines: list[str]) -> tuple[str, ...]:
    """The references of `#:` lines, file names unwrapped: `a.txt:3`, `my file.txt:9`."""
    if not lines:
        return ()
    return tuple(
        token.replace("\u2068", "").replace("\u2069", "") for line in lines for token in _LOCATION.findall(line)
    )


def _is_header(unit: Unit) -> bool:
    return unit.source == "" and unit.context is None and not unit.obsolete


def _check(units: list[Unit]) -> Unit | None:
    """msgfmt -c's checks across messages; returns the header entry (None without one)."""
    seen: dict[tuple[str | None, str], int] = {}
    header: Unit | None = None
    for unit in units:
        key = (unit.context, unit.source)
        if key in seen:
            raise _Error(
                unit.line,
                f"duplicate message definition (first defined on line {seen[key]})",
                "merge the two entries into one (msgfmt -c reports it too)",
            )
        seen[key] = unit.line
        if header is None and _is_header(unit):
            header = unit
    nplurals = _plural_forms(header.target, header.line) if header is not None else None
    for unit in units:
        if unit.obsolete or unit is header:
            continue
        if unit.source_plural is not None and header is not None:  # without a header msgfmt -c only warns
            if nplurals is None:
                raise _Error(
                    unit.line,
                    "a plural message, but the header has no nplurals= and plural= (Plural-Forms)",
                    "add e.g. 'Plural-Forms: nplurals=2; plural=(n != 1);' to the header",
                )
            if len(unit.target_plurals) != nplurals:
                raise _Error(
                    unit.line, f"{len(unit.target_plurals)} plural forms, but the header says nplurals={nplurals}"
                )
    return header


def header_fields(msgstr: str) -> dict[str, str]:
    """The `Name: value` fields of a header msgstr (a line without a colon continues the field before it)."""
    fields: dict[str, str] = {}
    key = None
    for line in msgstr.splitlines():
        name, colon, value = line.partition(":")
        if colon:
            key = name
            fields[key] = value.strip()
        elif key is not None:
            fields[key] += "\n" + line.strip()
    return fields


_NPLURALS = patterns.compile(r"nplurals=\s*(\d*)")
_PLURAL = patterns.compile(r"(?<!n)plural=([^;\n]*)")
_PLURAL_TOKEN = patterns.compile(r"\s*(?:(\d+)|(n)|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()]))")


def _plural_forms(header: str, line: int) -> int | None:
    """nplurals of the header's plural= and nplurals= (msgfmt looks for them anywhere in the header);
    None when either is missing; _Error when they are invalid."""
    count = _NPLURALS.search(header)
    expression = _PLURAL.search(header)
    if count is None or expression is None:
        return None
    if not count.group(1):
        raise _Error(line, "Plural-Forms: nplurals= is not a number", "write e.g. nplurals=2; plural=(n != 1);")
    nplurals = int(count.group(1))
    try:
        evaluate = _PluralExpression(expression.group(1)).parse()
    except ValueError as error:
        raise _Error(
            line, f"invalid plural expression in Plural-Forms: {error}", "write it in C syntax, e.g. plural=(n != 1);"
        ) from None
    if nplurals < 1:
        raise _Error(line, "Plural-Forms: nplurals must be at least 1")
    for n in range(1001):
        try:
            value = evaluate(n)
        except ZeroDivisionError:
            raise _Error(line, f"Plural-Forms: the plural expression divides by zero for n={n}") from None
        if not 0 <= value < nplurals:
            raise _Error(line, f"Plural-Forms: nplurals={nplurals} but the plural expression gives {value} for n={n}")
    return nplurals


class _PluralExpression:
    """A C plural expression as msgfmt reads it (?:, ||, &&, comparisons, + - * / %, !, n, numbers)."""

    _LEVELS = (("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"))
    _APPLY = {
        "||": lambda a, b: int(bool(a) or bool(b)),
        "&&": lambda a, b: int(bool(a) and bool(b)),
        "==": lambda a, b: int(a == b),
        "!=": lambda a, b: int(a != b),
        "<": lambda a, b: int(a < b),
        ">": lambda a, b: int(a > b),
        "<=": lambda a, b: int(a <= b),
        ">=": lambda a, b: int(a >= b),
        "+": lambda a, b: a + b,
        "-": lambda a, b: a - b,
        "*": lambda a, b: a * b,
        "/": lambda a, b: a // b,
        "%": lambda a, b: a % b,
    }

    def __init__(self, text: str) -> None:
        self.tokens: list[str] = []
        position, text = 0, text.strip()
        while position < len(text):
            match = _PLURAL_TOKEN.match(text, position)
            if match is None or match.end() == position:
                raise ValueError(f"unexpected {text[position:].strip()[:10]!r}")
            self.tokens.append(match.group().strip())
            position = match.end()
        self.position = 0

    def parse(self):
        function = self._ternary()
        if self.position != len(self.tokens):
            raise ValueError(f"unexpected {self.tokens[self.position]!r}")
        return function

    def _peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _take(self, expected: str) -> None:
        if self._peek() != expected:
            raise ValueError(f"expected {expected!r}")
        self.position += 1

    def _ternary(self):
        condition = self._binary(0)
        if self._peek() != "?":
            return condition
        self.position += 1
        then = self._ternary()
        self._take(":")
        otherwise = self._ternary()
        return lambda n: then(n) if condition(n) else otherwise(n)

    def _binary(self, level: int):
        if level == len(self._LEVELS):
            return self._unary()
        left = self._binary(level + 1)
        while self._peek() in self._LEVELS[level]:
            apply = self._APPLY[self.tokens[self.position]]
            self.position += 1
            right = self._binary(level + 1)
            left = (lambda f, a, b: lambda n: f(a(n), b(n)))(apply, left, right)
        return left

    def _unary(self):
        token = self._peek()
        if token is None:
            raise ValueError("the expression ends too early")
        self.position += 1
        if token == "!":
            inner = self._unary()
            return lambda n: int(not inner(n))
        if token == "(":
            inner = self._ternary()
            self._take(")")
            return inner
        if token == "n":
            return lambda n: n
        if token.isdigit():
            value = int(token)
            return lambda n: value
        raise ValueError(f"unexpected {token!r}")


# --- files: bytes to a Catalog, a Catalog to bytes


def read_catalog(path: str | Path) -> Catalog:
    """Read a PO file strictly: CatalogError with file:line for anything GNU msgfmt -c refuses (see the module)."""
    raw = read_bytes(path, noun="PO file")
    if raw[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde"):  # the GNU .mo magic number, either byte order
        raise CatalogError(
            "a compiled .mo file, not a PO file", str(path), f"get its PO text with `msgunfmt {path} -o FILE.po`"
        )
    if b"\x00" in raw:
        raise CatalogError("not a PO file: contains NUL bytes (binary data?)", str(path), "pass a .po text file")
    return parse(_decode(raw, str(path)).removeprefix("\ufeff"), str(path))


_UTF8_HINT = "save the file as UTF-8 and set 'Content-Type: text/plain; charset=UTF-8'"
_CHARSET = patterns.compile(rb"charset=([A-Za-z0-9_\-]+)")


def _decode(raw: bytes, where: str) -> str:
    """The text of a PO file: UTF-8, or the charset its header declares (a UTF-8 file declaring another is refused)."""
    match = _CHARSET.search(raw[:4096])
    declared = match.group(1).decode("ascii").lower() if match else None
    codec = _known_codec(declared) if declared not in ("utf-8", None) else None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if codec is None:
            raise CatalogError(f"invalid UTF-8 at byte {error.start}", where, _UTF8_HINT) from None
        try:
            return raw.decode(codec)
        except UnicodeDecodeError as error:
            raise CatalogError(f"invalid {declared} at byte {error.start}", where, _UTF8_HINT) from None
    if codec not in ("utf-8", None) and not raw.isascii():
        # Read as declared, UTF-8 text would turn into mojibake and be written back that way.
        raise CatalogError(
            f"declares charset={declared} but its text is UTF-8",
            where,
            "set 'Content-Type: text/plain; charset=UTF-8' in its header",
        )
    return text


def _known_codec(name: str) -> str | None:
    """Python's name for a charset, or None when Python does not know it (the file is then read as UTF-8)."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


WRAP_WIDTH = 0
"""No line wrapping (like `msgcat --no-wrap`): one line per note and per string, so notes read back intact and diffs stay small."""

DATE_FORMAT = "%Y-%m-%d %H:%M%z"
"""PO header date format, e.g. 2026-11-23 04:10+0000."""

STAMP_FIELD = "X-Toolkit-Stamp"
"""Header field: a hash of what a complete draft was made from (source, glossary, toolkit version)."""

_STAMP_LINE = patterns.compile(rb'^"X-Toolkit-Stamp: ([0-9a-f]+)\\n"', re.MULTILINE)


def build_header(
    old: dict[str, str],
    *,
    project: str,
    source_language: str,
    generator: str,
    now: datetime,
    revised: str | None = None,
) -> dict[str, str]:
    """The header fields of a PO file the toolkit writes: English, UTF-8, the source's script in X-Source-Language.

    Fields of `old` (the file's current header) are kept where a translator or tool set them; `revised` is the
    PO-Revision-Date for a new file (default: `now`). The stamp is the caller's to add.
    """
    stamp = now.strftime(DATE_FORMAT)
    fields = {
        "Project-Id-Version": old.get("Project-Id-Version") or project,
        "Report-Msgid-Bugs-To": old.get("Report-Msgid-Bugs-To", ""),
        "POT-Creation-Date": stamp,
        "PO-Revision-Date": old.get("PO-Revision-Date") or revised or stamp,
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


def render(catalog: Catalog) -> str:
    """The PO text of a catalogue, as `write_catalog` writes it (msgcat --no-wrap layout, fuzzy first among flags)."""
    import polib

    po = polib.POFile(wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    po.header = "\n".join(catalog.header_comments)
    po.metadata = dict(catalog.header)
    po.metadata_is_fuzzy = FUZZY_FLAG in catalog.header_flags
    for unit in catalog.units:
        po.append(_polib_entry(unit))
    return po.__unicode__()


def write_catalog(path: str | Path, catalog: Catalog) -> None:
    """Write a catalogue atomically (temporary file, then rename): the file is either as it was or complete."""
    atomic_write(path, render(catalog))


def recorded_stamp(path: str | Path) -> str | None:
    """The X-Toolkit-Stamp in the first 4 KB of a PO file (None if absent or unreadable)."""
    try:
        head = read_bytes(path, noun="PO file")[:4096]
    except ToolkitError:
        return None
    match = _STAMP_LINE.search(head)
    return match.group(1).decode("ascii") if match else None


def _polib_entry(unit: Unit):
    import polib

    return polib.POEntry(
        msgid=unit.source,
        msgstr=unit.target,
        msgctxt=unit.context,
        msgid_plural=unit.source_plural or "",
        msgstr_plural=dict(enumerate(unit.target_plurals)),
        occurrences=[] if unit.obsolete else [_occurrence(location) for location in unit.locations],
        comment="\n".join(unit.notes),
        tcomment="\n".join(unit.comments),
        flags=([FUZZY_FLAG] if unit.fuzzy else []) + list(unit.flags),
        previous_msgctxt=unit.previous_context,
        previous_msgid=unit.previous_source,
        previous_msgid_plural=unit.previous_source_plural,
        obsolete=unit.obsolete,
    )


def _occurrence(location: str) -> tuple[str, str]:
    """A location as polib's (file, line); a file name with spaces wrapped in U+2068…U+2069, as xgettext ≥ 0.20 does."""
    path, colon, line = location.rpartition(":")
    if not colon or not line.isdigit():
        path, line = location, ""
    return (f"\u2068{path}\u2069" if re.search(r"\s", path) else path), line
