"""The charts of a dashboard or PDF, drawn from the same figures as its tables."""
from __future__ import annotations

from django.utils.translation import gettext as _

from reporting.charts import Chart, bar_chart, nps_chart, package_mix_chart

from .data import Dashboard
from .labels import question_label
from .tables import MEAN, MONEY, PERCENT


def overview_charts(dash: Dashboard) -> list[Chart]:
    """The NPS distribution of every series and the package mix of the main one (needs the series)."""
    return [
        nps_chart(name="nps_fordelning", title=_("NPS: fördelning av svaren på rekommendationsfrågan"),
                  series=[(s.label, s.customer["promoters"], s.customer["passives"], s.customer["detractors"])
                          for s in dash.series]),
        package_mix_chart(name="paketmix_diagram", title=_("Paketmix: andel av beställda uppdrag"),
                          ordered=dash.main.register["by_package"], names=dash.package_names),
    ]


def survey_charts(dash: Dashboard) -> list[Chart]:
    """Per-question bars of the main series (needs the series)."""
    main = dash.main
    title = _("Kundenkät: medelvärde per fråga, %(label)s") % {"label": main.label}
    charts = [bar_chart(name="kund_medel", title=title,
                        items=[(question_label("customer", k), q["mean"])
                               for k, q in main.customer["questions"].items()],
                        kind=MEAN, column=_("Medelvärde"), max_value=10)]
    if not main.candidate_hidden and main.candidate["questions"]:
        charts.append(bar_chart(
            name="kandidat_ja", title=_("Kandidatenkät: andel ja per fråga, %(label)s") % {"label": main.label},
            items=[(question_label("candidate", k), q["yes_share"]) for k, q in main.candidate["questions"].items()
                   if "yes_share" in q],
            kind=PERCENT, column=_("Andel ja"), max_value=1))
    return charts


def register_charts(dash: Dashboard) -> list[Chart]:
    """Revenue per consultant when there is more than one (needs the revenue)."""
    if len(dash.revenue) > 1:
        return [bar_chart(name="intakt_diagram", title=_("Intäkt per konsult"),
                          items=[(r["name"], r["revenue_sek"]) for r in dash.revenue], kind=MONEY,
                          column=_("Intäkt"))]
    return []


def charts_by_name(charts: list[Chart], *, id_prefix: str = "") -> dict[str, Chart]:
    """Charts by name; `id_prefix` keeps element ids unique when one document shows several dashboards."""
    if id_prefix:
        for chart in charts:
            chart.svg = type(chart.svg)(chart.svg.replace(f'"{chart.name}-title"', f'"{id_prefix}{chart.name}-title"'))
    return {c.name: c for c in charts}


def dashboard_charts(dash: Dashboard, *, id_prefix: str = "") -> dict[str, Chart]:
    """Every chart (the PDF); the dashboard needs the series, breakdown and revenue parts."""
    return charts_by_name([*overview_charts(dash), *survey_charts(dash), *register_charts(dash)], id_prefix=id_prefix)
