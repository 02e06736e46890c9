"""TermMatch is a named tuple for speed, but compares like the frozen dataclass it replaced (issue 20)."""

import pytest

from toolkit.glossary.model import Concept, TermMatch

CONCEPT = Concept("模型", "model", (), (), False, "")


def test_equal_only_to_a_term_match_with_equal_fields() -> None:
    match = TermMatch(CONCEPT, 0, 2, "模型")
    assert match == TermMatch(CONCEPT, 0, 2, "模型")
    assert match != TermMatch(CONCEPT, 0, 2, "模形")
    assert match != (CONCEPT, 0, 2, "模型")
    assert (CONCEPT, 0, 2, "模型") != match
    assert not match == (CONCEPT, 0, 2, "模型")  # noqa: SIM201
    assert hash(match) == hash(TermMatch(CONCEPT, 0, 2, "模型"))
    assert len({match, TermMatch(CONCEPT, 0, 2, "模型")}) == 1


def test_not_ordered_and_frozen() -> None:
    match = TermMatch(CONCEPT, 0, 2, "模型")
    with pytest.raises(TypeError):
        _ = match < TermMatch(CONCEPT, 1, 3, "型")
    with pytest.raises(AttributeError):
        match.start = 1  # type: ignore[misc]
