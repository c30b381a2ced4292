"""python manage.py seed_demo [--if-empty]: demo data and log-ins for trying the product locally.

The demo log-ins share a password printed here and in the README, so under production
settings (IS_PRODUCTION) the command refuses unless told --i-know-this-is-production.
"""
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from assignments.demo.seed import DEMO_PASSWORD, demo_seed

ROLE_LABELS = {"coordinator": "koordinator", "consultant": "konsult", "manager": "chef"}


class Command(BaseCommand):
    help = _("Lägger in realistiska demodata (kunder, konsulter, tre års uppdrag) och demoinloggningar.")

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true",
                            help=_("gör ingenting om registret redan innehåller data"))
        parser.add_argument("--per-year", type=int, default=1000, help=_("ungefärligt antal uppdrag per år"))
        parser.add_argument("--seed", type=int, default=2026, help=_("slumpfrö (samma frö ger samma data)"))
        parser.add_argument("--i-know-this-is-production", action="store_true", dest="production_confirmed",
                            help=_("kör även med produktionsinställningar (skapar inloggningar med ett "
                                   "publicerat lösenord)"))

    def handle(self, *args, **options):
        if getattr(settings, "IS_PRODUCTION", False) and not options["production_confirmed"]:
            raise CommandError(_(
                "Avbryter: det här är produktionsinställningar. seed_demo skapar demoinloggningar med ett "
                "publicerat lösenord och hör inte hemma i produktion. Ingenting har ändrats. Om det verkligen "
                "är meningen, kör igen med --i-know-this-is-production."))
        started = time.monotonic()
        try:
            result = demo_seed(if_empty=options["if_empty"], seed=options["seed"], per_year=options["per_year"])
        except ValueError as exc:
            raise CommandError(str(exc))
        if result.created:
            self.stdout.write(_("Demodata klara på %(s).1f s: %(n)s uppdrag, %(h)s tillsättningar.") % {
                "s": time.monotonic() - started, "n": result.assignments, "h": result.hires})
        else:
            self.stdout.write(_("Registret innehåller redan data; inga demodata lades till."))
        url = settings.SITE_URL
        self.stdout.write("")
        self.stdout.write(_("Öppna %(url)s och logga in som:") % {"url": url})
        for username, role in result.users:
            self.stdout.write(_("  %(role)-12s användarnamn %(user)-12s lösenord %(password)s") % {
                "role": ROLE_LABELS[role], "user": username, "password": DEMO_PASSWORD})
