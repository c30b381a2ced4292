import unicodedata

from django import template
from django.template.defaultfilters import date, linebreaksbr, truncatechars
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.formats import number_format
from django.utils.hashable import make_hashable
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_noop

from goals.models import Indicator

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


def _status_html(r, unit, user_roles) -> str:
    """goals/_status.html in Python (the same HTML), for the many status cells of the goal chain."""
    if r is None:
        return '<span class="status status-"><span aria-hidden="true"></span> </span>\n'
    parts = [f'<span class="status status-{escape(r.status)}"><span aria-hidden="true">{escape(r.icon)}</span> '
             f'{escape(r.label)}</span>']
    if r.gap is not None:
        sign = "+" if r.gap > 0 else ""
        parts.append(f'<br><span class="small">{escape(gettext("Avvikelse"))}: {sign}'
                     f'{escape(indicator_value(r.gap, unit))}</span>')
    if r.on_track is not None:
        phase = gettext("I fas för helåret") if r.on_track else gettext("Inte i fas för helåret")
        parts.append(f'<br><span class="small">{escape(phase)} ({escape(gettext("förväntat"))} '
                     f'{escape(indicator_value(r.expected, unit))})</span>')
    if r.lack:
        link = (f' <a href="{escape(r.lack.url)}">{escape(r.lack.link_text)}</a>'
                if followable(r.lack, user_roles) else "")
        parts.append(f'<br><span class="small lack">{escape(r.lack.text)}{link}</span>')
    if r.department_wide:
        parts.append(f'<br><span class="small">{escape(gettext("Hela avdelningen"))}</span>')
    parts.append("\n")  # the template file's last line ends
    return "".join(parts)


def _pk_url(name: str, context=None):
    """reverse(name, args=[pk]) for many pks with one reversal (the pk is the URL's only argument); with the
    template `context`, one reversal per page (kept in the render context)."""
    if context is not None:
        made = context.render_context.setdefault("goals_pk_urls", {})
        if name not in made:
            made[name] = _pk_url(name)
        return made[name]
    marker = "987654321987654321"
    prefix, suffix = reverse(name, args=[int(marker)]).split(marker)
    return lambda pk: f"{prefix}{int(pk)}{suffix}"


@register.simple_tag(takes_context=True)
def indicator_rows(context, indicators):
    """The goal chain's indicator rows of one goal, built in Python rather than by a template
    loop with an include per row (the same HTML; the page has some fifty rows)."""
    results, period, query = context.get("results"), context.get("period"), context.get("query")
    can_edit, user_roles = context.get("can_edit"), context.get("user_roles")
    lower_text = escape(gettext("lägre är bättre"))
    edit_text, show_text = escape(gettext("Ändra")), escape(gettext("Visa"))
    basis_for, entered_text = escape(gettext("underlag för")), escape(gettext("Matas in"))
    query_text = escape(query) if query else f"tertial={escape(period)}"
    edit_url, drilldown_url = _pk_url("goals:edit_indicator", context), _pk_url("goals:drilldown", context)
    periodicities = dict(make_hashable(Indicator._meta.get_field("periodicity").flatchoices))
    rows = []
    for ind in indicators:
        res = get_item(results, ind.pk)
        name, unit = escape(ind.name), ind.unit
        # truncatechars gives a name of at most 40 characters back as it is (once in NFC)
        short = (name if len(ind.name) <= 40 and unicodedata.is_normalized("NFC", ind.name)
                 else escape(truncatechars(ind.name, 40)))
        lower = f' <span class="small text-muted">({lower_text})</span>' if ind.direction == "lower" else ""
        edit = (f' <a class="small" href="{escape(edit_url(ind.pk))}">{edit_text}'
                f'<span class="visually-hidden"> {short}</span></a>' if can_edit else "")
        values = [escape(indicator_value(getattr(get_item(res, p), "value", None), unit)) for p in ("T1", "T2", "T3")]
        if ind.source != "entered" and ind.measure:
            basis = (f'<a href="{escape(drilldown_url(ind.pk))}?{query_text}">{show_text}'
                     f'<span class="visually-hidden"> {basis_for} {short}</span></a>')
        elif ind.source == "entered":
            basis = f'<span class="small text-muted">{entered_text}</span>'
        else:
            basis = ""
        rows.append(
            f'\n      <tr data-indicator="{escape(ind.key)}">\n'
            f'        <th scope="row" class="fw-normal">{name}{lower}{edit}</th>\n'
            f'        <td>{escape(target_display(ind))}</td>\n'
            f'        <td>{escape(ind.kf_target or "")}</td>\n'
            f'        <td>{escape(force_str(periodicities.get(ind.periodicity, ind.periodicity)))}</td>\n'
            f'        <td>{values[0]}</td>\n'
            f'        <td>{values[1]}</td>\n'
            f'        <td>{values[2]}</td>\n'
            f'        <td class="status-cell">{_status_html(get_item(res, period), unit, user_roles)}</td>\n'
            f'        <td>{basis}</td>\n'
            f'      </tr>\n    '
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped


def _activities_html(goal, short_text, texts) -> str:
    activities = goal.activities.all()
    if not activities:
        return ""
    rows = "".join(
        f'<tr><th scope="row" class="fw-normal">{escape(a.text)}</th><td>{escape(date(a.starts_on, "Y-m-d") or "")}'
        f'</td><td>{escape(date(a.ends_on, "Y-m-d") or "")}</td><td>{escape(a.responsible)}</td></tr>'
        for a in activities
    )
    return (
        f'\n  <div class="table-responsive" tabindex="0" role="region" aria-label="{texts["scroll"]}">\n'
        f'  <table class="table table-sm">\n'
        f'    <caption>{texts["activities"]}: {short_text}</caption>\n'
        f'    <thead><tr><th scope="col">{texts["activity"]}</th><th scope="col">{texts["starts"]}</th>'
        f'<th scope="col">{texts["ends"]}</th><th scope="col">{texts["responsible"]}</th></tr></thead>\n'
        f'    <tbody>{rows}</tbody>\n'
        f'  </table>\n'
        f'  </div>\n  '
    )


@register.simple_tag(takes_context=True)
def goal_sections(context):
    """The goal chain's sections, one per goal, built in Python rather than by a template loop (the same
    HTML; a plan has some forty goals): heading, predecessor, texts, edit links, indicators, activities."""
    goals, can_edit, period = context.get("goals"), context.get("can_edit"), context.get("period")
    if not goals:
        return mark_safe(f'\n<p>{escape(gettext("Planen har inga mål ännu."))}</p>\n')  # noqa: S308 - escaped
    # gettext_noop marks the texts for makemessages (a variable passed to gettext is invisible to it)
    texts = {key: escape(gettext(text)) for key, text in (
        ("details", gettext_noop("Förväntat resultat, arbetssätt och uppföljning")),
        ("expected", gettext_noop("Förväntat resultat")),
        ("way", gettext_noop("Arbetssätt")),
        ("follow_up", gettext_noop("Uppföljning")),
        ("edit", gettext_noop("Ändra målet")),
        ("new_indicator", gettext_noop("Ny indikator")),
        ("for", gettext_noop("för")),
        ("scroll", gettext_noop("Tabell, rulla i sidled")),
        ("indicators", gettext_noop("Indikatorer")),
        ("indicator", gettext_noop("Indikator")),
        ("target", gettext_noop("Årsmål")),
        ("kf_target", gettext_noop("KF:s årsmål")),
        ("periodicity", gettext_noop("Periodicitet")),
        ("t1", gettext_noop("Utfall T1")),
        ("t2", gettext_noop("Utfall T2")),
        ("t3", gettext_noop("Utfall T3")),
        ("basis", gettext_noop("Underlag")),
        ("activities", gettext_noop("Aktiviteter")),
        ("activity", gettext_noop("Aktivitet")),
        ("starts", gettext_noop("Startdatum")),
        ("ends", gettext_noop("Slutdatum")),
        ("responsible", gettext_noop("Ansvariga")),
    )}
    status_heading = gettext("Status %(period)s") % {"period": escape(period)}
    predecessor_text = gettext("Motsvarar målet %(year)s")
    edit_url, add_url = _pk_url("goals:edit_goal", context), _pk_url("goals:add_indicator", context)
    parts = []
    for goal in goals:
        h, sub = goal.heading, goal.heading + 1
        text = escape(goal.text)
        number = f" {escape(goal.number)}" if goal.number else ""
        parts.append(
            f'\n<section class="goal goal-depth-{goal.depth}" aria-labelledby="goal-{goal.pk}">\n'
            f'  <h{h} id="goal-{goal.pk}" class="h{sub}"><span class="text-muted">'
            f'{escape(goal.get_level_display())}{number}:</span> {text}</h{h}>\n  '
        )
        if goal.predecessor:
            parts.append(f'<p class="small text-muted">{predecessor_text % {"year": goal.predecessor.plan.year}}: '
                         f'{escape(truncatechars(goal.predecessor.text, 120))}</p>')
        parts.append("\n  ")
        if goal.expected_result or goal.way_of_working or goal.follow_up:
            parts.append(f'\n  <details class="mb-2"><summary>{texts["details"]}</summary>\n    ')
            if goal.expected_result:
                parts.append(f'<h{sub} class="h6 mt-2">{texts["expected"]}</h{sub}>'
                             f'<p>{linebreaksbr(goal.expected_result, autoescape=True)}</p>')
            parts.append("\n    ")
            if goal.way_of_working:
                parts.append(f'<h{sub} class="h6">{texts["way"]}</h{sub}>'
                             f'<p>{linebreaksbr(goal.way_of_working, autoescape=True)}</p>')
            parts.append("\n    ")
            if goal.follow_up:
                parts.append(f'<h{sub} class="h6">{texts["follow_up"]}</h{sub}>'
                             f'<p>{linebreaksbr(goal.follow_up, autoescape=True)}</p>')
            parts.append("\n  </details>")
        parts.append("\n  ")
        if can_edit:
            short = escape(truncatechars(goal.text, 60))
            parts.append(
                f'<p><a href="{escape(edit_url(goal.pk))}">{texts["edit"]}<span class="visually-hidden">: {short}'
                f'</span></a>\n    · <a href="{escape(add_url(goal.pk))}">{texts["new_indicator"]}'
                f'<span class="visually-hidden"> {texts["for"]} {short}</span></a></p>'
            )
        parts.append("\n  ")
        caption_text = escape(truncatechars(goal.text, 80))
        indicators = goal.indicators.all()
        if indicators:
            parts.append(
                f'\n  <div class="table-responsive" tabindex="0" role="region" aria-label="{texts["scroll"]}">\n'
                f'  <table class="table table-sm align-middle">\n'
                f'    <caption>{texts["indicators"]}: {caption_text}</caption>\n'
                f'    <thead><tr>\n'
                f'      <th scope="col" class="indicator-name">{texts["indicator"]}</th>'
                f'<th scope="col">{texts["target"]}</th>\n'
                f'      <th scope="col">{texts["kf_target"]}</th><th scope="col">{texts["periodicity"]}</th>\n'
                f'      <th scope="col">{texts["t1"]}</th><th scope="col">{texts["t2"]}</th>'
                f'<th scope="col">{texts["t3"]}</th>\n'
                f'      <th scope="col">{status_heading}</th><th scope="col">{texts["basis"]}</th>\n'
                f'    </tr></thead>\n'
                f'    <tbody>\n'
                f'    {indicator_rows(context, indicators)}\n'
                f'    </tbody>\n'
                f'  </table>\n'
                f'  </div>\n  '
            )
        parts.append("\n  ")
        parts.append(_activities_html(goal, caption_text, texts))
        parts.append("\n</section>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
