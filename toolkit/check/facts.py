"""The cheap pre-pass: for each entry rule, one test telling whether it can have anything to say about an entry.

A rule is called only on entries its test admits (a digit or Chinese numeral in the source for numbers, a date
marker for dates, Han or full-width characters in the target for leftovers, `://` or `@` for addresses), so a
rule costs nothing on the entries it has nothing to say about. Each test is a superset of what its rule looks
for: leaving it out changes how long a check takes, never what it finds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.check.numbers import dateish, numberish
from toolkit.check.rules import FULLWIDTH_CHAR
from toolkit.check.terms import LATIN_LETTER
from toolkit.script import has_han

if TYPE_CHECKING:
    from collections.abc import Sequence

    from toolkit.check.model import Translation
    from toolkit.glossary.model import TermMatch

_fullwidth = FULLWIDTH_CHAR.search
_latin = LATIN_LETTER.search


def has_number(entry: Translation) -> bool:
    """The source holds a digit, or a Chinese numeral before a numeral, a measure word or a unit."""
    return numberish(entry.msgid)


def has_date(entry: Translation) -> bool:
    """The source holds a date marker: a digit or numeral before 年, 月, 日 or 号, or digits written as a date."""
    return dateish(entry.msgid)


def has_han_target(entry: Translation) -> bool:
    """The target holds a Han character (never when it is all ASCII, which str knows without looking)."""
    return has_han(entry.msgstr)


def has_fullwidth_target(entry: Translation) -> bool:
    """The target holds Chinese or full-width punctuation, digits or letters (none of them ASCII)."""
    target = entry.msgstr
    return not target.isascii() and _fullwidth(target) is not None


def has_url(entry: Translation) -> bool:
    """The source holds `://` or `www.`."""
    return "://" in entry.msgid or "www." in entry.msgid


def has_at_sign(entry: Translation) -> bool:
    """The source holds an @."""
    return "@" in entry.msgid


def is_copy(entry: Translation) -> bool:
    """The target is the source again (spaces around either aside)."""
    return entry.msgstr.strip() == entry.msgid.strip()


# The glossary rules' tests also see the glossary matches of the source.


def has_forbidden_term(entry: Translation, matches: Sequence[TermMatch]) -> bool:
    """A term of the source has a forbidden rendering."""
    for match in matches:
        if match.concept.forbidden:
            return True
    return False


def has_translated_term(entry: Translation, matches: Sequence[TermMatch]) -> bool:
    """A term of the source is to be translated (not do-not-translate)."""
    for match in matches:
        if not match.concept.dnt:
            return True
    return False


def has_dnt_term_or_latin(entry: Translation, matches: Sequence[TermMatch]) -> bool:
    """A do-not-translate term, or a Latin letter (a Latin name may be there), in the source."""
    for match in matches:
        if match.concept.dnt:
            return True
    return _latin(entry.msgid) is not None
