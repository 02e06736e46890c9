"""Finishing a draft: one engine call for the pending sentences, the glossary enforced, notes on every entry, the
catalogues merged. Pure: a Plan, an engine and a glossary in, catalogues and a Report out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from toolkit.draft.merge import merge, obsolete_count
from toolkit.draft.model import Article, Fate, Plan, Planned
from toolkit.draft.plan import plan_draft, source_notes
from toolkit.draft.report import Report
from toolkit.enforce import Counters, Enforced, enforce, term_notes
from toolkit.engines.model import Engine, Hypothesis
from toolkit.errors import ModelError
from toolkit.glossary.model import Glossary, TermMatch
from toolkit.memory import Memory
from toolkit.placeholders import Masked, mask, restore
from toolkit.storage.units import Catalog, State, Unit
from toolkit.version import __version__

HYPOTHESES = 4
"""Hypotheses asked per sentence when the batch contains glossary terms, to pick the one that keeps most terms."""

PLACEHOLDER_NOTE = "Placeholder"
"""Starts the note of a drafted entry whose URL, address or do-not-translate term the engine dropped (entry stays fuzzy)."""

NOT_LOADED = "not loaded (nothing new to draft)"

EngineFactory = Callable[[], Engine]


@dataclass(frozen=True)
class Drafted:
    """The result of the pure core: one catalogue per article (same order) and the report."""

    catalogs: tuple[Catalog, ...]
    report: Report


def finish_draft(plan: Plan, engine: Engine | None, glossary: Glossary | None = None, *, now: datetime) -> Drafted:
    """Draft the pending sentences in one engine call, enforce the glossary, note every entry, merge the catalogues."""
    matches = _Matches(glossary)
    drafts, signature, suppressed = _draft_pending(plan, engine, glossary, matches)
    tally: Counter[Fate] = Counter()
    catalogs = []
    obsolete = 0
    for article, planned in zip(plan.articles, plan.items):
        units = []
        for item in planned:
            unit, fate = _finished(item, drafts, signature, matches)
            tally[fate] += 1
            units.append(unit)
        catalog = merge(
            article.previous,
            units,
            project=Path(article.document.file).name,
            source_language=article.document.script,
            generator=f"toolkit {__version__}",
            now=now,
            stamp=article.stamp if all(unit.target for unit in units) else None,
        )
        obsolete += obsolete_count(article.previous, catalog)
        catalogs.append(catalog)
    report = Report(
        files=len(plan.articles),
        segments=sum(len(article.document.segments) for article in plan.articles),
        entries=sum(len(planned) for planned in plan.items),
        obsolete=obsolete,
        engine_calls=int(bool(plan.pending) and engine is not None),
        suppressed=suppressed,
        signature=signature,
        glossary=sum((draft.counters for draft in drafts.values()), Counters()),
        **{fate.value: tally[fate] for fate in Fate if fate is not Fate.PENDING},
    )
    return Drafted(tuple(catalogs), report)


class _Matches:
    """Glossary matches of a source sentence, found once per sentence for the whole run."""

    def __init__(self, glossary: Glossary | None) -> None:
        self.glossary = glossary
        self.found: dict[str, list[TermMatch]] = {}

    def __call__(self, text: str) -> list[TermMatch]:
        if text not in self.found:
            self.found[text] = self.glossary.find(text) if self.glossary is not None else []
        return self.found[text]


def _draft_pending(
    plan: Plan, engine: Engine | None, glossary: Glossary | None, matches: _Matches
) -> tuple[dict[str, Enforced], str, int]:
    """The enforced drafts of the pending sentences (one engine call), the engine signature, and how many forbidden
    renderings were suppressed."""
    if not plan.pending or engine is None:
        return {}, NOT_LOADED if not plan.pending else "none", 0
    signature = engine.signature() + (f", glossary {glossary.version}" if glossary is not None else "")
    # One call for the whole run, so suppression covers the forbidden renderings of every term in it.
    suppress = sorted({r for text in plan.pending for m in matches(text) for r in m.concept.forbidden})
    wanted = HYPOTHESES if any(matches(text) for text in plan.pending) else 1
    # URLs, e-mail addresses and do-not-translate terms go to the engine as placeholders (toolkit.placeholders).
    masked = [
        mask(text, [(m.start, m.end, m.concept.en) for m in matches(text) if m.concept.dnt]) for text in plan.pending
    ]
    hypotheses = engine.translate([sentence.text for sentence in masked], num_hypotheses=wanted, suppress=suppress)
    if len(hypotheses) != len(plan.pending):
        raise ModelError(
            f"the engine returned {len(hypotheses)} results for {len(plan.pending)} sentences",
            signature,
            "report this engine problem; nothing was written",
        )
    drafts = {
        text: _enforce_restored(matches(text), sentence, candidates)
        for text, sentence, candidates in zip(plan.pending, masked, hypotheses)
    }
    return drafts, signature, len(suppress)


def _finished(item: Planned, drafts: dict[str, Enforced], signature: str, matches: _Matches) -> tuple[Unit, Fate]:
    """The entry of one planned sentence, with its glossary notes, and what became of it."""
    text = item.sentence.text
    if item.unit is not None:
        return item.unit._replace(notes=item.unit.notes + term_notes(matches(text), item.check)), item.fate
    references = item.sentence.locations
    draft = drafts.get(text)
    if draft is not None and draft.text:
        notes = (f"Draft: {signature}",) + source_notes(item.sentence) + draft.notes
        return Unit(text, draft.text, State.FUZZY, notes, item.comments, references), Fate.DRAFTED
    notes = source_notes(item.sentence) + term_notes(matches(text))
    return Unit(text, "", State.UNTRANSLATED, notes, item.comments, references), Fate.UNTRANSLATED


def _enforce_restored(matches: Sequence[TermMatch], masked: Masked, candidates: Sequence[Hypothesis]) -> Enforced:
    """Put the placeholders back into every hypothesis, enforce the glossary, and note what the engine lost."""
    restored = [restore(candidate.text, masked) for candidate in candidates]
    enforced = enforce(matches, [Hypothesis(r.text, c.score) for r, c in zip(restored, candidates)])
    lost = restored[enforced.chosen].missing if restored else ()
    notes = tuple(
        f"{PLACEHOLDER_NOTE}: “{original}” did not come back from the engine — add it by hand" for original in lost
    )
    return replace(enforced, notes=enforced.notes + notes)


def draft_catalogs(
    articles: Sequence[Article],
    memory: Memory,
    make_engine: EngineFactory | None,
    glossary: Glossary | None = None,
    *,
    now: datetime,
) -> Drafted:
    """The pure core in one step: plan, load the engine only if something is new, finish."""
    plan = plan_draft(articles, memory)
    engine = make_engine() if plan.pending and make_engine is not None else None
    return finish_draft(plan, engine, glossary, now=now)
