"""English for every seeded survey version, and easy-to-read Swedish (lättläst svenska) for the
candidate and six-month surveys.

A translation is keyed by the exact Swedish text it translates, and written only into a blank
translation column of a version or question whose Swedish text is still that text: a text a
coordinator has reworded keeps its translations blank (the form then shows the Swedish) until
someone writes them. Copies of seeded versions with unchanged texts get them too.
"""
from django.db import migrations

# Swedish -> (English, easy-to-read Swedish or "").
TITLES = {
    "Kundenkät": ("Customer survey", ""),
    "Kandidatenkät": ("Candidate survey", "Enkät om din rekrytering"),
    "Uppföljning efter sex månader": ("Follow-up after six months", "Uppföljning efter sex månader"),
    "Utvärdering av utbildning i kompetensbaserad rekrytering": (
        "Evaluation of the course in competency-based recruitment", ""),
}

INTROS = {
    "Tack för att du tar dig tid att svara på några frågor om rekryteringen vi gjort tillsammans. "
    "Svara på en skala från 1 (lägst) till 10 (högst).": (
        "Thank you for taking the time to answer a few questions about the recruitment we carried out "
        "together. Answer on a scale from 1 (lowest) to 10 (highest).", ""),
    "Grattis till din nya anställning! Vi vill gärna veta hur du upplevde rekryteringsprocessen. "
    "Dina svar är anonyma.": (
        "Congratulations on your new job! We would like to know how you found the recruitment process. "
        "Your answers are anonymous.",
        "Grattis till ditt nya jobb! Vi vill veta vad du tycker om rekryteringen. "
        "Du svarar anonymt. Ingen kan se vem som har svarat."),
    "Din nya medarbetare har nu varit anställd i ungefär sex månader. Hur har det gått?": (
        "Your new employee has now been with you for about six months. How has it gone?",
        "Din nya medarbetare har jobbat hos dig i ungefär sex månader. Hur har det gått?"),
    "Tack för att du deltog i utbildningen. Svara på en skala från 1 (lägst) till 10 (högst).": (
        "Thank you for taking part in the course. Answer on a scale from 1 (lowest) to 10 (highest).", ""),
}

STEMS = {
    "Rekryteringskonsultens arbetssätt i rekryteringsprocessen har kännetecknats av:": (
        "The recruitment consultant's way of working in the recruitment process was marked by:", ""),
}

# The customer statements complete the stem and start in lower case, in English too.
QUESTIONS = {
    # Customer survey
    "väl planerad rekrytering": ("a well-planned recruitment", ""),
    "bra stöd att skriva en inkluderande, lättförståelig och lockande annons": (
        "good support in writing an inclusive, easy-to-understand and attractive job advertisement", ""),
    "bra stöd i urvalsarbetet": ("good support in selecting candidates", ""),
    "bra stöd vid intervjuer": ("good support with the interviews", ""),
    "bra stöd med referenser, oftast digitalt": ("good support with references, usually digital", ""),
    "bra återkoppling efter fördjupad intervju i samband med tester": (
        "good feedback after the in-depth interview held with the tests", ""),
    "bra stöd i att arbeta kompetensbaserat och fördomsmedvetet för att säkerställa en inkluderande rekrytering": (
        "good support in working in a competency-based and bias-aware way to ensure an inclusive recruitment", ""),
    "bra stöd i att arbeta kompetensbaserat och fördomsmedvetet i syfte att undvika diskriminering": (
        "good support in working in a competency-based and bias-aware way in order to avoid discrimination", ""),
    "gott bemötande": ("a friendly and respectful manner", ""),
    "bra samarbete": ("good cooperation", ""),
    "Hur nöjd är du med tjänsten/paketet du köpt av oss på Serviceförvaltningen Rekrytering som helhet?": (
        "Overall, how satisfied are you with the service/package you bought from us at "
        "Serviceförvaltningen Rekrytering?", ""),
    "Hur sannolikt är det att du skulle rekommendera vår tjänst till en vän eller kollega?": (
        "How likely is it that you would recommend our service to a friend or colleague?", ""),
    "Har du köpt stöd av oss tidigare?": ("Have you bought support from us before?", ""),
    "Hur fick du kännedom om oss?": ("How did you hear about us?", ""),
    "Har du några övriga kommentarer?": (
        "Do you have any other comments?", "Vill du säga något mer? Skriv det här."),
    # Candidate survey
    "Fick du information om vilka du skulle träffa vid intervjun?": (
        "Were you told whom you would meet at the interview?",
        "Fick du veta vilka du skulle träffa på intervjun?"),
    "Fick du information om att Stockholms stad arbetar med kompetensbaserad intervjuteknik?": (
        "Were you told that the City of Stockholm uses competency-based interviewing?",
        "Fick du veta att Stockholms stad använder kompetensbaserade intervjuer? "
        "Det betyder att vi frågar om vad du kan och vad du har gjort förut."),
    "Tyckte du att annonsen var skriven på ett tydligt och begripligt språk?": (
        "Did you find the job advertisement written in clear and understandable language?",
        "Var annonsen om jobbet lätt att förstå?"),
    "Upplevde du att informationen du fick under rekryteringsprocessen gällande arbetsplatsen och "
    "arbetsuppgifterna motsvarande den utannonserade tjänsten?": (
        "Did the information you were given during the recruitment process about the workplace and the "
        "duties match the advertised job?",
        "Stämde det du fick veta om arbetsplatsen och arbetsuppgifterna med annonsen?"),
    "Upplevde du att intervjuerna gav dig möjlighet att ge en rättvisande bild av dig själv i din "
    "yrkesroll, med fokus på din arbetslivserfarenhet och kompetens?": (
        "Did the interviews give you the chance to give a fair picture of yourself in your professional "
        "role, focusing on your work experience and skills?",
        "Kunde du visa på intervjuerna vad du kan och vad du har gjort i dina tidigare jobb?"),
    "Upplevde du rekryteringsprocessen i sin helhet som tidseffektiv?": (
        "Did you find the recruitment process as a whole time-efficient?",
        "Gick rekryteringen snabbt, utan onödig väntan?"),
    "Upplevde du att du fick tillräcklig information genom hela rekryteringsprocessen?": (
        "Did you feel that you were given enough information throughout the recruitment process?",
        "Fick du tillräckligt med information under hela rekryteringen?"),
    "Upplevde du att rekryteringsprocessen varit icke-diskriminerande och fördomsmedveten?": (
        "Did you feel that the recruitment process was free from discrimination and aware of bias?",
        "Var rekryteringen rättvis? Alltså utan fördomar och utan diskriminering?"),
    "Upplevde du att du har haft en bra kontakt med ansvarig rekryteringskonsult under "
    "rekryteringsprocessens gång?": (
        "Did you feel that you had good contact with the recruitment consultant in charge during the "
        "recruitment process?",
        "Hade du bra kontakt med din rekryteringskonsult under rekryteringen?"),
    "Har du under rekryteringsprocessen gång genomfört tester?": (
        "Did you take any tests during the recruitment process?",
        "Gjorde du några tester under rekryteringen?"),
    "Fick du relevant information kring de arbetspsykologiska testerna innan du genomförde dem?": (
        "Were you given relevant information about the occupational psychology tests before you took them?",
        "Fick du bra information om testerna innan du gjorde dem?"),
    "Helhetsomdöme: Rekryteringsprocessen i sin helhet upplevde jag som professionell och välplanerad.": (
        "Overall assessment: I found the recruitment process as a whole professional and well planned.",
        "Vad tycker du om hela rekryteringen? Var den bra gjord och väl planerad?"),
    # Six-month survey
    "Hur väl matchar din nya medarbetare tjänsten den anställdes för?": (
        "How well does your new employee match the job they were hired for?",
        "Hur bra passar din nya medarbetare för jobbet?"),
    "Kan du tänka dig att använda vårt stöd igen?": (
        "Would you consider using our support again?", "Vill du ta hjälp av oss igen?"),
    # Training evaluation
    "Vilket helhetsbetyg ger du utbildningen?": ("What overall grade do you give the course?", ""),
    "Hur upplevde du utbildningens innehåll?": ("What did you think of the course content?", ""),
    "Hur upplevde du utbildningens genomförande?": ("What did you think of how the course was run?", ""),
}


# The surveys written in easy-to-read Swedish (the customer and course surveys share the comment
# question's text, but are not offered in easy Swedish with one question translated).
EASY_KINDS = {"candidate", "six_month"}


def _fill(obj, field, table, kind) -> list[str]:
    """Write the translations of `obj.<field>` into its blank columns; the names of those written."""
    en, easy = table.get(getattr(obj, field), ("", ""))
    if kind not in EASY_KINDS:
        easy = ""
    written = []
    for suffix, text in (("_en", en), ("_easy", easy)):
        if text and not getattr(obj, field + suffix).strip():
            setattr(obj, field + suffix, text)
            written.append(field + suffix)
    return written


def seed(apps, schema_editor):
    SurveyVersion = apps.get_model("surveys", "SurveyVersion")
    Question = apps.get_model("surveys", "Question")
    for version in SurveyVersion.objects.all():
        fields = (_fill(version, "title", TITLES, version.kind) + _fill(version, "intro", INTROS, version.kind)
                  + _fill(version, "stem", STEMS, version.kind))
        if fields:
            version.save(update_fields=fields)
    for question in Question.objects.filter(text__in=list(QUESTIONS)).select_related("version"):
        fields = _fill(question, "text", QUESTIONS, question.version.kind)
        if fields:
            question.save(update_fields=fields)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0015_translations")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
