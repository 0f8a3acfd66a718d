"""The fast worksheet reader gives the values openpyxl's read-only mode gives, on every
workbook of the corpus and on workbooks made to hold what Excel can put in a cell."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from pipelines.safe_read import UnsafeFileError, read_xlsx_bytes
from pipelines.xlsx_rows import FastStringsReader, read_shared_strings, sheet_rows

ROOT = Path(__file__).resolve().parents[2]
MAX_COL = 65


def _openpyxl_rows(data: bytes) -> list[tuple]:
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    ws = wb.worksheets[0]
    ws.reset_dimensions()
    out = []
    for values in ws.iter_rows(max_col=MAX_COL, values_only=True):
        values = list(values)
        while values and values[-1] is None:
            values.pop()
        out.append(tuple(values))
    wb.close()
    return out


def _fast_rows(data: bytes) -> list[tuple]:
    reader = FastStringsReader(io.BytesIO(data), read_only=True, data_only=True)
    reader.read()
    rows = list(sheet_rows(reader.wb.worksheets[0], MAX_COL))
    reader.wb.close()
    return rows


def _saved(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _typed_workbook(epoch1904: bool = False) -> bytes:
    wb = Workbook()
    if epoch1904:
        wb.epoch = datetime(1904, 1, 1)
    ws = wb.active
    ws.append(["text", "number", "float", "bool", "date", "datetime", "time", "duration"])
    ws.append(["  spaced  ", 42, 3.25, True, date(2024, 5, 6), datetime(2024, 5, 6, 7, 8, 9)])
    ws["G2"] = time(13, 45)
    ws["H2"] = timedelta(hours=30, minutes=5)
    ws.append(["浙江省", -7, 1e20, False, date(1900, 1, 1), None, None, None])
    ws["A5"] = "after a gap"
    ws["C5"] = "=1+2"  # a formula with no cached value
    ws["J6"] = "beyond the header"
    ws["A7"] = CellRichText(["plain ", TextBlock(InlineFont(b=True), "bold"), " tail"])
    ws["B7"] = "x005F_escaped"
    ws["A8"] = ""
    ws["BM9"] = "column 65"
    ws["BN9"] = "column 66, dropped"
    return _saved(wb)


def _patched(data: bytes, member: str, old: bytes, new: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == member:
                assert old in body
                body = body.replace(old, new)
            dst.writestr(info, body)
    return out.getvalue()


def _hand_written_sheet() -> bytes:
    """Cells as other writers make them: inline strings, errors, booleans, cached formula
    text, rows and cells without their r attribute, an empty <v/>."""
    base = _saved(Workbook())
    sheet = (
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>inline</t></is></c>'
        b'<c r="B1" t="e"><v>#N/A</v></c><c r="C1" t="b"><v>1</v></c>'
        b'<c r="D1" t="str"><f>A1</f><v>cached</v></c><c r="E1"><v></v></c></row>'
        b"<row><c><v>1.5E3</v></c><c><v>7</v></c></row>"
        b'<row r="5"><c r="B5" t="inlineStr"><is><r><t>run one</t></r><r><t xml:space="preserve">'
        b' two</t></r><rPh sb="0" eb="1"><t>phonetic</t></rPh></is></c></row>'
        b'<row r="4"><c r="A4"><v>9</v></c></row>'
        b'<row r="6.0"><c r="A6" t="d"><v>2024-02-29T10:00:00</v></c></row></sheetData>'
    )
    return _patched(base, "xl/worksheets/sheet1.xml", b"<sheetData></sheetData>", sheet)


def _corpus() -> list[Path]:
    return sorted((ROOT / "tests").rglob("*.xlsx")) + sorted((ROOT / "data").rglob("*.xlsx"))


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name)
def test_corpus_workbooks_read_alike(path: Path) -> None:
    data = path.read_bytes()
    try:
        expected = _openpyxl_rows(data)
    except Exception:  # a hostile file openpyxl cannot read either; the safe reader refuses it
        with pytest.raises(UnsafeFileError):
            read_xlsx_bytes(data)
        return
    assert _fast_rows(data) == expected


@pytest.mark.parametrize(
    "data",
    [_typed_workbook(), _typed_workbook(epoch1904=True), _hand_written_sheet()],
    ids=["typed", "epoch1904", "hand_written"],
)
def test_made_workbooks_read_alike(data: bytes) -> None:
    expected = _openpyxl_rows(data)
    assert any(expected), "the workbook has values"
    assert _fast_rows(data) == expected


def test_typed_values_are_what_a_person_typed() -> None:
    rows = _fast_rows(_typed_workbook())
    assert rows[1][:6] == (
        "  spaced  ",
        42,
        3.25,
        True,
        datetime(2024, 5, 6),
        datetime(2024, 5, 6, 7, 8, 9),
    )
    assert rows[1][6:] == (time(13, 45), timedelta(hours=30, minutes=5))
    assert rows[3] == ()  # the row the sheet leaves out
    assert rows[6][0] == "plain bold tail"
    assert len(rows[8]) == MAX_COL and rows[8][-1] == "column 65"


def test_a_declared_entity_is_refused_by_the_reader_itself() -> None:
    """Defence in depth: even called without the safe reader's scan, no DTD is parsed."""
    data = _typed_workbook()
    data = _patched(
        data,
        "xl/worksheets/sheet1.xml",
        b"<worksheet ",
        b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]><worksheet ',
    )
    strings = b'<!DOCTYPE s [<!ENTITY a "aaaa">]><sst><si><t>&a;</t></si></sst>'
    with pytest.raises(ValueError, match="DOCTYPE"):
        read_shared_strings(io.BytesIO(strings))
    with pytest.raises(ValueError, match="DOCTYPE"):
        read_shared_strings(io.BytesIO(strings.decode().encode("utf-16-le")))
    with pytest.raises(UnsafeFileError) as refused:
        read_xlsx_bytes(data)
    assert refused.value.code == "xml_entities"
