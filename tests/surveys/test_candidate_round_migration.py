"""Migration 0013: existing candidate invitations get one round per assignment; a round with a link
out is open (dated by its latest send, the same for all), one still waiting is not."""
import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from surveys.models import Invitation
from tests.factories import AssignmentFactory

BEFORE_ROUNDS = [("surveys", "0012_invitation_send_columns_removed")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_puts_each_assignments_candidates_in_one_round_open_if_a_link_is_out():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE_ROUNDS)
    OldInvitation = executor.loader.project_state(BEFORE_ROUNDS).apps.get_model("surveys", "Invitation")
    out, waiting = AssignmentFactory(), AssignmentFactory()
    now = timezone.now().replace(microsecond=0)

    def old(assignment, status, kind="candidate", **fields):
        return OldInvitation.objects.create(kind=kind, status=status, assignment_id=assignment.pk,
                                            due_at=now - dt.timedelta(days=3), **fields).pk

    first = old(out, "sent", sent_at=now - dt.timedelta(days=2))
    last = old(out, "sent", sent_at=now - dt.timedelta(days=1))
    failed = old(out, "failed")
    scheduled = old(waiting, "scheduled")
    customer = old(out, "sent", kind="customer", sent_at=now)

    MigrationExecutor(connection).migrate(latest)

    def round_of(pk):
        return Invitation.objects.filter(pk=pk).values_list("candidate_round", "round_opened_at").get()

    opened = {round_of(pk) for pk in (first, last, failed)}
    assert len(opened) == 1 and next(iter(opened))[1] == now - dt.timedelta(days=1)
    waiting_round, waiting_opened = round_of(scheduled)
    assert waiting_round is not None and waiting_round != next(iter(opened))[0] and waiting_opened is None
    assert round_of(customer) == (None, None)
