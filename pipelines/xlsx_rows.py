"""The values of a worksheet's rows, read from its XML the way openpyxl's read-only mode
reads them (`iter_rows(values_only=True)` with `data_only=True`), at a fraction of the cost.

openpyxl stays in charge of the workbook: the parts, the sheets, the styles that make a
number a date, the 1900/1904 epoch. What it does slowly, a Python object per shared string
and per cell, is done here with the standard library's C XML parser: the shared strings
(`FastStringsReader`) and the cells of the one sheet a report is read from (`sheet_rows`).
`tests/pipelines/test_xlsx_rows.py` holds the two to the same values on every workbook of
the test corpus. The caller (pipelines.safe_read) has refused any XML part declaring a
DOCTYPE or an ENTITY before either reads anything; the parts are checked again here, chunk
by chunk before the parser sees them, and the C parser resolves no external entity, so no
entity is ever expanded.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, cast
from xml.etree.ElementTree import Element, XMLPullParser

from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS

_NS = f"{{{SHEET_MAIN_NS}}}"
ROW, VALUE, INLINE = _NS + "row", _NS + "v", _NS + "is"
SI, TEXT, RUN = _NS + "si", _NS + "t", _NS + "r"


def _content(node: Element) -> str:
    """The text of a string item (<si> or <is>): its own <t> and the <t> of each rich-text
    run, phonetic runs left out (openpyxl's `Text.content`)."""
    plain: str | None = None
    runs: list[str] = []
    for child in node:
        if child.tag == TEXT:
            plain = child.text
        elif child.tag == RUN:
            text = None
            for part in child:
                if part.tag == TEXT:
                    text = part.text
            if text is not None:
                runs.append(text)
    if plain is None:
        return "".join(runs)
    return plain + "".join(runs) if runs else plain


# declarations no part of a workbook needs (pipelines.safe_read refuses them first)
_FORBIDDEN = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
)
_CHUNK = 64 * 1024
# what XMLPullParser.read_events gives when only "end" events are asked for
_EndEvents = Iterator[tuple[str, Element]]


def _ends(source: IO[bytes]) -> Iterator[Element]:
    """The elements of an XML part as each ends, parsed by the C parser in chunks; a part
    that declares a DOCTYPE or an ENTITY raises ValueError before the chunk is parsed."""
    parser: XMLPullParser[Element] = XMLPullParser(events=("end",))
    tail = b""
    while chunk := source.read(_CHUNK):
        window = tail + chunk
        if any(marker in window for marker in _FORBIDDEN):
            raise ValueError("an XML part declares a DOCTYPE or an ENTITY")
        tail = window[-32:]
        parser.feed(chunk)
        for _event, element in cast(_EndEvents, parser.read_events()):
            yield element
    parser.close()
    for _event, element in cast(_EndEvents, parser.read_events()):
        yield element


def read_shared_strings(source: IO[bytes]) -> list[str]:
    strings: list[str] = []
    for node in _ends(source):
        if node.tag == SI:
            strings.append(_content(node).replace("x005F_", ""))
            node.clear()
    return strings


class FastStringsReader(ExcelReader):
    """openpyxl's workbook reader with the shared strings read by `read_shared_strings`."""

    def read_strings(self) -> None:
        part = self.package.find(SHARED_STRINGS)
        if part is not None:
            with self.archive.open(part.PartName[1:]) as source:
                self.shared_strings = read_shared_strings(source)


def _cast_number(text: str) -> int | float:
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


_COLUMNS: dict[str, int] = {}


def _column(ref: str) -> int:
    """The column of a cell reference ("AB12" -> 28), remembered by its letters."""
    letters = ref.rstrip("0123456789")
    column = _COLUMNS.get(letters)
    if column is None or len(letters) == len(ref):
        column = coordinate_to_tuple(ref)[1]  # checks the reference; raises on a bad one
        if len(_COLUMNS) < 20_000:
            _COLUMNS[letters] = column
    return column


def _row_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        number = float(text)
        if not number.is_integer():
            raise ValueError(f"{text} is not a valid row number") from None
        return int(number)


def sheet_rows(ws: ReadOnlyWorksheet, max_col: int) -> Iterator[tuple[object, ...]]:
    """Each row from 1 on as a tuple of its first `max_col` values (None where empty), as
    openpyxl gives them, less the empty cells after the last value; rows the sheet leaves
    out come as empty tuples."""
    wb = ws.parent
    # openpyxl's read-only internals, which its type stubs do not declare: the shared
    # strings, the style ids that make a number a date or a duration, the sheet's XML
    strings: list[str] = ws._shared_strings  # type: ignore[attr-defined]
    dates: set[int] = wb._date_formats  # type: ignore[attr-defined]
    durations: set[int] = wb._timedelta_formats  # type: ignore[attr-defined]
    epoch = wb.epoch
    counter, current = 1, 0
    source: IO[bytes]
    with ws._get_source() as source:  # type: ignore[attr-defined]
        for element in _ends(source):
            if element.tag != ROW:
                continue
            number = element.get("r")
            current = current + 1 if number is None else _row_number(number)
            values: list[object] = [None] * max_col
            column = last = 0
            for cell in element:
                ref = cell.get("r")
                column = _column(ref) if ref else column + 1
                kind = cell.get("t", "n")
                value: object
                if kind == "inlineStr":
                    child = cell.find(INLINE)
                    value = None if child is None else _content(child)
                else:
                    value = text = cell.findtext(VALUE) or None
                    if text is None:
                        pass
                    elif kind == "n":
                        value = amount = _cast_number(text)
                        style = cell.get("s")
                        style_id = int(style) if style else 0
                        if style_id in dates:
                            try:
                                value = from_excel(amount, epoch, timedelta=style_id in durations)
                            except (OverflowError, ValueError):
                                value = "#VALUE!"
                    elif kind == "s":
                        value = strings[int(text)]
                    elif kind == "b":
                        value = bool(int(text))
                    elif kind == "d":
                        value = from_ISO8601(text)
                if 1 <= column <= max_col:
                    values[column - 1] = value
                    if value is not None and column > last:
                        last = column
            element.clear()
            while counter < current:
                counter += 1
                yield ()
            if counter <= current:
                counter += 1
                yield tuple(values[:last])
