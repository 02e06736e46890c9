"""Run one measured step in its own process: wall time, peak memory and what the step printed."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


@dataclass(frozen=True)
class Measurement:
    """One step as measured from outside: the command, wall seconds, peak RSS and what it printed."""

    command: str
    seconds: float
    peak_mb: float
    stdout: str

    def report(self) -> dict:
        """The JSON object a bench step prints as its last line."""
        return json.loads(self.stdout.strip().splitlines()[-1])


class StepFailed(RuntimeError):
    """A measured step exited with an error."""


def run(argv: list[str], env: dict[str, str], *, cwd: Path = ROOT, ok: tuple[int, ...] = (0,)) -> Measurement:
    """Run `argv` to completion (exit codes in `ok`); peak memory is that process's own ru_maxrss (os.wait4)."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = _drain(process)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code
    command = shlex.join(_display(argv))
    if code not in ok:
        raise StepFailed(f"{command} exited with {code}:\n{stderr.strip()[-2000:]}")
    return Measurement(command, seconds, usage.ru_maxrss / 1024, stdout)


def _drain(process: subprocess.Popen) -> tuple[str, str]:
    """Read both pipes to the end without reaping the process (so os.wait4 can)."""
    chunks: dict[str, str] = {}

    def read(name: str, stream) -> None:
        chunks[name] = stream.read()

    readers = [
        threading.Thread(target=read, args=("stdout", process.stdout)),
        threading.Thread(target=read, args=("stderr", process.stderr)),
    ]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    return chunks["stdout"], chunks["stderr"]


def _display(argv: list[str]) -> list[str]:
    """The command as a reader would type it from the repository root."""
    shown = []
    for arg in argv:
        if arg == sys.executable:
            shown.append(".venv/bin/python")
            continue
        try:
            shown.append(str(Path(arg).resolve().relative_to(ROOT)) if os.sep in arg else arg)
        except ValueError:
            shown.append(arg)
    return shown
