"""Staff pages fit a 360 px phone and a 1280 px screen: long words break, wide tables
scroll inside their own focusable region with a visible cue, the filter row is styled."""
import pytest
from django.utils import timezone

from tests.factories import AssignmentFactory, ConsultantFactory, ContactFactory

from .conftest import axe_violations, login

pytestmark = pytest.mark.django_db(transaction=True)

LONG_EMAIL = "annika.karlsson-lindqvist.rekryterande.chef@utbildningsforvaltningen.stockholm.se"
PAGE_SCROLLS = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"


def _log_in_at(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 800})
    login(page, live_server, "koordinator")
    page.wait_for_url(f"{live_server.url}/uppdrag/**")


def test_a_long_email_address_breaks_instead_of_widening_the_assignment_page(page, live_server, coordinator):
    contact = ContactFactory(name="Annika Karlsson-Lindqvist", email=LONG_EMAIL)
    assignment = AssignmentFactory(organisation=contact.organisation, contact=contact,
                                   lead_consultant=coordinator.consultant)
    _log_in_at(page, live_server, 360)
    page.goto(f"{live_server.url}/uppdrag/{assignment.reference}/")
    page.get_by_role("link", name=LONG_EMAIL).wait_for()
    assert not page.evaluate(PAGE_SCROLLS)


def test_the_load_views_columns_fit_1280_px_and_scroll_in_their_own_region_at_360(page, live_server,
                                                                                 coordinator):
    for i in range(4):
        ConsultantFactory(name=f"Konsult Nummer{i} Efternamnsson")
    AssignmentFactory(lead_consultant=coordinator.consultant, ordered_on=timezone.localdate())
    _log_in_at(page, live_server, 1280)
    page.goto(f"{live_server.url}/register/belastning/")
    region = page.get_by_role("region", name="Belastning per konsult")
    hint = page.get_by_text("Tabellen kan rullas i sidled").first  # the table's; the charts' tables follow it
    assert region.locator("th", has_text="Referenser").is_visible()
    assert region.evaluate("r => r.scrollWidth <= r.clientWidth"), "17 columns fit at 1280 px"
    assert not hint.is_visible()

    page.set_viewport_size({"width": 360, "height": 800})
    assert not page.evaluate(PAGE_SCROLLS)
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")
    hint.wait_for(state="visible")  # the cue appears only while the table overflows
    assert "is-overflowing" in region.get_attribute("class")
    # a keyboard user reaches the region and scrolls it with the arrow keys
    region.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.load-table').parentElement.scrollLeft > 0")
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]


def test_the_invitation_lists_filter_row_is_styled_and_wraps_at_360_px(page, live_server, coordinator):
    _log_in_at(page, live_server, 360)
    page.goto(f"{live_server.url}/enkater/utskick/")
    status = page.get_by_label("Status")
    assert "form-select" in status.get_attribute("class")
    assert "form-control" in page.get_by_label("Uppdragsnummer").get_attribute("class")
    # styled fields fill the row: as wide as the form, not the browser's default width
    form_width = page.locator("form.filter-form").evaluate("f => f.clientWidth")
    assert status.evaluate("s => s.getBoundingClientRect().width") > form_width * 0.8
    assert not page.evaluate(PAGE_SCROLLS)
