"""Short Swedish labels for question keys and register codes, as the department's reports name them."""
from django.utils.translation import gettext_lazy as _

QUESTION_LABELS = {
    "customer": {
        "planning": _("Väl planerad rekrytering"),
        "ad_support": _("Stöd med annonsen"),
        "selection_support": _("Stöd i urvalsarbetet"),
        "interview_support": _("Stöd vid intervjuer"),
        "reference_support": _("Stöd med referenser"),
        "test_feedback": _("Återkoppling efter tester"),
        "competency_based": _("Kompetensbaserat och fördomsmedvetet"),
        "cooperation": _("Bra samarbete"),
        "treatment": _("Gott bemötande"),
        "overall_satisfaction": _("Nöjd med tjänsten som helhet"),
        "nps": _("Rekommendera (NPS-fråga)"),
        "returning_customer": _("Köpt stöd tidigare"),
    },
    "candidate": {
        "info_interviewers": _("Information om vilka du skulle träffa"),
        "info_competency_based": _("Information om kompetensbaserad intervjuteknik"),
        "ad_clear": _("Annonsen tydlig och begriplig"),
        "info_matched_job": _("Informationen motsvarade tjänsten"),
        "interview_fair_picture": _("Intervjuerna gav en rättvisande bild"),
        "time_efficient": _("Processen tidseffektiv"),
        "info_sufficient": _("Tillräcklig information"),
        "non_discriminatory": _("Icke-diskriminerande och fördomsmedveten"),
        "consultant_contact": _("Bra kontakt med konsulten"),
        "took_tests": _("Genomfört tester"),
        "test_info": _("Relevant information om testerna"),
        "overall": _("Helhetsomdöme (1–10)"),
    },
    "six_month": {"match": _("Matchning (1–10)"), "use_again": _("Använder oss igen")},
    "training": {"overall": _("Helhetsbetyg"), "content": _("Innehåll"), "delivery": _("Genomförande")},
}

SUMMARY_LABELS = {
    "total_mean": _("Totalt medelvärde"),
    "satisfied_share": _("Andel nöjda"),
    "nps": _("NPS"),
    "returning_customer_share": _("Andel återkommande kunder"),
    "responses": _("Antal svar"),
    "response_rate": _("Svarsfrekvens"),
    "match_mean": _("Matchning, medelvärde"),
    "use_again_share": _("Använder oss igen"),
    "mean": _("Medelbetyg"),
}

SURVEY_TITLES = {
    "customer": _("Kundenkät"),
    "candidate": _("Kandidatenkät"),
    "six_month": _("Sexmånadersenkät"),
    "training": _("Utvärdering av KBR-utbildningen"),
}


def question_label(kind: str, key: str) -> str:
    return str(QUESTION_LABELS.get(kind, {}).get(key, key))

# Short month names as in "2025 jan–aug"
MONTHS = {1: _("jan"), 2: _("feb"), 3: _("mar"), 4: _("apr"), 5: _("maj"), 6: _("jun"), 7: _("jul"), 8: _("aug"),
          9: _("sep"), 10: _("okt"), 11: _("nov"), 12: _("dec")}
