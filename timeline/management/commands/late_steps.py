"""Print every plan step that is late on a day, as JSON (an operator contract)."""
import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from timeline.late import late_steps_json


class Command(BaseCommand):
    help = ('Late steps on a day: [{"assignment", "step", "planned", "days_late", "cause"}], '
            "days_late in Swedish working days.")

    def add_arguments(self, parser):
        parser.add_argument("--on", required=True, help="YYYY-MM-DD")
        parser.add_argument("--consultant", help="the consultant's e-mail (lead or co-consultant)")
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, on, consultant=None, **options):
        try:
            day = dt.date.fromisoformat(on)
        except ValueError as exc:
            raise CommandError(f"--on: {exc}") from exc
        self.stdout.write(json.dumps(late_steps_json(on=day, consultant_email=consultant), ensure_ascii=False))
