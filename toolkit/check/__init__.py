"""Checks for translated PO catalogues: records, rules in one table, a runner, reporters apart from rules.

    model.py    Translation (an entry as the rules see it), Finding, Summary, Rule, CheckResult
    facts.py    the cheap pre-pass: which entry rules can apply to an entry at all
    terms.py    glossary rules (term-missing, term-forbidden, dnt-changed) and Latin names in a source
    rules.py    the rules that need no glossary: numbers, dates, leftover Chinese, punctuation, URLs, copies
    numbers.py  numbers and dates as values, in Chinese and in English
    status.py   wrong-direction, and the --strict gate (untranslated, fuzzy)
    sets.py     rules over the whole checked set (inconsistent-translation)
    table.py    every rule in one table, and choosing among them (--enable/--disable)
    runner.py   one pass over each entry, file by file, on a process pool when there are many files
    report.py   text, JSON Lines and GitHub annotations
    config.py   [tool.toolkit.check] / toolkit.toml settings

This face only hands names out, each imported from its module on first use (the CLI reads the rule and
format names at start-up without paying for the rules).
"""

from __future__ import annotations

from toolkit.lazy import lazy_face

_HOMES = {
    "model": ("ERROR", "WARNING", "CheckResult", "Finding", "Rule", "Summary", "Translation"),
    "terms": ("dnt_changed", "latin_names", "term_forbidden", "term_missing"),
    "status": ("fuzzy", "untranslated", "wrong_direction"),
    "sets": ("inconsistent_translation",),
    "table": ("DEFAULT_RULES", "GLOSSARY_RULES", "RULES", "RULE_NAMES", "select_rules"),
    "runner": ("catalog_entries", "check_catalogs", "check_entries", "check_file"),
    "report": ("REPORTERS", "REPORTER_NAMES", "format_github", "format_json", "format_summary", "format_text"),
}
__getattr__, __all__ = lazy_face(__name__, _HOMES)
