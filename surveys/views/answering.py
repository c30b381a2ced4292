"""Answer pages reached from e-mailed links: no account, GET only shows, POST submits."""
from __future__ import annotations

import hashlib

from django.core import signing
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from surveys.forms.answering import error_list, form_fields, question_numbers
from surveys.selectors.answering import (
    answer_form_for_token,
    candidate_link_not_open_yet,
    invitation_for_token,
    questions_for,
    recruitment_about,
    training_session_for_token,
)
from surveys.services.answering import (
    LinkNotOpenYet,
    LinkUnavailable,
    SubmissionInvalid,
    response_submit,
    training_response_submit,
)

TRAINING_COOKIE_SALT = "surveys.training-answered"
TRAINING_COOKIE_AGE = 365 * 24 * 3600
FIELDS_CACHE_SECONDS = 3600


def _headers(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The link carries the token: never send it to another site. ("no-referrer" would make
    # browsers send "Origin: null" with the form, which fails Django's CSRF origin check.)
    response["Referrer-Policy"] = "same-origin"
    return response


def unavailable(request):
    """One page for every link that cannot be answered: unknown, used, expired, cancelled, closed."""
    return _headers(render(request, "surveys/public/unavailable.html", status=410))


def not_open_yet(request):
    """A candidate link whose round has not opened: come back later (nothing stored, link still valid)."""
    return _headers(render(request, "surveys/public/not_open_yet.html"))


def _closed_link(request, token):
    return not_open_yet(request) if candidate_link_not_open_yet(token) else unavailable(request)


def _blank_fields_html(version, questions) -> str:
    """The questions of an empty form, rendered once per version, package rules and language.

    The key holds everything the markup depends on, so an edited question renders afresh.
    """
    shape = [version.pk, version.stem, get_language()] + [
        (q.pk, q.key, q.text, q.qtype, q.required, q.order, q.choices, q.condition, q.allow_not_applicable)
        for q in questions
    ]
    key = "surveys:fields:" + hashlib.sha256(repr(shape).encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = render_to_string("surveys/public/_fields.html",
                                {"fields": form_fields(questions, stem=version.stem)})
        cache.set(key, html, FIELDS_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped when rendered


def render_form(request, *, version, questions, values=None, errors=None, preview=False, status=200, extra=None):
    main_questions = sum(1 for n in question_numbers(questions).values() if n.isdigit())
    context = {"version": version, "preview": preview, "question_count": main_questions, **(extra or {})}
    if values is None and errors is None:
        context.update(fields_html=_blank_fields_html(version, questions), errors=[])
    else:
        fields = form_fields(questions, values=values, errors=errors, stem=version.stem)
        context.update(fields=fields, errors=error_list(fields))
    return _headers(render(request, "surveys/public/form.html", context, status=status))


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, token):
    if request.method == "GET":
        form = answer_form_for_token(token)  # one query for the link, its version and questions
        if form is None:
            return _closed_link(request, token)
        version, questions, about = form
        return render_form(request, version=version, questions=questions, extra={"about": about})
    invitation = invitation_for_token(token)
    if invitation is None:
        return _closed_link(request, token)
    version, questions = questions_for(invitation)
    if version is None:
        return unavailable(request)
    try:
        response_submit(token=token, data=request.POST)
    except LinkNotOpenYet:
        return not_open_yet(request)
    except LinkUnavailable:
        return unavailable(request)
    except SubmissionInvalid as exc:
        return render_form(request, version=version, questions=questions, values=request.POST,
                           errors=exc.errors, extra={"about": recruitment_about(invitation)})
    return redirect("public_surveys:thanks")


def _cookie_name(session) -> str:
    return f"sfr_kurs_{session.pk}"


def _answered_in_this_browser(request, session) -> bool:
    try:
        request.get_signed_cookie(_cookie_name(session), salt=TRAINING_COOKIE_SALT, max_age=TRAINING_COOKIE_AGE)
    except (KeyError, signing.BadSignature):
        return False
    return True


@never_cache
@require_http_methods(["GET", "POST"])
def training_answer(request, token):
    session = training_session_for_token(token)
    if session is None:
        return unavailable(request)
    if _answered_in_this_browser(request, session):
        return _headers(render(request, "surveys/public/already_answered.html", {"session": session}))
    version, questions = questions_for(session)
    if version is None:
        return unavailable(request)
    extra = {"session": session}
    if request.method == "POST":
        try:
            training_response_submit(token=token, data=request.POST)
        except LinkUnavailable:
            return unavailable(request)
        except SubmissionInvalid as exc:
            return render_form(request, version=version, questions=questions, values=request.POST,
                               errors=exc.errors, extra=extra)
        response = redirect("public_surveys:thanks")
        response.set_signed_cookie(
            _cookie_name(session), "1", salt=TRAINING_COOKIE_SALT, max_age=TRAINING_COOKIE_AGE,
            httponly=True, samesite="Lax", secure=request.is_secure(),
        )
        return response
    return render_form(request, version=version, questions=questions, extra=extra)


@require_http_methods(["GET"])
def thanks(request):
    return _headers(render(request, "surveys/public/thanks.html", {"title": _("Tack för ditt svar")}))
