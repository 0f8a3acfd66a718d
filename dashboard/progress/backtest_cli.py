"""`python -m dashboard forecast-backtest [--until DATE] [--programme CODE] [--lang zh|en]`:
the backtest's tables as Markdown (docs/FORECAST.md keeps them)."""

from __future__ import annotations

import argparse
import math
from datetime import date

from dashboard.i18n import enum_label, local_today, t
from dashboard.progress import backtest


def _pct(x: float) -> str:
    return "—" if math.isnan(x) else f"{100 * x:.0f}%"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    return lines + ["| " + " | ".join(r) + " |" for r in rows]


def _basis(label: str, lang: str) -> str:
    basis, waiting = label.split()
    if basis == "none":  # no forecast: none waiting, by definition
        return t("fc.backtest.basis.none", lang)
    return t(f"fc.backtest.basis.{basis}", lang) + t(f"fc.backtest.waiting.{waiting}", lang)


def report(cases: list[backtest.Case], decided: int, until: date, lang: str) -> str:
    """The tables on the forecasts issued, after a line on the abstentions (how many, how
    many reached, and what the score would be had the plan's chance been given)."""
    targets = len({c.code for c in cases})
    out = [f"## {t('fc.backtest.title', lang)}", ""]
    out.append(
        t(
            "fc.backtest.scope",
            lang,
            until=until.isoformat(),
            n=len(cases),
            targets=targets,
            decided=decided,
        )
    )
    if not cases:
        return "\n".join([*out, "", t("fc.backtest.none", lang), ""])
    shown = backtest.issued(cases)
    out += _abstentions(cases, len(shown), lang)
    if not shown:
        return "\n".join([*out, ""])
    n, p, obs, cov = (
        t("fc.backtest.n", lang),
        t("fc.backtest.mean_p", lang),
        t("fc.backtest.observed", lang),
        t("fc.backtest.covered", lang),
    )
    out += ["", f"### {t('fc.backtest.calibration', lang)}", ""]
    out += _table(
        [t("fc.backtest.bin", lang), n, p, obs],
        [
            [r.label, str(r.n), _pct(r.mean_probability), _pct(r.observed)]
            for r in backtest.calibration(shown)
        ],
    )
    model, base = backtest.brier(shown)
    out += ["", t("fc.backtest.brier", lang, model=f"{model:.3f}", base=f"{base:.3f}")]
    if model > base:
        out += [t("fc.backtest.worse", lang)]
    empty = [c for c in shown if c.empty]
    if empty:
        held = backtest.summary("", empty)
        out += [
            "",
            t(
                "fc.backtest.empty",
                lang,
                n=held.n,
                reached=sum(c.reached for c in empty),
                coverage=_pct(held.coverage),
            ),
        ]
        rest = [c for c in shown if not c.empty]
        if rest:
            model, base = backtest.brier(rest)
            out += [t("fc.backtest.brier_rest", lang, model=f"{model:.3f}", base=f"{base:.3f}")]
    out += ["", f"### {t('fc.backtest.basis', lang)}", ""]
    out += _table(
        [t("fc.backtest.rests_on", lang), n, p, obs, cov],
        [
            [
                _basis(r.label, lang),
                str(r.n),
                "—" if r.label.startswith("none") else _pct(r.mean_probability),
                _pct(r.observed),
                "—" if r.label.startswith("none") else _pct(r.coverage),
            ]
            for r in backtest.by_basis(cases)
        ],
    )
    out += ["", f"### {t('fc.backtest.coverage', lang)}", ""]
    rows = [
        [
            t("fc.backtest.months", lang, a=lo, b=hi) if hi else f">{lo}",
            str(r.n),
            _pct(r.coverage),
        ]
        for lo, hi, r in backtest.coverage_by_horizon(shown)
    ]
    everything = backtest.summary(t("fc.backtest.all", lang), shown)
    rows.append([everything.label, str(everything.n), _pct(everything.coverage)])
    out += _table([t("fc.backtest.horizon", lang), n, cov], rows)
    out += ["", f"### {t('fc.backtest.per_target', lang)}", ""]
    out += _table(
        [t("fc.backtest.target", lang), n, p, obs, cov, t("fc.backtest.no_forecast", lang)],
        _per_target(cases),
    )
    return "\n".join([*out, ""])


def _abstentions(cases: list[backtest.Case], issued: int, lang: str) -> list[str]:
    """The abstentions' line and table, and the score over every case with the plan's chance
    in their place (the figure before the product abstained)."""
    gone = [c for c in cases if c.abstained]
    if not gone:
        return []
    reached = sum(c.reached for c in gone)
    out = ["", t("fc.backtest.abstained", lang, n=len(gone), reached=reached, issued=issued)]
    out += [""]
    out += _table(
        [
            t("fc.backtest.abstained_status", lang),
            t("fc.backtest.abstained_n", lang),
            t("fc.backtest.reached", lang),
        ],
        [
            [enum_label("status", status, lang), str(k), f"{r} ({_pct(r / k)})"]
            for status, k, r in backtest.abstentions(cases)
        ],
    )
    model, base = backtest.brier(cases)
    alone, _ = backtest.brier(gone)
    out += [
        "",
        t(
            "fc.backtest.brier_all",
            lang,
            n=len(cases),
            model=f"{model:.3f}",
            base=f"{base:.3f}",
            abstained=f"{alone:.3f}",
        ),
    ]
    return out


def _per_target(cases: list[backtest.Case]) -> list[list[str]]:
    """By target: the forecasts issued, and the abstentions (of them reached) beside them."""
    shown = {r.label: r for r in backtest.by_target(backtest.issued(cases))}
    rows = []
    for code in sorted({c.code for c in cases}):
        gone = [c for c in cases if c.code == code and c.abstained]
        r = shown.get(code)
        figures = (
            [str(r.n), _pct(r.mean_probability), _pct(r.observed), _pct(r.coverage)]
            if r
            else ["0", "—", "—", "—"]
        )
        rows.append([code, *figures, f"{len(gone)} ({sum(c.reached for c in gone)})"])
    return rows


def cmd_backtest(args: argparse.Namespace) -> int:
    from dashboard.db import engine_for, session_scope

    until = date.fromisoformat(args.until) if args.until else local_today()
    with session_scope(engine_for(args)) as session:
        cases, decided = backtest.run(session, until=until, programme=args.programme)
    print(report(cases, decided, until, args.lang))
    return 0


def add_backtest_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "forecast-backtest",
        help="forecasts made at past month ends against what happened (docs/FORECAST.md)",
    )
    p.add_argument("--until", help="YYYY-MM-DD: the data's last day (default: today)")
    p.add_argument("--programme", help="one programme's targets (default: all)")
    p.add_argument("--lang", choices=("zh", "en"), default="en")
    p.set_defaults(handler=cmd_backtest)
