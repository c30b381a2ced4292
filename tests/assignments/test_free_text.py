"""The list's free-text search: every word a case- and accent-insensitive substring of the reference, role,
customer, hiring manager, lead consultant or volume project, in any order."""
import datetime as dt
import json

import pytest
from django.db import connection
from django.urls import reverse

from assignments.models import Project
from tests.factories import AssignmentFactory, ConsultantFactory, ContactFactory, OrganisationFactory

LIST = reverse("assignments:list")

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    skola = OrganisationFactory(name="Utbildningsförvaltningen")
    forskola = OrganisationFactory(name="Förskoleförvaltningen Norr")
    made = [
        AssignmentFactory(reference="2025-0001", organisation=skola, role_title="Rektor", contact=None),
        AssignmentFactory(reference="2025-0002", organisation=skola, role_title="Biträdande rektor", contact=None),
        AssignmentFactory(reference="2025-0003", organisation=forskola, role_title="Förskollärare", contact=None),
        AssignmentFactory(reference="2025-0004", organisation=skola, role_title="Lärare",
                          contact=ContactFactory(organisation=skola, name="Åsa Öberg")),
        AssignmentFactory(reference="2024-0100", organisation=skola, role_title="Kurator 50%_tjänst",
                          contact=None, ordered_on=dt.date(2024, 1, 1)),
    ]
    return made


def found(client, text) -> set[str]:
    return {row["reference"] for row in client.get(LIST, {"q": text}).context["assignments"]}


@pytest.mark.parametrize("text,expected", [
    ("Rektor", {"2025-0001", "2025-0002"}),
    ("REKTOR", {"2025-0001", "2025-0002"}),
    ("rektor", {"2025-0001", "2025-0002"}),
    ("Förskol", {"2025-0003"}),  # the role and the customer of the same assignment: listed once
    ("förvaltningen norr", {"2025-0003"}),  # the customer's name
    ("Öberg", {"2025-0004"}),  # the contact's name
    ("2024-01", {"2024-0100"}),  # the reference
    ("  rektor  ", {"2025-0001", "2025-0002"}),
    ("50%_", {"2024-0100"}),  # % and _ are letters, not wildcards
    ("0%", {"2024-0100"}),
    ("a_b", set()),
    ("saknas", set()),
])
def test_it_finds_a_case_insensitive_substring_in_each_column(client, manager, register, text, expected):
    client.force_login(manager)
    assert found(client, text) == expected


def test_swedish_letters_match_in_either_case(client, manager, register):
    client.force_login(manager)
    assert found(client, "FÖRSKOLLÄRARE") == found(client, "förskollärare") == {"2025-0003"}
    assert found(client, "åsa öberg") == {"2025-0004"}


def test_the_count_and_the_export_use_the_same_search(client, manager, register):
    client.force_login(manager)
    response = client.get(LIST, {"q": "REKTOR"})
    assert response.context["page"].paginator.count == 2
    text = b"".join(client.get(reverse("assignments:export", args=["csv"]), {"q": "REKTOR"}).streaming_content)
    assert sorted(line.split(";")[0] for line in text.decode("utf-8-sig").strip().splitlines()[1:]) == [
        "2025-0001", "2025-0002"]


@pytest.mark.parametrize("n", [3, 30])
def test_a_search_uses_a_fixed_number_of_queries(client, manager, django_assert_num_queries, n):
    for i in range(n):
        AssignmentFactory(reference=f"2025-{i + 1:04d}", role_title="Rektor" if i % 2 else "Lärare", contact=None)
    client.force_login(manager)
    client.get(LIST)  # warm the session
    # session, user, groups, count, page rows, filter choices, the viewer's open AAR actions
    with django_assert_num_queries(7):
        response = client.get(LIST, {"q": "rektor", "o": "-invoiced"})
    assert len(response.context["assignments"]) == n // 2


@pytest.fixture
def farsta():
    farsta = OrganisationFactory(name="Farsta stadsdelsförvaltning")
    soder = OrganisationFactory(name="Södermalms stadsdelsförvaltning")
    karin = ConsultantFactory(name="Karin Ödmark")
    project = Project.objects.create(name="Sommarvikarier Farsta")
    AssignmentFactory(reference="2026-0001", organisation=farsta, role_title="Socialsekreterare", contact=None)
    AssignmentFactory(reference="2026-0002", organisation=farsta, role_title="Enhetschef", contact=None,
                      lead_consultant=karin)
    AssignmentFactory(reference="2026-0003", organisation=soder, role_title="Socialsekreterare", contact=None)
    AssignmentFactory(reference="2026-0004", organisation=soder, role_title="Undersköterska", contact=None,
                      project=project)


@pytest.mark.parametrize("text,expected", [
    ("Farsta socialsekreterare", {"2026-0001"}),
    ("socialsekreterare Farsta", {"2026-0001"}),  # any order
    ("socialsekreterare", {"2026-0001", "2026-0003"}),
    ("sodermalm socialsekreterare", {"2026-0003"}),  # without the accent
    ("SÖDERMALM", {"2026-0003", "2026-0004"}),
    ("odmark", {"2026-0002"}),  # the lead consultant
    ("Karin enhetschef", {"2026-0002"}),
    ("sommarvikarier", {"2026-0004"}),  # the volume project
    ("farsta underskoterska", {"2026-0004"}),  # one word from the project, one from the role
    ("Farsta rektor", set()),  # every word must match
])
def test_every_word_matches_somewhere_in_any_order(client, manager, farsta, text, expected):
    client.force_login(manager)
    assert found(client, text) == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes exist on PostgreSQL only")
def test_each_searched_column_is_read_through_its_trigram_index(farsta):
    from assignments.models import Assignment, Organisation
    from assignments.search import _contains, text_q

    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            plan = Assignment.objects.filter(text_q("farsta socialsekreterare")).explain()
            organisations = Organisation.objects.filter(_contains("name", "FARSTA")).explain()
        finally:
            cursor.execute("RESET enable_seqscan")
    for index in ("assignment_reference_fold_trgm", "assignment_role_title_fold_trgm"):
        assert index in plan
    assert "organisation_name_fold_trgm" in organisations


@pytest.mark.skipif(connection.vendor != "postgresql", reason="sf_fold is a SQL function on PostgreSQL only")
@pytest.mark.parametrize("text", ["Åsa Öberg", "FÖRSKOLLÄRARE", "förskollärare", "Chef 123", "Ärende é", "50%_x", ""])
def test_the_database_folds_swedish_and_plain_text_as_python_does(text):
    from assignments.search import fold

    with connection.cursor() as cursor:
        cursor.execute("SELECT sf_fold(%s), sf_fold(NULL)", [text])
        folded, null = cursor.fetchone()
    assert (folded, null) == (fold(text), None)


def _folds_in_workers(plan: dict, under_gather: bool = False) -> bool:
    """Whether a node of an EXPLAIN (FORMAT JSON) plan that calls sf_fold runs in a parallel worker: below a
    Gather, except the Gather's own InitPlans (the leader runs those first)."""
    folds = "sf_fold" in json.dumps({k: v for k, v in plan.items() if k != "Plans"})
    if under_gather and folds:
        return True
    gather = plan["Node Type"] in ("Gather", "Gather Merge")
    return any(_folds_in_workers(child, (under_gather or gather) and child.get("Parent Relationship") != "InitPlan")
               for child in plan.get("Plans", []))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel plans exist on PostgreSQL only")
def test_a_search_folds_names_without_parallel_workers(farsta):
    """Starting a worker cost more than a whole search (assignments/migrations/0021). With parallel plans made
    free, the search folds in the leader only (sf_fold is PARALLEL RESTRICTED); declared PARALLEL SAFE, as
    before, it would fold in workers."""
    from assignments.models import Assignment
    from assignments.search import text_q

    def folds_in_workers() -> bool:
        sql, params = Assignment.objects.filter(text_q("farsta socialsekreterare")).values("pk").query.sql_with_params()
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
        return _folds_in_workers((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"])

    free = ("parallel_setup_cost", "parallel_tuple_cost", "min_parallel_table_scan_size",
            "min_parallel_index_scan_size")
    with connection.cursor() as cursor:
        for setting in free:
            cursor.execute(f"SET LOCAL {setting} = 0")
        cursor.execute("SET LOCAL enable_bitmapscan = off")  # the tiny tables are scanned whole
        restricted = folds_in_workers()
        cursor.execute("ALTER FUNCTION sf_fold(text) PARALLEL SAFE")  # undone with the test's transaction
        safe = folds_in_workers()
    assert (restricted, safe) == (False, True)


@pytest.mark.parametrize("text", ["Farsta socialsekreterare", "SÖDERMALM", "odmark", "sommarvikarier", "Farsta rektor"])
def test_the_condition_in_place_finds_what_the_ids_find(farsta, text):
    """The list reads its matches with the words' condition on its own rows (search.MatchingRows), the export
    through the matching ids (MatchingIds); inside a subquery, where the table has another alias, the
    condition in place falls back to the ids."""
    from assignments.models import Assignment
    from assignments.search import text_q

    def refs(queryset):
        return set(queryset.values_list("reference", flat=True))

    by_ids = refs(Assignment.objects.filter(text_q(text)))
    in_place = refs(Assignment.objects.filter(text_q(text, in_place=True)))
    nested = refs(Assignment.objects.filter(pk__in=Assignment.objects.filter(text_q(text, in_place=True)).values("pk")))
    assert by_ids == in_place == nested
    assert by_ids or text == "Farsta rektor"
