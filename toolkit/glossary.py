"""Term, Concept, Glossary: load and validate the TSV, match terms in both scripts, import and export."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import regex

from toolkit.errors import GlossaryError, ToolkitError
from toolkit.textio import atomic_write

COLUMNS = ("zh", "en", "type", "variants", "note")
REQUIRED = ("zh", "en", "type")
TYPES = ("preferred", "dnt", "forbidden")
VARIANT_SEPARATOR = "|"

# OpenCC configurations whose output the source-side matcher also accepts, so one row serves both scripts
# (mainland, Taiwan and Hong Kong traditional forms, and Taiwan phrasing such as 人工智慧).
SCRIPT_FORMS = ("t2s", "s2t", "s2tw", "s2twp", "s2hk")

# Chinese renderings of foreign names separate given and family name with any of these dots, spaced or not.
NAME_DOTS = ("·", "・", "•", "‧")
_NAME_DOT = regex.compile(r"\s*[·・•‧]\s*")
_LATIN = regex.compile(r"[A-Za-z0-9]")
_HAN = regex.compile(r"\p{Han}")
# English words on the target side, and what may separate the words of one phrase (space or hyphen).
_WORD = regex.compile(r"[^\W_]+(?:'[^\W_]+)*'?")
_WORD_GAP = regex.compile(r"[\s\-\u2010\u2011\u2012\u2013]+")


@dataclass(frozen=True)
class Term:
    """One row of the glossary TSV."""

    zh: str
    en: str
    type: str
    variants: tuple[str, ...]
    note: str
    line: int


@dataclass(frozen=True)
class Concept:
    """All rows for one Chinese term, grouped: the approved English, variants and forbidden renderings."""

    zh: str
    en: str
    variants: tuple[str, ...]
    forbidden: tuple[str, ...]
    dnt: bool
    note: str

    @cached_property
    def _accepted(self) -> tuple[_Phrase, ...]:
        return tuple(_Phrase.of(form) for form in (self.en, *self.variants))

    @cached_property
    def _forbidden(self) -> tuple[_Phrase, ...]:
        return tuple(_Phrase.of(form) for form in self.forbidden)

    def accepted_in(self, target: str) -> bool:
        """Whether the approved form or a variant is in `target` (dnt: the Latin form verbatim)."""
        if self.dnt:
            return any(_verbatim_spans(target, form) for form in (self.en, *self.variants))
        text = _Text(target)
        return any(phrase.found_in(text) for phrase in self._accepted)

    def forbidden_in(self, target: str) -> list[str]:
        """The forbidden renderings present in `target`, outside any accepted form."""
        if not self.forbidden:
            return []
        text = _Text(target)
        found = []
        accepted: list[tuple[int, int]] | None = None
        for phrase in self._forbidden:
            spans = phrase.spans_in(text)
            if not spans:
                continue
            if accepted is None:
                accepted = self._accepted_spans(text)
            if any(not any(a <= start and end <= b for a, b in accepted) for start, end in spans):
                found.append(phrase.form)
        return found

    def _accepted_spans(self, text: _Text) -> list[tuple[int, int]]:
        if self.dnt:
            return [span for form in (self.en, *self.variants) for span in _verbatim_spans(text.original, form)]
        return [span for phrase in self._accepted for span in phrase.spans_in(text)]


@dataclass(frozen=True)
class TermMatch:
    """A glossary concept found in a source sentence, with its span."""

    concept: Concept
    start: int
    end: int
    surface: str


class Glossary:
    """The concepts of a glossary and one Aho–Corasick automaton over all their Chinese forms."""

    def __init__(self, concepts: Sequence[Concept], version: str | None = None) -> None:
        self.concepts: tuple[Concept, ...] = tuple(concepts)
        self.version: str = version or _content_hash(self.concepts)
        self._codes = _Codes()
        self._automaton = _build_automaton(self.concepts, self._codes)

    def __len__(self) -> int:
        return len(self.concepts)

    def __repr__(self) -> str:
        return f"Glossary({len(self.concepts)} concepts, version={self.version})"

    def find(self, source: str) -> list[TermMatch]:
        """All concepts in `source`, either script, in one pass; the longest non-overlapping matches win."""
        if not self.concepts:
            return []
        haystack = source.lower()
        if len(haystack) != len(source):
            haystack = source
        candidates = []
        for code_end, (length, concept, latin) in self._automaton.iter(haystack.translate(self._codes)):
            end = code_end // _Codes.WIDTH + 1
            start = end - length
            if latin and not _latin_boundaries(source, start, end):
                continue
            candidates.append((start, end, concept))
        if not candidates:
            return []
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken: list[tuple[int, int]] = []
        matches = []
        for start, end, concept in candidates:
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            matches.append(TermMatch(concept, start, end, source[start:end]))
        matches.sort(key=lambda m: m.start)
        return matches


def find_phrase(text: str, phrase: str) -> list[tuple[int, int]]:
    """Spans of an English phrase in `text`: case-insensitive, whole words, tolerant of inflection."""
    return _Phrase.of(phrase).spans_in(_Text(text))


def contains_verbatim(text: str, form: str) -> bool:
    """Whether `form` is in `text` as written (case-sensitive, whole words; a plural or possessive ending allowed)."""
    return bool(_verbatim_spans(text, form))


def contains_phrase(text: str, phrase: str) -> bool:
    """Whether `find_phrase` would find anything, usually without splitting `text` into words."""
    return _Phrase.of(phrase).found_in(_Text(text))


def load_glossary(path: str | Path) -> Glossary:
    """Load a glossary directory (every *.tsv in it) or one TSV file, validated; GlossaryError lists every problem."""
    rows, problems = load_rows(path)
    concepts, group_problems = group_terms(rows)
    if problems or group_problems:
        raise GlossaryError(order_problems(problems + group_problems))
    return Glossary(concepts)


def order_problems(problems: Iterable[str]) -> list[str]:
    """`file:line: message` problems in file and line order."""
    def key(problem: str) -> tuple[str, int]:
        match = regex.match(r"(.*?):(\d+): ", problem)
        return (match.group(1), int(match.group(2))) if match else (problem, 0)

    return sorted(problems, key=key)


def load_rows(path: str | Path) -> tuple[list[Row], list[str]]:
    """The readable rows of a glossary directory or TSV file, with the problems of the others."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.tsv"))
        if not files:
            raise GlossaryError([f"{path}: no *.tsv glossary files in this directory"],
                                "add glossary/glossary.tsv or pass --glossary FILE")
    elif path.is_file():
        files = [path]
    else:
        raise GlossaryError([f"{path}: no such glossary file or directory"], "check the --glossary path")
    rows: list[Row] = []
    problems: list[str] = []
    for file in files:
        file_rows, file_problems = parse_tsv(_read_text(file), str(file))
        rows.extend(file_rows)
        problems.extend(file_problems)
    return rows, problems


Row = tuple[str, Term]
"""A term with the file it was read from, for `file:line` messages."""


def parse_tsv(text: str, file: str) -> tuple[list[Row], list[str]]:
    """The terms of one glossary TSV and the `file:line: message` problems found in it (BOM and CRLF accepted)."""
    lines = text.lstrip("\ufeff").splitlines()
    return parse_table([(number, line.split("\t")) for number, line in enumerate(lines, start=1)], file)


def parse_table(records: Sequence[tuple[int, list[str]]], file: str) -> tuple[list[Row], list[str]]:
    """Terms from (line number, cells) records whose first record is the header row (TSV and CSV alike)."""
    if not records or not any(cell.strip() for cell in records[0][1]):
        return [], [f"{file}:1: missing header row (expected: {' '.join(COLUMNS)}, tab-separated)"]
    header = [cell.strip().lower() for cell in records[0][1]]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        return [], [f"{file}:1: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                    f"(header must name: {', '.join(COLUMNS)}, tab-separated)"]
    position = {column: header.index(column) for column in COLUMNS}
    rows: list[Row] = []
    problems: list[str] = []
    for number, raw_cells in records[1:]:
        cells = [cell.strip() for cell in raw_cells]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if len(cells) > len(header):
            problems.append(f"{file}:{number}: {len(cells)} cells, the header has {len(header)}")
            continue
        cells += [""] * (len(header) - len(cells))
        values = {column: cells[position[column]] for column in COLUMNS}
        empty = [column for column in REQUIRED if not values[column]]
        if empty:
            problems.append(f"{file}:{number}: empty {', '.join(repr(c) for c in empty)} cell")
            continue
        kind = values["type"].lower()
        if kind not in TYPES:
            problems.append(f"{file}:{number}: unknown type {values['type']!r} (expected {', '.join(TYPES)})")
            continue
        variants = tuple(v.strip() for v in values["variants"].split(VARIANT_SEPARATOR) if v.strip())
        rows.append((file, Term(values["zh"], values["en"], kind, variants, values["note"], number)))
    return rows, problems


def group_terms(rows: Sequence[Row]) -> tuple[list[Concept], list[str]]:
    """Group rows into concepts (one per Chinese term, either script) and the problems that prevent it."""
    [simplified] = _convert(["t2s"], [term.zh for _, term in rows])
    groups: dict[str, list[Row]] = {}
    problems: list[str] = []
    for (file, term), key in zip(rows, simplified):
        where = f"{file}:{term.line}"
        if _HAN.search(term.en):
            problems.append(f"{where}: 'en' {term.en!r} contains Chinese characters; it must be English")
        elif term.type == "dnt" and not _LATIN.search(term.en):
            problems.append(f"{where}: dnt term {term.zh!r} needs the Latin form kept verbatim in 'en'")
        elif term.type == "forbidden" and term.variants:
            problems.append(f"{where}: forbidden rows take no variants; give each forbidden rendering its own row")
        else:
            groups.setdefault(key.lower(), []).append((file, term))
    concepts = []
    for group in groups.values():
        concept, group_problems = _concept(group)
        problems.extend(group_problems)
        if concept is not None:
            concepts.append(concept)
    return concepts, problems


def _concept(group: list[Row]) -> tuple[Concept | None, list[str]]:
    problems = []
    approved: Row | None = None
    forbidden: list[Row] = []
    for file, term in group:
        where = f"{file}:{term.line}"
        if term.type == "forbidden":
            earlier = next((f"{f}:{t.line}" for f, t in forbidden if t.en.lower() == term.en.lower()), None)
            if earlier:
                problems.append(f"{where}: duplicate row: {term.zh} ✗ {term.en!r} is already at {earlier}")
            else:
                forbidden.append((file, term))
            continue
        if approved is None:
            approved = (file, term)
            continue
        first_file, first = approved
        same_script = "" if first.zh == term.zh else f" (as {first.zh}; one row serves both scripts)"
        if (first.en, first.type) == (term.en, term.type):
            problems.append(f"{where}: duplicate row: {term.zh} is already at {first_file}:{first.line}{same_script}")
        else:
            problems.append(f"{where}: conflicting row: {term.zh} → {term.en!r} ({term.type}), but "
                            f"{first_file}:{first.line} says {first.en!r} ({first.type}){same_script}")
    if approved is None:
        file, term = forbidden[0]
        problems.append(f"{file}:{term.line}: {term.zh} has forbidden renderings but no preferred or dnt row "
                        "— add the approved English")
        return None, problems
    file, term = approved
    acceptable = {form.lower() for form in (term.en, *term.variants)}
    for forbidden_file, forbidden_term in forbidden:
        if forbidden_term.en.lower() in acceptable:
            problems.append(f"{forbidden_file}:{forbidden_term.line}: conflicting row: {forbidden_term.en!r} is "
                            f"forbidden for {forbidden_term.zh} but approved at {file}:{term.line}")
    concept = Concept(
        zh=term.zh,
        en=term.en,
        variants=term.variants,
        forbidden=tuple(t.en for _, t in forbidden if t.en.lower() not in acceptable),
        dnt=term.type == "dnt",
        note=term.note,
    )
    return concept, problems


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise GlossaryError([f"{path}: cannot read: {error.strerror}"], "check its permissions") from None
    except UnicodeDecodeError as error:
        raise GlossaryError([f"{path}: invalid UTF-8 at byte {error.start}"], "save the glossary as UTF-8") from None


def _convert(configs: Sequence[str], texts: Sequence[str]) -> list[list[str]]:
    """`texts` converted by each OpenCC configuration, from the conversion cache when it has them.

    Loading OpenCC's dictionaries is most of what loading a glossary costs (about 0.1 s), and
    `toolkit check` pays it on every start; the converted forms only change with the glossary.
    """
    cache = _conversion_cache(configs, texts)
    try:
        cached = json.loads(cache.read_text(encoding="utf-8"))
        if len(cached) == len(configs) and all(len(forms) == len(texts) for forms in cached):
            return cached
    except (OSError, ValueError):
        pass
    converted = _convert_now(configs, texts)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(cache, json.dumps(converted, ensure_ascii=False))
    except (OSError, ToolkitError):
        pass  # a cache that cannot be written only costs time
    return converted


def _conversion_cache(configs: Sequence[str], texts: Sequence[str]) -> Path:
    """Where the conversions of `texts` are cached: keyed by OpenCC's version, the configurations and the texts."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        opencc_version = version("opencc")
    except PackageNotFoundError:
        opencc_version = "unknown"
    digest = hashlib.sha256("\x1f".join([opencc_version, *configs, *texts]).encode("utf-8")).hexdigest()[:24]
    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache_home / "toolkit" / "opencc" / f"{digest}.json"


def _convert_now(configs: Sequence[str], texts: Sequence[str]) -> list[list[str]]:
    """`texts` converted by each OpenCC configuration, one call per configuration.

    The converters are all created before any is used: OpenCC shares a dictionary file between live
    converters, so loading them together reads STPhrases and friends once instead of once per configuration.
    """
    import opencc

    converters = [opencc.OpenCC(config) for config in configs]
    if not texts:
        return [[] for _ in configs]
    results = []
    for converter in converters:
        converted = converter.convert("\n".join(texts)).split("\n")
        results.append(converted if len(converted) == len(texts) else [converter.convert(t) for t in texts])
    return results


class _Codes(dict):
    """A `str.translate` table giving every character three code characters (unknown ones: the reserved code 0).

    pyahocorasick finds a node's child by a linear scan, so a root with thousands of distinct Chinese
    characters makes every step slow; three base-64 digits keep every node at 64 children or fewer. Each
    digit position has its own range of code characters, so a match can only start on a character boundary.
    """

    WIDTH = 3  # characters per code, see _code

    def __missing__(self, key: int) -> str:
        # Full-width Latin letters and digits (ＡＧＩ) match their ASCII forms; anything else matches nothing.
        code = self.get(key - 0xFEE0, _code(0)) if 0xFF01 <= key <= 0xFF5E else _code(0)
        self[key] = code
        return code

    def encode(self, text: str) -> str:
        """`text` in code characters, giving each new character the next free code."""
        for char in text:
            if ord(char) not in self:
                self[ord(char)] = _code(len(self) + 1)
        return text.translate(self)


def _code(index: int) -> str:
    return chr(0x300 + (index >> 12)) + chr(0x200 + (index >> 6) % 64) + chr(0x100 + index % 64)


def _build_automaton(concepts: Sequence[Concept], codes: _Codes):
    import ahocorasick

    automaton = ahocorasick.Automaton()
    keys = [concept.zh for concept in concepts]
    converted = _convert(SCRIPT_FORMS, keys)
    # Converted forms first, so that a concept's own spelling wins when two concepts share a converted form.
    for index, concept in enumerate(concepts):
        own = {concept.zh, converted[0][index]}
        for form in {forms[index] for forms in converted} - own:
            _add_form(automaton, codes, form, concept)
    for index, concept in enumerate(concepts):
        for form in (converted[0][index], concept.zh):
            _add_form(automaton, codes, form, concept)
    if len(automaton):
        automaton.make_automaton()
    return automaton


def _add_form(automaton, codes: _Codes, form: str, concept: Concept) -> None:
    spellings = {form}
    if any(dot in form for dot in NAME_DOTS):
        parts = _NAME_DOT.split(form)
        spellings |= {joint.join(parts) for dot in NAME_DOTS for joint in (dot, f" {dot} ")}
    for spelling in spellings:
        key = spelling.lower() if len(spelling.lower()) == len(spelling) else spelling
        automaton.add_word(codes.encode(key), (len(key), concept, bool(_LATIN.match(key[0]) or _LATIN.match(key[-1]))))


def _latin_boundaries(source: str, start: int, end: int) -> bool:
    """A Latin match is a whole word: no Latin letter or digit right before or after it."""
    before = start > 0 and _LATIN.match(source[start - 1]) and _LATIN.match(source[start])
    after = end < len(source) and _LATIN.match(source[end]) and _LATIN.match(source[end - 1])
    return not before and not after


def _content_hash(concepts: Iterable[Concept]) -> str:
    digest = hashlib.sha256()
    for concept in concepts:
        fields = (concept.zh, concept.en, "|".join(concept.variants), "|".join(concept.forbidden),
                  "dnt" if concept.dnt else "preferred", concept.note)
        digest.update("\t".join(fields).encode("utf-8") + b"\n")
    return digest.hexdigest()[:12]


class _Text:
    """A target sentence, lowercased and split into words only when a phrase needs it."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.lower = _fold(original)
        self._words: list[tuple[str, int, int]] | None = None

    @property
    def words(self) -> list[tuple[str, int, int]]:
        if self._words is None:
            self._words = [(_stem(m.group()), m.start(), m.end()) for m in _WORD.finditer(self.lower)]
        return self._words


@dataclass(frozen=True)
class _Phrase:
    """An English phrase as word stems, with a literal that every match must contain."""

    form: str
    literal: str
    stems: tuple[str, ...]
    probes: tuple[str, ...]  # the stems, less a final y (company -> companies): all must be in the text

    @classmethod
    def of(cls, form: str) -> _Phrase:
        literal = _fold(" ".join(form.split()))
        stems = tuple(_stem(m.group()) for m in _WORD.finditer(literal))
        probes = tuple(stem[:-1] if stem.endswith("y") and len(stem) > 1 else stem for stem in stems)
        return cls(form, literal, stems, probes)

    def found_in(self, text: _Text) -> bool:
        return bool(_literal_spans(text.lower, self.literal, first_only=True)) or bool(self.spans_in(text))

    def spans_in(self, text: _Text) -> list[tuple[int, int]]:
        if not self.stems or not all(probe in text.lower for probe in self.probes):
            return []
        words, size, spans = text.words, len(self.stems), []
        for i in range(len(words) - size + 1):
            window = words[i:i + size]
            if tuple(stem for stem, _, _ in window) == self.stems and all(
                    _WORD_GAP.fullmatch(text.lower, a[2], b[1]) for a, b in zip(window, window[1:])):
                spans.append((window[0][1], window[-1][2]))
        return spans


def _fold(text: str) -> str:
    """Lowercase with one apostrophe, keeping offsets (falls back to the text when lowercasing changes length)."""
    lower = text.lower()
    return (lower if len(lower) == len(text) else text).replace("’", "'")


def _stem(word: str) -> str:
    """The same stem for an English word's plural, possessive, -ed and -ing forms (a prefix of the word)."""
    if word.endswith("'s"):
        word = word[:-2]
    word = word.rstrip("'")
    if not word.isalpha():
        return word[:-1] if len(word) > 2 and word.endswith("s") and word[-2].isdigit() else word
    if len(word) < 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes", "zes")) and len(word) > 4:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    if word.endswith("ied") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("ying") and len(word) > 5:
        word = word[:-4] + "y"
    elif word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


def _literal_spans(haystack: str, needle: str, first_only: bool = False) -> list[tuple[int, int]]:
    """Spans of `needle` in `haystack` that are whole words (no letter or digit right before or after)."""
    spans = []
    start = haystack.find(needle) if needle else -1
    while start >= 0:
        end = start + len(needle)
        if (start == 0 or not haystack[start - 1].isalnum()) and (end == len(haystack) or not haystack[end].isalnum()):
            spans.append((start, end))
            if first_only:
                break
        start = haystack.find(needle, start + 1)
    return spans


def _verbatim_spans(target: str, form: str) -> list[tuple[int, int]]:
    """Spans of a do-not-translate form kept verbatim (case-sensitive), allowing a plural or possessive ending."""
    text, form = target.replace("’", "'"), " ".join(form.split()).replace("’", "'")
    spans = []
    start = text.find(form) if form else -1
    while start >= 0:
        end = start + len(form)
        for ending in ("", "s", "es"):
            if text.startswith(ending, end) and (end + len(ending) == len(text)
                                                 or not text[end + len(ending)].isalnum()):
                if start == 0 or not text[start - 1].isalnum():
                    spans.append((start, end + len(ending)))
                break
        start = text.find(form, start + 1)
    return spans


# Exchange formats. Export writes rows (so each forbidden rendering keeps its own note); import reads rows back,
# which `group_terms` then validates like any TSV.

EXPORT_FORMATS = ("tbx", "csv", "omegat", "deepl")
_OMEGAT_DNT = "do not translate"
_OMEGAT_VARIANT = "variant"
_OMEGAT_FORBIDDEN = "forbidden: do not use"
_ADMITTED = "admittedTerm-admn-sts"
_PREFERRED = "preferredTerm-admn-sts"
_FORBIDDEN_STATUSES = ("forbidden", "obsolete", "deprecated", "superseded")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def export_glossary(rows: Sequence[Row], output_format: str) -> str:
    """The glossary rows as TBX (as Weblate writes it), CSV, OmegaT's 3-column TSV or DeepL's 2-column TSV."""
    terms = [term for _, term in rows]
    if output_format == "tbx":
        return _to_tbx(terms)
    if output_format == "csv":
        return _to_csv(terms)
    if output_format == "omegat":
        return _to_omegat(terms)
    if output_format == "deepl":
        return "".join(f"{_cell(t.zh)}\t{_cell(t.en)}\n" for t in terms if t.type != "forbidden")
    raise ValueError(f"unknown export format {output_format!r}")


def format_tsv(terms: Iterable[Term]) -> str:
    """Terms as the canonical glossary TSV, header first."""
    lines = ["\t".join(COLUMNS)]
    for term in terms:
        cells = (term.zh, term.en, term.type, VARIANT_SEPARATOR.join(term.variants), term.note)
        lines.append("\t".join(_cell(cell) for cell in cells))
    return "\n".join(lines) + "\n"


def import_glossary(text: str, input_format: str, file: str) -> list[Term]:
    """Terms read from a TBX, CSV, OmegaT, DeepL or canonical TSV glossary, validated; GlossaryError on problems."""
    text = text.lstrip("\ufeff")
    if input_format == "tsv":
        rows, problems = parse_tsv(text, file)
    elif input_format == "csv":
        rows, problems = _from_csv(text, file)
    elif input_format == "tbx":
        rows, problems = _from_tbx(text, file)
    elif input_format in ("omegat", "deepl"):
        rows, problems = _from_columns(text, file)
    else:
        raise ValueError(f"unknown import format {input_format!r}")
    if not problems:
        problems = group_terms(rows)[1]
    if problems:
        raise GlossaryError(problems, "fix the file, or import it with --format set to its real format")
    if not rows:
        raise GlossaryError([f"{file}: no terms found"], "check that this is a glossary file and its --format")
    return [term for _, term in rows]


def guess_format(path: str | Path, text: str) -> str:
    """The import format of a file, from its extension, then from its first line (header, or column count)."""
    suffix = Path(path).suffix.lower()
    if suffix in (".tbx", ".xml"):
        return "tbx"
    if suffix == ".csv":
        return "csv"
    first = next((line for line in text.lstrip("\ufeff").splitlines() if line.strip() and not line.startswith("#")), "")
    cells = [cell.strip().lower() for cell in first.split("\t")]
    if all(column in cells for column in REQUIRED):
        return "tsv"
    return "deepl" if len(cells) == 2 else "omegat"


def _cell(text: str) -> str:
    return " ".join(text.split())


def _to_csv(terms: Sequence[Term]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for term in terms:
        writer.writerow((term.zh, term.en, term.type, VARIANT_SEPARATOR.join(term.variants), term.note))
    return buffer.getvalue()


def _from_csv(text: str, file: str) -> tuple[list[Row], list[str]]:
    import csv
    import io

    reader = csv.reader(io.StringIO(text))
    records = []
    line = 1
    for cells in reader:
        records.append((line, cells))
        line = reader.line_num + 1
    return parse_table(records, file)


def _to_omegat(terms: Sequence[Term]) -> str:
    lines = []
    for term in terms:
        if term.type == "forbidden":
            lines.append((term.zh, term.en, _joined(_OMEGAT_FORBIDDEN, term.note)))
            continue
        lines.append((term.zh, term.en, _joined(_OMEGAT_DNT if term.type == "dnt" else "", term.note)))
        lines.extend((term.zh, variant, _OMEGAT_VARIANT) for variant in term.variants)
    return "".join("\t".join(_cell(cell) for cell in line) + "\n" for line in lines)


def _joined(marker: str, note: str) -> str:
    return f"{marker}; {note}" if marker and note else marker or note


def _add_variant(rows: list[Row], approved: dict[str, int], zh: str, en: str) -> bool:
    """Add `en` as a variant of the approved row for `zh`; False when there is no approved row yet."""
    index = approved.get(zh)
    if index is None:
        return False
    where, first = rows[index]
    rows[index] = (where, Term(first.zh, first.en, first.type, (*first.variants, en), first.note, first.line))
    return True


def _from_columns(text: str, file: str) -> tuple[list[Row], list[str]]:
    """OmegaT (source, target, comment) or DeepL (source, target) rows; variants follow their approved row."""
    rows: list[Row] = []
    problems: list[str] = []
    approved: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) < 2 or not cells[0] or not cells[1]:
            problems.append(f"{file}:{number}: expected source<TAB>target[<TAB>comment]")
            continue
        zh, en, comment = cells[0], cells[1], cells[2] if len(cells) > 2 else ""
        marker, _, rest = comment.partition("; ")
        if comment.lower().startswith(_OMEGAT_FORBIDDEN):
            rows.append((file, Term(zh, en, "forbidden", (), rest, number)))
        elif comment.lower() == _OMEGAT_VARIANT or zh in approved:
            if not _add_variant(rows, approved, zh, en):
                problems.append(f"{file}:{number}: variant {en!r} of {zh} comes before its approved row")
        else:
            dnt = marker.lower() == _OMEGAT_DNT or (zh == en and bool(_LATIN.search(en)))
            note = (rest if marker.lower() == _OMEGAT_DNT else comment)
            approved[zh] = len(rows)
            rows.append((file, Term(zh, en, "dnt" if dnt else "preferred", (), note, number)))
    return rows, problems


def _to_tbx(terms: Sequence[Term]) -> str:
    from xml.sax.saxutils import escape

    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" "TBXcdv04.dtd">',
           '<martif type="TBX" xml:lang="zh">',
           "  <martifHeader>",
           "    <fileDesc>",
           "      <sourceDesc>",
           "        <p>toolkit glossary</p>",
           "      </sourceDesc>",
           "    </fileDesc>",
           "  </martifHeader>",
           "  <text>",
           "    <body>"]
    number = 0
    for term in terms:
        entries = [(term.en, "forbidden" if term.type == "forbidden" else _PREFERRED)]
        entries += [(variant, _ADMITTED) for variant in term.variants]
        for en, status in entries:
            number += 1
            out.append(f'      <termEntry id="term-{number}">')
            if term.type == "dnt":
                out.append('        <descrip type="Translation needed">No</descrip>')
            if term.note:
                out.append(f"        <descrip>{escape(term.note)}</descrip>")
            out.append(f'        <termNote type="administrativeStatus">{status}</termNote>')
            out.append(f'        <langSet xml:lang="zh"><tig><term>{escape(term.zh)}</term></tig></langSet>')
            out.append(f'        <langSet xml:lang="en"><tig><term>{escape(en)}</term></tig></langSet>')
            out.append("      </termEntry>")
    out += ["    </body>", "  </text>", "</martif>"]
    return "\n".join(out) + "\n"


def _from_tbx(text: str, file: str) -> tuple[list[Row], list[str]]:
    import xml.etree.ElementTree as ElementTree

    try:
        root = ElementTree.fromstring(text.encode("utf-8"))
    except ElementTree.ParseError as error:
        line = error.position[0] if error.position else 1
        return [], [f"{file}:{line}: not well-formed TBX: {error}"]
    rows: list[Row] = []
    problems: list[str] = []
    approved: dict[str, int] = {}
    for number, entry in enumerate(root.iter(_local(root, "termEntry")), start=1):
        terms = {}
        for lang_set in entry.iter(_local(root, "langSet")):
            language = (lang_set.get(_XML_LANG) or lang_set.get("lang") or "").lower()
            term = next((node.text or "" for node in lang_set.iter(_local(root, "term"))), "").strip()
            terms["zh" if language.startswith("zh") else "en" if language.startswith("en") else language] = term
        if not terms.get("zh") or not terms.get("en"):
            problems.append(f"{file}: termEntry {number}: needs a zh and an en term")
            continue
        zh, en = terms["zh"], terms["en"]
        status = _tbx_value(root, entry, "termNote", "administrativeStatus").lower()
        needed = _tbx_value(root, entry, "descrip", "Translation needed") or _tbx_value(
            root, entry, "termNote", "translationNote")
        note = next((node.text or "" for node in entry.iter(_local(root, "descrip")) if node.get("type") is None), "")
        if status.startswith(_FORBIDDEN_STATUSES):
            rows.append((file, Term(zh, en, "forbidden", (), note.strip(), number)))
        elif status.startswith("admitted") or zh in approved:
            if not _add_variant(rows, approved, zh, en):
                problems.append(f"{file}: termEntry {number}: variant {en!r} of {zh} comes before its approved term")
        else:
            kind = "dnt" if needed.strip().lower() == "no" else "preferred"
            approved[zh] = len(rows)
            rows.append((file, Term(zh, en, kind, (), note.strip(), number)))
    return rows, problems


def _local(root, name: str) -> str:
    """`name` in the document's namespace (TBX files may or may not declare one)."""
    return root.tag[: root.tag.index("}") + 1] + name if root.tag.startswith("{") else name


def _tbx_value(root, entry, tag: str, kind: str) -> str:
    return next((node.text or "" for node in entry.iter(_local(root, tag)) if node.get("type") == kind), "")
