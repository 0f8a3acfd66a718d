"""A digest as an e-mail: multipart/alternative with a plain-text part and an HTML part
whose burn-up chart (PNG) travels inline (multipart/related, `cid:`). Every string that
comes from data — names, file names, reviewers' comments — is escaped in the HTML."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from html import escape

from dashboard.digests.sections import Section

FONT = "'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',Arial,sans-serif"
CHART_CID_NAME = "burnup"


@dataclass(frozen=True)
class Chart:
    png: bytes
    caption: str  # the chart's title, also its alt text


@dataclass(frozen=True)
class Letter:
    """Everything a digest says, in one language, before it becomes a message."""

    subject: str
    heading: str
    intro: list[str]
    sections: list[Section]
    chart: Chart | None
    chart_note: str  # said instead of the chart when it could not be drawn
    footer: list[str]


def _text_table(section: Section) -> list[str]:
    if not section.rows:
        return []
    lines = ["  " + " | ".join(section.header)]
    lines += ["  - " + " | ".join(row) for row in section.rows]
    return lines


def text_body(letter: Letter) -> str:
    out = [letter.heading, "=" * min(len(letter.heading) * 2, 60), *letter.intro, ""]
    for s in letter.sections:
        out += [s.title, "-" * min(len(s.title) * 2, 60), *s.lines, *_text_table(s)]
        out += [f"  ({n})" for n in s.notes] + [""]
    if letter.chart is None and letter.chart_note:
        out += [letter.chart_note, ""]
    elif letter.chart is not None:
        out += [letter.chart.caption + " (PNG)", ""]
    out += ["--", *letter.footer]
    return "\n".join(out) + "\n"


def _html_table(section: Section) -> str:
    if not section.rows:
        return ""
    cell = "padding:4px 8px;border:1px solid #d0d7d3;text-align:left;vertical-align:top"
    head = "".join(
        f'<th style="{cell};background:#eef3f0">{escape(h)}</th>' for h in section.header
    )
    body = "".join(
        "<tr>" + "".join(f'<td style="{cell}">{escape(c)}</td>' for c in row) + "</tr>"
        for row in section.rows
    )
    return (
        '<table style="border-collapse:collapse;font-size:13px;margin:6px 0">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def html_body(letter: Letter, cid: str | None) -> str:
    parts = [
        f'<h2 style="color:#1f6f4a;margin:0 0 8px">{escape(letter.heading)}</h2>',
        *(f'<p style="margin:2px 0">{escape(line)}</p>' for line in letter.intro),
    ]
    for s in letter.sections:
        parts.append(f'<h3 style="color:#1f6f4a;margin:18px 0 4px">{escape(s.title)}</h3>')
        parts += [f'<p style="margin:2px 0">{escape(line)}</p>' for line in s.lines]
        parts.append(_html_table(s))
        parts += [
            f'<p style="margin:2px 0;font-size:12px;color:#4a5550">{escape(n)}</p>' for n in s.notes
        ]
    if letter.chart is not None and cid:
        alt = escape(letter.chart.caption, quote=True)
        parts.append(
            f'<p style="margin:18px 0 4px"><img src="cid:{cid}" alt="{alt}" '
            'width="600" style="max-width:100%;height:auto"></p>'
        )
    elif letter.chart_note:
        parts.append(f'<p style="color:#4a5550">{escape(letter.chart_note)}</p>')
    parts.append('<hr style="border:none;border-top:1px solid #d0d7d3;margin-top:18px">')
    parts += [
        f'<p style="margin:2px 0;font-size:12px;color:#4a5550">{escape(line)}</p>'
        for line in letter.footer
    ]
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(letter.subject)}'
        f'</title></head><body style="font-family:{FONT};color:#1d2521">'
        + "".join(parts)
        + "</body></html>"
    )


def build_message(
    letter: Letter, *, sender: str, recipient: str, lang: str, period: str
) -> EmailMessage:
    domain = sender.rpartition("@")[2] or "localhost"
    msg = EmailMessage()
    msg["Subject"] = letter.subject
    msg["From"] = sender
    msg["To"] = recipient
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid("digest", domain=domain)
    msg["Content-Language"] = "zh-CN" if lang == "zh" else "en"
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies
    msg["X-Dashboard-Digest"] = period
    msg.set_content(text_body(letter), charset="utf-8")
    cid = make_msgid(CHART_CID_NAME, domain=domain) if letter.chart else None
    msg.add_alternative(html_body(letter, cid[1:-1] if cid else None), subtype="html")
    if letter.chart is not None:
        html_part = msg.get_payload()[1]
        html_part.add_related(
            letter.chart.png,
            maintype="image",
            subtype="png",
            cid=cid,
            disposition="inline",
            filename=f"{CHART_CID_NAME}.png",
        )
    return msg
