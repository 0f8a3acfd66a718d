"""What the pages' forms have in common: a form under its title in bold, and a record's edit
form (its fields, a note and the save button, saved with the version held since the form was
opened: `writes.run_edit`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from dashboard.i18n import t
from dashboard.ui.context import Viewer
from dashboard.ui.writes import run_edit


@contextmanager
def titled_form(key: str, title_key: str | None, lang: str, **options: Any) -> Iterator[None]:
    """A form (`options` as `st.form` takes them) whose first line is its title in bold; no
    title when `title_key` is None."""
    with st.form(key, **options):
        if title_key is not None:
            st.markdown(f"**{t(title_key, lang)}**")
        yield


def edit_form(
    v: Viewer,
    form_key: str,
    version_key: str,
    fields: Callable[[], dict[str, Any]],
    save: Callable[..., object],
    *,
    title_key: str | None = None,
    group: str = "stage",
) -> None:
    """A record's edit form: `fields` draws the form's own inputs and returns them as the
    service's arguments (with the record's identifier), then come a note and the save button.
    On save the service runs as `save(session=…, actor=…, expected_version=…, note=…,
    **fields)`; a refusal is explained with the labels of the vocabulary `group`."""
    lang = v.lang
    with titled_form(form_key, title_key, lang):
        values = fields()
        note = st.text_input(t("col.note", lang), max_chars=500)
        submitted = st.form_submit_button(t("form.save", lang), type="primary")
    if submitted:
        run_edit(
            v,
            version_key,
            lambda s, version: save(
                session=s,
                actor=v.actor,
                expected_version=version,
                note=note or None,
                **values,
            ),
            group=group,
        )
