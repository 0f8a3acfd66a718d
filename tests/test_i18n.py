"""The catalog: complete in both languages, formats per language."""

from datetime import date

import pytest

from dashboard import i18n, vocab
from dashboard.models import ROLES


def test_every_entry_has_both_languages():
    for key, entry in i18n.catalog().items():
        assert entry.get("zh") and entry.get("en"), key


@pytest.mark.parametrize(
    ("group", "values"),
    [
        ("status", vocab.TARGET_STATUSES),
        ("kind", vocab.DELIVERABLE_KINDS),
        ("category", vocab.DELIVERABLE_CATEGORIES),
        ("dstatus", vocab.DELIVERABLE_STATUSES),
        ("stage", vocab.PILOT_ALL_STAGES),
        ("pilot_type", vocab.PILOT_TYPES),
        ("review_status", vocab.REVIEW_STATUSES),
        ("task_status", vocab.TASK_STATUSES),
        ("industry", vocab.INDUSTRIES),
        ("role", ROLES),
    ],
)
def test_every_enumerated_value_has_labels(group, values):
    for value in values:
        assert i18n.has(f"{group}.{value}"), f"{group}.{value}"


def test_missing_key_raises_in_strict_mode():
    with pytest.raises(i18n.MissingTextError):
        i18n.t("no.such.key", "zh")


def test_formats():
    assert i18n.fmt_date(date(2024, 7, 14), "zh") == "2024年7月14日"
    assert i18n.fmt_date(date(2024, 7, 4), "en") == "4 Jul 2024"
    assert i18n.fmt_int(12345, "en") == "12,345"
    assert i18n.t("per_month", "en", n="2.5") == "2.5 a month"
