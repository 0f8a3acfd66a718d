"""Checks the reference data in data/reference/ against the two seeds (its checks against
itself are in tests/test_reference_integrity.py).

The tests parse the seed texts with regular expressions (section headings, paragraph
numbering, numbers in the objectives, department names in the task parentheses), so that a
missing, extra or mis-assigned record fails. They are skipped when the seeds folder is
absent (SEEDS_DIR, or ../shared/seeds beside the repository).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.reference_data import load

SEEDS_DIR = Path(
    os.environ.get("SEEDS_DIR") or Path(__file__).resolve().parents[2] / "shared" / "seeds"
)

ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}
# "(I)", "(ii)", "(10)" and the work programme's "(a)", "(c)" at the start of a paragraph.
PARA_NUM = re.compile(r"^\(([IVXLivxl]+|\d+|[a-z])\) ", re.M)
YEAR = re.compile(r"^(19|20)\d\d$")


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
