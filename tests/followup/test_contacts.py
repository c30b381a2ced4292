"""The contact log and account managers on an organisation's page, and the lists as pages and Excel files."""
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from assignments.models import ContactRole, Status
from followup.models import AccountManager, ContactKind, CustomerContact
from followup.selectors import organisations_without_order
from tests.factories import (
    AssignmentFactory,
    ConsultantFactory,
    ContactFactory,
    HireFactory,
    OrganisationFactory,
    package,
)

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 4, 12, 0)


@time_machine.travel(NOW, tick=False)
def test_a_consultant_logs_a_meeting_and_it_shows_on_the_organisation_page(client, consultant_user):
    org = OrganisationFactory(name="Idrottsförvaltningen")
    head = ContactFactory(organisation=org, name="Hanna HR-chef", role=ContactRole.HR_HEAD)
    client.force_login(consultant_user)
    url = reverse("followup:contact_create", args=[org.pk])
    form = client.get(url).content.decode()
    assert "Kundråd" in form and "Nyhetsbrev" in form and "Telefonsamtal" in form
    response = client.post(url, {"held_on": "2026-12-01", "kind": ContactKind.COUNCIL,
                                 "staff": [consultant_user.consultant.pk], "contacts": [head.pk],
                                 "note": "Genomgång av årets rekryteringar"})
    assert response.status_code == 302
    entry = CustomerContact.objects.get()
    assert (entry.organisation, entry.held_on, entry.kind, entry.created_by) == (
        org, dt.date(2026, 12, 1), "council", consultant_user)
    assert list(entry.staff.all()) == [consultant_user.consultant] and list(entry.contacts.all()) == [head]
    page = client.get(reverse("reference:org_detail", args=[org.pk])).content.decode()
    assert "Kontaktlogg" in page and "2026-12-01" in page and "Kundråd" in page
    assert "Genomgång av årets rekryteringar" in page and "Hanna HR-chef" in page
    assert reverse("followup:contact_edit", args=[entry.pk]) in page  # who logged it may change it


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("overrides", "message"), [
    ({"held_on": ""}, "Ange datum för kontakten."),
    ({"held_on": "2026-12-05"}, "Datumet kan inte ligga i framtiden"),
    ({"held_on": "1999-12-31"}, "Datumet kan inte vara före 2000-01-01."),
    ({"kind": "lunch"}, "Välj en av typerna i listan."),
    ({"staff": []}, "Välj minst en person från SF."),
    ({"contacts": ["other"]}, "Välj bara kontaktpersoner hos den här organisationen."),
])
def test_a_bad_contact_is_refused_in_swedish_and_nothing_saved(client, coordinator, overrides, message):
    org = OrganisationFactory()
    other_org_contact = ContactFactory()  # another organisation's contact cannot take part
    data = {"held_on": "2026-12-01", "kind": ContactKind.PHONE, "staff": [coordinator.consultant.pk],
            "contacts": [], "note": ""}
    data.update(overrides)
    if data["contacts"] == ["other"]:
        data["contacts"] = [other_org_contact.pk]
    client.force_login(coordinator)
    response = client.post(reverse("followup:contact_create", args=[org.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Rätta felen nedan. Inget har sparats." in page and message in page
    assert CustomerContact.objects.count() == 0


def test_only_staff_or_a_participant_may_change_a_logged_contact(client, consultant_user, other_consultant_user):
    org = OrganisationFactory()
    entry = CustomerContact.objects.create(organisation=org, held_on=dt.date(2026, 3, 1), kind=ContactKind.PHONE)
    entry.staff.add(other_consultant_user.consultant)
    client.force_login(consultant_user)
    assert client.get(reverse("followup:contact_edit", args=[entry.pk])).status_code == 403
    assert client.post(reverse("followup:contact_edit", args=[entry.pk]),
                       {"held_on": "2026-03-02", "kind": "phone",
                        "staff": [consultant_user.consultant.pk]}).status_code == 403
    client.force_login(other_consultant_user)
    assert client.get(reverse("followup:contact_edit", args=[entry.pk])).status_code == 200
    entry.refresh_from_db()
    assert entry.held_on == dt.date(2026, 3, 1)


def test_account_managers_are_chosen_by_staff_and_shown_on_the_organisation_page(client, coordinator,
                                                                                   consultant_user):
    org = OrganisationFactory()
    anna, bo = ConsultantFactory(name="Anna Ansvarig"), ConsultantFactory(name="Bo Bred")
    client.force_login(consultant_user)
    assert client.post(reverse("followup:account_managers", args=[org.pk]),
                       {"consultants": [anna.pk]}).status_code == 403
    client.force_login(coordinator)
    url = reverse("followup:account_managers", args=[org.pk])
    assert client.post(url, {"consultants": [anna.pk, bo.pk]}).status_code == 302
    assert client.post(url, {"consultants": [bo.pk]}).status_code == 302
    assert [m.consultant for m in AccountManager.objects.filter(organisation=org)] == [bo]
    assert "Bo Bred" in client.get(reverse("reference:org_detail", args=[org.pk])).content.decode()
    bad = client.post(url, {"consultants": ["999999"]})
    assert bad.status_code == 400 and "Välj kundansvariga i listan." in bad.content.decode()
    assert [m.consultant for m in AccountManager.objects.filter(organisation=org)] == [bo]
    assert client.post(url, {}).status_code == 302  # none chosen removes them all
    assert not AccountManager.objects.filter(organisation=org).exists()


@time_machine.travel(NOW, tick=False)
def test_the_hr_head_list_as_a_page_and_an_excel_file(client, manager):
    org = OrganisationFactory(name="Miljöförvaltningen")
    ContactFactory(organisation=org, name="Ivar HR-chef", email="ivar@stockholm.se", role=ContactRole.HR_HEAD)
    AccountManager.objects.create(organisation=org, consultant=ConsultantFactory(name="Kia Kundansvarig"))
    client.force_login(manager)
    page = client.get(reverse("followup:hr_heads")).content.decode()
    assert "HR-chefer utan loggad kontakt 2026" in page and "Ivar HR-chef" in page and "Kia Kundansvarig" in page
    response = client.get(reverse("followup:hr_heads_xlsx"), {"ar": "2026"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "HR-chefer utan kontakt i år, 2026 (uttaget 2026-12-04)"
    assert rows[1] == ("HR-chef", "Organisation", "E-post", "Telefon", "Senaste kontakt", "Kundansvariga")
    assert rows[2] == ("Ivar HR-chef", "Miljöförvaltningen", "ivar@stockholm.se", None, None, "Kia Kundansvarig")


def _xlsx_rows(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


@time_machine.travel(NOW, tick=False)
def test_the_list_without_an_order_as_an_excel_file(client, coordinator):
    quiet = OrganisationFactory(name="Aaa Tyst förvaltning")
    AssignmentFactory(organisation=quiet, ordered_on=dt.date(2025, 6, 1))  # 18 months ago
    busy = OrganisationFactory(name="Aaa Aktiv förvaltning")
    AssignmentFactory(organisation=busy, ordered_on=dt.date(2026, 10, 1))
    AccountManager.objects.create(organisation=quiet, consultant=ConsultantFactory(name="Kia Kundansvarig"))
    client.force_login(coordinator)
    rows = _xlsx_rows(client.get(reverse("followup:without_order_xlsx")))
    assert rows[0][0] == "Organisationer utan beställning på 12 månader (uttaget 2026-12-04)"
    assert rows[1] == ("Organisation", "Typ", "Senaste beställning", "Kundansvariga")
    assert rows[-2:] == [(None,) * 4, ("Aktiva organisationer som inte beställt något uppdrag de senaste tolv "
                                       "månaderna.", None, None, None)]  # the list's rule under it
    body = {row[0]: row for row in rows[2:-2]}
    assert len(body) == organisations_without_order(on=NOW.date()).count()  # one row per listed organisation
    assert body["Aaa Tyst förvaltning"][2:] == (dt.datetime(2025, 6, 1), "Kia Kundansvarig")
    assert body["Aaa Tyst förvaltning"][1] == quiet.get_kind_display()
    assert "Aaa Aktiv förvaltning" not in body


@time_machine.travel(NOW, tick=False)
def test_the_list_of_newly_recruited_managers_as_an_excel_file(client, manager):
    org = OrganisationFactory(name="Stadsdel Syd")
    closed = {"package": package("CHEF"), "organisation": org, "status": Status.CLOSED_HIRED}
    recruited = AssignmentFactory(reference="2025-0011", role_title="Enhetschef", closed_on=dt.date(2025, 3, 1),
                                  **closed)
    HireFactory(assignment=recruited, name="Lena Lind", email="")
    HireFactory(assignment=AssignmentFactory(reference="2025-0012", role_title="Rektor",
                                             closed_on=dt.date(2025, 5, 1), **closed), name="Per Persson", email="")
    HireFactory(assignment=AssignmentFactory(organisation=org, status=Status.CLOSED_HIRED,
                                             closed_on=dt.date(2026, 1, 1)), name="Medarbetare")  # staff package
    lena = ContactFactory(organisation=org, name="Lena Lind")
    AssignmentFactory(reference="2025-0100", contact=lena, organisation=org, ordered_on=dt.date(2025, 9, 1))
    client.force_login(manager)
    rows = _xlsx_rows(client.get(reverse("followup:recruited_managers_xlsx")))
    assert rows[0][0] == "Nyrekryterade chefer (uttaget 2026-12-04)"
    assert rows[1] == ("Namn", "Befattning", "Organisation", "Uppdrag", "Rekryterad", "Har beställt sedan",
                       "Beställningar sedan", "Första beställning", "Beställd")
    assert rows[-1][0].startswith("Personer som tillsatts genom ett chefspaket")
    assert sorted(rows[2:-2], key=lambda row: row[0]) == [
        ("Lena Lind", "Enhetschef", "Stadsdel Syd", "2025-0011", dt.datetime(2025, 3, 1), "Ja", 1, "2025-0100",
         dt.datetime(2025, 9, 1)),
        ("Per Persson", "Rektor", "Stadsdel Syd", "2025-0012", dt.datetime(2025, 5, 1), "Nej", 0, None, None),
    ]


@pytest.mark.parametrize("name", ["hr_heads", "hr_heads_xlsx", "first_time", "first_time_xlsx"])
def test_a_bad_year_is_refused_in_swedish(client, manager, name):
    client.force_login(manager)
    response = client.get(reverse(f"followup:{name}"), {"ar": "tjugo"})
    assert response.status_code == 400
    assert "Ange året med fyra siffror, till exempel 2026." in response.content.decode()


@pytest.mark.parametrize("name", ["index", "hr_heads", "without_order", "recruited_managers", "first_time",
                                  "aar_list", "my_actions"])
def test_every_role_reads_the_follow_up_pages(client, coordinator, consultant_user, manager, name):
    for user in (coordinator, consultant_user, manager):
        client.force_login(user)
        assert client.get(reverse(f"followup:{name}")).status_code == 200


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@time_machine.travel(NOW, tick=False)
def test_the_lists_and_the_contact_log_cost_the_same_queries_for_one_row_as_for_many(client, consultant_user):
    from assignments.models import Status
    from tests.factories import AssignmentFactory, HireFactory, package

    org = OrganisationFactory()
    client.force_login(consultant_user)

    def add_rows():
        other = OrganisationFactory()
        head = ContactFactory(organisation=other, role=ContactRole.HR_HEAD)
        AccountManager.objects.create(organisation=other, consultant=ConsultantFactory())
        entry = CustomerContact.objects.create(organisation=org, held_on=dt.date(2026, 2, 1), kind=ContactKind.PHONE)
        entry.staff.add(ConsultantFactory(), consultant_user.consultant)
        entry.contacts.add(ContactFactory(organisation=org))
        CustomerContact.objects.create(organisation=other, held_on=dt.date(2025, 2, 1),
                                       kind=ContactKind.PHONE).contacts.add(head)
        a = AssignmentFactory(organisation=other, package=package("CHEF"), status=Status.CLOSED_HIRED,
                              closed_on=dt.date(2026, 3, 1), ordered_on=dt.date(2026, 1, 5))
        HireFactory(assignment=a)
        dormant = OrganisationFactory()  # a row of "no order in 12 months"
        AccountManager.objects.create(organisation=dormant, consultant=ConsultantFactory())
        AssignmentFactory(organisation=dormant, ordered_on=dt.date(2020, 1, 1))

    add_rows()
    urls = [reverse(f"followup:{name}") for name in ("hr_heads", "without_order", "recruited_managers",
                                                     "first_time")] + [reverse("reference:org_detail", args=[org.pk])]
    one = [_queries(client, url) for url in urls]
    for _i in range(4):
        add_rows()
    assert [_queries(client, url) for url in urls] == one
