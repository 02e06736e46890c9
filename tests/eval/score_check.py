"""Score `toolkit check` findings against the `# eval:` labels of an evaluation PO file.

Usage:
    toolkit check --no-glossary tests/eval/check_review.po > findings.txt
    python tests/eval/score_check.py tests/eval/check_review.po findings.txt

FINDINGS is the output of `check` in its text (`file:line: rule: message`) or json
(JSON Lines) format; `-` reads it from stdin. A finding belongs to the entry whose
lines (first comment line to last msgstr line) contain its line number.

A planted error counts as found when a finding with its rule id is reported on its
entry; an `ok` entry counts as a false alarm when any finding is reported on it.
Other rules reported on an entry with a planted error are listed, not penalised.
Exit status: 0 when every planted error is found and no `ok` entry is flagged, else 1.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

LABEL = re.compile(r"^# eval: (\S+)\s*$")
TEXT_FINDING = re.compile(r"^(?P<file>.*?):(?P<line>\d+): (?P<rule>[A-Za-z0-9_-]+): ")


@dataclass(frozen=True)
class LabelledEntry:
    """One PO entry's line span and its expected verdict (`ok` or a rule id)."""

    first_line: int
    last_line: int
    label: str
    msgid: str


def read_labels(po_path: Path) -> list[LabelledEntry]:
    """Split the PO file into blank-line-separated blocks and read each block's label."""
    entries: list[LabelledEntry] = []
    block: list[tuple[int, str]] = []
    lines = po_path.read_text(encoding="utf-8").splitlines()
    for number, text in enumerate(lines + [""], start=1):
        if text.strip():
            block.append((number, text))
            continue
        if block:
            labels = [m.group(1) for _, t in block if (m := LABEL.match(t))]
            msgid = next((t[len("msgid "):] for _, t in block if t.startswith("msgid ")), "")
            if msgid != '""':
                if len(labels) != 1:
                    raise SystemExit(f"{po_path}:{block[0][0]}: expected one '# eval:' label, found {len(labels)}")
                entries.append(LabelledEntry(block[0][0], block[-1][0], labels[0], msgid))
            block = []
    return entries


def read_findings(text: str) -> list[tuple[int, str]]:
    """(line, rule) pairs from `check` output in text or JSON Lines format."""
    findings = []
    for raw in text.splitlines():
        raw = raw.strip()
        if not raw:
            continue
        if raw.startswith("{"):
            record = json.loads(raw)
            findings.append((int(record["line"]), str(record["rule"])))
        elif m := TEXT_FINDING.match(raw):
            findings.append((int(m.group("line")), m.group("rule")))
    return findings


def score(entries: list[LabelledEntry], findings: list[tuple[int, str]]) -> tuple[str, bool]:
    """A printable report and whether the run passes."""
    rules_at: dict[int, set[str]] = {}
    unplaced: list[tuple[int, str]] = []
    for line, rule in findings:
        index = next((i for i, e in enumerate(entries) if e.first_line <= line <= e.last_line), None)
        if index is None:
            unplaced.append((line, rule))
        else:
            rules_at.setdefault(index, set()).add(rule)
    planted, found, missed, false_alarms, extra = Counter(), Counter(), [], [], []
    for index, entry in enumerate(entries):
        reported = rules_at.get(index, set())
        if entry.label == "ok":
            if reported:
                false_alarms.append((entry, sorted(reported)))
            continue
        planted[entry.label] += 1
        if entry.label in reported:
            found[entry.label] += 1
        else:
            missed.append((entry, sorted(reported)))
        if reported - {entry.label}:
            extra.append((entry, sorted(reported - {entry.label})))
    ok_total = sum(1 for e in entries if e.label == "ok")
    out = [f"{'rule':<24}{'planted':>8}{'found':>7}"]
    out += [f"{rule:<24}{planted[rule]:>8}{found[rule]:>7}" for rule in sorted(planted)]
    out.append(f"{'total':<24}{sum(planted.values()):>8}{sum(found.values()):>7}")
    out.append(f"ok entries flagged: {len(false_alarms)} of {ok_total}")
    out += [f"  missed  line {e.first_line}: {e.label} (reported: {', '.join(r) or 'nothing'}) {e.msgid}"
            for e, r in missed]
    out += [f"  false alarm  line {e.first_line}: {', '.join(r)} {e.msgid}" for e, r in false_alarms]
    out += [f"  extra (not penalised)  line {e.first_line}: {e.label} also got {', '.join(r)}" for e, r in extra]
    out += [f"  outside any entry  line {line}: {rule}" for line, rule in unplaced]
    passed = not missed and not false_alarms and not unplaced
    out.append("PASS" if passed else "FAIL")
    return "\n".join(out), passed


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: score_check.py PO FINDINGS (or - for stdin)", file=sys.stderr)
        return 2
    po_path, findings_path = Path(argv[0]), argv[1]
    text = sys.stdin.read() if findings_path == "-" else Path(findings_path).read_text(encoding="utf-8")
    report, passed = score(read_labels(po_path), read_findings(text))
    print(report)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
