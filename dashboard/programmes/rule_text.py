"""The counting sentence users read, rendered from the spec that computes the figure
(docs/PROGRAMMES.md). Every clause of the spec appears in the sentence, and nothing else
does: the free-text "why" of a target stands beside it, not inside it."""

from __future__ import annotations

from datetime import date

from dashboard.i18n import enum_label, fmt_date
from dashboard.programmes.spec import CountingSpec
from dashboard.vocab import DELIVERABLE_STATUSES

_RECORDS = {
    "deliverable": ("记录", "records"),
    "pilot": ("碳排放管理标准化试点", "standardization pilots"),
    "measurement_review": ("开展碳计量审查的企业", "enterprises in carbon measurement reviews"),
    "standard_adoption": ("标准采信、转化与国际标准事项", "standards' adoption events"),
}
_EVENT_DATE = {
    "issue_date": ("发布（完成）日期", "issue (completion) date"),
    "started_on": ("启动日期", "start date"),
    "implementation_date": ("实施日期", "implementation date"),
    "event_date": ("事项日期", "event date"),
}
_DEDUPE = {
    "record": ("每条记录计一次", "each record counts once"),
    "number": (
        "每个编号只计一次（破折号与连字符视为相同）",
        "each number counts once (an em dash and a hyphen are the same)",
    ),
    "base_number": (
        "同一编号的不同批次只计一次（不计批次字母）",
        "batches of one number count once (the batch letter is ignored)",
    ),
    "uscc": (
        "按统一社会信用代码去重，每家企业只计一次",
        "each unified social credit code counts once",
    ),
}


def _join(items: list[str], lang: str) -> str:
    if lang == "zh":
        return "、".join(items)
    if len(items) <= 2:
        return " or ".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def _labels(group: str, values, lang: str) -> str:
    return _join([_inline(enum_label(group, v, lang), lang) for v in values], lang)


def _inline(label: str, lang: str) -> str:
    """A label inside an English sentence: "Issued" -> "issued", "CCUS" stays."""
    if lang == "en" and label[:1].isupper() and label[1:2].islower():
        return label[0].lower() + label[1:]
    return label


def _prefix(prefix: str, lang: str) -> str:
    """A number prefix; a trailing space is part of it ("JJF " is not "JJF(皖)")."""
    if prefix.endswith(" "):
        core = prefix.strip()
        return f"“{core}”加空格" if lang == "zh" else f'"{core}" and a space'
    return f"“{prefix}”" if lang == "zh" else f'"{prefix}"'


def _stage_group(spec: CountingSpec) -> str:
    return "stage" if spec.records == "pilot" else "review_status"


def render_rule(spec: CountingSpec, *, window_start: date, deadline: date, lang: str) -> str:
    """The counting rule as one paragraph in `lang` ("zh" or "en")."""
    zh = lang == "zh"
    ws, dl = fmt_date(window_start, lang), fmt_date(deadline, lang)
    parts: list[str] = []
    what = _RECORDS[spec.records][0 if zh else 1]
    if spec.records == "deliverable" and spec.kinds:
        kinds = _labels("kind", spec.kinds, lang)
        what = kinds if zh else f"records of the kind {kinds}"
    elif spec.records == "standard_adoption" and spec.kinds:
        events = _labels("adoption_event", spec.kinds, lang)
        what = f"{what}（事项：{events}）" if zh else f"{what} ({events})"
    elif spec.records == "pilot" and spec.kinds:
        what = (
            f"{_labels('pilot_type', spec.kinds, lang)}类{what}"
            if zh
            else f"{what} of type {_labels('pilot_type', spec.kinds, lang)}"
        )
    cat_group = "category" if spec.records == "deliverable" else "industry"
    if zh:
        head = f"计入：{what}"
        if spec.categories:
            head += f"（领域：{_labels(cat_group, spec.categories, lang)}）"
        if spec.number_prefixes:
            head += "，编号以" + "、".join(_prefix(p, lang) for p in spec.number_prefixes) + "开头"
        parts.append(head)
    else:
        head = f"Counts {what}"
        if spec.categories:
            noun = "categories" if spec.records == "deliverable" else "industries"
            head += f" in the {noun} {_labels(cat_group, spec.categories, lang)}"
        if spec.number_prefixes:
            head += " whose number begins with " + _join(
                [_prefix(p, lang) for p in spec.number_prefixes], lang
            )
        parts.append(head)

    if spec.is_history:
        stages = _labels(_stage_group(spec), spec.enters, lang)
        if zh:
            parts.append(
                f"截至统计日期（晚于截止日期{dl}时以截止日期为准）所处阶段为{stages}之一，"
                f"且首次进入这些阶段的日期在{ws}至截止日期之间；"
                "离开这些阶段（退出或回退）之日起不再计入"
            )
        else:
            parts.append(
                f"whose stage on the as-of date (or on the deadline, {dl}, if that is earlier) "
                f"is {stages}, and that first reached one of them between {ws} and the "
                "deadline; a record that leaves these stages (an exit or a move back) stops "
                "counting from that day"
            )
    elif spec.records == "standard_adoption":
        event = _EVENT_DATE[spec.event_date][0 if zh else 1]
        parts.append(
            f"{event}在{ws}至统计日期之间（统计日期晚于截止日期{dl}时以截止日期为准）"
            if zh
            else f" whose {event} falls between {ws} and the as-of date (or the deadline, "
            f"{dl}, if that is earlier)"
        )
    else:
        event = _EVENT_DATE[spec.event_date][0 if zh else 1]
        staying = [s for s in spec.statuses if s not in spec.exit_statuses]
        excluded = sorted(set(DELIVERABLE_STATUSES) - set(spec.statuses) - set(spec.exit_statuses))
        if zh:
            clause = f"状态为{_labels('dstatus', staying, lang)}" if staying else ""
            parts.append(
                f"{clause}，{event}在{ws}至统计日期之间（统计日期晚于截止日期{dl}时以截止日期为准）"
                if clause
                else f"{event}在{ws}至统计日期之间（统计日期晚于截止日期{dl}时以截止日期为准）"
            )
            if spec.exit_statuses:
                parts.append(
                    f"状态为{_labels('dstatus', spec.exit_statuses, lang)}的，"
                    "仅在废止日期晚于统计日期（或截止日期）时计入，无废止日期的不计入"
                )
            if excluded:
                parts.append(f"{_labels('dstatus', excluded, lang)}的不计入")
        else:
            clause = f", with status {_labels('dstatus', staying, lang)}, " if staying else " "
            parts.append(
                f"{clause}whose {event} falls between {ws} and the as-of date (or the "
                f"deadline, {dl}, if that is earlier)"
            )
            if spec.exit_statuses:
                parts.append(
                    f"a record with status {_labels('dstatus', spec.exit_statuses, lang)} "
                    "counts only while its withdrawal date is later than that date, and not "
                    "at all without a withdrawal date"
                )
            if excluded:
                parts.append(f"records {_labels('dstatus', excluded, lang)} do not count")

    parts.append(_DEDUPE[spec.dedupe][0 if zh else 1])
    if spec.province == "national":
        parts.append("只统计全国数，不分省" if zh else "counted nationally only, not by province")
    else:
        parts.append(
            "分省数按记录所属省份统计"
            if zh
            else "figures by province use the province of the record"
        )
    head, rest = parts[0], parts[1:]
    if zh:
        return head + "，" + "；".join(rest) + "。"
    text = head + ("" if rest[0][:1] in ", " else " ") + "; ".join(rest) + "."
    return text[0].upper() + text[1:]
