"""Invoice states: when a billing line may be invoiced, and the monthly invoice basis that locks it.

A billing line (assignments.BillingLine) is *to invoice* while no basis holds it, *in an invoice basis*
once a confirmed basis holds it (the line is then locked), and *invoiced* when that basis has been
marked as sent to finance. The register owns the lines; billing only reads them and sets `locked`.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assignments.models import Assignment, BillingLine, Organisation, Package

# A cost centre (kostnadsställe / ansvar) as every model stores it: the order form's, an organisation's, an
# assignment's own and an invoice item's, so a value given in an order fits all the way to the basis.
COST_CENTRE_LENGTH = 100


class PackageLineTiming(models.TextChoices):
    ON_CLOSE = "on_close", _("När uppdraget avslutas")
    MONTHLY = "monthly", _("Månadsvis (timmar)")


class CancellationRule(models.TextChoices):
    NOTHING = "nothing", _("Inget faktureras")
    IF_STARTED = "if_started", _("Paketpriset om arbetet har börjat")
    FULL = "full", _("Hela paketpriset")


class PackageInvoicing(models.Model):
    """Per package: when its package line becomes invoiceable, and what a cancellation costs."""

    package = models.OneToOneField(Package, on_delete=models.CASCADE, related_name="invoicing")
    package_line = models.CharField(_("paketraden faktureras"), max_length=20, choices=PackageLineTiming.choices,
                                    default=PackageLineTiming.ON_CLOSE)
    on_cancel = models.CharField(_("vid avbrott"), max_length=20, choices=CancellationRule.choices,
                                 default=CancellationRule.IF_STARTED)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("faktureringsregel")
        verbose_name_plural = _("faktureringsregler")


class OrganisationInvoicing(models.Model):
    """An organisation's invoicing details."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="invoicing")
    cost_centre = models.CharField(_("kostnadsställe / ansvar"), max_length=COST_CENTRE_LENGTH, blank=True)
    reference = models.CharField(_("referensperson"), max_length=200, blank=True)
    organisation_number = models.CharField(_("organisationsnummer"), max_length=20, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("faktureringsuppgifter")
        verbose_name_plural = _("faktureringsuppgifter")


class AssignmentInvoicing(models.Model):
    """An assignment's own reference and cost centre, overriding its organisation's."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="invoicing")
    cost_centre = models.CharField(_("kostnadsställe / ansvar"), max_length=COST_CENTRE_LENGTH, blank=True)
    reference = models.CharField(_("referensperson"), max_length=200, blank=True)
    history = HistoricalRecords()


class BasisStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Bekräftat")
    SENT = "sent", _("Skickat till ekonomi")
    REOPENED = "reopened", _("Återöppnat")


class InvoiceBasis(models.Model):
    """One confirmed run of a month: the lines it locked. A month's later runs add numbered bases."""

    month = models.DateField(_("månad"))  # the first day of the month
    number = models.PositiveIntegerField(_("nummer"))
    status = models.CharField(_("status"), max_length=20, choices=BasisStatus.choices, default=BasisStatus.CONFIRMED)
    # old data marked invoiced by an import (`--invoiced-until`), not a run of the month
    opening = models.BooleanField(default=False)
    confirmed_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)
    reopen_reason = models.CharField(_("skäl till återöppning"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["month", "number"]
        verbose_name = _("fakturaunderlag")
        verbose_name_plural = _("fakturaunderlag")
        constraints = [models.UniqueConstraint(fields=["month", "number"], name="invoicebasis_month_number")]

    def __str__(self):
        return f"{self.month:%Y-%m}-{self.number}"


class InvoiceItem(models.Model):
    """A billing line in a basis, with what it said when it was locked."""

    basis = models.ForeignKey(InvoiceBasis, on_delete=models.CASCADE, related_name="items")
    # one basis per line, ever: the database refuses a line invoiced twice
    line = models.OneToOneField(BillingLine, on_delete=models.PROTECT, related_name="invoice_item")
    position = models.PositiveIntegerField()
    organisation = models.CharField(max_length=200)
    cost_centre = models.CharField(max_length=COST_CENTRE_LENGTH, blank=True)
    reference = models.CharField(max_length=200, blank=True)
    assignment_reference = models.CharField(max_length=20)
    text = models.CharField(max_length=250)
    quantity = models.DecimalField(max_digits=9, decimal_places=2)
    unit_price = models.DecimalField(max_digits=12, decimal_places=2)
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["basis", "position"]
