"""The allocation pages: capacity bars, profiles with every bad input refused, the proposal and the choice;
who may see what; query counts pinned."""
import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from allocation.models import AllocationDecision, AvailabilityPeriod, ConsultantProfile, DevelopmentGoal
from assignments.models import Assignment, Consultant, RoleLevel, Unit
from tests.factories import AssignmentFactory, ConsultantFactory, package

from .helpers import plan, profile

pytestmark = pytest.mark.django_db
CAPACITY = reverse("allocation:capacity")
PROFILES = reverse("allocation:profiles")
CAPACITY_QUERIES = 8     # session, user, roles; consultants, periods, goals; open work; closed days
PROPOSAL_QUERIES = 13


@pytest.fixture(autouse=True)
def monday():
    with time_machine.travel(dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


def _busy(consultant, n=1):
    for _ in range(n):
        a = AssignmentFactory(lead_consultant=consultant, package=package("STORA"))
        plan(a, dt.date(2026, 5, 4), dt.date(2026, 6, 26))


def test_the_load_view_links_to_the_capacity_page(client, consultant_user):
    client.force_login(consultant_user)
    page = client.get(reverse("reference:load")).content.decode()
    assert f'href="{CAPACITY}"' in page


def test_the_load_view_shows_the_coming_eight_weeks_as_bars_with_their_figures_in_words(client, consultant_user):
    anna = ConsultantFactory(name="Anna Andersson")
    _busy(anna)
    ConsultantFactory(name="Otto Annanenhet", unit=Unit.objects.create(name="Enhet Söder"))
    client.force_login(consultant_user)
    page = client.get(reverse("reference:load")).content.decode()
    panel = page[page.index('id="kapacitet-rubrik"'):]
    panel = panel[:panel.index("</section>")]
    assert "de kommande 8 veckorna" in panel
    assert panel.count("<svg") == 1 and 'role="img"' in panel and "style=" not in panel
    assert "v. 19" in panel and "v. 26" in panel and "v. 27" not in panel
    # the same figures as the capacity page: 28 h a week, Stora paketet's 28 h over the plan's 39 working days
    row = panel[panel.index("Anna Andersson</th>"):]
    row = row[:row.index("</tr>")]
    assert row.count("28,0 / 3,6 / 24,4") == 7  # weeks 19-25; the plan ends on Friday 26 June (week 26)
    assert "Otto Annanenhet" in panel
    # the load view's unit filter decides whose capacity is shown
    panel = client.get(reverse("reference:load"), {"unit": anna.unit_id}).content.decode()
    panel = panel[panel.index('id="kapacitet-rubrik"'):]
    assert "Anna Andersson" in panel[:panel.index("</section>")]
    assert "Otto Annanenhet" not in panel[:panel.index("</section>")]


def test_the_load_views_capacity_panel_has_a_fixed_number_of_queries(client, coordinator, django_assert_num_queries):
    from .helpers import goal, leave

    client.force_login(coordinator)
    # the load view's seven; the panel's consultants with profiles, their periods, their goals, open work,
    # closed days
    for size in (1, 5):
        for _ in range(size):
            person = ConsultantFactory()
            _busy(person, 2)
            prof = profile(person)
            leave(prof, dt.date(2026, 5, 11), dt.date(2026, 5, 15))
            goal(prof, "Första chefsrekryteringen", role_level=RoleLevel.MANAGER)
        with django_assert_num_queries(12):
            assert client.get(reverse("reference:load")).status_code == 200


def test_an_overbooked_week_says_so_in_words_not_only_in_colour(client, consultant_user):
    busy = ConsultantFactory(name="Berit Bokad", fte=Decimal("0.10"))  # 2,8 h a week for assignments
    _busy(busy, 2)
    client.force_login(consultant_user)
    page = client.get(reverse("reference:load")).content.decode()
    page = page[page.index('id="kapacitet-rubrik"'):]
    row = page[page.index("Berit Bokad</th>"):]
    row = row[:row.index("</tr>")]
    assert "2,8 / 7,2 / −4,4" in row or "2,8 / 7,2 / -4,4" in row
    assert '<span class="visually-hidden">(överbokad)</span>' in row


def test_capacity_shows_eight_weeks_of_bars_and_the_same_figures_as_a_table(client, consultant_user,
                                                                               django_assert_num_queries):
    anna = ConsultantFactory(name="Anna Andersson")
    _busy(anna)
    client.force_login(consultant_user)
    client.get(CAPACITY)
    with django_assert_num_queries(CAPACITY_QUERIES):
        page = client.get(CAPACITY).content.decode()
    assert page.count("<svg") == 1 and 'role="img"' in page and "style=" not in page
    assert "v. 19" in page and "v. 26" in page and "v. 27" not in page
    # Anna: 28 h a week; Stora paketet's 28 h spread over 39 working days of the plan (Ascension Day off)
    row = page[page.index("Anna Andersson</th>"):]
    row = row[:row.index("</tr>")]
    assert "28,0 / 3,6 / 24,4" in row
    for _ in range(5):                               # more consultants and work, the same queries
        _busy(ConsultantFactory(), 2)
    with django_assert_num_queries(CAPACITY_QUERIES):
        assert client.get(CAPACITY, {"unit": ""}).status_code == 200


def test_capacity_with_a_bad_unit_says_so_and_shows_everyone(client, coordinator):
    client.force_login(coordinator)
    response = client.get(CAPACITY, {"unit": "999999"})
    assert response.status_code == 200
    assert "Välj en enhet i listan." in response.content.decode()


def test_profiles_are_for_coordinators_and_managers(client, consultant_user, manager):
    anna = ConsultantFactory()
    client.force_login(consultant_user)
    assert client.get(PROFILES).status_code == 403
    assert client.get(reverse("allocation:profile", args=[anna.pk])).status_code == 403
    assert client.post(reverse("allocation:profile", args=[anna.pk]),
                       {"action": "profil", "profil-test_certified": "on"}).status_code == 403
    assert not ConsultantProfile.objects.exists()
    client.force_login(manager)
    assert client.get(PROFILES).status_code == 200
    assert client.get(reverse("allocation:profile", args=[anna.pk])).status_code == 200


def test_a_coordinator_edits_a_profile_with_its_history(client, coordinator):
    anna = ConsultantFactory()
    url = reverse("allocation:profile", args=[anna.pk])
    client.force_login(coordinator)
    response = client.post(url, {"action": "profil", "profil-sectors": ["skola", "lss"],
                                 "profil-role_levels": ["chef"], "profil-test_certified": "on",
                                 "profil-assignment_share": "0,6", "profil-notes": ""})
    assert response.status_code == 302
    p = ConsultantProfile.objects.get(consultant=anna)
    assert (p.sectors, p.role_levels, p.test_certified, p.assignment_share) == (
        ["skola", "lss"], ["chef"], True, Decimal("0.60"))
    assert p.history.first().history_user == coordinator


@pytest.mark.parametrize(("data", "message"), [
    ({"profil-assignment_share": "1,5"}, "Andelen kan inte vara större än 1."),
    ({"profil-assignment_share": "-0,1"}, "Andelen kan inte vara mindre än 0."),
    ({"profil-assignment_share": "mycket"}, "Ange ett tal mellan 0 och 1, till exempel 0,70."),
    ({"profil-sectors": ["rymden"]}, "Välj ett giltigt alternativ."),
    ({"profil-notes": "x" * 2001}, "2000"),
])
def test_a_bad_profile_is_refused_in_swedish_and_changes_nothing(client, coordinator, data, message):
    anna = ConsultantFactory()
    profile(anna, assignment_share=Decimal("0.50"))
    client.force_login(coordinator)
    response = client.post(reverse("allocation:profile", args=[anna.pk]), {"action": "profil", **data})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "Inget har sparats." in page
    assert ConsultantProfile.objects.get(consultant=anna).assignment_share == Decimal("0.50")


def test_availability_periods_are_added_and_removed(client, coordinator):
    anna = ConsultantFactory()
    url = reverse("allocation:profile", args=[anna.pk])
    client.force_login(coordinator)
    assert client.post(url, {"action": "period", "period-kind": "leave", "period-starts_on": "2026-07-01",
                             "period-ends_on": "2026-07-31", "period-note": "Semester"}).status_code == 302
    assert client.post(url, {"action": "period", "period-kind": "part_time", "period-starts_on": "2026-08-01",
                             "period-ends_on": "2026-12-31", "period-fte": "0,5"}).status_code == 302
    periods = list(AvailabilityPeriod.objects.order_by("starts_on").values_list("kind", "fte"))
    assert periods == [("leave", Decimal("0")), ("part_time", Decimal("0.50"))]
    first = AvailabilityPeriod.objects.order_by("starts_on").first()
    assert client.post(url, {"action": "ta_bort_period", "period": first.pk}).status_code == 302
    assert AvailabilityPeriod.objects.count() == 1


@pytest.mark.parametrize(("data", "message"), [
    ({"period-kind": "leave", "period-starts_on": "2026-07-31", "period-ends_on": "2026-07-01"},
     "Sista dagen kan inte vara före första dagen."),
    ({"period-kind": "part_time", "period-starts_on": "2026-07-01", "period-ends_on": "2026-07-31"},
     "Ange tjänstgöringsgraden under deltidsperioden."),
    ({"period-kind": "part_time", "period-starts_on": "2026-07-01", "period-ends_on": "2026-07-31",
      "period-fte": "2"}, "Kontrollera att detta värde är mindre än eller lika med 1."),
    ({"period-kind": "leave", "period-starts_on": "1 juli", "period-ends_on": "2026-07-31"},
     "Fyll i ett giltigt datum."),
    ({"period-kind": "leave", "period-starts_on": "2026-06-15", "period-ends_on": "2026-06-20"},
     "Perioden överlappar en annan period"),
])
def test_a_bad_period_is_refused_in_swedish_and_changes_nothing(client, coordinator, data, message):
    anna = ConsultantFactory()
    AvailabilityPeriod.objects.create(profile=profile(anna), kind="leave", starts_on=dt.date(2026, 6, 1),
                                      ends_on=dt.date(2026, 6, 30))
    client.force_login(coordinator)
    response = client.post(reverse("allocation:profile", args=[anna.pk]), {"action": "period", **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert AvailabilityPeriod.objects.count() == 1


def test_development_goals_need_a_level_or_sector_and_can_be_marked_achieved(client, coordinator):
    anna = ConsultantFactory()
    url = reverse("allocation:profile", args=[anna.pk])
    client.force_login(coordinator)
    response = client.post(url, {"action": "mal", "mal-text": "Bli bättre"})
    assert response.status_code == 400 and "Välj nivå eller sektor" in response.content.decode()
    assert not DevelopmentGoal.objects.exists()
    assert client.post(url, {"action": "mal", "mal-text": "Första chefsrekryteringen med mentor",
                             "mal-role_level": "chef"}).status_code == 302
    goal = DevelopmentGoal.objects.get()
    assert client.post(url, {"action": "mal_uppnatt", "goal": goal.pk}).status_code == 302
    goal.refresh_from_db()
    assert goal.achieved
    assert client.post(url, {"action": "mal_uppnatt", "goal": "x"}).status_code == 302     # unknown: nothing


def test_the_proposal_page_ranks_and_the_choice_is_recorded(client, coordinator, django_assert_num_queries):
    lead = ConsultantFactory(name="Ansvarig Nu")
    free = ConsultantFactory(name="Fri Konsult", email="fri@rekrytering.example.se")
    a = AssignmentFactory(reference="2026-0200", lead_consultant=lead, package=package("LILLA"))
    _busy(lead, 3)
    url = reverse("allocation:proposal", args=[a.reference])
    client.force_login(coordinator)
    client.get(url)
    with django_assert_num_queries(PROPOSAL_QUERIES):
        page = client.get(url).content.decode()
    assert "Förslag på ansvarig konsult" in page and "lediga timmar under tidplanens veckor" in page
    for _ in range(4):
        _busy(ConsultantFactory(), 2)
    with django_assert_num_queries(PROPOSAL_QUERIES):
        assert client.get(url).status_code == 200

    ranking = page[page.index("<ol class=\"list-unstyled\""):]
    assert ranking.index("Fri Konsult") < ranking.index("Ansvarig Nu")    # the lead is fully booked
    response = client.post(url, {"consultant": free.pk, "version": a.version})
    assert response.status_code == 302 and response["Location"] == reverse("assignments:detail", args=[a.reference])
    a.refresh_from_db()
    assert a.lead_consultant == free
    decision = AllocationDecision.objects.get()
    assert decision.decided_by == coordinator and decision.consultant == free
    assert decision.followed_proposal is (decision.chosen_rank == 1)


def test_choosing_against_the_proposal_is_recorded_as_such(client, manager):
    lead = ConsultantFactory(name="Ansvarig Nu")
    ConsultantFactory(name="Fri Konsult")
    a = AssignmentFactory(reference="2026-0201", lead_consultant=lead, package=package("LILLA"))
    _busy(lead, 3)
    client.force_login(manager)
    response = client.post(reverse("allocation:proposal", args=[a.reference]),
                           {"consultant": lead.pk, "version": a.version}, follow=True)
    assert "Valet avvek från förslaget" in response.content.decode()
    decision = AllocationDecision.objects.get()
    assert not decision.followed_proposal and decision.proposed.name == "Fri Konsult"


def test_a_wish_on_the_proposal_page_puts_the_wished_consultant_first(client, coordinator):
    wished = ConsultantFactory(name="Önskad Konsult", manager_qualified=True)
    ConsultantFactory(name="Annan Konsult", manager_qualified=True)
    a = AssignmentFactory(reference="2026-0202", package=package("LILLA"))
    client.force_login(coordinator)
    page = client.get(reverse("allocation:proposal", args=[a.reference]), {"onskad": wished.pk}).content.decode()
    assert "Kundens önskemål." in page
    assert page.index("1. Önskad Konsult") > 0
    bad = client.get(reverse("allocation:proposal", args=[a.reference]), {"onskad": "nej"}).content.decode()
    assert "Välj en konsult i listan." in bad


@pytest.mark.parametrize("data", [
    {"consultant": "999999", "version": "1"},
    {"version": "1"},
    {"consultant": "__inactive__", "version": "1"},
    {"consultant": "__other__"},
])
def test_a_bad_choice_is_refused_and_changes_nothing(client, coordinator, data):
    lead = ConsultantFactory()
    other = ConsultantFactory()
    inactive = ConsultantFactory(active=False)
    a = AssignmentFactory(reference="2026-0203", lead_consultant=lead)
    data = {k: {"__inactive__": inactive.pk, "__other__": other.pk}.get(v, v) for k, v in data.items()}
    client.force_login(coordinator)
    response = client.post(reverse("allocation:proposal", args=[a.reference]), data)
    assert response.status_code == 400
    assert "Inget har ändrats." in response.content.decode()
    assert Assignment.objects.get(pk=a.pk).lead_consultant == lead and not AllocationDecision.objects.exists()


def test_a_stale_page_does_not_overwrite_someone_elses_change(client, coordinator):
    lead, other = ConsultantFactory(), ConsultantFactory()
    a = AssignmentFactory(reference="2026-0204", lead_consultant=lead)
    client.force_login(coordinator)
    response = client.post(reverse("allocation:proposal", args=[a.reference]),
                           {"consultant": other.pk, "version": a.version + 5})
    assert response.status_code == 409 and "Någon annan har sparat uppdraget" in response.content.decode()
    assert Assignment.objects.get(pk=a.pk).lead_consultant == lead and not AllocationDecision.objects.exists()


def test_consultants_may_not_allocate_and_a_closed_assignment_cannot_be_allocated(client, consultant_user,
                                                                                   coordinator):
    a = AssignmentFactory(reference="2026-0205", status="closed_hired")
    other = ConsultantFactory()
    url = reverse("allocation:proposal", args=[a.reference])
    client.force_login(consultant_user)
    assert client.get(url).status_code == 403
    assert client.post(url, {"consultant": other.pk, "version": a.version}).status_code == 403
    client.force_login(coordinator)
    assert "Uppdraget är inte pågående" in client.get(url).content.decode()
    client.post(url, {"consultant": other.pk, "version": a.version})
    assert Assignment.objects.get(pk=a.pk).lead_consultant != other
    assert client.get(reverse("allocation:proposal", args=["2099-0001"])).status_code == 404


def test_the_assignment_page_links_to_the_proposal_for_allocators_only(client, coordinator, consultant_user):
    a = AssignmentFactory(reference="2026-0206", role_level=RoleLevel.STAFF)
    link = reverse("allocation:proposal", args=[a.reference])
    client.force_login(coordinator)
    assert link in client.get(reverse("assignments:detail", args=[a.reference])).content.decode()
    client.force_login(consultant_user)
    assert link not in client.get(reverse("assignments:detail", args=[a.reference])).content.decode()
    assert Consultant.objects.exists()


PROFILE_LIST_QUERIES = 4    # session, user, roles; consultants with their profiles
PROFILE_QUERIES = 7         # session, user, roles; consultant, profile, its periods, its goals


def test_the_profile_pages_run_a_fixed_number_of_queries(client, coordinator, django_assert_num_queries):
    anna = ConsultantFactory()
    prof = profile(anna, test_certified=True)
    url = reverse("allocation:profile", args=[anna.pk])
    client.force_login(coordinator)
    client.get(PROFILES)
    with django_assert_num_queries(PROFILE_LIST_QUERIES):
        assert client.get(PROFILES).status_code == 200
    with django_assert_num_queries(PROFILE_QUERIES):
        assert client.get(url).status_code == 200
    for i in range(5):
        profile(ConsultantFactory())
        AvailabilityPeriod.objects.create(profile=prof, kind="leave", starts_on=dt.date(2026, 7, 1 + i * 2),
                                          ends_on=dt.date(2026, 7, 1 + i * 2))
        DevelopmentGoal.objects.create(profile=prof, text=f"Mål {i}", sector="skola")
    with django_assert_num_queries(PROFILE_LIST_QUERIES):
        assert client.get(PROFILES).status_code == 200
    with django_assert_num_queries(PROFILE_QUERIES):
        page = client.get(url).content.decode()
    assert "Mål 4" in page and "2026-07-09" in page
