"""Every rule in one table, in the order findings for one line are reported, and choosing among them."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from toolkit.check import facts, rules, status, terms
from toolkit.check.model import ERROR, WARNING, Rule
from toolkit.check.sets import inconsistent_translation
from toolkit.errors import ToolkitError

RULES = (
    Rule(
        "wrong-direction",
        "file",
        WARNING,
        "the catalogue does not translate from Chinese; its entries are not checked",
        status.wrong_direction,
    ),
    Rule(
        "term-forbidden",
        "entry",
        ERROR,
        "the target uses a rendering the glossary forbids",
        terms.term_forbidden,
        glossary=True,
        applies=facts.has_forbidden_term,
    ),
    Rule(
        "term-missing",
        "entry",
        ERROR,
        "the target lacks the approved form (or a variant) of a source term",
        terms.term_missing,
        glossary=True,
        applies=facts.has_translated_term,
    ),
    Rule(
        "dnt-changed",
        "entry",
        ERROR,
        "a do-not-translate term or Latin name is not in the target verbatim",
        terms.dnt_changed,
        glossary=True,
        applies=facts.has_dnt_term_or_latin,
    ),
    Rule(
        "number-mismatch",
        "entry",
        ERROR,
        "a number of the source is not in the target as the same value",
        rules.number_mismatch,
        applies=facts.has_number,
    ),
    Rule(
        "date-mismatch",
        "entry",
        ERROR,
        "a date (or year, month, day) of the source is not in the target",
        rules.date_mismatch,
        applies=facts.has_date,
    ),
    Rule(
        "chinese-left",
        "entry",
        ERROR,
        "Chinese text left in the English (outside a parenthesised original)",
        rules.chinese_left,
        applies=facts.has_han_target,
    ),
    Rule(
        "fullwidth-punctuation",
        "entry",
        WARNING,
        "Chinese or full-width punctuation, digits or letters in the English",
        rules.fullwidth_punctuation,
        applies=facts.has_fullwidth_target,
    ),
    Rule(
        "url-changed",
        "entry",
        ERROR,
        "a URL of the source is not in the target byte for byte",
        rules.url_changed,
        applies=facts.has_url,
    ),
    Rule(
        "email-changed",
        "entry",
        ERROR,
        "an e-mail address of the source is not in the target byte for byte",
        rules.email_changed,
        applies=facts.has_at_sign,
    ),
    Rule(
        "same-as-source",
        "entry",
        ERROR,
        "a confirmed target is a copy of its Chinese source",
        rules.same_as_source,
        applies=facts.is_copy,
    ),
    Rule(
        "inconsistent-translation",
        "set",
        WARNING,
        "the same source sentence is translated differently",
        inconsistent_translation,
    ),
    Rule(
        "untranslated",
        "status",
        ERROR,
        "an entry has no translation (the gate of --strict)",
        status.untranslated,
        default=False,
    ),
    Rule("fuzzy", "status", ERROR, "an entry is still fuzzy (the gate of --strict)", status.fuzzy, default=False),
)
"""Every rule, in the order findings for one line are reported."""

RULE_NAMES = tuple(rule.name for rule in RULES)
"""The rule ids, for --enable/--disable and the configuration file."""

DEFAULT_RULES = frozenset(rule.name for rule in RULES if rule.default)
"""The rules that run unless disabled."""

GLOSSARY_RULES = frozenset(rule.name for rule in RULES if rule.glossary)
"""The rules that need a glossary (they only look at Latin names without one)."""


def select_rules(
    enable: Iterable[str] = (),
    disable: Iterable[str] = (),
    base: Iterable[str] = DEFAULT_RULES,
    where: str | None = None,
) -> frozenset[str]:
    """The rules to run: `base`, plus `enable`, minus `disable`; ToolkitError naming an unknown rule id."""
    enable, disable = list(enable), list(disable)
    for name in enable + disable:
        if name not in RULE_NAMES:
            raise ToolkitError(f"unknown rule {name!r}", where, f"rules are: {', '.join(RULE_NAMES)}")
    return (frozenset(base) | frozenset(enable)) - frozenset(disable)


def rules_of(scope: str, selected: Collection[str]) -> tuple[Rule, ...]:
    """The selected rules of one scope, in table order."""
    return tuple(rule for rule in RULES if rule.scope == scope and rule.name in selected)
