"""Numbers no real text has, given to `toolkit check` (issue 19, case 9): compared, never crashed on.

A numeral of 400 nines, 亿 repeated 45 times or 百分之 followed by 400 digits once raised OverflowError
(exit 3). The value is still compared: the same numeral in the English passes, another number is a finding.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import po, run_toolkit
from hypothesis import given
from hypothesis import strategies as st

from toolkit.check import check_catalogs

HUGE = {
    "400-nines": ("收入为" + "9" * 400 + "元。", "9" * 400),
    "yi-45-times": ("一" + "亿" * 45 + "个人。", "1" + "0" * 360),
    "percent-400-nines": ("百分之" + "9" * 400 + "。", "9" * 400 + "%"),
    "chinese-400-nines": ("收入为" + "九" * 400 + "元。", "9" * 400),
    "decimal-400-places": ("增长了3." + "1" * 400 + "倍。", "3." + "1" * 400),
}


def catalogue(tmp_path: Path, source: str, target: str) -> Path:
    path = tmp_path / "huge.po"
    path.write_text(po(f'\nmsgid "{source}"\nmsgstr "{target}"\n'), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", HUGE)
def test_a_number_no_real_text_has_is_compared_not_crashed_on(tmp_path: Path, name: str) -> None:
    source, same = HUGE[name]
    catalogue(tmp_path, source, "The figure is 5.")
    wrong = run_toolkit(("check", "--no-glossary", "huge.po"), tmp_path, {})
    assert wrong.returncode == 1, wrong.stderr
    assert "Traceback" not in wrong.stderr and "internal error" not in wrong.stderr
    assert "number-mismatch" in wrong.stdout
    catalogue(tmp_path, source, f"The figure is {same}.")
    right = run_toolkit(("check", "--no-glossary", "huge.po"), tmp_path, {})
    assert right.returncode == 0, (right.stdout, right.stderr)


NUMERAL_TEXT = st.text(
    st.sampled_from(list("0123456789.,%一二三四五六七八九十百千万亿零两点年月日号第倍约多余")), min_size=1, max_size=600
)


@given(source=NUMERAL_TEXT, target=st.text(st.sampled_from(list("0123456789.,% kmbnthousandmilionbr")), max_size=300))
def test_any_string_of_numerals_is_checked_without_an_exception(tmp_path_factory, source: str, target: str) -> None:
    path = catalogue(tmp_path_factory.mktemp("n"), "收" + source.replace("\\", "") + "。", target or "x")
    check_catalogs([path])
