"""Running a write from a page: commit, or show why it was refused, in the viewer's
language; after a success clear the cached reads, say so once, and rerun. A record's edit
form saves through `run_edit`."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from dashboard.db_failures import failure_text
from dashboard.i18n import t
from dashboard.permissions import PermissionDenied
from dashboard.services.editing import EditError
from dashboard.ui import cached
from dashboard.ui.context import Viewer, session
from dashboard.ui.edit_messages import edit_error_text
from dashboard.ui.page_chrome import flash


def run_write(
    v: Viewer,
    write: Callable[[Session], object],
    *,
    refusals: tuple[type[Exception], ...],
    explain: Callable[[Exception], str],
    done_key: str = "form.saved",
    forget: tuple[str, ...] = (),
    cautions: tuple[type[Exception], ...] = (),
    caution: Callable[[Exception], None] | None = None,
) -> None:
    """`refusals` are the service's own refusals, shown with `explain`; `forget` names
    session-state keys (such as a form's remembered version) to drop either way.
    `cautions` are refusals the person may confirm past (a location in another province),
    handed to `caution` (nothing was saved)."""
    try:
        with session() as s:
            write(s)
            s.commit()
    except PermissionDenied:
        st.error(t("error.permission", v.lang))
        return
    except cautions as exc:
        if caution is None:
            raise
        caution(exc)
        return
    except refusals as exc:
        st.error(explain(exc))
        return
    except DBAPIError as exc:  # unreachable, read-only, full, busy: nothing was saved
        st.error(failure_text(exc, v.lang))
        return
    finally:
        for key in forget:
            st.session_state.pop(key, None)
    cached.clear()
    flash(t(done_key, v.lang))
    st.rerun()


def run_edit(
    v: Viewer,
    version_key: str,
    write: Callable[[Session, int], object],
    *,
    group: str = "stage",
) -> None:
    """Save a record's edit form with `write(session, expected_version)`: the version is the
    one held when the form was opened (under `version_key`, dropped either way), a refused
    edit is explained with the labels of the vocabulary `group`."""
    run_write(
        v,
        lambda s: write(s, st.session_state[version_key]),
        refusals=(EditError,),
        explain=lambda exc: edit_error_text(exc, v.lang, group=group),
        forget=(version_key,),
    )
