"""Drafting: Chinese sources -> PO files, reusing what translators and memory already have, drafting the rest.

model.py    the records: Article (a source and its PO file), Fate, Sentence, Planned, Plan
plan.py     keep / revive / memory / engine, per sentence (pure)
finish.py   one engine call, glossary enforcement, notes, merge (pure)
merge.py    msgmerge semantics, and whether a PO file may be merged into
report.py   the Report and its summary
stamp.py    the stamp of a complete draft (the up-to-date short cut)
engine.py   which engine a run uses
run.py      the run on disk: lock, read, plan, draft, write every PO file or none
"""

from toolkit.draft.engine import NO_MODEL_NOTICE, check_language_pair, choose_engine
from toolkit.draft.finish import (
    HYPOTHESES,
    NOT_LOADED,
    PLACEHOLDER_NOTE,
    Drafted,
    EngineFactory,
    draft_catalogs,
    finish_draft,
)
from toolkit.draft.merge import merge
from toolkit.draft.model import Article, Fate, Plan
from toolkit.draft.plan import plan_draft
from toolkit.draft.report import Report
from toolkit.draft.run import LOCK_NAME, GlossarySource, MemorySource, draft_files
from toolkit.draft.stamp import draft_stamp

__all__ = [
    "HYPOTHESES",
    "LOCK_NAME",
    "NOT_LOADED",
    "NO_MODEL_NOTICE",
    "PLACEHOLDER_NOTE",
    "Article",
    "Drafted",
    "EngineFactory",
    "Fate",
    "GlossarySource",
    "MemorySource",
    "Plan",
    "Report",
    "check_language_pair",
    "choose_engine",
    "draft_catalogs",
    "draft_files",
    "draft_stamp",
    "finish_draft",
    "merge",
    "plan_draft",
]
