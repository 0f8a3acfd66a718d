"""The reference data in data/reference/ as the reference tests read it: each file as its
JSON list, and documents, targets and milestones from the two seed documents' programme
files in data/programmes/."""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REF = REPO / "data" / "reference"
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
