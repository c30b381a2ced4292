"""What the customer waits for, or is expected to do next, at each status of the assignment (status page)."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from assignments.models import Status

NEXT_STEP = {
    Status.INCOMING: _("Vi går igenom beställningen och utser en rekryteringskonsult, oftast inom två "
                       "arbetsdagar. Du behöver inte göra något just nu."),
    Status.REGISTERED: _("Din konsult kontaktar dig för att boka uppstartsmötet. Förbered gärna svaren på "
                         "frågorna i beställningen."),
    Status.START_MEETING: _("Konsulten skriver annonsen utifrån kravprofilen. Du får läsa den innan den "
                            "publiceras."),
    Status.AD_PUBLISHED: _("Annonsen är publicerad. Boka redan nu tider för intervjuer efter sista "
                           "ansökningsdag."),
    Status.SELECTION: _("Konsulten gör urvalet och återkommer med de kandidater som går vidare till intervju."),
    Status.INTERVIEWS: _("Intervjuerna pågår. Konsulten stämmer av med dig efter varje intervjudag."),
    Status.TESTS: _("Kandidaterna gör tester och en fördjupad intervju. Konsulten återkopplar resultatet."),
    Status.REFERENCES: _("Konsulten tar referenser i samråd med dig. Därefter beslutar du vem som ska "
                         "erbjudas tjänsten."),
    Status.CLOSED_HIRED: _("Rekryteringen är avslutad. Du får en kort enkät om hur du upplevde vårt stöd."),
    Status.CLOSED_NOT_HIRED: _("Rekryteringen är avslutad utan anställning. Kontakta konsulten om ni vill "
                               "göra ett omtag."),
    Status.CANCELLED: _("Beställningen är avbruten."),
}
