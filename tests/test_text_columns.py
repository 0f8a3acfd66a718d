"""Command-line tables line up on a terminal, where a Chinese character takes two cells."""

import unicodedata

from dashboard.cli import main
from dashboard.text_columns import columns, pad


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_pad_counts_a_chinese_character_as_two_cells():
    assert pad("滞后", 6) == "滞后  "
    assert pad("ab", 6) == "ab    "
    assert pad("12", 4, right=True) == "  12"
    assert pad("未完成未完成", 4) == "未完成未完成"  # never cut


def test_columns_start_at_the_same_cell_on_every_line():
    rows = [["T1", "7", "滞后", "名称"], ["CFMS-100", "100", "未完成", "x"]]
    a, b = columns(rows, right=frozenset({1}))
    assert a == "T1          7  滞后    名称"
    assert b == "CFMS-100  100  未完成  x"
    assert _cells(a[: a.index("名称")]) == _cells(b[: b.index("x")])


def test_progress_in_chinese_lines_up_its_columns(session, db_url, capsys):
    assert (
        main(["--database-url", db_url, "progress", "--as-of", "2026-01-15", "--lang", "zh"]) == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 6
    # statuses of different widths (未完成, 滞后, 未开始 ...) are among the lines
    statuses = {line.split("截止 ")[1].split()[1] for line in lines}
    assert len({_cells(s) for s in statuses}) > 1, statuses
    starts = set()
    for line in lines:
        deadline = line.index("截止 ")
        starts.add(_cells(line[:deadline]))
        status_end = line.index("预测")
        starts.add(("forecast", _cells(line[:status_end])))
    assert len(starts) == 2, starts
