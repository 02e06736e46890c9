"""Regular expressions (the standard library's `re`) compiled once per interpreter, not once per run.

`re.compile` parses a pattern and generates its program in Python code. The 40 patterns `toolkit check`
compiles before its first entry cost about 12 ms of a 140 ms check of one file, most of it building the
bitmaps of the Chinese character classes. A compiled program is a list of integers that depends only on the
pattern, its flags and the interpreter's regular-expression engine, so it is kept in the user's cache, as
Python keeps a module's bytecode beside its source, and handed straight to the engine the next time.

A program is stored only after the pattern built from it compared equal to `re.compile`'s (same flags, same
code); the file is named by the interpreter's version and engine magic, so another Python never reads it.
Anything unexpected (no cache directory, an unreadable file) means `re.compile`, as before. Only for
patterns written in the source (module constants): one built from data would grow the file without end.
Every command reads the programs; only `toolkit check`, whose start-up CI pays on every push, writes them
(`save`, once its work is done).
"""

from __future__ import annotations

import _sre
import pickle
import re
import sys
from pathlib import Path

from toolkit.paths import user_cache_dir

Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""What `_sre.compile` takes after the pattern: flags, code, group count - 1, group index, index group."""

_programs: dict[tuple[str | bytes, int], Program] | None = None
_added = False
_file: Path | None = None


def compile(pattern: str | bytes, flags: int = 0) -> re.Pattern:
    """`re.compile(pattern, flags)`, from the cached program when there is one."""
    programs = _load()
    key = (pattern, int(flags))
    program = programs.get(key)
    if program is not None:
        try:
            return _sre.compile(pattern, *program)
        except Exception:  # not a program this engine accepts (it validates the code): compile it again
            pass
    compiled = re.compile(pattern, flags)
    program = _program(pattern, int(flags), compiled)
    if program is not None:
        global _added
        programs[key], _added = program, True
    return compiled


def _program(pattern: str | bytes, flags: int, expected: re.Pattern) -> Program | None:
    """The program of `pattern` (built as re._compiler.compile builds it), or None when the pattern rebuilt
    from it is not `expected`, what re.compile made."""
    try:
        from re import _compiler, _parser

        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        code = [int(op) for op in code]  # the named opcode constants, as the plain integers the engine reads
        program = (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        rebuilt = _sre.compile(pattern, *program)
    except Exception:  # another interpreter's internals: compile as everyone does
        return None
    same = rebuilt == expected and rebuilt.groupindex == expected.groupindex and rebuilt.groups == expected.groups
    return program if same else None


def _cache_file() -> Path:
    """Where this interpreter's programs are kept: named by its version and its engine's magic number."""
    return user_cache_dir() / "patterns" / f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{sys.hexversion:x}.pickle"


def _load() -> dict[tuple[str | bytes, int], Program]:
    global _programs, _file
    if _programs is None:
        _file = _cache_file()
        try:
            loaded = pickle.loads(_file.read_bytes())
            _programs = loaded if isinstance(loaded, dict) else {}
        except Exception:  # none yet, or unreadable: rebuilt as patterns are compiled
            _programs = {}
    return _programs


def save() -> None:
    """Keep the programs of this run's patterns for the next, if it compiled any the cache did not hold.

    Called by a command that finished its work (`toolkit check`): a refused command writes nothing, not even
    to its cache."""
    if not _added or _programs is None or _file is None:
        return
    from toolkit.textio import atomic_write

    try:
        _file.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(_file, pickle.dumps(_programs, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:
        pass  # a cache that cannot be written only costs time
