"""What each retention run removed: counts per rule, never the data."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionRun(models.Model):
    ran_at = models.DateTimeField(_("kördes"), db_index=True)
    counts = models.JSONField(_("antal per regel"), default=dict)  # {rule key: rows removed or anonymised}

    class Meta:
        ordering = ["-ran_at", "-id"]
        verbose_name = _("gallringskörning")
        verbose_name_plural = _("gallringskörningar")

    def __str__(self):
        return f"{self.ran_at:%Y-%m-%d %H:%M}: {sum(self.counts.values())}"


class DataRequest(models.Model):
    """A register extract or an erasure made for a person: who made it, when, how many rows; never the person."""

    class Kind(models.TextChoices):
        EXTRACT = "extract", _("Registerutdrag")
        ERASURE = "erasure", _("Radering")

    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    requested_by = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL, related_name="+")
    made_at = models.DateTimeField(_("gjord"), auto_now_add=True)
    counts = models.JSONField(_("antal"), default=dict)

    class Meta:
        ordering = ["-made_at", "-id"]
        verbose_name = _("begäran om personuppgifter")
        verbose_name_plural = _("begäranden om personuppgifter")
