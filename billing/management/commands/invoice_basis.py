"""python manage.py invoice_basis --month YYYY-MM [--confirm] --format json|csv

Without --confirm: the month's invoice basis as it would be now (nothing changes). With --confirm: the
lines are locked into a new numbered basis of the month and what it holds is printed; a second run of
the same month prints only what has become invoiceable since (an empty basis, total "0.00").
JSON: {"month", "customers": [{"organisation", "cost_centre", "lines": [{"assignment", "text",
"quantity", "unit_price", "amount"}], "total"}], "total", "warnings": [...]}, amounts as strings with two
decimals. CSV: one row per line, as Swedish Excel reads it (recruitment.workbooks.csv_lines).
"""
import argparse
import datetime as dt
import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from billing.selectors import basis_preview
from billing.services import invoice_basis_confirm
from recruitment.workbooks import csv_lines


def _month(value: str) -> dt.date:
    try:
        return dt.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        raise argparse.ArgumentTypeError(_("ogiltig månad %(value)s: skriv ÅÅÅÅ-MM") % {"value": value}) from None


class Command(BaseCommand):
    help = _("Visar eller bekräftar månadens fakturaunderlag.")

    def add_arguments(self, parser):
        parser.add_argument("--month", type=_month, required=True, metavar="ÅÅÅÅ-MM")
        parser.add_argument("--confirm", action="store_true", help=_("lås raderna i ett nytt underlag"))
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args, **options):
        if options["confirm"]:
            _basis, basis = invoice_basis_confirm(month=options["month"])
        else:
            basis = basis_preview(month=options["month"])
        if options["format"] == "json":
            self.stdout.write(json.dumps(basis.to_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write("".join(csv_lines(basis.csv_rows())), ending="")
