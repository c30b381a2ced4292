"""Small-group suppression: the one rule, and where the dashboard applies it."""
import pytest

from reporting.privacy import parts_suppression, suppress_small
from tests.factories import ConsultantFactory

from .dashboard_helpers import candidate_answers, query


def test_it_hides_cells_with_answers_below_the_minimum():
    assert suppress_small([3, 6, 10, 7], minimum=5, has_total=False).hidden == (True, False, False, False)


def test_it_hides_a_second_cell_when_only_one_would_be_hidden_beside_a_total():
    result = suppress_small([3, 6, 10], minimum=5)
    assert result.hidden == (True, True, False)  # the smallest shown cell goes too
    assert result.total_hidden is False


def test_the_rest_of_a_total_beside_its_parts_is_a_cell_of_its_own():
    # a consultant's six beside the department's eight: the rest (two) is hidden, so the six go too
    assert parts_suppression([6], 8).hidden == (True, True)
    assert parts_suppression([6], 11).any is False
    assert parts_suppression([3], 9).hidden == (True, True)  # the rest (six) is not shown anyway
    assert parts_suppression([3], 3).total_hidden is True


def test_it_hides_the_total_when_no_other_cell_can_be_hidden():
    result = suppress_small([3, 0, 0], minimum=5)
    assert result.hidden == (True, False, False)
    assert result.total_hidden is True


def test_it_leaves_two_or_more_hidden_cells_and_empty_cells_alone():
    assert suppress_small([3, 4, 9], minimum=5) == suppress_small([3, 4, 9], minimum=5, has_total=False)
    assert suppress_small([0, 0, 9], minimum=5).any is False


@pytest.mark.parametrize("counts", [[1, 5, 7, 20], [4, 0, 12], [2, 2, 30], [4], [0, 3]])
def test_no_hidden_cell_can_be_recovered_from_the_total(counts):
    result = suppress_small(counts, minimum=5)
    hidden = [c for c, h in zip(counts, result.hidden, strict=True) if h and c]
    assert len(hidden) != 1 or result.total_hidden


@pytest.mark.django_db
def test_a_consultant_page_never_shows_candidate_results_below_five_answers(client, consultant_user):
    candidate_answers(consultant_user.consultant, 4)
    client.force_login(consultant_user)
    page = client.get(f"/rapporter/enkater/?{query()}").content.decode()
    assert "För få svar för att visa" in page
    table = page.split('id="tabell-kandidat_fragor"')[1].split("</table>")[0]
    assert "100,0" not in table.split("<tbody>")[1].split("</tr>")[0].split("</th>")[1].split("<td")[1]


@pytest.mark.django_db
def test_a_consultant_page_shows_candidate_results_from_five_answers(client, consultant_user):
    candidate_answers(consultant_user.consultant, 5)
    client.force_login(consultant_user)
    page = client.get(f"/rapporter/?{query()}").content.decode()
    table = page.split('id="tabell-kandidat_sammanfattning"')[1].split("</table>")[0]
    assert "För få svar för att visa" not in table
    assert "100,0\u00a0%" in table


@pytest.mark.django_db
def test_the_per_consultant_table_hides_a_complementary_cell(client, manager):
    small, middle, large = (ConsultantFactory(name=n) for n in ("Anna Liten", "Bo Mellan", "Cia Stor"))
    candidate_answers(small, 3)
    candidate_answers(middle, 6)
    candidate_answers(large, 10)
    client.force_login(manager)
    page = client.get(f"/rapporter/enkater/?{query()}").content.decode()
    table = page.split('id="tabell-per_konsult"')[1].split("</table>")[0]
    rows = {r.split("</th>")[0].split(">")[-1]: r for r in table.split("<tr>")[2:]}
    assert "För få svar för att visa" in rows["Anna Liten"]
    assert "För få svar för att visa" in rows["Bo Mellan"]  # complementary: else 19 - 10 - 6 = 3
    assert "För få svar för att visa" not in rows["Cia Stor"]
    assert ">10<" in rows["Cia Stor"]
    total = next(r for name, r in rows.items() if name.startswith("Totalt"))
    assert ">19<" in total


@pytest.mark.django_db
def test_answers_of_people_not_listed_are_a_row_the_rule_sees(client, manager):
    """A unit with a consultant who has left (inactive, no revenue, so not listed by name): their three
    candidate answers must not show in the unit's total, nor be the total minus the listed rows."""
    from assignments.models import Unit

    unit = Unit.objects.get(name="Enhet 2")
    left = ConsultantFactory(name="Xena Slutat", unit=unit, active=False)
    candidate_answers(left, 3)
    client.force_login(manager)
    page = client.get(f"/rapporter/enkater/?{query(unit=unit.pk)}").content.decode()
    table = page.split('id="tabell-per_konsult"')[1].split("</table>")[0]
    rows = {r.split("</th>")[0].split(">")[-1]: r for r in table.split("<tr>")[2:]}
    assert "Xena Slutat" not in rows
    assert "För få svar för att visa" in rows["Övriga (utan konsult eller slutat)"]
    total = next(r for name, r in rows.items() if name.startswith("Totalt"))
    assert "För få svar för att visa" in total and ">3<" not in total
    csv = client.get(f"/rapporter/export/?{query(unit=unit.pk)}&format=csv&table=per_konsult").content.decode()
    assert ";3;" not in csv and "3,0" not in csv

    # With a listed colleague of six answers, the rule hides the colleague too (else total minus six = three).
    stays = ConsultantFactory(name="Ylva Kvar", unit=unit)
    candidate_answers(stays, 6)
    page = client.get(f"/rapporter/enkater/?{query(unit=unit.pk)}").content.decode()
    table = page.split('id="tabell-per_konsult"')[1].split("</table>")[0]
    rows = {r.split("</th>")[0].split(">")[-1]: r for r in table.split("<tr>")[2:]}
    assert "För få svar för att visa" in rows["Ylva Kvar"]
    assert "För få svar för att visa" in rows["Övriga (utan konsult eller slutat)"]
