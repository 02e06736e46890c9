"""TMX 1.4b: write aligned pairs for CAT tools (OmegaT, Trados, memoQ) and read TMX files as memory units.

Writing: one <tu> per pair, `srclang` zh-CN or zh-TW by script, English as `xml:lang="en"`; pairs that a
translator has not confirmed (alignment output) carry `<prop type="x-toolkit-status">fuzzy</prop>`.
Reading is strict: a file that is not well-formed TMX is refused with its line, never half-read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from toolkit import __version__
from toolkit.errors import CatalogError, OutputError
from toolkit.memory import Unit

SOURCE_LANGUAGES = {"zh_Hans": "zh-CN", "zh_Hant": "zh-TW"}
"""TMX language code of the Chinese side, by script."""

STATUS_PROP = "x-toolkit-status"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_HINT = "export the memory again from its CAT tool, or fix the file by hand"


@dataclass(frozen=True)
class TranslationUnit:
    """One pair to write: Chinese, English, whether a translator confirmed it, and notes (score, lines)."""

    source: str
    target: str
    confirmed: bool = False
    notes: tuple[str, ...] = ()
    props: tuple[tuple[str, str], ...] = ()


def render_tmx(units: Iterable[TranslationUnit], script: str = "zh_Hans", now: datetime | None = None) -> str:
    """The TMX 1.4b document for `units`."""
    srclang = SOURCE_LANGUAGES[script]
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
        '<tmx version="1.4">',
        f'  <header creationtool="toolkit" creationtoolversion={quoteattr(__version__)} segtype="sentence" '
        f'o-tmf="toolkit" adminlang="en" srclang="{srclang}" datatype="plaintext" creationdate="{stamp}"/>',
        "  <body>",
    ]
    for number, unit in enumerate(units, 1):
        lines.append(f'    <tu tuid="{number}">')
        lines.extend(f"      <note>{_text(note)}</note>" for note in unit.notes)
        props = unit.props if unit.confirmed else ((STATUS_PROP, "fuzzy"), *unit.props)
        lines.extend(f"      <prop type={quoteattr(kind)}>{_text(value)}</prop>" for kind, value in props)
        lines.append(f'      <tuv xml:lang="{srclang}"><seg>{_text(unit.source)}</seg></tuv>')
        lines.append(f'      <tuv xml:lang="en"><seg>{_text(unit.target)}</seg></tuv>')
        lines.append("    </tu>")
    lines += ["  </body>", "</tmx>", ""]
    return "\n".join(lines)


def _text(text: str) -> str:
    """Escaped element text; a character XML 1.0 cannot hold (a control character) is refused, not dropped."""
    bad = _NOT_XML.search(text)
    if bad:
        raise OutputError(f"cannot write U+{ord(bad.group()):04X} (a control character) into TMX: {text[:40]!r}",
                          None, "remove the control character from the source document")
    return escape(text)


def read_tmx(path: str | Path) -> list[Unit]:
    """The Chinese→English pairs of a TMX file as memory units (either direction of the file works)."""
    where = str(path)
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        line, column = error.position
        raise CatalogError(f"not well-formed XML at line {line}, column {column + 1}", where, _HINT) from None
    except OSError as error:
        raise CatalogError(f"cannot read: {error.strerror}", where, "check the path and its permissions") from None
    if root.tag != "tmx" or root.find("body") is None:
        raise CatalogError("not a TMX file (no <tmx> with a <body>)", where, _HINT)
    units = []
    for tu in root.find("body").iter("tu"):
        source = target = None
        for tuv in tu.findall("tuv"):
            language = (tuv.get(_XML_LANG) or tuv.get("lang") or "").lower()
            seg = tuv.find("seg")
            if seg is None:
                raise CatalogError(f"a <tuv> without <seg> in unit {tu.get('tuid', '?')}", where, _HINT)
            if language.startswith("zh") and source is None:
                source = _segment_text(seg)
            elif language.startswith("en") and target is None:
                target = _segment_text(seg)
        fuzzy = any(prop.get("type") == STATUS_PROP and (prop.text or "") == "fuzzy" for prop in tu.findall("prop"))
        if source and target:
            units.append(Unit(source, target, not fuzzy, where))
    return units


def _segment_text(seg: ElementTree.Element) -> str:
    """A <seg>'s text without its inline codes (<bpt>, <ept>, <ph>, <it>: native markup, not words)."""
    parts = [seg.text or ""]
    for child in seg:
        if child.tag == "hi":
            parts.append(_segment_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
