"""Fixtures for the export tests: a database filled with the demo data and its accounts, and
small image helpers."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image
from sqlmodel import select

from dashboard import demo
from dashboard.accounts import create_demo_users
from dashboard.models import User
from dashboard.permissions import Actor

AS_OF = date(2025, 6, 30)


@pytest.fixture
def demo_session(session):
    """The session over a database holding the demo data and the demo accounts, committed
    (refusals are audited in a transaction of their own)."""
    demo.generate(session)
    create_demo_users(session)
    session.commit()
    return session


@pytest.fixture
def actors(demo_session):
    users = demo_session.exec(select(User)).all()
    return {u.username: Actor(id=u.id, username=u.username) for u in users}


def png_image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image.convert("RGB")


def dark_pixels(image: Image.Image, box: tuple[int, int, int, int] | None = None) -> int:
    """Pixels darker than mid grey (text and lines), in the whole image or a box."""
    region = image.crop(box) if box else image
    return sum(region.convert("L").histogram()[:110])
