"""Run the survey dispatcher once (what Celery beat does every few minutes)."""
from django.core.management.base import BaseCommand

from surveys.services.dispatch import outbox_dispatch


class Command(BaseCommand):
    help = "Skickar förfallna enkätinbjudningar, påminnelser och köade e-brev en gång."

    def handle(self, *args, **options):
        result = outbox_dispatch()
        self.stdout.write(
            f"Skickade {result.sent}, påminde {result.reminded}, övriga e-brev {result.outbox_sent}, "
            f"hoppade över {result.skipped}, försöker igen {result.retrying}, misslyckade {result.failed}, "
            f"utgångna {result.expired}, återställda {result.swept}."
        )
        for error in result.errors:
            self.stderr.write(error)
