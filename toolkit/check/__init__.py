"""Checks for translated PO catalogues: Finding records, rules in one table, reporters apart from rules.

Entry rules look at one entry and the glossary matches in its source; set rules look at all entries at once;
file rules at a file's header. Every rule shares one pass over the entries: the glossary is matched with one
Aho–Corasick pass per source sentence, and each rule first tests cheaply whether it has anything to look at.
The glossary-free rules (numbers, dates, leftover Chinese, ...) are in toolkit.check.rules.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from toolkit.storage.files import po_files
from toolkit.storage.po import read_catalog
from toolkit.check import rules
from toolkit.errors import ToolkitError
from toolkit.glossary import Glossary, TermMatch, contains_phrase, contains_verbatim
from toolkit.script import EMAIL, HAN as _HAN, url_spans

if TYPE_CHECKING:
    from toolkit.storage.units import Catalog

ERROR = "error"
WARNING = "warning"

_LATIN_LETTER = regex.compile(r"[A-Za-z]")
_LATIN_TOKEN = regex.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]+(?:[-.'’&+][A-Za-z0-9]+)*")
_LATIN_GAP = regex.compile(r"[ \t\u00a0]+")
# A parenthesised run of Latin text right after a Chinese term glosses that term: (scaling laws), （GW）.
_GLOSS = regex.compile(r"[（(][^（）()\p{Han}]*[)）]")


@dataclass(frozen=True)
class Translation:
    """One PO entry as the checks see it: source, target, and where it is."""

    file: str
    line: int
    msgid: str
    msgstr: str
    fuzzy: bool = False


@dataclass(frozen=True)
class Finding:
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

    `scope` says what `check` takes and yields: "file" (headers, entries) -> messages for the file;
    "entry" (entry, glossary matches) -> messages for the entry; "set" (all entries) -> (entry, message) pairs;
    "status" (entry) -> messages about an entry left untranslated or fuzzy (off unless asked for).
    `glossary` rules need glossary matches or a Latin name in the source; `default` says whether it runs
    unless disabled.
    """

    name: str
    scope: str
    severity: str
    description: str
    check: Callable
    glossary: bool = False
    default: bool = True


@dataclass
class CheckResult:
    """Everything one check run found."""

    findings: list[Finding] = field(default_factory=list)
    summaries: list[Summary] = field(default_factory=list)


def term_missing(entry: Translation, matches: Sequence[TermMatch]) -> Iterator[str]:
    """A glossary term in the source whose approved English (or a variant) is not in the target."""
    for match in _required(entry, matches):
        concept = match.concept
        if concept.dnt or concept.accepted_in(entry.msgstr) or concept.forbidden_in(entry.msgstr, matches):
            continue
        also = f" (or {', '.join(repr(v) for v in concept.variants)})" if concept.variants else ""
        yield f"{match.surface} should be translated as {concept.en!r}{also}"


def term_forbidden(entry: Translation, matches: Sequence[TermMatch]) -> Iterator[str]:
    """A rendering the glossary forbids for a term of the source is in the target."""
    for match in _distinct(matches):
        for rendering in match.concept.forbidden_in(entry.msgstr, matches):
            yield f"{match.surface} must not be rendered as {rendering!r}; use {match.concept.en!r}"


def dnt_changed(entry: Translation, matches: Sequence[TermMatch]) -> Iterator[str]:
    """A do-not-translate term, or a Latin name written in the Chinese source, missing verbatim from the target."""
    for match in _required(entry, matches):
        concept = match.concept
        if not concept.dnt or concept.accepted_in(entry.msgstr) or concept.forbidden_in(entry.msgstr, matches):
            continue
        # The source's own Latin spelling, kept as written, is kept verbatim too (Deepseek for DeepSeek).
        if _LATIN_LETTER.search(match.surface) and contains_verbatim(entry.msgstr, match.surface):
            continue
        yield f"{match.surface} is do-not-translate: keep {concept.en!r} verbatim"
    for name in latin_names(entry.msgid, matches):
        if not contains_phrase(entry.msgstr, name):
            yield f"Latin name {name!r} from the source is missing from the target: keep it verbatim"


def inconsistent_translation(entries: Sequence[Translation]) -> Iterator[tuple[Translation, str]]:
    """The same source sentence translated differently anywhere in the checked set: every entry involved."""
    groups: dict[str, dict[str, Translation]] = {}
    for entry in entries:
        groups.setdefault(entry.msgid.strip(), {}).setdefault(" ".join(entry.msgstr.split()), entry)
    for entry in entries:
        translations = groups[entry.msgid.strip()]
        if len(translations) < 2:
            continue
        own = " ".join(entry.msgstr.split())
        others = "; ".join(f"{e.file}:{e.line}: {e.msgstr!r}" for text, e in translations.items() if text != own)
        yield entry, f"same source translated differently at {others}"


def wrong_direction(metadata: dict[str, str], entries: Sequence[Translation]) -> Iterator[str]:
    """Why a catalogue is not Chinese→English, if it is not: the headers, unless the entries plainly are."""
    if _reads_chinese_to_english(entries):
        return
    source = metadata.get("X-Source-Language", "").strip()
    target = metadata.get("Language", "").strip()
    if source and not source.lower().startswith("zh"):
        yield f"source language is {source!r} (X-Source-Language), not Chinese: entries not checked"
    elif not source and target.lower().startswith("zh"):
        yield (f"translates into Chinese (Language: {target}), not from it: entries not checked "
               "(toolkit check reads Chinese→English catalogues)")
    elif entries and not any(_HAN.search(entry.msgid) for entry in entries):
        yield "no msgid contains Chinese: not a Chinese→English catalogue; entries not checked"


def _reads_chinese_to_english(entries: Sequence[Translation]) -> bool:
    """Most translated entries have Chinese in the msgid and none in the msgstr."""
    translated = [entry for entry in entries if entry.msgstr]
    forward = sum(1 for e in translated if _HAN.search(e.msgid) and not _HAN.search(e.msgstr))
    return bool(translated) and forward * 2 > len(translated)


def untranslated(entry: Translation) -> Iterator[str]:
    """An entry without a translation (for a gate that wants every entry done)."""
    if not entry.msgstr:
        yield "not translated yet"


def fuzzy(entry: Translation) -> Iterator[str]:
    """An entry still flagged fuzzy ("Needs work" in Poedit)."""
    if entry.fuzzy:
        yield "still fuzzy (Needs work in Poedit): review it and clear the flag"


RULES = (
    Rule("wrong-direction", "file", WARNING,
         "the catalogue does not translate from Chinese; its entries are not checked", wrong_direction),
    Rule("term-forbidden", "entry", ERROR, "the target uses a rendering the glossary forbids", term_forbidden,
         glossary=True),
    Rule("term-missing", "entry", ERROR, "the target lacks the approved form (or a variant) of a source term",
         term_missing, glossary=True),
    Rule("dnt-changed", "entry", ERROR, "a do-not-translate term or Latin name is not in the target verbatim",
         dnt_changed, glossary=True),
    Rule("number-mismatch", "entry", ERROR, "a number of the source is not in the target as the same value",
         rules.number_mismatch),
    Rule("date-mismatch", "entry", ERROR, "a date (or year, month, day) of the source is not in the target",
         rules.date_mismatch),
    Rule("chinese-left", "entry", ERROR, "Chinese text left in the English (outside a parenthesised original)",
         rules.chinese_left),
    Rule("fullwidth-punctuation", "entry", WARNING, "Chinese or full-width punctuation, digits or letters in the English",
         rules.fullwidth_punctuation),
    Rule("url-changed", "entry", ERROR, "a URL of the source is not in the target byte for byte", rules.url_changed),
    Rule("email-changed", "entry", ERROR, "an e-mail address of the source is not in the target byte for byte",
         rules.email_changed),
    Rule("same-as-source", "entry", ERROR, "a confirmed target is a copy of its Chinese source", rules.same_as_source),
    Rule("inconsistent-translation", "set", WARNING, "the same source sentence is translated differently",
         inconsistent_translation),
    Rule("untranslated", "status", ERROR, "an entry has no translation (the gate of --strict)",
         untranslated, default=False),
    Rule("fuzzy", "status", ERROR, "an entry is still fuzzy (the gate of --strict)", fuzzy, default=False),
)
"""Every rule, in the order findings for one line are reported."""

RULE_NAMES = tuple(rule.name for rule in RULES)
"""The rule ids, for --enable/--disable and the configuration file."""

DEFAULT_RULES = frozenset(rule.name for rule in RULES if rule.default)
"""The rules that run unless disabled."""

GLOSSARY_RULES = frozenset(rule.name for rule in RULES if rule.glossary)
"""The rules that need a glossary (they only look at Latin names without one)."""


def select_rules(enable: Iterable[str] = (), disable: Iterable[str] = (), base: Iterable[str] = DEFAULT_RULES,
                 where: str | None = None) -> frozenset[str]:
    """The rules to run: `base`, plus `enable`, minus `disable`; ToolkitError naming an unknown rule id."""
    enable, disable = list(enable), list(disable)
    for name in enable + disable:
        if name not in RULE_NAMES:
            raise ToolkitError(f"unknown rule {name!r}", where, f"rules are: {', '.join(RULE_NAMES)}")
    return (frozenset(base) | frozenset(enable)) - frozenset(disable)


def _rules(scope: str, selected: Collection[str]) -> tuple[Rule, ...]:
    return tuple(rule for rule in RULES if rule.scope == scope and rule.name in selected)


def check_entries(entries: Iterable[Translation], glossary: Glossary | None = None,
                  selected: Collection[str] = DEFAULT_RULES) -> list[Finding]:
    """Run the selected entry and set rules over in-memory entries (all of them; filter fuzzy ones before)."""
    entries = list(entries)
    findings: list[Finding] = []
    entry_rules = _rules("entry", selected)
    glossary_rules = tuple(rule for rule in entry_rules if rule.glossary)
    plain_rules = tuple(rule for rule in entry_rules if not rule.glossary)
    latin = _LATIN_LETTER.search
    for entry in entries:
        matches = glossary.find(entry.msgid) if glossary is not None else []
        if glossary_rules and (matches or latin(entry.msgid)):
            for rule in glossary_rules:
                for message in rule.check(entry, matches):
                    findings.append(_finding(entry, rule, message))
        for rule in plain_rules:
            for message in rule.check(entry, matches):
                findings.append(_finding(entry, rule, message))
    for rule in _rules("set", selected):
        findings.extend(_finding(entry, rule, message) for entry, message in rule.check(entries))
    findings.sort(key=lambda f: (f.file, f.line))
    return findings


def check_catalogs(paths: Sequence[str | Path], glossary: Glossary | None = None, include_fuzzy: bool = False,
                   selected: Collection[str] = DEFAULT_RULES) -> CheckResult:
    """Check the PO files at `paths` (files or directories, searched recursively) as one set."""
    result = CheckResult()
    entries: list[Translation] = []
    status_rules = _rules("status", selected)
    for path in po_files(paths):
        file_entries, summary, metadata = catalog_entries(read_catalog(path), str(path))
        file_findings = [Finding(str(path), 1, rule.name, rule.severity, message)
                         for rule in _rules("file", selected) for message in rule.check(metadata, file_entries)]
        result.summaries.append(summary if not file_findings else replace(summary, checked=False))
        result.findings.extend(file_findings)
        if file_findings:
            continue
        for rule in status_rules:
            result.findings.extend(_finding(entry, rule, message) for entry in file_entries for message in rule.check(entry))
        entries.extend(e for e in file_entries if e.msgstr and (include_fuzzy or not e.fuzzy))
    result.findings.extend(check_entries(entries, glossary, selected))
    result.findings.sort(key=lambda f: (f.file, f.line))
    return result


def catalog_entries(catalog: Catalog, file: str) -> tuple[list[Translation], Summary, dict[str, str]]:
    """The live entries of a parsed catalogue as Translation records, its summary and its header fields."""
    entries = []
    translated = fuzzy_count = untranslated_count = 0
    for unit in catalog.units:
        if unit.obsolete or not unit.source:
            continue
        if unit.source_plural is not None:
            forms = unit.target_plurals
            msgstr = "\n".join(forms) if forms and all(forms) else ""
            msgid = f"{unit.source}\n{unit.source_plural}"
        else:
            msgstr, msgid = unit.target, unit.source
        is_fuzzy = unit.fuzzy
        if is_fuzzy:
            fuzzy_count += 1
        elif msgstr:
            translated += 1
        else:
            untranslated_count += 1
        entries.append(Translation(file, unit.line, msgid, msgstr, is_fuzzy))
    return entries, Summary(file, translated, fuzzy_count, untranslated_count), catalog.header


def latin_names(source: str, matches: Sequence[TermMatch] = ()) -> list[str]:
    """Latin-script names in a Chinese source that the target must keep: GPT-4, DeepSeek-R1, Sam Altman.

    Left out: text without Chinese, URLs and e-mail addresses, parenthesised glosses of a Chinese term,
    runs of English prose (two or more lowercase words), lowercase words, single letters, and anything
    inside a glossary match (the glossary decides those).
    """
    if not _LATIN_LETTER.search(source) or not _HAN.search(source):
        return []
    covered = [(m.start, m.end) for m in matches]
    covered += url_spans(source) + [m.span() for m in EMAIL.finditer(source)]
    covered += [m.span() for m in _GLOSS.finditer(source)]
    names: list[str] = []
    for run in _latin_runs(source):
        words = [token for token, _, _ in run]
        if sum(1 for word in words if word.islower() and len(word) > 1) >= 2:
            continue
        for token, start, end in run:
            if any(a <= start and end <= b for a, b in covered):
                continue
            if len(token) > 1 and (token.lower() != token or any(c.isdigit() for c in token)) \
                    and any(c.isalpha() for c in token) and token not in names:
                names.append(token)
    return names


def _latin_runs(source: str) -> list[list[tuple[str, int, int]]]:
    runs: list[list[tuple[str, int, int]]] = []
    previous_end = None
    for match in _LATIN_TOKEN.finditer(source):
        token = (match.group(), match.start(), match.end())
        if previous_end is not None and _LATIN_GAP.fullmatch(source, previous_end, match.start()):
            runs[-1].append(token)
        else:
            runs.append([token])
        previous_end = match.end()
    return runs


def _required(entry: Translation, matches: Sequence[TermMatch]) -> list[TermMatch]:
    """The distinct matches the target must render: a term that only glosses the term before it in
    parentheses, as in 通用人工智能（AGI）, is checked through that term alone."""
    if len(matches) < 2:
        return list(matches)
    glosses = {index for index in range(1, len(matches)) if _is_gloss(entry.msgid, matches[index - 1], matches[index])}
    return _distinct([match for index, match in enumerate(matches) if index not in glosses])


def _is_gloss(source: str, before: TermMatch, match: TermMatch) -> bool:
    opening = source[before.end:match.start].strip()
    return opening in ("(", "（") and source[match.end:match.end + 2].strip()[:1] in (")", "）")


def _distinct(matches: Sequence[TermMatch]) -> list[TermMatch]:
    if len(matches) < 2:
        return list(matches)
    seen: set[int] = set()
    distinct = []
    for match in matches:
        if id(match.concept) not in seen:
            seen.add(id(match.concept))
            distinct.append(match)
    return distinct


def _finding(entry: Translation, rule: Rule, message: str) -> Finding:
    return Finding(entry.file, entry.line, rule.name, rule.severity, message, entry.msgid, entry.msgstr)


def format_text(finding: Finding) -> str:
    """`file:line: rule: message`, the form editors and grep understand."""
    return f"{finding.file}:{finding.line}: {finding.rule}: {finding.message}"


def format_json(finding: Finding) -> str:
    """One JSON object on one line (JSON Lines)."""
    return json.dumps({"file": finding.file, "line": finding.line, "rule": finding.rule,
                       "severity": finding.severity, "msgid": finding.msgid, "msgstr": finding.msgstr,
                       "message": finding.message}, ensure_ascii=False)


def format_github(finding: Finding) -> str:
    """A GitHub Actions workflow command, shown as an annotation on the PO file line."""
    def escape_property(text: str) -> str:
        return escape_data(text).replace(":", "%3A").replace(",", "%2C")

    def escape_data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    return (f"::{finding.severity} file={escape_property(finding.file)},line={finding.line},"
            f"title={escape_property(finding.rule)}::{escape_data(finding.message)}")


REPORTERS: dict[str, Callable[[Finding], str]] = {"text": format_text, "json": format_json, "github": format_github}
"""The output formats of `toolkit check --format`."""

REPORTER_NAMES = tuple(REPORTERS)


def format_summary(summary: Summary) -> str:
    """One line per file: entry counts, and whether it was checked."""
    counts = f"{summary.translated} translated, {summary.fuzzy} fuzzy, {summary.untranslated} untranslated"
    return f"{summary.file}: {counts}" + ("" if summary.checked else " (not checked: wrong direction)")
