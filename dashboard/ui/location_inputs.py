"""A location on a registry form: longitude and latitude in decimal degrees, and the warning
the person saving confirms when the point lies in another province than the record's (as a
report's submitter confirms it). The check itself is the reports' own, on the server
(`services.editing.check_location`)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from sqlmodel import Session

from dashboard.i18n import t
from dashboard.services.editing import EditError, LocationWarning
from dashboard.ui.context import Viewer
from dashboard.ui.writes import run_write

BOUNDS = {"longitude": 180.0, "latitude": 90.0}


def coordinate_input(kind: str, label: str, value, key: str, help_text: str = ""):
    """A number input of decimal degrees (6 decimals, about 0.1 m), blank when `value` is
    None; `kind` is "longitude" or "latitude"."""
    bound = BOUNDS[kind]
    return st.number_input(
        label,
        min_value=-bound,
        max_value=bound,
        value=None if value is None else float(value),
        step=0.0001,
        format="%.6f",
        help=help_text or None,
        key=key,
    )


def _state_key(form_key: str) -> str:
    return f"{form_key}_location_warning"


def confirmation(form_key: str, lang: str, signature: tuple) -> bool:
    """Inside the form: the warning of the last save, if any, and the box that confirms it.
    True when ticked for the location the warning was about (`signature`: the location and
    province as the form now holds them; a changed location is checked afresh)."""
    held = st.session_state.get(_state_key(form_key))
    if held is None:
        return False
    message, warned = held
    st.warning(message)
    ticked = st.checkbox(t("locs.confirm", lang), key=f"{form_key}_location_confirm")
    return bool(ticked) and warned == signature


def forget_warning(form_key: str) -> None:
    """Drop the warning before a save (the save finds it again if it still holds)."""
    st.session_state.pop(_state_key(form_key), None)


def warn_and_ask(form_key: str, signature: tuple, explain: Callable[[Exception], str]):
    """The `caution` of `writes.run_write`: keep the warning for the form to show with its
    confirmation box, and draw the form again (nothing was saved)."""

    def caution(exc: Exception) -> None:
        st.session_state[_state_key(form_key)] = (explain(exc), signature)
        st.rerun()

    return caution


def save_located(
    v: Viewer,
    write: Callable[[Session], object],
    *,
    form_key: str,
    version_key: str,
    place: tuple,
    explain: Callable[[Exception], str],
) -> None:
    """Save a form that holds a location (`place`, as `confirmation` signs it): the last
    warning is dropped, then `write` runs; a location in another province is asked about
    (`warn_and_ask`), a refusal explained, and the version held under `version_key` dropped
    either way."""
    forget_warning(form_key)
    run_write(
        v,
        write,
        refusals=(EditError,),
        explain=explain,
        forget=(version_key,),
        cautions=(LocationWarning,),
        caution=warn_and_ask(form_key, place, explain),
    )
