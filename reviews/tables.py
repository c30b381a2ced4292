"""The review's figures as rows of text for the page and the PDF (the same rows in both)."""
from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from reporting.dashboard.tables import INT, MEAN, MONEY, NPS, PERCENT
from reporting.formatting import format_value, number
from reporting.privacy import candidate_min_group

from .selectors import Column, ReviewFigures, cause_labels


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[str]


@dataclass(frozen=True)
class Section:
    title: str
    rows: list[Row]


def _hours(value) -> str:
    return format_value(None, INT) if value is None else number(value, 1)


def _row(label: str, columns: list[Column], value, kind: str | None = None) -> Row:
    """A row whose cell for each column is `value(column)`, formatted as `kind` (text as is when None)."""
    return Row(label, [value(c) if kind is None else format_value(value(c), kind) for c in columns])


def _candidate(column: Column, value, kind: str) -> str:
    section = column.report.candidate
    if section.responses is None:  # withheld by the rule of five (reporting.privacy)
        return _("visas inte (färre än %(n)s svar)") % {"n": candidate_min_group()}
    return format_value(value(section), kind)


def figure_sections(figures: ReviewFigures) -> list[Section]:
    cols = figures.columns
    late = [Row(_("Försenade moment: %(cause)s") % {"cause": label},
                [format_value(c.timeliness["late_by_cause"].get(key, 0), INT) for c in cols])
            for key, label in cause_labels()]
    return [
        Section(_("Uppdrag, timmar och intäkter"), [
            _row(_("Beställda uppdrag"), cols, lambda c: c.report.assignments.ordered, INT),
            _row(_("Avslutade uppdrag"), cols, lambda c: c.report.assignments.closed, INT),
            _row(_("Nedlagda timmar på avslutade uppdrag"), cols, lambda c: _hours(c.hours.total)),
            _row(_("Timmar per avslutat uppdrag med timmar"), cols, lambda c: _hours(c.hours.mean)),
            _row(_("Intäkt, avslutade uppdrag"), cols, lambda c: c.report.assignments.revenue_sek, MONEY),
            _row(_("Intäkt hittills i år"), cols, lambda c: c.year_to_date["revenue_sek"], MONEY),
            _row(_("Intäktsbudget för året"), cols, lambda c: c.year_to_date["budget_sek"], MONEY),
            _row(_("Andel av årets budget hittills"), cols, lambda c: c.year_to_date["budget_share"], PERCENT),
        ]),
        Section(_("Kundenkät"), [
            _row(_("Svar"), cols, lambda c: c.report.customer.responses, INT),
            _row(_("Svarsfrekvens"), cols, lambda c: c.report.customer.response_rate, PERCENT),
            _row(_("NPS"), cols, lambda c: c.report.customer.nps, NPS),
            _row(_("Nöjd totalt (medel)"), cols, lambda c: c.report.customer.overall_satisfaction, MEAN),
            _row(_("Medel över alla frågor"), cols, lambda c: c.report.customer.total_mean, MEAN),
            _row(_("Andel nöjda"), cols, lambda c: c.report.customer.satisfied_share, PERCENT),
        ]),
        Section(_("Kandidatenkät"), [
            Row(_("Svar"), [_candidate(c, lambda s: s.responses, INT) for c in cols]),
            Row(_("Andel nöjda"), [_candidate(c, lambda s: s.satisfied_share, PERCENT) for c in cols]),
        ]),
        Section(_("Uppföljning efter sex månader"), [
            _row(_("Svar"), cols, lambda c: c.report.six_month.responses, INT),
            _row(_("Matchning (medel)"), cols, lambda c: c.report.six_month.match_mean, MEAN),
            _row(_("Anlitar oss igen"), cols, lambda c: c.report.six_month.use_again_share, PERCENT),
        ]),
        Section(_("Tidplaner"), [
            _row(_("Beslut i tid"), cols, lambda c: c.timeliness["planned_on_time_share"], PERCENT),
            _row(_("Försenade moment"), cols, lambda c: sum(c.timeliness["late_by_cause"].values()), INT),
            _row(_("Median arbetsdagar försenat"), cols, lambda c: c.timeliness["median_days_late"], MEAN),
            *late,
        ]),
    ]
