"""Production settings refuse unsafe defaults and set secure ones."""
import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def _check(env_overrides):
    dropped = ("DEBUG", "DJANGO_DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update({"DJANGO_SETTINGS_MODULE": "recruitment.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_it_refuses_debug_on():
    result = _check({"DEBUG": "1", "SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_it_refuses_the_default_secret():
    result = _check({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_starts_with_safe_values():
    result = _check({"DEBUG": "0", "SECRET_KEY": "k3y-" + "a1b2c3d4e5" * 6})
    assert result.returncode == 0, result.stderr


SAFE = {"DEBUG": "0", "SECRET_KEY": "k3y-" + "a1b2c3d4e5" * 6, "ALLOWED_HOSTS": "x"}
PRODUCTION_ONLY = ("SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
                   "SECURE_SSL_REDIRECT", "SESSION_COOKIE_AGE", "SESSION_SAVE_EVERY_REQUEST",
                   "SESSION_EXPIRE_AT_BROWSER_CLOSE", "IS_PRODUCTION", "TWO_FACTOR_REQUIRED")


def production_settings(**env_overrides) -> dict:
    """The production settings' security values, read in a fresh process with `env_overrides`."""
    script = ("import json, django; django.setup(); from django.conf import settings; "
              f"print(json.dumps({{n: getattr(settings, n) for n in {PRODUCTION_ONLY!r}}}))")
    dropped = ("DEBUG", "DJANGO_DEBUG", "SECRET_KEY", *PRODUCTION_ONLY)
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update({"DJANGO_SETTINGS_MODULE": "recruitment.settings.production", **SAFE, **env_overrides})
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_sends_hsts_for_a_year_including_subdomains_without_preload():
    values = production_settings()
    assert values["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is False  # a decision for the city's whole domain (README)
    assert values["SECURE_SSL_REDIRECT"] is True


def test_production_requires_two_factor_for_local_passwords():
    """Issue 17: TOTP is required for staff users with local passwords in production settings (the base
    settings leave it off for development and tests)."""
    assert production_settings()["TWO_FACTOR_REQUIRED"] is True


def test_production_hsts_and_session_length_can_be_overridden():
    values = production_settings(SECURE_HSTS_SECONDS="600", SECURE_HSTS_PRELOAD="1", SESSION_COOKIE_AGE="3600")
    assert (values["SECURE_HSTS_SECONDS"], values["SECURE_HSTS_PRELOAD"]) == (600, True)
    assert values["SESSION_COOKIE_AGE"] == 3600


def test_production_sessions_end_after_a_working_day_of_inactivity_and_at_browser_close():
    values = production_settings()
    assert 8 * 3600 <= values["SESSION_COOKIE_AGE"] <= 10 * 3600
    assert values["SESSION_SAVE_EVERY_REQUEST"] is True  # every request renews it: inactivity, not log-in time
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert values["IS_PRODUCTION"] is True


def _explained_deploy_warnings() -> set[str]:
    """The check ids README.md's section on `check --deploy` explains."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^#+ [^\n]*check --deploy[^\n]*\n(.*?)(?=^#|\Z)", readme, re.S | re.M)
    assert section, "README.md needs a section on check --deploy"
    return set(re.findall(r"`([a-z_]+\.[WE]\d{3})`", section.group(1)))


def test_the_deploy_check_under_production_settings_prints_only_what_the_readme_explains():
    result = _check(SAFE)
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    printed = set(re.findall(r"\(([a-z_]+\.[WE]\d{3})\)", output))
    assert printed == _explained_deploy_warnings(), output


@pytest.mark.django_db
def test_a_session_under_the_production_values_ends_after_a_working_day_idle_not_a_working_day_after_log_in(
        client, coordinator):
    values = production_settings()
    age = values["SESSION_COOKIE_AGE"]
    sessions = {n: values[n] for n in ("SESSION_COOKIE_AGE", "SESSION_SAVE_EVERY_REQUEST",
                                       "SESSION_EXPIRE_AT_BROWSER_CLOSE")}
    start = dt.datetime(2026, 3, 2, 7, 0, tzinfo=dt.UTC)
    with override_settings(**sessions), time_machine.travel(start, tick=False) as clock:
        client.force_login(coordinator)
        response = client.get(reverse("assignments:list"))
        assert response.status_code == 200
        cookie = response.cookies[settings.SESSION_COOKIE_NAME]
        assert not cookie["max-age"] and not cookie["expires"]  # gone when the browser closes
        for _ in range(3):  # active all day and beyond: still logged in
            clock.shift(dt.timedelta(seconds=age - 60))
            assert client.get(reverse("assignments:list")).status_code == 200
        clock.shift(dt.timedelta(seconds=age + 60))  # a working day without a request
        response = client.get(reverse("assignments:list"))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_seed_demo_under_production_settings_stops_with_a_non_zero_status(tmp_path):
    database = tmp_path / "db.sqlite3"
    dropped = ("DEBUG", "DJANGO_DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update({"DJANGO_SETTINGS_MODULE": "recruitment.settings.production", **SAFE,
                "DATABASE_URL": f"sqlite:///{database}"})
    result = subprocess.run([sys.executable, "manage.py", "seed_demo"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0
    assert "produktionsinställningar" in result.stderr and "--i-know-this-is-production" in result.stderr
    assert not database.exists()  # it stopped before opening the database
