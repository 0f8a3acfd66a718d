"""The audit trail in words: actions, record kinds and details labelled in the viewer's
language, not keys and JSON."""

import pandas as pd

from dashboard.audit_text import action_label, audit_readable, describe_detail


def test_actions_and_details_are_words():
    assert action_label("set_language", "zh") == "切换界面语言"
    assert action_label("set_language", "en") == "Interface language change"
    text = describe_detail('{"after": "en", "before": "zh"}', "zh")
    assert text == "修改后：English；修改前：中文"
    text = describe_detail(
        {"before": {"stage": "recommended"}, "after": {"stage": "approved"}}, "zh", "pilot"
    )
    assert "recommended" not in text and "已批准" in text and "{" not in text
    assert describe_detail({"reason": "outside_own_province"}, "en") == (
        "reason: outside own province"
    )


def test_the_audit_frame_reads_in_chinese():
    df = pd.DataFrame(
        {
            "action": ["export"],
            "entity_type": ["table"],
            "outcome": ["ok"],
            "detail": ['{"format": "xlsx", "rows": 14, "lang": "zh"}'],
        }
    )
    row = audit_readable(df, "zh").iloc[0]
    assert (row["action"], row["entity_type"]) == ("导出", "表格")
    assert row["detail"] == "格式：Excel 工作簿；行数：14；语言：中文"
