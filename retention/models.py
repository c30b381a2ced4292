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
