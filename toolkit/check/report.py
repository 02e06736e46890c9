"""How findings and per-file summaries are printed: text (file:line: rule: message), JSON Lines, GitHub annotations."""

from __future__ import annotations

from collections.abc import Callable

from toolkit.check.model import Finding, Summary


def format_text(finding: Finding) -> str:
    """`file:line: rule: message`, the form editors and grep understand."""
    return f"{finding.file}:{finding.line}: {finding.rule}: {finding.message}"


def format_json(finding: Finding) -> str:
    """One JSON object on one line (JSON Lines)."""
    import json  # only for --format json

    return json.dumps(
        {
            "file": finding.file,
            "line": finding.line,
            "rule": finding.rule,
            "severity": finding.severity,
            "msgid": finding.msgid,
            "msgstr": finding.msgstr,
            "message": finding.message,
        },
        ensure_ascii=False,
    )


def format_github(finding: Finding) -> str:
    """A GitHub Actions workflow command, shown as an annotation on the PO file line."""

    def escape_property(text: str) -> str:
        return escape_data(text).replace(":", "%3A").replace(",", "%2C")

    def escape_data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    return (
        f"::{finding.severity} file={escape_property(finding.file)},line={finding.line},"
        f"title={escape_property(finding.rule)}::{escape_data(finding.message)}"
    )


REPORTERS: dict[str, Callable[[Finding], str]] = {"text": format_text, "json": format_json, "github": format_github}
"""The output formats of `toolkit check --format`."""

REPORTER_NAMES = tuple(REPORTERS)


def format_summary(summary: Summary) -> str:
    """One line per file: entry counts, and whether it was checked."""
    counts = f"{summary.translated} translated, {summary.fuzzy} fuzzy, {summary.untranslated} untranslated"
    return f"{summary.file}: {counts}" + ("" if summary.checked else " (not checked: wrong direction)")
