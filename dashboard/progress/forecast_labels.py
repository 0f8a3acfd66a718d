"""The forecast in words, for the card, the target page, the pack and the CLI: the chance of
meeting the target and the 80% interval before the deadline, the outcome after it, or that
there is no forecast yet (nothing of the kind counted or waiting)."""

from __future__ import annotations

from datetime import date

from dashboard.i18n import enum_label, fmt_int, t


def fmt_probability(p: float) -> str:
    """A probability in whole percent; "<1%" and ">99%" rather than a certainty the model
    does not have."""
    if 0 < p < 0.01:
        return "<1%"
    if 0.99 < p < 1:
        return ">99%"
    return f"{round(p * 100)}%"


def fmt_range(low: int, high: int, lang: str) -> str:
    return t("fc.range", lang, low=fmt_int(low, lang), high=fmt_int(high, lang))


def decided(p: dict) -> bool:
    """The deadline has passed: the figure is the outcome, not a forecast."""
    return date.fromisoformat(p["as_of"]) > date.fromisoformat(p["deadline"])


def abstained(p: dict) -> bool:
    """No forecast: no record of the kind has counted or waits (docs/FORECAST.md)."""
    return p["probability"] is None


def expected_facts(p: dict, lang: str) -> list[tuple[str, str]]:
    """The expected count at the deadline as a (label, value) row, none without a forecast."""
    if abstained(p):
        return []
    return [(t("overview.forecast", lang), fmt_int(p["forecast"], lang))]


def forecast_facts(p: dict, lang: str) -> list[tuple[str, str]]:
    """(label, value) rows from a Progress.as_dict()."""
    if decided(p):
        outcome = t(
            "fc.outcome_value",
            lang,
            count=fmt_int(p["actual"], lang),
            status=enum_label("status", p["status"], lang),
        )
        return [(t("fc.outcome", lang), outcome)]
    if abstained(p):
        return [(t("fc.probability", lang), t("fc.abstain", lang))]
    return [
        (t("fc.probability", lang), fmt_probability(p["probability"])),
        (t("fc.interval", lang), fmt_range(p["forecast_low"], p["forecast_high"], lang)),
    ]


def forecast_line(p: dict, lang: str) -> str:
    """One line for the CLI."""
    if decided(p) or abstained(p):
        return forecast_facts(p, lang)[0][1]
    return t(
        "fc.cli",
        lang,
        p=fmt_probability(p["probability"]),
        low=fmt_int(p["forecast_low"], lang),
        high=fmt_int(p["forecast_high"], lang),
    )


def forecast_notes(p: dict, lang: str) -> list[str]:
    """What the forecast rests on when it is not the history's pace alone, said beside it:
    no forecast (nothing counted or waiting), nothing counted yet (the planned pace), nothing
    counted over the history (no pace), and records waiting in earlier stages. None once the
    target is met or the deadline passed."""
    if decided(p) or p["status"] == "achieved":
        return []
    notes = []
    if abstained(p):
        notes.append(t("fc.abstain_note", lang))
    elif p["forecast_basis"] == "plan":
        notes.append(t("fc.basis_plan", lang))
    elif p["forecast_basis"] == "stalled":
        notes.append(t("fc.no_pace", lang))
    if p["waiting"]:
        notes.append(t("fc.waiting", lang, n=fmt_int(p["waiting"], lang)))
    return notes
