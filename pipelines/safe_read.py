"""Read untrusted uploads (CSV / XLSX) into a header and rows without expanding anything dangerous.

Order of defences for XLSX: byte size, then zip metadata (member count, per-member and total
compression ratio, total uncompressed size) before anything is decompressed, then a bounded
streaming scan of every XML part for DOCTYPE / ENTITY declarations, and only then openpyxl in
read-only mode with a row and column cap. No global state (e.g. defusedxml.defuse_stdlib) is
touched.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from pipelines.text import first_text_line

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_COLS",
    "DEFAULT_MAX_RATIO",
    "DEFAULT_MAX_ROWS",
    "Table",
    "UnsafeFileError",
    "decode_text",
    "read_csv_bytes",
    "read_table",
    "read_xlsx_bytes",
    "sniff_kind",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_RATIO = 100
DEFAULT_MAX_ROWS = 200_000
DEFAULT_MAX_COLS = 1024
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
STRIP_LIMIT = 4_096  # longer cells are kept as read (no copy): validation refuses them
DEFAULT_MAX_UNCOMPRESSED = 400 * 1024 * 1024
MAX_ZIP_MEMBERS = 10_000
RATIO_MIN_MEMBER_SIZE = 64 * 1024  # members smaller than this cannot be a bomb on their own

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls
XLSX_EXTENSIONS = (".xlsx", ".xlsm")
CSV_EXTENSIONS = (".csv", ".txt", ".tsv")
DELIMITERS = (",", ";", "\t")
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_FORBIDDEN = tuple(
    marker.encode(enc)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for enc in ("ascii", "utf-16-le", "utf-16-be")
)
_OVERLAP = max(len(p) for p in _FORBIDDEN) - 1
_CHUNK = 64 * 1024


class UnsafeFileError(Exception):
    """Refused upload. ``code``: file_too_large, zip_ratio, zip_members, too_many_rows,
    too_many_columns, not_xlsx, not_csv, encoding, mixed_encoding, cell_too_long, empty,
    xml_entities, sheet_missing."""

    def __init__(self, code: str, detail: dict[str, Any] | None = None) -> None:
        self.code = code
        self.detail = dict(detail or {})
        super().__init__(f"{code}: {self.detail}" if self.detail else code)


@dataclass
class Table:
    """Header + data rows. ``row_numbers[i]`` is the spreadsheet row (header row is usually 1)
    of ``rows[i]``. Empty cells are ``""`` in both CSV and XLSX tables; XLSX keeps typed values
    (int, float, bool, datetime). ``encoding`` is the CSV text encoding, "utf-8" for XLSX."""

    header: list[str]
    rows: list[list[Any]]
    row_numbers: list[int]
    encoding: str
    source_kind: str
    header_row_number: int = 1
    sheet_name: str | None = None
    sheet_names: list[str] = field(default_factory=list)


def _check_size(data: bytes, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise UnsafeFileError("file_too_large", {"size": len(data), "max_bytes": max_bytes})
    if not data:
        raise UnsafeFileError("empty")


def _has_utf16_bom(data: bytes) -> bool:
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def sniff_kind(data: bytes, filename: str) -> str:
    """ "csv" or "xlsx" from magic bytes and extension; raises not_xlsx / not_csv / empty."""
    if not data:
        raise UnsafeFileError("empty")
    ext = PurePath(filename or "").suffix.lower()
    is_zip, is_ole = data.startswith(ZIP_MAGIC), data.startswith(OLE_MAGIC)
    binary = b"\x00" in data and not _has_utf16_bom(data)
    if ext in XLSX_EXTENSIONS or ext == ".xls":
        if is_zip:
            return "xlsx"
        reason = "legacy_xls" if is_ole else "not_zip"
        raise UnsafeFileError("not_xlsx", {"filename": filename, "reason": reason})
    if ext in CSV_EXTENSIONS:
        if is_zip or is_ole or binary:
            raise UnsafeFileError("not_csv", {"filename": filename, "reason": "binary"})
        return "csv"
    if is_zip:
        return "xlsx"
    if is_ole:
        raise UnsafeFileError("not_xlsx", {"filename": filename, "reason": "legacy_xls"})
    if binary:
        raise UnsafeFileError("not_csv", {"filename": filename, "reason": "binary"})
    return "csv"


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with BOM, UTF-16 with BOM, UTF-8, else GB18030. A file that is
    not UTF-8 but whose lines are partly valid UTF-8 beyond ASCII mixes two encodings: it is
    refused (mixed_encoding), naming the first line that differs from the file's first
    non-ASCII line, instead of being decoded with garbled names."""
    candidates = ["utf-8", "gb18030"]
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif _has_utf16_bom(data):  # Excel's "Unicode text" export
        candidates = ["utf-16"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030":
            _refuse_mixed_lines(data)
        return text, encoding
    raise UnsafeFileError("encoding", {"tried": candidates})


def _refuse_mixed_lines(data: bytes) -> None:
    """In a file that is not valid UTF-8 as a whole: a line in UTF-8 (Chinese characters read
    as UTF-8) and a line that is not valid UTF-8 make a mixed file; the later of the two
    first such lines is named (1-based, as an editor counts them)."""
    first: dict[bool, int] = {}
    for number, line in enumerate(data.split(b"\n"), 1):
        if line.isascii():
            continue
        try:  # a chance UTF-8 reading of GB18030 bytes rarely gives CJK characters
            utf8 = any("\u4e00" <= c <= "\u9fff" for c in line.decode("utf-8"))
        except UnicodeDecodeError:
            utf8 = False
        first.setdefault(utf8, number)
        if len(first) == 2:
            raise UnsafeFileError("mixed_encoding", {"line": max(first.values())})


def _sniff_delimiter(line: str) -> str:
    unquoted = re.sub(r'"[^"]*"', "", line)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties favour the earlier (",")
    return best if counts[best] else ","


def _shape(cells: list[Any], width: int) -> list[Any]:
    """Pad to the header width; drop empty cells beyond it."""
    cells = list(cells)
    while len(cells) > width and cells[-1] == "":
        cells.pop()
    return cells + [""] * (width - len(cells))


def _build_table(records: Iterable[tuple[int, list[Any]]], *, max_rows: int, **meta: Any) -> Table:
    """records: iterable of (row_number, cells) with cells already cleaned ("" = empty)."""
    header: list[str] | None = None
    header_row = 1
    rows: list[list[Any]] = []
    numbers: list[int] = []
    width = -1
    for row_number, cells in records:
        if row_number > max_rows:
            raise UnsafeFileError("too_many_rows", {"max_rows": max_rows})
        if len(cells) == width and cells.count("") < width:  # the common case
            rows.append(cells)
            numbers.append(row_number)
            continue
        if all(c == "" for c in cells):
            continue
        if header is None:
            header = [_header_text(c) for c in cells]
            while header and header[-1] == "":
                header.pop()
            header_row, width = row_number, len(header)
            continue
        rows.append(_shape(cells, width))
        numbers.append(row_number)
    if header is None:
        raise UnsafeFileError("empty")
    return Table(header, rows, numbers, header_row_number=header_row, **meta)


def _header_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def read_csv_bytes(
    data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, max_rows: int = DEFAULT_MAX_ROWS
) -> Table:
    """CSV (comma, semicolon or tab) in UTF-8 (BOM or not), UTF-16 with BOM, or GB18030.

    Row numbers are record numbers as Excel shows them (a quoted multi-line cell is one row);
    a leading Excel ``sep=;`` hint line is honoured and not counted.
    """
    _check_size(data, max_bytes)
    text, encoding = decode_text(data)
    if "\x00" in text:
        raise UnsafeFileError("not_csv", {"reason": "binary"})
    if not text.strip():
        raise UnsafeFileError("empty")
    hint = re.match(r"sep=(.)\r?\n", text)
    if hint:
        delimiter, text = hint.group(1), text[hint.end() :]
    else:
        delimiter = _sniff_delimiter(first_text_line(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = ((number, _csv_cells(record, number)) for number, record in enumerate(reader, 1))
    try:
        return _build_table(records, max_rows=max_rows, encoding=encoding, source_kind="csv")
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # the csv module's own bound
            row = reader.line_num
            raise UnsafeFileError("cell_too_long", {"row": row, "max": MAX_CELL_CHARS}) from None
        raise UnsafeFileError("not_csv", {"reason": str(exc)}) from None


def _csv_cells(record: list[str], number: int) -> list[str]:
    """The cells of a CSV record as `_cell` makes them; one length check for the record
    when no cell is long (the common case), cell by cell otherwise."""
    if record and max(map(len, record)) <= STRIP_LIMIT:
        return [cell.strip() for cell in record]
    return [_cell(cell, number, i) for i, cell in enumerate(record)]


def _check_zip(zf: zipfile.ZipFile, size: int, max_ratio: float, max_uncompressed: int) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise UnsafeFileError("zip_members", {"members": len(infos)})
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size >= RATIO_MIN_MEMBER_SIZE:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > max_ratio:
                detail = {"member": info.filename, "ratio": round(ratio, 1)}
                raise UnsafeFileError("zip_ratio", detail | {"max_ratio": max_ratio})
    if total > max_ratio * size:
        raise UnsafeFileError("zip_ratio", {"total_uncompressed": total, "size": size})
    if total > max_uncompressed:
        raise UnsafeFileError("file_too_large", {"total_uncompressed": total})


def _scan_xml(zf: zipfile.ZipFile) -> None:
    """Refuse DOCTYPE / ENTITY declarations (ASCII/UTF-8 and UTF-16) in any XML part."""
    for info in zf.infolist():
        if info.is_dir() or not info.filename.lower().endswith(_XML_SUFFIXES):
            continue
        with zf.open(info) as fh:
            tail, first = b"", True
            while chunk := fh.read(_CHUNK):
                if first:
                    start = chunk.removeprefix(codecs.BOM_UTF8).lstrip()
                    utf16 = _has_utf16_bom(chunk) or chunk[:2] in (b"<\x00", b"\x00<")
                    if not (utf16 or start.startswith(b"<") or not start):
                        raise UnsafeFileError(
                            "not_xlsx", {"member": info.filename, "reason": "not_xml"}
                        )
                    first = False
                buf = tail + chunk
                if any(marker in buf for marker in _FORBIDDEN):
                    raise UnsafeFileError("xml_entities", {"member": info.filename})
                tail = buf[-_OVERLAP:]


def _pick_sheet(wb: Workbook, sheet: str | None) -> ReadOnlyWorksheet:
    sheets = wb.worksheets
    if not sheets:
        raise UnsafeFileError("empty", {"reason": "no_worksheets"})
    if sheet is None:
        return sheets[0]
    wanted = sheet.strip().casefold()
    for ws in sheets:
        if ws.title.strip().casefold() == wanted:
            return ws
    if len(sheets) == 1:
        return sheets[0]
    raise UnsafeFileError("sheet_missing", {"sheet": sheet, "sheets": [s.title for s in sheets]})


def _cell(value: Any, row: int, column: int) -> Any:
    """A cell as read: "" for empty, text stripped. Its raw length is checked first, and a
    long text is kept as it is (a shared string referenced by many cells is not copied)."""
    if value is None:
        return ""
    if isinstance(value, str):
        if len(value) > MAX_CELL_CHARS:
            detail = {"row": row, "column": column + 1, "max": MAX_CELL_CHARS}
            raise UnsafeFileError("cell_too_long", detail)
        return value.strip() if len(value) <= STRIP_LIMIT else value
    return value


def read_xlsx_bytes(
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_ratio: float = DEFAULT_MAX_RATIO,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_cols: int = DEFAULT_MAX_COLS,
    max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED,
    sheet: str | None = None,
) -> Table:
    """First worksheet (or ``sheet``, matched case-insensitively) of an .xlsx upload."""
    _check_size(data, max_bytes)
    if not data.startswith(ZIP_MAGIC):
        raise UnsafeFileError("not_xlsx", {"reason": "not_zip"})
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            _check_zip(zf, len(data), max_ratio, max_uncompressed)
            names = set(zf.namelist())
            if not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
                raise UnsafeFileError("not_xlsx", {"reason": "not_a_workbook"})
            _scan_xml(zf)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError) as exc:
        raise UnsafeFileError("not_xlsx", {"reason": type(exc).__name__}) from None

    # imported lazily: CSV-only callers never pay for openpyxl
    from pipelines.xlsx_rows import FastStringsReader, sheet_rows

    try:
        reader = FastStringsReader(io.BytesIO(data), read_only=True, data_only=True)
        reader.read()
        wb = reader.wb
    except Exception as exc:  # openpyxl raises many types on malformed input
        raise UnsafeFileError("not_xlsx", {"reason": type(exc).__name__}) from None
    try:
        ws = _pick_sheet(wb, sheet)
        # the declared dimensions are not used: they may be wrong (truncation) or inflated
        rows = sheet_rows(ws, max_cols + 1)

        def records() -> Iterator[tuple[int, list[Any]]]:
            for number, values in enumerate(rows, 1):
                if len(values) > max_cols and values[max_cols] not in (None, ""):
                    raise UnsafeFileError("too_many_columns", {"max_cols": max_cols})
                yield number, [_cell(v, number, i) for i, v in enumerate(values[:max_cols])]

        try:
            return _build_table(
                records(),
                max_rows=max_rows,
                encoding="utf-8",
                source_kind="xlsx",
                sheet_name=ws.title,
                sheet_names=list(wb.sheetnames),
            )
        except UnsafeFileError:
            raise
        except Exception as exc:  # malformed sheet XML surfaces while iterating
            raise UnsafeFileError("not_xlsx", {"reason": type(exc).__name__}) from None
    finally:
        wb.close()


def read_table(data: bytes, filename: str, **limits: Any) -> Table:
    """Dispatch on :func:`sniff_kind`. ``limits``: max_bytes, max_rows, and for XLSX also
    max_ratio, max_cols, max_uncompressed, sheet (ignored for CSV)."""
    _check_size(data, limits.get("max_bytes", DEFAULT_MAX_BYTES))
    if sniff_kind(data, filename) == "xlsx":
        return read_xlsx_bytes(data, **limits)
    csv_limits = {k: v for k, v in limits.items() if k in ("max_bytes", "max_rows")}
    return read_csv_bytes(data, **csv_limits)
