"""XLIFF 1.2 and 2.0: PO catalogues written for CAT tools (memoQ, Trados, OmegaT, Phrase, Weblate) and read back.

Writing: one document per catalogue (or several <file>s in one), `source-language`/`srcLang` zh-CN or zh-TW by
the script, `target-language`/`trgLang` en; one unit per live PO entry, its id a digest of msgctxt and msgid
(`unit_id`: stable while the entry's source is, whatever is added or removed around it). What a PO entry holds
goes where the CAT tools look for it (1.2 as translate-toolkit's po2xliff writes it):

    PO                  XLIFF 1.2                                    XLIFF 2.0
    msgid / msgstr      <source> / <target>                          <segment><source> / <target>
    untranslated        <target state="needs-translation"/>          state="initial", no <target>
    #, fuzzy            state="needs-review-translation" approved=no state="initial" with a <target>
    translated          state="translated" approved="yes"            state="translated"
    #. (glossary ...)   <note from="developer">                      <note category="developer">
    # (translator)      <note from="translator">                     <note category="translator">
    #: file:line        <context-group purpose="location">           <mda:meta type="location">
    msgctxt, flags      <context-group purpose="information">        <mda:meta type="msgctxt"> / "flags"
                        (x-po-msgctxt, x-po-flags)
    #| msgid           <alt-trans origin="previous">                <mda:meta type="previous-msgid">
    msgid_plural        <group restype="x-gettext-plurals">, one     refused: XLIFF 2.0 has no plural forms
                        trans-unit per form (id[0], id[1], ...)
    (as exported)       <context context-type="x-toolkit-exported">  <mda:meta type="exported">

The last row is a digest of the entry's translation, state and comments at export (`exported_digest`): the
import tells by it what the CAT tool changed from what was changed in the PO file meanwhile.

A character XML 1.0 cannot hold (a control character other than tab and newline) is refused in 1.2 and written
as <cp hex="..."/> in a 2.0 <source>/<target>; a carriage return is written as &#13; so that it reads back.

Reading is strict and safe: the XML is parsed by expat with no DTD internal subset, no entity declarations and
no external entities (no entity expansion, no XXE); a file that is not well-formed XLIFF 1.2 or 2.0 is refused
with its line, never half-read. States map back as the table says, and generously for what other tools write:
1.2 signed-off/final and 2.0 reviewed/final are translated; needs-review-*, needs-adaptation, needs-l10n are
fuzzy; a target whose state still says it needs translation (or says nothing, without approved="yes") is fuzzy:
a translation nobody confirmed. Inline markup a plain PO string cannot hold (<ph>, <x/>, <bpt>, <sc>, ...) is
refused; the text inside <g>, <mrk>, <pc> is read.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple
from xml.etree import ElementTree
from xml.sax.saxutils import escape, quoteattr

from toolkit.errors import CatalogError, OutputError
from toolkit.storage.units import Catalog, State, Unit
from toolkit.textio import read_bytes
from toolkit.version import __version__

VERSIONS = ("1.2", "2.0")
XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_20 = "urn:oasis:names:tc:xliff:document:2.0"
METADATA = "urn:oasis:names:tc:xliff:metadata:2.0"
SUFFIXES = (".xlf", ".xliff")
_NAMESPACES = {XLIFF_12: "1.2", XLIFF_20: "2.0"}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_HINT = "export it again with `toolkit xliff export`, or fix the file by hand"
_MARK = re.compile(rb"\A<\?xml [^>]*\?>\n<!-- toolkit (\S+) xliff export; digest ([0-9a-f]{64}) -->\n")

_EXPORTED = "x-toolkit-exported"
DEVELOPER = "developer"
"""The origin (1.2 `from`, 2.0 `category`) of PO `#.` notes: the toolkit's, read-only in the CAT tool."""
TRANSLATOR = "translator"
"""The origin of PO `# ` comments; a note of any other origin comes back as a translator comment too."""

_OUT_12 = {
    State.UNTRANSLATED: "needs-translation",
    State.FUZZY: "needs-review-translation",
    State.TRANSLATED: "translated",
}
_TRANSLATED_12 = {"translated", "signed-off", "final"}
_FUZZY_12 = {
    "needs-review-translation",
    "needs-review-adaptation",
    "needs-review-l10n",
    "needs-adaptation",
    "needs-l10n",
}
_TRANSLATED_20 = {"translated", "reviewed", "final"}
_KEPT_INLINE = {"g", "mrk", "pc", "sm", "em"}
"""Inline elements whose text is the unit's text (or that hold none): read through. Any other inline is refused."""


class XliffUnit(NamedTuple):
    """One unit of an XLIFF file: its id, what it says as a Unit, and whether it carried any note at all."""

    id: str
    unit: Unit
    noted: bool
    """Whether the unit held a <note> other than the toolkit's own (developer) ones: a tool that strips notes, or
    only the translator's, returns none of those, and must not erase the PO's translator comments."""
    exported: str | None = None
    """What the entry was when exported (`exported_digest`), if the unit says: tells a CAT tool's change from a
    change made in the PO file meanwhile."""


class XliffFile(NamedTuple):
    """One <file> of an XLIFF document."""

    original: str
    source_language: str
    target_language: str
    units: tuple[XliffUnit, ...]
    line: int


class XliffDocument(NamedTuple):
    """An XLIFF document as read: its version and its files."""

    version: str
    files: tuple[XliffFile, ...]
    path: str


def translation_digest(unit: Unit) -> str:
    """A digest of an entry's translation and state (every plural form)."""
    forms = unit.target_plurals if unit.source_plural is not None else (unit.target,)
    return hashlib.sha1("\x00".join((unit.state.value, *forms)).encode("utf-8")).hexdigest()[:12]


def comments_digest(unit: Unit) -> str:
    """A digest of an entry's translator comments."""
    return hashlib.sha1("\n".join(unit.comments).encode("utf-8")).hexdigest()[:12]


def exported_digest(unit: Unit) -> str:
    """What a unit records of its entry at export: `TRANSLATION.COMMENTS` digests (x-toolkit-exported)."""
    return f"{translation_digest(unit)}.{comments_digest(unit)}"


def unit_id(unit: Unit) -> str:
    """The stable id of a PO entry in XLIFF: `u` and 12 hex digits of the SHA-1 of msgctxt EOT msgid (gettext's key)."""
    key = unit.source if unit.context is None else f"{unit.context}\x04{unit.source}"
    return "u" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


# --- writing


class Part(NamedTuple):
    """One catalogue to write as a <file>: its units, the name it is known by (`original`) and its language tag."""

    catalog: Catalog
    original: str
    source_language: str


def render_xliff(parts: Sequence[Part], version: str = "1.2") -> str:
    """The XLIFF document (1.2 or 2.0) holding one <file> per part; OutputError for what the version cannot hold."""
    if version not in VERSIONS:
        raise OutputError(f"unknown XLIFF version {version!r}", None, "pass --version 1.2 or 2.0")
    if version == "2.0":
        languages = sorted({part.source_language for part in parts})
        if len(languages) > 1:
            raise OutputError(
                f"one XLIFF 2.0 document has one source language, these files have {', '.join(languages)}",
                None,
                "export them to a directory (one file each), or as XLIFF 1.2",
            )
        body = [_file_20(part, number) for number, part in enumerate(parts, 1)]
        opening = (
            f'<xliff xmlns="{XLIFF_20}" xmlns:mda="{METADATA}" version="2.0" '
            f'srcLang={quoteattr(languages[0] if languages else "zh-CN")} trgLang="en">'
        )
    else:
        body = [_file_12(part) for part in parts]
        opening = f'<xliff xmlns="{XLIFF_12}" version="1.2">'
    document = "\n".join([opening, *body, "</xliff>", ""])
    digest = hashlib.sha256(document.encode("utf-8")).hexdigest()
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- toolkit {__version__} xliff export; digest {digest} -->\n'
        + document
    )


def written_by_toolkit(data: bytes) -> bool:
    """Whether `data` is an XLIFF file `render_xliff` wrote and nobody changed since (its digest still holds):
    a file a CAT tool or a translator saved is never "our earlier output", so an export never replaces it."""
    match = _MARK.match(data)
    return bool(match) and hashlib.sha256(data[match.end() :]).hexdigest() == match.group(2).decode()


def _live_units(part: Part) -> list[tuple[str, Unit]]:
    units, seen = [], {}
    for unit in part.catalog.live():
        if unit.source == "" and unit.context is None:
            continue  # a header-like entry: the catalogue's header is not a unit to translate
        identifier = unit_id(unit)
        if identifier in seen:
            raise OutputError(
                f"two entries share the XLIFF id {identifier} (lines {seen[identifier]} and {unit.line})",
                part.original,
                "report this: the id digest collided",
            )
        seen[identifier] = unit.line
        units.append((identifier, unit))
    return units


def _file_12(part: Part) -> str:
    lines = [
        f"  <file original={quoteattr(part.original)} source-language={quoteattr(part.source_language)} "
        f'target-language="en" datatype="po">',
        "    <header>",
        f'      <tool tool-id="toolkit" tool-name="toolkit" tool-version={quoteattr(__version__)}/>',
        "    </header>",
        "    <body>",
    ]
    for identifier, unit in _live_units(part):
        where = f"{part.original}:{unit.line}"
        if unit.source_plural is not None:
            lines.extend(_plural_12(identifier, unit, where))
        else:
            lines.append(f'      <trans-unit id="{identifier}" xml:space="preserve"{_approved(unit)}>')
            lines.extend(_segment_12(unit.source, unit.target, unit.state, where))
            lines.extend(_information_12(unit, where, "        "))
            lines.extend(
                _previous_12(
                    unit.previous_source, unit.previous_context, unit.previous_source_plural, unit.target, where
                )
            )
            lines.extend(_notes_12(unit, where, "        "))
            lines.append("      </trans-unit>")
    lines += ["    </body>", "  </file>"]
    return "\n".join(lines)


def _approved(unit: Unit) -> str:
    return {State.TRANSLATED: ' approved="yes"', State.FUZZY: ' approved="no"'}.get(unit.state, "")


def _segment_12(source: str, target: str, state: State, where: str, indent: str = "        ") -> list[str]:
    return [
        f"{indent}<source>{_text12(source, where)}</source>",
        f'{indent}<target state="{_OUT_12[state]}">{_text12(target, where)}</target>',
    ]


def _plural_12(identifier: str, unit: Unit, where: str) -> list[str]:
    lines = [f'      <group id="{identifier}" restype="x-gettext-plurals" xml:space="preserve">']
    lines.extend(_information_12(unit, where, "        "))
    lines.extend(_notes_12(unit, where, "        "))
    forms = unit.target_plurals or ("",)
    for index, form in enumerate(forms):
        lines.append(f'        <trans-unit id="{identifier}[{index}]" xml:space="preserve"{_approved(unit)}>')
        lines.extend(
            _segment_12(unit.source if index == 0 else unit.source_plural or "", form, unit.state, where, "          ")
        )
        if index == 0:
            lines.extend(
                _previous_12(
                    unit.previous_source, unit.previous_context, unit.previous_source_plural, form, where, "          "
                )
            )
        lines.append("        </trans-unit>")
    lines.append("      </group>")
    return lines


def _information_12(unit: Unit, where: str, indent: str) -> list[str]:
    lines = []
    entry = (
        ([("x-po-msgctxt", unit.context)] if unit.context is not None else [])
        + ([("x-po-flags", ", ".join(unit.flags))] if unit.flags else [])
        + [(_EXPORTED, exported_digest(unit))]
    )
    if entry:
        lines.append(f'{indent}<context-group purpose="information">')
        lines.extend(
            f'{indent}  <context context-type="{kind}">{_text12(value, where)}</context>' for kind, value in entry
        )
        lines.append(f"{indent}</context-group>")
    for location in unit.locations:
        path, line = _split_location(location)
        lines.append(f'{indent}<context-group purpose="location">')
        lines.append(f'{indent}  <context context-type="sourcefile">{_text12(path, where)}</context>')
        if line is not None:
            lines.append(f'{indent}  <context context-type="linenumber">{line}</context>')
        lines.append(f"{indent}</context-group>")
    return lines


def _previous_12(
    source: str | None, context: str | None, plural: str | None, target: str, where: str, indent: str = "        "
) -> list[str]:
    if source is None:
        return []
    lines = [
        f'{indent}<alt-trans origin="previous" alttranstype="previous-version">',
        f"{indent}  <source>{_text12(source, where)}</source>",
        f"{indent}  <target>{_text12(target, where)}</target>",
    ]
    entry = ([("x-po-msgctxt", context)] if context is not None else []) + (
        [("x-po-msgid-plural", plural)] if plural is not None else []
    )
    if entry:
        lines.append(f'{indent}  <context-group purpose="information">')
        lines.extend(
            f'{indent}    <context context-type="{kind}">{_text12(value, where)}</context>' for kind, value in entry
        )
        lines.append(f"{indent}  </context-group>")
    lines.append(f"{indent}</alt-trans>")
    return lines


def _notes_12(unit: Unit, where: str, indent: str) -> list[str]:
    return [f'{indent}<note from="{DEVELOPER}">{_text12(note, where)}</note>' for note in unit.notes] + [
        f'{indent}<note from="{TRANSLATOR}">{_text12(note, where)}</note>' for note in unit.comments
    ]


def _file_20(part: Part, number: int) -> str:
    lines = [f'  <file id="f{number}" original={quoteattr(part.original)}>']
    for identifier, unit in _live_units(part):
        where = f"{part.original}:{unit.line}"
        if unit.source_plural is not None:
            raise OutputError(
                "a plural entry (msgid_plural): XLIFF 2.0 has no plural forms",
                where,
                "export this file as XLIFF 1.2 (--version 1.2), which keeps them",
            )
        lines.append(f'    <unit id="{identifier}">')
        lines.extend(_metadata_20(unit, where))
        notes = [(DEVELOPER, note) for note in unit.notes] + [(TRANSLATOR, note) for note in unit.comments]
        if notes:
            lines.append("      <notes>")
            lines.extend(
                f'        <note category="{kind}">{_text12(note, where, _NOTE_HINT)}</note>' for kind, note in notes
            )
            lines.append("      </notes>")
        state = "translated" if unit.state is State.TRANSLATED else "initial"
        lines.append(f'      <segment state="{state}">')
        lines.append(f'        <source xml:space="preserve">{_text20(unit.source)}</source>')
        if unit.state is not State.UNTRANSLATED or unit.target:
            lines.append(f'        <target xml:space="preserve">{_text20(unit.target)}</target>')
        lines += ["      </segment>", "    </unit>"]
    lines.append("  </file>")
    return "\n".join(lines)


def _metadata_20(unit: Unit, where: str) -> list[str]:
    meta = (
        [("exported", exported_digest(unit))]
        + ([("msgctxt", unit.context)] if unit.context is not None else [])
        + ([("flags", ", ".join(unit.flags))] if unit.flags else [])
        + [("location", location) for location in unit.locations]
        + ([("previous-msgctxt", unit.previous_context)] if unit.previous_context is not None else [])
        + ([("previous-msgid", unit.previous_source)] if unit.previous_source is not None else [])
        + ([("previous-msgid-plural", unit.previous_source_plural)] if unit.previous_source_plural is not None else [])
    )
    if not meta:
        return []
    return [
        "      <mda:metadata>",
        '        <mda:metaGroup category="po">',
        *(f'          <mda:meta type="{kind}">{_text12(value, where, _NOTE_HINT)}</mda:meta>' for kind, value in meta),
        "        </mda:metaGroup>",
        "      </mda:metadata>",
    ]


_NOTE_HINT = "remove it from the PO comment or msgctxt (XLIFF 2.0 notes and metadata have no <cp>)"


def _split_location(location: str) -> tuple[str, str | None]:
    """`seeds/a.txt:7` -> ("seeds/a.txt", "7"), digits kept as written; without a line number -> (location, None)."""
    path, colon, line = location.rpartition(":")
    return (path, line) if colon and line.isdigit() and line.isascii() else (location, None)


def _text12(
    text: str,
    where: str,
    hint: str = "remove it in the PO file, or export as XLIFF 2.0 (--version 2.0), "
    "whose <source> and <target> can hold it as <cp>",
) -> str:
    """Escaped element text (a carriage return as &#13;); a character XML 1.0 cannot hold is refused."""
    bad = _NOT_XML.search(text)
    if bad:
        raise OutputError(
            f"U+{ord(bad.group()):04X} (a control character) cannot be written in XLIFF text: {text[:40]!r}",
            where,
            hint,
        )
    return escape(text).replace("\r", "&#13;")


def _text20(text: str) -> str:
    """Escaped XLIFF 2.0 source/target text: a character XML cannot hold becomes <cp hex="..."/>."""
    pieces, position = [], 0
    for bad in _NOT_XML.finditer(text):
        pieces.append(escape(text[position : bad.start()]))
        pieces.append(f'<cp hex="{ord(bad.group()):04X}"/>')
        position = bad.end()
    pieces.append(escape(text[position:]))
    return "".join(pieces).replace("\r", "&#13;")


# --- reading


def read_xliff(path: str) -> XliffDocument:
    """An XLIFF 1.2 or 2.0 file as read (CatalogError with file:line for anything that is not, see the module)."""
    where = str(path)
    root = parse_xml(read_bytes(path, noun="XLIFF file"), where)
    namespace = root.tag[1:].partition("}")[0] if root.tag.startswith("{") else ""
    version = _NAMESPACES.get(namespace)
    if root.tag != f"{{{namespace}}}xliff" or version is None:
        raise CatalogError(
            "not an XLIFF 1.2 or 2.0 file (its root is not <xliff> in the XLIFF 1.2 or 2.0 namespace)", where, _HINT
        )
    if root.get("version") != version:
        raise CatalogError(f"<xliff version={root.get('version')!r}> in the XLIFF {version} namespace", where, _HINT)
    reader = _Reader12(where) if version == "1.2" else _Reader20(where, root)
    files = tuple(reader.file(element) for element in root if element.tag == f"{{{namespace}}}file")
    if not files:
        raise CatalogError("an XLIFF file without any <file>", where, _HINT)
    return XliffDocument(version, files, where)


_LINE = "{toolkit}line"
"""The attribute the parser puts on every element: the line it starts on (for file:line messages)."""


def parse_xml(raw: bytes, where: str) -> ElementTree.Element:
    """Parse XML with expat and nothing that reaches outside the document: a DOCTYPE with an internal subset, an
    entity declaration or an external entity is refused (no entity expansion, no XXE). Every element gets
    the line it starts on as the `{toolkit}line` attribute."""
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator="}")
    builder = ElementTree.TreeBuilder()

    def start(name: str, attributes: dict[str, str]) -> None:
        attributes = {_qualified(key): value for key, value in attributes.items()}
        attributes[_LINE] = str(parser.CurrentLineNumber)
        builder.start(_qualified(name), attributes)

    def refuse(what: str):
        def handler(*_: object) -> None:
            raise CatalogError(
                f"{what} at line {parser.CurrentLineNumber}: XLIFF needs none, and it is not read", where, _HINT
            )

        return handler

    def doctype(name: str, system: str | None, public: str | None, internal: bool) -> None:
        if internal:
            refuse("a DOCTYPE with an internal subset (entity declarations)")()

    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = refuse("an entity declaration")
    parser.ExternalEntityRefHandler = refuse("an external entity")
    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: builder.end(_qualified(name))
    parser.CharacterDataHandler = builder.data
    parser.buffer_text = True
    try:
        parser.Parse(raw, True)
        return builder.close()
    except expat.ExpatError as error:
        raise CatalogError(
            f"not well-formed XML at line {error.lineno}, column {error.offset + 1}: {expat.ErrorString(error.code)}",
            where,
            _HINT,
        ) from None
    except (LookupError, ValueError) as error:
        raise CatalogError(f"cannot read the XML: {error}", where, "save the XLIFF as UTF-8") from None


def _qualified(name: str) -> str:
    return "{" + name if "}" in name else name


def _line(element: ElementTree.Element) -> int:
    return int(element.get(_LINE, "0"))


class _Reader:
    """What both versions share: inline text and the file's own checks."""

    namespace = ""

    def __init__(self, where: str) -> None:
        self.where = where
        self.seen: dict[str, int] = {}

    def tag(self, name: str) -> str:
        return f"{{{self.namespace}}}{name}"

    def error(self, element: ElementTree.Element, what: str) -> CatalogError:
        return CatalogError(what, f"{self.where}:{_line(element)}", _HINT)

    def identify(self, element: ElementTree.Element, kind: str) -> str:
        identifier = element.get("id")
        if not identifier:
            raise self.error(element, f"a <{kind}> without an id")
        if identifier in self.seen:
            raise self.error(
                element, f"a second <{kind}> with id {identifier!r} (first on line {self.seen[identifier]})"
            )
        self.seen[identifier] = _line(element)
        return identifier

    def text(self, element: ElementTree.Element | None) -> str | None:
        """The text of a <source>/<target>/<note> with its inline markup read through (without recursion)."""
        if element is None:
            return None
        parts: list[str] = []
        stack: list[tuple[ElementTree.Element, bool]] = [(element, True)]
        while stack:
            node, opening = stack.pop()
            if not opening:
                parts.append(node.tail or "")
                continue
            if node is not element:
                local = node.tag.rpartition("}")[2]
                if node.tag == self.tag("cp"):
                    parts.append(self._code_point(node))
                    continue
                if node.tag.partition("}")[0][1:] != self.namespace or local not in _KEPT_INLINE:
                    raise self.error(node, f"inline markup <{local}> in a unit: a PO string cannot hold it")
            parts.append(node.text or "")
            for child in reversed(node):
                stack.append((child, False))
                stack.append((child, True))
        return "".join(parts)

    def _code_point(self, node: ElementTree.Element) -> str:
        try:
            character = chr(int(node.get("hex", ""), 16))
        except (ValueError, OverflowError):
            raise self.error(node, f"<cp hex={node.get('hex')!r}> is not a code point") from None
        if character == "\x00" or "\ud800" <= character <= "\udfff":  # no PO file (nor UTF-8) holds these
            raise self.error(node, f"<cp hex={node.get('hex')!r}> is a NUL or a surrogate: a PO string cannot hold it")
        return character


class _Reader12(_Reader):
    namespace = XLIFF_12

    def file(self, element: ElementTree.Element) -> XliffFile:
        body = element.find(self.tag("body"))
        units: list[XliffUnit] = []
        if body is not None:
            stack = list(reversed(body))
            while stack:  # groups nest: walked in document order without recursion
                node = stack.pop()
                if node.tag == self.tag("trans-unit"):
                    units.append(self.unit(node))
                elif node.tag == self.tag("group") and node.get("restype") == "x-gettext-plurals":
                    units.append(self.plural(node))
                elif node.tag == self.tag("group"):
                    stack.extend(reversed(node))
        return XliffFile(
            element.get("original", ""),
            element.get("source-language", ""),
            element.get("target-language", ""),
            tuple(units),
            _line(element),
        )

    def unit(self, element: ElementTree.Element) -> XliffUnit:
        identifier = self.identify(element, "trans-unit")
        source, target, state = self.segment(element)
        notes, comments, noted = self.notes(element)
        context, flags, locations, exported = self.information(element)
        previous = self.previous(element)
        return XliffUnit(
            identifier,
            Unit(
                source,
                target or "",
                state,
                notes,
                comments,
                locations,
                previous[0],
                context,
                flags,
                None,
                (),
                previous[1],
                previous[2],
                line=_line(element),
                origin=self.where,
            ),
            noted,
            exported,
        )

    def segment(self, element: ElementTree.Element) -> tuple[str, str | None, State]:
        source = self.text(element.find(self.tag("source")))
        if source is None:
            raise self.error(element, f"<trans-unit id={element.get('id')!r}> without a <source>")
        node = element.find(self.tag("target"))
        target = self.text(node)
        return source, target, self.state(element, node, bool(target))

    def state(self, element: ElementTree.Element, target: ElementTree.Element | None, filled: bool) -> State:
        raw = target.get("state", "") if target is not None else ""
        if not filled:
            return State.FUZZY if raw in _FUZZY_12 else State.UNTRANSLATED
        if raw in _TRANSLATED_12 or (
            raw not in _FUZZY_12 and raw not in ("new", "needs-translation") and element.get("approved") == "yes"
        ):
            return State.TRANSLATED
        return State.FUZZY

    def plural(self, group: ElementTree.Element) -> XliffUnit:
        identifier = self.identify(group, "group")
        forms = [node for node in group if node.tag == self.tag("trans-unit")]
        if len(forms) < 2:
            raise self.error(group, f"plural group {identifier!r} with fewer than two <trans-unit> forms")
        segments = []
        for index, form in enumerate(forms):
            if self.identify(form, "trans-unit") != f"{identifier}[{index}]":
                raise self.error(
                    form, f"form {index} of plural group {identifier!r} must have id {identifier}[{index}]"
                )
            segments.append(self.segment(form))
        targets = tuple(target or "" for _, target, _ in segments)
        states = [state for _, _, state in segments]
        raw_fuzzy = [self.state(form, form.find(self.tag("target")), False) is State.FUZZY for form in forms]
        if any(raw_fuzzy):
            state = State.FUZZY
        elif all(targets):
            state = State.TRANSLATED if all(state is State.TRANSLATED for state in states) else State.FUZZY
        else:
            state = State.UNTRANSLATED
        notes, comments, noted = self.notes(group)
        context, flags, locations, exported = self.information(group)
        previous = self.previous(forms[0])
        unit = Unit(
            segments[0][0],
            "",
            state,
            notes,
            comments,
            locations,
            previous[0],
            context,
            flags,
            segments[1][0],
            targets,
            previous[1],
            previous[2],
            line=_line(group),
            origin=self.where,
        )
        return XliffUnit(identifier, unit, noted, exported)

    def notes(self, element: ElementTree.Element) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
        notes: list[str] = []
        comments: list[str] = []
        found = [node for node in element if node.tag == self.tag("note")]
        for node in found:
            text = self.text(node) or ""
            (notes if node.get("from") == DEVELOPER else comments).extend(text.split("\n"))
        return tuple(notes), tuple(comments), any(node.get("from") != DEVELOPER for node in found)

    def information(
        self, element: ElementTree.Element
    ) -> tuple[str | None, tuple[str, ...], tuple[str, ...], str | None]:
        context, flags, locations, exported = None, (), [], None
        for group in element.findall(self.tag("context-group")):
            contexts = {node.get("context-type"): self.text(node) or "" for node in group.findall(self.tag("context"))}
            if group.get("purpose") == "location":
                if "sourcefile" in contexts:
                    line = contexts.get("linenumber")
                    locations.append(contexts["sourcefile"] + (f":{line}" if line is not None else ""))
            elif group.get("purpose") == "information":
                context = contexts.get("x-po-msgctxt", context)
                exported = contexts.get(_EXPORTED, exported)
                if "x-po-flags" in contexts:
                    flags = tuple(flag.strip() for flag in contexts["x-po-flags"].split(",") if flag.strip())
        return context, flags, tuple(locations), exported

    def previous(self, element: ElementTree.Element) -> tuple[str | None, str | None, str | None]:
        for alternative in element.findall(self.tag("alt-trans")):
            if alternative.get("origin") == "previous":
                contexts = {
                    node.get("context-type"): self.text(node) or ""
                    for group in alternative.findall(self.tag("context-group"))
                    for node in group.findall(self.tag("context"))
                }
                return (
                    self.text(alternative.find(self.tag("source"))),
                    contexts.get("x-po-msgctxt"),
                    contexts.get("x-po-msgid-plural"),
                )
        return None, None, None


class _Reader20(_Reader):
    namespace = XLIFF_20

    def __init__(self, where: str, root: ElementTree.Element) -> None:
        super().__init__(where)
        self.source_language = root.get("srcLang", "")
        self.target_language = root.get("trgLang", "")

    def file(self, element: ElementTree.Element) -> XliffFile:
        units: list[XliffUnit] = []
        stack = list(reversed(element))
        while stack:
            node = stack.pop()
            if node.tag == self.tag("unit"):
                units.append(self.unit(node))
            elif node.tag == self.tag("group"):
                stack.extend(reversed(node))
        return XliffFile(
            element.get("original", ""), self.source_language, self.target_language, tuple(units), _line(element)
        )

    def unit(self, element: ElementTree.Element) -> XliffUnit:
        identifier = self.identify(element, "unit")
        source, target, states = [], [], []
        has_target = False
        for part in element:
            if part.tag not in (self.tag("segment"), self.tag("ignorable")):
                continue
            text = self.text(part.find(self.tag("source")))
            if text is None:
                raise self.error(part, f"a <{part.tag.rpartition('}')[2]}> without a <source> in unit {identifier!r}")
            node = part.find(self.tag("target"))
            source.append(text)
            target.append(self.text(node) if node is not None else text if part.tag == self.tag("ignorable") else "")
            if part.tag == self.tag("segment"):
                has_target = has_target or node is not None
                states.append(part.get("state", "initial"))
        if not states:
            raise self.error(element, f"unit {identifier!r} without a <segment>")
        joined = "".join(target) if has_target else ""
        if not has_target:
            state = State.UNTRANSLATED
        elif all(state in _TRANSLATED_20 for state in states) and joined:
            state = State.TRANSLATED
        else:
            state = State.FUZZY if joined or "initial" in states else State.UNTRANSLATED
        notes, comments, noted = self.notes(element)
        meta = self.metadata(element)
        unit = Unit(
            "".join(source),
            joined,
            state,
            notes,
            comments,
            tuple(meta.get("location", ())),
            _one(meta, "previous-msgid"),
            _one(meta, "msgctxt"),
            tuple(flag.strip() for value in meta.get("flags", ()) for flag in value.split(",") if flag.strip()),
            None,
            (),
            _one(meta, "previous-msgctxt"),
            _one(meta, "previous-msgid-plural"),
            line=_line(element),
            origin=self.where,
        )
        return XliffUnit(identifier, unit, noted, _one(meta, "exported"))

    def notes(self, element: ElementTree.Element) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
        notes: list[str] = []
        comments: list[str] = []
        found = [
            node for container in element.findall(self.tag("notes")) for node in container.findall(self.tag("note"))
        ]
        for node in found:
            text = self.text(node) or ""
            (notes if node.get("category") == DEVELOPER else comments).extend(text.split("\n"))
        return tuple(notes), tuple(comments), any(node.get("category") != DEVELOPER for node in found)

    def metadata(self, element: ElementTree.Element) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for group in element.iter(f"{{{METADATA}}}metaGroup"):
            if group.get("category") == "po":
                for meta in group.findall(f"{{{METADATA}}}meta"):
                    found.setdefault(meta.get("type", ""), []).append(meta.text or "")
        return found


def _one(meta: dict[str, list[str]], kind: str) -> str | None:
    values = meta.get(kind)
    return values[0] if values else None


def parts_of(documents: Iterable[XliffDocument]) -> list[tuple[XliffDocument, XliffFile]]:
    """Every <file> of the documents, with its document."""
    return [(document, file) for document in documents for file in document.files]
