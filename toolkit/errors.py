"""One error hierarchy. The library raises these; only the CLI turns them into a line and an exit code."""

from __future__ import annotations

_CONTROLS = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F)} | {0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}
_CONTROLS |= {0x85: "\\x85", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def one_line(text: str) -> str:
    """`text` with every character that would break or hide a line (a newline in a file name, ...) as its escape."""
    return text.translate(_CONTROLS)


class ToolkitError(Exception):
    """A problem the user can fix: what went wrong, where, and what to do about it."""

    exit_code = 2

    def __init__(self, what: str, where: str | None = None, hint: str | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        line = f"{self.where}: {self.what}" if self.where else self.what
        return one_line(f"{line} — {self.hint}" if self.hint else line)


class InputError(ToolkitError):
    """A source document that cannot be read or decoded."""


class CatalogError(ToolkitError):
    """A PO file that cannot be read, or cannot be merged into."""


class GlossaryError(ToolkitError):
    """A glossary that does not load or does not validate.

    `problems` holds every `file:line: message` found; `str()` is the first one plus a count.
    """

    def __init__(self, problems: list[str], hint: str | None = "fix the glossary and run again") -> None:
        self.problems = list(problems)
        first = self.problems[0] if self.problems else "invalid glossary"
        more = f" (and {len(self.problems) - 1} more problems)" if len(self.problems) > 1 else ""
        super().__init__(first + more, None, hint)


class ModelError(ToolkitError):
    """A translation model package that is missing, invalid or cannot be installed."""


class OutputError(ToolkitError):
    """An output location that cannot be written."""


class LockError(ToolkitError):
    """Another run holds the output directory."""
