"""Driving the pages' widgets in AppTest runs (open a page, select a row, fill a form, click
save) and reading back what the page wrote, for the page tests."""

from __future__ import annotations

from sqlmodel import Session, select

from dashboard.db import shared_engine
from dashboard.i18n import t
from tests.pages.conftest import app_as


def _ok(at) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def open_page(url: str, username: str, page: str, lang: str = "zh"):
    """The app signed in as `username` in `lang`, switched to `page` (a path such as
    "../pages/tasks.py") and drawn without an exception or an error."""
    at = app_as(url, username, lang).run()
    at.switch_page(page).run()
    _ok(at)
    return at


def click(at, label: str, form: str | None = None):
    """Click the button with this label (inside `form` when given) and rerun."""
    found = [b for b in at.button if b.label == label and (form is None or b.proto.form_id == form)]
    assert len(found) == 1, [(b.label, b.proto.form_id) for b in at.button]
    return found[0].click().run()


def fill(at, values: dict) -> None:
    """Set the widgets with these labels (a required one's label ends in " *"): text is typed
    in (its length checked), a choice, date or number is set; the next click sends them."""
    for label, value in values.items():
        found = [
            w
            for kind in ("text_input", "selectbox", "date_input", "number_input")
            for w in getattr(at, kind)
            if w.label in (label, label + " *")
        ]
        assert found, label
        widget = found[0]
        if widget.type == "text_input":
            widget.input(value)
        else:
            widget.set_value(value)


def rows(url: str, statement) -> list:
    """What a query reads from the app's database now (after the page wrote)."""
    with Session(shared_engine(url), expire_on_commit=False) as s:
        return list(s.exec(statement).all())


def saved(url: str, model, *where):
    """The one row of `model` that `where` finds, as the page saved it."""
    [row] = rows(url, select(model).where(*where))
    return row


def frame(at, key: str):
    """The table of the `st.dataframe` with this key, as a DataFrame."""
    return next(d for d in at.dataframe if d.key == key).value


def select_row(at, key: str, row: int):
    """Select one row of a `st.dataframe(..., on_select="rerun", key=key)` and rerun."""
    at.session_state[key] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    return at.run()


def export(at, key: str, fmt: str):
    """Make the file of the page's export control `key` in `fmt` (pick the format, press
    prepare); (data, filename, format) as the page keeps it for its download button."""
    at.radio(key=f"fmt_{key}").set_value(fmt).run()
    at.button(key=f"prep_{key}").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at.session_state[f"export_{key}"]


def press_save(at, form: str, lang: str = "zh"):
    """Press the save button of `form` and check that the page took the save (no exception,
    no error on the page)."""
    click(at, t("form.save", lang), form)
    _ok(at)
    return at
