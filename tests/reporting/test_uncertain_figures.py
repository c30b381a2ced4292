"""Figures from few answers say so in words, with the number of answers they rest on, on the page
and in the PDF (one rule: sections.uncertainty_note). Exports keep numbers as numbers beside their counts."""
import datetime as dt

import pytest

from reporting.dashboard.sections import uncertainty_note
from reporting.dashboard.tables import INT, MEAN, NPS
from tests.factories import ConsultantFactory

from .dashboard_helpers import customer_answers, query

pytestmark = pytest.mark.django_db


def test_one_answer_is_not_a_precise_nps(client, manager):
    customer_answers(ConsultantFactory(), 1, nps=10)
    client.force_login(manager)
    page = client.get(f"/rapporter/?{query()}").content.decode()
    assert "100,0" in page and "osäker, 1 svar" in page
    # the PDF renders the same tables with the same cell markup (report_cells), notes included
    from reporting.dashboard.build import dashboard_build
    from reporting.dashboard.sections import customer_summary
    from reporting.periods import Period
    from reporting.selectors.scope import Scope
    from reporting.templatetags.report_cells import cell

    dash = dashboard_build(scope=Scope(), period=Period.for_report(2025, 1), compare=False,
                           list_consultants=False, today=dt.date(2025, 4, 30))
    assert any("osäker, 1 svar" in cell(c) for row in customer_summary(dash).rows for c in row)


def test_figures_from_enough_answers_are_not_marked(client, manager, settings):
    settings.REPORT_UNCERTAIN_BELOW = 3
    customer_answers(ConsultantFactory(), 3, nps=10)
    client.force_login(manager)
    page = client.get(f"/rapporter/?{query()}").content.decode()
    assert "osäker" not in page


@pytest.mark.parametrize(("value", "kind", "n", "note"), [
    (9.5, MEAN, 12, "osäker, 12 svar"), (100.0, NPS, 1, "osäker, 1 svar"), (9.5, MEAN, 30, ""),
    (None, MEAN, 3, ""), (12, INT, 3, ""),  # counts are exact, not estimates
])
def test_the_rule(value, kind, n, note):
    assert uncertainty_note(value, kind, n) == note
