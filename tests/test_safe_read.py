"""Tests for pipelines.safe_read: hostile and ordinary CSV / XLSX uploads."""

import io
import zipfile
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from pipelines.safe_read import (
    UnsafeFileError,
    decode_text,
    read_csv_bytes,
    read_table,
    read_xlsx_bytes,
    sniff_kind,
)
from pipelines.text import first_text_line

HEADER = "省份代码,企业名称,金额"


def _xlsx(rows, *, title="Sheet1", extra_sheets=()) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for name in extra_sheets:
        wb.create_sheet(name).append(["其他", 1])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rewrite_member(data: bytes, name: str, transform) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            payload = src.read(info)
            if info.filename == name:
                payload = transform(payload)
            dst.writestr(info, payload, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _code(excinfo) -> str:
    return excinfo.value.code


# ----------------------------------------------------------------------------------- decoding
def test_decode_utf8_bom_utf8_and_gb18030():
    assert decode_text("\ufeff省份".encode()) == ("省份", "utf-8-sig")
    assert decode_text("省份".encode()) == ("省份", "utf-8")
    assert decode_text(HEADER.encode("gb18030")) == (HEADER, "gb18030")
    assert decode_text("省份".encode("utf-16")) == ("省份", "utf-16")


def test_decode_failure():
    with pytest.raises(UnsafeFileError) as info:
        decode_text(b"\x80\xff\xff")
    assert _code(info) == "encoding"


# ---------------------------------------------------------------------------------------- CSV
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings(encoding):
    data = f"{HEADER}\n110000,北京某公司,12.5\n".encode(encoding)
    table = read_csv_bytes(data)
    assert table.header == ["省份代码", "企业名称", "金额"]
    assert table.rows == [["110000", "北京某公司", "12.5"]]
    assert table.row_numbers == [2]
    assert table.encoding == encoding
    assert table.source_kind == "csv"


def test_csv_crlf_padding_and_empty_rows():
    data = (
        " 省份代码 , 企业名称 ,金额,,\r\n"
        "110000 ,  北京某公司\u3000, 1 ,,\r\n"
        ",,\r\n"
        "\r\n"
        '340000,"合肥""某""公司",2\r\n'
        ",,,\r\n"
        "\r\n"
    ).encode("gb18030")
    table = read_csv_bytes(data)
    assert table.encoding == "gb18030"
    assert table.header == ["省份代码", "企业名称", "金额"]
    assert table.rows == [["110000", "北京某公司", "1"], ["340000", '合肥"某"公司', "2"]]
    assert table.row_numbers == [2, 5]


def test_csv_quoted_newline_keeps_excel_row_numbers():
    data = '代码,备注\n1,"第一行\r\n第二行"\n2,ok\n'.encode()
    table = read_csv_bytes(data)
    assert table.rows == [["1", "第一行\r\n第二行"], ["2", "ok"]]
    assert table.row_numbers == [2, 3]


# every kind of line break splitlines knows, blanks, delimiters and a quoted line break
LINE_PARTS = ["", " ", "\t", "a", "a,b", "x;y", "\r", "\n", "\r\n", "\x0b", "\x0c", "\x1c"]
LINE_PARTS += ["\x85", "\u2028", "\u3000", '"q\nq"']


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.sampled_from(LINE_PARTS), max_size=30), window=st.integers(1, 6))
def test_the_first_line_is_found_without_splitting_the_whole_file(parts, window):
    """The delimiter is sniffed on the first non-blank line, looked for in a growing window
    at the start of the file: the same line as splitting the whole text, wherever the
    window cuts it."""
    text = "".join(parts)
    assert first_text_line(text, window) == next((ln for ln in text.splitlines() if ln.strip()), "")


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_csv_delimiter_sniffing(delimiter):
    data = delimiter.join(["代码", "名称", "备注"]) + "\n" + delimiter.join(["1", "a,b", "x"])
    table = read_csv_bytes(data.encode())
    assert table.header == ["代码", "名称", "备注"]
    assert table.rows == [["1", "a,b", "x"]]


def test_csv_excel_sep_hint_and_short_rows():
    table = read_csv_bytes(b"sep=;\na;b;c\n1;2\n")
    assert table.header == ["a", "b", "c"]
    assert table.rows == [["1", "2", ""]]
    assert table.row_numbers == [2]


def test_csv_leading_blank_rows_header_number():
    table = read_csv_bytes(b"\n\na,b\n1,2\n")
    assert table.header_row_number == 3
    assert table.row_numbers == [4]


@pytest.mark.parametrize(
    ("data", "kwargs", "code"),
    [
        (b"", {}, "empty"),
        (b"\r\n ,\r\n", {}, "empty"),
        (b"a,b\n" + b"1,2\n" * 10, {"max_rows": 5}, "too_many_rows"),
        (b"a,b\n1,2\n", {"max_bytes": 4}, "file_too_large"),
        (b"a,b\n1,\x002\n", {}, "not_csv"),
    ],
)
def test_csv_refusals(data, kwargs, code):
    with pytest.raises(UnsafeFileError) as info:
        read_csv_bytes(data, **kwargs)
    assert _code(info) == code


# --------------------------------------------------------------------------------------- XLSX
def test_xlsx_normal_workbook():
    data = _xlsx(
        [
            [None],
            ["省份代码", " 企业名称 ", "金额", "日期"],
            [110000, "  北京某公司 ", 12.5, datetime(2024, 7, 14)],
            [None, None, None, None],
            [340000, "合肥某公司", 3, None],
            [None, None],
        ],
        extra_sheets=["说明"],
    )
    table = read_xlsx_bytes(data)
    assert table.source_kind == "xlsx"
    assert table.sheet_name == "Sheet1"
    assert table.sheet_names == ["Sheet1", "说明"]
    assert table.header == ["省份代码", "企业名称", "金额", "日期"]
    assert table.header_row_number == 2
    assert table.rows == [
        [110000, "北京某公司", 12.5, datetime(2024, 7, 14)],
        [340000, "合肥某公司", 3, ""],
    ]
    assert table.row_numbers == [3, 5]


def test_xlsx_named_sheet():
    data = _xlsx([["a"], [1]], title="封面", extra_sheets=["Pilots"])
    table = read_xlsx_bytes(data, sheet="pilots")
    assert table.sheet_name == "Pilots"
    assert table.header == ["其他", "1"]
    with pytest.raises(UnsafeFileError) as info:
        read_xlsx_bytes(data, sheet="tasks")
    assert _code(info) == "sheet_missing"
    # A single-sheet workbook is read whatever its sheet is called.
    assert read_xlsx_bytes(_xlsx([["a"], [1]]), sheet="tasks").rows == [[1]]


def test_xlsx_wrong_declared_dimension_does_not_truncate():
    data = _xlsx([["a", "b"], [1, 2], [3, 4]])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert b'ref="A1:B3"' in zf.read("xl/worksheets/sheet1.xml")
    data = _rewrite_member(
        data, "xl/worksheets/sheet1.xml", lambda x: x.replace(b'ref="A1:B3"', b'ref="A1"')
    )
    assert read_xlsx_bytes(data).rows == [[1, 2], [3, 4]]


def test_xlsx_too_big():
    data = _xlsx([["a"], [1]])
    with pytest.raises(UnsafeFileError) as info:
        read_xlsx_bytes(data, max_bytes=100)
    assert _code(info) == "file_too_large"
    assert info.value.detail["max_bytes"] == 100


def test_xlsx_zip_bomb():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b" " * (5 * 1024 * 1024))
    data = out.getvalue()
    assert len(data) < 50_000
    with pytest.raises(UnsafeFileError) as info:
        read_xlsx_bytes(data)
    assert _code(info) == "zip_ratio"
    assert info.value.detail["member"] == "xl/worksheets/sheet1.xml"
    with pytest.raises(UnsafeFileError) as info:
        read_table(data, "bomb.xlsx")
    assert _code(info) == "zip_ratio"


def test_xlsx_total_ratio_of_many_small_members():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(40):
            zf.writestr(f"xl/media/blob{i}.xml", b"<a/>" + b" " * 60_000)
    with pytest.raises(UnsafeFileError) as info:
        read_xlsx_bytes(out.getvalue())
    assert _code(info) == "zip_ratio"
    assert "total_uncompressed" in info.value.detail


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_xlsx_xml_entities(encoding):
    def inject(xml: bytes) -> bytes:
        text = xml.decode("utf-8")
        decl, _, body = text.partition("?>")
        evil = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        text = decl.replace("UTF-8", encoding).replace("utf-8", encoding) + "?>" + evil + body
        return text.encode(encoding)

    data = _rewrite_member(_xlsx([["a"], ["x"]]), "xl/worksheets/sheet1.xml", inject)
    with pytest.raises(UnsafeFileError) as info:
        read_xlsx_bytes(data)
    assert _code(info) == "xml_entities"
    assert info.value.detail["member"] == "xl/worksheets/sheet1.xml"


def test_xlsx_too_many_rows():
    data = _xlsx([["n"], *([i] for i in range(50))])
    assert len(read_xlsx_bytes(data, max_rows=51).rows) == 50
    with pytest.raises(UnsafeFileError) as info:
        read_xlsx_bytes(data, max_rows=10)
    assert _code(info) == "too_many_rows"


def test_xlsx_too_many_columns():
    data = _xlsx([["a"] * 12, list(range(12))])
    assert len(read_xlsx_bytes(data, max_cols=12).header) == 12
    with pytest.raises(UnsafeFileError) as info:
        read_xlsx_bytes(data, max_cols=5)
    assert _code(info) == "too_many_columns"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"just some text, not a workbook\n", "not_xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "not_xlsx"),
        (b"PK\x03\x04garbage", "not_xlsx"),
    ],
)
def test_xlsx_that_is_not_a_workbook(data, code):
    with pytest.raises(UnsafeFileError) as info:
        read_table(data, "报表.xlsx")
    assert _code(info) == code


def test_zip_without_workbook_parts():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(UnsafeFileError) as info:
        read_xlsx_bytes(out.getvalue())
    assert _code(info) == "not_xlsx"


# ------------------------------------------------------------------------------ sniff/dispatch
def test_sniff_kind():
    xlsx = _xlsx([["a"]])
    assert sniff_kind(xlsx, "a.xlsx") == "xlsx"
    assert sniff_kind(xlsx, "upload") == "xlsx"
    assert sniff_kind(b"a,b\n", "a.CSV") == "csv"
    assert sniff_kind("a\tb\n".encode("utf-16"), "a.txt") == "csv"
    for data, name, code in [
        (b"a,b\n", "a.xlsx", "not_xlsx"),
        (xlsx, "a.csv", "not_csv"),
        (b"a,b\x00\n", "a.csv", "not_csv"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old.xls", "not_xlsx"),
        (b"", "a.csv", "empty"),
    ]:
        with pytest.raises(UnsafeFileError) as info:
            sniff_kind(data, name)
        assert _code(info) == code, name


def test_read_table_dispatch():
    csv_table = read_table(f"{HEADER}\n1,a,2\n".encode("gb18030"), "报表.csv")
    assert csv_table.source_kind == "csv" and csv_table.encoding == "gb18030"
    xlsx_table = read_table(_xlsx([["a"], [1]]), "报表.xlsx", max_rows=10, sheet=None)
    assert xlsx_table.source_kind == "xlsx" and xlsx_table.rows == [[1]]
    # CSV ignores XLSX-only limits, but the size limit applies to both.
    assert read_table(b"a\n1\n", "a.csv", max_ratio=5, sheet="x").rows == [["1"]]
    with pytest.raises(UnsafeFileError) as info:
        read_table(b"a,b\n1,2\n", "a.csv", max_bytes=3)
    assert _code(info) == "file_too_large"
