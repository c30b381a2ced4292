"""Each retention rule on a test clock: data gone (history included), counts recorded, the rest kept."""
import datetime as dt

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.utils import timezone

from assignments.models import Contact, Hire, ImportJob, Package
from operations.models import JobRun
from retention.models import RetentionRun
from retention.rules import ANONYMOUS_CONTACT, ANONYMOUS_HIRE
from retention.selectors import retention_preview
from retention.services import retention_run
from retention.tasks import retention_now
from surveys.models import Answer, LocalMail, OutboxEmail, OutboxStatus
from tests.factories import AssignmentFactory, ContactFactory, HireFactory, ResponseFactory

NOW = dt.datetime(2027, 6, 15, 12, 0, tzinfo=dt.UTC)


def _preview() -> dict[str, int]:
    return {row.key: row.due for row in retention_preview(now=NOW)}


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_hire_is_anonymised_24_months_after_start_once_its_survey_is_over_history_included(db, clock):
    old = HireFactory(name="Anna Andersson", email="anna@example.se", start_date=dt.date(2025, 6, 14))
    Hire.objects.filter(pk=old.pk).update(candidate_survey_done=True)
    recent = HireFactory(name="Bo Berg", start_date=dt.date(2025, 6, 16))
    Hire.objects.filter(pk=recent.pk).update(candidate_survey_done=True)
    survey_open = HireFactory(name="Cecilia Carlsson", start_date=dt.date(2024, 1, 1))
    assert _preview()["hires"] == 1
    counts = retention_run(now=NOW)
    assert counts["hires"] == 1
    old.refresh_from_db()
    assert (old.name, old.email) == (ANONYMOUS_HIRE, "")
    assert not Hire.history.filter(name="Anna Andersson").exists()
    assert Hire.history.filter(id=old.pk).exists()  # who changed the register stays
    assert Hire.objects.get(pk=recent.pk).name == "Bo Berg"
    assert Hire.objects.get(pk=survey_open.pk).name == "Cecilia Carlsson"
    assert retention_run(now=NOW)["hires"] == 0  # nothing twice


def test_a_contact_who_left_and_had_no_assignment_for_three_years_is_anonymised(db, clock):
    left = ContactFactory(name="Doris Dahl", email="doris@example.se", phone="08-123", active=False)
    AssignmentFactory(contact=left, organisation=left.organisation, ordered_on=dt.date(2024, 6, 14))
    still_recent = ContactFactory(name="Erik Ek", active=False)
    AssignmentFactory(contact=still_recent, organisation=still_recent.organisation, ordered_on=dt.date(2024, 6, 16))
    active = ContactFactory(name="Fia Fors")
    assert _preview()["contacts"] == 1
    retention_run(now=NOW)
    left.refresh_from_db()
    assert (left.name, left.email, left.phone) == (ANONYMOUS_CONTACT, "", "")
    assert not Contact.history.filter(name="Doris Dahl").exists()
    assert Contact.objects.get(pk=still_recent.pk).name == "Erik Ek"
    assert Contact.objects.get(pk=active.pk).name == "Fia Fors"


def test_free_text_answers_older_than_five_years_are_erased_and_the_numbers_kept(db, clock):
    old = ResponseFactory(kind="customer", submitted_on=dt.date(2022, 6, 14),
                          answers={"recommend": 9, "comment": "Konsulten Gustav var toppen"})
    new = ResponseFactory(kind="customer", submitted_on=dt.date(2022, 6, 16), answers={"comment": "Bra"})
    assert _preview()["comments"] == 1
    retention_run(now=NOW)
    assert Answer.objects.get(response=old, question_key="comment").value_text == ""
    assert Answer.objects.get(response=old, question_key="recommend").value_number == 9
    assert Answer.objects.get(response=new, question_key="comment").value_text == "Bra"


def test_sent_e_mail_loses_its_text_after_90_days_and_queued_mail_is_untouched(db, clock):
    sent = OutboxEmail.objects.create(to="chef@example.se", subject="Låg poäng", text="Svar från Hanna",
                                      status=OutboxStatus.SENT, sent_at=NOW - dt.timedelta(days=91),
                                      attachment=b"%PDF-1.7", attachment_name="kundrapport.pdf",
                                      attachment_type="application/pdf")
    queued = OutboxEmail.objects.create(to="ivar@example.se", subject="x", text="y")
    OutboxEmail.objects.filter(pk=queued.pk).update(created_at=NOW - dt.timedelta(days=200))
    local = LocalMail.objects.create(to="j@example.se", from_email="a@example.se", subject="s", text="t")
    LocalMail.objects.filter(pk=local.pk).update(created_at=NOW - dt.timedelta(days=91))
    counts = retention_run(now=NOW)
    assert (counts["outbox"], counts["local_mail"]) == (1, 1)
    sent.refresh_from_db()
    assert (sent.to, sent.subject, sent.text, sent.status) == ("", "", "", OutboxStatus.SENT)
    assert (sent.attachment, sent.attachment_name) == (None, "")
    assert OutboxEmail.objects.get(pk=queued.pk).to == "ivar@example.se"
    assert not LocalMail.objects.exists()


def test_log_in_records_and_expired_sessions_are_deleted(db, clock):
    from axes.models import AccessAttempt, AccessLog

    for model, name, days in ((AccessLog, "k", 91), (AccessLog, "l", 1), (AccessAttempt, "m", 100)):
        row = model.objects.create(username=name, user_agent="x", ip_address="1.2.3.4",
                                   **({"failures_since_start": 1} if model is AccessAttempt else {}))
        model.objects.filter(pk=row.pk).update(attempt_time=NOW - dt.timedelta(days=days))  # auto_now_add
    Session.objects.create(session_key="a" * 32, session_data="x", expire_date=NOW - dt.timedelta(minutes=1))
    Session.objects.create(session_key="b" * 32, session_data="x", expire_date=NOW + dt.timedelta(hours=1))
    assert (_preview()["logins"], _preview()["sessions"]) == (2, 1)
    counts = retention_run(now=NOW)
    assert (counts["logins"], counts["sessions"]) == (2, 1)
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["l"]
    assert list(Session.objects.values_list("session_key", flat=True)) == ["b" * 32]


def test_an_uploaded_import_file_is_deleted_30_days_after_upload_and_its_job_row_kept(db, clock, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    job = ImportJob(kind=ImportJob._meta.get_field("kind").choices[0][0], status="done", filename="gamla.csv")
    job.file.save("gamla.csv", ContentFile(b"ref;namn\n1;Karin\n"), save=False)
    job.save()
    ImportJob.objects.filter(pk=job.pk).update(created_at=NOW - dt.timedelta(days=31))
    path = job.file.path
    assert retention_run(now=NOW)["import_files"] == 1
    job.refresh_from_db()
    assert job.file.name == "" and not __import__("os").path.exists(path)


def test_a_run_records_its_counts_and_the_job_for_monitoring_and_runs_once_a_day(db):
    retention_now()
    run = RetentionRun.objects.get()
    assert set(run.counts) == {"hires", "contacts", "comments", "outbox", "local_mail", "logins", "sessions",
                               "import_files", "orders_unconfirmed", "orders", "staff_notes"}
    assert JobRun.objects.get(name="retention").ok
    assert retention_now() is None and RetentionRun.objects.count() == 1
    with time_machine.travel(timezone.now() + dt.timedelta(days=1)):
        retention_now()
    assert RetentionRun.objects.count() == 2


def test_the_page_shows_coordinators_what_the_next_run_removes(client, coordinator, clock):
    hire = HireFactory(name="Anna Andersson", start_date=dt.date(2020, 1, 1))
    Hire.objects.filter(pk=hire.pk).update(candidate_survey_done=True)
    client.force_login(coordinator)
    html = client.get("/gallring/").content.decode()
    assert "Tillsättningars namn och e-post" in html and "24 månader efter start" in html
    assert "Anna" not in html


def test_consultants_may_not_see_the_page(client, consultant_user):
    client.force_login(consultant_user)
    assert client.get("/gallring/").status_code == 403


def _order(day: dt.date, email: str, name: str):
    """An order sent on `day` by `name` (an address outside the allowed domains, so it waits)."""
    from orders.models import Order, RecruitedBefore
    from orders.services import order_submit
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory()
    with time_machine.travel(dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=dt.UTC), tick=False):
        order = order_submit(data={
            "organisation": organisation, "organisation_name": organisation.name, "contact_name": name,
            "email": email, "phone": "08-508 000 00", "cost_centre": "1", "invoice_reference": name,
            "role_title": "Förskollärare", "role_level": "medarbetare", "sector": "forskola", "positions": 1,
            "package": Package.objects.get(code="STORA"), "recruited_before": RecruitedBefore.NO,
            "start_meeting": {"need": f"{name} slutar"}, "other": f"Ring {name}",
        })
    return Order.objects.get(pk=order.pk)


def test_an_order_never_confirmed_is_deleted_30_days_after_it_was_sent_history_included(db, clock, settings):
    from orders.models import Order, OrderState

    old = _order(dt.date(2027, 5, 10), "gun@example.se", "Gun Gran")
    recent = _order(dt.date(2027, 6, 10), "hans@example.se", "Hans Hed")
    rejected = _order(dt.date(2027, 5, 1), "ida@example.se", "Ida Ill")
    Order.objects.filter(pk=rejected.pk).update(state=OrderState.REJECTED)
    assert Order.history.filter(id=old.pk).exists()
    assert _preview()["orders_unconfirmed"] == 2
    assert retention_run(now=NOW)["orders_unconfirmed"] == 2
    assert list(Order.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not Order.history.filter(id__in=[old.pk, rejected.pk]).exists()
    assert retention_run(now=NOW)["orders_unconfirmed"] == 0


def test_an_orderers_data_is_erased_24_months_after_the_assignment_ended_and_the_order_kept(db, clock):
    from assignments.models import Status
    from assignments.services import assignment_change_status
    from orders.models import Order, OrderMessage
    from orders.services import order_confirm, order_message_send
    from retention.rules import ANONYMOUS_ORDERER

    def received(day, email, name):
        order = _order(day, email, name)
        with time_machine.travel(dt.datetime(day.year, day.month, day.day, 11, 0, tzinfo=dt.UTC), tick=False):
            order_confirm(order=order)
        order = Order.objects.get(pk=order.pk)
        order_message_send(order=order, text=f"Hälsningar {name}")
        return order

    ended_long_ago = received(dt.date(2025, 1, 10), "jan@stockholm.se", "Jan Jul")
    ended_recently = received(dt.date(2025, 1, 10), "kim@stockholm.se", "Kim Kal")
    still_open = received(dt.date(2024, 1, 10), "lo@stockholm.se", "Lo Lund")
    assignment_change_status(assignment=ended_long_ago.assignment, to_status=Status.CANCELLED,
                             on=dt.date(2025, 6, 14))
    assignment_change_status(assignment=ended_recently.assignment, to_status=Status.CANCELLED,
                             on=dt.date(2025, 6, 16))
    assert _preview()["orders"] == 1
    assert retention_run(now=NOW)["orders"] == 1
    erased = Order.objects.get(pk=ended_long_ago.pk)
    assert (erased.contact_name, erased.email, erased.phone, erased.invoice_reference, erased.other,
            erased.start_meeting) == (ANONYMOUS_ORDERER, "", "", "", "", {})
    assert (erased.role_title, erased.organisation_id, erased.assignment_id) == (
        "Förskollärare", ended_long_ago.organisation_id, ended_long_ago.assignment_id)
    assert not Order.history.filter(contact_name="Jan Jul").exists()
    assert not Order.history.filter(email="jan@stockholm.se").exists()
    assert Order.history.filter(id=erased.pk).exists()
    assert list(OrderMessage.objects.filter(order=erased).values_list("text", "sent_to")) == [("", "")]
    for kept in (ended_recently, still_open):
        assert Order.objects.get(pk=kept.pk).email == kept.email
        assert OrderMessage.objects.get(order=kept).text.startswith("Hälsningar")
    assert retention_run(now=NOW)["orders"] == 0


def test_staff_notes_older_than_five_years_are_erased_and_the_contact_flag_and_review_kept(db, clock):
    from followup.models import AfterActionReview, ContactKind, CustomerContact
    from surveys.models import LowScoreFlag
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory()
    old = CustomerContact.objects.create(organisation=organisation, held_on=dt.date(2022, 6, 14),
                                         kind=ContactKind.MEETING, note="Greta Gran vill byta konsult")
    recent = CustomerContact.objects.create(organisation=organisation, held_on=dt.date(2022, 6, 16),
                                            kind=ContactKind.PHONE, note="Hugo Hed ringde")
    assignment = AssignmentFactory(organisation=organisation)
    response = ResponseFactory(kind="customer", assignment=assignment)
    with time_machine.travel(dt.datetime(2022, 6, 1, tzinfo=dt.UTC), tick=False):
        old_flag = LowScoreFlag.objects.create(assignment=assignment, response=response, reason="1",
                                               follow_up_note="Samtal med Greta")
    new_flag = LowScoreFlag.objects.create(assignment=assignment, response=response, reason="2",
                                           follow_up_note="Samtal med Hugo")
    texts = {"planned": "Fem intervjuer", "happened": "Greta Gran avbröt", "went_well": "Snabbt",
             "improve": "Prata med Greta"}
    old_review = AfterActionReview.objects.create(assignment=assignment, held_on=dt.date(2022, 6, 1),
                                                  other_participants="Greta Gran (HR)", **texts)
    AfterActionReview.objects.filter(pk=old_review.pk).update(improve="Prata med Greta Gran")  # a second history row
    old_review.refresh_from_db()
    old_review.save()
    new_review = AfterActionReview.objects.create(assignment=AssignmentFactory(organisation=organisation),
                                                  held_on=dt.date(2022, 6, 16), other_participants="Hugo Hed",
                                                  **texts)
    assert _preview()["staff_notes"] == 3
    assert retention_run(now=NOW)["staff_notes"] == 3
    old_review.refresh_from_db()
    assert (old_review.other_participants, old_review.planned, old_review.happened, old_review.went_well,
            old_review.improve) == ("", "", "", "", "")
    assert AfterActionReview.objects.filter(assignment=assignment).exists()  # still held
    assert not AfterActionReview.history.filter(id=old_review.pk, other_participants__contains="Greta").exists()
    assert not AfterActionReview.history.filter(id=old_review.pk, improve__contains="Greta").exists()
    assert AfterActionReview.history.filter(id=old_review.pk).count() == 2
    assert AfterActionReview.objects.get(pk=new_review.pk).other_participants == "Hugo Hed"
    old.refresh_from_db()
    assert old.note == "" and old.kind == ContactKind.MEETING
    assert not CustomerContact.history.filter(note__contains="Greta").exists()
    assert CustomerContact.history.filter(id=old.pk).exists()
    assert CustomerContact.objects.get(pk=recent.pk).note == "Hugo Hed ringde"
    assert LowScoreFlag.objects.get(pk=old_flag.pk).follow_up_note == ""
    assert LowScoreFlag.objects.get(pk=new_flag.pk).follow_up_note == "Samtal med Hugo"
    assert retention_run(now=NOW)["staff_notes"] == 0
