"""`python -m dashboard forecast-backtest [--until DATE] [--programme CODE] [--lang zh|en]`:
the backtest's tables as Markdown (docs/FORECAST.md keeps them)."""

from __future__ import annotations

import argparse
import math
from datetime import date

from dashboard.i18n import local_today, t
from dashboard.progress import backtest


def _pct(x: float) -> str:
    return "—" if math.isnan(x) else f"{100 * x:.0f}%"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    return lines + ["| " + " | ".join(r) + " |" for r in rows]


def _basis(label: str, lang: str) -> str:
    basis, waiting = label.split()
    return t(f"fc.backtest.basis.{basis}", lang) + t(f"fc.backtest.waiting.{waiting}", lang)


def report(cases: list[backtest.Case], decided: int, until: date, lang: str) -> str:
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
            for r in backtest.calibration(cases)
        ],
    )
    model, base = backtest.brier(cases)
    out += ["", t("fc.backtest.brier", lang, model=f"{model:.3f}", base=f"{base:.3f}")]
    empty = [c for c in cases if c.empty]
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
        rest = [c for c in cases if not c.empty]
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
                _pct(r.mean_probability),
                _pct(r.observed),
                _pct(r.coverage),
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
        for lo, hi, r in backtest.coverage_by_horizon(cases)
    ]
    everything = backtest.summary(t("fc.backtest.all", lang), cases)
    rows.append([everything.label, str(everything.n), _pct(everything.coverage)])
    out += _table([t("fc.backtest.horizon", lang), n, cov], rows)
    out += ["", f"### {t('fc.backtest.per_target', lang)}", ""]
    out += _table(
        [t("fc.backtest.target", lang), n, p, obs, cov],
        [
            [r.label, str(r.n), _pct(r.mean_probability), _pct(r.observed), _pct(r.coverage)]
            for r in backtest.by_target(cases)
        ],
    )
    return "\n".join([*out, ""])


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
