"""Sending a customer's report pack: a coordinator e-mails it, the PDF attached, to the organisation's HR
contact through the one outbox (surveys.mail.outbox); the dispatcher sends it with the other stored e-mails."""
from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from assignments.models import Contact, ContactRole, EmailStatus, Organisation
from assignments.services import today
from reporting.periods import Period
from surveys import emails
from surveys.mail.outbox import outbox_email_queue
from surveys.models import OutboxEmail

from .pdf import pack_filename, render_pack_pdf
from .selectors import Pack, PackError, pack_build


def hr_contacts(organisation: Organisation):
    """The organisation's own HR contacts a pack can go to: active, with an address that does not bounce."""
    return (Contact.objects.filter(organisation=organisation, role=ContactRole.HR, active=True,
                                   email_status=EmailStatus.OK).exclude(email="").order_by("name"))


def _dedupe_key(pack: Pack, contact: Contact) -> str:
    return (f"customerpack:{pack.organisation.pk}:{pack.period.year}:{pack.period.tertial or 0}:{contact.pk}:"
            f"{pack.generated_on.isoformat()}")


def _render(pack: Pack, contact: Contact, sender: str) -> emails.Rendered:
    context = {"pack": pack, "contact": contact, "sender": sender}
    with translation.override("sv"):
        subject = " ".join(render_to_string("customerpack/email/pack_subject.txt", context).split())
        text = render_to_string("customerpack/email/pack.txt", context).strip() + "\n"
        html = render_to_string("customerpack/email/pack.html",
                                {"subject": subject, "paragraphs": text.strip().split("\n\n")})
    return emails.Rendered(subject=subject, text=text, html=html)


def pack_email(*, organisation: Organisation, period: Period, contact: Contact, by) -> OutboxEmail:
    """Queue the pack, with its PDF, to one of the organisation's HR contacts; once a day per contact and
    period (a second click the same day is refused with a Swedish message, nothing queued).

    PackError when the contact is not one of the organisation's HR contacts with a working address.
    """
    if not hr_contacts(organisation).filter(pk=contact.pk).exists():
        raise PackError(_("%(name)s är inte HR-kontakt hos %(org)s med en fungerande e-postadress.")
                        % {"name": contact.name, "org": organisation.name})
    pack = pack_build(organisation=organisation, period=period, today=today())
    key = _dedupe_key(pack, contact)
    if OutboxEmail.objects.filter(dedupe_key=key).exists():
        raise PackError(_("Rapporten för %(period)s är redan skickad till %(name)s i dag.")
                        % {"period": pack.label, "name": contact.name})
    sender = (by.get_full_name() or by.username) if by is not None else _("SF Rekrytering")
    attachment = emails.Attachment(name=pack_filename(pack, "pdf"), content=render_pack_pdf(pack),
                                   mimetype="application/pdf")
    return outbox_email_queue(to=contact.email, rendered=_render(pack, contact, sender), dedupe_key=key,
                              attachment=attachment)
