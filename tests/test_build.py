"""Building the English document: translations in place of sentences, layout kept, nothing silently dropped."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import polib
import pytest
import regex
from fakes import FakeEngine
from helpers import toolkit

from toolkit.build import build_document, build_files
from toolkit.draft import draft_files
from toolkit.errors import CatalogError, InputError, OutputError
from toolkit.segment import segment_file, segment_text
from toolkit.storage.po import read_catalog

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)


def drafted(tmp_path: Path, text: str) -> Path:
    source = tmp_path / "a.txt"
    source.write_text(text, encoding="utf-8")
    draft_files([source], tmp_path / "out", FakeEngine, now=NOW)
    return source


def confirm(po: Path, msgid: str, msgstr: str) -> None:
    """What a translator does in Poedit (here through polib, the reference PO library)."""
    catalog = polib.pofile(str(po), wrapwidth=0)
    entry = catalog.find(msgid)
    entry.msgstr, entry.flags = msgstr, []
    catalog.save(str(po))


def test_sentences_are_replaced_and_the_layout_kept(tmp_path: Path) -> None:
    source = drafted(tmp_path, "天气很好。我们去北京。\n\n他们去上海。\n")
    confirm(tmp_path / "out" / "en" / "a.po", "天气很好。", "The weather is fine.")
    built = build_document(segment_file(source), read_catalog(tmp_path / "out" / "en" / "a.po"))
    assert built.text == "The weather is fine. EN(我们去北京。)\n\nEN(他们去上海。)\n"
    assert (built.confirmed, built.fuzzy, built.untranslated) == (1, 2, 0)


def test_confirmed_only_keeps_the_chinese_where_an_entry_needs_work(tmp_path: Path) -> None:
    source = drafted(tmp_path, "天气很好。我们去北京。\n")
    confirm(tmp_path / "out" / "en" / "a.po", "天气很好。", "The weather is fine.")
    built = build_document(segment_file(source), read_catalog(tmp_path / "out" / "en" / "a.po"), confirmed_only=True)
    assert built.text == "The weather is fine. 我们去北京。\n"
    assert built.untranslated == 1


def test_build_files_writes_next_to_the_po_file(tmp_path: Path) -> None:
    source = drafted(tmp_path, "天气很好。\n")
    [(path, _)] = build_files([source], tmp_path / "out")
    assert path == tmp_path / "out" / "en" / "a.txt"
    assert path.read_text(encoding="utf-8") == "EN(天气很好。)\n"


def test_missing_po_file_says_to_draft_first(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("天气很好。\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="no PO file for this source"):
        build_files([source], tmp_path / "out")


def test_a_markdown_source_builds_a_markdown_document(tmp_path: Path) -> None:
    source = drafted(tmp_path, "# 标题\n\n天气很好。\n")
    [(path, _)] = build_files([source], tmp_path / "out")
    assert path == tmp_path / "out" / "en" / "a.md"
    assert path.read_text(encoding="utf-8") == "# EN(标题)\n\nEN(天气很好。)\n"


def test_build_refuses_a_source_in_the_output_directory_instead_of_writing_over_it(tmp_path: Path) -> None:
    source = drafted(tmp_path, "天气很好。\n")
    build_files([source], tmp_path / "out")
    english = tmp_path / "out" / "en" / "a.txt"
    before = english.read_bytes()
    with pytest.raises(InputError, match="is in the output directory"):
        build_files([english], tmp_path / "out")
    assert english.read_bytes() == before


CHROME_PAGE = "訂閱\n糾錯\n加入自媒體\n\nOpenAI的賭局\n\n2025-10-29 15:47\n關注\n\n正文第一句。第二句。\n\n發表評論\n暫無評論\nx\n"


def test_web_page_chrome_is_left_out_of_the_english_and_counted(tmp_path: Path) -> None:
    source = drafted(tmp_path, CHROME_PAGE)
    catalog = read_catalog(tmp_path / "out" / "en" / "a.po")
    built = build_document(segment_file(source), catalog)
    assert built.text == "EN(OpenAI的賭局)\n\n2025-10-29 15:47\n\nEN(正文第一句。) EN(第二句。)\n"
    assert built.chrome_dropped == 7
    kept = build_document(segment_file(source), catalog, keep_chrome=True)
    assert kept.chrome_dropped == 0
    assert kept.text.startswith("訂閱\n糾錯\n加入自媒體\n\nEN(OpenAI的賭局)") and kept.text.endswith(
        "發表評論\n暫無評論\nx\n"
    )


def test_the_command_says_how_many_chrome_lines_it_left_out(tmp_path: Path) -> None:

    source = drafted(tmp_path, CHROME_PAGE)
    run = toolkit("build", str(source), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert (run.returncode, run.stderr) == (0, "")
    assert (
        run.stdout
        == f"{tmp_path / 'out' / 'en' / 'a.txt'}: 0 confirmed, 3 needing work, 0 left in Chinese, 7 web-page lines left out\n"
    )


def test_build_does_not_import_the_draft_stage() -> None:
    import subprocess
    import sys

    code = "import sys, toolkit.build; print(sorted(m for m in sys.modules if m in ('toolkit.draft', 'toolkit.memory', 'rapidfuzz')))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


# ---------------------------------------------------------------- footnotes (issue 23)

REPO = Path(__file__).resolve().parent.parent
SEED_000 = REPO / "seeds" / "000_53be3466f5beab3d.txt"
NOTES_PAGE = "他说自己“很担心”1。在他看来,这是竞赛。\n\n引用\n\n  1. 来源一·2025/8/19\u00a0↩︎\u00a0↩︎\n\n  2. 来源二 ↩︎\n"
NOTES_ENGLISH = {
    "他说自己“很担心”。": 'He said he was "very worried."',
    "在他看来,这是竞赛。": "As he sees it, this is a race.",
    "引用": "References",
    "来源一·2025/8/19": "Source one · August 19, 2025",
    "来源二": "Source two",
}
GLUED_NUMBER = regex.compile(r"(?<=\p{L}(?:[.!?,;:][\"”’')]?|[\"”’')]))\d{1,2}(?=\s|$)", regex.MULTILINE)
"""A footnote number glued to the word or quote it follows: worried.1, "very worried."1, worried"2."""


def english(segment) -> str:
    return NOTES_ENGLISH[segment.text]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        (
            True,
            'He said he was "very worried."[^1] As he sees it, this is a race.\n\nReferences\n\n'
            "[^1]: Source one · August 19, 2025\n\n  2. Source two\n",
        ),
        (
            False,
            'He said he was "very worried."[1] As he sees it, this is a race.\n\nReferences\n\n'
            "[1] Source one · August 19, 2025\n\n[2] Source two\n",
        ),
    ],
)
def test_footnotes_become_markdown_footnotes_or_bracketed_numbers_and_back_links_go(markdown, expected):
    from toolkit.build import with_footnotes

    # note 2 has no marker: in Markdown it stays a list item (pandoc would leave an unreferenced note out)
    document = with_footnotes(segment_text(NOTES_PAGE), markdown=markdown)
    assert document.rebuild(english, sentence_gap=" ") == expected


def test_a_marker_without_its_note_is_a_bracketed_number_in_markdown_too():
    from toolkit.build import with_footnotes

    document = with_footnotes(segment_text("他说自己“很担心”1。在他看来,这是竞赛。\n"), markdown=True)
    assert (
        document.rebuild(english, sentence_gap=" ")
        == 'He said he was "very worried."[1] As he sees it, this is a race.\n'
    )


def seed_000_as_markdown(tmp_path: Path) -> str:
    out = tmp_path / "out"
    (out / "en").mkdir(parents=True)
    shutil.copy(REPO / "translations" / "en" / f"{SEED_000.stem}.po", out / "en")
    [(path, _)] = build_files([SEED_000], out, markdown=True)
    assert path == out / "en" / f"{SEED_000.stem}.md"
    return path.read_text(encoding="utf-8")


def test_pandoc_renders_the_markdown_build_of_seed_000_with_its_footnotes(tmp_path: Path) -> None:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed (apt-get install pandoc): the Markdown footnotes are not rendered here")
    import subprocess

    text = seed_000_as_markdown(tmp_path)
    assert text.count("[^1]") == 3 and text.count("[^2]") == 2  # two markers of note 1 and its note; one of note 2
    assert re.search(r"^\[\^1\]: \"OpenAI CEO Warns", text, re.MULTILINE)
    html = subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "html"], input=text, capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r'<section[^>]*class="footnotes', html)
    assert len(re.findall(r'class="footnote-ref"', html)) == 3
    assert "STAR Market" in html.split('class="footnotes')[1]  # the note's text is in the notes section
    assert "[^" not in html


@pytest.mark.parametrize(
    "path", sorted((REPO / "translations" / "en").glob("*.[mt][dx]*")), ids=lambda path: path.name[:3]
)
def test_built_articles_have_no_back_links_and_no_glued_footnote_numbers(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "↩" not in text
    assert not GLUED_NUMBER.findall(text), GLUED_NUMBER.findall(text)[:3]


def test_seed_000_built_has_its_footnotes_in_brackets() -> None:
    text = (REPO / "translations" / "en" / f"{SEED_000.stem}.txt").read_text(encoding="utf-8")
    assert re.findall(r"\[\d\]", text) == ["[1]", "[1]", "[2]", "[1]", "[2]"]
    assert '"very worried."[1] As he sees it' in text


# ---------------------------------------------------------------- the output rule (issue 19)


def built_once(tmp_path: Path) -> tuple[Path, Path]:
    source = drafted(tmp_path, "天气很好。\n")
    [(path, _)] = build_files([source], tmp_path / "out")
    return source, path


def test_build_lists_what_it_wrote_in_a_manifest_that_sha256sum_checks(tmp_path: Path) -> None:
    import hashlib
    import subprocess

    _, path = built_once(tmp_path)
    manifest = (path.parent / ".toolkit-built").read_text(encoding="utf-8")
    assert f"{hashlib.sha256(path.read_bytes()).hexdigest()}  a.txt\n" in manifest
    if shutil.which("sha256sum"):
        run = subprocess.run(["sha256sum", "-c", ".toolkit-built"], cwd=path.parent, capture_output=True, text=True)
        assert (run.returncode, run.stdout) == (0, "a.txt: OK\n")


def test_build_replaces_its_own_earlier_output_when_the_translation_changed(tmp_path: Path) -> None:
    source, path = built_once(tmp_path)
    confirm(tmp_path / "out" / "en" / "a.po", "天气很好。", "The weather is fine.")
    build_files([source], tmp_path / "out")
    assert path.read_text(encoding="utf-8") == "The weather is fine.\n"
    assert (path.parent / ".toolkit-built").read_text(encoding="utf-8").count("a.txt") == 1  # the old bytes are gone


@pytest.mark.parametrize("why", ["a file build did not write", "build's output edited by hand"])
def test_build_refuses_a_document_it_did_not_write_unless_forced(tmp_path: Path, why: str) -> None:
    source, path = built_once(tmp_path)
    if why == "a file build did not write":
        (path.parent / ".toolkit-built").unlink()
    path.write_text("The weather is lovely (edited in an editor).\n", encoding="utf-8")
    confirm(tmp_path / "out" / "en" / "a.po", "天气很好。", "The weather is fine.")
    with pytest.raises(OutputError, match="exists and is not an earlier output of this command"):
        build_files([source], tmp_path / "out")
    assert path.read_text(encoding="utf-8") == "The weather is lovely (edited in an editor).\n"
    build_files([source], tmp_path / "out", force=True)
    assert path.read_text(encoding="utf-8") == "The weather is fine.\n"


def test_a_document_that_would_not_change_needs_no_manifest(tmp_path: Path) -> None:
    source, path = built_once(tmp_path)
    (path.parent / ".toolkit-built").unlink()
    build_files([source], tmp_path / "out")
    assert (path.parent / ".toolkit-built").is_file()


def test_one_refused_document_leaves_every_document_as_it_was(tmp_path: Path) -> None:
    first = drafted(tmp_path, "天气很好。\n")
    second = tmp_path / "b.txt"
    second.write_text("我们去北京。\n", encoding="utf-8")
    draft_files([second], tmp_path / "out", FakeEngine, now=NOW)
    foreign = tmp_path / "out" / "en" / "b.txt"
    foreign.write_text("someone's notes\n", encoding="utf-8")
    with pytest.raises(OutputError):
        build_files([first, second], tmp_path / "out")
    assert (
        not (tmp_path / "out" / "en" / "a.txt").exists() and not (tmp_path / "out" / "en" / ".toolkit-built").exists()
    )
    assert foreign.read_text(encoding="utf-8") == "someone's notes\n"


def test_build_never_writes_over_its_po_file_even_forced(tmp_path: Path) -> None:
    source = drafted(tmp_path, "天气很好。\n")
    po = tmp_path / "out" / "en" / "a.txt"  # a PO file named like the document build would write
    shutil.move(tmp_path / "out" / "en" / "a.po", po)
    before = po.read_bytes()
    with pytest.raises(OutputError, match="is one of this command's inputs"):
        build_files([source], tmp_path / "out", catalog=po, force=True)
    assert po.read_bytes() == before


def test_a_malformed_manifest_is_refused_in_one_line_and_nothing_is_written(tmp_path: Path) -> None:
    source, path = built_once(tmp_path)
    (path.parent / ".toolkit-built").write_text("not a manifest\n", encoding="utf-8")
    confirm(tmp_path / "out" / "en" / "a.po", "天气很好。", "The weather is fine.")
    run = toolkit("build", str(source), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "not a build manifest" in run.stderr
    assert path.read_text(encoding="utf-8") == "EN(天气很好。)\n"


def test_dash_writes_one_document_to_standard_output_and_no_file(tmp_path: Path) -> None:
    source = drafted(tmp_path, "天气很好。\n")
    run = toolkit(
        "build",
        str(source),
        "-o",
        "-",
        "--po",
        str(tmp_path / "out" / "en" / "a.po"),
        "--format",
        "markdown",
        cwd=tmp_path,
    )
    assert (run.returncode, run.stdout) == (0, "EN(天气很好。)\n")
    assert run.stderr == "standard output: 0 confirmed, 1 needing work, 0 left in Chinese\n"
    assert sorted(path.name for path in (tmp_path / "out" / "en").iterdir()) == ["a.po"]
    two = toolkit("build", str(source), str(source), "-o", "-", cwd=tmp_path)
    assert two.returncode == 2 and "-o - builds one document, and 2 sources were given" in two.stderr


@pytest.mark.parametrize(
    ("fails", "left"), [("a.txt", "EN(天气很好。)\n"), (".toolkit-built", "The weather is fine.\n")]
)
def test_a_build_stopped_half_way_still_recognises_every_document_it_left(
    tmp_path: Path, monkeypatch, fails, left
) -> None:
    import toolkit.storage.output as output

    source, path = built_once(tmp_path)
    confirm(tmp_path / "out" / "en" / "a.po", "天气很好。", "The weather is fine.")
    real_write = output.atomic_write
    writes = []

    def fail(target, data):
        writes.append(Path(target).name)
        if Path(target).name == fails and (
            fails == "a.txt" or writes.count(fails) == 2
        ):  # the document, or the last manifest write
            raise OSError("disk full")
        real_write(target, data)

    monkeypatch.setattr(output, "atomic_write", fail)
    with pytest.raises(OSError):
        build_files([source], tmp_path / "out")
    monkeypatch.setattr(output, "atomic_write", real_write)
    assert path.read_text(encoding="utf-8") == left
    confirm(tmp_path / "out" / "en" / "a.po", "天气很好。", "Fine weather.")
    build_files([source], tmp_path / "out")  # no --force needed: what was left is listed
    assert path.read_text(encoding="utf-8") == "Fine weather.\n"


def test_the_command_refuses_a_hand_edited_document_in_one_line_and_force_replaces_it(tmp_path: Path) -> None:
    source, path = built_once(tmp_path)
    path.write_text("edited\n", encoding="utf-8")
    run = toolkit("build", str(source), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == (
        f"toolkit: error: {path}: exists and is not an earlier output of this command"
        " — pass --force to replace it, or -o another path\n"
    )
    assert path.read_text(encoding="utf-8") == "edited\n"
    forced = toolkit("build", str(source), "-o", str(tmp_path / "out"), "--force", cwd=tmp_path)
    assert forced.returncode == 0 and path.read_text(encoding="utf-8") == "EN(天气很好。)\n"


def test_a_document_built_before_footnotes_were_known_is_rebuilt_without_force(tmp_path: Path) -> None:
    source = drafted(tmp_path, "他说自己“很担心”1。\n\n  1. 来源一 ↩︎\n")
    other = tmp_path / "b.txt"
    other.write_text("天气很好。\n", encoding="utf-8")
    draft_files([other], tmp_path / "out", FakeEngine, now=NOW)
    path = tmp_path / "out" / "en" / "a.txt"
    path.write_text("EN(他说自己“很担心”。)1\n\n  1. EN(来源一) ↩︎\n", encoding="utf-8")  # what the earlier build wrote
    (tmp_path / "out" / "en" / "b.txt").write_text("EN(天气很好。)\n", encoding="utf-8")
    build_files([source, other], tmp_path / "out")  # each document compared with its own earlier build
    assert path.read_text(encoding="utf-8") == "EN(他说自己“很担心”。)[1]\n\n[1] EN(来源一)\n"
    path.write_text("EN(他说自己“很担心”。)1\n\n  1. EN(来源一) ↩︎ (checked)\n", encoding="utf-8")
    (path.parent / ".toolkit-built").unlink()
    with pytest.raises(OutputError):  # edited since: not build's
        build_files([source], tmp_path / "out")
