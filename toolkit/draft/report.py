"""What a draft run did, as the record the library returns and the summary the CLI prints."""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.enforce import Counters
from toolkit.words import count


@dataclass(frozen=True)
class Report:
    """What a draft run did, printed as the summary; `signature` says how drafts were made.

    The sentence counts are named after `Fate` values (from_memory_exact … kept_human).
    """

    files: int = 0
    segments: int = 0
    entries: int = 0
    from_memory_exact: int = 0
    from_memory_fuzzy: int = 0
    drafted: int = 0
    untranslated: int = 0
    unchanged: int = 0
    kept_human: int = 0
    obsolete: int = 0
    up_to_date: int = 0
    written: int = 0
    engine_calls: int = 0
    suppressed: int = 0
    signature: str = "none"
    glossary: Counters = field(default_factory=Counters)
    skipped: tuple[str, ...] = ()
    """Files of a SOURCE directory that were not drafted, each with the reason (a FIFO, a broken link)."""

    def summary(self) -> str:
        """Entries by origin, how drafts were made, and (when anything was drafted) what glossary enforcement did."""
        skipped = [f"skipped {reason}" for reason in self.skipped]
        if self.files and self.up_to_date == self.files:
            return "\n".join(
                [
                    f"{count(self.files, 'file')} up to date (sources and glossary unchanged since the last complete draft): "
                    f"0 drafted, nothing written",
                    *skipped,
                    f"engine: {self.signature}; {count(self.engine_calls, 'engine call')}",
                ]
            )
        counts = (
            f"{count(self.files, 'file')} ({self.written} written), {count(self.segments, 'segment')}, "
            f"{count(self.entries, 'entry', 'entries')}: {self.from_memory_exact} from memory, "
            f"{self.from_memory_fuzzy} from memory (fuzzy), {self.drafted} drafted, {self.untranslated} left to translate, "
            f"{self.unchanged} unchanged, {self.kept_human} kept (translator's), {self.obsolete} made obsolete"
        )
        engine = f"engine: {self.signature}; {count(self.engine_calls, 'engine call')}"
        if not self.drafted:
            return "\n".join((counts, *skipped, engine))
        g = self.glossary
        terms = (
            f"glossary: {count(g.terms, 'term')} in drafts, {self.suppressed} forbidden renderings suppressed, "
            f"{g.picked} better hypotheses picked, {g.replaced} renderings replaced, "
            f"{g.violations} still violating (noted, left fuzzy)"
        )
        return "\n".join((counts, *skipped, engine, terms))
