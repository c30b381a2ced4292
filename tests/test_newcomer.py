"""What a new user meets first: each role lands where its work starts, e-mailed links follow the
address the local server runs on, and the pages carry an icon."""
import io

import pytest
from django.core.management import call_command

from assignments.management.commands import runlocal


@pytest.mark.django_db
@pytest.mark.parametrize(("user_fixture", "landing"), [
    ("coordinator", "/uppdrag/"),
    ("manager", "/rapporter/"),
    ("consultant_user", "/uppdrag/mina/"),
])
def test_each_role_lands_where_its_work_starts(client, request, user_fixture, landing):
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == landing


def test_pages_carry_an_icon_and_the_old_icon_address_leads_to_it(client, coordinator):
    client.force_login(coordinator)
    page = client.get("/uppdrag/").content.decode()
    assert 'rel="icon"' in page and "favicon.svg" in page
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.url.endswith("favicon.svg")


@pytest.mark.parametrize(("addr", "port", "ipv6", "url"), [
    ("127.0.0.1", "8201", False, "http://127.0.0.1:8201"),
    ("0.0.0.0", "9000", False, "http://127.0.0.1:9000"),  # noqa: S104
    ("::1", "8000", True, "http://[::1]:8000"),
])
def test_links_follow_the_local_servers_address(addr, port, ipv6, url):
    assert runlocal.local_site_url(addr, port, ipv6=ipv6) == url


def test_runlocal_points_links_at_its_own_port_unless_site_url_is_set(settings, monkeypatch):
    monkeypatch.setattr(runlocal.RunserverCommand, "inner_run", lambda self, *a, **kw: None)
    settings.LOCAL_PERIODIC_TASKS = []
    settings.SITE_URL_EXPLICIT = False
    settings.SITE_URL = "http://127.0.0.1:8000"
    command = runlocal.Command(stdout=io.StringIO())
    command.addr, command.port, command._raw_ipv6 = "127.0.0.1", "8201", False
    command.inner_run(use_threading=True)
    assert settings.SITE_URL == "http://127.0.0.1:8201"
    assert "http://127.0.0.1:8201" in command.stdout.getvalue()

    settings.SITE_URL_EXPLICIT = True
    settings.SITE_URL = "https://rekrytering.example.se"
    command.inner_run(use_threading=True)
    assert settings.SITE_URL == "https://rekrytering.example.se"


def test_the_site_url_defaults_to_the_run_host_and_port(monkeypatch):
    import subprocess
    import sys

    env = {"RUN_HOST": "127.0.0.1", "RUN_PORT": "8201", "DJANGO_SETTINGS_MODULE": "recruitment.settings.test",
           "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
         "print(settings.SITE_URL, settings.SITE_URL_EXPLICIT)"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout
    assert out.split() == ["http://127.0.0.1:8201", "False"]


def test_seed_demo_prints_the_configured_address(settings, db):
    settings.SITE_URL = "http://127.0.0.1:8201"
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", "--per-year", "5", stdout=out)
    assert "http://127.0.0.1:8201" in out.getvalue()


def test_no_page_tells_a_person_to_run_a_shell_command():
    """Advice on pages names what to click, not `python manage.py …` (operator commands are in the README)."""
    from pathlib import Path

    offenders = [str(p) for p in Path(".").glob("*/templates/**/*.html")
                 if "manage.py" in p.read_text() or "--create-consultants" in p.read_text()]
    offenders += [str(p) for p in Path("templates").glob("**/*.html") if "manage.py" in p.read_text()]
    assert offenders == []


@pytest.mark.django_db
def test_import_errors_name_statuses_and_packages_as_people_know_them():
    from assignments.importing.parse import allowed
    from assignments.models import Status

    text = allowed(Status)
    assert "Avslutat med tillsättning" in text
    assert "closed_hired" not in text


@pytest.mark.django_db
def test_an_ordinary_403_is_one_log_line_without_a_traceback(client, consultant_user, caplog):
    import logging

    client.force_login(consultant_user)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get("/register/paket/priser/").status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert records and all(r.exc_info is None for r in records)
    assert "Traceback" not in caplog.text and "Forbidden" in caplog.text


@pytest.mark.django_db
def test_a_server_error_keeps_its_traceback(caplog, rf):
    import logging

    from recruitment.log_quiet import ClientErrorsWithoutTraceback

    try:
        raise ValueError("boom")
    except ValueError:
        import sys
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error", (),
                                   sys.exc_info())
    record.status_code = 500
    assert ClientErrorsWithoutTraceback().filter(record) and record.exc_info is not None
