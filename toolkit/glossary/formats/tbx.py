"""TBX-Basic (ISO 30042, TBX v2 `martif`) as Weblate and Translate Toolkit read it.

One `termEntry` per Chinese term. The Chinese `langSet` holds the term as written, then every other-script
spelling the toolkit matches (`geographicalUsage` zh-Hans, zh-Hant, zh-TW, zh-HK; none for a name
respelt with another name dot). The English `langSet` holds
one `tig` per rendering, each with its own `administrativeStatus` after the `term`: preferredTerm (the
approved English), admittedTerm (variants), deprecatedTerm (forbidden renderings, with their own `note`).
Do-not-translate terms carry Weblate's `<descrip type="Translation needed">No</descrip>`; the row's note is
the entry's `note`. Import reads every `tig` with its own status (TBX v3 `conceptEntry/langSec/termSec` too).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.glossary.formats.rows import add_variant, with_forms
from toolkit.glossary.model import Row, Term
from toolkit.glossary.tsv import invisible_character

PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
FORBIDDEN_STATUSES = ("forbidden", "deprecated", "obsolete", "superseded")
TRANSLATION_NEEDED = "Translation needed"
_V3_NAMES = {"conceptEntry": "termEntry", "langSec": "langSet", "termSec": "tig", "ntig": "tig"}


def write(terms: Sequence[Term], cache_dir: Path | None = None) -> tuple[str, int]:
    """The TBX file and its number of term entries (one per Chinese term)."""
    entries: dict[str, list[tuple[Term, dict[str, str]]]] = {}
    for term, forms in with_forms(terms, cache_dir):
        entries.setdefault(term.zh, []).append((term, forms))
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">',
           '<martif type="TBX-Basic" xml:lang="zh">',
           "  <martifHeader>",
           "    <fileDesc>",
           "      <sourceDesc>",
           "        <p>toolkit glossary</p>",
           "      </sourceDesc>",
           "    </fileDesc>",
           "    <encodingDesc>",
           '      <p type="XCSURI">TBXBasicXCSV02.xcs</p>',
           "    </encodingDesc>",
           "  </martifHeader>",
           "  <text>",
           "    <body>"]
    for number, (zh, group) in enumerate(entries.items(), start=1):
        approved = next((term for term, _ in group if term.type != "forbidden"), None)
        out.append(f'      <termEntry id="c{number}">')
        if approved is not None and approved.type == "dnt":
            out.append(f'        <descrip type="{TRANSLATION_NEEDED}">No</descrip>')
        if approved is not None and approved.note:
            out.append(f"        <note>{escape(approved.note)}</note>")
        out.append('        <langSet xml:lang="zh">')
        out.append(f"          <tig><term>{escape(zh)}</term></tig>")
        for form, tag in group[0][1].items():
            usage = f'<termNote type="geographicalUsage">{tag}</termNote>' if tag else ""
            out.append(f"          <tig><term>{escape(form)}</term>{usage}</tig>")
        out.append("        </langSet>")
        out.append('        <langSet xml:lang="en">')
        for term, _ in group:
            if term.type == "forbidden":
                note = f"<note>{escape(term.note)}</note>" if term.note else ""
                out.append(f"          <tig>{_term(term.en, DEPRECATED)}{note}</tig>")
                continue
            out.append(f"          <tig>{_term(term.en, PREFERRED)}</tig>")
            out.extend(f"          <tig>{_term(variant, ADMITTED)}</tig>" for variant in term.variants)
        out.append("        </langSet>")
        out.append("      </termEntry>")
    out += ["    </body>", "  </text>", "</martif>"]
    return "\n".join(out) + "\n", len(entries)


def escape(text: str) -> str:
    """`text` as XML character data."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _term(text: str, status: str) -> str:
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
        yield self
        for child in self.children:
            yield from child.walk()

    def content(self) -> str:
        return " ".join("".join(node.text for node in self.walk()).split())


class _Refused(Exception):
    pass


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
    problems = [f"{file}:{tig.line}: term holds {invisible_character(_text(tig, 'term'))}; delete it"
                for tig in chinese + english if invisible_character(_text(tig, "term"))]
    if problems:
        return problems
    entry_status = next((node.content() for node in entry.children
                         if node.tag == "termNote" and node.attrs.get("type") == "administrativeStatus"), "")
    dnt = any(node.tag == "descrip" and node.attrs.get("type") == TRANSLATION_NEEDED and node.content().lower() == "no"
              for node in entry.walk())
    entry_note = next((node.content() for node in entry.children
                       if node.tag in ("note", "descrip") and node.attrs.get("type") in (None, "definition")), "")
    for zh_tig in chinese:
        zh = _text(zh_tig, "term")
        for tig in english:
            en = _text(tig, "term")
            status = (_status(tig) or entry_status).lower()
            note = next((node.content() for node in tig.walk() if node.tag == "note"), "")
            if status.startswith(FORBIDDEN_STATUSES):
                rows.append((file, Term(zh, en, "forbidden", (), note, tig.line)))
            elif zh in approved:
                add_variant(rows, approved, zh, en)
            else:
                approved[zh] = len(rows)
                rows.append((file, Term(zh, en, "dnt" if dnt else "preferred", (), entry_note or note, tig.line)))
    return []


def _text(node: _Node, tag: str) -> str:
    return next((child.content() for child in node.walk() if child.tag == tag), "")


def _status(tig: _Node) -> str:
    return next((node.content() for node in tig.walk()
                 if node.tag == "termNote" and node.attrs.get("type") == "administrativeStatus"), "")
