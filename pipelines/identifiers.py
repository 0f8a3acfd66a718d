"""Identifiers the validator knows: USCC (GB 32100-2015) and standard / specification numbers.

Every accepted standard number is stored in ONE canonical form: prefix, one space, number,
ASCII hyphen, four-digit year (``GB/T 24067-2024``, ``JJF(皖) 218-2025``, ``DB33/T 123-2024``,
``HJ/T 353-2007``). Reference materials have no year (``GBW 08101a``, ``GBW(E) 130113b``);
ISO/IEC keep their colon (``ISO 14067:2018``). A standard that adopts an international one is
written with the adoption notation, ``GB/T 24067-2024/ISO 14067:2018``: the record's number is
the first part, the adopted standard is kept beside it (``StandardNumber.adopted``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from operator import mul

from dashboard.uscc import ALPHABET, WEIGHTS, check_char
from dashboard.vocab import DELIVERABLE_KINDS
from pipelines.standard_codes import INDUSTRY_PREFIX
from pipelines.text import ParseError, normalize_dashes, normalize_spaces, to_halfwidth

__all__ = [
    "FREE_FORM_KINDS",
    "USCC_ALPHABET",
    "USCC_WEIGHTS",
    "ParseError",
    "StandardNumber",
    "UsccResult",
    "infer_kind",
    "normal_uscc",
    "normalize_standard_text",
    "parse_standard_number",
    "parse_uscc",
    "uscc_check_char",
    "uscc_region_ok",
]

# ---------------------------------------------------------------------------------------- USCC
# One definition of the alphabet, weights and check character: dashboard.uscc.
USCC_ALPHABET = ALPHABET
USCC_WEIGHTS = WEIGHTS  # 1, 3, 9, 27, 19, 26, 16, 17, 20, ...
_USCC_VALUE = {c: i for i, c in enumerate(USCC_ALPHABET)}
_USCC_SHAPE = re.compile(f"[{USCC_ALPHABET}]{{18}}")


@dataclass(frozen=True)
class UsccResult:
    """Outcome of :func:`parse_uscc`.

    ``error`` is a hard rejection ("uscc_empty", "uscc_length", "uscc_chars"); a failed check
    character is NOT an error (some early lawful codes fail it): ``check_ok`` is False and
    ``warning`` is "uscc_check", which the submitter must confirm.
    """

    normalized: str | None
    error: str | None
    check_ok: bool
    region_code: str  # characters 3-8, a GB/T 2260 administrative division code

    @property
    def warning(self) -> str | None:
        return "uscc_check" if self.normalized is not None and not self.check_ok else None

    @property
    def ok(self) -> bool:
        return self.error is None and self.check_ok


def uscc_check_char(first17: str) -> str:
    """Check character for the first 17 characters of a USCC (ValueError on bad input)."""
    if len(first17) != 17 or any(c not in _USCC_VALUE for c in first17):
        raise ValueError(f"need 17 characters from the USCC alphabet, got {first17!r}")
    return check_char(first17)


_WEIGHTS_17 = USCC_WEIGHTS[:17]
_VALUE_OF = _USCC_VALUE.__getitem__


def _check_ok(text: str) -> bool:
    """The same rule as dashboard.uscc.check_char on an already shape-checked code, with a
    dict lookup per character (the validator runs it on every row)."""
    total = sum(map(mul, map(_VALUE_OF, text[:17]), _WEIGHTS_17))
    return USCC_ALPHABET[(31 - total % 31) % 31] == text[17]


# Characters 3-8 of a USCC are the registering authority's area code (GB 32100-2015 4.3):
# a GB/T 2260 code; 100000 for a national authority (the standard's own example, "国家用
# 100000"); or 66xxxx for an authority of the Xinjiang Production and Construction Corps,
# which is outside GB/T 2260 and carries 66 in the Ministry of Civil Affairs' statistical
# division codes (民政统计代码编制规则), as information systems keyed by province use it.
NATIONAL_REGION = "100000"
XPCC_REGION_PREFIX = "66"


def uscc_region_ok(region: str) -> bool:
    """Whether characters 3-8 of a USCC are an area code that registering authorities use."""
    if len(region) != 6 or not region.isdigit():
        return False
    return region == NATIONAL_REGION or region[:2] in _REGION_PREFIXES


def normal_uscc(text: str) -> tuple[str, bool] | None:
    """parse_uscc's answer for a code already in normal form (18 characters of the alphabet,
    nothing to strip, widen or upper-case: how nearly every file writes it), without the
    work: (the code, whether its check character holds). None for any other text, which
    parse_uscc reads."""
    if len(text) == 18 and _USCC_SHAPE.fullmatch(text):
        # a new string, as parse_uscc gives: the validated row keeps it, not the file's cell
        # (rows that held on to cells scattered through the file kept its memory in use)
        return text.upper(), _check_ok(text)
    return None


def parse_uscc(value: str) -> UsccResult:
    """Normalise (strip, full-width to half-width, upper-case) and check a USCC."""
    text = to_halfwidth(str(value if value is not None else "")).strip().upper()
    if not text:
        return UsccResult(None, "uscc_empty", False, "")
    if len(text) != 18:
        return UsccResult(None, "uscc_length", False, "")
    if not _USCC_SHAPE.fullmatch(text):
        return UsccResult(None, "uscc_chars", False, "")
    return UsccResult(text, None, _check_ok(text), text[2:8])


# ------------------------------------------------------------------------------ standard numbers
FREE_FORM_KINDS = frozenset({"measurement_standard", "technology_study"})

# Province short names used in provincial JJF/JJG numbers, e.g. JJF(皖) 218-2025.
PROVINCE_SHORT_NAMES = frozenset(
    "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵黔云滇藏陕甘陇青宁新港澳台"
)
# First two digits of GB/T 2260 codes (DB local standards carry them).
PROVINCE_CODES = frozenset(
    {*map(str, range(11, 16)), *map(str, range(21, 24)), *map(str, range(31, 38))}
    | {*map(str, range(41, 47)), *map(str, range(50, 55)), *map(str, range(61, 66))}
    | {"71", "81", "82"}
)


_REGION_PREFIXES = PROVINCE_CODES | {XPCC_REGION_PREFIX}


@dataclass(frozen=True)
class StandardNumber:
    canonical: str
    prefix: str  # "GB/T", "JJF(皖)", "GBW(E)", "T/CNCA", "DB33/T", "ISO/IEC", "" for free-form
    number: str  # "24067.2", "130113"
    year: int | None
    kind: str
    batch: str | None = None  # reference-material batch letter ("a" in GBW 08101a)
    adopted: str | None = None  # canonical adopted international standard ("ISO 14067:2018")

    @property
    def notation(self) -> str:
        """The number as written with its adoption, ``GB/T 24067-2024/ISO 14067:2018``."""
        return f"{self.canonical}/{self.adopted}" if self.adopted else self.canonical


_NUM = r"(?P<number>\d+(?:\.\d+)*)"
_YEAR = r"(?:\s*-\s*(?P<year>\d{4}|\d{2}))?"
# Prefix patterns decide the kind (used by infer_kind); full patterns validate the rest.
_PREFIX_PATTERNS = (
    ("reference_material", re.compile(r"GBW")),
    # "GBT" (slash lost in a file name) is read as GB/T; "GBZ" is a different series.
    ("national_standard", re.compile(r"GB(?:\s*/\s*[TZ]|T)?(?![A-Z])")),
    ("measurement_spec", re.compile(r"JJF(?![A-Z])")),
    ("verification_regulation", re.compile(r"JJG(?![A-Z])")),
    ("group_standard", re.compile(r"T\s*/\s*[A-Z]")),
    ("local_standard", re.compile(r"DB\s*\d")),
    ("international_standard", re.compile(r"(?:ISO|IEC|ITU|IEEE|ASTM|EN|OIML)(?![A-Z])")),
    ("industry_standard", re.compile(INDUSTRY_PREFIX)),
)
_FULL_PATTERNS = {
    "national_standard": re.compile(rf"GB(?:\s*/\s*(?P<sub>[TZ])|(?P<sub2>T))?\s*{_NUM}{_YEAR}"),
    "measurement_spec": re.compile(
        rf"(?P<base>JJF)\s*(?:\(\s*(?P<prov>[^\s()]{{1,3}})\s*\))?\s*{_NUM}{_YEAR}"
    ),
    "verification_regulation": re.compile(
        rf"(?P<base>JJG)\s*(?:\(\s*(?P<prov>[^\s()]{{1,3}})\s*\))?\s*{_NUM}{_YEAR}"
    ),
    # GBW: a first-class reference material, exactly 5 digits; GBW(E): second class, exactly 6;
    # either may carry a batch letter (GBW 08101a, GBW(E) 130113b).
    "reference_material": re.compile(
        r"GBW\s*(?:(?P<e>\(\s*E\s*\))\s*(?P<number_e>\d{6})|(?P<number>\d{5}))"
        r"\s*(?P<batch>[A-Z])?"
    ),
    "industry_standard": re.compile(
        rf"(?P<code>{INDUSTRY_PREFIX})\s*(?:/\s*(?P<sub>[TZ]))?\s*{_NUM}{_YEAR}"
    ),
    "group_standard": re.compile(rf"T\s*/\s*(?P<org>[A-Z]{{2,12}})\s*{_NUM}{_YEAR}"),
    "local_standard": re.compile(
        rf"DB\s*(?P<region>\d{{2}}|\d{{4}})\s*(?:/\s*(?P<sub>[TZ])?\s*|\s+){_NUM}{_YEAR}"
    ),
    "international_standard": re.compile(
        r"(?P<org>(?:ISO|IEC|ITU|IEEE|ASTM|EN|OIML)(?:\s*/\s*[A-Z]{2,5})*(?:\s+(?:TS|TR|PAS|GUIDE))?)"
        r"\s*(?P<number>[A-Z]?\d+(?:[.-]\d+)*?)"
        r"(?:\s*:\s*(?P<year>\d{4}|\d{2})|\s*-\s*(?P<year4>(?:19|20)\d\d))?"
        r"(?P<rest>\s*/\s*(?:AMD|COR)\s*\d+\s*:\s*\d{4})*"
    ),
}


def normalize_standard_text(value: str) -> str:
    """Half-width, ASCII hyphens, collapsed spaces, upper-case ASCII letters."""
    text = normalize_spaces(normalize_dashes(to_halfwidth(str(value))))
    return re.sub(r"[a-z]+", lambda m: m.group(0).upper(), text)


def _expand_year(raw: str | None, value: str) -> int | None:
    if raw is None:
        return None
    year = int(raw)
    if len(raw) == 2:
        year += 1900 if year >= 50 else 2000
    if not 1900 <= year <= 2100:
        raise ParseError("standard_number_year", value)
    return year


def infer_kind(value: str) -> str | None:
    """Kind suggested by the number's prefix (GB, JJF, GBW, T/, DB, ISO ...); None if unknown.

    Free-form kinds (measurement_standard, technology_study) are never inferred.
    """
    text = normalize_standard_text(value or "")
    for kind, pattern in _PREFIX_PATTERNS:
        if pattern.match(text):
            return kind
    return None


def _free_form(text: str, kind: str) -> StandardNumber:
    year_match = re.search(r"[\[(]\s*((?:19|20)\d\d)\s*[\])]", text)
    year = int(year_match.group(1)) if year_match else None
    return StandardNumber(text, "", text, year, kind)


def _international_free(text: str) -> StandardNumber:
    """ISO/IEC/EN numbers are free-ish: keep the normalised text when the strict form fails."""
    prefix, _, rest = text.partition(" ")
    year_match = re.search(r":\s*((?:19|20)\d\d)\b", text)
    year = int(year_match.group(1)) if year_match else None
    return StandardNumber(text, prefix, rest or text, year, "international_standard")


# The adoption notation: a Chinese number, a slash, the international standard it adopts
# (GB/T 24067-2024/ISO 14067:2018). Split at the slash after the Chinese number's year.
_ADOPTION = re.compile(
    r"(?P<own>.+?-\s*(?:\d{4}|\d{2}))\s*/\s*(?P<adopted>(?:ISO|IEC|ITU|IEEE|ASTM|EN|OIML)(?![A-Z]).*)"
)
ADOPTING_KINDS = frozenset(
    {
        "national_standard",
        "industry_standard",
        "measurement_spec",
        "verification_regulation",
        "group_standard",
        "local_standard",
    }
)
_GBW_DIGITS = re.compile(r"GBW\s*(?:\(\s*E\s*\))?\s*\d+\s*[A-Z]?")


def parse_standard_number(value: str, kind: str | None = None) -> StandardNumber:
    """Parse a standard / specification / reference-material number into canonical form.

    Raises :class:`ParseError` with code "standard_number_empty", "standard_number_kind_unknown",
    "standard_number_format", "standard_number_kind_mismatch" (detail: inferred kind),
    "standard_number_year_missing", "standard_number_year", "standard_number_gbw_digits" or
    "standard_number_adoption" (an adoption notation on a kind that adopts nothing).
    """
    text = normalize_standard_text(value if value is not None else "")
    if not text:
        raise ParseError("standard_number_empty", value)
    if kind is not None and kind not in DELIVERABLE_KINDS:
        raise ParseError("standard_number_kind_unknown", value, {"kind": kind})
    if kind in FREE_FORM_KINDS:
        return _free_form(text, kind)
    adoption = _ADOPTION.fullmatch(text)
    if adoption is None:
        return _parse_one(text, kind, value)
    own = _parse_one(adoption["own"], kind, value)
    if own.kind not in ADOPTING_KINDS:
        raise ParseError("standard_number_adoption", value, {"kind": own.kind})
    adopted = _parse_one(adoption["adopted"], "international_standard", value)
    if not any(c.isdigit() for c in adopted.number):
        raise ParseError("standard_number_format", value, {"kind": "international_standard"})
    return replace(own, adopted=adopted.canonical)


def _parse_one(text: str, kind: str | None, value: str) -> StandardNumber:
    inferred = infer_kind(text)
    if inferred is None:
        raise ParseError("standard_number_format", value, {"kind": kind})
    if kind is not None and inferred != kind:
        raise ParseError(
            "standard_number_kind_mismatch", value, {"kind": kind, "inferred": inferred}
        )
    match = _FULL_PATTERNS[inferred].fullmatch(text)
    if match is None and inferred == "international_standard":
        return _international_free(text)
    if match is None and inferred == "reference_material" and _GBW_DIGITS.fullmatch(text):
        raise ParseError("standard_number_gbw_digits", value, {"kind": inferred})
    if match is None:
        raise ParseError("standard_number_format", value, {"kind": inferred})
    parts = match.groupdict()
    number = parts["number"]
    if inferred == "reference_material":
        prefix = "GBW(E)" if parts["e"] else "GBW"
        number = parts["number_e"] or number
        batch = parts["batch"].lower() if parts["batch"] else None
        return StandardNumber(
            f"{prefix} {number}{batch or ''}", prefix, number, None, inferred, batch
        )

    year = _expand_year(parts.get("year") or parts.get("year4"), value)
    if inferred == "international_standard":
        prefix = re.sub(r"\s*/\s*", "/", parts["org"]).replace("GUIDE", "Guide")
        canonical = f"{prefix} {number}" + (f":{year}" if year else "")
        if parts["rest"]:
            rest = re.sub(r"\s+", "", parts["rest"]).replace("AMD", "Amd ").replace("COR", "Cor ")
            canonical += rest
        return StandardNumber(canonical, prefix, number, year, inferred)

    if year is None:
        raise ParseError("standard_number_year_missing", value, {"kind": inferred})
    if inferred == "national_standard":
        sub = parts["sub"] or parts["sub2"]
        prefix = "GB" + (f"/{sub}" if sub else "")
    elif inferred in ("measurement_spec", "verification_regulation"):
        prov = parts["prov"]
        if prov is not None and (len(prov) != 1 or prov not in PROVINCE_SHORT_NAMES):
            raise ParseError("standard_number_format", value, {"kind": inferred})
        prefix = parts["base"] + (f"({prov})" if prov else "")
    elif inferred == "group_standard":
        prefix = f"T/{parts['org']}"
    elif inferred == "industry_standard":
        prefix = parts["code"] + (f"/{parts['sub']}" if parts["sub"] else "")
    else:  # local_standard
        if parts["region"][:2] not in PROVINCE_CODES:
            raise ParseError("standard_number_format", value, {"kind": inferred})
        prefix = f"DB{parts['region']}/{parts['sub'] or ''}"
    return StandardNumber(f"{prefix} {number}-{year}", prefix, number, year, inferred)
