"""A strict PO reader: PO text -> Message records, refusing what GNU `msgfmt -c` refuses, with file:line.

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

import re
from typing import NamedTuple

from toolkit.errors import CatalogError

SYNTAX_HINT = "fix it there (msgfmt -c reports it too)"


class Message(NamedTuple):
    """One PO message as written: its strings, comments, flags and its line (of msgctxt if it has one, else msgid)."""

    line: int
    msgid: str
    msgstr: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    translator_comments: tuple[str, ...] = ()  # "# ..." lines, without the "# "
    extracted_comments: tuple[str, ...] = ()  # "#. ..." lines
    references: tuple[str, ...] = ()  # the text of "#: ..." lines
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    first_line: int = 0  # where the message starts: its first comment, #| line or keyword

    @property
    def fuzzy(self) -> bool:
        """Whether the message is flagged fuzzy ("Needs work" in Poedit)."""
        return "fuzzy" in self.flags

    @property
    def is_header(self) -> bool:
        """Whether this is the header entry (msgid "" without context)."""
        return self.msgid == "" and self.msgctxt is None and not self.obsolete


class Catalog(NamedTuple):
    """A parsed PO file: its messages (header included) in file order, and the header fields."""

    messages: list[Message]
    metadata: dict[str, str]


# One line holding at most a keyword and one string: nearly every line of a real PO file.
_SIMPLE = re.compile(r'[ \t\f\v]*(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)?[ \t\f\v]*"([^"\\]*(?:\\.[^"\\]*)*)"[ \t\f\v\r]*')
_TOKEN = re.compile(
    r'[ \t\f\v\r]*(?:'
    r'(?P<keyword>[A-Za-z_$][A-Za-z0-9_$]*)'
    r'|\[[ \t\f\v\r]*(?P<index>\d+)[ \t\f\v\r]*\]'
    r'|"(?P<string>[^"\\]*(?:\\.[^"\\]*)*)"'
    r'|(?P<open>"[^"\\]*(?:\\.[^"\\]*)*\\?$)'
    r'|(?P<comment>#.*)'
    r'|(?P<junk>\S)'
    r'|$)'
)
_ESCAPE = re.compile(r'\\(?:([ntbrfva\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.?))', re.DOTALL)
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
            messages, position, line = _plain_messages(text)
            if position < len(text):
                messages.extend(_Parser(text[position:], line - 1).messages())
        except _Error as error:
            error.what = f"PO syntax error: {error.what}"
            raise
        metadata = _check(messages)
    except _Error as error:
        raise CatalogError(error.what, f"{where}:{error.line}", error.hint) from None
    return Catalog(messages, metadata)


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
            raise _Error(line, f"escape {match.group()} stands for a NUL or non-ASCII byte, which is not read as text",
                         "write the character itself (the file is UTF-8)")
        return chr(value)

    return _ESCAPE.sub(replace, body)


_STRING = r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"[ \t\r]*\n'
_MORE = r'(?:"[^"\\\n]*(?:\\.[^"\\\n]*)*"[ \t\r]*\n)*'
_PLAIN = re.compile(
    r'((?:#(?:[^~|\n][^\n]*)?\n)*)'  # comments, but no #| or #~
    r'(?:#\|[ \t]*msgid[ \t]*' + _STRING.replace("(", "(?P<previous>", 1)
    + r'(?P<previous_more>(?:#\|[ \t]*' + _MORE[3:-2] + r')*))?'
    r'(?P<entry_at>)(?:msgctxt[ \t]*' + _STRING.replace("(", "(?P<msgctxt>", 1) + r'(?P<msgctxt_more>' + _MORE + r'))?'
    r'msgid[ \t]*' + _STRING.replace("(", "(?P<msgid>", 1) + r'(?P<msgid_more>' + _MORE + r')'
    r'msgstr[ \t]*' + _STRING.replace("(", "(?P<msgstr>", 1) + r'(?P<msgstr_more>' + _MORE + r')'
    r'(?:[ \t\r]*\n)*(?=[#m]|\Z)'
)
_CONTINUATION = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')


def _plain_messages(text: str) -> tuple[list[Message], int, int]:
    """The leading run of plain messages (comments, #| msgid, msgctxt, msgid, msgstr), read with one regex each.

    Returns the messages, where the run stopped and that position's line; the line parser reads the rest.
    """
    messages: list[Message] = []
    append = messages.append
    match_at = _PLAIN.match
    count = text.count
    position, line = 0, 1
    while True:
        match = match_at(text, position)
        if match is None:
            return messages, position, line
        comments, previous, previous_more, _, msgctxt, msgctxt_more, msgid, msgid_more, msgstr, msgstr_more = match.groups()
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
            append(Message(msgid_line, msgid, msgstr, msgctxt, None, (), flags, tuple(kinds["#"]),
                           tuple(kinds["."]), tuple(kinds[":"]), None, previous, None, False, line))
        else:
            append(Message(msgid_line, msgid, msgstr, msgctxt, None, (), (), (), (), (), None, previous, None, False,
                           msgid_line if previous is None else line))
        end = match.end()
        line += count("\n", position, end)
        position = end


class _Parser:
    """msgfmt's grammar over the lines of a PO file: tokens are keywords, strings and comments."""

    def __init__(self, text: str, offset: int = 0) -> None:
        self.lines = text.split("\n")
        self.offset = offset

    def messages(self) -> list[Message]:
        messages: list[Message] = []
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
                    self._keyword(keyword if index is None else "msgstr", number, False, False, messages,
                                  None if index is None else int(index))
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

    def _tokens(self, text: str, number: int, obsolete: bool, previous: bool, messages: list[Message]) -> None:
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
                raise _Error(number, "msgstr without a quoted string" if not self.plural else "msgstr[...] without its index")
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
                raise _Error(number, "a string that is not closed (its closing \" is missing)")
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

    def _comment(self, line: str, number: int, messages: list[Message]) -> None:
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

    def _keyword(self, keyword: str, number: int, obsolete: bool, previous: bool, messages: list[Message],
                 index: int | None) -> None:
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
                raise _Error(self.msgid_line or number, "a message without msgstr (the next message starts here)"
                             if keyword == "msgid" else "msgctxt inside a message that has no msgstr yet")
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
                raise _Error(number, "msgstr without a msgid before it" if state in ("idle", "previous", "msgctxt")
                             else "msgstr without its own msgid (a second msgstr, or msgstr before msgid)")
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
            raise _Error(number, "a #| string continues a keyword that is not #|" if previous
                         else "a string continues a #| line")
        self._same_obsolete(obsolete, number)
        self.target.append(text)

    def _same_obsolete(self, obsolete: bool, number: int) -> None:
        if self.obsolete is None:
            self.obsolete = obsolete
        elif self.obsolete != obsolete:
            raise _Error(number, "inconsistent use of #~ within one message")

    def _finish(self, number: int, messages: list[Message]) -> None:
        self._need_string(number)
        if self.state in ("msgctxt", "msgid", "plural", "previous"):
            raise _Error(self.msgid_line or number, "the file ends inside a message that has no msgstr")
        if self.state in ("msgstr", "msgstr_n"):
            self._emit(messages)

    def _emit(self, messages: list[Message]) -> None:
        parts, comments = self.parts, self.comments
        joined = {key: "".join(value) for key, value in parts.items()}
        flags = tuple(flag.strip() for line in comments[","] for flag in line.split(",") if flag.strip())
        messages.append(Message(
            line=self.msgid_line,
            msgid=joined["msgid"],
            msgstr=joined.get("msgstr", ""),
            msgctxt=joined.get("msgctxt"),
            msgid_plural=joined.get("msgid_plural"),
            msgstr_plural=tuple("".join(form) for form in self.plural),
            flags=flags,
            translator_comments=tuple(comments["#"]),
            extracted_comments=tuple(comments["."]),
            references=tuple(comments[":"]),
            previous_msgctxt=joined.get("previous_msgctxt"),
            previous_msgid=joined.get("previous_msgid"),
            previous_msgid_plural=joined.get("previous_msgid_plural"),
            obsolete=bool(self.obsolete),
            first_line=self.start_line or self.msgid_line,
        ))
        self._reset()


def _check(messages: list[Message]) -> dict[str, str]:
    """msgfmt -c's checks across messages; returns the header fields."""
    seen: dict[tuple[str | None, str], int] = {}
    header: Message | None = None
    for message in messages:
        key = (message.msgctxt, message.msgid)
        if key in seen:
            raise _Error(message.line, f"duplicate message definition (first defined on line {seen[key]})",
                         "merge the two entries into one (msgfmt -c reports it too)")
        seen[key] = message.line
        if message.is_header:
            header = message
    metadata = header_fields(header.msgstr) if header is not None else {}
    nplurals = _plural_forms(header.msgstr, header.line) if header is not None else None
    for message in messages:
        if message.obsolete or message.is_header:
            continue
        if message.msgid_plural is not None and header is not None:  # without a header msgfmt -c only warns
            if nplurals is None:
                raise _Error(message.line, "a plural message, but the header has no nplurals= and plural= (Plural-Forms)",
                             "add e.g. 'Plural-Forms: nplurals=2; plural=(n != 1);' to the header")
            if len(message.msgstr_plural) != nplurals:
                raise _Error(message.line, f"{len(message.msgstr_plural)} plural forms, but the header says nplurals={nplurals}")
    return metadata


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


_NPLURALS = re.compile(r"nplurals=\s*(\d*)")
_PLURAL = re.compile(r"(?<!n)plural=([^;\n]*)")
_PLURAL_TOKEN = re.compile(r"\s*(?:(\d+)|(n)|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()]))")


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
        raise _Error(line, f"invalid plural expression in Plural-Forms: {error}", "write it in C syntax, e.g. plural=(n != 1);") from None
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
        "||": lambda a, b: int(bool(a) or bool(b)), "&&": lambda a, b: int(bool(a) and bool(b)),
        "==": lambda a, b: int(a == b), "!=": lambda a, b: int(a != b), "<": lambda a, b: int(a < b),
        ">": lambda a, b: int(a > b), "<=": lambda a, b: int(a <= b), ">=": lambda a, b: int(a >= b),
        "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
        "/": lambda a, b: a // b, "%": lambda a, b: a % b,
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
