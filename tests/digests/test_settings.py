"""The SMTP settings: defaults, the secrets file for what is not secret, the password from
the environment only, and clear refusals."""

from __future__ import annotations

import pytest

from dashboard.settings import SettingsError, smtp_settings


def test_defaults_and_environment(tmp_path):
    none = tmp_path / "absent.toml"
    env = {"DASHBOARD_SMTP_HOST": "mail.example.gov.cn", "DASHBOARD_SMTP_SENDER": "t@example.cn"}
    s = smtp_settings(env, none)
    assert (s.host, s.port, s.starttls, s.user, s.password) == (
        "mail.example.gov.cn",
        587,
        True,
        "",
        "",
    )
    plain = smtp_settings({**env, "DASHBOARD_SMTP_STARTTLS": "0"}, none)
    assert (plain.port, plain.starttls) == (25, False)
    login = smtp_settings(
        {
            **env,
            "DASHBOARD_SMTP_USER": "tracker",
            "DASHBOARD_SMTP_PASSWORD": "pw",
            "DASHBOARD_SMTP_PORT": "2525",
        },
        none,
    )
    assert (login.user, login.password, login.port) == ("tracker", "pw", 2525)


def test_secrets_file_but_never_the_password(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        'smtp_host = "relay.internal"\nsmtp_sender = "t@example.cn"\nsmtp_starttls = "0"\n'
        'smtp_password = "in-the-file"\n'
    )
    s = smtp_settings({}, secrets)
    assert (s.host, s.sender, s.starttls, s.port, s.password) == (
        "relay.internal",
        "t@example.cn",
        False,
        25,
        "",
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({}, "DASHBOARD_SMTP_HOST"),
        ({"DASHBOARD_SMTP_HOST": "h"}, "DASHBOARD_SMTP_SENDER"),
        (
            {
                "DASHBOARD_SMTP_HOST": "h",
                "DASHBOARD_SMTP_SENDER": "s@x.cn",
                "DASHBOARD_SMTP_PORT": "smtp",
            },
            "DASHBOARD_SMTP_PORT",
        ),
    ],
)
def test_refusals_name_the_setting(tmp_path, env, named):
    with pytest.raises(SettingsError, match=named):
        smtp_settings(env, tmp_path / "absent.toml")
