"""Provinces as officials write them: a name or code -> the province's code.

Accepted, in any case, with full-width characters and stray spaces or hyphens:

* the GB/T 2260 code as 6 digits (``330000``) or as its 2-digit province part (``33``);
* the official Chinese name (``浙江省``, ``内蒙古自治区``) and the name without its suffix
  (``浙江``, ``内蒙古``, ``广西``, ``西藏``, ``香港``, ``澳门``);
* the one-character abbreviation (``浙``, ``蒙``, ``桂``) and the other common one where a
  province has two (``贵`` for 黔, ``云`` for 滇, ``陇`` for 甘, ``秦`` for 陕, ``蜀`` for 川);
* the English name, with or without "Province", "Autonomous Region", "SAR" and the like
  (``Zhejiang Province``, ``Guangxi Zhuang Autonomous Region``, ``Hong Kong SAR``), and the
  variants listed as ``aliases`` in data/reference/provinces.json (``Tibet``, ``Macau``,
  ``Nei Mongol``, ``XPCC``, ``新疆兵团`` ...).

The Xinjiang Production and Construction Corps has no GB/T 2260 code; the Ministry of Civil
Affairs' statistical division codes give it 66 at provincial level, so ``66`` and ``660000``
are read as it too (its code in this product is ``XPCC``).

A text that could be several provinces (``湖`` is the first character of 湖北 and 湖南;
``Guang`` begins Guangdong and Guangxi) raises :class:`ProvinceAmbiguous` naming them; a text
that is no province raises :class:`ProvinceUnknown`. Nothing is guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

XPCC_CODE = "XPCC"
XPCC_NUMERIC = "660000"  # Ministry of Civil Affairs statistical code (民政统计代码)

# Suffixes a name may carry, stripped before a second look-up (the longest first).
_ZH_SUFFIX = re.compile(r"(?<=..)(?:壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治区|省|市)$")
_EN_SUFFIX = re.compile(
    r"(?<=\w)(?:[\s-]+(?:zhuang|hui|uygur|uyghur|uighur))?"
    r"(?:[\s-]+(?:special administrative region|autonomous region|province|municipality|"
    r"region|sar|city))?$"
)
_NOISE = re.compile(r"[\s\-_.·'’()（）*]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _fold(text: object) -> str:
    return unicodedata.normalize("NFKC", str(text)).casefold().replace("&", "and").strip()


def key(text: object) -> str:
    """The form names are compared in: NFKC (full-width to half-width), case-folded, without
    spaces, hyphens, dots, apostrophes or brackets; "&" is "and"."""
    return _NOISE.sub("", _fold(text))


def bare(text: object) -> str:
    """`key` of the text without a suffix such as 省, 自治区, "Province", "Autonomous Region"."""
    folded = _fold(text)
    return key(_EN_SUFFIX.sub("", _ZH_SUFFIX.sub("", folded)))


class ProvinceUnknown(LookupError):
    """No province is written this way."""


class ProvinceAmbiguous(LookupError):
    """The text could be several provinces; ``candidates`` are their codes, sorted."""

    def __init__(self, text: str, candidates: list[str]) -> None:
        super().__init__(f"{text!r} could be any of {candidates}")
        self.candidates = candidates


@dataclass(frozen=True)
class ProvinceIndex:
    """Every accepted form -> the codes it names (one, unless the reference data collide)."""

    forms: dict[str, frozenset[str]]
    names: dict[str, list[str]] = field(default_factory=dict)  # code -> its full names
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (zh, en)

    def named(self, codes: Iterable[str], lang: str) -> list[str]:
        """ "浙江省（330000）" / "Zhejiang (330000)" for each code."""
        i = 0 if lang == "zh" else 1
        pattern = "{}（{}）" if lang == "zh" else "{} ({})"
        return [pattern.format(self.labels.get(c, (c, c))[i], c) for c in codes]

    def resolve(self, text: object) -> str:
        k = key(text)
        if not k:
            raise ProvinceUnknown(str(text))
        codes = self.forms.get(k) or self.forms.get(bare(text))
        if codes is None:
            codes = self._by_prefix(k)
        if not codes:
            raise ProvinceUnknown(str(text))
        if len(codes) > 1:
            raise ProvinceAmbiguous(str(text), sorted(codes))
        return next(iter(codes))

    def _by_prefix(self, k: str) -> frozenset[str]:
        """Codes whose full names begin with `k`: only to say that a text is ambiguous (one
        CJK character, or three Latin letters and more). A single match is not accepted."""
        if (_CJK.match(k) and len(k) > 1) or (not _CJK.match(k) and len(k) < 3):
            return frozenset()
        found = frozenset(
            code for code, names in self.names.items() if any(n.startswith(k) for n in names)
        )
        return found if len(found) > 1 else frozenset()


def _forms(p: dict[str, Any]) -> Iterable[str]:
    code = p["code"]
    if code == XPCC_CODE:
        yield from (code, XPCC_NUMERIC, XPCC_NUMERIC[:2])
    else:
        yield from (code, code[:2])
    for name in (p.get("name_zh"), p.get("name_en"), p.get("short_zh"), *p.get("aliases", ())):
        if name:
            yield name
            yield bare(name)


def build_index(provinces: Iterable[dict[str, Any]]) -> ProvinceIndex:
    """The index over provinces given as dicts with code, name_zh, name_en, short_zh and
    optional aliases (the shape of data/reference/provinces.json)."""
    forms: dict[str, set[str]] = {}
    names: dict[str, list[str]] = {}
    labels: dict[str, tuple[str, str]] = {}
    for p in provinces:
        labels[p["code"]] = (p.get("name_zh") or p["code"], p.get("name_en") or p["code"])
        for form in _forms(p):
            if k := key(form):
                forms.setdefault(k, set()).add(p["code"])
        names[p["code"]] = [key(n) for n in (p.get("name_zh"), p.get("name_en")) if n]
    return ProvinceIndex({k: frozenset(v) for k, v in forms.items()}, names, labels)


def reference_index(codes: Iterable[str] | None = None) -> ProvinceIndex:
    """The index over data/reference/provinces.json, limited to `codes` when given (the
    provinces present in the database)."""
    from dashboard.reference_data import load_json

    wanted = None if codes is None else set(codes)
    return build_index(p for p in load_json("provinces") if wanted is None or p["code"] in wanted)
