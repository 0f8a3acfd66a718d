"""Plans for the report kinds whose records move through stages kept in a history (pilots,
measurement reviews, ...): a record is upserted by its key and its history gets an entry
per new stage."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from sqlmodel import Session

from dashboard.kinds import KINDS, History, RecordKind, Stages
from dashboard.submissions.changes import (
    PAGE_SAVE,
    Conflict,
    Plan,
    changed,
    fetch,
    group_rows,
    kept,
    latest,
)


@dataclass(frozen=True)
class _HistoryTables:
    """How one kind with a stage history maps onto its tables (read from its description)."""

    model: type[Any]
    history_model: type[Any]
    key: str  # report column naming the record
    model_key: str
    stage: str  # report column of the stage
    stage_date: str
    model_stage: str
    model_stage_date: str
    history_fk: str
    history_stage: str
    history_date: str
    attrs: dict[str, str]  # report column -> model column
    defaults: dict
    allowed: Callable[[str | None, str], bool]  # (current, new) -> bool
    rank: Callable[[str], int]


def _history_tables(kind: RecordKind) -> _HistoryTables:
    # a staged kind has both (dashboard.kinds.base)
    st, h = cast(Stages, kind.stages), cast(History, kind.history)
    return _HistoryTables(
        kind.model,
        h.model,
        kind.record_key[0],
        kind.model_key[0],
        st.column,
        st.date_column,
        st.model_stage,
        st.model_stage_date,
        h.owner,
        h.state,
        h.day,
        kind.attrs,
        kind.defaults,
        st.allowed,
        st.rank,
    )


# Keys a page's row may carry beside the report columns (never in a report): the history
# entry's own note (the record's note is left as it is), and the entry a correction
# replaces (the page has checked it belongs to the record and has a note).
ENTRY_NOTE, CORRECTS = "_entry_note", "_corrects"


def plan_history_kind(
    session: Session,
    kind: str,
    rows: list[dict],
    scope: frozenset[str] | None,
    recorded_by: str,
    conflicts_only: bool,
) -> Plan:
    spec = _history_tables(KINDS[kind])  # read when asked: any kind in KINDS
    model, hist = spec.model, spec.history_model
    plan = Plan(kind, model.__tablename__, hist.__tablename__)
    groups = group_rows(rows, spec.key, lambda r: (r[spec.stage_date], spec.rank(r[spec.stage])))
    model_key = getattr(model, spec.model_key)
    attr_cols = list(spec.attrs.values())
    columns = [model.id, model_key, model.version, getattr(model, spec.model_stage)]
    columns += [getattr(model, spec.model_stage_date)] + [getattr(model, c) for c in attr_cols]
    existing = {getattr(r, spec.model_key): r for r in fetch(session, columns, model_key, groups)}
    plan.ids = {key: r.id for key, r in existing.items()}
    seen: dict[int, set] = defaultdict(set)
    hist_fk = getattr(hist, spec.history_fk)
    hist_stage = getattr(hist, spec.history_stage)
    hist_date = getattr(hist, spec.history_date)
    ids = [r.id for r in existing.values()]
    for rid, stage, day in fetch(session, [hist_fk, hist_stage, hist_date], hist_fk, ids):
        seen[rid].add((stage, day))

    stage_col, date_col, allowed = spec.stage, spec.stage_date, spec.allowed
    entry_stage, entry_date = hist_stage.key, hist_date.key
    attrs, defaults = tuple(spec.attrs.items()), spec.defaults
    reports, cols = [r for r, _c in attrs], [c for _r, c in attrs]
    model_stage, model_stage_date, model_key_name = (
        spec.model_stage,
        spec.model_stage_date,
        spec.model_key,
    )
    starts: dict = {}  # stage -> whether a new record may start in it
    inserts, moves, history = plan.inserts, plan.moves, plan.history
    for key, idxs in groups.items():
        current = existing.get(key)
        if current is None and len(idxs) == 1:  # a new record in one row: the common case
            row = rows[idxs[0]]
            new, new_day = row[stage_col], row[date_col]
            may = starts.get(new)
            if may is None:
                may = starts[new] = allowed(None, new)
            if not may:
                plan.conflicts.append(
                    Conflict(idxs[0], row.get("_row"), stage_col, "stage_move", key, None, new)
                )
            elif not conflicts_only:
                values = dict(zip(cols, map(row.get, reports), strict=True))
                for name, default in defaults.items():
                    if values[name] is None:
                        values[name] = default
                values[model_stage], values[model_stage_date] = new, new_day
                values[model_key_name] = key
                inserts.append(values)
                moves.append({"key": key, "from": None, "to": new, "date": new_day})
                entry = {entry_stage: new, entry_date: new_day, "note": row.get("note")}
                entry["recorded_by"] = recorded_by
                history.append((key, entry))
            continue
        if current is None:
            stage = day = None
            known = set()
        elif scope is not None and current.province_code not in scope:
            first = rows[idxs[0]]
            plan.conflicts.append(
                Conflict(
                    idxs[0],
                    first.get("_row"),
                    "province_code",
                    "record_province",
                    key,
                    current.province_code,
                    first.get("province_code") or "",
                )
            )
            continue
        else:
            stage = getattr(current, spec.model_stage)
            day = getattr(current, spec.model_stage_date)
            known = seen[current.id] | {(stage, day)}
        appended = []
        for i in idxs:
            row = rows[i]
            new, new_day = row[stage_col], row[date_col]
            if row.get(CORRECTS) is not None and current is not None:
                # a page's correction (checked there): replaces an entry, whatever the order
                if not conflicts_only:
                    plan.moves.append({"key": key, "from": stage, "to": new, "date": new_day})
                appended.append(row)
                stage, day = new, new_day
                continue
            if (new, new_day) in known:
                continue
            code = None
            if not allowed(stage, new):
                code = "stage_move"
            elif day is not None and new_day < day:
                code = "stage_date_order"
            if code:
                plan.conflicts.append(
                    Conflict(i, row.get("_row"), stage_col, code, key, stage, new, day)
                )
                continue
            if not conflicts_only:
                plan.moves.append({"key": key, "from": stage, "to": new, "date": new_day})
            appended.append(row)
            stage, day = new, new_day
            known.add((new, new_day))
        if conflicts_only or (current is None and not appended):
            continue
        values = latest(rows, idxs, attrs)
        if current is None:
            for name, default in defaults.items():
                if values[name] is None:
                    values[name] = default
            values[spec.model_stage], values[spec.model_stage_date] = stage, day
            plan.inserts.append({spec.model_key: key, **values})
        else:
            values = kept(current, values)
            values[spec.model_stage], values[spec.model_stage_date] = stage, day
            # a new entry is a new version; so is any save from a page, as it always was
            page = any(rows[i].get(PAGE_SAVE) for i in idxs)
            if appended or page or changed(current, values):
                plan.updates.append({"id": current.id, "version": current.version + 1, **values})
            else:
                plan.unchanged += 1
        for row in appended:
            entry = {entry_stage: row[stage_col], entry_date: row[date_col]}
            entry |= {"note": row.get(ENTRY_NOTE, row.get("note")), "recorded_by": recorded_by}
            if row.get(CORRECTS) is not None:
                entry["corrects_id"] = row[CORRECTS]
            plan.history.append((key, entry))
    return plan
