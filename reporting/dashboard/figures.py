"""The charts of a dashboard or PDF, drawn from the same figures as its tables."""
from __future__ import annotations

from django.utils.translation import gettext as _

from reporting.charts import Chart, bar_chart, nps_chart, package_mix_chart

from .data import Dashboard
from .labels import question_label
from .tables import MEAN, MONEY, PERCENT


def dashboard_charts(dash: Dashboard, *, id_prefix: str = "") -> dict[str, Chart]:
    """Charts by name; `id_prefix` keeps element ids unique when one document shows several dashboards."""
    main = dash.main
    charts = [
        nps_chart(name="nps_fordelning", title=_("NPS: fördelning av svaren på rekommendationsfrågan"),
                  series=[(s.label, s.customer["promoters"], s.customer["passives"], s.customer["detractors"])
                          for s in dash.series]),
        bar_chart(name="kund_medel", title=_("Kundenkät: medelvärde per fråga, %(label)s") % {"label": main.label},
                  items=[(question_label("customer", k), q["mean"]) for k, q in main.customer["questions"].items()],
                  kind=MEAN, column=_("Medelvärde"), max_value=10),
    ]
    if not main.candidate_hidden and main.candidate["questions"]:
        charts.append(bar_chart(
            name="kandidat_ja", title=_("Kandidatenkät: andel ja per fråga, %(label)s") % {"label": main.label},
            items=[(question_label("candidate", k), q["yes_share"]) for k, q in main.candidate["questions"].items()
                   if "yes_share" in q],
            kind=PERCENT, column=_("Andel ja"), max_value=1))
    charts.append(package_mix_chart(name="paketmix_diagram", title=_("Paketmix: andel av beställda uppdrag"),
                                    ordered=dash.breakdown["ordered"]["package"]))
    if len(dash.revenue) > 1:
        charts.append(bar_chart(name="intakt_diagram", title=_("Intäkt per konsult"),
                                items=[(r["name"], r["revenue_sek"]) for r in dash.revenue], kind=MONEY,
                                column=_("Intäkt")))
    result = {c.name: c for c in charts}
    if id_prefix:
        for chart in charts:
            chart.svg = type(chart.svg)(chart.svg.replace(f'"{chart.name}-title"', f'"{id_prefix}{chart.name}-title"'))
    return result
