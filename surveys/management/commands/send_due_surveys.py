"""Run the survey dispatcher once (what Celery beat does every few minutes), after the repair."""
from django.core.management.base import BaseCommand

from surveys.services.dispatch import outbox_dispatch
from surveys.services.repair import invitations_repair


class Command(BaseCommand):
    help = ("Schemalägger enkäter som nyligen avslutade uppdrag saknar och skickar sedan förfallna "
            "enkätinbjudningar, påminnelser och köade e-brev en gång.")

    def add_arguments(self, parser):
        parser.add_argument("--repair-only", action="store_true",
                            help="Schemalägg bara saknade enkäter; skicka ingenting.")
        parser.add_argument("--repair-days", type=int, default=None,
                            help="Se så här många dagar bakåt efter avslut (standard: SURVEY_REPAIR_DAYS).")

    def handle(self, *args, **options):
        repaired = invitations_repair(days=options["repair_days"])
        self.stdout.write(f"Schemalade {repaired.created} saknade inbjudningar "
                          f"({repaired.assignments} uppdrag, {repaired.hires} tillsättningar).")
        if options["repair_only"]:
            return
        result = outbox_dispatch()
        self.stdout.write(
            f"Skickade {result.sent}, påminde {result.reminded}, övriga e-brev {result.outbox_sent}, "
            f"hoppade över {result.skipped}, försöker igen {result.retrying}, misslyckade {result.failed}, "
            f"utgångna {result.expired}, återställda {result.swept}."
        )
        for error in result.errors:
            self.stderr.write(error)
