"""Checks the reference data in data/reference/ against itself: unique codes, the records
each names exist, the expected provinces, targets and milestones. It needs no seed texts
(tests/test_reference_seeds.py checks the data against them)."""

from __future__ import annotations

import datetime as dt
import re

from tests.reference_data import load


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
