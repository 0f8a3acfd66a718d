"""One catalog for every label, message, chart title and enumerated value, in Chinese and
English, with date and number formats. `t(key, lang)` looks a text up; a key missing from the
catalog is recorded in `MISSING` (and raises in strict mode, which the tests switch on)."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
CATALOG_DIR = Path(__file__).parent  # catalog.json plus catalog_<area>.json files
MISSING: set[str] = set()


class MissingTextError(KeyError):
    pass


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    """Every catalog*.json file merged; a key defined twice is an error."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(CATALOG_DIR.glob("catalog*.json")):
        with path.open(encoding="utf-8") as fh:
            part = json.load(fh)
        clash = merged.keys() & part.keys()
        if clash:
            raise ValueError(f"{path.name} redefines {sorted(clash)[:5]}")
        merged |= part
    return merged


def _strict() -> bool:
    return os.environ.get("DASHBOARD_I18N_STRICT") == "1"


def t(key: str, lang: str = DEFAULT_LANG, /, **values) -> str:
    entry = catalog().get(key)
    text = entry.get(lang) if entry else None
    if text is None:
        MISSING.add(f"{lang}:{key}")
        if _strict():
            raise MissingTextError(f"{lang}:{key}")
        return key
    return text.format(**values) if values else text


def has(key: str) -> bool:
    return key in catalog()


def enum_label(group: str, value: str | None, lang: str) -> str:
    """The label of an enumerated value, such as enum_label("stage", "approved", "zh")."""
    if value is None:
        return "—"
    return t(f"{group}.{value}", lang)


def local_time(value: datetime) -> datetime:
    """A moment in the display zone (`DASHBOARD_TIMEZONE`, default Asia/Shanghai). The
    database stores UTC; a naive datetime (SQLite returns them) is read as UTC."""
    from dashboard.settings import display_timezone

    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(display_timezone())


def local_today(now: datetime | None = None) -> date:
    """Today as the viewer counts it (in the display zone), not the server's UTC date: at
    06:00 in Beijing the server's date is still yesterday's."""
    return local_time(now or datetime.now(UTC)).date()


def zone_label(lang: str) -> str:
    """The display zone by name: 北京时间 / Beijing time, or the IANA name of another zone."""
    from dashboard.settings import display_timezone

    zone = str(display_timezone())
    return t(f"tz.{zone}", lang) if has(f"tz.{zone}") else zone


def fmt_date(value: date | datetime | None, lang: str) -> str:
    """A date; a datetime as a moment in the display zone, with the zone named."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        local = local_time(value)
        return f"{fmt_date(local.date(), lang)} {local:%H:%M} {zone_label(lang)}"
    if lang == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return value.strftime("%d %b %Y").lstrip("0")


def fmt_int(value: int | float | None, lang: str) -> str:
    if value is None:
        return "—"
    return f"{round(value):,}"


def fmt_pct(value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}%"


def fmt_pace(value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    return t("per_month", lang, n=f"{value:.1f}")


def name(record, lang: str, field: str = "name") -> str:
    """The Chinese or English name of a record with name_zh/name_en (or title_zh/_en)."""
    zh = getattr(record, f"{field}_zh", None)
    en = getattr(record, f"{field}_en", None)
    return (zh or en or "") if lang == "zh" else (en or zh or "")
