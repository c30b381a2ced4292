"""The charts of a dashboard or PDF, drawn from the same figures as its tables."""
from __future__ import annotations

from django.utils.translation import gettext as _

from reporting.charts import (
    Chart,
    bar_chart,
    lead_time_chart,
    nps_chart,
    nps_trend_chart,
    package_mix_chart,
    trend_chart,
)
from reporting.targets import yoy_target_path

from .build import Dashboard, year_column_label
from .labels import SURVEY_TITLES, question_label
from .sections import uncertainty_note, yoy_row_label
from .tables import INT, MEAN, MONEY, NPS, PERCENT


def nps_trend_charts(dash: Dashboard) -> list[Chart]:
    """NPS tertial by tertial (needs nps_trend; the target from targets when built)."""
    if dash.nps_trend is None:
        return []
    return [nps_trend_chart(
        name="nps_tertialer", title=_("NPS per tertial, %(scope)s") % {"scope": dash.scope.label},
        tertials=dash.nps_trend, target=(dash.targets or {}).get("customer.nps"),
        notes=[uncertainty_note(t["nps"], NPS, t["n"]) for t in dash.nps_trend])]


def overview_charts(dash: Dashboard) -> list[Chart]:
    """The NPS distribution of every series, NPS per tertial and the package mix of the main one."""
    return [
        nps_chart(name="nps_fordelning", title=_("NPS: fördelning av svaren på rekommendationsfrågan"),
                  series=[(s.label, s.customer["promoters"], s.customer["passives"], s.customer["detractors"])
                          for s in dash.series]),
        *nps_trend_charts(dash),
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


def lead_time_charts(dash: Dashboard) -> list[Chart]:
    """The spread of the days from order to closing per package, by name (needs lead_times)."""
    rows = [(dash.package_name(code), row["closing_spread"], row["closing_n"])
            for code, row in dash.lead_times.items() if code != "_all"]
    if "_all" in dash.lead_times:
        rows.append((_("Alla paket"), dash.lead_times["_all"]["closing_spread"], dash.lead_times["_all"]["closing_n"]))
    return [lead_time_chart(name="ledtider_spridning",
                            title=_("Ledtid från beställning till avslut per paket, dagar"), rows=rows)]


def yoy_charts(dash: Dashboard) -> list[Chart]:
    """One line per question and summary figure of every survey over the years (needs yoy), the target
    of the plan dashed where one is set (targets); counts of answers are left to the tables."""
    targets = dash.targets or {}
    charts = []
    first = _("År")
    for kind, yoy in dash.yoy.items():
        hide_years = yoy.get("hidden") or [False] * len(yoy["years"])
        # the same for every chart of the survey: labelled (and translated) once
        survey, years = str(SURVEY_TITLES[kind]), [str(year) for year in yoy["years"]]
        year_labels = [year_column_label(p) for p in yoy["periods"]]
        for row, question in [(row, True) for row in yoy["questions"]] + [(row, False) for row in yoy["summary"]]:
            label, value_kind = yoy_row_label(kind, row, question=question)
            if value_kind == INT:
                continue
            name = f"trend_{kind}_{'q_' if question else ''}{row['key']}"
            charts.append(trend_chart(
                name=name, title=f"{survey}: {label}", labels=list(years), table_labels=list(year_labels),
                values=[None if hide else v for v, hide in zip(row["values"], hide_years, strict=True)],
                rose=[r and not hide for r, hide in zip(row["rose"], hide_years, strict=True)],
                kind=value_kind, column=label, first=first,
                target=targets.get(yoy_target_path(kind, row, question=question)),
                ns=[None if hide else n for n, hide in zip(row["n"], hide_years, strict=True)] if question else None))
            charts[-1].group = f"ar_for_ar_{kind}"
    return charts


def charts_by_name(charts: list[Chart], *, id_prefix: str = "") -> dict[str, Chart]:
    """Charts by name; `id_prefix` keeps element ids unique when one document shows several dashboards."""
    if id_prefix:
        for chart in charts:
            chart.svg = type(chart.svg)(chart.svg.replace(f'"{chart.name}-title"', f'"{id_prefix}{chart.name}-title"'))
    return {c.name: c for c in charts}


def dashboard_charts(dash: Dashboard, *, id_prefix: str = "") -> dict[str, Chart]:
    """Every chart (the PDF); the dashboard needs the series, breakdown and revenue parts."""
    charts = [*overview_charts(dash), *survey_charts(dash), *register_charts(dash)]
    if dash.lead_times is not None:
        charts += lead_time_charts(dash)
    if dash.yoy is not None:
        charts += yoy_charts(dash)
    return charts_by_name(charts, id_prefix=id_prefix)
