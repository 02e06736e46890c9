"""Drafting progress in the terminal: per translated batch, with sentences/s and time left; off when stderr is not a terminal."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_53be3466f5beab3d.txt"


def draft_with_stderr(tmp_path: Path, tiny_model: Path, stderr) -> subprocess.Popen:
    shutil.copy(SEED, tmp_path / "article.txt")
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from toolkit.cli import main; main()",
            "draft",
            "article.txt",
            "--model",
            str(tiny_model),
            "--no-glossary",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=stderr,
        env={**os.environ, "COLUMNS": "200"},
    )


def test_progress_in_a_terminal_advances_per_batch_with_rate_and_time_left(tmp_path: Path, tiny_model: Path) -> None:
    leader, follower = pty.openpty()
    process = draft_with_stderr(tmp_path, tiny_model, follower)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process is gone
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.wait(timeout=300) == 0
    text = shown.decode("utf-8", "replace")
    assert "drafted 0/46 sentences" in text
    assert "drafted 46/46 sentences, " in text and " sentences/s, 0:00 left" in text
    assert "46 drafted" in process.stdout.read().decode()


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path, tiny_model: Path) -> None:
    process = draft_with_stderr(tmp_path, tiny_model, subprocess.PIPE)
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 0 and stderr == b""
    assert b"46 drafted" in stdout and b"sentences/s" not in stdout
