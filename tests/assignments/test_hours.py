"""Weekly hours: the one service that records a consultant's grid (its rules, every bad input, the totals, the
hourly billing lines, before and after invoicing), the capacity reading them, and the grid on "Mina uppdrag"."""
import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from allocation.capacity import booked_by_day
from allocation.selectors import assignment_work
from assignments.hours import HoursGridError, hours_week_record
from assignments.models import Assignment, BillingKind, BillingLine, HoursEntry, Status
from billing.services import invoice_basis_confirm
from tests.factories import AssignmentFactory, ConsultantFactory, package
from timeline.workdays import Calendar

TODAY = dt.date(2025, 11, 26)           # a Wednesday in ISO week 48
W48 = dt.date(2025, 11, 24)             # this week's Monday
W47, W46, W45, W44 = (W48 - dt.timedelta(weeks=n) for n in (1, 2, 3, 4))   # 17, 10, 3 Nov, 27 Oct
W49 = dt.date(2025, 12, 1)
D = Decimal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(dt.datetime(2025, 11, 26, 12, 0))


@pytest.fixture
def me(consultant_user):
    return consultant_user.consultant


def mine(me, **kwargs):
    kwargs.setdefault("ordered_on", dt.date(2025, 9, 1))
    kwargs.setdefault("status", Status.SELECTION)
    return AssignmentFactory(lead_consultant=me, **kwargs)


def record(me, cells):
    return hours_week_record(consultant=me, cells=cells, on=TODAY)


def entries(me):
    return {(e.assignment_id, e.week): e.hours for e in HoursEntry.objects.filter(consultant=me)}


def hours_of(a):
    return Assignment.objects.get(pk=a.pk).hours


# --- recording and totals ---------------------------------------------------------

def test_a_grid_is_recorded_in_quarter_hours_with_comma_or_point_and_sums_into_the_total(me):
    a, b = mine(me), mine(me)
    record(me, {(a.pk, W47): "7,5", (a.pk, W48): "2.25", (b.pk, W48): "8", (b.pk, W47): ""})
    assert entries(me) == {(a.pk, W47): D("7.50"), (a.pk, W48): D("2.25"), (b.pk, W48): D("8.00")}
    assert (hours_of(a), hours_of(b)) == (D("9.75"), D("8.00"))


def test_an_imported_total_is_kept_as_the_baseline_and_entries_move_it(me):
    a = mine(me, hours=D("10"))
    record(me, {(a.pk, W46): "4", (a.pk, W47): "3"})
    assert hours_of(a) == D("17")                 # 10 imported + 4 + 3
    record(me, {(a.pk, W46): "1", (a.pk, W47): "3"})
    assert hours_of(a) == D("14")                 # 10 + 1 + 3
    record(me, {(a.pk, W46): "", (a.pk, W47): "0"})
    assert hours_of(a) == D("10") and entries(me) == {}


def test_a_co_consultants_hours_add_to_the_leads_on_the_same_assignment(me):
    other = ConsultantFactory()
    a = AssignmentFactory(lead_consultant=other, ordered_on=dt.date(2025, 9, 1), status=Status.SELECTION)
    a.co_consultants.add(me)
    hours_week_record(consultant=other, cells={(a.pk, W48): "5"}, on=TODAY)
    record(me, {(a.pk, W48): "2,5"})
    assert hours_of(a) == D("7.5")
    assert HoursEntry.objects.filter(assignment=a).count() == 2


@pytest.mark.parametrize(("text", "message"), [
    ("sju", "Ange timmar som ett tal, till exempel 7,5."),
    ("-1", "Timmar kan inte vara negativa."),
    ("80,25", "Högst 80 timmar per vecka och uppdrag."),
    ("7,3", "Ange timmar i hela kvartar (till exempel 1,25 eller 7,5)."),
    ("0,1", "Ange timmar i hela kvartar (till exempel 1,25 eller 7,5)."),
    ("NaN", "Ange timmar som ett tal, till exempel 7,5."),
])
def test_a_bad_number_is_refused_with_its_message_and_nothing_is_saved(me, text, message):
    a = mine(me, hours=D("3"))
    with pytest.raises(HoursGridError) as raised:
        record(me, {(a.pk, W47): "6", (a.pk, W48): text})
    assert raised.value.errors == {(a.pk, W48): message}
    assert entries(me) == {} and hours_of(a) == D("3")


def test_80_hours_and_zero_are_the_bounds(me):
    a = mine(me)
    record(me, {(a.pk, W47): "80", (a.pk, W48): "0"})
    assert entries(me) == {(a.pk, W47): D("80")}


def test_the_weeks_and_assignments_that_cannot_take_hours_are_refused_per_cell(me):
    ok = mine(me)
    not_mine = AssignmentFactory(ordered_on=dt.date(2025, 9, 1), status=Status.SELECTION)
    late_order = mine(me, ordered_on=dt.date(2025, 11, 19))              # ordered in week 47
    closed = mine(me, status=Status.CLOSED_HIRED, closed_on=dt.date(2025, 11, 12))   # closed in week 46
    with pytest.raises(HoursGridError) as raised:
        record(me, {(ok.pk, W49): "1", (ok.pk, W48 + dt.timedelta(days=1)): "1", (not_mine.pk, W48): "1",
                    (late_order.pk, W46): "1", (late_order.pk, W47): "1", (closed.pk, W47): "1",
                    (closed.pk, W46): "2", (ok.pk, W47): "4"})
    assert raised.value.errors == {
        (ok.pk, W49): "Veckan har inte börjat än.",
        (ok.pk, W48 + dt.timedelta(days=1)): "Veckan ska anges med sin måndag.",
        (not_mine.pk, W48): "Du arbetar inte i uppdraget.",
        (late_order.pk, W46): "Uppdraget var inte beställt den veckan.",
        (closed.pk, W47): "Uppdraget var avslutat den veckan.",
    }
    assert entries(me) == {} and HoursEntry.objects.count() == 0


def test_the_week_an_assignment_closed_still_takes_hours(me):
    closed = mine(me, status=Status.CLOSED_HIRED, closed_on=dt.date(2025, 11, 12))
    record(me, {(closed.pk, W46): "2"})
    assert hours_of(closed) == D("2")


def test_an_incoming_order_takes_no_hours(me):
    incoming = AssignmentFactory(lead_consultant=None, status=Status.INCOMING, ordered_on=dt.date(2025, 9, 1))
    incoming.co_consultants.add(me)
    with pytest.raises(HoursGridError) as raised:
        record(me, {(incoming.pk, W48): "1"})
    assert raised.value.errors == {(incoming.pk, W48): "Uppdraget har ingen ansvarig konsult än."}


# --- hourly billing -----------------------------------------------------------------

def hourly(me):
    """An hourly package (OVRIG, 870 kr an hour in 2025) registered through the service: one placeholder hour."""
    from assignments.services import billing_package_line_set
    a = mine(me, package=package("OVRIG"))
    billing_package_line_set(assignment=a)
    return a


def lines(a):
    return [(ln.kind, ln.hours_month, ln.quantity, ln.unit_price, ln.amount, ln.recorded_on)
            for ln in BillingLine.objects.filter(assignment=a).order_by("id")]


def test_an_hourly_package_bills_each_months_hours_in_that_month_and_the_placeholder_hour_goes(me):
    a = hourly(me)
    assert lines(a) == [("package", None, D(1), D(870), D(870), TODAY)]
    record(me, {(a.pk, W44): "5", (a.pk, W45): "4", (a.pk, W46): "2,5"})
    oct1, nov1 = dt.date(2025, 10, 1), dt.date(2025, 11, 1)
    assert lines(a) == [
        ("package", None, D(0), D(870), D(0), TODAY),                       # the placeholder hour is gone
        ("package", oct1, D(5), D(870), D("4350.00"), oct1),                 # week 44 (Monday 27 Oct): October
        ("package", nov1, D("6.5"), D(870), D("5655.00"), nov1),             # 4 + 2.5 in November
    ]
    assert Assignment.objects.get(pk=a.pk).invoiced_total == D("10005.00")
    record(me, {(a.pk, W46): "3"})                                           # not yet invoiced: edited
    assert lines(a)[2][2:5] == (D(7), D(870), D("6090.00"))
    record(me, {(a.pk, W44): ""})                                            # October emptied: line removed
    assert [ln[1] for ln in lines(a)] == [None, nov1]
    assert Assignment.objects.get(pk=a.pk).invoiced_total == D("6090.00")


def test_after_invoicing_a_change_makes_a_credit_and_a_new_line_and_other_months_stay(me):
    a = hourly(me)
    record(me, {(a.pk, W44): "5", (a.pk, W45): "4", (a.pk, W46): "2,5"})
    invoice_basis_confirm(month=dt.date(2025, 11, 1))
    assert all(BillingLine.objects.filter(assignment=a, hours_month__isnull=False).values_list("locked", flat=True))
    record(me, {(a.pk, W45): "6"})                                           # November: 6 + 2.5
    nov1 = dt.date(2025, 11, 1)
    now = lines(a)
    assert now[3:] == [
        ("credit", None, D("-6.5"), D(870), D("-5655.00"), TODAY),
        ("package", nov1, D("8.5"), D(870), D("7395.00"), nov1),
    ]
    credit = BillingLine.objects.get(kind=BillingKind.CREDIT, assignment=a)
    assert credit.credits.hours_month == nov1 and credit.credits.quantity == D("6.5")
    assert BillingLine.objects.filter(assignment=a, hours_month=dt.date(2025, 10, 1)).count() == 1  # untouched
    assert Assignment.objects.get(pk=a.pk).invoiced_total == D("4350.00") + D("7395.00")
    # the new line goes into the next run, with the credit
    _basis, shown = invoice_basis_confirm(month=dt.date(2025, 11, 1))
    assert sorted(line.amount for c in shown.customers for line in c.lines) == [D("-5655.00"), D("7395.00")]


def test_recording_the_same_hours_again_writes_no_line(me):
    a = hourly(me)
    record(me, {(a.pk, W45): "4"})
    invoice_basis_confirm(month=dt.date(2025, 11, 1))
    before = lines(a)
    record(me, {(a.pk, W45): "4,00", (a.pk, W46): ""})
    assert lines(a) == before


def test_a_fixed_price_package_gets_no_hours_line(me):
    a = mine(me)
    record(me, {(a.pk, W47): "6"})
    assert not BillingLine.objects.filter(assignment=a).exists()


# --- capacity reads the same entries ----------------------------------------------------

def test_capacity_books_only_what_is_left_of_the_standard_after_the_reported_hours(me):
    a = mine(me)                                   # Stora paketet: 28 standard hours, 60 days' lead time
    work = assignment_work(a, on=TODAY)
    assert work.recorded_hours is None
    record(me, {(a.pk, W46): "6", (a.pk, W47): "3,5", (a.pk, W48): "2,5"})
    work = assignment_work(a, on=TODAY)
    assert work.recorded_hours == D("12")
    booked = booked_by_day(window=work.window, standard_hours=work.standard_hours, recorded_hours=work.recorded_hours,
                           on=TODAY, calendar=Calendar())
    assert sum(booked.values()).quantize(D("0.01")) == D("16.00")   # 28 - 12 spread over the rest of the window


# --- the grid on "Mina uppdrag" -------------------------------------------------------------

def test_the_grid_shows_five_weeks_with_labels_sums_and_totals(client, consultant_user, me):
    a = mine(me, reference="2025-0100", role_title="Rektor")
    b = mine(me, reference="2025-0101", role_title="Kock")
    record(me, {(a.pk, W47): "7,5", (a.pk, W48): "2", (b.pk, W48): "1,25"})
    client.force_login(consultant_user)
    response = client.get(reverse("assignments:mine"))
    grid = response.context["grid"]
    assert grid.weeks == [W44, W45, W46, W47, W48]
    assert [r.total_text for r in grid.rows] == ["9,5", "1,25"]
    assert [total for _w, _l, total in grid.columns] == ["0", "0", "0", "7,5", "3,25"]
    assert grid.total_text == "10,75"
    html = response.content.decode()
    assert f'<label class="visually-hidden" for="t-{a.pk}-2025-11-24">Timmar vecka 48, 2025-0100 Rektor</label>' in html
    assert 'value="7,5"' in html and "Spara timmar" in html


def test_earlier_weeks_show_those_closed_then_and_not_after(client, consultant_user, me):
    mine(me, reference="2025-0102", status=Status.CLOSED_HIRED, closed_on=dt.date(2025, 10, 8))
    client.force_login(consultant_user)
    assert [r.reference for r in client.get(reverse("assignments:mine")).context["grid"].rows] == []
    grid = client.get(reverse("assignments:mine"), {"vecka": "2025-10-29"}).context["grid"]
    assert grid.weeks[-1] == W44 and grid.weeks[0] == dt.date(2025, 9, 29)
    assert [r.reference for r in grid.rows] == ["2025-0102"]
    # the cells after the closing week cannot take hours
    assert [c.problem is None for c in grid.rows[0].cells] == [True, True, False, False, False]
    future = client.get(reverse("assignments:mine"), {"vecka": "2026-02-02"}).context["grid"]
    assert future.weeks[-1] == W48 and future.later is None


def test_saving_the_grid_says_so_and_bad_cells_save_nothing(client, consultant_user, me):
    a = mine(me, reference="2025-0100")
    client.force_login(consultant_user)
    url = reverse("assignments:mine")
    response = client.post(url, {"vecka": "2025-11-24", f"t-{a.pk}-2025-11-24": "4,5", f"t-{a.pk}-2025-11-17": "2"},
                           follow=True)
    assert "Timmarna är sparade." in response.content.decode()
    assert hours_of(a) == D("6.5")
    response = client.post(url, {f"t-{a.pk}-2025-11-24": "3", f"t-{a.pk}-2025-11-17": "två"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Inget sparades: rätta de markerade rutorna." in html
    assert "Ange timmar som ett tal, till exempel 7,5." in html and 'value="två"' in html
    assert 'aria-invalid="true"' in html
    assert hours_of(a) == D("6.5")


def test_a_user_without_a_consultant_cannot_post_hours(client, coordinator):
    client.force_login(coordinator)
    assert client.post(reverse("assignments:mine"), {}).status_code == 403


def test_mina_uppdrag_uses_the_same_number_of_queries_whatever_the_number_of_assignments(client, consultant_user, me):
    client.force_login(consultant_user)
    url = reverse("assignments:mine")

    def count(n):
        for _ in range(n):
            a = mine(me)
            a.co_consultants.add(ConsultantFactory())
            record(me, {(a.pk, W48): "1", (a.pk, W47): "2"})
        AssignmentFactory(lead_consultant=me, status=Status.CLOSED_HIRED, closed_on=dt.date(2025, 11, 20))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count(2)
    many = count(20)
    assert few == many


# --- the assignment form and the total --------------------------------------------------------

def test_the_form_cannot_set_the_total_below_the_reported_weeks_and_a_stale_form_is_refused(me):
    from assignments.forms import AssignmentForm
    from assignments.services import EditConflict, assignment_update

    a = mine(me, hours=D("2"))
    version = a.version
    record(me, {(a.pk, W47): "6,5"})                       # total 8.5: baseline 2 + 6.5 reported
    a.refresh_from_db()
    assert (a.hours, a.version) == (D("8.5"), version + 1)  # recording moves the version on
    form = AssignmentForm(instance=a)
    form.cleaned_data = {"hours": D("6")}
    with pytest.raises(Exception, match="färre än de timmar som rapporterats per vecka \\(6,5\\)"):
        form.clean_hours()
    form.cleaned_data = {"hours": D("6.5")}
    assert form.clean_hours() == D("6.5")                   # the baseline may go to zero
    stale = Assignment.objects.get(pk=a.pk)
    record(me, {(a.pk, W48): "1"})
    with pytest.raises(EditConflict):
        assignment_update(assignment=stale, data={"hours": D("3")}, expected_version=stale.version)
    assert hours_of(a) == D("9.5")
