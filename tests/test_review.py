"""The bilingual review document: what the editor reads, checked in the records, in a real browser (the rendered
DOM of headless Chromium, a PDF printed by it), in python-docx and LibreOffice, and as a snapshot of one seed."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from helpers import toolkit
from hypothesis import given
from hypothesis import strategies as st

from toolkit.errors import OutputError
from toolkit.glossary import load_glossary
from toolkit.review import review_files
from toolkit.review.findings import check_findings
from toolkit.review.html import render_html
from toolkit.review.model import Piece, TermHint, gather, pieces, visible
from toolkit.segment import segment_file, segment_text
from toolkit.storage.po import read_catalog
from toolkit.storage.units import Catalog, State, Unit

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "test_review"
NOW = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)
STEM = "003_9a689e7dc9ad903a"  # traditional script, headings, a bulleted list
SCRIPT = '</span></td><script>alert("x")</script><img src=x onerror=alert(1)> & <!-- done'
GLOSSARY = (
    "zh\ten\ttype\tvariants\tnote\n"
    "大模型\tlarge model\tpreferred\tLLM\t\n"
    "OpenAI\tOpenAI\tdnt\t\tcompany name\n"
    '估值\tvaluation\tpreferred\t\t<b>a "quoted" note</b>\n'
)
CHROMIUM = next(
    (shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)), None
)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium fonts-wqy-zenhei)"
)


def edit(po: Path) -> dict[str, str]:
    """What a half-finished round looks like: one entry fuzzy, one emptied, one with a wrong number, one holding
    markup. Returns the msgids changed, by what was done to them."""
    catalog = polib.pofile(str(po), wrapwidth=0)
    changed = {}
    for key, start in (
        ("fuzzy", "PBC(營利性公益公司)"),
        ("empty", "至于這場賭局的終局"),
        ("number", "與之相應,這家公司的"),
        ("markup", "然而,實現夢想的代價"),
    ):
        entry = next(entry for entry in catalog if entry.msgid.startswith(start))
        changed[key] = entry.msgid
        if key == "fuzzy":
            entry.flags.append("fuzzy")
        elif key == "empty":
            entry.msgstr = ""
        elif key == "number":
            entry.msgstr = "Correspondingly, the company's latest valuation reached a staggering $600 billion."
        else:
            entry.msgstr = SCRIPT
    catalog.save(str(po))
    return changed


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of one seed, its PO file after `edit`, and a small glossary."""
    (tmp_path / "seeds").mkdir()
    shutil.copy(ROOT / "seeds" / f"{STEM}.txt", tmp_path / "seeds")
    (tmp_path / "translations" / "en").mkdir(parents=True)
    shutil.copy(ROOT / "translations" / "en" / f"{STEM}.po", tmp_path / "translations" / "en")
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "terms.tsv").write_text(GLOSSARY, encoding="utf-8")
    return tmp_path, edit(tmp_path / "translations" / "en" / f"{STEM}.po")


def reviewed(root: Path, formats=("html", "docx")) -> Path:
    review_files(
        [root / "seeds" / f"{STEM}.txt"],
        root / "review",
        translations=root / "translations",
        glossary=load_glossary(root / "glossary"),
        formats=formats,
        now=NOW,
    )
    return root / "review"


# --- the records


def test_every_sentence_is_paired_with_its_entry_state_and_findings(project) -> None:
    root, changed = project
    po = root / "translations" / "en" / f"{STEM}.po"
    document = segment_file(root / "seeds" / f"{STEM}.txt")
    glossary = load_glossary(root / "glossary")
    review = gather(document, read_catalog(po), check_findings([po], glossary)[str(po)], glossary)
    by_source = {"".join(p.text for p in s.source): s for s in review.sentences}
    assert len(review.sentences) == len(document.segments)
    assert by_source[changed["fuzzy"]].state is State.FUZZY
    assert by_source[changed["empty"]].state is State.UNTRANSLATED and by_source[changed["empty"]].in_catalog
    assert [note.rule for note in by_source[changed["number"]].notes] == ["number-mismatch"]
    assert review.count(State.FUZZY) == 1 and review.count(State.UNTRANSLATED) == 1
    assert "".join(p.text for p in by_source[changed["markup"]].target) == SCRIPT


def test_headings_and_list_items_keep_their_structure(project) -> None:
    root, _ = project
    review = gather(segment_file(root / "seeds" / f"{STEM}.txt"), Catalog(()), ())
    kinds = {block.kind for block in review.blocks}
    assert kinds == {"heading", "list-item", "paragraph"}
    assert {block.marker for block in review.blocks if block.kind == "list-item"} == {"·", "●", "1.", "2.", "3."}
    assert {block.english_marker for block in review.blocks if block.kind == "list-item"} == {"•", "1.", "2.", "3."}


@pytest.mark.parametrize("marker, english", [("1、", "1."), ("（2）", "(2)"), ("3)", "3)"), ("4.", "4."), ("-", "•")])
def test_list_markers_are_written_the_english_way(marker: str, english: str) -> None:
    document = segment_text(f"{marker} 第一项内容很长。\n")
    [block] = gather(document, Catalog(()), ()).blocks
    assert (block.kind, block.marker, block.english_marker) == ("list-item", marker.strip(), english)


def test_a_markdown_heading_keeps_its_level() -> None:
    document = segment_text("# 标题\n\n## 小标题\n\n正文。\n", "a.md")
    assert [(b.kind, b.level) for b in gather(document, Catalog(()), ()).blocks] == [
        ("heading", 1),
        ("heading", 2),
        ("paragraph", 0),
    ]


def test_overlapping_terms_keep_the_longest() -> None:
    hint = TermHint("大模型", "large model")
    short = TermHint("模型", "model")
    assert pieces("新的大模型。", [(3, 5, short), (2, 5, hint)]) == (Piece("新的"), Piece("大模型", hint), Piece("。"))


def test_a_term_is_marked_on_both_sides_with_its_approved_rendering(tmp_path: Path) -> None:
    (tmp_path / "g.tsv").write_text(GLOSSARY, encoding="utf-8")
    glossary = load_glossary(tmp_path / "g.tsv")
    document = segment_text("这个大模型很贵。\n")
    catalog = Catalog((Unit("这个大模型很贵。", "This large model is expensive.", State.TRANSLATED, line=5),))
    [sentence] = gather(document, catalog, (), glossary).sentences
    assert [(p.text, p.term.en) for p in sentence.source if p.term] == [("大模型", "large model")]
    assert [(p.text, p.term.hint) for p in sentence.target if p.term] == [
        ("large model", "大模型 → large model (also: LLM)")
    ]


def test_entries_no_sentence_uses_are_said_once_at_the_top() -> None:
    catalog = Catalog((Unit("旧句子。", "An old sentence.", State.TRANSLATED, line=9),))
    review = gather(segment_text("新句子。\n"), catalog, ())
    assert [note.rule for note in review.notes] == ["unused-entry"]
    assert "line 9" in review.notes[0].message or "lines 9" in review.notes[0].message
    assert not review.sentences[0].in_catalog


# --- the HTML page, as a parser and as Chromium see it


class Elements(HTMLParser):
    """The elements of a page: (tag, attributes) in order, and the text inside each element with an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: dict[str, str] = {}
        self._open: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if tag not in ("meta", "img", "br", "col", "link"):
            self._open.append(attributes.get("id"))
            if attributes.get("id"):
                self.text[attributes["id"]] = ""

    def handle_endtag(self, tag):
        if self._open and tag not in ("meta", "img", "br", "col", "link"):
            self._open.pop()

    def handle_data(self, data):
        for element in self._open:
            if element:
                self.text[element] += data

    def having(self, tag: str, cls: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.elements if name == tag and cls in attrs.get("class", "").split()]


def parsed(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


PAGE_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "span",
    "dl",
    "dt",
    "dd",
    "p",
    "mark",
    "ul",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


@given(st.text())
def test_any_translation_is_text_on_the_page_never_markup(target: str) -> None:
    document = segment_text("今天天气很好。\n")
    catalog = Catalog((Unit("今天天气很好。", target, State.FUZZY if target else State.UNTRANSLATED, line=3),))
    page = parsed(render_html(gather(document, catalog, ()), NOW))
    assert {tag for tag, _ in page.elements} <= PAGE_TAGS
    if target:
        assert page.text["s1-en"] == visible(target).replace("\r\n", "\n").replace("\r", "\n")


def chromium(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    """Headless Chromium with no network (a proxy on a closed port) and a throw-away profile."""
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--proxy-server=127.0.0.1:9",
            f"--user-data-dir={cwd / 'profile'}",
            *arguments,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


@needs_chromium
def test_chromium_renders_findings_fuzzy_entries_and_terms(project) -> None:
    root, changed = project
    page = reviewed(root, formats=("html",)) / f"{STEM}.html"
    dom = parsed(chromium("--dump-dom", page.as_uri(), cwd=root).stdout)
    assert not [tag for tag, _ in dom.elements if tag in ("script", "img")]
    sentences = {
        dom.text[attrs["id"]]: attrs for attrs in dom.having("span", "sentence") if attrs.get("id", "").endswith("-zh")
    }
    number = sentences[changed["number"]]["id"].removesuffix("-zh")
    assert "has-findings" in sentences[changed["number"]]["class"]
    findings = dom.having("li", "finding")
    assert [f["data-rule"] for f in findings] == ["number-mismatch"]
    assert dom.having("ul", "findings")[0]["data-sentence"] == number.removeprefix("s")
    fuzzy = sentences[changed["fuzzy"]]["id"].replace("-zh", "-en")
    assert [a["id"] for a in dom.having("span", "fuzzy") if a.get("id")] == [sentences[changed["fuzzy"]]["id"], fuzzy]
    badges = [attrs["class"] for attrs in dom.having("span", "badge")]
    damaged = sum(
        1 for segment in segment_file(root / "seeds" / f"{STEM}.txt").segments if "encoding-damage" in segment.flags
    )
    assert damaged and sorted(badges) == ["badge damaged"] * damaged + ["badge fuzzy", "badge untranslated"]
    empty = sentences[changed["empty"]]["id"].replace("-zh", "-en")
    assert dom.text[empty] == "[untranslated]"
    markup = sentences[changed["markup"]]["id"].replace("-zh", "-en")
    assert dom.text[markup] == SCRIPT
    terms = dom.having("mark", "term")
    assert {t["title"] for t in terms} >= {
        "大模型 → large model (also: LLM)",
        "OpenAI: do not translate, keep OpenAI — company name",
        '估值 → valuation — <b>a "quoted" note</b>',
    }
    assert {t["data-zh"] for t in terms if "data-zh" in t} == {"大模型", "OpenAI", "估值"}
    assert {row["class"] for _, row in dom.elements if _ == "tr" and "block" in row.get("class", "")} >= {
        "block heading",
        "block list-item",
        "block paragraph",
    }
    items = sum(1 for tag, row in dom.elements if tag == "tr" and row.get("class") == "block list-item")
    assert items and len(dom.having("span", "marker")) == 2 * items  # the marker on both sides


@needs_chromium
def test_chromium_prints_the_page_to_pdf_with_a_chinese_font(project) -> None:
    root, _ = project
    page = reviewed(root, formats=("html",)) / f"{STEM}.html"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={root / 'review.pdf'}", page.as_uri(), cwd=root)
    pdf = (root / "review.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) > 1
    fonts = set(re.findall(rb"/FontName /[A-Z]{6}\+([\w-]+)", pdf)) | set(
        re.findall(rb"/BaseFont /[A-Z]{6}\+([\w-]+)", pdf)
    )
    assert any(b"CJK" in f or b"WenQuanYi" in f or b"Han" in f for f in fonts), fonts


def test_the_page_asks_for_nothing_from_the_network(project) -> None:
    root, _ = project
    html = (reviewed(root, formats=("html",)) / f"{STEM}.html").read_text(encoding="utf-8")
    assert "default-src 'none'" in html
    page = parsed(html)
    assert not [attrs for _, attrs in page.elements if {"src", "href", "srcset", "action"} & attrs.keys()]
    style = html[html.index("<style>") : html.index("</style>")]
    assert "url(" not in style and "@import" not in style


# --- the Word document


def test_the_docx_has_one_row_per_entry_with_both_scripts_and_marks(project) -> None:
    docx = pytest.importorskip("docx")
    root, changed = project
    document = docx.Document(str(reviewed(root, formats=("docx",)) / f"{STEM}.docx"))
    [table] = document.tables
    rows = [(row.cells[0].text, row.cells[1].text, row.cells[1]._tc) for row in table.rows]
    assert rows[0][:2] == ("中文原文", "English translation")
    segments = segment_file(root / "seeds" / f"{STEM}.txt").segments
    assert len(rows) == 1 + len(segments)
    han = sum(1 for zh, _, _ in rows[1:] if re.search(r"[\u4e00-\u9fff]", zh))
    latin_only = sum(1 for _, en, _ in rows[1:] if re.search(r"[A-Za-z]", en) and not re.search(r"[\u4e00-\u9fff]", en))
    assert han > 0.9 * len(segments) and latin_only > 0.9 * len(segments)
    fill = {zh.removeprefix("· "): tc.xpath("./w:tcPr/w:shd/@w:fill") for zh, _, tc in rows[1:]}
    assert fill[changed["fuzzy"]] == ["FFF3C4"]
    assert fill[changed["empty"]] == ["EEEEEE"]
    assert fill[changed["number"]] == ["F9D6D2"]
    assert sum(1 for value in fill.values() if value) == 3
    paragraphs = len({s.paragraph for s in segments})
    assert sum(len(row._tr.xpath("./w:tc/w:tcPr/w:tcBorders/w:top")) for row in table.rows) == 2 * paragraphs
    [comment] = list(document.comments)
    assert comment.author == "toolkit check" and "number-mismatch" in comment.text
    assert any(row[1] == SCRIPT for row in rows)


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="no soffice on PATH (apt-get install libreoffice-writer-nogui)"
)
def test_libreoffice_converts_the_docx_to_pdf(project) -> None:
    pytest.importorskip("docx")
    root, _ = project
    out = reviewed(root, formats=("docx",))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(root / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(root / "pdf"),
            str(out / f"{STEM}.docx"),
        ],
        capture_output=True,
        timeout=240,
        check=True,
    )
    pdf = (root / "pdf" / f"{STEM}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) > 1
    fonts = set(re.findall(rb"/(?:FontName|BaseFont) ?/[A-Z]{6}\+([\w-]+)", pdf))
    assert any(b"CJK" in f or b"WenQuanYi" in f or b"Han" in f for f in fonts), fonts


# --- where it writes


def test_a_second_run_replaces_its_own_documents(project) -> None:
    root, _ = project
    reviewed(root)
    reviewed(root)
    assert sorted(p.name for p in (root / "review").iterdir()) == [f"{STEM}.docx", f"{STEM}.html"]


def test_an_annotated_docx_is_never_replaced_without_force(project) -> None:
    docx = pytest.importorskip("docx")
    root, _ = project
    target = reviewed(root) / f"{STEM}.docx"
    annotated = docx.Document(str(target))
    annotated.add_comment(annotated.tables[0].rows[1].cells[1].paragraphs[0].runs, text="Too literal.", author="Editor")
    annotated.save(str(target))
    before = target.read_bytes()
    html = root / "review" / f"{STEM}.html"
    html_before = html.read_bytes()  # our own, unchanged: only the annotated DOCX can stop the run
    with pytest.raises(OutputError, match=f"{STEM}.docx.*not an earlier output"):
        reviewed(root)
    assert target.read_bytes() == before
    assert html.read_bytes() == html_before  # all or nothing: the page was not rewritten either
    review_files(
        [root / "seeds" / f"{STEM}.txt"], root / "review", translations=root / "translations", force=True, now=NOW
    )
    assert target.read_bytes() != before


def test_a_foreign_file_is_refused_in_one_line_and_kept(project) -> None:
    root, _ = project
    (root / "review").mkdir()
    (root / "review" / f"{STEM}.html").write_text("<p>the editor's own notes</p>", encoding="utf-8")
    result = toolkit("review", f"seeds/{STEM}.txt", "-o", "review", cwd=root)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().count("\n") == 0 and "--force" in result.stderr, result.stderr
    assert (root / "review" / f"{STEM}.html").read_text(encoding="utf-8") == "<p>the editor's own notes</p>"
    assert not (root / "review" / f"{STEM}.docx").exists()


def test_an_input_is_never_written_over(project) -> None:
    root, _ = project
    source = root / "seeds" / "notes.html"
    source.write_text("今天天气很好。\n", encoding="utf-8")
    (root / "translations" / "en" / "notes.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "今天天气很好。"\nmsgstr "Fine."\n',
        encoding="utf-8",
    )
    with pytest.raises(OutputError, match="one of this command's inputs"):
        review_files(
            [source], root / "seeds", translations=root / "translations", formats=("html",), force=True, now=NOW
        )
    assert source.read_text(encoding="utf-8") == "今天天气很好。\n"


def test_a_source_without_a_po_file_says_to_draft_first(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("今天天气很好。\n", encoding="utf-8")
    result = toolkit("review", "a.txt", "-o", "out", "--no-glossary", cwd=tmp_path)
    assert result.returncode == 2
    assert (
        result.stderr.startswith("toolkit: error: ")
        and "toolkit draft" in result.stderr
        and "Traceback" not in result.stderr
    )
    assert not (tmp_path / "out").exists()


BAD_PO = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b"\nmsgid "a"\nmsgstr "c"\n'


@pytest.mark.parametrize(
    "argv, files, where",
    [
        (("review", "a.txt", "-o", "out"), {"translations/en/a.po": BAD_PO}, "translations/en/a.po"),
        (
            ("review", "a.txt", "-o", "out"),
            {"translations/en/a.po": "", "glossary/g.tsv": "zh\ten\n模型\n"},
            "glossary",
        ),
        (("review", "a.txt", "-o", "a.txt"), {"translations/en/a.po": ""}, "a.txt"),
        (("review", "a.txt", "-o", ""), {"translations/en/a.po": ""}, "-o ''"),
        (("review", "missing.txt", "-o", "out"), {}, "missing.txt"),
        (("review", "a.txt", "b/a.txt", "-o", "out"), {"translations/en/a.po": "", "b/a.txt": "天气。\n"}, "a.txt"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(tmp_path: Path, argv, files, where) -> None:
    (tmp_path / "a.txt").write_text("今天天气很好。\n", encoding="utf-8")
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    before = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    result = toolkit(*argv, cwd=tmp_path)
    assert result.returncode == 2, result
    errors = [line for line in result.stderr.splitlines() if not line.startswith("toolkit: note: ")]
    assert len(errors) == 1 and errors[0].startswith("toolkit: error: ") and where in errors[0], result.stderr
    assert {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()} == before
    assert not (tmp_path / "out").exists()


def test_the_command_says_what_it_wrote_and_is_quiet_with_q(project) -> None:
    root, _ = project
    result = toolkit("review", "seeds", "-o", "review", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.startswith(f"seeds/{STEM}.txt: ")
        and "1 needing work (fuzzy), 1 untranslated; 1 finding" in result.stdout
    )
    quiet = toolkit("review", "-q", "seeds", "-o", "review", "--format", "html", cwd=root)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


# --- one seed as a snapshot (its PO file and the glossary frozen in tests/test_review/)


def mask(html: str) -> str:
    html = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC by toolkit [^<]+", "<generated> UTC by toolkit <version>", html)
    html = re.sub(r"<!-- toolkit review sha256:[0-9a-f]{64} -->", "<!-- toolkit review sha256:<digest> -->", html)
    return re.sub(r'content="toolkit review [^"]+"', 'content="toolkit review <version>"', html)


def test_seed_snapshot(tmp_path: Path, file_regression) -> None:
    (tmp_path / "en").mkdir()
    shutil.copy(DATA / "002_b74670ba94e19c6a.po", tmp_path / "en")
    [written] = review_files(
        [ROOT / "seeds" / "002_b74670ba94e19c6a.txt"],
        tmp_path / "out",
        translations=tmp_path,
        glossary=load_glossary(DATA / "glossary.tsv"),
        formats=("html",),
        now=NOW,
    )
    html = (tmp_path / "out" / "002_b74670ba94e19c6a.html").read_text(encoding="utf-8")
    file_regression.check(mask(html.replace(str(ROOT) + "/", "").replace(str(tmp_path), "<tmp>")), extension=".html")
