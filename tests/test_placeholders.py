"""Placeholders: URLs, addresses and do-not-translate terms pass the engine masked and come back, or are noted."""

from __future__ import annotations

from datetime import UTC, datetime

from fakes import FakeEngine
from hypothesis import assume, given
from hypothesis import strategies as st

from toolkit.draft import PLACEHOLDER_NOTE, Article, draft_catalogs
from toolkit.glossary import Concept, Glossary
from toolkit.memory import Memory
from toolkit.placeholders import Masked, mask, protected_spans, restore
from toolkit.segment import segment_text

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
OPENAI = Concept("OpenAI", "OpenAI", (), (), True, "company name")
DEEPSEEK = Concept("Deepseek", "DeepSeek", (), (), True, "")
NM = Concept("nm", "nm", (), (), True, "unit")
GLOSSARY = Glossary([OPENAI, DEEPSEEK, NM])


def test_url_and_address_are_masked_and_restored() -> None:
    masked = mask("详见https://example.com/a?b=1，或写信给press@example.com。")
    assert masked == Masked(
        "详见THISISPROTECTED000，或写信给THISISPROTECTED001。", ("https://example.com/a?b=1", "press@example.com")
    )
    restored = restore("See THISISPROTECTED000 or write to THISISPROTECTED001.", masked)
    assert (restored.text, restored.missing) == ("See https://example.com/a?b=1 or write to press@example.com.", ())


def test_sentence_punctuation_after_a_url_is_not_part_of_it() -> None:
    assert [span[2] for span in protected_spans("See www.example.com/news.")] == ["www.example.com/news"]


def test_do_not_translate_term_comes_back_as_the_glossary_writes_it_with_its_number() -> None:
    text = "Deepseek用3nm芯片。"
    terms = [(0, 8, "DeepSeek"), (10, 12, "nm")]
    masked = mask(text, terms)
    assert masked == Masked("THISISPROTECTED000用THISISPROTECTED001芯片。", ("DeepSeek", "3nm"))
    assert restore("THISISPROTECTED000 uses THISISPROTECTED001 chips.", masked).text == "DeepSeek uses 3nm chips."


def test_a_lost_placeholder_is_reported() -> None:
    masked = mask("见https://example.com和a@b.org。")
    assert restore("See THISISPROTECTED001.", masked).missing == ("https://example.com",)


def test_text_that_already_holds_a_placeholder_is_left_alone() -> None:
    assert mask("THISISPROTECTED000 https://example.com") == Masked("THISISPROTECTED000 https://example.com")


@given(st.text(alphabet=st.sampled_from(list("天气好。 ahtps:/.w@xyz0123")), max_size=40))
def test_masking_then_restoring_gives_back_the_text(text: str) -> None:
    assume("thisisprotected" not in text.lower())
    masked = mask(text)
    restored = restore(masked.text, masked)
    assert (restored.text, restored.missing) == (text, ())


def job(text: str) -> Article:
    return Article(segment_text(text, file="a.txt"), "en/a.po")


def test_the_engine_sees_placeholders_and_the_draft_has_the_originals() -> None:
    engine = FakeEngine()
    drafted = draft_catalogs([job("OpenAI的网站是https://openai.com。")], Memory([]), lambda: engine, GLOSSARY, now=NOW)
    assert engine.sentences == ["THISISPROTECTED000的网站是THISISPROTECTED001。"]
    [unit] = drafted.catalogs[0].units
    assert unit.target == "EN(OpenAI的网站是https://openai.com。)"
    assert not any(note.startswith(PLACEHOLDER_NOTE) for note in unit.notes)


def test_a_placeholder_the_engine_dropped_flags_the_draft_and_says_which() -> None:
    engine = FakeEngine({"THISISPROTECTED000的网站是THISISPROTECTED001。": ["The THISISPROTECTED000 website."]})
    drafted = draft_catalogs([job("OpenAI的网站是https://openai.com。")], Memory([]), lambda: engine, GLOSSARY, now=NOW)
    [unit] = drafted.catalogs[0].units
    assert unit.target == "The OpenAI website."
    assert unit.fuzzy
    assert f"{PLACEHOLDER_NOTE}: “https://openai.com” did not come back from the engine — add it by hand" in unit.notes


def test_with_a_real_model_every_original_is_in_the_draft_or_named_in_a_note(tiny_engine) -> None:
    sentences = ["请访问https://example.com/zh了解详情。", "联系邮箱是press@example.com。", "OpenAI发布了新模型。"]
    drafted = draft_catalogs([job("".join(sentences))], Memory([]), lambda: tiny_engine, GLOSSARY, now=NOW)
    originals = {
        "请访问https://example.com/zh了解详情。": "https://example.com/zh",
        "联系邮箱是press@example.com。": "press@example.com",
        "OpenAI发布了新模型。": "OpenAI",
    }
    units = drafted.catalogs[0].units
    assert [unit.source for unit in units] == sentences  # every sentence is looked at below
    for unit in units:
        original = originals[unit.source]
        noted = any(note.startswith(f"{PLACEHOLDER_NOTE}: “{original}” did not come back") for note in unit.notes)
        assert (original in unit.target) or noted, (unit.target, unit.notes)
        assert "THISISPROTECTED" not in unit.target.upper() or noted
        assert unit.fuzzy
