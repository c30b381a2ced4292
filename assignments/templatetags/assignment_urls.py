"""`{{ reference|ref_url:"assignments:detail" }}`: the URL of a page whose one argument is an assignment
reference, for lists that link many rows.

`{% url %}` resolves the name again for every row, and on a list of a hundred rows that is most of what the
rows cost. The parts before and after the reference are the same for every row, so they are worked out once
per URL name (and URL configuration and script prefix) and the reference is put between them. References
match the `ref` converter (a digit, then letters, digits, `_` and `-`), which need no quoting in a path.
"""
from django import template
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()

_MARK = "0ref-url-mark"  # matches the `ref` converter
_parts: dict[tuple, tuple[str, str]] = {}


def url_parts(name: str) -> tuple[str, str]:
    """(before, after) the reference in the URL named `name`."""
    key = (get_urlconf(), get_script_prefix(), name)
    parts = _parts.get(key)
    if parts is None:
        before, after = reverse(name, args=[_MARK]).split(_MARK)
        parts = _parts[key] = (before, after)
    return parts


@register.filter
def ref_url(reference: str, name: str) -> str:
    before, after = url_parts(name)
    return f"{before}{reference}{after}"
