"""The staff UI's language: chosen only by the user's explicit choice (the language cookie that
Django's `set_language` view sets from the switch in the page header), never by the browser's
Accept-Language, so Swedish staff with English browsers still get Swedish."""
from django.conf import settings
from django.utils import translation


def chosen_language(request) -> str:
    """The language in the cookie when it is one the product offers, else the source language."""
    wanted = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    offered = {code for code, _name in settings.LANGUAGES}
    return wanted if wanted in offered else settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    """Activates the chosen language for the request and restores the thread's language afterwards.

    A view may still override it (the public survey pages pick the respondent's language; e-mails render
    in their own language); the override ends with the request, so nothing leaks to the next one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
            served = translation.get_language()  # a view that activated another language served that one
        response.headers.setdefault("Content-Language", served)
        return response
