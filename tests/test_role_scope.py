"""Province scope comes from the permission table: a role is provincial when a grant of its
is scoped to its own province. No role is compared by name outside permissions.py, so a new
provincial role gets the coordinator's behaviour without code elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard import permissions
from dashboard.models import ROLES
from dashboard.permissions import OWN, PERMISSIONS, is_provincial

ROOT = Path(__file__).resolve().parents[1]


def test_provincial_roles_are_those_with_an_own_province_grant():
    assert {r for r in ROLES if is_provincial(r)} == {"coordinator"}
    assert {r for r, _, scope in PERMISSIONS if scope == OWN} == {"coordinator"}


def test_a_new_provincial_role_is_provincial_without_other_code(monkeypatch):
    monkeypatch.setattr(permissions, "PERMISSIONS", (*PERMISSIONS, ("county", "view_records", OWN)))
    assert is_provincial("county") and not is_provincial("ministry")


def test_no_role_is_compared_by_name_outside_the_permission_table():
    names = "|".join(ROLES)
    compared = re.compile(
        rf"""role\s*[=!]=\s*["']({names})["']|["']({names})["']\s*[=!]=\s*\S*role"""
    )
    # the pattern finds the forms it is for (the checks this test replaced)
    assert compared.search('return v.role != "coordinator" or x')
    assert compared.search("if 'admin' == role:") and not compared.search('role = "admin"')
    assert not compared.search('User.username == "briefing"')  # a user's name, not a role
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("dashboard", "pages", "pipelines")
        for path in (ROOT / folder).rglob("*.py")
        if path.name != "permissions.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if compared.search(line)
    ]
    assert found == []
