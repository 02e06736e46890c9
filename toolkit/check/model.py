"""The records of a check run: the entry a rule looks at, a finding, a file's summary, a rule, a run's result."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

ERROR = "error"
WARNING = "warning"


class Translation(NamedTuple):
    """One PO entry as the checks see it: source, target, and where it is (plural forms joined by newlines)."""

    file: str
    line: int
    msgid: str
    msgstr: str
    fuzzy: bool = False


class Finding(NamedTuple):
    """One problem: where, which rule, how bad, and what to do."""

    file: str
    line: int
    rule: str
    severity: str
    message: str
    msgid: str = ""
    msgstr: str = ""


@dataclass(frozen=True)
class Summary:
    """Entry counts for one PO file, and whether its entries were checked."""

    file: str
    translated: int
    fuzzy: int
    untranslated: int
    checked: bool = True


@dataclass(frozen=True)
class Rule:
    """A named check and what it looks at.

    `scope` says what `check` takes and yields: "file" (the parsed catalogue) -> messages for the file;
    "entry" (entry, glossary matches) -> messages for the entry; "set" (all entries) -> (entry, message) pairs;
    "status" (entry) -> messages about an entry left untranslated or fuzzy (off unless asked for).
    `glossary` rules need glossary matches or a Latin name in the source; `default` says whether it runs
    unless disabled; `applies` (entry rules) is the cheap test of toolkit.check.facts telling whether the
    rule can have anything to say about an entry (glossary rules: entry, matches): when it says no, the rule
    is not called.
    """

    name: str
    scope: str
    severity: str
    description: str
    check: Callable
    glossary: bool = False
    default: bool = True
    applies: Callable | None = None


@dataclass
class CheckResult:
    """Everything one check run found."""

    findings: list[Finding] = field(default_factory=list)
    summaries: list[Summary] = field(default_factory=list)
    workers: int = 1
    """How many processes checked the files."""


def finding(entry: Translation, rule: Rule, message: str) -> Finding:
    """The finding of `rule` on `entry`."""
    return Finding(entry.file, entry.line, rule.name, rule.severity, message, entry.msgid, entry.msgstr)
