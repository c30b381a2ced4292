"""Password reset by e-mail: the same answer whether or not the address has an account; a one-time link."""
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection

from tests.factories import UserFactory

LINK = re.compile(r"http://[^/\s]+(/konto/nytt-losenord/[^/\s]+/[^/\s]+/)")


@pytest.fixture
def anna(db):
    user = UserFactory(username="anna", email="anna@example.se")
    user.set_password("Gammalt-lösen-2026")
    user.save()
    return user


def _ask(client, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/konto/glomt-losenord/", {"email": email})


def test_a_known_and_an_unknown_address_get_the_same_answer_and_only_the_known_one_a_mail(
        client, anna, django_capture_on_commit_callbacks):
    known = _ask(client, "anna@example.se", django_capture_on_commit_callbacks)
    unknown = _ask(client, "nobody@example.se", django_capture_on_commit_callbacks)
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/konto/glomt-losenord/skickat/"
    assert [m.to for m in mail.outbox] == [["anna@example.se"]]
    done = client.get(known["Location"])
    assert "Om adressen hör till ett konto" in done.content.decode()


def test_the_link_sets_a_new_password_once(client, anna, django_capture_on_commit_callbacks):
    _ask(client, "ANNA@example.se", django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.subject == "Nytt lösenord till SF Rekrytering"
    path = LINK.search(message.body).group(1)
    form = client.get(path, follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    new = "Nytt-lösen-för-2027"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done["Location"] == "/konto/nytt-losenord/klart/"
    assert client.login(username="anna", password="Nytt-lösen-för-2027")
    client.logout()
    again = client.get(path, follow=True)
    assert not again.context["validlink"]
    assert "Länken fungerar inte längre" in again.content.decode()


def test_an_inactive_account_or_one_without_a_local_password_gets_no_mail(
        db, client, django_capture_on_commit_callbacks):
    UserFactory(username="bo", email="bo@example.se", is_active=False)
    sso = UserFactory(username="cecilia", email="cecilia@example.se")
    sso.set_unusable_password()
    sso.save()
    for address in ("bo@example.se", "cecilia@example.se"):
        assert _ask(client, address, django_capture_on_commit_callbacks).status_code == 302
    assert mail.outbox == []


def test_a_malformed_address_gets_a_swedish_error_and_no_mail(client, anna, django_capture_on_commit_callbacks):
    response = _ask(client, "inte-en-adress", django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "giltig e-postadress" in response.content.decode()
    assert mail.outbox == []


def test_the_link_is_stored_nowhere_in_the_database(client, anna, django_capture_on_commit_callbacks):
    _ask(client, "anna@example.se", django_capture_on_commit_callbacks)
    token = LINK.search(mail.outbox[0].body).group(1).rstrip("/").rsplit("/", 1)[-1]
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if field.get_internal_type() in ("CharField", "TextField", "JSONField"):
                    column = qn(field.column)
                    if field.get_internal_type() == "JSONField":
                        column = f"CAST({column} AS TEXT)"
                    cursor.execute(f"SELECT 1 FROM {qn(model._meta.db_table)} WHERE {column} LIKE %s", [f"%{token}%"])  # noqa: S608
                    assert cursor.fetchone() is None, f"{model._meta.label}.{field.name}"
    assert get_user_model().objects.get(username="anna").check_password("Gammalt-lösen-2026")
