"""Write a customer's report pack (JSON or PDF) for a year or a tertial to a file."""
from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from customerpack.pdf import render_pack_pdf
from customerpack.selectors import PackError, organisation_find, pack_build, period_for


class Command(BaseCommand):
    help = "Skriver en kunds rapportpaket (JSON eller PDF) för ett år eller tertial (hittills i år) till en fil."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="kundens namn (eller en entydig del av det)")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--tertial", type=int)
        parser.add_argument("--format", choices=["json", "pdf"], default="json")
        parser.add_argument("--out", required=True, help="filen som ska skrivas")

    def handle(self, *args, **options):
        out = Path(options["out"])
        if not out.parent.exists():
            raise CommandError(_("Mappen %(dir)s finns inte.") % {"dir": out.parent})
        try:
            organisation = organisation_find(options["organisation"])
            period = period_for(year=options["year"], tertial=options["tertial"])
        except PackError as exc:
            raise CommandError(str(exc))
        pack = pack_build(organisation=organisation, period=period)
        if options["format"] == "pdf":
            out.write_bytes(render_pack_pdf(pack))
        else:
            out.write_text(json.dumps(pack.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
        self.stdout.write(_("Skrev %(path)s: rapportpaket för %(name)s, %(period)s.") % {
            "path": out, "name": organisation.name, "period": pack.label})
