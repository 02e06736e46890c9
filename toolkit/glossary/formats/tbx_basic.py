"""TBX-Basic (ISO 30042, TBX v2 `martif type="TBX-Basic"`) for terminology tools: one `termEntry` per concept.

The Chinese `langSet` holds the term as written, then every other spelling the toolkit matches, each with its
`geographicalUsage` (zh-Hans, zh-Hant, zh-TW, zh-HK; none for a name respelt with another name dot). The
English `langSet` holds one `tig` per rendering with its `administrativeStatus` after the `term`: preferredTerm
(the approved English), admittedTerm (variants), deprecatedTerm (forbidden renderings, each with its own `note`).
The row's note is the entry's `note`. Only TBX-Basic data categories: a do-not-translate term is an English term
identical to its Latin source (TBX-Basic has no do-not-translate category; import reads such a pair as dnt).

Not for Weblate: Translate Toolkit 3.19.x (Weblate's pin) reads a concept holding a deprecated term as obsolete
and Weblate drops it, and Weblate sees only the first term of each language (see tbx.py, the default export).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from toolkit.glossary.formats.tbx import (
    ADMITTED,
    DEPRECATED,
    FOOTER,
    PREFERRED,
    by_chinese,
    escape,
    header,
    language_tag,
    read,
    term_element,
)
from toolkit.glossary.model import Term

__all__ = ["read", "write"]

DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
XCS = '<p type="XCSURI">TBXBasicXCSV02.xcs</p>'


def write(terms: Sequence[Term], cache_dir: Path | None = None, language: str = "zh") -> tuple[str, int]:
    """The TBX-Basic file and its number of term entries (one per Chinese term); `language`: the Chinese xml:lang."""
    language = language_tag(language)
    out = header("TBX-Basic", DOCTYPE, XCS, language)
    groups = by_chinese(terms, cache_dir)
    for number, (zh, forms, group) in enumerate(groups, start=1):
        approved = next((term for term in group if term.type != "forbidden"), None)
        out.append(f'      <termEntry id="c{number}">')
        if approved is not None and approved.note:
            out.append(f"        <note>{escape(approved.note)}</note>")
        out.append(f'        <langSet xml:lang="{language}">')
        out.append(f"          <tig><term>{escape(zh)}</term></tig>")
        for form, tag in forms.items():
            usage = f'<termNote type="geographicalUsage">{tag}</termNote>' if tag else ""
            out.append(f"          <tig><term>{escape(form)}</term>{usage}</tig>")
        out.append("        </langSet>")
        out.append('        <langSet xml:lang="en">')
        for term in group:
            if term.type == "forbidden":
                note = f"<note>{escape(term.note)}</note>" if term.note else ""
                out.append(f"          <tig>{term_element(term.en, DEPRECATED)}{note}</tig>")
                continue
            out.append(f"          <tig>{term_element(term.en, PREFERRED)}</tig>")
            out.extend(f"          <tig>{term_element(variant, ADMITTED)}</tig>" for variant in term.variants)
        out.append("        </langSet>")
        out.append("      </termEntry>")
    return "\n".join(out + FOOTER) + "\n", len(groups)
