"""After Action Reviews: the obligation of assignments marked "followed up by an AAR", the form's rules,
and open actions on their owner's start page."""
import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from assignments.models import NoSurveyReason, Project, Status
from followup.models import AarAction, AfterActionReview
from followup.selectors import assignment_followed_up, assignments_lacking_aar
from tests.factories import AssignmentFactory

pytestmark = pytest.mark.django_db
AAR = {"surveys_enabled": False, "no_survey_reason": NoSurveyReason.AAR}


def review(*, assignment=None, project=None, held_on=dt.date(2026, 5, 1)):
    return AfterActionReview.objects.create(assignment=assignment, project=project, held_on=held_on,
                                            planned="p", happened="h", went_well="w", improve="i")


def test_a_closed_assignment_marked_for_an_aar_lacks_one_until_it_or_its_project_has_one():
    project = Project.objects.create(name="Sommarvikarier 2026")
    lacking = AssignmentFactory(reference="2026-0001", status=Status.CLOSED_HIRED,
                                closed_on=dt.date(2026, 4, 1), **AAR)
    covered = AssignmentFactory(reference="2026-0002", status=Status.CLOSED_NOT_HIRED,
                                closed_on=dt.date(2026, 3, 1), **AAR)
    in_project = AssignmentFactory(reference="2026-0003", status=Status.CLOSED_HIRED, project=project,
                                   closed_on=dt.date(2026, 2, 1), **AAR)
    open_one = AssignmentFactory(reference="2026-0004", status=Status.SELECTION, **AAR)  # not due while open
    AssignmentFactory(reference="2026-0005", status=Status.CANCELLED, **AAR)  # cancelled: nothing to review
    surveyed = AssignmentFactory(reference="2026-0006", status=Status.CLOSED_HIRED, closed_on=dt.date(2026, 1, 1))
    other_reason = AssignmentFactory(reference="2026-0007", status=Status.CLOSED_HIRED, surveys_enabled=False,
                                     no_survey_reason=NoSurveyReason.REDO, closed_on=dt.date(2026, 1, 1))
    # surveys still on: the reason is left over, and the survey follows the assignment up
    still_surveyed = AssignmentFactory(reference="2026-0008", status=Status.CLOSED_HIRED, surveys_enabled=True,
                                       no_survey_reason=NoSurveyReason.AAR, closed_on=dt.date(2026, 1, 1))
    review(assignment=covered)
    assert [a.reference for a in assignments_lacking_aar()] == ["2026-0003", "2026-0001"]  # closed first
    assert not assignment_followed_up(lacking) and not assignment_followed_up(in_project)
    assert assignment_followed_up(covered) and assignment_followed_up(surveyed)
    assert assignment_followed_up(other_reason) and assignment_followed_up(still_surveyed)
    assert not assignment_followed_up(open_one)

    review(project=project)  # the project's review follows up its assignments
    assert [a.reference for a in assignments_lacking_aar()] == ["2026-0001"]
    assert assignment_followed_up(in_project)


def test_an_aar_belongs_to_exactly_one_assignment_or_project():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        review()
    with pytest.raises(IntegrityError), transaction.atomic():
        review(assignment=AssignmentFactory(), project=Project.objects.create(name="X"))


def _post_data(owner_pk, **overrides):
    data = {
        "held_on": "2026-05-04", "participants": [owner_pk], "other_participants": "HR-chefen",
        "planned": "Tio tjänster", "happened": "Åtta tillsatta", "went_well": "Snabbt urval",
        "improve": "Tidigare annons",
        "actions-TOTAL_FORMS": "2", "actions-INITIAL_FORMS": "0", "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
        "actions-0-description": "Boka uppföljning", "actions-0-owner": owner_pk, "actions-0-due_on": "2026-06-01",
        "actions-1-description": "", "actions-1-owner": "", "actions-1-due_on": "",
    }
    data.update(overrides)
    return data


@time_machine.travel(dt.datetime(2026, 5, 10, 12, 0), tick=False)
def test_a_consultant_records_an_aar_for_their_own_assignment_and_the_action_reaches_the_owner(
        client, consultant_user, other_consultant_user):
    me, other = consultant_user.consultant, other_consultant_user.consultant
    own = AssignmentFactory(reference="2026-0010", lead_consultant=me, status=Status.CLOSED_HIRED,
                            closed_on=dt.date(2026, 5, 1), **AAR)
    client.force_login(consultant_user)
    response = client.post(reverse("followup:aar_create_assignment", args=[own.reference]),
                           _post_data(me.pk, **{"actions-0-owner": other.pk}))
    assert response.status_code == 302
    saved = AfterActionReview.objects.get(assignment=own)
    assert (saved.held_on, saved.created_by, list(saved.participants.all())) == (dt.date(2026, 5, 4),
                                                                                consultant_user, [me])
    action = saved.actions.get()
    assert (action.description, action.owner, action.due_on, action.done_on) == (
        "Boka uppföljning", other, dt.date(2026, 6, 1), None)
    assert list(assignments_lacking_aar()) == []

    # the owner's start page shows the open action; mine shows none
    assert "Boka uppföljning" not in client.get(reverse("assignments:mine")).content.decode()
    client.force_login(other_consultant_user)
    page = client.get(reverse("assignments:mine")).content.decode()
    assert "1 öppen åtgärd från After Action Reviews" in page and "Boka uppföljning" in page
    assert "2026-06-01" in page and "försenad" not in page
    # the owner marks it done; it leaves the start page, and marking it again changes nothing
    done = client.post(reverse("followup:action_done", args=[action.pk]), {"next": reverse("assignments:mine")})
    assert done.status_code == 302 and done["Location"] == reverse("assignments:mine")
    action.refresh_from_db()
    assert action.done_on == dt.date(2026, 5, 10)
    assert "Boka uppföljning" not in client.get(reverse("assignments:mine")).content.decode()
    with time_machine.travel(dt.datetime(2026, 5, 20, 12, 0), tick=False):
        client.post(reverse("followup:action_done", args=[action.pk]))
    action.refresh_from_db()
    assert action.done_on == dt.date(2026, 5, 10)


@time_machine.travel(dt.datetime(2026, 7, 1, 12, 0), tick=False)
def test_the_start_page_marks_an_action_past_its_due_date(client, consultant_user):
    me = consultant_user.consultant
    r = review(assignment=AssignmentFactory())
    AarAction.objects.create(review=r, description="Skicka sammanfattning", owner=me, due_on=dt.date(2026, 6, 30))
    AarAction.objects.create(review=r, description="Redan gjord", owner=me, due_on=dt.date(2026, 6, 1),
                             done_on=dt.date(2026, 6, 1))
    client.force_login(consultant_user)
    page = client.get(reverse("assignments:mine")).content.decode()
    assert "1 öppen åtgärd" in page and "Skicka sammanfattning" in page and "försenad" in page
    assert "Redan gjord" not in page


@time_machine.travel(dt.datetime(2026, 7, 1, 12, 0), tick=False)
def test_a_coordinators_and_a_managers_start_pages_show_their_open_actions(client, coordinator, manager):
    r = review(assignment=AssignmentFactory())
    AarAction.objects.create(review=r, description="Uppdatera mallen", owner=coordinator.consultant,
                             due_on=dt.date(2026, 8, 1))
    AarAction.objects.create(review=r, description="Följ upp med kunden", owner=manager.consultant,
                             due_on=dt.date(2026, 6, 1))
    client.force_login(coordinator)
    page = client.get("/", follow=True)  # a coordinator starts on the register
    assert page.redirect_chain[-1][0] == reverse("assignments:list")
    text = page.content.decode()
    assert "1 öppen åtgärd från After Action Reviews" in text and "Uppdatera mallen" in text
    assert "Följ upp med kunden" not in text and "försenad" not in text
    # marking it done from the register comes back to the register, without the action
    action = AarAction.objects.get(description="Uppdatera mallen")
    done = client.post(reverse("followup:action_done", args=[action.pk]), {"next": reverse("assignments:list")})
    assert done["Location"] == reverse("assignments:list")
    assert "Uppdatera mallen" not in client.get(reverse("assignments:list")).content.decode()

    client.force_login(manager)
    page = client.get("/", follow=True)  # a manager starts on the dashboard
    assert page.redirect_chain[-1][0] == reverse("reporting:dashboard")
    text = page.content.decode()
    assert "1 öppen åtgärd från After Action Reviews" in text and "Följ upp med kunden" in text
    assert "försenad" in text and "Uppdatera mallen" not in text


def test_no_panel_without_a_consultant_record_or_without_open_actions(client, manager):
    from recruitment.roles import COORDINATOR
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="admin2", roles=[COORDINATOR]))  # break-glass: no consultant record
    assert "öppen åtgärd" not in client.get(reverse("assignments:list")).content.decode()
    client.force_login(manager)
    assert "öppen åtgärd" not in client.get(reverse("reporting:dashboard")).content.decode()


@time_machine.travel(dt.datetime(2026, 5, 10, 12, 0), tick=False)
@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"held_on": ""}, "held_on", "Ange datum för genomgången."),
    ({"held_on": "2026-05-11"}, "held_on", "Datumet kan inte ligga i framtiden"),
    ({"held_on": "4 maj"}, "held_on", "Ange datumet som ÅÅÅÅ-MM-DD."),
    ({"participants": []}, "participants", "Välj minst en deltagare från SF."),
    ({"planned": ""}, "planned", "Beskriv vad som var planerat."),
    ({"improve": "   "}, "improve", "Beskriv vad som kan förbättras."),
    ({"actions-0-owner": ""}, None, "Välj vem som ansvarar för åtgärden."),
    ({"actions-0-due_on": "2026-05-03"}, None, "Åtgärden kan inte vara klar senast före genomgångens datum."),
    ({"actions-0-done_on": "2026-05-11"}, None, "Klart-datumet kan inte ligga i framtiden."),
    ({"actions-0-description": ""}, None, "Beskriv åtgärden."),
])
def test_a_bad_aar_is_refused_with_a_swedish_message_and_nothing_saved(client, coordinator, overrides, field,
                                                                        message):
    assignment = AssignmentFactory(reference="2026-0020")
    client.force_login(coordinator)
    response = client.post(reverse("followup:aar_create_assignment", args=[assignment.reference]),
                           _post_data(coordinator.consultant.pk, **overrides))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Rätta felen nedan. Inget har sparats." in page and message in page
    assert AfterActionReview.objects.count() == 0 and AarAction.objects.count() == 0


def test_who_may_write_and_close_what(client, consultant_user, other_consultant_user, manager):
    mine = AssignmentFactory(lead_consultant=consultant_user.consultant)
    theirs = AssignmentFactory(lead_consultant=other_consultant_user.consultant)
    project = Project.objects.create(name="Lärare 2026")
    client.force_login(consultant_user)
    assert client.get(reverse("followup:aar_create_assignment", args=[mine.reference])).status_code == 200
    assert client.get(reverse("followup:aar_create_assignment", args=[theirs.reference])).status_code == 403
    assert client.get(reverse("followup:aar_create_project", args=[project.pk])).status_code == 403
    r = review(assignment=theirs)
    action = AarAction.objects.create(review=r, description="x", owner=other_consultant_user.consultant,
                                      due_on=dt.date(2026, 6, 1))
    assert client.get(reverse("followup:aar_detail", args=[r.pk])).status_code == 200  # everyone reads
    assert client.get(reverse("followup:aar_edit", args=[r.pk])).status_code == 403
    assert client.post(reverse("followup:action_done", args=[action.pk])).status_code == 403
    action.refresh_from_db()
    assert action.done_on is None
    client.force_login(manager)
    assert client.get(reverse("followup:aar_create_project", args=[project.pk])).status_code == 200
    assert client.get(reverse("followup:aar_edit", args=[r.pk])).status_code == 200
    assert client.get(reverse("followup:action_done", args=[action.pk])).status_code == 405


def test_the_missing_list_page_and_its_excel_file(client, manager):
    import io

    from openpyxl import load_workbook

    AssignmentFactory(reference="2026-0030", role_title="Enhetschef", status=Status.CLOSED_HIRED,
                      closed_on=dt.date(2026, 3, 2), **AAR)
    client.force_login(manager)
    page = client.get(reverse("followup:aar_list")).content.decode()
    assert "2026-0030" in page and "2026-03-02" in page
    response = client.get(reverse("followup:aar_missing_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:3] == ("Uppdrag", "Befattning", "Kund")
    assert rows[2][0] == "2026-0030" and rows[2][1] == "Enhetschef"
    assert rows[2][6].date() == dt.date(2026, 3, 2)


def test_the_assignment_page_shows_the_aar_obligation(client, coordinator):
    a = AssignmentFactory(reference="2026-0040", status=Status.CLOSED_HIRED, closed_on=dt.date(2026, 3, 2), **AAR)
    client.force_login(coordinator)
    page = client.get(reverse("assignments:detail", args=[a.reference])).content.decode()
    assert "räknas inte som uppföljt förrän en är registrerad" in page
    review(assignment=a, held_on=dt.date(2026, 3, 20))
    page = client.get(reverse("assignments:detail", args=[a.reference])).content.decode()
    assert "räknas inte som uppföljt" not in page and "Genomgång 2026-03-20" in page


@time_machine.travel(dt.datetime(2026, 6, 10, 12, 0), tick=False)
def test_a_project_review_is_recorded_from_the_project_page_and_edited_with_its_actions(client, manager,
                                                                                        consultant_user):
    project = Project.objects.create(name="Sommarvikarier Kungsholmen")
    client.force_login(manager)
    page = client.get(reverse("reference:project_detail", args=[project.pk])).content.decode()
    assert "Ingen After Action Review registrerad." in page
    assert reverse("followup:aar_create_project", args=[project.pk]) in page
    owner = consultant_user.consultant.pk
    assert client.post(reverse("followup:aar_create_project", args=[project.pk]),
                       _post_data(owner, held_on="2026-06-01")).status_code == 302
    r = AfterActionReview.objects.get(project=project)
    action = r.actions.get()
    data = _post_data(owner, held_on="2026-06-01", **{
        "actions-INITIAL_FORMS": "1", "actions-0-id": action.pk, "actions-0-review": r.pk,
        "actions-0-done_on": "2026-06-09", "actions-1-description": "Utvärdera enkäten",
        "actions-1-owner": owner, "actions-1-due_on": "2026-08-31"})
    assert client.post(reverse("followup:aar_edit", args=[r.pk]), data).status_code == 302
    assert [(a.description, a.done_on) for a in r.actions.all()] == [
        ("Boka uppföljning", dt.date(2026, 6, 9)), ("Utvärdera enkäten", None)]
    page = client.get(reverse("reference:project_detail", args=[project.pk])).content.decode()
    assert "Genomgång 2026-06-01" in page and "1 öppen åtgärd" in page


def test_a_user_without_a_consultant_record_reads_a_review_and_has_no_actions(client):
    from recruitment.roles import CONSULTANT
    from tests.factories import UserFactory

    r = review(assignment=AssignmentFactory())
    client.force_login(UserFactory(username="utan-konsult", roles=[CONSULTANT]))
    assert client.get(reverse("followup:aar_detail", args=[r.pk])).status_code == 200
    page = client.get(reverse("followup:my_actions")).content.decode()
    assert "öppen åtgärd" not in page and "öppna åtgärder från" not in page
