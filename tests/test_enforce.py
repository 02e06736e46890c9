"""Glossary enforcement on drafts: pick the hypothesis that keeps most terms, replace what is unambiguous, note the rest."""

from __future__ import annotations

from toolkit.enforce import Counters, enforce, term_notes
from toolkit.engines import Hypothesis
from toolkit.glossary import Concept, TermMatch

EXPORT_CONTROLS = Concept("出口管制", "export controls", ("export restrictions",), ("export management",), False, "")
OPENAI = Concept("OpenAI", "OpenAI", (), ("Open AI",), True, "company name")
CHIP = Concept("芯片", "chip", ("microchip",), ("wafer",), False, "")


def found(source: str, *concepts: Concept) -> list[TermMatch]:
    """Every occurrence of each concept's Chinese form in the source, as the glossary matcher reports them."""
    matches = []
    for concept in concepts:
        start = source.find(concept.zh)
        while start != -1:
            matches.append(TermMatch(concept, start, start + len(concept.zh), concept.zh))
            start = source.find(concept.zh, start + 1)
    return sorted(matches, key=lambda match: match.start)


def hypotheses(*texts: str) -> list[Hypothesis]:
    return [Hypothesis(text, -float(rank)) for rank, text in enumerate(texts)]


def test_best_hypothesis_is_kept_when_it_already_has_the_terms() -> None:
    result = enforce(
        found("出口管制很严。", EXPORT_CONTROLS), hypotheses("Export controls are strict.", "Controls are strict.")
    )
    assert result.text == "Export controls are strict."
    assert result.chosen == 0
    assert result.notes == ("Glossary: 出口管制 → export controls (not: export management)",)
    assert result.counters == Counters(terms=1)


def test_lower_ranked_hypothesis_is_picked_when_it_keeps_more_terms() -> None:
    source = "OpenAI关注出口管制。"
    result = enforce(
        found(source, OPENAI, EXPORT_CONTROLS),
        hypotheses("Open-AI watches the rules.", "OpenAI watches the rules.", "OpenAI watches export controls."),
    )
    assert result.text == "OpenAI watches export controls."
    assert result.chosen == 2
    assert result.counters.picked == 1


def test_ties_keep_the_engine_order() -> None:
    result = enforce(found("芯片。", CHIP), hypotheses("A chip.", "The chip."))
    assert result.text == "A chip." and result.counters.picked == 0


def test_forbidden_rendering_is_replaced_by_the_approved_term() -> None:
    result = enforce(found("出口管制很严。", EXPORT_CONTROLS), hypotheses("The export management is strict."))
    assert result.text == "The export controls is strict."
    assert result.counters.replaced == 1 and result.counters.violations == 0
    assert result.notes == ("Glossary: 出口管制 → export controls (not: export management)",)


def test_variant_is_normalised_to_the_approved_term_keeping_a_capital_initial() -> None:
    result = enforce(found("出口管制很严。", EXPORT_CONTROLS), hypotheses("Export restrictions are strict."))
    assert result.text == "Export controls are strict."
    assert result.counters.replaced == 1


def test_rendering_is_not_replaced_when_it_is_ambiguous() -> None:
    result = enforce(found("芯片很贵。", CHIP), hypotheses("The wafer and the wafers are expensive."))
    assert result.text == "The wafer and the wafers are expensive."
    assert result.counters.replaced == 0 and result.counters.violations == 1
    assert result.notes == ("Glossary: 芯片 → chip (not: wafer) — not in draft — forbidden: “wafer”",)


def test_two_occurrences_in_the_source_need_two_renderings_to_replace() -> None:
    source = "芯片和芯片。"
    result = enforce(found(source, CHIP), hypotheses("A wafer and a microchip."))
    assert result.text == "A chip and a chip."
    assert result.counters.replaced == 2


def test_missing_term_is_named_in_a_note() -> None:
    result = enforce(found("芯片很贵。", CHIP), hypotheses("It is expensive."))
    assert result.text == "It is expensive."
    assert result.notes == ("Glossary: 芯片 → chip (not: wafer) — not in draft",)
    assert result.counters == Counters(terms=1, violations=1)


def test_do_not_translate_term_is_restored_verbatim() -> None:
    result = enforce(found("OpenAI发布了模型。", OPENAI), hypotheses("Open AI released a model."))
    assert result.text == "OpenAI released a model."
    assert result.notes == ("Glossary: OpenAI → OpenAI (do not translate; not: Open AI) — company name",)


def test_no_hypotheses_give_an_empty_draft_with_the_terms_listed() -> None:
    result = enforce(found("芯片。", CHIP), [])
    assert result.text == "" and result.notes == ("Glossary: 芯片 → chip (not: wafer)",)


def test_term_notes_without_a_target_only_list_terms_once_each() -> None:
    assert term_notes(found("芯片和芯片。", CHIP)) == ("Glossary: 芯片 → chip (not: wafer)",)


def test_counters_add_up() -> None:
    assert Counters(1, 2, 3, 4) + Counters(1, 1, 1, 1) == Counters(2, 3, 4, 5)


def test_term_note_names_what_not_to_write_and_the_glossary_note_in_one_line() -> None:
    controls = Concept(
        "出口管制", "export controls", (), ("export management", "export control"), False, "legal term, plural"
    )
    assert term_notes(found("出口管制和芯片。", controls, CHIP)) == (
        "Glossary: 出口管制 → export controls (not: export management, export control) — legal term, plural",
        "Glossary: 芯片 → chip (not: wafer)",
    )
