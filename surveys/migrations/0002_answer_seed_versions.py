"""Seed the survey versions with the department's exact questions.

Customer survey: 2020 (2020 wording of the competency statement, "gott bemötande"),
2023 (adds "Har du köpt stöd av oss tidigare?" and, if Nej, "Hur fick du kännedom
om oss?"), 2025 (drops "gott bemötande", adds NPS). Candidate, six-month and
training surveys: 2025. Texts follow DOMAIN.md; where the department's own
document (seed 000) words a question differently, the seed wins.
"""
from django.db import migrations

STEM = "Rekryteringskonsultens arbetssätt i rekryteringsprocessen har kännetecknats av:"

S10, S0, YN, TXT = "scale_1_10", "scale_0_10", "yes_no", "text"

COMPETENCY_2020 = (
    "bra stöd i att arbeta kompetensbaserat och fördomsmedvetet för att säkerställa en inkluderande rekrytering"
)
COMPETENCY_2023 = (
    "bra stöd i att arbeta kompetensbaserat och fördomsmedvetet i syfte att undvika diskriminering"
)
OVERALL_CUSTOMER = (
    "Hur nöjd är du med tjänsten/paketet du köpt av oss på Serviceförvaltningen Rekrytering som helhet?"
)
COMMENT = {"key": "comment", "text": "Har du några övriga kommentarer?", "qtype": TXT, "required": False}


def q(key, text, qtype=S10, **extra):
    return {"key": key, "text": text, "qtype": qtype, **extra}


def customer(year):
    statements = [
        q("planning", "väl planerad rekrytering"),
        q("ad_support", "bra stöd att skriva en inkluderande, lättförståelig och lockande annons"),
        q("selection_support", "bra stöd i urvalsarbetet"),
        q("interview_support", "bra stöd vid intervjuer", requires_interviews=True, allow_not_applicable=True),
        q("reference_support", "bra stöd med referenser, oftast digitalt"),
        q("test_feedback", "bra återkoppling efter fördjupad intervju i samband med tester",
          requires_tests=True, allow_not_applicable=True),
        q("competency_based", COMPETENCY_2020 if year < 2023 else COMPETENCY_2023),
    ]
    if year < 2025:
        statements.append(q("treatment", "gott bemötande"))
    statements.append(q("cooperation", "bra samarbete"))
    statements.append(q("overall_satisfaction", OVERALL_CUSTOMER))
    if year >= 2025:
        statements.append(q(
            "nps", "Hur sannolikt är det att du skulle rekommendera vår tjänst till en vän eller kollega?", S0))
    if year >= 2023:
        statements.append(q("returning_customer", "Har du köpt stöd av oss tidigare?", YN))
        statements.append(q("heard_of_us", "Hur fick du kännedom om oss?", TXT, required=False,
                            condition={"key": "returning_customer", "equals": "nej"}))
    return statements + [COMMENT]


CANDIDATE = [
    q("info_interviewers", "Fick du information om vilka du skulle träffa vid intervjun?", YN),
    q("info_competency_based",
      "Fick du information om att Stockholms stad arbetar med kompetensbaserad intervjuteknik?", YN),
    q("ad_clear", "Tyckte du att annonsen var skriven på ett tydligt och begripligt språk?", YN),
    # Seed 000 reads "motsvarande" (DOMAIN.md: "motsvarade"): the department's wording is kept.
    q("info_matched_job",
      "Upplevde du att informationen du fick under rekryteringsprocessen gällande arbetsplatsen och "
      "arbetsuppgifterna motsvarande den utannonserade tjänsten?", YN),
    q("interview_fair_picture",
      "Upplevde du att intervjuerna gav dig möjlighet att ge en rättvisande bild av dig själv i din "
      "yrkesroll, med fokus på din arbetslivserfarenhet och kompetens?", YN),
    q("time_efficient", "Upplevde du rekryteringsprocessen i sin helhet som tidseffektiv?", YN),
    q("info_sufficient", "Upplevde du att du fick tillräcklig information genom hela rekryteringsprocessen?", YN),
    q("non_discriminatory",
      "Upplevde du att rekryteringsprocessen varit icke-diskriminerande och fördomsmedveten?", YN),
    q("consultant_contact",
      "Upplevde du att du har haft en bra kontakt med ansvarig rekryteringskonsult under "
      "rekryteringsprocessens gång?", YN),
    # Seed 000 reads "rekryteringsprocessen gång" (DOMAIN.md: "rekryteringsprocessens gång").
    q("took_tests", "Har du under rekryteringsprocessen gång genomfört tester?", YN),
    q("test_info",
      "Fick du relevant information kring de arbetspsykologiska testerna innan du genomförde dem?", YN,
      condition={"key": "took_tests", "equals": "ja"}),
    q("overall",
      "Helhetsomdöme: Rekryteringsprocessen i sin helhet upplevde jag som professionell och välplanerad."),
    COMMENT,
]

SIX_MONTH = [
    q("match", "Hur väl matchar din nya medarbetare tjänsten den anställdes för?"),
    q("use_again", "Kan du tänka dig att använda vårt stöd igen?", YN),
    COMMENT,
]

TRAINING = [
    q("overall", "Vilket helhetsbetyg ger du utbildningen?"),
    q("content", "Hur upplevde du utbildningens innehåll?"),
    q("delivery", "Hur upplevde du utbildningens genomförande?"),
    COMMENT,
]

VERSIONS = [
    ("customer", 2020, "Kundenkät", STEM, customer(2020)),
    ("customer", 2023, "Kundenkät", STEM, customer(2023)),
    ("customer", 2025, "Kundenkät", STEM, customer(2025)),
    ("candidate", 2025, "Kandidatenkät", "", CANDIDATE),
    ("six_month", 2025, "Uppföljning efter sex månader", "", SIX_MONTH),
    ("training", 2025, "Utvärdering av utbildning i kompetensbaserad rekrytering", "", TRAINING),
]

INTROS = {
    "customer": "Tack för att du tar dig tid att svara på några frågor om rekryteringen vi gjort tillsammans. "
                "Svara på en skala från 1 (lägst) till 10 (högst).",
    "candidate": "Grattis till din nya anställning! Vi vill gärna veta hur du upplevde rekryteringsprocessen. "
                 "Dina svar är anonyma.",
    "six_month": "Din nya medarbetare har nu varit anställd i ungefär sex månader. Hur har det gått?",
    "training": "Tack för att du deltog i utbildningen. Svara på en skala från 1 (lägst) till 10 (högst).",
}


def seed(apps, schema_editor):
    SurveyVersion = apps.get_model("surveys", "SurveyVersion")
    Question = apps.get_model("surveys", "Question")
    for kind, year, title, stem, questions in VERSIONS:
        version, created = SurveyVersion.objects.update_or_create(
            kind=kind, year=year, defaults={"title": title, "stem": stem, "intro": INTROS[kind]}
        )
        if not created and version.questions.exists() and not _is_seeded_shape(version, questions):
            continue  # edited by coordinators since: leave their work alone
        for order, spec in enumerate(questions, start=1):
            Question.objects.update_or_create(
                version=version, key=spec["key"],
                defaults={
                    "text": spec["text"], "qtype": spec["qtype"], "order": order * 10,
                    "required": spec.get("required", True), "choices": spec.get("choices", []),
                    "condition": spec.get("condition", {}),
                    "allow_not_applicable": spec.get("allow_not_applicable", False),
                    "requires_interviews": spec.get("requires_interviews", False),
                    "requires_tests": spec.get("requires_tests", False),
                },
            )


def _is_seeded_shape(version, questions) -> bool:
    return set(version.questions.values_list("key", flat=True)) == {spec["key"] for spec in questions}


def unseed(apps, schema_editor):
    pass


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
