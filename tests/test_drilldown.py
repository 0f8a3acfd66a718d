"""The drill-down lists the counted records with their source, within the viewer's scope."""

from datetime import UTC, date, datetime

from dashboard.services.drilldown import COLUMNS, records_behind
from tests import builders as b

AS_OF = date(2025, 6, 30)


def test_records_behind_the_pilot_figure_with_their_source(session):
    ministry = b.user(session, "m", "ministry")
    zj = b.user(session, "zj", "coordinator", "330000")
    sub = b.submission(
        session,
        filename="浙江-2025Q1.xlsx",
        province_code="330000",
        submitted_by="zj",
        status="accepted",
        decided_by="m",
        decided_at=datetime(2025, 4, 2, 8, 0, tzinfo=UTC),
    )
    counted = b.pilot(session, [("applied", date(2024, 9, 1)), ("approved", date(2024, 11, 3))])
    counted.submission_id = sub.id
    b.pilot(
        session,
        [("approved", date(2024, 10, 1)), ("under_construction", date(2025, 1, 5))],
        province="370000",
        industry="power",
    )
    b.pilot(session, [("applied", date(2024, 9, 1))])  # not set up: not counted
    b.pilot(session, [("approved", date(2025, 7, 1))])  # after the as-of date
    session.flush()

    rows = records_behind(session, actor=ministry, target_code="T2", as_of=AS_OF)
    assert list(rows.columns) == COLUMNS
    assert rows[["province_code", "category", "since"]].values.tolist() == [
        ["370000", "power", date(2024, 10, 1)],
        ["330000", "steel", date(2024, 11, 3)],
    ]
    zhejiang = rows[rows.province_code == "330000"].iloc[0]
    assert (zhejiang["identifier"], zhejiang["name"]) == (counted.code, counted.name)
    assert (zhejiang.state, zhejiang.source_file, zhejiang.accepted_by) == (
        "approved",
        "浙江-2025Q1.xlsx",
        "m",
    )
    assert records_behind(
        session, actor=ministry, target_code="T2", as_of=AS_OF, province="370000"
    ).province_code.tolist() == ["370000"]
    # a coordinator sees only their own province's records
    own = records_behind(session, actor=zj, target_code="T2", as_of=AS_OF)
    assert own.province_code.tolist() == ["330000"]
    assert records_behind(session, actor=ministry, target_code="T2", as_of=date(2024, 1, 1)).empty


def test_records_table_labels_a_source_not_yet_decided(monkeypatch):
    import pandas as pd

    from dashboard.ui import cached
    from dashboard.ui.target_view import _records_table

    monkeypatch.setattr(cached, "province_names", lambda lang: {"330000": "Zhejiang"})
    df = pd.DataFrame(
        [
            [
                *("pilot", 1, "P-1", "试点", "330000", "steel", "approved", date(2024, 3, 1), 7),
                *("a.xlsx", pd.NaT, None),
            ],
            [
                *("pilot", 2, "P-2", "试点", None, "steel", "approved", date(2024, 3, 2), None),
                *(None, pd.NaT, None),
            ],
        ],
        columns=COLUMNS,
    )
    from dashboard.ui.tables import labelled

    records, columns = _records_table(df, "en")
    table = labelled(records, "en", columns)
    assert list(table.iloc[:, 2]) == ["Zhejiang", "—"]
    assert list(table.iloc[:, 3]) == ["Steel", "Steel"]  # the industry's label, not "steel"
    assert list(table.iloc[:, -1]) == ["a.xlsx · — · —", "Entered directly (no submitted file)"]


def test_a_deliverable_is_named_in_english_where_it_has_an_english_title(session):
    ministry = b.user(session, "m", "ministry")
    titled = b.standard(session, issued=date(2024, 6, 1))
    titled.title_en = "Carbon accounting for steel"
    untitled = b.standard(session, issued=date(2024, 7, 1))
    untitled.title_en = ""  # blank counts as none: the Chinese title is shown
    session.flush()
    names = {
        lang: dict(
            records_behind(session, actor=ministry, target_code="T1", as_of=AS_OF, lang=lang)[
                ["record_id", "name"]
            ].values.tolist()
        )
        for lang in ("zh", "en")
    }
    assert names["zh"] == {titled.id: titled.title_zh, untitled.id: untitled.title_zh}
    assert names["en"] == {titled.id: "Carbon accounting for steel", untitled.id: untitled.title_zh}
