"""What an indicator lacks for a period, in words, and where that is entered: the one rule.

`indicator_lack(ctx, indicator, period, value)` returns a `Lack` (a Swedish sentence, a link
and the roles that may follow it) or None. The goal chain, the drill-down, the Excel export
and the tertial PDF all show this sentence next to "Inga data", and next to a share of ads
that rests on only some of the tertials.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recruitment.roles import COORDINATOR, MANAGER

from .measures import MEASURES, share_ads_key
from .models import IndicatorUnit, Source
from .periods import MONTH_SPAN as PERIOD_MONTHS

# What the kpi report's survey sections hold, for "Inga kundsvar januari–april 2026 i urvalet".
ANSWERS = {
    "customer": gettext_lazy("kundsvar"), "candidate": gettext_lazy("kandidatsvar"),
    "six_month": gettext_lazy("svar på sexmånadersenkäten"),
    "training": gettext_lazy("svar på utbildningsutvärderingen"),
}
MONTH_SPAN = {p: PERIOD_MONTHS[p] for p in ("T1", "T2")}  # T3 and the year read as the year alone


@dataclass(frozen=True)
class Lack:
    text: str
    url: str = ""
    link_text: str = ""
    roles: tuple[str, ...] = ()  # who may follow the link (the page answers 403 to others)

    def __str__(self):
        return self.text

    def followable(self, user_roles) -> bool:
        return bool(self.url) and (not self.roles or bool(set(self.roles) & set(user_roles)))


def tertial_names(tertials, year: int) -> str:
    """"T1 2026", "T1 och T2 2026", "T1, T2 och T3 2026"."""
    names = list(tertials)
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " " + _("och") + " " + names[-1]
    return f"{joined} {year}"


def span(year: int, period: str) -> str:
    """The year-to-date dates of a period in words: "januari–april 2026", "2026"."""
    return f"{MONTH_SPAN[period]} {year}" if period in MONTH_SPAN else str(year)


def _figures_url(year: int, period: str, key: str, org_id) -> str:
    query = {"period": period, "nyckel": key}
    if org_id:
        query["organisation"] = org_id
    return f"{reverse('goals:figures', args=[year])}?{urlencode(query)}"


def _figure_lack(ctx, *, key: str, org_id, period: str, what: str, partial_value: bool) -> Lack | None:
    entered, missing, _total = ctx.figure_parts(key, org_id, period)
    if not missing:
        return None
    if entered and partial_value:
        text = (_("Bygger bara på %(entered)s; saknar siffra för %(missing)s: %(what)s.") if len(missing) == 1 else
                _("Bygger bara på %(entered)s; saknar siffror för %(missing)s: %(what)s.")) % {
            "entered": tertial_names(entered, ctx.year), "missing": tertial_names(missing, ctx.year), "what": what}
    else:
        text = (_("Saknar siffra för %(missing)s: %(what)s.") if len(missing) == 1 else
                _("Saknar siffror för %(missing)s: %(what)s.")) % {
            "missing": tertial_names(missing, ctx.year), "what": what}
    return Lack(text, _figures_url(ctx.year, missing[0], key, org_id), _("Mata in siffran"), (MANAGER,))


def _organisation_lack(name: str) -> Lack:
    return Lack(_("Organisationen %(name)s finns inte i registret.") % {"name": name},
                f"{reverse('reference:org_create')}?{urlencode({'name': name})}",
                _("Lägg till organisationen"), (COORDINATOR, MANAGER))


def _share_lack(ctx, indicator, period, value) -> Lack | None:
    params = indicator.params or {}
    name = params.get("organisation") or ""
    org_id = ctx.organisation_id(name)
    if org_id is False:
        return _organisation_lack(name)
    manager = bool(params.get("manager"))
    where = name or _("stadens förvaltningar totalt")
    what = (_("antal chefsannonser för %(where)s") if manager else _("antal annonser för %(where)s")) % {
        "where": where}
    lack = _figure_lack(ctx, key=share_ads_key(params), org_id=org_id, period=period, what=what,
                        partial_value=value is not None)
    if lack is None and value is None:
        return Lack(_("Publicerade annonser är 0 för %(span)s: %(what)s.") % {"span": span(ctx.year, period),
                                                                             "what": what},
                    _figures_url(ctx.year, period, share_ads_key(params), org_id), _("Ändra siffran"), (MANAGER,))
    return lack


def _entered_lack(ctx, indicator, period) -> Lack | None:
    name = (indicator.params or {}).get("organisation") or ""
    org_id = ctx.organisation_id(name)
    if org_id is False:
        return _organisation_lack(name)
    what = indicator.name.rstrip(".")
    if indicator.unit == IndicatorUnit.COUNT:
        return _figure_lack(ctx, key=indicator.figure_key, org_id=org_id, period=period, what=what,
                            partial_value=False)
    if ctx.figure_value(indicator.figure_key, org_id, period) is not None:
        return None
    shown = "T3" if period == "year" else period
    return Lack(_("Saknar siffra för %(period)s: %(what)s.") % {"period": tertial_names([shown], ctx.year),
                                                                "what": what},
                _figures_url(ctx.year, shown, indicator.figure_key, org_id), _("Mata in siffran"), (MANAGER,))


def _ami_lack(ctx, indicator) -> Lack:
    link = (reverse("goals:ami"), _("Läs in medarbetarenkäten"), (MANAGER,))
    if ctx.employee_survey() is None:
        return Lack(_("Medarbetarenkäten %(year)s är inte inläst.") % {"year": ctx.year}, *link)
    statement = (indicator.params or {}).get("statement") or (indicator.params or {}).get("key") or ""
    return Lack(_("Påståendet ”%(statement)s” finns inte i medarbetarenkäten %(year)s.") % {
        "statement": statement, "year": ctx.year}, *link)


def _report_lack(ctx, indicator, period, measure) -> Lack:
    root = (measure.path or "").split(".")[0] or (indicator.params or {}).get("survey", "customer")
    when = span(ctx.year, period)
    if root in ANSWERS:
        section = ctx.report(period).survey(root)
        link = (reverse("surveys:import"), _("Läs in enkätsvar"), (COORDINATOR,))
        if (measure.path or "").endswith("response_rate") and not getattr(section, "invited", None):
            return Lack(_("Inga utskickade enkäter (%(what)s) %(span)s i urvalet.") % {
                "what": ANSWERS[root], "span": when}, *link)
        question = (indicator.params or {}).get("question")
        if question and section.responses:
            return Lack(_("Inga svar på frågan ”%(question)s” %(span)s i urvalet.") % {
                "question": question, "span": when}, *link)
        return Lack(_("Inga %(what)s %(span)s i urvalet.") % {"what": ANSWERS[root], "span": when}, *link)
    if indicator.measure == "mean_hours":
        return Lack(_("Inga avslutade uppdrag med registrerade timmar %(span)s i urvalet.") % {"span": when},
                    reverse("assignments:list"), _("Till registret"), (COORDINATOR, MANAGER))
    return Lack(_("Inga uppdrag %(span)s i urvalet ger ett värde.") % {"span": when},
                reverse("assignments:list"), _("Till registret"), (COORDINATOR, MANAGER))


def indicator_lack(ctx, indicator, period: str, value) -> Lack | None:
    """What the indicator lacks for the period (None when nothing is missing)."""
    if indicator.source == Source.ENTERED:
        lack = _entered_lack(ctx, indicator, period)
    else:
        key = indicator.measure or ("ami_total" if indicator.source == Source.AMI else "")
        measure = MEASURES.get(key)
        if measure is None:
            return Lack(_("Indikatorn saknar ett mått att beräknas med."),
                        reverse("goals:edit_indicator", args=[indicator.pk]), _("Välj mått"), (MANAGER,))
        if key == "share_of_ads":
            lack = _share_lack(ctx, indicator, period, value)
        elif value is not None:
            lack = None
        elif key.startswith("ami_"):
            lack = _ami_lack(ctx, indicator)
        else:
            lack = _report_lack(ctx, indicator, period, measure)
    if lack is None and value is not None and indicator.target is None:
        return Lack(_("Indikatorn saknar årsmål."), reverse("goals:edit_indicator", args=[indicator.pk]),
                    _("Ange årsmål"), (MANAGER,))
    return lack

