"""One chart to PNG (twice the screen scale), SVG or PDF, rendered offline by vl-convert.

The chart is wrapped with the export's title, a subtitle naming the filters, and a footer with
the source line (data source, as-of date, accepted or including pending, the demo marker)
and the export time, all in the interface language. Every text uses "Noto Sans CJK SC".
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import altair as alt
import vl_convert

from dashboard.exports.fonts import FONT_FAMILY, ensure_cjk_font
from dashboard.exports.textfit import wrap
from dashboard.i18n import fmt_date, t

FORMATS = ("png", "svg", "pdf")
PNG_SCALE = 2
DEFAULT_WIDTH = 720
SCHEMA = alt.SCHEMA_URL
TITLE_SIZE = 16
SUBTITLE_SIZE = 12
FOOTER_SIZE = 10
FOOTER_LINE = 15
LEGEND_CHANNELS = ("color", "fill", "stroke", "shape", "size", "opacity", "strokeDash")
# Properties Vega-Lite allows only on the outermost spec.
TOP_LEVEL = ("$schema", "datasets", "config", "params", "background", "padding", "autosize")


@dataclass(frozen=True)
class ExportMeta:
    """What an export says about itself."""

    title: str
    subtitle: str = ""  # the filters, in words
    source: str = ""  # data source; empty: the tracker's database
    as_of: date | None = None
    includes_pending: bool = False
    synthetic: bool = False
    exported_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    exported_by: str = ""


class UnsafeSpecError(ValueError):
    """The chart would load data from a URL; exports are rendered offline."""


def source_text(meta: ExportMeta, lang: str) -> str:
    return meta.source or t("export.source_default", lang)


def basis_text(meta: ExportMeta, lang: str) -> str:
    return t("export.including_pending" if meta.includes_pending else "export.accepted_only", lang)


def stamp(moment: datetime, lang: str) -> str:
    return fmt_date(moment, lang)  # in the display zone, named


def source_line(meta: ExportMeta, lang: str) -> str:
    """Source, as-of date, accepted or pending, and the demo marker, in one line."""
    sep = "；" if lang == "zh" else "; "
    parts = [t("export.source_line", lang, source=source_text(meta, lang))]
    if meta.as_of is not None:
        parts.append(t("export.as_of", lang, date=fmt_date(meta.as_of, lang)))
    parts.append(basis_text(meta, lang))
    if meta.synthetic:
        parts.append(t("export.synthetic", lang))
    return sep.join(parts)


def export_time_line(meta: ExportMeta, lang: str) -> str:
    return t("export.exported_at", lang, time=stamp(meta.exported_at, lang))


def _fix_width(spec: Any, width: int) -> None:
    """Replace every width "container" (which needs a browser) by a fixed width."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "width" and value == "container":
                spec[key] = width
            elif key not in {"data", "datasets", "values"}:
                _fix_width(value, width)
    elif isinstance(spec, list):
        for item in spec:
            _fix_width(item, width)


def assert_offline(spec: Any, path: str = "") -> None:
    """Refuse a spec that names a URL to load (data, lookups, images)."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in {"values", "datasets"}:
                continue
            if key in {"url", "href"} and isinstance(value, str):
                raise UnsafeSpecError(f"chart loads a URL at {path}/{key}: {value[:80]}")
            assert_offline(value, f"{path}/{key}")
    elif isinstance(spec, list):
        for i, item in enumerate(spec):
            assert_offline(item, f"{path}/{i}")


def font_config(base: dict | None = None) -> dict:
    """Config that sets the CJK font on every text: titles, axes, legends, headers, marks."""
    config = copy.deepcopy(base or {})
    config["font"] = FONT_FAMILY
    parts = {
        "title": ("font", "subtitleFont"),
        "axis": ("labelFont", "titleFont"),
        "legend": ("labelFont", "titleFont"),
        "header": ("labelFont", "titleFont"),
        "text": ("font",),
        "mark": ("font",),
    }
    for part, keys in parts.items():
        config.setdefault(part, {}).update(dict.fromkeys(keys, FONT_FAMILY))
    return config


def _chart_width(spec: dict, default: int) -> int:
    width = spec.get("width")
    return width if isinstance(width, int | float) else default


def _footer(lines: list[str], width: int) -> dict:
    return {
        "data": {"values": [{"line": s, "y": i * FOOTER_LINE} for i, s in enumerate(lines)]},
        "mark": {
            "type": "text",
            "align": "left",
            "baseline": "top",
            "fontSize": FOOTER_SIZE,
            "color": "#4a4a4a",
        },
        "encoding": {
            "x": {"value": 0},
            "y": {"field": "y", "type": "quantitative", "scale": None, "axis": None},
            "text": {"field": "line", "type": "nominal"},
        },
        "width": width,
        "height": len(lines) * FOOTER_LINE,
        "view": {"stroke": None},
    }


def to_spec(chart: alt.TopLevelMixin | dict) -> dict:
    """The Vega-Lite dict. Altair's schema validation is skipped: the charts come from the
    tested builders, and validating the map's inline geometry takes seconds."""
    return copy.deepcopy(chart) if isinstance(chart, dict) else chart.to_dict(validate=False)


def wrap_spec(chart: alt.TopLevelMixin | dict, meta: ExportMeta, lang: str, width: int) -> dict:
    """The chart's spec inside a frame: title and filters above, source and time below."""
    inner = to_spec(chart)
    top = {k: inner.pop(k) for k in TOP_LEVEL if k in inner}
    inner.pop("title", None)
    _fix_width(inner, width)
    text_width = max(_chart_width(inner, width), 360)
    title_lines = wrap(meta.title, text_width, TITLE_SIZE)
    subtitle = wrap(meta.subtitle, text_width, SUBTITLE_SIZE) if meta.subtitle else []
    footer = wrap(source_line(meta, lang), text_width, FOOTER_SIZE)
    footer += [export_time_line(meta, lang)]
    spec = {
        "$schema": SCHEMA,
        **{k: v for k, v in top.items() if k not in {"$schema", "config"}},
        "config": font_config(top.get("config")),
        "title": {
            "text": title_lines,
            "subtitle": subtitle,
            "anchor": "start",
            "fontSize": TITLE_SIZE,
            "subtitleFontSize": SUBTITLE_SIZE,
            "subtitleColor": "#4a4a4a",
        },
        "vconcat": [inner, _footer(footer, text_width)],
        # legends stay with the chart (a shared legend would go below the footer)
        "resolve": {"legend": dict.fromkeys(LEGEND_CHANNELS, "independent")},
        "spacing": 14,
        "background": top.get("background", "white"),
        "padding": 16,
    }
    return spec


def render(spec: dict, fmt: str, *, scale: float = PNG_SCALE) -> bytes:
    """Render a Vega-Lite spec offline. PNG is at `scale` times the spec's size."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}")
    ensure_cjk_font()
    assert_offline(spec)
    spec = {**spec, "config": font_config(spec.get("config"))}
    if fmt == "svg":
        return vl_convert.vegalite_to_svg(spec, allowed_base_urls=[]).encode("utf-8")
    if fmt == "png":
        return vl_convert.vegalite_to_png(spec, scale=scale, allowed_base_urls=[])
    return vl_convert.vegalite_to_pdf(spec, allowed_base_urls=[])


def export_chart(
    chart: alt.TopLevelMixin | dict,
    *,
    fmt: str,
    meta: ExportMeta,
    lang: str,
    width: int = DEFAULT_WIDTH,
) -> bytes:
    """The chart as a PNG (2x), SVG or PDF file with title, filters, source and time."""
    return render(wrap_spec(chart, meta, lang, width), fmt)
