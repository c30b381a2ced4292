"""A server that repeats the rejected address in its answer: the address is neither stored nor logged."""
import logging

import pytest

from surveys.models import InvitationStatus
from surveys.services import dispatch

from .conftest import Collector, SmtpServer
from .helpers import due_candidate_invitation

pytestmark = pytest.mark.django_db


class EchoingCollector(Collector):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"


def test_a_rejected_candidate_address_is_not_kept_in_the_error_or_the_log(smtp_settings, smtp_port, caplog):
    server = SmtpServer(smtp_port)
    server.collector = EchoingCollector()
    server.start()
    try:
        invitation = due_candidate_invitation()
        address = invitation.email
        with caplog.at_level(logging.WARNING):
            dispatch.outbox_dispatch()
    finally:
        server.stop()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.FAILED
    assert "550" in invitation.last_error and "[mottagaren]" in invitation.last_error
    assert address.lower() not in invitation.last_error.lower()
    assert address.lower() not in caplog.text.lower()
