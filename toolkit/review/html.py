"""The review as one self-contained HTML page: two columns (Chinese, English) by paragraph, fuzzy and untranslated
entries marked, check findings beside their sentence, glossary terms highlighted with their approved rendering
on hover (the title attribute). No script, no network (a Content-Security-Policy says so to the browser),
fonts that render Chinese on Linux, macOS and Windows, and a print stylesheet for PDF.

Every text from the source, the PO file, the glossary or the check goes through html.escape.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from html import escape

from toolkit.review.model import Block, Note, Piece, Review, Sentence, visible
from toolkit.storage.units import State
from toolkit.version import __version__

GENERATOR = "toolkit review"
"""The generator meta of every page; a page that has it is an earlier output of `toolkit review`."""

_GENERATOR_META = f'<meta name="generator" content="{GENERATOR} '.encode()

STATE_LABELS = {State.FUZZY: "needs work", State.UNTRANSLATED: "untranslated"}

_CJK_SANS_SC = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", '
    '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "SimHei"'
)
_CJK_SANS_TC = (
    '"Noto Sans CJK TC", "Source Han Sans TC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", '
    '"PingFang TC", "Hiragino Sans CNS", "Microsoft JhengHei", "PMingLiU"'
)

STYLE = f"""
:root {{ --zh-sc: {_CJK_SANS_SC}, sans-serif; --zh-tc: {_CJK_SANS_TC}, sans-serif; }}
body {{ margin: 1.5rem auto; max-width: 78rem; padding: 0 1rem; color: #1b1b1b; background: #fff;
  font: 16px/1.6 "Noto Serif", "DejaVu Serif", Georgia, "Times New Roman", {_CJK_SANS_SC}, serif; }}
:lang(zh-CN) {{ font-family: var(--zh-sc); }}
:lang(zh-TW) {{ font-family: var(--zh-tc); }}
header h1 {{ font-size: 1.5rem; line-height: 1.3; margin: 0 0 .5rem; }}
header h1 .zh {{ display: block; font-size: 1.2rem; font-weight: normal; color: #444; }}
.facts {{ display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; margin: .5rem 0; font-size: .85rem; }}
.facts dt {{ color: #555; }} .facts dd {{ margin: 0; word-break: break-all; }}
.tally, .legend {{ font-size: .9rem; margin: .4rem 0; }}
.legend span {{ margin-right: 1rem; padding: 0 .3rem; }}
ul.notices {{ border-left: 4px solid #c0392b; padding: .3rem 1rem .3rem 1.6rem; background: #fdf0ee; font-size: .9rem; }}
table.review {{ width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: 1rem; }}
table.review th {{ text-align: left; background: #f0f0f0; padding: .4rem .6rem; border-bottom: 2px solid #999; }}
table.review td {{ vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid #ddd; overflow-wrap: anywhere; }}
table.review td.zh {{ width: 46%; }}
tr.heading td {{ background: #fafafa; }}
td h2, td h3, td h4, td h5, td h6 {{ margin: 0; line-height: 1.35; }}
td h2 {{ font-size: 1.3rem; }} td h3 {{ font-size: 1.15rem; }} td h4, td h5, td h6 {{ font-size: 1rem; }}
tr.quote td {{ border-left: 3px solid #bbb; padding-left: 1rem; color: #333; font-style: italic; }}
.marker {{ display: inline-block; min-width: 1.6em; color: #555; }}
.sentence {{ border-radius: 2px; }}
.sentence.fuzzy {{ background: #fff3c4; }}
.sentence.untranslated {{ background: #eee; color: #777; font-style: italic; }}
.sentence.has-findings {{ text-decoration: underline wavy #c0392b; text-decoration-skip-ink: none; }}
.badge {{ font: bold .7rem/1.4 sans-serif; padding: 0 .35rem; border-radius: 3px; margin-left: .3rem;
  vertical-align: .1rem; white-space: nowrap; }}
.badge.fuzzy {{ background: #e6b800; color: #000; }}
.badge.untranslated {{ background: #888; color: #fff; }}
.badge.damaged {{ background: #7d3c98; color: #fff; }}
td.zh .sentence.untranslated {{ font-style: normal; color: inherit; }}
ul.findings {{ list-style: none; margin: .2rem 0 .4rem; padding: 0; }}
.finding {{ font: .8rem/1.4 sans-serif; padding: .15rem .4rem; border-left: 3px solid #c0392b; background: #fdf0ee; margin: .1rem 0; }}
.finding.warning {{ border-color: #d68910; background: #fef5e7; }}
.finding .rule {{ font-weight: bold; margin-right: .4rem; }}
mark.term {{ background: #dcebfa; color: inherit; border-bottom: 1px dotted #1f5fa8; cursor: help; padding: 0 1px; }}
.kept {{ color: #666; font: .8rem monospace; word-break: break-all; }}
@page {{ size: A4; margin: 14mm 12mm; }}
@media print {{
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  body {{ max-width: none; margin: 0; padding: 0; font-size: 10pt; }}
  thead {{ display: table-header-group; }}
  tr {{ break-inside: avoid; }}
  mark.term {{ background: none; border-bottom: 1px dotted #1f5fa8; }}
}}
"""


_DIGEST = re.compile(rb"<!-- toolkit review sha256:([0-9a-f]{64}) -->\n\Z")
"""The page's last line: the hash of every byte before it, which any edit by hand (a reviewer's notes) changes."""


def is_review_page(data: bytes) -> bool:
    """Whether the bytes are a page `toolkit review` wrote (its generator meta near the start), unchanged since
    (its last line holds the hash of the rest)."""
    found = _DIGEST.search(data)
    return (
        _GENERATOR_META in data[:2048]
        and found is not None
        and hashlib.sha256(data[: found.start()]).hexdigest() == found.group(1).decode()
    )


def render_html(review: Review, generated: datetime) -> str:
    """The review page of one article."""
    zh = review.script.language_tag
    title_zh, title_en = review.title
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f'<meta name="generator" content="{GENERATOR} {escape(__version__)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Review: {_text(title_en or title_zh or review.source)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        _header(review, generated, zh, title_zh, title_en),
        '<table class="review">',
        f'<thead><tr><th class="zh" lang="{zh}">中文原文</th><th class="en">English translation</th></tr></thead>',
        "<tbody>",
        *(_row(number, block, zh) for number, block in enumerate(review.blocks, 1)),
        "</tbody>",
        "</table>",
        "</body>",
        "</html>",
        "",
    ]
    page = "\n".join(parts)
    return page + f"<!-- toolkit review sha256:{hashlib.sha256(page.encode('utf-8')).hexdigest()} -->\n"


def _header(review: Review, generated: datetime, zh: str, title_zh: str, title_en: str) -> str:
    facts = [
        ("Source", review.source),
        ("PO file", review.catalog),
        ("PO revised", review.revised or "—"),
        ("Glossary", f"version {review.glossary_version}" if review.glossary_version else "none"),
        ("Generated", f"{generated:%Y-%m-%d %H:%M} UTC by toolkit {__version__}"),
    ]
    lines = [
        "<header>",
        f'<h1><span class="en">{_text(title_en or "(untitled)")}</span>'
        f'<span class="zh" lang="{zh}">{_text(title_zh)}</span></h1>',
        '<dl class="facts">' + "".join(f"<dt>{_text(k)}</dt><dd>{_text(v)}</dd>" for k, v in facts) + "</dl>",
        f'<p class="tally">{_text(review.summary)}</p>',
        '<p class="legend"><span class="sentence fuzzy">needs work (fuzzy)</span>'
        '<span class="sentence untranslated">untranslated</span>'
        '<span class="sentence has-findings">a finding of toolkit check</span>'
        '<mark class="term" title="a glossary term: hover for its approved rendering">glossary term</mark></p>',
    ]
    if review.notes:
        lines.append('<ul class="notices">' + "".join(_finding(note) for note in review.notes) + "</ul>")
    lines.append("</header>")
    return "\n".join(lines)


def _row(number: int, block: Block, zh: str) -> str:
    classes = " ".join(["block", block.kind] + (["quote"] if block.quote else []))
    source = "".join(_source_sentence(sentence) for sentence in block.sentences)
    target = "".join(_target_sentence(sentence) for sentence in block.sentences)
    if block.kind == "heading":
        tag = f"h{min(block.level + 1, 6)}"
        source, target = f"<{tag}>{source}</{tag}>", f"<{tag}>{target}</{tag}>"
    elif block.kind == "list-item":
        source = f'<span class="marker">{_text(block.marker)}</span>{source}'
        target = f'<span class="marker">{_text(block.english_marker)}</span>{target}'
    return (
        f'<tr class="{classes}" id="p{number}">'
        f'<td class="zh" lang="{zh}">{source}</td><td class="en" lang="en">{target}</td></tr>'
    )


def _source_sentence(sentence: Sentence) -> str:
    return (
        f'<span class="{_classes(sentence)}" id="s{sentence.number}-zh" data-state="{sentence.state}">'
        f"{_pieces(sentence.source)}</span>{_kept(sentence)}"
        + (
            '<span class="badge damaged" title="likely mojibake in the source, not repaired">encoding damage</span>'
            if sentence.damaged
            else ""
        )
    )


def _kept(sentence: Sentence) -> str:
    return f' <span class="kept">{_text(sentence.kept)}</span> ' if sentence.kept else ""


def _target_sentence(sentence: Sentence) -> str:
    if sentence.state is State.UNTRANSLATED:
        text = "not in the PO file" if not sentence.in_catalog else "untranslated"
        body = f"[{text}]"
    else:
        body = _pieces(sentence.target)
    where = f' title="PO line {sentence.line}"' if sentence.in_catalog else ""
    html = (
        f'<span class="{_classes(sentence)}" id="s{sentence.number}-en" data-state="{sentence.state}"{where}>'
        f"{body}</span>{_kept(sentence)}"
    )
    if sentence.state in STATE_LABELS:
        html += f'<span class="badge {sentence.state}">{STATE_LABELS[sentence.state]}</span>'
    if sentence.notes:
        html += (
            f'<ul class="findings" data-sentence="{sentence.number}">'
            + "".join(map(_finding, sentence.notes))
            + "</ul>"
        )
    return html + " "


def _classes(sentence: Sentence) -> str:
    return " ".join(["sentence", str(sentence.state)] + (["has-findings"] if sentence.notes else []))


def _finding(note: Note) -> str:
    return (
        f'<li class="finding {_text(note.severity)}" data-rule="{_text(note.rule)}">'
        f'<span class="rule">{_text(note.rule)}</span>{_text(note.message)}</li>'
    )


def _text(text: str) -> str:
    """Text for the page: escaped, control characters shown as their pictures."""
    return escape(visible(text))


def _pieces(pieces: tuple[Piece, ...]) -> str:
    return "".join(
        _text(piece.text)
        if piece.term is None
        else f'<mark class="term" title="{_text(piece.term.hint)}" data-zh="{_text(piece.term.zh)}">{_text(piece.text)}</mark>'
        for piece in pieces
    )
