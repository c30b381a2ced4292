"""The pack as tables (reporting's Table): the page, the PDF and the Excel file show these, so they agree.

Each table has the organisation's column and the department's beside it. A candidate figure the rule of
five (or complementary suppression) withheld is a hidden cell ("För få svar för att visa").
"""
from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from reporting.dashboard.labels import QUESTION_LABELS, question_label
from reporting.dashboard.tables import DAYS, DECIMAL, INT, MEAN, NPS, PERCENT, Cell, Column, Table

from .selectors import Pack, Row, cause_label, step_label


def pack_tables(pack: Pack) -> list[Table]:
    return [summary_table(pack), *breakdown_tables(pack), customer_table(pack), candidate_table(pack),
            leadtime_table(pack), timeline_table(pack), steps_table(pack)]


def _two(pack: Pack, name: str, caption: str, first: str) -> Table:
    return Table(name=name, caption=caption, columns=[
        Column(first), Column(pack.organisation.name, INT), Column(_("Hela avdelningen"), INT)])


def _pair(pack: Pack, value, kind: str, *, hidden_mine: bool = False, hidden_department: bool = False):
    mine, department = value(pack.mine), value(pack.department)
    return Cell(mine, kind, hidden=hidden_mine), Cell(department, kind, hidden=hidden_department)


def summary_table(pack: Pack) -> Table:
    table = _two(pack, "sammanfattning", _("Sammanfattning"), _("Mått"))
    cand_hidden = (pack.mine.report.candidate.responses is None, pack.department.report.candidate.responses is None)
    rows = [
        (_("Beställda uppdrag"), lambda s: s.totals.ordered, INT, (False, False)),
        (_("Avslutade uppdrag"), lambda s: s.totals.closed, INT, (False, False)),
        (_("Avslutade med tillsättning"), lambda s: s.totals.hired, INT, (False, False)),
        (_("Tillsatta personer"), lambda s: s.totals.hires, INT, (False, False)),
        (_("Fakturerat (kr)"), lambda s: s.invoiced, DECIMAL, (False, False)),
        (_("Kundenkät: antal svar"), lambda s: s.report.customer.responses, INT, (False, False)),
        (_("Kundenkät: NPS"), lambda s: s.report.customer.nps, NPS, (False, False)),
        (_("Kundenkät: nöjd med tjänsten som helhet (1–10)"),
         lambda s: s.report.customer.overall_satisfaction, MEAN, (False, False)),
        (_("Kundenkät: totalt medelvärde"), lambda s: s.report.customer.total_mean, MEAN, (False, False)),
        (_("Kundenkät: andel nöjda"), lambda s: s.report.customer.satisfied_share, PERCENT, (False, False)),
        (_("Kandidatenkät: antal svar"), lambda s: s.report.candidate.responses, INT, cand_hidden),
        (_("Kandidatenkät: andel nöjda"), lambda s: s.report.candidate.satisfied_share, PERCENT, cand_hidden),
        (_("Sexmånadersuppföljning: antal svar"), lambda s: s.report.six_month.responses, INT, (False, False)),
        (_("Sexmånadersuppföljning: matchning (1–10)"), lambda s: s.report.six_month.match_mean, MEAN,
         (False, False)),
        (_("Sexmånadersuppföljning: använder oss igen"), lambda s: s.report.six_month.use_again_share, PERCENT,
         (False, False)),
    ]
    for label, value, kind, (hide_mine, hide_department) in rows:
        table.add(label, *_pair(pack, value, kind, hidden_mine=hide_mine, hidden_department=hide_department))
    table.note = _("Andel nöjda: betyg %(min)s–10. Kandidatenkätens resultat visas bara när minst %(n)s har "
                   "svarat.") % {"min": settings.REPORT_SATISFIED_MIN, "n": settings.REPORT_MIN_CANDIDATE_GROUP}
    return table


def breakdown_tables(pack: Pack) -> list[Table]:
    captions = {"package": (_("Uppdrag per paket"), _("Paket")), "sector": (_("Uppdrag per sektor"), _("Sektor")),
                "level": (_("Uppdrag per nivå"), _("Nivå"))}
    tables = []
    for name, (caption, first) in captions.items():
        table = Table(name=f"per_{name}", caption=caption, columns=[
            Column(first), Column(_("Beställda"), INT), Column(_("Avslutade"), INT),
            Column(_("Med tillsättning"), INT), Column(_("Tillsatta personer"), INT),
            Column(_("Beställda, hela avdelningen"), INT)])
        department = {r.key: r for r in pack.department.breakdown[name]}
        for row in pack.mine.breakdown[name]:
            table.add(row.label, *_counts(row), Cell(department[row.key].ordered if row.key in department else 0,
                                                     INT))
        if table.rows:
            table.add(_("Totalt"), *_counts(pack.mine.totals), Cell(pack.department.totals.ordered, INT))
        tables.append(table)
    return tables


def _counts(row: Row) -> list[Cell]:
    return [Cell(row.ordered, INT), Cell(row.closed, INT), Cell(row.hired, INT), Cell(row.hires, INT)]


def customer_table(pack: Pack) -> Table:
    table = Table(name="kundenkat", caption=_("Kundenkätens frågor, medelvärde (1–10)"), columns=[
        Column(_("Fråga")), Column(pack.organisation.name, MEAN), Column(_("Antal svar"), INT),
        Column(_("Hela avdelningen"), MEAN)])
    mine, department = pack.mine.report.customer.questions, pack.department.report.customer.questions
    for key in QUESTION_LABELS["customer"]:
        if key in ("nps", "returning_customer") or (key not in mine and key not in department):
            continue
        figures = mine.get(key, {})
        table.add(question_label("customer", key), Cell(figures.get("mean"), MEAN), Cell(figures.get("n"), INT),
                  Cell(department.get(key, {}).get("mean"), MEAN))
    return table


def candidate_table(pack: Pack) -> Table:
    """The candidate questions' share of "ja" (and the overall rating); a question the organisation's
    candidates answered too few times (or whose other answers in the department are too few) is hidden."""
    table = Table(name="kandidatenkat", caption=_("Kandidatenkätens frågor"), columns=[
        Column(_("Fråga")), Column(pack.organisation.name, PERCENT), Column(_("Hela avdelningen"), PERCENT)])
    mine, department = pack.mine.report.candidate.questions, pack.department.report.candidate.questions
    for key in QUESTION_LABELS["candidate"]:
        if key not in department:
            continue
        kind = MEAN if "mean" in department[key] else PERCENT
        field = "mean" if kind == MEAN else "yes_share"
        table.add(question_label("candidate", key), Cell(mine[key][field] if key in mine else None, kind,
                                                         hidden=key not in mine),
                  Cell(department[key][field], kind))
    table.note = _("Andel som svarat ja bland dem som besvarat frågan; helhetsomdömet är ett medelvärde (1–10). "
                   "Resultat från färre än %(n)s kandidater visas inte, inte heller när avdelningens övriga "
                   "svar är så få.") % {"n": settings.REPORT_MIN_CANDIDATE_GROUP}
    return table


def leadtime_table(pack: Pack) -> Table:
    table = Table(name="ledtider", caption=_("Ledtider för avslutade uppdrag (kalenderdagar, median)"), columns=[
        Column(_("Från beställning till")), Column(pack.organisation.name, DAYS), Column(_("Hela avdelningen"), DAYS)])

    def value(key):
        return lambda s: s.lead_times.get(key)

    table.add(_("Uppstartsmöte"), *_pair(pack, value("start_meeting_days"), DAYS))
    table.add(_("Avslut"), *_pair(pack, value("closing_days"), DAYS))
    table.add(_("Antal avslutade uppdrag"), *_pair(pack, value("closing_n"), INT))
    return table


def timeline_table(pack: Pack) -> Table:
    """Planned against actual: the tidplan's decision steps met on time, days late, late steps by cause."""
    table = Table(name="tidplaner", caption=_("Tidplaner: planerat mot utfall"), columns=[
        Column(_("Mått")), Column(pack.organisation.name, INT), Column(_("Hela avdelningen"), INT)])

    def summary(key):
        return lambda s: s.timeline["summary"][key]

    table.add(_("Beslut enligt tidplan"), *_pair(pack, summary("planned_on_time_share"), PERCENT))
    table.add(_("Bedömda beslut"), *_pair(pack, summary("decisions"), INT))
    table.add(_("Försenade moment: median arbetsdagar sent"), *_pair(pack, summary("median_days_late"), DAYS))
    for cause in pack.department.timeline["summary"]["late_by_cause"]:
        table.add(_("Försenade moment: %(cause)s") % {"cause": cause_label(cause)},
                  *_pair(pack, lambda s, c=cause: s.timeline["summary"]["late_by_cause"].get(c, 0), INT))
    table.note = _("Moment planerade under perioden, bedömda per den dag perioden slutar (eller i dag).")
    return table


def steps_table(pack: Pack) -> Table:
    """The organisation's median working days from the plan's start to each step done: planned and actual,
    per package."""
    table = Table(name="moment", caption=_("Tidplanernas moment: arbetsdagar från start (median)"), columns=[
        Column(_("Paket och moment")), Column(_("Planerat"), DAYS), Column(_("Utfall"), DAYS),
        Column(_("Antal"), INT)])
    for row in pack.mine.timeline["lead_times"]:
        label = f"{pack.package_names.get(row['package'], row['package'])}: {step_label(row['step'])}"
        table.add(label, Cell(row["planned_days"], DAYS), Cell(row["actual_days"], DAYS), Cell(row["n"], INT))
    return table

