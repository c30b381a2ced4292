"""The reminder digest: one e-mail per consultant and day through the outbox, sent over real SMTP on
loopback; steps due the next working day and steps late since the day; none when turned off."""
import datetime as dt

import pytest
import time_machine

from surveys.models import OutboxEmail
from surveys.services import dispatch
from tests.factories import AssignmentFactory, ConsultantFactory
from timeline.digest import digest_steps, reminder_digests_queue
from timeline.services import plan_lay
from timeline.tasks import reminder_digests

pytestmark = pytest.mark.django_db
D = dt.date
# A plan laid from Monday 3/3/2025: start meeting Monday 10/3, ad published Monday 17/3.
FRIDAY, SATURDAY, MONDAY, TUESDAY = D(2025, 3, 7), D(2025, 3, 8), D(2025, 3, 10), D(2025, 3, 11)


def _assignment(consultant, reference, **kwargs):
    assignment = AssignmentFactory(lead_consultant=consultant, reference=reference, **kwargs)
    plan_lay(assignment=assignment, start_on=D(2025, 3, 3))
    return assignment


def _sent(server, count):
    result = dispatch.outbox_dispatch()
    assert server.collector.wait_for(count)
    return result


def test_each_consultant_gets_one_email_a_day_listing_every_step_due_the_next_working_day(smtp_server):
    anna = ConsultantFactory(name="Anna Berg", email="anna@rekrytering.example.se")
    bo = ConsultantFactory(email="bo@rekrytering.example.se")
    _assignment(anna, "2025-0001")
    helped = _assignment(anna, "2025-0002")
    helped.co_consultants.add(bo)
    ConsultantFactory(email="ledig@rekrytering.example.se")  # nothing due: no e-mail

    assert reminder_digests_queue(on=FRIDAY) == 2
    assert reminder_digests_queue(on=FRIDAY) == 2  # a second run the same day queues nothing new
    assert OutboxEmail.objects.count() == 2
    _sent(smtp_server, 2)

    assert smtp_server.collector.per_recipient() == {"anna@rekrytering.example.se": 1, "bo@rekrytering.example.se": 1}
    mail = next(m for m in smtp_server.collector.messages if m["To"] == "anna@rekrytering.example.se")
    text = mail.get_body(("plain",)).get_content()
    assert "Hej Anna Berg!" in text and "Ska vara klara nästa arbetsdag" in text
    assert "2025-0001" in text and "2025-0002" in text and "Uppstartsmöte" in text
    assert "https://rekrytering.example.se/tidplan/uppdrag/2025-0001/" in text
    assert "Försenade" not in text

    # another day, another digest; the weekend (nothing due on a closed day) sends none
    assert reminder_digests_queue(on=SATURDAY) == 0
    assert reminder_digests_queue(on=MONDAY) == 0  # the start meeting is due today: told on Friday
    assert OutboxEmail.objects.count() == 2


def test_a_step_that_became_late_is_in_the_next_digest_once(smtp_server):
    anna = ConsultantFactory(email="anna@rekrytering.example.se")
    _assignment(anna, "2025-0001")
    assert reminder_digests_queue(on=TUESDAY) == 1  # start meeting (10/3) late since today
    assert reminder_digests_queue(on=D(2025, 3, 12)) == 0  # still late, but not news
    _sent(smtp_server, 1)
    text = smtp_server.collector.messages[0].get_body(("plain",)).get_content()
    assert "Försenade sedan i dag" in text and "Uppstartsmöte, planerat 2025-03-10" in text
    assert "nästa arbetsdag" not in text


def test_cancelled_assignments_and_inactive_consultants_get_nothing():
    _assignment(ConsultantFactory(), "2025-0001", status="cancelled")
    _assignment(ConsultantFactory(active=False), "2025-0002")
    assert reminder_digests_queue(on=FRIDAY) == 0


def test_none_is_queued_when_the_digest_is_turned_off(settings, smtp_server):
    settings.TIMELINE_REMINDER_DIGEST = False
    _assignment(ConsultantFactory(), "2025-0001")
    assert reminder_digests_queue(on=FRIDAY) == 0
    assert dispatch.outbox_dispatch().outbox_sent == 0
    assert not OutboxEmail.objects.exists() and not smtp_server.collector.received


@time_machine.travel(dt.datetime(2025, 3, 7, 6, 30), tick=False)
def test_the_periodic_task_runs_for_today(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    _assignment(ConsultantFactory(), "2025-0001")
    assert reminder_digests.delay().get() == 1
    assert "timeline.tasks.reminder_digests_now" in settings.LOCAL_PERIODIC_TASKS
    assert settings.CELERY_BEAT_SCHEDULE["timeline-reminder-digests"]["task"] == "timeline.tasks.reminder_digests"


def test_it_reads_a_fixed_number_of_queries_whatever_the_data(django_assert_num_queries):
    for i in range(4):
        _assignment(ConsultantFactory(), f"2025-000{i}")
    with django_assert_num_queries(4):
        assert len(digest_steps(on=FRIDAY)) == 4
