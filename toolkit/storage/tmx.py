"""TMX 1.4b: memory exchanged with CAT tools (OmegaT, Trados, memoQ, Phrase) and written by `toolkit align`.

Writing: one <tu> per unit, `srclang` zh-CN or zh-TW by script, English as `xml:lang="en"`; every unit says
whether a translator confirmed it, as `<prop type="x-toolkit-status">translated|fuzzy</prop>`.

Reading is strict (a file that is not well-formed TMX is refused with its line, never half-read) and careful
about trust: TMX has no standard review state, so a TMX from outside (a client, an MT vendor) is read as fuzzy
suggestions unless the caller says the file is reviewed (`trusted`, `toolkit draft --tm-trusted`). Even then a
unit the producing tool marks as unreviewed stays fuzzy: our own `x-toolkit-status` fuzzy, Trados
`x-ConfirmationLevel` Draft/Unspecified/Rejected…, XTM `x-xtm-status` "Not approved", or an MT origin
(`x-Origin`/`x-origin` MT, NMT, machine…). Language codes are matched by their primary subtag (zh-Hans-CN,
zh_TW, ZH, en-US, en-GB all count), either direction of the file works, and when one source has several
translations the most recently changed (`changedate`) comes first; `changeid`/`changedate` go into the unit's notes.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from toolkit.errors import CatalogError, OutputError
from toolkit.storage.units import State, Unit
from toolkit.textio import read_bytes
from toolkit.version import __version__
from toolkit.words import Script, primary_language

STATUS_PROP = "x-toolkit-status"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_HINT = "export the memory again from its CAT tool, or fix the file by hand"
_DECLARATION = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")

UNREVIEWED = {
    STATUS_PROP: ("fuzzy",),
    "x-confirmationlevel": ("draft", "unspecified", "nottranslated", "rejectedtranslation", "rejectedsignoff"),
    "x-xtm-status": ("not approved",),
    "x-origin": ("mt", "nmt", "machinetranslation", "machine translation", "adaptivemachinetranslation", "machine"),
}
"""Properties (type, lower-case) whose values say a unit is not reviewed: it stays fuzzy even in a trusted file."""

Props = Sequence[tuple[str, str]]


def render_tmx(
    units: Iterable[Unit],
    script: str = Script.SIMPLIFIED,
    now: datetime | None = None,
    props: Iterable[Props] | None = None,
) -> str:
    """The TMX 1.4b document for `units` (with `props`, one sequence of extra (type, value) properties per unit)."""
    srclang = Script(script).language_tag
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
        '<tmx version="1.4">',
        f'  <header creationtool="toolkit" creationtoolversion={quoteattr(__version__)} segtype="sentence" '
        f'o-tmf="toolkit" adminlang="en" srclang="{srclang}" datatype="plaintext" creationdate="{stamp}"/>',
        "  <body>",
    ]
    extra = iter(props) if props is not None else None
    for number, unit in enumerate(units, 1):
        lines.append(f'    <tu tuid="{number}">')
        lines.extend(f"      <note>{_text(note)}</note>" for note in unit.notes)
        status = "translated" if unit.translated else "fuzzy"
        for kind, value in ((STATUS_PROP, status), *(next(extra) if extra is not None else ())):
            lines.append(f"      <prop type={quoteattr(kind)}>{_text(value)}</prop>")
        lines.append(f'      <tuv xml:lang="{srclang}"><seg>{_text(unit.source)}</seg></tuv>')
        lines.append(f'      <tuv xml:lang="en"><seg>{_text(unit.target)}</seg></tuv>')
        lines.append("    </tu>")
    lines += ["  </body>", "</tmx>", ""]
    return "\n".join(lines)


def written_by_toolkit(data: bytes) -> bool:
    """Whether `data` is a TMX file the toolkit wrote (its header names toolkit as the creation tool)."""
    return b'<tmx version="1.4">' in data[:400] and b'creationtool="toolkit"' in data[:1000]


def _text(text: str) -> str:
    """Escaped element text; a character XML 1.0 cannot hold (a control character) is refused, not dropped."""
    bad = _NOT_XML.search(text)
    if bad:
        raise OutputError(
            f"cannot write U+{ord(bad.group()):04X} (a control character) into TMX: {text[:40]!r}",
            None,
            "remove the control character from the source document",
        )
    return escape(text)


def read_tmx(path: str | Path, *, trusted: bool = False) -> list[Unit]:
    """The Chinese→English pairs of a TMX file as units: fuzzy unless `trusted` (see the module for the markers)."""
    where = str(path)
    root = _parse(_decode(read_bytes(path, noun="TMX file"), where), where)
    body = root.find("body")
    if root.tag != "tmx" or body is None:
        raise CatalogError("not a TMX file (no <tmx> with a <body>)", where, _HINT)
    found: list[tuple[str, Unit]] = []
    for tu in body.iter("tu"):
        unit = _unit(tu, where, trusted)
        if unit is not None:
            found.append(unit)
    found.sort(key=lambda pair: pair[0], reverse=True)  # stable: newest first, file order among equals
    return [unit for _, unit in found]


def _unit(tu: ElementTree.Element, where: str, trusted: bool) -> tuple[str, Unit] | None:
    source = target = None
    changed, by = tu.get("changedate", ""), tu.get("changeid", "")
    for tuv in tu.findall("tuv"):
        language = primary_language(tuv.get(_XML_LANG) or tuv.get("lang") or "")
        seg = tuv.find("seg")
        if seg is None:
            raise CatalogError(f"a <tuv> without <seg> in unit {tu.get('tuid', '?')}", where, _HINT)
        if language == "zh" and source is None:
            source = segment_text(seg)
        elif language == "en" and target is None:
            target = segment_text(seg)
            changed, by = tuv.get("changedate", changed), tuv.get("changeid", by)
    if not source or not target:
        return None
    reviewed = trusted and not _marked_unreviewed(tu)
    notes = tuple(f"{label}: {value}" for label, value in (("changed by", by), ("changed", changed)) if value)
    return changed, Unit(source, target, State.TRANSLATED if reviewed else State.FUZZY, notes=notes, origin=where)


def _marked_unreviewed(tu: ElementTree.Element) -> bool:
    for prop in tu.findall("prop"):
        values = UNREVIEWED.get((prop.get("type") or "").lower())
        if values and (prop.text or "").strip().lower() in values:
            return True
    return False


def segment_text(seg: ElementTree.Element) -> str:
    """A <seg>'s text without its inline codes (<bpt>, <ept>, <ph>, <it>: native markup, not words); <hi> and
    keeps its text. Walked without recursion, so no depth of nesting can exhaust the stack."""
    parts: list[str] = []
    stack: list[tuple[ElementTree.Element, bool]] = [(seg, True)]
    while stack:
        element, opening = stack.pop()
        if not opening:
            parts.append(element.tail or "")
            continue
        if element is seg or element.tag == "hi":
            parts.append(element.text or "")
            for child in reversed(element):
                stack.append((child, False))
                stack.append((child, True))
        # inline codes: their content is skipped, their tail kept (pushed as the closing step above)
    return "".join(parts)


def _decode(raw: bytes, where: str) -> str:
    """The text of an XML file: by its byte-order mark, else its declared encoding, else UTF-8."""
    if raw.startswith(codecs.BOM_UTF8):
        encoding, raw = "utf-8", raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        declared = _DECLARATION.match(raw)
        encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise CatalogError(f"declares an unknown encoding {encoding!r}", where, "save the TMX as UTF-8") from None
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as error:
        raise CatalogError(f"invalid {encoding} at byte offset {error.start}", where, "save the TMX as UTF-8") from None


def _parse(text: str, where: str) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        line, column = error.position
        raise CatalogError(f"not well-formed XML at line {line}, column {column + 1}", where, _HINT) from None
