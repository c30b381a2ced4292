"""What IT operations watch: the last run of each periodic job (counts only, never data)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """The latest run of one periodic job (the survey dispatcher, the retention job...), one row per job."""

    name = models.CharField(_("jobb"), max_length=100, unique=True)
    started_at = models.DateTimeField(_("startade"))
    finished_at = models.DateTimeField(_("avslutades"), null=True, blank=True)
    ok = models.BooleanField(_("lyckades"), default=False)
    # counts of what the run did ({"sent": 3, ...}); never addresses, names or texts
    counts = models.JSONField(_("antal"), default=dict, blank=True)
    error = models.CharField(_("fel"), max_length=200, blank=True)  # the exception's class name only
    last_ok_at = models.DateTimeField(_("senast lyckad"), null=True, blank=True)

    class Meta:
        verbose_name = _("jobbkörning")
        verbose_name_plural = _("jobbkörningar")

    def __str__(self):
        return self.name
