"""Answer pages reached from e-mailed links: no account, GET only shows, POST submits."""
from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from django.core import signing
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from surveys import languages
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
# The respondent's language: a query parameter (the e-mail's link, the switch's links), remembered
# in a cookie scoped to the one survey's path. A POST carrying SWITCH_FIELD only re-renders the form
# in that language with the answers typed so far (the switch's script sends it), storing nothing.
LANGUAGE_PARAM = "lang"
LANGUAGE_COOKIE = "sfr_enkatsprak"
LANGUAGE_COOKIE_AGE = 60 * 24 * 3600
SWITCH_FIELD = "_lang"


def _headers(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The link carries the token: never send it to another site. ("no-referrer" would make
    # browsers send "Origin: null" with the form, which fails Django's CSRF origin check.)
    response["Referrer-Policy"] = "same-origin"
    return response


def respondent_language(request) -> str:
    """The language the respondent chose: `?lang=`, else this survey's cookie, else Swedish.

    Never the browser's Accept-Language. Nothing records it but the respondent's own cookie.
    """
    for value in (request.GET.get(LANGUAGE_PARAM), request.COOKIES.get(LANGUAGE_COOKIE)):
        language = languages.language_or_none(value)
        if language:
            return language
    return languages.SWEDISH


def _query_with(request, language: str) -> str:
    """This page's query string with `?lang=` set to `language`."""
    query = request.GET.copy()
    query[LANGUAGE_PARAM] = language
    return "?" + urlencode(sorted(query.items()))


def language_links(request, language: str, offered=(languages.SWEDISH, languages.ENGLISH)) -> list[dict]:
    """The switch's links: the same page with `?lang=` for each offered language."""
    return [{"code": code, "name": languages.NAMES[code], "lang": languages.HTML_LANG[code],
             "href": _query_with(request, code), "current": code == language} for code in offered]


def _in_language(view):
    """Run the view with the respondent's language active for the chrome (gettext), and pass it on."""
    def wrapped(request, *args, **kwargs):
        language = respondent_language(request)
        with translation.override(languages.chrome_language(language)):
            response = view(request, *args, language=language, **kwargs)
        chosen = languages.language_or_none(request.GET.get(LANGUAGE_PARAM))
        # (a switch has already set the cookie to the language it switched to)
        if chosen and request.COOKIES.get(LANGUAGE_COOKIE) != chosen and LANGUAGE_COOKIE not in response.cookies:
            _remember(request, response, chosen)
        return response
    wrapped.__name__, wrapped.__doc__ = view.__name__, view.__doc__
    return wrapped


def _remember(request, response, language: str) -> None:
    response.set_cookie(LANGUAGE_COOKIE, language, max_age=LANGUAGE_COOKIE_AGE, path=request.path,
                        httponly=True, samesite="Lax", secure=request.is_secure())


def _page(request, template, language, context=None, status=200):
    context = {"language_links": language_links(request, language), **(context or {})}
    return _headers(render(request, template, context, status=status))


def unavailable(request, language: str | None = None):
    """One page for every link that cannot be answered: unknown, used, expired, cancelled, closed."""
    language = language or respondent_language(request)
    with translation.override(languages.chrome_language(language)):
        return _page(request, "surveys/public/unavailable.html", language, status=410)


def not_open_yet(request, language: str | None = None):
    """A candidate link whose round has not opened: come back later (nothing stored, link still valid)."""
    language = language or respondent_language(request)
    with translation.override(languages.chrome_language(language)):
        return _page(request, "surveys/public/not_open_yet.html", language)


def _closed_link(request, token, language):
    if candidate_link_not_open_yet(token):
        return not_open_yet(request, language)
    return unavailable(request, language)


def _blank_fields_html(version, questions, language: str) -> str:
    """The questions of an empty form, rendered once per version, package rules and language.

    The key holds everything the markup depends on, so an edited question renders afresh.
    """
    stem = languages.translated(version, "stem", language)
    shape = [version.pk, version.stem, stem, language, translation.get_language()] + [
        (q.pk, q.key, q.text, q.qtype, q.required, q.order, q.choices, q.condition, q.allow_not_applicable,
         q.text_en, q.text_easy, q.choices_en, q.choices_easy)
        for q in questions
    ]
    key = "surveys:fields:" + hashlib.sha256(repr(shape).encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = render_to_string("surveys/public/_fields.html",
                                {"fields": form_fields(questions, stem=stem, language=language)})
        cache.set(key, html, FIELDS_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped when rendered


def render_form(request, *, version, questions, values=None, errors=None, preview=False, status=200, extra=None,
                language: str = languages.SWEDISH):
    """The answer form in `language` (its chrome in the active Django language)."""
    main_questions = sum(1 for n in question_numbers(questions).values() if n.isdigit())
    context = {
        "version": version, "preview": preview, "question_count": main_questions,
        "survey_title": languages.translated(version, "title", language),
        "survey_intro": languages.translated(version, "intro", language),
        "language": language, "switch_field": SWITCH_FIELD, "form_query": _query_with(request, language),
        "language_links": language_links(request, language, languages.languages_offered(version, questions)),
        **(extra or {}),
    }
    if values is None and errors is None:
        context.update(fields_html=_blank_fields_html(version, questions, language), errors=[])
    else:
        stem = languages.translated(version, "stem", language)
        fields = form_fields(questions, values=values, errors=errors, stem=stem, language=language)
        context.update(fields=fields, errors=error_list(fields))
    return _headers(render(request, "surveys/public/form.html", context, status=status))


def switched_language(request) -> str | None:
    """The language a POST asks the form to be re-rendered in (the switch), else None."""
    return languages.language_or_none(request.POST.get(SWITCH_FIELD)) if request.method == "POST" else None


def _switch(request, *, version, questions, language, extra=None):
    """The form again in the chosen `language` with the answers posted so far; nothing stored."""
    with translation.override(languages.chrome_language(language)):
        response = render_form(request, version=version, questions=questions, values=request.POST,
                               language=language, extra=extra)
    _remember(request, response, language)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
@_in_language
def answer(request, token, language):
    if request.method == "GET":
        form = answer_form_for_token(token)  # one query for the link, its version and questions
        if form is None:
            return _closed_link(request, token, language)
        version, questions, about = form
        return render_form(request, version=version, questions=questions, extra={"about": about},
                           language=language)
    invitation = invitation_for_token(token)
    if invitation is None:
        return _closed_link(request, token, language)
    version, questions = questions_for(invitation)
    if version is None:
        return unavailable(request, language)
    switch = switched_language(request)
    if switch:
        return _switch(request, version=version, questions=questions, language=switch,
                       extra={"about": recruitment_about(invitation)})
    try:
        response_submit(token=token, data=request.POST)
    except LinkNotOpenYet:
        return not_open_yet(request, language)
    except LinkUnavailable:
        return unavailable(request, language)
    except SubmissionInvalid as exc:
        return render_form(request, version=version, questions=questions, values=request.POST,
                           errors=exc.errors, extra={"about": recruitment_about(invitation)}, language=language)
    return _thanks_redirect(language)


def _thanks_redirect(language: str):
    response = redirect("public_surveys:thanks")
    if language != languages.SWEDISH:
        response["Location"] += "?" + urlencode({LANGUAGE_PARAM: language})
    return response


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
@_in_language
def training_answer(request, token, language):
    session = training_session_for_token(token)
    if session is None:
        return unavailable(request, language)
    if _answered_in_this_browser(request, session):
        return _page(request, "surveys/public/already_answered.html", language, {"session": session})
    version, questions = questions_for(session)
    if version is None:
        return unavailable(request, language)
    extra = {"session": session}
    if request.method == "POST":
        switch = switched_language(request)
        if switch:
            return _switch(request, version=version, questions=questions, language=switch, extra=extra)
        try:
            training_response_submit(token=token, data=request.POST)
        except LinkUnavailable:
            return unavailable(request, language)
        except SubmissionInvalid as exc:
            return render_form(request, version=version, questions=questions, values=request.POST,
                               errors=exc.errors, extra=extra, language=language)
        response = _thanks_redirect(language)
        response.set_signed_cookie(
            _cookie_name(session), "1", salt=TRAINING_COOKIE_SALT, max_age=TRAINING_COOKIE_AGE,
            httponly=True, samesite="Lax", secure=request.is_secure(),
        )
        return response
    return render_form(request, version=version, questions=questions, extra=extra, language=language)


@require_http_methods(["GET"])
def thanks(request):
    language = languages.language_or_none(request.GET.get(LANGUAGE_PARAM)) or languages.SWEDISH
    with translation.override(languages.chrome_language(language)):
        return _page(request, "surveys/public/thanks.html", language, {"title": _("Tack för ditt svar")})
