"""The "Tidplaner" page's tables: the timelines planned against actual (timeline.selectors.timeliness_report)."""
from __future__ import annotations

from django.utils.translation import gettext as _

from timeline.selectors import Cause, Step

from .build import Dashboard, period_label
from .tables import DAYS, INT, PERCENT, Cell, Column, Table


def _note(dash: Dashboard) -> str:
    return _("Moment planerade under perioden, som de stod %(day)s. Arbetsdagar.") % {
        "day": min(dash.period.end, dash.today).isoformat() if dash.today else dash.period.end.isoformat()}


def timeline_lead_time_table(dash: Dashboard) -> Table:
    t = Table("tidplan_ledtider", _("Ledtider planerat mot faktiskt per paket och moment (median, arbetsdagar "
                                    "från planens start)"),
              [Column(_("Paket och moment")), Column(_("Planerat"), DAYS), Column(_("Faktiskt"), DAYS),
               Column(_("Antal"), INT)],
              note=_("Moment som är klara. ") + _note(dash))
    for row in dash.timeliness["lead_times"]:
        t.add(f"{dash.package_name(row['package'])}: {Step(row['step']).label}", Cell(row["planned_days"], DAYS),
              Cell(row["actual_days"], DAYS), Cell(row["n"], INT))
    return t


def timeline_decision_table(dash: Dashboard) -> Table:
    summary = dash.timeliness["summary"]
    t = Table("tidplan_beslut", _("Beslut enligt planerat datum"),
              [Column(_("Period")), Column(_("Andel beslut senast planerat datum"), PERCENT),
               Column(_("Bedömda beslut"), INT), Column(_("Varav i tid"), INT),
               Column(_("Försenade moment, median arbetsdagar sent"), DAYS)],
              note=_("Beslut som skulle ha fattats under perioden. ") + _note(dash))
    t.add(period_label(dash.period), Cell(summary["planned_on_time_share"], PERCENT), Cell(summary["decisions"], INT),
          Cell(summary["decisions_met"], INT), Cell(summary["median_days_late"], DAYS))
    return t


def timeline_cause_table(dash: Dashboard) -> Table:
    keys = [cause.value for cause in Cause] + ["none"]
    labels = [cause.label for cause in Cause] + [_("Orsak ej angiven")]
    t = Table("tidplan_orsaker", _("Orsaker till förseningar per tertial (antal försenade moment)"),
              [Column(_("Tertial"))] + [Column(str(label), INT) for label in labels] + [Column(_("Totalt"), INT)],
              note=_note(dash))
    for row in dash.timeliness["causes_by_tertial"]:
        counts = row["late_by_cause"]
        t.add(_("T%(t)s %(year)s") % {"t": row["tertial"], "year": row["year"]},
              *(Cell(counts[key], INT) for key in keys), Cell(sum(counts.values()), INT))
    return t


def timeline_consultant_table(dash: Dashboard) -> Table:
    t = Table("tidplan_per_konsult", _("Försenade uppdrag per ansvarig konsult"),
              [Column(_("Konsult")), Column(_("Uppdrag med moment under perioden"), INT),
               Column(_("Försenade uppdrag"), INT), Column(_("Andel försenade"), PERCENT)],
              note=_("Ett uppdrag är försenat när minst ett moment är eller blev försenat. ") + _note(dash))
    for row in dash.timeliness["by_consultant"]:
        t.add(row["name"], Cell(row["assignments"], INT), Cell(row["late_assignments"], INT),
              Cell(row["late_assignments"] / row["assignments"], PERCENT))
    return t


def timeline_tables(dash: Dashboard) -> list[Table]:
    """The page's tables; late assignments per consultant only to those who see colleagues' figures."""
    tables = [timeline_decision_table(dash), timeline_lead_time_table(dash), timeline_cause_table(dash)]
    if dash.lists_consultants:
        tables.append(timeline_consultant_table(dash))
    return tables
