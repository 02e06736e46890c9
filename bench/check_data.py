"""Synthetic glossaries and PO sets for the `toolkit check` scaling benchmark, deterministic and cached.

Terms are three Han characters from one pool, the filler around them comes from a disjoint pool, so
a sentence contains exactly the terms planted in it. Of the planted terms 90 % are translated with the
approved English, 5 % with a forbidden rendering and 5 % not at all, so every rule has work to do.
"""

from __future__ import annotations

import hashlib
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import cache

ENTRIES_PER_FILE = 1000
_FILLER_CHARS = "的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会家可下而过天去能对小多然于心学么之都好看起发当没成只如事把还用第样道想作种开美总从无情己面最女但现前些所同日手又行意动方期它头经长儿回位分爱老因很给名法间斯知世什两次使身者被高已亲其进此话常与活正感"
_TERM_CHARS = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 400) if chr(c) not in _FILLER_CHARS)
_SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "zo", "pa", "qu", "fe", "di", "gu", "ho", "je")
_FILLER_WORDS = ("the", "report", "said", "that", "new", "market", "was", "in", "and", "with", "year", "plan")


@dataclass(frozen=True)
class PlantedTerm:
    """A synthetic glossary concept: Chinese form, approved English, variants, forbidden renderings."""

    zh: str
    en: str
    variants: tuple[str, ...]
    forbidden: tuple[str, ...]
    dnt: bool


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))


def planted_terms(count: int, seed: int = 0, chars: str = _TERM_CHARS) -> list[PlantedTerm]:
    """`count` distinct concepts: 5 % do-not-translate Latin names, 20 % with variants, 10 % with a forbidden rendering
    (Chinese terms are three characters of `chars`)."""
    import opencc

    from toolkit.glossary import SCRIPT_FORMS

    converters = [opencc.OpenCC(config) for config in SCRIPT_FORMS]
    rng = random.Random(seed)
    seen: set[str] = set()
    terms = []
    while len(terms) < count:
        if rng.random() < 0.05:
            name = _word(rng).capitalize() + str(rng.randint(2, 99))
            if name.lower() in seen:
                continue
            seen.add(name.lower())
            terms.append(PlantedTerm(name, name, (), (), True))
            continue
        zh = "".join(rng.choice(chars) for _ in range(3))
        forms = {zh, *(converter.convert(zh) for converter in converters)}
        if forms & seen:  # no term may be another's form in either script
            continue
        seen.update(forms)
        en = f"{_word(rng)} {_word(rng)}"
        variants = (f"{_word(rng)} {_word(rng)}",) if rng.random() < 0.2 else ()
        forbidden = (f"{_word(rng)} {_word(rng)}",) if rng.random() < 0.1 else ()
        terms.append(PlantedTerm(zh, en, variants, forbidden, False))
    return terms


def glossary_tsv(terms: list[PlantedTerm]) -> str:
    """The glossary in the project's TSV format (zh, en, type, variants, note)."""
    lines = ["zh\ten\ttype\tvariants\tnote"]
    for term in terms:
        kind = "dnt" if term.dnt else "preferred"
        lines.append(f"{term.zh}\t{term.en}\t{kind}\t{'|'.join(term.variants)}\t")
        lines.extend(f"{term.zh}\t{form}\tforbidden\t\t" for form in term.forbidden)
    return "\n".join(lines) + "\n"


def entry_pair(rng: random.Random, terms: list[PlantedTerm]) -> tuple[str, str]:
    """One (msgid, msgstr): Chinese filler with 0–3 planted terms, English filler with their renderings."""
    source = ["".join(rng.choice(_FILLER_CHARS) for _ in range(rng.randint(6, 14)))]
    target = [" ".join(rng.choice(_FILLER_WORDS) for _ in range(rng.randint(4, 8)))]
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        term = rng.choice(terms)
        roll = rng.random()
        source.append(term.zh)
        if roll < 0.05 and term.forbidden:
            target.append(term.forbidden[0])
        elif roll >= 0.95:
            target.append(rng.choice(_FILLER_WORDS))
        else:
            target.append(rng.choice((term.en, *term.variants)))
        source.append("".join(rng.choice(_FILLER_CHARS) for _ in range(rng.randint(3, 10))))
        target.append(" ".join(rng.choice(_FILLER_WORDS) for _ in range(rng.randint(2, 5))))
    return "".join(source) + "。", " ".join(target).capitalize() + "."


def po_text(pairs: list[tuple[str, str]]) -> str:
    """A zh→en PO catalogue holding `pairs` (the synthetic text needs no escaping)."""
    header = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Language: en\\n"\n"X-Source-Language: zh_Hans\\n"\n'
    )
    body = "".join(f'\nmsgid "{source}"\nmsgstr "{target}"\n' for source, target in pairs)
    return header + body


def check_set(terms: int, entries: int, seed: int = 0) -> tuple[Path, Path]:
    """(glossary TSV, PO directory) for `terms` × `entries`, generated once and cached (keyed by this file too)."""
    generator = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    folder = cache.CACHE / "check" / f"terms{terms}-entries{entries}-{cache.key(seed=seed, generator=generator)}"
    glossary, po_dir = folder / "glossary.tsv", folder / "po"
    if glossary.exists() and po_dir.is_dir():
        return glossary, po_dir
    planted = planted_terms(terms, seed)
    rng = random.Random(f"{seed}-{terms}-{entries}")
    staging = folder.with_name(folder.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "po").mkdir(parents=True)
    for first in range(0, entries, ENTRIES_PER_FILE):
        pairs = [entry_pair(rng, planted) for _ in range(min(ENTRIES_PER_FILE, entries - first))]
        (staging / "po" / f"doc{first // ENTRIES_PER_FILE:04d}.po").write_text(po_text(pairs), encoding="utf-8")
    (staging / "glossary.tsv").write_text(glossary_tsv(planted), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    return glossary, po_dir
