"""TBX as Weblate reads it (the default `tbx` export), and the reader of every TBX (v2 `martif`, v3 `conceptEntry`).

Released Weblate reads one source and one target term per `termEntry` (the first `term` of the source and of the
target `langSet`) and skips every entry Translate Toolkit calls obsolete; Translate Toolkit 3.19.x, which Weblate
pins, calls an entry obsolete as soon as it holds a `deprecatedTerm-admn-sts` anywhere. So this export writes one
`termEntry` per Chinese spelling × English rendering, and never a deprecated status:

    preferred   <term>…</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
    variant     admittedTerm-admn-sts
    forbidden   `forbidden` (Weblate ≥ 5.12 flags such a term forbidden) and `weblate-flags="forbidden"` on the
                entry (the flag every Weblate reads from a TBX unit's element)
    dnt         <descrip type="Translation needed">No</descrip> and `weblate-flags="read-only"`

Every Chinese langSet has one `xml:lang`, `zh` unless the export is given the glossary's source language as
Weblate names it (`zh_Hans`: Translate Toolkit finds the source langSet by an exact match of the tag, `_`/`-` and
case aside), so one source language finds every spelling; the script of a derived spelling is its
`geographicalUsage` term note. The row's note is the entry's `<note from="translator">`, which Weblate
shows as the term's explanation. The entry `id` (Weblate's context) names concept, spelling and rendering:
`c12-s2-forbidden1`. The TBX-Basic export for terminology tools is in tbx_basic.py; `read` reads both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from toolkit.glossary.formats.rows import add_variant, with_forms
from toolkit.glossary.match import LATIN
from toolkit.glossary.model import Row, Term
from toolkit.glossary.tsv import invisible_character

PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
FORBIDDEN = "forbidden"
"""The status Weblate reads as forbidden (with `obsolete`); not a TBX-Basic value, so only in this export."""
FORBIDDEN_STATUSES = ("forbidden", "deprecated", "obsolete", "superseded")
TRANSLATION_NEEDED = "Translation needed"
FLAGS = "weblate-flags"
MARKER = "<p>toolkit glossary</p>"
"""The sourceDesc of every TBX this command writes: how an earlier export is recognised (storage.output `ours`)."""
_V3_NAMES = {"conceptEntry": "termEntry", "langSec": "langSet", "termSec": "tig", "ntig": "tig"}


LANGUAGE_TAG = regex.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
"""A language tag as BCP 47 or POSIX (Weblate's zh_Hans) writes it: what `xml:lang` may say here."""


def language_tag(tag: str) -> str:
    """`tag` when it is a language tag; ToolkitError otherwise (it goes into an attribute)."""
    from toolkit.errors import ToolkitError

    if not LANGUAGE_TAG.fullmatch(tag) or not tag.lower().startswith("zh"):
        raise ToolkitError(
            f"not a Chinese language tag: {tag!r}",
            "--source-language",
            "pass zh, zh-Hans, zh_Hans (Weblate's Chinese (Simplified)) or another zh tag",
        )
    return tag


def header(martif_type: str, doctype: str = "", encoding_desc: str = "", language: str = "zh") -> list[str]:
    """The lines before the first termEntry."""
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        *([doctype] if doctype else []),
        f'<martif type="{martif_type}" xml:lang="{language}">',
        "  <martifHeader>",
        "    <fileDesc>",
        "      <sourceDesc>",
        f"        {MARKER}",
        "      </sourceDesc>",
        "    </fileDesc>",
        *(["    <encodingDesc>", f"      {encoding_desc}", "    </encodingDesc>"] if encoding_desc else []),
        "  </martifHeader>",
        "  <text>",
        "    <body>",
    ]


FOOTER = ["    </body>", "  </text>", "</martif>"]


def by_chinese(terms: Sequence[Term], cache_dir: Path | None) -> list[tuple[str, dict[str, str], list[Term]]]:
    """The rows grouped by their Chinese as written, in order, with the other spellings of that Chinese."""
    groups: dict[str, tuple[dict[str, str], list[Term]]] = {}
    for term, forms in with_forms(terms, cache_dir):
        groups.setdefault(term.zh, (forms, []))[1].append(term)
    return [(zh, forms, group) for zh, (forms, group) in groups.items()]


def write(terms: Sequence[Term], cache_dir: Path | None = None, language: str = "zh") -> tuple[str, int]:
    """The Weblate TBX and its number of term entries (one per Chinese spelling and English rendering); `language`
    is the Chinese langSets' xml:lang."""
    language = language_tag(language)
    out = header("TBX", language=language)
    count = 0
    for number, (zh, forms, group) in enumerate(by_chinese(terms, cache_dir), start=1):
        for spelling, (form, tag) in enumerate({zh: "", **forms}.items(), start=1):
            forbidden = 0
            for term in group:
                prefix = f"c{number}-s{spelling}"
                if term.type == "forbidden":
                    forbidden += 1
                    out += _entry(
                        f"{prefix}-forbidden{forbidden}",
                        (form, tag, language),
                        term.en,
                        FORBIDDEN,
                        term.note,
                        flags="forbidden",
                    )
                    count += 1
                    continue
                dnt = term.type == "dnt"
                needed = "No" if dnt else "Yes" if looks_dnt(form, term.en) else ""
                out += _entry(
                    f"{prefix}-preferred",
                    (form, tag, language),
                    term.en,
                    PREFERRED,
                    term.note,
                    flags="read-only" if dnt else "",
                    needed=needed,
                )
                for index, variant in enumerate(term.variants, start=1):
                    out += _entry(
                        f"{prefix}-variant{index}",
                        (form, tag, language),
                        variant,
                        ADMITTED,
                        "",
                        flags="read-only" if dnt else "",
                        needed=needed,
                    )
                count += 1 + len(term.variants)
    return "\n".join(out + FOOTER) + "\n", count


def _entry(
    entry_id: str, chinese: tuple[str, str, str], en: str, status: str, note: str, *, flags: str = "", needed: str = ""
) -> list[str]:
    zh, tag, language = chinese
    flag = f' {FLAGS}="{flags}"' if flags else ""
    usage = f'<termNote type="geographicalUsage">{tag}</termNote>' if tag else ""
    return [
        f'      <termEntry id="{entry_id}"{flag}>',
        *([f'        <descrip type="{TRANSLATION_NEEDED}">{needed}</descrip>'] if needed else []),
        *([f'        <note from="translator">{escape(note)}</note>'] if note else []),
        f'        <langSet xml:lang="{language}"><tig><term>{escape(zh)}</term>{usage}</tig></langSet>',
        f'        <langSet xml:lang="en"><tig>{term_element(en, status)}</tig></langSet>',
        "      </termEntry>",
    ]


def looks_dnt(zh: str, en: str) -> bool:
    """A Latin source kept as its own English reads as do-not-translate where nothing says otherwise."""
    return zh == en and bool(LATIN.search(en))


def escape(text: str) -> str:
    """`text` as XML character data (and attribute value)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def term_element(text: str, status: str) -> str:
    """A `term` and its administrative status, as the inside of a `tig`."""
    return f'<term>{escape(text)}</term><termNote type="administrativeStatus">{status}</termNote>'


@dataclass
class _Node:
    """An XML element with the line it starts on (ElementTree does not keep lines)."""

    tag: str
    attrs: dict[str, str]
    line: int
    children: list[_Node] = field(default_factory=list)
    text: str = ""

    def all(self, tag: str) -> list[_Node]:
        return [child for child in self.children if child.tag == tag]

    def walk(self):
        """This node and every node under it, in document order (without recursion: a TBX may nest deep)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def content(self) -> str:
        return " ".join("".join(node.text for node in self.walk()).split())


class _Refused(Exception):
    pass


_DECLARED_ENCODING = regex.compile(r"\s*<\?xml[^>]*?\sencoding\s*=\s*[\"']([^\"']*)[\"']")
"""The encoding an XML declaration names (the text was read as UTF-8: another one would be misread)."""


def _parse(text: str) -> _Node:
    """The document as a tree of `_Node`s (namespace prefixes dropped); entity declarations refused."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    root = _Node("", {}, 0)
    stack = [root]

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(":", 1)[-1] if not name.startswith("xml:") else name
        node = _Node(_V3_NAMES.get(local, local), attrs, parser.CurrentLineNumber)
        stack[-1].children.append(node)
        stack.append(node)

    def refuse(*_args) -> None:
        raise _Refused(parser.CurrentLineNumber)

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: stack.pop()
    parser.CharacterDataHandler = lambda data: setattr(stack[-1], "text", stack[-1].text + data)
    parser.EntityDeclHandler = refuse
    parser.Parse(text.encode("utf-8"), True)
    return root


def read(text: str, file: str) -> tuple[list[Row], list[str]]:
    """Rows from every `termEntry`: each `tig` with its own status; variants join their approved row."""
    from xml.parsers import expat

    declared = _DECLARED_ENCODING.match(text)
    if declared and declared.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        return [], [
            f"{file}:1: the TBX declares encoding {declared.group(1)!r}; only UTF-8 is read "
            "(save it as UTF-8, and say so in its <?xml ...?> line)"
        ]
    try:
        document = _parse(text)
    except expat.ExpatError as error:
        return [], [f"{file}:{error.lineno}: not well-formed TBX: {error}"]
    except _Refused as refused:
        return [], [f"{file}:{refused.args[0]}: TBX declares entities; refused (a glossary needs none)"]
    rows: list[Row] = []
    problems: list[str] = []
    approved: dict[str, int] = {}
    for entry in (node for node in document.walk() if node.tag == "termEntry"):
        problems += _read_entry(entry, file, rows, approved)
    return rows, problems


def _read_entry(entry: _Node, file: str, rows: list[Row], approved: dict[str, int]) -> list[str]:
    chinese: list[_Node] = []
    english: list[_Node] = []
    for lang_set in (node for node in entry.walk() if node.tag == "langSet"):
        language = (lang_set.attrs.get("xml:lang") or lang_set.attrs.get("lang") or "").lower()
        tigs = [node for node in lang_set.walk() if node.tag == "tig"]
        (chinese if language.startswith("zh") else english if language.startswith("en") else []).extend(tigs)
    chinese = [tig for tig in chinese if _text(tig, "term")]
    english = [tig for tig in english if _text(tig, "term")]
    if not chinese or not english:
        return [f"{file}:{entry.line}: termEntry needs a Chinese (zh) and an English (en) term"]
    problems = [
        f"{file}:{tig.line}: term holds {invisible_character(_text(tig, 'term'))}; delete it"
        for tig in chinese + english
        if invisible_character(_text(tig, "term"))
    ]
    if problems:
        return problems
    entry_status = next(
        (
            node.content()
            for node in entry.children
            if node.tag == "termNote" and node.attrs.get("type") == "administrativeStatus"
        ),
        "",
    )
    flags = {flag.strip().lower() for flag in entry.attrs.get(FLAGS, "").split(",")}
    needed = next(
        (
            node.content().lower()
            for node in entry.walk()
            if node.tag == "descrip" and node.attrs.get("type") == TRANSLATION_NEEDED
        ),
        "",
    )
    entry_note = next(
        (
            node.content()
            for node in entry.children
            if node.tag in ("note", "descrip") and node.attrs.get("type") in (None, "definition")
        ),
        "",
    )
    for zh_tig in chinese:
        zh = _text(zh_tig, "term")
        for tig in english:
            en = _text(tig, "term")
            status = (_status(tig) or entry_status).lower()
            note = next((node.content() for node in tig.walk() if node.tag == "note"), "")
            if status.startswith(FORBIDDEN_STATUSES) or "forbidden" in flags:
                # an entry of one rendering (Weblate's shape) says its note at the entry
                note = note or (entry_note if len(english) == 1 else "")
                rows.append((file, Term(zh, en, "forbidden", (), note, tig.line)))
            elif zh in approved:
                add_variant(rows, approved, zh, en)
            else:
                dnt = needed == "no" or (not needed and ("read-only" in flags or looks_dnt(zh, en)))
                approved[zh] = len(rows)
                rows.append((file, Term(zh, en, "dnt" if dnt else "preferred", (), entry_note or note, tig.line)))
    return []


def _text(node: _Node, tag: str) -> str:
    return next((child.content() for child in node.walk() if child.tag == tag), "")


def _status(tig: _Node) -> str:
    return next(
        (
            node.content()
            for node in tig.walk()
            if node.tag == "termNote" and node.attrs.get("type") == "administrativeStatus"
        ),
        "",
    )
