"""Dashboard figures arranged as Tables (see tables.py): one builder per table, no measure computed here."""
from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from assignments.models import OrganisationKind, Sector
from reporting.formatting import format_value
from reporting.privacy import ANSWERS, candidate_min_group, candidate_withheld, parts_suppression
from surveys.models import SurveyKind

from .build import Dashboard, months_label, year_column_label
from .labels import SUMMARY_LABELS, SURVEY_TITLES, question_label
from .tables import DATE, DAYS, DECIMAL, INT, MEAN, MONEY, NPS, PERCENT, Cell, Column, Table
from .timeline_tables import timeline_tables

TOO_FEW = _("För få svar för att visa")


def satisfied_note() -> str:
    return _("Nöjd = %(min)s–10 på helhetsfrågan.") % {"min": settings.REPORT_SATISFIED_MIN}


def _series_columns(dash: Dashboard, first: str) -> list[Column]:
    return [Column(first)] + [Column(s.label, MEAN) for s in dash.series]


def _candidate_cell_hidden(s, key: str) -> bool:
    """Whether the rule of five withholds this candidate figure of the series (reporting.privacy)."""
    if key == "invited":  # withheld only when there are too few invitations
        return s.candidate_rate_hidden and s.candidate["invited"] is None
    if key == "response_rate":
        return s.candidate_rate_hidden or s.candidate_hidden
    return s.candidate_hidden


ESTIMATES = (MEAN, NPS, PERCENT)  # figures computed from answers, as opposed to counts


def uncertainty_note(value, kind: str, n) -> str:
    """ "osäker, 12 svar" beside a mean, share or NPS resting on fewer than REPORT_UNCERTAIN_BELOW answers.

    The one rule for marking figures from few answers; pages, exports and the PDF share it.
    """
    if value is None or kind not in ESTIMATES or not n or n >= settings.REPORT_UNCERTAIN_BELOW:
        return ""
    return _("osäker, %(n)s svar") % {"n": n} if n != 1 else _("osäker, 1 svar")


def _join(*notes: str) -> str:
    return " · ".join(note for note in notes if note)


def _measure_row(table: Table, label: str, dash: Dashboard, section: str, key: str, kind: str,
                 note_key: str | None = None) -> None:
    cells = []
    for s in dash.series:
        values = getattr(s, section)
        value = values.get(key)
        hidden = section == "candidate" and _candidate_cell_hidden(s, key)
        note = ""
        if note_key and values.get(note_key) is not None and not hidden:
            note = "± " + format_value(values[note_key], NPS)
        if not hidden and key != "response_rate":
            note = _join(note, uncertainty_note(value, kind, values.get("responses")))
        cells.append(Cell(None if hidden else value, kind, hidden=hidden, note=note))
    table.add(label, *cells)


def customer_summary(dash: Dashboard) -> Table:
    t = Table("kund_sammanfattning", _("Kundenkät: sammanfattning"), _series_columns(dash, _("Mått")),
              note=satisfied_note() + " " + _("NPS = andel promotorer (9–10) minus andel kritiker (0–6), "
                                              "med felmarginal (95 %)."))
    for label, key, kind, note in (
        (_("Antal svar"), "responses", INT, None), (_("Skickade inbjudningar"), "invited", INT, None),
        (_("Svarsfrekvens"), "response_rate", PERCENT, None), (_("Totalt medelvärde"), "total_mean", MEAN, None),
        (_("Nöjd med tjänsten som helhet"), "overall_satisfaction", MEAN, None),
        (_("Andel nöjda kunder"), "satisfied_share", PERCENT, None), (_("NPS"), "nps", NPS, "nps_margin"),
        (_("Promotorer (9–10)"), "promoters", INT, None), (_("Passiva (7–8)"), "passives", INT, None),
        (_("Kritiker (0–6)"), "detractors", INT, None),
        (_("Andel återkommande kunder"), "returning_customer_share", PERCENT, None),
    ):
        _measure_row(t, label, dash, "customer", key, kind, note_key=note)
    return t


def _questions(dash: Dashboard, kind: str, name: str, caption: str, measure: str) -> Table:
    columns = [Column(_("Fråga"))]
    for s in dash.series:
        columns += [Column(f"{s.label}: " + (_("andel ja") if measure == "yes_share" else _("medelvärde")),
                           PERCENT if measure == "yes_share" else MEAN), Column(f"{s.label}: " + _("antal"), INT)]
    t = Table(name, caption, columns)
    keys: list[str] = []
    for s in dash.series:
        keys += [k for k in getattr(s, kind)["questions"] if k not in keys]
    for key in keys:
        cells = []
        for s in dash.series:
            q = getattr(s, kind)["questions"].get(key) or {}
            hidden = kind == "candidate" and s.candidate_hidden
            value_kind = PERCENT if "yes_share" in q else MEAN
            value = q.get("yes_share", q.get("mean"))
            note = "" if hidden else uncertainty_note(value, value_kind, q.get("n"))
            cells += [Cell(None if hidden else value, value_kind, hidden=hidden, note=note),
                      Cell(None if hidden else q.get("n"), INT, hidden=hidden)]
        t.add(question_label(kind, key), *cells)
    if not keys and kind == "candidate" and any(s.candidate_hidden for s in dash.series):
        # every column withheld by the rule of five: say so rather than show an empty table
        t.add(_("Alla frågor"), *[Cell(None, kind_, hidden=s.candidate_hidden)
                                  for s in dash.series for kind_ in (PERCENT, INT)])
    return t


def customer_questions(dash: Dashboard) -> Table:
    return _questions(dash, "customer", "kund_fragor", _("Kundenkät: medelvärde per fråga (1–10)"), "mean")


def candidate_questions(dash: Dashboard) -> Table:
    t = _questions(dash, "candidate", "kandidat_fragor", _("Kandidatenkät: andel ja per fråga"), "yes_share")
    t.note = _("Andel ja bland dem som svarat på frågan; testinformationen bland dem som gjort tester.")
    return t


def candidate_summary(dash: Dashboard) -> Table:
    t = Table("kandidat_sammanfattning", _("Kandidatenkät: sammanfattning"), _series_columns(dash, _("Mått")),
              note=satisfied_note())
    for label, key, kind in ((_("Antal svar"), "responses", INT), (_("Skickade inbjudningar"), "invited", INT),
                             (_("Svarsfrekvens"), "response_rate", PERCENT),
                             (_("Helhetsomdöme"), "overall_mean", MEAN),
                             (_("Andel nöjda kandidater"), "satisfied_share", PERCENT)):
        _measure_row(t, label, dash, "candidate", key, kind)
    return t


def six_month_summary(dash: Dashboard) -> Table:
    t = Table("sexmanader", _("Sexmånadersenkät"), _series_columns(dash, _("Mått")))
    for label, key, kind in ((_("Antal svar"), "responses", INT), (_("Skickade inbjudningar"), "invited", INT),
                             (_("Svarsfrekvens"), "response_rate", PERCENT),
                             (_("Matchning, medelvärde (1–10)"), "match_mean", MEAN),
                             (_("Kan tänka sig att använda oss igen"), "use_again_share", PERCENT)):
        _measure_row(t, label, dash, "six_month", key, kind)
    return t


def training_summary(dash: Dashboard) -> Table:
    t = Table("utbildning", _("Utvärdering av KBR-utbildningen"), _series_columns(dash, _("Mått")),
              note=_("Antal svar och medelbetyg räknar med kursresultat som kunden själv samlat in och som "
                     "förts in för hand."))
    for label, key, kind in ((_("Antal svar"), "responses", INT), (_("Varav införda för hand"), "entered", INT),
                             (_("Medelbetyg (1–10)"), "mean", MEAN)):
        _measure_row(t, label, dash, "training", key, kind)
    return t


def register_summary(dash: Dashboard) -> Table:
    t = Table("uppdrag_sammanfattning", _("Uppdrag och intäkter"), _series_columns(dash, _("Mått")),
              note=_("Intäkt = fakturerat belopp för uppdrag avslutade under perioden."))
    for label, key, kind in (
        (_("Beställda uppdrag"), "ordered", INT), (_("Avslutade uppdrag"), "closed", INT),
        (_("Intäkt"), "revenue_sek", MONEY), (_("Budget (år)"), "budget_sek", MONEY),
        (_("Intäkt av årsbudget"), "budget_share", PERCENT), (_("Intäkt per årsarbetare"), "revenue_per_fte", MONEY),
        (_("Årsarbetare"), "fte", DECIMAL), (_("Andel med personligt brev"), "personal_letter_share", PERCENT),
        (_("Rekryteringar med screeningtester"), "screening_count", INT), (_("Sålda searchpaket"), "search_sold", INT),
        (_("Utförda utbildningar"), "trainings_delivered", INT),
        (_("Nya rekryterande chefer"), "new_customers", INT), (_("Nya kundorganisationer"), "new_organisations", INT),
    ):
        _measure_row(t, label, dash, "register", key, kind)
    return t


def package_mix(dash: Dashboard) -> Table:
    ordered, closed = dash.breakdown["ordered"]["package"], dash.breakdown["closed"]["package"]
    revenue = dash.breakdown["closed"]["revenue_by_package"]
    total = sum(ordered.values())
    t = Table("paketmix", _("Paketmix: uppdrag per paket"),
              [Column(_("Paket")), Column(_("Beställda"), INT), Column(_("Andel av beställda"), PERCENT),
               Column(_("Avslutade"), INT), Column(_("Intäkt"), MONEY)])
    for code in sorted(set(ordered) | set(closed), key=lambda c: (-ordered.get(c, 0), c)):
        t.add(dash.package_name(code), Cell(ordered.get(code, 0), INT),
              Cell(ordered.get(code, 0) / total if total else None, PERCENT),
              Cell(closed.get(code, 0), INT), Cell(revenue.get(code, 0.0), MONEY))
    return t


def _breakdown(dash: Dashboard, field: str, name: str, caption: str, first: str, labels=None) -> Table:
    ordered, closed = dash.breakdown["ordered"][field], dash.breakdown["closed"][field]
    t = Table(name, caption, [Column(first), Column(_("Beställda"), INT), Column(_("Avslutade"), INT)])
    for key in sorted(set(ordered) | set(closed), key=lambda k: (-ordered.get(k, 0), str(k))):
        label = str(labels.get(key, key)) if labels else key
        t.add(label, Cell(ordered.get(key, 0), INT), Cell(closed.get(key, 0), INT))
    return t


def breakdowns(dash: Dashboard) -> list[Table]:
    return [
        _breakdown(dash, "sector", "per_sektor", _("Uppdrag per sektor"), _("Sektor"), dict(Sector.choices)),
        _breakdown(dash, "organisation_kind", "per_organisationstyp", _("Uppdrag per organisationstyp"),
                   _("Organisationstyp"), dict(OrganisationKind.choices)),
        _breakdown(dash, "organisation", "per_organisation", _("Uppdrag per kundorganisation"), _("Organisation")),
    ]


def revenue_table(dash: Dashboard) -> Table:
    t = Table("intakt_per_konsult", _("Intäkt per konsult mot personlig budget"),
              [Column(_("Konsult")), Column(_("Intäkt"), MONEY), Column(_("Budget (år)"), MONEY),
               Column(_("Andel av budget"), PERCENT), Column(_("Tjänstgöringsgrad"), DECIMAL)])
    for row in dash.revenue:
        t.add(row["name"], Cell(row["revenue_sek"], MONEY), Cell(row["budget_sek"], MONEY),
              Cell(row["budget_share"], PERCENT), Cell(row["fte"], DECIMAL))
    return t


def lead_time_table(dash: Dashboard) -> Table:
    t = Table("ledtider", _("Ledtider per paket (median, dagar från beställning)"),
              [Column(_("Paket")), Column(_("Till uppstartsmöte"), DAYS), Column(_("Antal"), INT),
               Column(_("Till avslut"), DAYS), Column(_("Antal"), INT)],
              note=_("Uppdrag avslutade under perioden."))
    for code, row in dash.lead_times.items():
        t.add(_("Alla paket") if code == "_all" else dash.package_name(code), Cell(row["start_meeting_days"], DAYS),
              Cell(row["start_meeting_n"], INT), Cell(row["closing_days"], DAYS), Cell(row["closing_n"], INT))
    return t


def overdue_table(dash: Dashboard) -> Table:
    t = Table("forsenade", _("Pågående uppdrag äldre än paketets standardtid"),
              [Column(_("Paket")), Column(_("Antal"), INT)],
              note=_("Läget %(day)s.") % {"day": dash.today.isoformat() if dash.today else ""})
    for code, n in dash.overdue["by_package"].items():
        t.add(dash.package_name(code), Cell(n, INT))
    t.add(_("Totalt"), Cell(dash.overdue["count"], INT))
    return t


def load_table(dash: Dashboard) -> Table:
    t = Table("belastning", _("Belastning: pågående uppdrag per ansvarig konsult"),
              [Column(_("Konsult")), Column(_("Pågående uppdrag"), INT), Column(_("Varav chefsrekryteringar"), INT)],
              note=_("Läget %(day)s.") % {"day": dash.today.isoformat() if dash.today else ""})
    for row in dash.load:
        t.add(row["name"], Cell(row["open"], INT), Cell(row["manager_roles"], INT))
    return t


def new_customer_tables(dash: Dashboard) -> list[Table]:
    managers = Table("nya_chefer", _("Nya rekryterande chefer (första uppdraget någonsin)"),
                     [Column(_("Namn")), Column(_("Organisation"))])
    for name, organisation in dash.new_customers["hiring_managers"]:
        managers.add(name, Cell(organisation))
    organisations = Table("nya_organisationer", _("Nya kundorganisationer (första uppdraget någonsin)"),
                          [Column(_("Organisation"))])
    for name in dash.new_customers["organisations"]:
        organisations.add(name)
    return [managers, organisations]


def comments_table(dash: Dashboard) -> Table:
    kinds = {value: str(label) for value, label in SurveyKind.choices}  # translated once, not per row
    t = Table("kommentarer", _("Kommentarer"),
              [Column(_("Konsult")), Column(_("Enkät")), Column(_("Datum"), DATE), Column(_("Uppdrag")),
               Column(_("Kommentar"))],
              note=_("Kandidaternas kommentarer visas bara för konsulter med minst %(n)s kandidatsvar i urvalet "
                     "(period och filter).")
              % {"n": candidate_min_group()})
    for row in dash.comments:
        t.add(row["consultant"] or _("(ingen konsult)"), Cell(kinds.get(row["kind"], row["kind"])),
              Cell(row["submitted_on"], DATE), Cell(row["assignment"]), Cell(row["comment"]))
    return t


YOY_KINDS_OF = {"total_mean": MEAN, "satisfied_share": PERCENT, "nps": NPS, "returning_customer_share": PERCENT,
                "responses": INT, "response_rate": PERCENT, "match_mean": MEAN, "use_again_share": PERCENT,
                "mean": MEAN}


def _yoy_note(period) -> str:
    note = _("▲ = högre än året före. Tomt = frågan ställdes inte eller inga svar.")
    if period.is_full_year:
        return note
    return note + " " + _("Varje år visas för samma månader (%(months)s), så att åren går att jämföra; "
                          "publicerade helårsresultat visas bara i helårsrapporten.") % {
        "months": months_label(period)}


def yoy_row_label(kind: str, row: dict, *, question: bool) -> tuple[str, str]:
    """(label, value kind) of a year-over-year row: a question's measure or a survey's summary figure."""
    if question:
        return question_label(kind, row["key"]), PERCENT if row["measure"] == "yes_share" else MEAN
    return str(SUMMARY_LABELS.get(row["key"], row["key"])), YOY_KINDS_OF.get(row["key"], MEAN)


def yoy_table(dash: Dashboard, kind: str) -> Table:
    yoy = dash.yoy[kind]
    years = yoy["years"]
    hide_years = yoy.get("hidden") or [False] * len(years)  # the rule of five, per year (selectors.yoy)
    t = Table(f"ar_for_ar_{kind}", _("%(survey)s år för år") % {"survey": SURVEY_TITLES[kind]},
              [Column(_("Fråga / mått"))] + [Column(year_column_label(p), MEAN) for p in yoy["periods"]],
              note=_yoy_note(yoy["periods"][-1]))
    for row, question in [(row, True) for row in yoy["questions"]] + [(row, False) for row in yoy["summary"]]:
        label, value_kind = yoy_row_label(kind, row, question=question)
        cells = [Cell(None if hide else value, value_kind, rose=rose and not hide, hidden=hide)
                 for value, rose, hide in zip(row["values"], row["rose"], hide_years, strict=True)]
        t.add(label, *cells)
    return t


def per_consultant_table(dash: Dashboard) -> Table | None:
    """Survey results per consultant with the group total; candidate cells suppressed for small groups."""
    if dash.per_consultant is None:
        return None
    people = [row for row in dash.revenue if row["consultant_id"] in dash.per_consultant]
    t = Table("per_konsult", _("Enkätresultat per konsult"),
              [Column(_("Konsult")), Column(_("Kundsvar"), INT), Column(_("Totalt medelvärde"), MEAN),
               Column(_("NPS"), NPS), Column(_("Kandidatsvar"), INT), Column(_("Andel nöjda kandidater"), PERCENT),
               Column(_("Helhetsomdöme kandidat"), MEAN)],
              note=_("Kandidatresultat med färre än %(n)s svar visas inte per konsult; ibland döljs ytterligare en "
                     "uppgift så att en dold uppgift inte kan räknas fram ur totalen.")
              % {"n": candidate_min_group()})
    sections = [dash.per_consultant[p["consultant_id"]] for p in people]
    total = dash.main
    # Answers of people not listed (inactive without revenue) or of no consultant make a row of their
    # own, so that every count in the total is a cell the suppression rule sees.
    other_customers = (total.customer["responses"] or 0) - sum(s["customer"]["responses"] or 0 for s in sections)
    # Answers of no listed person are a cell of their own (the last), so the rule sees every count in the total.
    suppression = parts_suppression([s["candidate"][ANSWERS] for s in sections], total.candidate[ANSWERS])
    other_candidates = (total.candidate[ANSWERS] or 0) - sum(s["candidate"][ANSWERS] for s in sections)

    def candidate_cells(candidate: dict, hidden: bool) -> list[Cell]:
        c = candidate_withheld(candidate) if hidden else candidate
        hidden = bool(c.get("suppressed"))
        return [Cell(c["responses"], INT, hidden=hidden), Cell(c["satisfied_share"], PERCENT, hidden=hidden),
                Cell(c["overall_mean"], MEAN, hidden=hidden)]

    for person, section, hidden in zip(people, sections, suppression.hidden[:len(sections)], strict=True):
        cu = section["customer"]
        t.add(person["name"], Cell(cu["responses"], INT), Cell(cu["total_mean"], MEAN), Cell(cu["nps"], NPS),
              *candidate_cells(section["candidate"], hidden))
    if other_customers or other_candidates:
        hidden = suppression.hidden[-1]
        t.add(_("Övriga (utan konsult eller slutat)"), Cell(other_customers, INT), Cell(None, MEAN),
              Cell(None, NPS), Cell(None if hidden else other_candidates, INT, hidden=hidden),
              Cell(None, PERCENT, hidden=hidden), Cell(None, MEAN, hidden=hidden))
    cu = total.customer
    t.add(_("Totalt (%(scope)s)") % {"scope": dash.scope.label}, Cell(cu["responses"], INT),
          Cell(cu["total_mean"], MEAN), Cell(cu["nps"], NPS),
          *candidate_cells(total.candidate, suppression.total_hidden))
    return t


# The tables of each dashboard page, in page order (the pages themselves are in pages.py).

def overview_tables(dash: Dashboard) -> list[Table]:
    return [customer_summary(dash), candidate_summary(dash), six_month_summary(dash), training_summary(dash),
            register_summary(dash)]


def survey_tables(dash: Dashboard) -> list[Table]:
    per = per_consultant_table(dash)
    return [customer_questions(dash), candidate_questions(dash), *([per] if per is not None else [])]


def register_tables(dash: Dashboard) -> list[Table]:
    return [package_mix(dash), revenue_table(dash), *breakdowns(dash)]


def load_and_lead_time_tables(dash: Dashboard) -> list[Table]:
    return [load_table(dash), lead_time_table(dash), overdue_table(dash)]


def comment_tables(dash: Dashboard) -> list[Table]:
    return [comments_table(dash)]


def yoy_tables(dash: Dashboard) -> list[Table]:
    return [yoy_table(dash, kind) for kind in dash.yoy]


PAGE_TABLES = (overview_tables, survey_tables, register_tables, load_and_lead_time_tables, timeline_tables,
               new_customer_tables, comment_tables, yoy_tables)


def all_tables(dash: Dashboard) -> dict[str, Table]:
    """Every table of the dashboard pages by name, in page order (the all-tables Excel export), the pages
    added from above reporting last."""
    from .pages import extra_pages  # pages.py reads this module

    builds = (*PAGE_TABLES, *(page.tables for page in extra_pages()))
    return {t.name: t for build in builds for t in build(dash)}
