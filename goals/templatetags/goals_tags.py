from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def indicator_value(value, unit):
    """A value in the indicator's unit, Swedish style: 80,0 %, 1 200 000 kr, 9,50."""
    if value is None or value == "":
        return "–"
    value = float(value)
    if unit == "percent":
        return f"{number_format(value, 1)} %"
    if unit == "sek":
        return f"{number_format(round(value), 0, force_grouping=True)} kr"
    if unit in ("count", "hours"):
        return number_format(value, 0 if value == int(value) else 1, force_grouping=True)
    if unit == "index":
        return number_format(value, 1)
    return number_format(value, 2)


@register.filter
def target_display(indicator):
    if indicator.target_text:
        return indicator.target_text
    if indicator.target is None:
        return "–"
    return indicator_value(indicator.target, indicator.unit)


@register.filter
def followable(lack, user_roles):
    """Whether the user may follow the link of a goals.lacks.Lack."""
    return bool(lack) and lack.followable(user_roles or ())


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
