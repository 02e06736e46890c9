"""Planning a draft: for every sentence, keep what the PO file has, take what memory has, or list it for the engine.

Pure: documents, old catalogues and memory in, a Plan out. The order of trust: a translator's confirmed
translation in the PO file (never touched), a fuzzy one there (kept, for the translator), the file's own obsolete
translation of the sentence (revived: the translator's text outranks any memory; when memory holds a different
translation it goes into a note and the entry is fuzzy), then memory (exact and confirmed, else fuzzy), then the engine.
"""

from __future__ import annotations

from collections.abc import Sequence

from toolkit.draft.model import Article, Fate, Plan, Planned, Sentence
from toolkit.memory import Memory, MemoryMatch
from toolkit.segment import Document
from toolkit.storage.units import State, Unit
from toolkit.words import ENCODING_DAMAGE

ORIGIN_PREFIXES = ("Draft:", "Memory:")
"""Notes that say where a translation came from; kept with the entry on re-draft."""


def plan_draft(articles: Sequence[Article], memory: Memory) -> Plan:
    """Keep what the PO files have, take what memory has (one batch lookup), and list the rest for one engine call."""
    olds = [
        {unit.source: unit for unit in article.previous.units if unit.source} if article.previous else {}
        for article in articles
    ]
    sentences = [document_sentences(article.document) for article in articles]
    unkept = {s.text: None for old, found in zip(olds, sentences) for s in found if _kept(old.get(s.text)) is None}
    matches = dict(zip(unkept, memory.lookup_all(list(unkept))))
    items = []
    pending: dict[str, None] = {}
    for article, old_units, found in zip(articles, olds, sentences):
        planned = tuple(
            _reuse(sentence, old_units, matches.get(sentence.text), article.po_path, memory) for sentence in found
        )
        pending.update((item.sentence.text, None) for item in planned if item.unit is None)
        items.append(planned)
    return Plan(tuple(articles), tuple(items), tuple(pending))


def document_sentences(document: Document) -> list[Sentence]:
    """Distinct sentences in document order; a repeated sentence lists every reference and its damaged text."""
    found: dict[str, Sentence] = {}
    damage = _damage_finder(document)
    for segment in document.segments:
        sentence = found.setdefault(segment.text, Sentence(segment.text, [], [], []))
        sentence.references.append((segment.file, segment.line))
        sentence.flags.extend(flag for flag in segment.flags if flag not in sentence.flags)
        if ENCODING_DAMAGE in segment.flags and damage is not None:
            damaged = damage.find_matches_as_strings(segment.text, overlapping=True)
            sentence.damage.extend(text for text in damaged if text not in sentence.damage)
    return list(found.values())


def _damage_finder(document: Document):
    """An Aho–Corasick automaton over the document's damaged spans (linear even with thousands), or None."""
    texts = {cleaning.text for cleaning in document.cleanings if cleaning.kind == ENCODING_DAMAGE and cleaning.text}
    if not texts:
        return None
    import ahocorasick_rs

    return ahocorasick_rs.AhoCorasick(sorted(texts), matchkind=ahocorasick_rs.MatchKind.Standard)


def source_notes(sentence: Sentence) -> tuple[str, ...]:
    """Cleaning warnings and formatting flags of the sentence, as notes."""
    notes = []
    if ENCODING_DAMAGE in sentence.flags:
        quoted = ", ".join(f"“{text}”" for text in sentence.damage)
        notes.append(
            f"Warning: encoding damage in the source{': ' + quoted if quoted else ''} — not repaired, compare with the original"
        )
    plain = [flag for flag in sentence.flags if flag != ENCODING_DAMAGE]
    if plain:
        notes.append("Source: " + ", ".join(plain))
    return tuple(notes)


def _kept(old: Unit | None) -> Unit | None:
    """The PO file's own unit for a sentence when it holds a translation to keep."""
    return old if old is not None and not old.obsolete and old.target else None


def _reuse(
    sentence: Sentence, old_units: dict[str, Unit], match: MemoryMatch | None, po_path: str, memory: Memory
) -> Planned:
    """Keep the PO file's translation, else revive its obsolete one, else take memory's; glossary notes come later."""
    old = old_units.get(sentence.text)
    comments = old.comments if old is not None else ()
    if _kept(old) is not None:
        origin = tuple(note for note in old.notes if note.startswith(ORIGIN_PREFIXES))
        unit = Unit(
            old.source,
            old.target,
            old.state,
            origin + source_notes(sentence),
            old.comments,
            sentence.locations,
            old.previous_source if old.fuzzy else None,
            flags=old.flags,
        )
        return Planned(
            sentence,
            unit,
            Fate.UNCHANGED if old.fuzzy else Fate.KEPT_HUMAN,
            old.target if old.fuzzy else None,
            comments,
        )
    if old is not None and old.obsolete and old.target:
        others = [unit for unit in memory.same_source(sentence.text) if unit.origin != po_path]
        return _revived(sentence, old, others, po_path)
    if match is None:
        return Planned(sentence, None, Fate.PENDING, comments=comments)
    return _from_memory(sentence, old_units, match, po_path, comments)


def _revived(sentence: Sentence, old: Unit, suggestions: list[Unit], po_path: str) -> Planned:
    """The file's own obsolete translation of a sentence that came back, as it was; fuzzy, with memory's answers in
    notes, when memory holds a different translation (the translator decides, memory never overrides)."""
    target = old.target.strip("\n")
    notes = [f"Memory: revived from the obsolete entry of {po_path} (the translator's earlier text)"]
    state = State.FUZZY if old.fuzzy else State.TRANSLATED
    for suggestion in suggestions:
        if suggestion.target.strip("\n") != target:
            notes.append(f"Memory: {suggestion.origin} differs: {suggestion.target.strip()}")
            state = State.FUZZY
    unit = Unit(
        sentence.text,
        target,
        state,
        tuple(dict.fromkeys(notes)) + source_notes(sentence),
        old.comments,
        sentence.locations,
    )
    fate = Fate.FROM_MEMORY_FUZZY if state is State.FUZZY else Fate.FROM_MEMORY_EXACT
    return Planned(sentence, unit, fate, target if state is State.FUZZY else None, old.comments)


def _from_memory(
    sentence: Sentence, old_units: dict[str, Unit], match: MemoryMatch, po_path: str, comments: tuple[str, ...]
) -> Planned:
    """The memory's translation: confirmed when exact, else fuzzy with the matched source as previous."""
    found = match.unit
    target = found.target.strip("\n")  # segments never start or end with a newline; msgfmt -c wants both sides alike
    provenance = f" ({'; '.join(found.notes)})" if found.notes and found.origin.lower().endswith(".tmx") else ""
    if match.exact:
        note = f"Memory: exact match from {found.origin}{provenance}"
        if match.other_script:
            note = f"Memory: exact match in the other script from {found.origin}{provenance}: {found.source}"
        unit = Unit(
            sentence.text, target, State.TRANSLATED, (note,) + source_notes(sentence), comments, sentence.locations
        )
        return Planned(sentence, unit, Fate.FROM_MEMORY_EXACT, comments=comments)
    same_file = found.origin == po_path and found.source != sentence.text
    if same_file and not comments and found.source in old_units:
        comments = old_units[found.source].comments
    note = f"Memory: {match.score:g}% match from {found.origin}{provenance}" + (
        "" if same_file else f": {found.source}"
    )
    unit = Unit(
        sentence.text,
        target,
        State.FUZZY,
        (note,) + source_notes(sentence),
        comments,
        sentence.locations,
        found.source if same_file else None,
    )
    return Planned(sentence, unit, Fate.FROM_MEMORY_FUZZY, target, comments)
