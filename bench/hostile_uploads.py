"""`python -m bench.hostile_uploads`: how long the server spends on hostile report files.

Each case builds a file of a hostile shape as large as the upload limit allows (25 MB,
Streamlit's server.maxUploadSize; the reader refuses anything over 20 MB at once), then
times what the upload page does with it: read, validate and check it against the database
(`pipelines.ingest.check_bytes`) as a coordinator, then once more (the rerun of the page).
Prints one line per case: size, outcome, first and second run in seconds, peak memory.

Shapes:
- shared_string: an XLSX whose pilot_code cells all reference one long shared string
  (as long as the zip ratio check lets through);
- long_cells: a CSV whose code cells are each just under a spreadsheet cell's limit;
- huge_cell: a CSV with one 5 MB cell;
- wide_rows: a CSV of rows 1,000 columns wide;
- many_rows: a CSV of as many well-formed rows as fit (each valid).
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import string
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

UPLOAD_LIMIT = 25 * 1024 * 1024
HEADER = ["pilot_code", "pilot_name", "pilot_type", "province_code", "uscc", "industry", "stage",
          "stage_date"]  # fmt: skip
LIMIT_SECONDS = 10.0
READ_LIMIT = 20 * 1024 * 1024  # pipelines.safe_read.DEFAULT_MAX_BYTES: larger is refused unread
PAGE_ROWS = 20_000 - 1  # pipelines.ingest.PAGE_MAX_ROWS, less the header row


def _col(n: int) -> str:
    name = ""
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


def xlsx_with_shared_strings(strings: list[str], rows: list[list[int | str]]) -> bytes:
    """A minimal XLSX: cells given as an int are references into `strings` (the shared
    strings table), cells given as str are inline."""
    from xml.sax.saxutils import escape

    def cell(ref: str, value) -> str:
        if isinstance(value, int):
            return f'<c r="{ref}" t="s"><v>{value}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'

    sheet = io.StringIO()
    sheet.write('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')  # fmt: skip
    for r, values in enumerate(rows, 1):
        sheet.write(f'<row r="{r}">')
        sheet.write("".join(cell(f"{_col(c)}{r}", v) for c, v in enumerate(values, 1)))
        sheet.write("</row>")
    sheet.write("</sheetData></worksheet>")
    ns = "http://schemas.openxmlformats.org"
    sst = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    parts = {
        "[Content_Types].xml": f'<?xml version="1.0"?><Types xmlns="{ns}/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/'
        f'relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{ns}/spreadsheetml/2006/main" '
        f'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" '
        'sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/'
        f'2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
        f'Type="{ns}/officeDocument/2006/relationships/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<?xml version="1.0"?><sst xmlns="{ns}/spreadsheetml/2006/'
        f'main" count="{len(strings)}" uniqueCount="{len(strings)}">{sst}</sst>',
        "xl/worksheets/sheet1.xml": sheet.getvalue(),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in parts.items():
            zf.writestr(name, body)
    return out.getvalue()


def shared_string_case(limit: int) -> bytes:
    """One incompressible shared string of just under Excel's cell limit, referenced by the
    pilot_code of as many rows as the zip ratio check allows (20 rows per KB of string)."""
    rng = random.Random(1)
    long = "".join(rng.choices(string.ascii_letters, k=32_000))
    rows: list[list[int | str]] = [list(HEADER)]
    rows += [[0, f"n{i}", "park", "330000", "", "steel", "applied", "2024-07-01"]
             for i in range(PAGE_ROWS)]  # fmt: skip
    return xlsx_with_shared_strings([long], rows)


def _csv(rows) -> bytes:
    return ("\n".join(",".join(r) for r in rows) + "\n").encode()


def long_cells_case(limit: int) -> bytes:
    limit = min(limit, READ_LIMIT)
    cell = "L" * 32_000  # just under a spreadsheet cell's limit (32,767)
    line = ",".join([cell, "n", "park", "330000", "", "steel", "applied", "2024-07-01"])
    count = max(1, (limit - 200) // (len(line) + 1))
    return (",".join(HEADER) + "\n" + "\n".join([line] * count) + "\n").encode()


def huge_cell_case(limit: int) -> bytes:
    return _csv([HEADER, ["H" * 5_000_000, "n", "park", "330000", "", "steel", "applied",
                          "2024-07-01"]])  # fmt: skip


def wide_rows_case(limit: int) -> bytes:
    limit = min(limit, READ_LIMIT)
    header = HEADER + [f"extra{i}" for i in range(1000 - len(HEADER))]
    row = ["P-1", "n", "park", "330000", "", "steel", "applied", "2024-07-01"] + ["x"] * (
        1000 - len(HEADER)
    )
    line = ",".join(row)
    count = (limit - 10_000) // (len(line) + 1)
    return (",".join(header) + "\n" + "\n".join([line] * count) + "\n").encode()


def many_rows_case(limit: int) -> bytes:
    lines = [",".join(HEADER)]
    size, i = 0, 0
    while size < min(limit, READ_LIMIT) - 200 and i < PAGE_ROWS:
        line = f"P-{i:07d},试点{i},park,330000,,steel,applied,2024-07-01"
        size += len(line.encode()) + 1
        lines.append(line)
        i += 1
    return ("\n".join(lines) + "\n").encode()


CASES = {
    "shared_string": ("r.xlsx", shared_string_case),
    "long_cells": ("r.csv", long_cells_case),
    "huge_cell": ("r.csv", huge_cell_case),
    "wide_rows": ("r.csv", wide_rows_case),
    "many_rows": ("r.csv", many_rows_case),
    "many_rows_xlsx": ("r.xlsx", lambda limit: many_rows_xlsx_case()),
}


def many_rows_xlsx_case() -> bytes:
    rows: list[list[int | str]] = [list(HEADER)]
    rows += [[f"P-{i:07d}", f"试点{i}", "park", "330000", "", "steel", "applied", "2024-07-01"]
             for i in range(PAGE_ROWS)]  # fmt: skip
    return xlsx_with_shared_strings([], rows)


def run(limit: int = UPLOAD_LIMIT, database_url: str | None = None) -> list[dict]:
    from sqlmodel import Session

    from dashboard.cli import main as cli
    from dashboard.db import make_engine
    from dashboard.permissions import Actor
    from pipelines.check_cache import CHECKS
    from pipelines.ingest import PAGE_MAX_ROWS, check_bytes
    from tests import builders as b

    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        cli(["--database-url", url, "init-db"])
        engine = make_engine(url)
        with Session(engine) as s:
            actor: Actor = b.user(s, "bench-coordinator", "coordinator", province="330000")
        results = []
        for name, (filename, build) in CASES.items():
            data = build(limit)
            CHECKS.clear()
            t0 = time.perf_counter()
            day = date(2026, 1, 1)
            first = check_bytes(engine, data=data, filename=filename, actor=actor, today=day,
                                max_rows=PAGE_MAX_ROWS)  # fmt: skip
            t1 = time.perf_counter()
            check_bytes(engine, data=data, filename=filename, actor=actor, today=day,
                        max_rows=PAGE_MAX_ROWS)  # fmt: skip
            t2 = time.perf_counter()
            codes = sorted({e["code"] for e in first.errors})
            results.append(
                {
                    "case": name,
                    "bytes": len(data),
                    "status": first.status,
                    "errors": len(first.errors),
                    "codes": codes[:3],
                    "first_s": round(t1 - t0, 2),
                    "rerun_s": round(t2 - t1, 3),
                    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                }
            )
        engine.dispose()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit-mb", type=float, default=UPLOAD_LIMIT / 1024 / 1024)
    parser.add_argument("--database-url")
    args = parser.parse_args(argv)
    over = 0
    for r in run(int(args.limit_mb * 1024 * 1024), args.database_url):
        print(
            f"{r['case']:<14} {r['bytes'] / 1e6:6.1f} MB  {r['status']:<9} "
            f"{r['errors']:>7} errors {','.join(r['codes']):<32} first {r['first_s']:6.2f} s  "
            f"rerun {r['rerun_s']:6.3f} s  peak RSS {r['peak_rss_mb']} MB"
        )
        over += r["first_s"] > LIMIT_SECONDS
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
