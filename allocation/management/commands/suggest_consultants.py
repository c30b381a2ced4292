"""Print the ranked proposal of consultants for an assignment as JSON (an operator contract)."""
import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from allocation.ranking import consultants_ranked
from assignments.models import Assignment, Consultant


class Command(BaseCommand):
    help = ('Consultants ranked for an assignment: [{"consultant": EMAIL, "rank": N, "free_hours": H, '
            '"reasons": [TEXT, ...], "excluded": null or REASON}].')

    def add_arguments(self, parser):
        parser.add_argument("reference", help="the assignment's reference, e.g. 2026-0143")
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument("--wished", help="the e-mail of the consultant the customer asked for")
        parser.add_argument("--on", help="YYYY-MM-DD (default today)")

    def handle(self, *args, reference, wished=None, on=None, **options):
        assignment = Assignment.objects.filter(reference=reference).first()
        if assignment is None:
            raise CommandError(f"No assignment with reference {reference}")
        wished_consultant = None
        if wished:
            wished_consultant = Consultant.objects.filter(email__iexact=wished).first()
            if wished_consultant is None:
                raise CommandError(f"--wished: no consultant with e-mail {wished}")
        try:
            day = dt.date.fromisoformat(on) if on else None
        except ValueError as exc:
            raise CommandError(f"--on: {exc}") from exc
        proposal = consultants_ranked(assignment, wished=wished_consultant, on=day)
        self.stdout.write(json.dumps([p.as_json() for p in proposal], ensure_ascii=False))
