"""Who is using the app, in which language, against which database."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from sqlalchemy.engine import Engine
from sqlmodel import Session

from dashboard import auth
from dashboard.db import shared_engine
from dashboard.i18n import LANGS
from dashboard.models import User
from dashboard.permissions import Actor
from dashboard.settings import get_settings

TEST_TOKEN_KEY = "auth_token"  # noqa: S105  AppTest feeds the token here; browsers use the cookie


@st.cache_resource
def engine() -> Engine:
    return shared_engine(get_settings().database_url)


def session() -> Session:
    return Session(engine(), expire_on_commit=False)


@dataclass(frozen=True)
class Viewer:
    actor: Actor
    lang: str
    display_name: str

    @property
    def role(self) -> str:
        return self.actor.role

    @property
    def province(self) -> str | None:
        return self.actor.province_code


def session_token() -> str | None:
    try:
        token = st.context.cookies.get(auth.COOKIE_NAME)
    except Exception:
        token = None
    if not isinstance(token, str):  # AppTest's context answers with a mock
        token = None
    return token or st.session_state.get(TEST_TOKEN_KEY)


def viewer() -> Viewer | None:
    """The signed-in user as the database has them now, or None."""
    token = session_token()
    if not token:
        return None
    with session() as s:
        try:
            actor = auth.resolve(s, token)
        except auth.AuthError:
            return None
        user = s.get(User, actor.id)
        lang = user.language if user.language in LANGS else "zh"
        return Viewer(actor=actor, lang=lang, display_name=user.display_name or user.username)


def set_language(v: Viewer, lang: str) -> None:
    from dashboard.accounts import set_language as save

    with session() as s:
        save(s, actor=v.actor, lang=lang)
        s.commit()
