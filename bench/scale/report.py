"""The benchmark's report: the machine, the tables of timings and the verdicts against the
aims."""

from __future__ import annotations

from bench.scale.timing import Row

AIMS = {"overview warm": 150.0, "overview cold": 1500.0, "drill-down": 300.0, "ratio": 3.0}


def _fmt(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}"


def table(rows: list[Row], *, raw_label: str = "raw SQL ms") -> str:
    lines = [
        f"| page | cold ms | after a write ms | warm ms | {raw_label} | cold / raw | "
        "after a write / raw | warm / raw | note |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r.name} | {_fmt(r.cold_ms)} | {_fmt(r.after_write_ms)} | {_fmt(r.warm_ms)} | "
            f"{_fmt(r.raw_ms)} | {_fmt(r.ratio('cold'), 1)} | "
            f"{_fmt(r.ratio('after_write'), 1)} | {_fmt(r.ratio('warm'), 1)} | {r.note} |"
        )
    return "\n".join(lines)


def verdicts(pages: list[Row], services: list[Row]) -> list[str]:
    by = {r.name: r for r in pages}
    svc = {r.name: r for r in services}
    out = []
    ov = by.get("overview")
    if ov:
        for which, value in (("warm", ov.warm_ms), ("cold", ov.cold_ms)):
            aim = AIMS[f"overview {which}"]
            out.append(
                f"overview {which} {_fmt(value)} ms (aim {aim:.0f}): "
                + ("met" if value <= aim else "MISSED")
            )
    for label, row in (
        ("drill-down service", svc.get("drill-down")),
        ("drill-down page", by.get("drill-down page")),
    ):
        if row:
            out.append(
                f"{label} cold {_fmt(row.cold_ms)} / warm {_fmt(row.warm_ms)} ms "
                f"(aim {AIMS['drill-down']:.0f}): "
                + ("met" if max(row.cold_ms, row.warm_ms) <= AIMS["drill-down"] else "MISSED")
            )
    worst = [
        (r.name, r.ratio("cold"))
        for r in pages
        if r.ratio("cold") is not None and r.ratio("cold") > AIMS["ratio"]
    ]
    out.append(
        "pages within 3x their raw SQL (cold): "
        + ("all" if not worst else "NOT " + ", ".join(f"{n} {x:.1f}x" for n, x in worst))
    )
    for which, label in (("after_write", "after a write"), ("warm", "warm")):
        over = [
            (r.name, r.ratio(which))
            for r in pages
            if r.ratio(which) is not None and r.ratio(which) > AIMS["ratio"]
        ]
        out.append(
            f"pages within 3x their raw SQL ({label}): "
            + ("all" if not over else "NOT " + ", ".join(f"{n} {x:.1f}x" for n, x in over))
        )
    return out
