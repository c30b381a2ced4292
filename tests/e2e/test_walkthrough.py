"""The new user's walk-through, in real Chromium, on a fresh `seed_demo`.

Each role logs in and visits every page in the URL configuration (found by walking
it, so new pages are covered without touching this file). For each page: the status
the role matrix says (200 or 403); and for an HTML page the role may see: no
sideways scrolling of the page itself at 1280 and 360 px, no raw package or status
code in the visible text, and no axe-core violation (WCAG 2.1 A/AA).

Path arguments are filled from real demo objects. A pattern whose arguments cannot be
filled must be listed in UNFILLABLE with a reason; a new unlisted one fails the test.
Skipped: downloads (not text/html), actions that take only POST (405 without GET in
Allow), and for fragments (htmx partials, no doctype) the width and axe checks.

Screenshots for the README: `pytest tests/e2e/test_walkthrough.py -k screenshots --screenshots`
writes docs/screenshots/*.png from the same demo data.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import get_resolver, reverse
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError

from assignments.demo.seed import DEMO_PASSWORD
from assignments.models import Assignment, Package, Status
from recruitment.roles import ALL_ROLES, CONSULTANT, COORDINATOR, MANAGER, user_consultant
from tests.test_every_page_checks_the_role import PUBLIC, _walk

from .conftest import axe_violations

ROLE_USERS = {COORDINATOR: "koordinator", CONSULTANT: "konsult", MANAGER: "chef"}
WIDTHS = (1280, 360)
# axe rules whose outcome a narrower viewport can change (scroll regions, colours of a folded menu)
AXE_RULES_BY_WIDTH = ["scrollable-region-focusable", "color-contrast", "meta-viewport"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

# Patterns whose path arguments the demo cannot fill, and why.
UNFILLABLE = {
    "assignments:import_job": "an import job belongs to the coordinator who started it; the demo starts none",
    "surveys:import_job": "an import job belongs to the coordinator who started it; the demo starts none",
    "surveys:local_mail_detail": "the demo sends no mail (the outbox list itself is walked)",
    "reporting:report_download": "the demo orders no tertial PDF (a download, not a page, in any case)",
    "followup:contact_edit": "the demo logs no customer contacts (the log is walked on the organisation's page)",
    "followup:aar_detail": "the demo records no After Action Review",
    "followup:aar_edit": "the demo records no After Action Review",
    "followup:action_done": "the demo records no After Action Review actions (and the page takes only POST)",
}

# Pages where a code is what people type (the package catalogue, the import file's columns
# and values): codes may be shown there.
CODES_TYPED = {"reference:package_list", "reference:package_create", "reference:package_edit", "assignments:import"}

# Which roles get 200 for a GET, where the view's `allowed_roles` does not say it all
# (function views, and pages with a check on the object itself). The consultant's
# arguments come from an assignment of their own.
STAFF = {COORDINATOR, MANAGER}
EDITORS = {COORDINATOR, CONSULTANT}  # on the consultant's own assignment
ROLE_MATRIX = {
    "assignments:edit": EDITORS,
    "assignments:hire_edit": EDITORS,
    "timeline:plan": EDITORS,
    "surveys:invitations": set(ALL_ROLES),
    "surveys:local_mail": {COORDINATOR},
    "surveys:local_mail_detail": {COORDINATOR},
    "surveys:flags": STAFF,
    "surveys:flag_detail": STAFF,
    "surveys:response_detail": set(ALL_ROLES),  # a response to the consultant's own assignment
    "goals:index": set(ALL_ROLES),
    "goals:chain": set(ALL_ROLES),
    "goals:figures": {MANAGER},
    "goals:ami": STAFF,
    "goals:export": STAFF,
    "goals:drilldown": set(ALL_ROLES),
    "goals:edit_indicator": {MANAGER},
    "goals:edit_goal": {MANAGER},
    "goals:add_indicator": {MANAGER},
}


def _objects():
    """Demo objects that fill path arguments: one source per pattern name or argument name."""
    from assignments.models import Contact, Organisation, Project, Unit
    from billing.models import InvoiceBasis
    from goals.models import Goal, Indicator, Plan
    from orders.models import Order, OrderState
    from surveys.models import Invitation, LowScoreFlag, Response, SurveyVersion, TrainingSession
    from timeline.models import StandardTimeline

    consultant = user_consultant(User.objects.get(username=ROLE_USERS[CONSULTANT]))
    own = (Assignment.objects.for_consultant(consultant).filter(hires__isnull=False)
           .order_by("-ordered_on").first())
    year = timezone.localdate().year
    plan = Plan.objects.filter(year=year).first() or Plan.objects.order_by("-year").first()
    flag = LowScoreFlag.objects.order_by("pk").first()
    response = Response.objects.filter(invitation__assignment__in=Assignment.objects.for_consultant(consultant))
    incoming = Order.objects.filter(assignment__status=Status.INCOMING).order_by("pk").first()
    waiting = Order.objects.filter(state=OrderState.AWAITING_APPROVAL).order_by("pk").first()
    by_name = {
        "reference:org_detail": Organisation.objects.filter(contacts__isnull=False).first(),
        "reference:org_edit": Organisation.objects.first(),
        "reference:contact_edit": Contact.objects.first(),
        "reference:consultant_edit": consultant,
        "reference:unit_edit": Unit.objects.first(),
        "reference:project_detail": Project.objects.first(),
        "reference:project_edit": Project.objects.first(),
        "reference:package_edit": Package.objects.first(),
        "surveys:version_preview": SurveyVersion.objects.first(),
        "surveys:version_edit": SurveyVersion.objects.first(),
        "surveys:version_copy": SurveyVersion.objects.first(),
        "surveys:invitation_hold": Invitation.objects.first(),
        "surveys:invitation_release": Invitation.objects.first(),
        "surveys:invitation_resend": Invitation.objects.first(),
        "surveys:training_detail": TrainingSession.objects.first(),
        "surveys:flag_detail": flag,
        "surveys:response_detail": response.order_by("pk").first(),
        "goals:drilldown": Indicator.objects.filter(plan=plan).first(),
        "goals:edit_indicator": Indicator.objects.filter(plan=plan).first(),
        "goals:edit_goal": Goal.objects.filter(plan=plan).first(),
        "timeline:standard_edit": StandardTimeline.objects.order_by("-year", "pk").first(),
        "billing:organisation": Organisation.objects.first(),
        **dict.fromkeys(["billing:basis", "billing:mark_sent", "billing:reopen", "billing:file_csv",
                         "billing:file_xlsx", "billing:customer_pdf"], InvoiceBasis.objects.order_by("pk").first()),
        "allocation:profile": consultant,
        "orders:detail": incoming,
        "orders:accept": incoming,
        "orders:decline": incoming,
        "orders:status_link": incoming,
        "orders:approve_address": waiting,
        "orders:reject_address": waiting,
        "timeline:project_plan": Project.objects.first(),
        "reviews:detail": consultant,  # the consultant's own review; the manager manages the consultant's unit
        "reviews:pdf": consultant,
        "followup:contact_create": Organisation.objects.first(),
        "followup:account_managers": Organisation.objects.first(),
        "followup:aar_create_project": Project.objects.first(),
    }
    by_arg = {
        "reference": own.reference,
        "fmt": "csv",
        "year": plan.year,
        "line_id": own.billing_lines.first().pk,
        "hire_id": own.hires.first().pk,
        "goal_pk": Goal.objects.filter(plan=plan).first().pk,
        "action": "ny",
        "half": 1,  # with "year": the first half of the plan's year
    }
    return by_name, by_arg


@dataclass
class Page:
    name: str
    url: str


def _pages() -> tuple[list[Page], list[str]]:
    """Every non-public page with its URL filled in; and the patterns nobody could fill."""
    by_name, by_arg = _objects()
    pages, unfilled = [], []
    for route, name in _walk(get_resolver().url_patterns):
        if name in PUBLIC or name.split(":")[0] in PUBLIC or name in UNFILLABLE:
            continue
        kwargs = {}
        for _converter, arg in re.findall(r"<(?:(\w+):)?(\w+)>", route):
            obj = by_name.get(name) if arg == "pk" else by_arg.get(arg)
            value = getattr(obj, "pk", obj)
            if value is None:
                unfilled.append(name)
                break
            kwargs[arg] = value
        else:
            pages.append(Page(name, reverse(name, kwargs=kwargs)))
    return pages, unfilled


def _allowed_roles(name: str, url: str) -> set:
    if name in ROLE_MATRIX:
        return ROLE_MATRIX[name]
    func = get_resolver().resolve(url).func
    # a class view's RoleRequiredMixin, or a function view's role_required
    roles = getattr(getattr(func, "view_class", None), "allowed_roles", None) or getattr(func, "allowed_roles", None)
    if roles is None:
        raise LookupError(f"{name}: a function view; state which roles may open it in ROLE_MATRIX")
    return set(roles)


def _raw_codes() -> re.Pattern:
    codes = set(Package.objects.values_list("code", flat=True))
    codes |= set(Status.values)
    return re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, codes), key=len, reverse=True)) + r")(?![\w-])")


OVERFLOW_JS = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return null;
  const clipped = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1 && !clipped(el))
    .slice(-4).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
                         + ' ' + (el.textContent || '').trim().slice(0, 40));
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide};
}"""


def _log_in(context, live_server, username):
    page = context.new_page()
    page.goto(f"{live_server.url}{reverse('login')}")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()
    assert "logga-in" not in page.url, f"{username} could not log in"
    return page


def _visit(page, context, url):
    """GET a URL as the page; downloads and empty answers are fetched with the same cookies instead.

    Returns the page to go on with: after a failed navigation Chromium's error page may
    still be arriving, so a fresh page (same context, same log-in) takes over."""
    try:
        response = page.goto(url)
        return page, response.status, response.headers
    except PlaywrightError as exc:
        if "Download is starting" not in str(exc) and "ERR_HTTP_RESPONSE_CODE_FAILURE" not in str(exc):
            raise
    page.close()
    response = context.request.get(url, max_redirects=0)
    return context.new_page(), response.status, response.headers


def _check_page(page, role, name, codes, problems):
    # A fragment (an htmx partial) has no document of its own to fit or to check with axe.
    for width in WIDTHS if page.evaluate("() => document.doctype !== null") else ():
        page.set_viewport_size({"width": width, "height": 800})
        overflow = page.evaluate(OVERFLOW_JS)
        if overflow:
            problems.append(f"{role} {name} @{width}px scrolls sideways: {overflow}")
        # everything at the first width; at the others what a width can change
        for v in axe_violations(page, None if width == WIDTHS[0] else AXE_RULES_BY_WIDTH):
            problems.append(f"{role} {name} @{width}px axe {v['id']}: {[n['html'][:120] for n in v['nodes'][:3]]}")
    if name in CODES_TYPED:
        return
    text = page.evaluate("() => document.body.innerText")
    found = sorted(set(codes.findall(text)))
    if found:
        problems.append(f"{role} {name} shows raw codes {found}")


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", "--per-year", "150", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_every_role_walks_every_page(demo, browser, live_server):
    started = time.monotonic()
    pages, unfilled = _pages()
    assert unfilled == [], f"fill their arguments in _objects() or list them in UNFILLABLE: {unfilled}"
    names = {p.name.split(":")[0] for p in pages}
    assert {"assignments", "reference", "surveys", "reporting", "goals", "orders"} <= names
    codes = _raw_codes()
    problems, visited, posts_only = [], 0, set()
    for role, username in ROLE_USERS.items():
        context = browser.new_context(viewport={"width": WIDTHS[0], "height": 800}, bypass_csp=True)
        page = _log_in(context, live_server, username)
        for target in pages:
            page, status, headers = _visit(page, context, f"{live_server.url}{target.url}")
            visited += 1
            if status == 405 and "GET" not in headers.get("allow", ""):
                posts_only.add(target.name)  # an action behind a button: nothing to look at
                continue
            try:
                expected = 200 if role in _allowed_roles(target.name, target.url) else 403
            except LookupError as exc:
                problems.append(str(exc))
                continue
            if status != expected:
                problems.append(f"{role} {target.name} {target.url}: {status}, the role matrix says {expected}")
                continue
            if status == 200 and headers.get("content-type", "").startswith("text/html"):
                _check_page(page, role, target.name, codes, problems)
        context.close()
    elapsed = time.monotonic() - started
    print(f"walk-through: {visited} visits for {len(ROLE_USERS)} roles in {elapsed:.0f} s")
    assert problems == [], "\n".join(problems)
    # the walk looked at pages, not only at buttons' targets
    assert len(posts_only) < len(pages) / 3 and "assignments:status" in posts_only


def test_screenshots_for_the_readme(request, browser, live_server):
    """docs/screenshots/{register,dashboard,survey-phone}.png from the demo, on request only."""
    if not request.config.getoption("--screenshots"):
        pytest.skip("writes the README's screenshots only when run with --screenshots")
    request.getfixturevalue("demo")
    from tests.surveys.helpers import invitation_with_token

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for username, path, name, heading in (("koordinator", reverse("assignments:list"), "register", None),
                                          ("chef", reverse("reporting:dashboard"), "dashboard", "Kundenkät")):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = _log_in(context, live_server, username)
        page.goto(f"{live_server.url}{path}")
        if heading:  # the figures and charts rather than the filter form above them
            page.get_by_role("heading", name=heading, exact=True).evaluate("h => window.scrollTo(0, h.offsetTop - 8)")
        _save(page, name)
        context.close()
    closed = Assignment.objects.filter(status=Status.CLOSED_HIRED).order_by("-closed_on").first()
    _invitation, token = invitation_with_token(assignment=closed, kind="customer")
    phone = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(f"{live_server.url}/s/{token}/")
    _save(page, "survey-phone")
    phone.close()
    for name in ("register", "dashboard", "survey-phone"):
        assert (SCREENSHOTS / f"{name}.png").stat().st_size < 200_000, name


def _save(page, name: str) -> None:
    """A viewport-sized PNG, reduced to a 256-colour palette so it stays small in the repository."""
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(page.screenshot(type="png"))).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(SCREENSHOTS / f"{name}.png", optimize=True)
