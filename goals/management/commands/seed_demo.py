"""python manage.py seed_demo [--if-empty]: demo data and log-ins for trying the product locally.

Lives in the top app (goals) because the demo spans every app: the register, its survey
history, the published results before it, the entered figures and the employee survey.
The demo log-ins share a password printed here and in the README, so under production
settings (IS_PRODUCTION) the command refuses unless told --i-know-this-is-production.
"""
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from assignments.demo.seed import DEMO_PASSWORD
from goals.demo import seed_everything

ROLE_LABELS = {"coordinator": "koordinator", "consultant": "konsult", "manager": "chef"}


class Command(BaseCommand):
    help = _("Lägger in realistiska demodata (kunder, konsulter, tre års uppdrag med enkätsvar, mål och "
             "inmatade siffror) och demoinloggningar.")

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
            result = seed_everything(if_empty=options["if_empty"], seed=options["seed"],
                                     per_year=options["per_year"])
        except ValueError as exc:
            raise CommandError(str(exc))
        self.print_summary(result, time.monotonic() - started)
        self.print_log_ins(result.register.users)

    def print_summary(self, result, seconds: float) -> None:
        if not result.register.created:
            self.stdout.write(_("Registret innehåller redan data; inga demodata lades till."))
            return
        self.stdout.write(_("Demodata klara på %(s).1f s: %(n)s uppdrag, %(h)s tillsättningar.") % {
            "s": seconds, "n": result.register.assignments, "h": result.register.hires})
        self.stdout.write(_("Enkäthistorik: %(i)s inbjudningar, %(r)s svar, %(f)s flaggor för låga betyg; "
                            "%(a)s publicerade resultat från tidigare år och %(e)s inmatade siffror.") % {
            "i": result.surveys.invitations, "r": result.surveys.responses, "f": result.surveys.flags,
            "a": result.aggregates, "e": result.figures})
        self.stdout.write(_("Fördelning och beställningar: %(p)s konsultprofiler, %(o)s beställningar i kön.") % {
            "p": result.profiles, "o": result.orders})

    def print_log_ins(self, users) -> None:
        url = settings.SITE_URL
        self.stdout.write("")
        self.stdout.write(_("Öppna %(url)s och logga in som:") % {"url": url})
        for username, role in users:
            self.stdout.write(_("  %(role)-12s användarnamn %(user)-12s lösenord %(password)s") % {
                "role": ROLE_LABELS[role], "user": username, "password": DEMO_PASSWORD})
