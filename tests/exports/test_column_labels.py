"""The vocabulary of table columns: every label is in the catalog, and a page's columns come
out in the order it names them, an enumeration that depends on the record as the page says."""

import pytest

from dashboard.exports.column_labels import BY_RECORD, COLUMN_LABELS, table_columns
from dashboard.i18n import catalog


def test_every_column_label_is_in_the_catalog_in_both_languages():
    keys = [s if isinstance(s, str) else s[0] for s in COLUMN_LABELS.values()]
    keys += list(BY_RECORD.values())
    missing = [k for k in keys if not {"zh", "en"} <= set(catalog().get(k) or {})]
    assert missing == []


def test_a_page_names_its_columns_in_order():
    assert table_columns(
        "since", ("status", "task_status"), {"title_en": "col.task"}, "province_code"
    ) == {
        "since": ("col.counted_since", "date"),
        "status": ("col.status", "task_status"),
        "title_en": "col.task",
        "province_code": ("col.province", "province"),
    }


def test_a_status_is_read_as_the_enumeration_the_page_names():
    with pytest.raises(KeyError):
        table_columns("status")  # whose statuses? the page must say
