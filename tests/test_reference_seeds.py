"""Checks the reference data in data/reference/ against itself and against the two seeds.

The seed-dependent tests parse the seed texts with regular expressions (section headings,
paragraph numbering, numbers in the objectives, department names in the task parentheses), so
that a missing, extra or mis-assigned record fails. They are skipped when the seeds folder is
absent (SEEDS_DIR, or ../shared/seeds beside the repository). The integrity tests always run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
REF = REPO / "data" / "reference"
SEEDS_DIR = Path(
    os.environ.get("SEEDS_DIR") or Path(__file__).resolve().parents[2] / "shared" / "seeds"
)

ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}
# "(I)", "(ii)", "(10)" and the work programme's "(a)", "(c)" at the start of a paragraph.
PARA_NUM = re.compile(r"^\(([IVXLivxl]+|\d+|[a-z])\) ", re.M)
YEAR = re.compile(r"^(19|20)\d\d$")


PROGRAMMES = REPO / "data" / "programmes"
SEED_PROGRAMMES = ("ap2024_action_plan.json", "wp2024_work_programme.json")


def _programme_records() -> dict[str, list[dict]]:
    """The two seed documents' programme files as flat records: each target and milestone
    with its document code and its clause's texts."""
    out: dict[str, list[dict]] = {"documents.json": [], "targets.json": [], "milestones.json": []}
    for name in SEED_PROGRAMMES:
        prog = json.loads((PROGRAMMES / name).read_text(encoding="utf-8"))
        clauses = {c["ref"]: c for c in prog["clauses"]}
        out["documents.json"].append(
            {k: prog[k] for k in ("code", "doc_number", "title_zh", "title_en", "issuers")}
            | {"issued_on": prog["issued_on"], "seed_file": prog["seed_file"]}
        )
        for kind in ("targets", "milestones"):
            for rec in prog[kind]:
                clause = clauses[rec["clause"]]
                out[f"{kind}.json"].append(
                    rec
                    | {"document": prog["code"]}
                    | {"clause_zh": clause["zh"], "clause_en": clause["en"]}
                )
    return out


def load(name: str):
    if name in ("documents.json", "targets.json", "milestones.json"):
        return _programme_records()[name]
    return json.loads((REF / name).read_text(encoding="utf-8"))


def roman_or_int(token: str) -> int:
    if token.isdigit():
        return int(token)
    if len(token) == 1 and token in "abc":  # (a) ... (c) in the work programme's section III
        return "abc".index(token) + 1
    vals = [ROMAN[c] for c in token.lower()]
    total = 0
    for i, v in enumerate(vals):
        total += -v if i + 1 < len(vals) and vals[i + 1] > v else v
    return total


def section(text: str, start: str, end: str | None) -> str:
    """Text between a heading line `start` and the heading line `end` (exclusive)."""
    m = re.search(rf"^{re.escape(start)}\s*$", text, re.M)
    assert m, f"heading {start!r} not found in seed"
    body = text[m.end() :]
    if end is not None:
        e = re.search(rf"^{re.escape(end)}\s*$", body, re.M)
        assert e, f"heading {end!r} not found in seed"
        body = body[: e.start()]
    return body


def numbered_paragraphs(body: str) -> list[tuple[str, int, str]]:
    """(printed number, value, paragraph text after the number) for '(X) ...' paragraphs."""
    out = []
    for line in body.splitlines():
        m = PARA_NUM.match(line)
        if m:
            out.append((f"({m.group(1)})", roman_or_int(m.group(1)), line[m.end() :].strip()))
    return out


def dept_matcher():
    names = []
    for d in load("departments.json"):
        for n in [d["name_en"], *d["aliases_en"]]:
            names.append((n, d["code"]))
    names.sort(key=lambda x: -len(x[0]))
    lookup = {n.lower(): c for n, c in names}
    rx = re.compile(r"\b(" + "|".join(re.escape(n) for n, _ in names) + r")\b", re.I)

    def find(text: str) -> set[str]:
        return {lookup[m.group(1).lower()] for m in rx.finditer(text)}

    find.pattern = rx
    return find


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seeds folder {SEEDS_DIR} is absent")
    out = {}
    for doc in load("documents.json"):
        path = SEEDS_DIR / doc["seed_file"]
        if not path.is_file():
            pytest.skip(f"seed {path} is absent")
        out[doc["code"]] = path.read_text(encoding="utf-8")
    return out


def tasks_of(group: str) -> list[dict]:
    return sorted((t for t in load("tasks.json") if t["group"] == group), key=lambda t: t["seq"])


# --------------------------------------------------------------------------- (a) action plan


@pytest.mark.parametrize(
    ("group", "start", "end", "count", "titled"),
    [
        pytest.param("AP-KT", "II. Key Tasks", "III. Guarantee measures", 16, True, id="key_tasks"),
        pytest.param("AP-GM", "III. Guarantee measures", None, 5, False, id="guarantee_measures"),
    ],
)
def test_action_plan_tasks_match_seed(seeds, group, start, end, count, titled):
    body = section(seeds["AP2024"], start, end)
    paras = numbered_paragraphs(body)
    assert [v for _, v, _ in paras] == list(range(1, len(paras) + 1))
    assert len(paras) == count
    recs = tasks_of(group)
    assert [(t["number"], t["seq"]) for t in recs] == [(n, v) for n, v, _ in paras]
    for t, (_, _, para) in zip(recs, paras, strict=True):
        assert t["text_en"] == para, t["code"]
        if titled:  # a key task's paragraph opens with its title
            assert para.startswith(t["title_en"]), t["code"]


def test_no_other_action_plan_tasks():
    ap = [t for t in load("tasks.json") if t["document"] == "AP2024"]
    assert {t["group"] for t in ap} == {"AP-KT", "AP-GM"}
    assert len(ap) == 16 + 5
    assert {t["code"] for t in ap} == {f"AP-KT-{i:02d}" for i in range(1, 17)} | {
        f"AP-GM-{i:02d}" for i in range(1, 6)
    }


# --------------------------------------------------------------------------- (b) work programme


def test_work_programme_tasks_and_groups_match_seed(seeds):
    body = section(seeds["WP2024"], "II. Priority tasks", "III. Organization and implementation")
    groups = {g["number"]: g for g in load("task_groups.json") if g["document"] == "WP2024"}
    seen_groups: list[str] = []
    seed_tasks: list[tuple[int, str, str]] = []  # (number, group number, text)
    for line in body.splitlines():
        if g := re.match(r"^\(([ivx]+)\) ", line):
            seen_groups.append(f"({g.group(1)})")
        elif m := re.match(r"^(\d+)\. ", line):
            seed_tasks.append((int(m.group(1)), seen_groups[-1], line[m.end() :].strip()))
    assert [roman_or_int(g.strip("()")) for g in seen_groups] == list(range(1, 9))
    assert set(seen_groups) <= set(groups)
    assert [n for n, _, _ in seed_tasks] == list(range(1, 24))

    wp_numbered = {t["seq"]: t for t in load("tasks.json") if t["group"].startswith("WP-G")}
    assert set(wp_numbered) == {n for n, _, _ in seed_tasks}  # both directions
    for n, gnum, text in seed_tasks:
        t = wp_numbered[n]
        assert t["code"] == f"WP-{n:02d}"
        assert t["number"] == f"{n}."
        assert t["group"] == groups[gnum]["code"], t["code"]
        assert t["text_en"] == text, t["code"]
    assert len([g for g in groups.values() if g["code"].startswith("WP-G")]) == 8


def test_work_programme_organisation_section_matches_seed(seeds):
    body = section(seeds["WP2024"], "III. Organization and implementation", None)
    paras = numbered_paragraphs(body)
    assert [v for _, v, _ in paras] == [1, 2, 3]
    recs = tasks_of("WP-ORG")
    assert [(t["number"], t["seq"], t["text_en"]) for t in recs] == paras


# --------------------------------------------------------------------------- (c) quantities


def _quantities(text: str) -> set[int]:
    text = re.sub(r"\(\d{4}-\d{4}\)", "", text)  # plan period in titles
    return {int(n) for n in re.findall(r"\b\d+\b", text) if not YEAR.match(n)}


def test_every_objective_quantity_is_a_target_and_back(seeds):
    ap = seeds["AP2024"]
    objectives = section(ap, "I. Overall Objectives", "II. Key Tasks")
    guarantees = section(ap, "III. Guarantee measures", None)
    # only the numbered paragraphs: the signature block below them carries the issue date
    measures = "\n".join(p for _, _, p in numbered_paragraphs(guarantees))
    seed_qty = _quantities(objectives) | _quantities(measures)
    targets = load("targets.json")
    assert seed_qty == {t["quantity"] for t in targets}
    # each number in the objectives is followed by a countable noun phrase
    counted = re.findall(
        r"\b(\d+)\s+(?:[a-z\"]+\s+){0,3}?(?:standards|enterprises|studies|specifications)",
        objectives,
    )
    assert {int(n) for n in counted if not YEAR.match(n)} == _quantities(objectives)


def test_targets_cite_where_the_number_is(seeds):
    ap = seeds["AP2024"]
    objectives = section(ap, "I. Overall Objectives", "II. Key Tasks")
    guarantees = section(ap, "III. Guarantee measures", None)
    for t in load("targets.json"):
        q = t["quote_en"]
        assert re.search(rf"\b{t['quantity']}\b", q), t["code"]
        assert q in seeds[t["document"]], t["code"]
        expected = "more_than" if re.search(rf"more than {t['quantity']}\b", q) else "at_least"
        assert t["comparison"] == expected, t["code"]
        if q in objectives:
            assert t["clause_en"].startswith("Action Plan, I. Overall Objectives"), t["code"]
            para = 1 + [p for p in objectives.split("\n") if p.strip()].index(
                next(p for p in objectives.split("\n") if q in p)
            )
            assert f"para {para}" in t["clause_en"], t["code"]
        else:
            assert q in guarantees, t["code"]
            assert t["clause_en"].startswith("Action Plan, III. Guarantee Measures"), t["code"]
        # the deadline year is the one the seed attaches to the number
        sentence = next(s for s in re.split(r"(?<=\.)\s", ap) if q in s)
        years = re.findall(r"\b(20\d\d)\b", sentence)
        if years:
            assert t["deadline"].startswith(years[0]), t["code"]


# --------------------------------------------------------------------------- (d)(e) verbatim


def test_target_quotes_verbatim(seeds):
    for t in load("targets.json"):
        assert t["quote_en"] in seeds[t["document"]], t["code"]


def test_milestone_quotes_verbatim(seeds):
    for m in load("milestones.json"):
        text = seeds[m["document"]]
        assert m["quote_en"] in text, m["code"]
        sentence = next(s for s in text.split("\n") if m["quote_en"] in s)
        year = re.search(r"\b(20\d\d)\b", sentence)
        if m["document"] == "WP2024":
            assert m["deadline"].startswith(year.group(1)), m["code"]


def test_task_texts_verbatim(seeds):
    for t in load("tasks.json"):
        assert t["text_en"] in seeds[t["document"]], t["code"]


# --------------------------------------------------------------------------- (f) departments


def _split_parenthesis(text: str) -> tuple[str, str]:
    m = re.search(r"\(([^()]*)\)\s*\.?\s*$", text)
    assert m, "no department parenthesis"
    inner = m.group(1)
    if "Led by" in inner:
        led = re.search(r"Led by (.*?)(?:, with the participation of (.*))?$", inner)
        return led.group(1), led.group(2) or ""
    return inner, ""  # "X, Y ... in accordance with their respective responsibilities"


def test_work_programme_departments_match_parenthesis(seeds):
    find = dept_matcher()
    for t in load("tasks.json"):
        if not t["group"].startswith("WP-G"):
            continue
        lead_txt, part_txt = _split_parenthesis(t["text_en"])
        assert set(t["lead"]) == find(lead_txt), t["code"]
        assert set(t["participating"]) == find(part_txt), t["code"]
        assert t["departments_source"] == "text"


def test_departments_named_in_any_task_text_are_assigned(seeds):
    find = dept_matcher()
    for t in load("tasks.json"):
        named = find(t["text_en"])
        assigned = set(t["lead"]) | set(t["participating"])
        assert named <= assigned, t["code"]
        if t["document"] == "WP2024":
            assert named == assigned, t["code"]
            assert t["departments_source"] == "text"
        else:
            assert t["departments_source"] == ("text" if named else "inferred"), t["code"]


def test_every_department_named_in_seeds_is_listed(seeds):
    """Every capitalised name of a national body in either seed (issuers, addressees, task
    parentheses) resolves to a department. Provincial counterparts ("Development and Reform
    Commission of each province", "Market Supervision Bureau") are not national departments."""
    find = dept_matcher()
    phrase = re.compile(r"\b[A-Z][\w-]*(?:(?: (?:and|of|for|the))* [A-Z][\w-]*)*")
    keyword = re.compile(r"\b(Ministry|Administration|Commission|Bureau|Academy)\b")
    national = ("National", "State", "Ministry", "General", "China", "Chinese", "Civil", "PRC")
    found = set()
    for text in seeds.values():
        for m in phrase.finditer(text):
            name = m.group(0).removeprefix("The ")
            if keyword.search(name) and name.startswith(national):
                # "X and the Y": every body in the phrase must be a known department
                rest = find.pattern.sub("", name)
                assert not keyword.search(rest), f"{name!r} in seed is not in departments.json"
                found |= find(name)
    assert found == {d["code"] for d in load("departments.json")}


# --------------------------------------------------------------------------- (g) integrity


def test_departments_integrity():
    deps = load("departments.json")
    codes = [d["code"] for d in deps]
    assert len(codes) == len(set(codes))
    for d in deps:
        assert re.fullmatch(r"[A-Z]{2,8}", d["code"]), d
        assert d["name_en"].strip() and re.search(r"[\u4e00-\u9fff]", d["name_zh"]), d
        assert isinstance(d["aliases_en"], list)
    aliases = [a.lower() for d in deps for a in [d["name_en"], *d["aliases_en"]]]
    assert len(aliases) == len(set(aliases))
    assert {"NDRC", "SAMR", "MEE", "NBS", "MIIT", "MOHURD", "MOT", "NEA"} <= set(codes)


def test_documents_integrity():
    deps = {d["code"] for d in load("departments.json")}
    docs = load("documents.json")
    assert {d["code"] for d in docs} == {"AP2024", "WP2024"}
    for d in docs:
        assert re.fullmatch(r"发改环资〔2024〕\d+号", d["doc_number"])
        dt.date.fromisoformat(d["issued_on"])
        assert set(d["issuers"]) <= deps and d["issuers"]
        assert d["title_zh"] and d["title_en"] and d["seed_file"].endswith(".txt")


def test_groups_and_tasks_integrity():
    deps = {d["code"] for d in load("departments.json")}
    docs = {d["code"] for d in load("documents.json")}
    groups = {g["code"]: g for g in load("task_groups.json")}
    assert len(groups) == len(load("task_groups.json"))
    assert {f"WP-G{i}" for i in range(1, 9)} | {"AP-KT", "AP-GM"} <= set(groups)
    for g in groups.values():
        assert g["document"] in docs and g["name_zh"] and g["name_en"] and g["number"]
    tasks = load("tasks.json")
    codes = [t["code"] for t in tasks]
    assert len(codes) == len(set(codes))
    assert {f"WP-{i:02d}" for i in range(1, 24)} <= set(codes)
    seqs = [(t["group"], t["seq"]) for t in tasks]
    assert len(seqs) == len(set(seqs))
    for t in tasks:
        assert t["group"] in groups, t["code"]
        assert groups[t["group"]]["document"] == t["document"], t["code"]
        assert t["lead"], t["code"]
        assert set(t["lead"]) <= deps and set(t["participating"]) <= deps, t["code"]
        assert not set(t["lead"]) & set(t["participating"]), t["code"]
        assert len(set(t["lead"])) == len(t["lead"]), t["code"]
        assert t["departments_source"] in {"text", "inferred"}
        assert isinstance(t["seq"], int)
        for k in ("title_zh", "title_en", "text_en", "clause_zh", "clause_en", "number"):
            assert isinstance(t[k], str) and t[k].strip(), (t["code"], k)
        assert re.search(r"[\u4e00-\u9fff]", t["title_zh"]), t["code"]


def test_provinces_integrity():
    provs = load("provinces.json")
    std = [p for p in provs if p["is_standard"]]
    non = [p for p in provs if not p["is_standard"]]
    assert len(std) == 34
    codes = [p["code"] for p in std]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[1-8]\d0000", c) for c in codes)
    mainland = [c for c in codes if c < "700000"]
    assert len(mainland) == 31 and min(mainland) == "110000" and max(mainland) == "650000"
    assert {"710000", "810000", "820000"} <= set(codes)
    kinds = {"municipality", "province", "autonomous_region", "sar"}
    assert all(p["kind"] in kinds and p["on_map"] for p in std)
    assert sum(p["kind"] == "municipality" for p in std) == 4
    assert sum(p["kind"] == "autonomous_region" for p in std) == 5
    assert sum(p["kind"] == "sar" for p in std) == 2
    assert [(p["code"], p["kind"], p["on_map"]) for p in non] == [("XPCC", "non_standard", False)]
    assert non[0]["name_zh"] == "新疆生产建设兵团"
    for p in provs:
        assert p["name_en"].strip() and re.search(r"[\u4e00-\u9fff]", p["name_zh"]), p
        assert p["short_zh"].strip(), p
    shorts = [p["short_zh"] for p in provs]
    assert len(shorts) == len(set(shorts))


def test_targets_integrity():
    targets = load("targets.json")
    assert [t["code"] for t in targets] == [f"T{i}" for i in range(1, 7)]
    records = [t["counting"]["records"] for t in targets]
    assert records == ["deliverable", "pilot", "measurement_review"] + ["deliverable"] * 3
    for t in targets:
        assert isinstance(t["quantity"], int) and t["quantity"] > 0
        assert t["comparison"] in {"at_least", "more_than"}
        start = dt.date.fromisoformat(t["window_start"])
        assert start < dt.date.fromisoformat(t["deadline"])
        assert t["document"] == "AP2024"
        for k in (
            "name_zh",
            "name_en",
            "unit_zh",
            "unit_en",
            "why_zh",
            "why_en",
            "clause_zh",
            "clause_en",
            "quote_en",
        ):
            assert t[k].strip(), (t["code"], k)
    by_code = {t["code"]: t for t in targets}
    assert by_code["T1"]["deadline"] == "2024-12-31"
    assert by_code["T3"]["comparison"] == "more_than"


def test_milestones_integrity():
    docs = {d["code"] for d in load("documents.json")}
    ms = load("milestones.json")
    codes = [m["code"] for m in ms]
    assert codes == [f"M{i}" for i in range(1, len(ms) + 1)]
    for m in ms:
        assert m["document"] in docs
        assert dt.date.fromisoformat(m["deadline"]).strftime("%m-%d") == "12-31"
        for k in ("name_zh", "name_en", "clause_zh", "clause_en", "quote_en"):
            assert m[k].strip(), (m["code"], k)
    assert {m["deadline"][:4] for m in ms if m["document"] == "WP2024"} == {"2025", "2030"}
