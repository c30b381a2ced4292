"""Unsubscribing from survey e-mail and following up low scores."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments.models import Contact, EmailStatus

from .. import tokens
from ..models import Invitation, LowScoreFlag, SurveyKind
from .scheduling import candidate_unsubscribe, invitations_end_for_contact


def invitation_unsubscribe(*, token: str) -> bool:
    """One-click unsubscribe from the link in an e-mail.

    A contact is marked `unsubscribed` in the register and every open invitation
    to it ends; a candidate's address is erased everywhere and every open
    candidate invitation of theirs ends (`candidate_unsubscribe`). Unknown
    tokens change nothing. Returns whether the token matched.
    """
    invitation = Invitation.objects.filter(token_hash=tokens.token_hash(token)).only(
        "pk", "kind", "contact_id", "hire_id", "email", "status").first()
    if invitation is None:
        return False
    now = timezone.now()
    with transaction.atomic():
        if invitation.kind == SurveyKind.CANDIDATE:
            candidate_unsubscribe(invitation=invitation, now=now)
        elif invitation.contact_id:
            Contact.objects.filter(pk=invitation.contact_id).update(email_status=EmailStatus.UNSUBSCRIBED)
            invitations_end_for_contact(contact_id=invitation.contact_id, now=now)
    return True


class FollowUpError(Exception):
    pass


def low_score_flag_follow_up(*, flag: LowScoreFlag, by, note: str) -> LowScoreFlag:
    """Mark a flag followed up with a note; it then leaves the assignment's open flags."""
    note = (note or "").strip()
    if not note:
        raise FollowUpError(_("Skriv en anteckning om uppföljningen."))
    changed = LowScoreFlag.objects.filter(pk=flag.pk, followed_up_at__isnull=True).update(
        followed_up_at=timezone.now(), followed_up_by=by, follow_up_note=note)
    if changed != 1:
        raise FollowUpError(_("Flaggan är redan uppföljd."))
    flag.refresh_from_db()
    return flag
