"""Pages for the outbox: invitations and their states, local mail, low-score flags."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from recruitment.roles import ALL_ROLES, COORDINATOR, MANAGER, has_role, require_role

from ..forms.dispatch import FollowUpForm, InvitationFilter
from ..languages import SWEDISH, chrome_language
from ..models import Invitation, LocalMail
from ..selectors import dispatch as selectors
from ..services import followup, scheduling
from .answering import respondent_language

PAGE_SIZE = 50


@login_required
def invitation_list(request):
    require_role(request.user, *ALL_ROLES)
    filterset = InvitationFilter(request.GET or None, queryset=selectors.invitations_visible_to(request.user)
                                 .order_by("-due_at", "-pk"))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(request, "surveys/invitation_list.html", {
        "filter": filterset, "page": page, "query": query.urlencode(),
        "can_manage": has_role(request.user, COORDINATOR),
    })


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("surveys:invitations")


ACTIONS = {
    "hold": (scheduling.invitation_hold, _("Inbjudan hålls inne.")),
    "release": (scheduling.invitation_release, _("Inbjudan är släppt och skickas vid nästa utskick.")),
    "resend": (scheduling.invitation_resend, _("Inbjudan skickas igen vid nästa utskick.")),
}


@login_required
@require_POST
def invitation_action(request, pk: int, action: str):
    require_role(request.user, COORDINATOR)
    invitation = get_object_or_404(Invitation, pk=pk)
    service, done = ACTIONS[action]
    try:
        service(invitation=invitation)
    except scheduling.InvitationStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return _back(request)


@login_required
def local_mail_list(request):
    require_role(request.user, COORDINATOR)
    page = Paginator(selectors.local_mail_list(), PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "surveys/local_mail_list.html", {"page": page})


@login_required
def local_mail_detail(request, pk: int):
    require_role(request.user, COORDINATOR)
    mail = get_object_or_404(LocalMail, pk=pk)
    return render(request, "surveys/local_mail_detail.html", {"mail": mail})


@login_required
def flag_list(request):
    require_role(request.user, COORDINATOR, MANAGER)
    include_done = request.GET.get("alla") == "1"
    flags = selectors.low_score_flags(include_done=include_done)
    return render(request, "surveys/flag_list.html", {"flags": flags, "include_done": include_done})


@login_required
def flag_detail(request, pk: int):
    require_role(request.user, COORDINATOR, MANAGER)
    flag = get_object_or_404(selectors.low_score_flags_with_answers(), pk=pk)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            followup.low_score_flag_follow_up(flag=flag, by=request.user, note=form.cleaned_data["note"])
        except followup.FollowUpError as exc:
            form.add_error("note", str(exc))
        else:
            messages.success(request, _("Flaggan är markerad som uppföljd."))
            return redirect("surveys:flags")
    return render(request, "surveys/flag_detail.html", {"flag": flag, "form": form})


@csrf_exempt  # RFC 8058 one-click: the mail client POSTs without a form of ours
@never_cache
def unsubscribe(request, token: str):
    """GET shows a confirm button (mail scanners open links); POST unsubscribes.

    The answer is the same whether or not the token exists.
    """
    done = False
    if request.method == "POST":
        followup.invitation_unsubscribe(token=token)
        done = True
    language = respondent_language(request)  # the e-mail's link carries its language
    with translation.override(chrome_language(language)):
        return render(request, "surveys/unsubscribe.html",
                      {"done": done, "token": token, "query": "" if language == SWEDISH else f"?lang={language}"})
