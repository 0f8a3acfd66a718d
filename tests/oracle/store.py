"""Write the evaluator's plain records through the ORM (so the project's write path keeps its
derived tables, such as the counting spans, as it does for every history entry) and call the
engine under test."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from dashboard.models import Deliverable, MeasurementReview, Pilot, PilotStage, ReviewStatusEntry
from dashboard.progress import spans
from tests.oracle.evaluator import effective_entries

DELIVERABLE_FIELDS = (
    "number",
    "kind",
    "category",
    "status",
    "issue_date",
    "started_on",
    "implementation_date",
    "withdrawn_on",
    "province_code",
)


def _latest(history) -> tuple[str, date]:
    eff = effective_entries(history) or sorted(history, key=lambda e: (e[1], e[0]))
    return eff[-1][2], eff[-1][1]


def _entries(session: Session, model, owner_field, state_field, day_field, owned) -> dict:
    """Write the entries of several records in the order of their ids (the evaluator's entry
    order), corrections pointing at the written ids. `owned` is [(owner db id, history)].
    Flushes only when a correction needs the id of an entry not yet written; the counting
    spans of the owners are refreshed at the end. Returns {plain entry id: db entry id}."""
    todo = sorted(((e[0], owner, e) for owner, hist in owned for e in hist), key=lambda t: t[0])
    ids: dict = {}
    pending: list = []

    def flush():
        session.flush()
        for plain_id, row in pending:
            ids[plain_id] = row.id
        pending.clear()

    for entry_id, owner, (_eid, day, stage, corrects) in todo:
        if corrects is not None and corrects not in ids:
            flush()
        row = model(
            **{owner_field: owner, state_field: stage, day_field: day},
            corrects_id=ids[corrects] if corrects is not None else None,
            note="correction" if corrects is not None else None,
            recorded_by="oracle",
        )
        session.add(row)
        pending.append((entry_id, row))
    flush()
    order = [ids[t[0]] for t in todo]
    assert order == sorted(order), "entries were not written in the order of their ids"
    # a bulk writer outside the write path keeps the counting spans itself
    record_type = "pilot" if model is PilotStage else "measurement_review"
    spans.refresh(session.connection(), record_type, {owner for owner, _history in owned})
    return ids


def _remap(history, ids):
    return [(ids[e], d, s, ids[c] if c is not None else None) for e, d, s, c in history]


def _pilot(n: int, rec: dict, stage: str, day: date) -> Pilot:
    return Pilot(
        code=rec.get("code") or f"OP-{rec['id']}-{n}",
        name=f"试点{rec['id']}",
        pilot_type=rec["pilot_type"],
        industry=rec["industry"],
        province_code=rec["province_code"],
        uscc=rec.get("uscc"),
        current_stage=stage,
        current_stage_date=day,
    )


def _review(_n: int, rec: dict, status: str, day: date) -> MeasurementReview:
    return MeasurementReview(
        uscc=rec["uscc"],
        enterprise_name=f"企业{rec['id']}",
        industry=rec["industry"],
        province_code=rec["province_code"],
        status=status,
        status_date=day,
    )


def _with_history(session: Session, records, build, entry_model, owner_field, state_field):
    """Write records with a history in the order of their ids, each built by
    `build(n, record, latest state, its day)`, then their entries; returns the records with
    the database's ids, in their histories too."""
    rows = []
    for n, rec in enumerate(sorted(records, key=lambda r: r["id"])):
        row = build(n, rec, *_latest(rec["history"]))
        session.add(row)
        rows.append((rec, row))
    session.flush()
    owned = [(row.id, rec["history"]) for rec, row in rows]
    day_field = f"{state_field}_date"
    ids = _entries(session, entry_model, owner_field, state_field, day_field, owned)
    return [{**rec, "id": row.id, "history": _remap(rec["history"], ids)} for rec, row in rows]


def insert(session: Session, *, deliverables=(), pilots=(), reviews=()) -> dict:
    """Write the records in the order of their ids; returns the same records with the ids the
    database gave them: {"deliverables": [...], "pilots": [...], "reviews": [...]}."""
    out = {"deliverables": [], "pilots": [], "reviews": []}
    has_withdrawn_on = "withdrawn_on" in Deliverable.model_fields
    rows = []
    for rec in sorted(deliverables, key=lambda r: r["id"]):
        fields = {f: rec.get(f) for f in DELIVERABLE_FIELDS}
        if not has_withdrawn_on:
            assert fields.pop("withdrawn_on") is None, "Deliverable has no withdrawn_on column"
        d = Deliverable(**fields, title_zh=f"记录{rec['id']}")
        session.add(d)
        rows.append((rec, d))
    session.flush()
    out["deliverables"] = [{**rec, "id": d.id} for rec, d in rows]

    out["pilots"] = _with_history(session, pilots, _pilot, PilotStage, "pilot_id", "stage")
    out["reviews"] = _with_history(
        session, reviews, _review, ReviewStatusEntry, "review_id", "status"
    )
    for key in out:
        got = [r["id"] for r in out[key]]
        assert got == sorted(got), f"{key} were not written in the order of their ids"
    return out


def engine_api():
    """(parse_counting, count_records, records_counted) of the engine under test."""
    from dashboard.programmes.spec import parse_counting
    from dashboard.progress.counting import count_records, records_counted

    return parse_counting, count_records, records_counted


def engine_figures(session: Session, spec_dict: dict, *, window_start, deadline, as_of, provinces):
    """The engine's national figure, its figure for each of `provinces`, and its rows."""
    parse_counting, count_records, records_counted = engine_api()
    spec = parse_counting(spec_dict)
    kw = dict(window_start=window_start, deadline=deadline, as_of=as_of)
    total = count_records(session, spec, **kw)
    per = {p: count_records(session, spec, **kw, province=p) for p in provinces}
    rows = records_counted(session, spec, **kw)
    return total, per, rows
