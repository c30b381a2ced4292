"""Volume projects in the demo: many assignments under one project lead, many hires each."""
from __future__ import annotations

import datetime as dt

from ..models import Project, Status


def volume_project_rows(builder) -> list[dict]:
    rng, today = builder.rng, builder.today
    orgs = {o.name: o for o in builder.orgs}
    rows = []

    # Summer substitutes for elderly care: about ten hiring managers, a hundred hires, billed by the hour.
    year = today.year if today >= dt.date(today.year, 7, 1) else today.year - 1
    district = orgs["Kungsholmens stadsdelsförvaltning"]
    summer = _project(
        name=f"Sommarvikarier äldreomsorgen Kungsholmen {year}", organisation=district,
        lead=builder.by_name["Helena Lindqvist"], starts_on=dt.date(year, 2, 1), ends_on=dt.date(year, 6, 30),
        description="Sommarvikarier (undersköterskor och vårdbiträden) till hemtjänst och vård- och omsorgsboenden.",
    )
    team = [builder.by_name[n] for n in ("Helena Lindqvist", "Anna Wallin", "Peter Holm")]
    for number in range(10):
        ordered = dt.date(year, 2, 1) + dt.timedelta(days=rng.randint(0, 45))
        row = builder._row(ordered, org=district, code="OVRIG", sector="aldreomsorg", project=summer,
                           lead=team[number % len(team)])
        _close_hired(row, dt.date(year, 5, 20) + dt.timedelta(days=rng.randint(0, 20)))
        row["assignment"].role_title = "Sommarvikarie undersköterska"
        row["hires"] = rng.randint(7, 13)
        rows.append(row)

    # A teacher campaign for the education administration two years ago.
    year = today.year - 2
    teachers = _project(
        name=f"Lärarrekrytering Utbildningsförvaltningen {year}", organisation=orgs["Utbildningsförvaltningen"],
        lead=builder.by_name["Omar Hassan"], starts_on=dt.date(year, 3, 1), ends_on=dt.date(year, 8, 15),
        description="Lärare till grundskolor inför höstterminen.",
    )
    team = [builder.by_name[n] for n in ("Omar Hassan", "Viktor Ek", "Hanna Gustafsson")]
    for number in range(40):
        ordered = dt.date(year, 3, 1) + dt.timedelta(days=rng.randint(0, 40))
        row = builder._row(ordered, org=orgs["Utbildningsförvaltningen"], code="STORA", sector="skola",
                           project=teachers, lead=team[number % len(team)])
        rows.append(row)
    return rows


def _project(*, name: str, **fields) -> Project:
    project, _created = Project.objects.get_or_create(name=name, defaults=fields)
    return project


def _close_hired(row: dict, closed: dt.date) -> None:
    a = row["assignment"]
    a.status, a.closed_on, a.status_changed_on = Status.CLOSED_HIRED, closed, closed
    moves = [(s, d) for s, d in row["moves"] if s not in (Status.CLOSED_HIRED, Status.CLOSED_NOT_HIRED,
                                                          Status.CANCELLED) and d <= closed]
    row["moves"] = [*moves, (Status.CLOSED_HIRED, closed)]
