"""The 2023 business plan of SF Rekrytering (seed 002), as data for the seed migration."""
from .data import (
    ATTRACTIVE_EMPLOYER,
    CNT,
    IDX,
    KF_12,
    KF_31,
    KF_32,
    KF_34,
    KF_37,
    KF_AIM_1,
    KF_AIM_3,
    MANAGER_PACKAGES,
    PCT,
    RECOMMEND,
    SCORE,
    A,
    E,
    T,
    Y,
    _jobs,
    _sick_leave,
    goal,
    ind,
    share,
)


def _acts(*rows):
    return [(text, start, end, resp) for text, start, end, resp in rows]


PLAN = [
    goal("kf_inriktningsmal", KF_AIM_1, number="1", ref="23-i1", children=[
        goal("kf_mal", KF_12, number="1.2", ref="23-k12", children=[
            goal("namndmal", "Servicenämnden bidrar till att staden kan öka andelen utbildad personal inom förskolan "
                 "och skolan.", ref="23-n12",
                 expected="Genom serviceförvaltningen rekrytering ges stadens förskolor och skolor möjlighet att "
                 "kvalitetssäkert öka anställningen av utbildad personal i form av rektorer, biträdande rektorer, "
                 "legitimerade förskollärare och utbildade barnskötare samt fler behöriga lärare.",
                 indicators=[
                     ind("districts_preschool_trained", "Antal stadsdelsförvaltningar som anlitar "
                         "serviceförvaltningen rekryterings tjänster för rekrytering av utbildad personal inom "
                         "verksamhetsområde förskola ska öka", 11, CNT, Y, measure="distinct_districts",
                         params={"sector": "forskola"}),
                 ],
                 children=[
                     goal("enhetsmal", "SF Rekrytering bidrar till kvalitetssäkrad rekrytering till förskolan samt "
                          "till grundskolan och gymnasieskolan", ref="23-e12",
                          expected="- SF Rekrytering är involverade i fem procent av utbildningsförvaltningens "
                          "rekryteringar.\n- SF Rekrytering är involverade i 28 procent av "
                          "utbildningsförvaltningens chefsrekryteringar.\n- SF rekrytering utför 20 lärarpaket till "
                          "förskola och skola.",
                          follow="Andelen av utbildningsförvaltningens rekryteringar följs upp med antal "
                          "uppdrag/antal publicerade annonser i Varbi för utbildningsförvaltningen. Involveringen i "
                          "utbildningsförvaltningens chefsrekryteringar mäts genom antalet chefspaket + antalet "
                          "second opinion för chefer/antalet publicerade chefsannonser i Varbi. Antal sålda "
                          "lärarpaket.",
                          indicators=[
                              ind("edu_manager_share", "Andel i procent av Utbildningsförvaltningens "
                                  "chefsrekryteringar (chefspaket, second opinion paket)", 28, PCT, T,
                                  measure="share_of_ads", params=share("Utbildningsförvaltningen", manager=True,
                                                                       packages=MANAGER_PACKAGES)),
                              ind("edu_share", "Andel i procent av Utbildningsförvaltningens rekryteringar.", 5, PCT,
                                  T, measure="share_of_ads", params=share("Utbildningsförvaltningen")),
                              ind("kbr_edu", "Antal KBR-utbildningar utförda för Utbildningsförvaltningen.", 2, CNT,
                                  T, measure="kbr_trainings", params={"organisation": "Utbildningsförvaltningen"}),
                              ind("teacher_packages", "Antal sålda lärarpaket.", 20, CNT, T,
                                  measure="assignments_ordered", params={"packages": ["LARARPAKET"]}),
                          ],
                          activities=_acts(
                              ("Arbetsgrupp utreder möjligheten att ta fram ett gemensamt skolpaket för skola och "
                               "förskola", "2023-01-09", "2023-06-30", "GD, DÖN, MK, EÅ, KTL"),
                              ("Genomgång av lärarpaket, rektorsbedömningar, utbildningsförvaltningens "
                               "rekryteringsprocess mm för hela SF rekrytering", "2023-01-09", "2023-03-31",
                               "DÖN, GD, KTL"),
                          )),
                 ]),
        ]),
    ]),
    goal("kf_inriktningsmal", KF_AIM_3, number="3", ref="23-i3", children=[
        goal("kf_mal", KF_31, number="3.1", ref="23-k31", children=[
            goal("namndmal", "Servicenämnden erbjuder konsulttjänster med specialistkompetens till förvaltningar "
                 "och bolag.", ref="23-n31",
                 expected="Serviceförvaltningens breda kunskap om staden, i kombination med specialistkompetens inom "
                 "förvaltningens uppdrag, innebär att förvaltningen erbjuder konkurrenskraftiga konsulttjänster.",
                 indicators=[
                     ind("city_manager_share", "Andel chefsrekryteringar inom stadens förvaltningar som utförs av "
                         "serviceförvaltningen rekrytering", 35, PCT, Y, measure="share_of_ads",
                         params=share(manager=True)),
                     ind("city_share", "Andel rekryteringar inom stadens förvaltningar som utförs av "
                         "serviceförvaltningen rekrytering.", 15, PCT, T, measure="share_of_ads", params=share()),
                     ind("parent_companies", "Antal moderbolag som köper tilläggstjänster av verksamhetsområde "
                         "rekrytering", 9, CNT, T, E),
                     ind("satisfied_customers_board", "Verksamhetsområde rekrytering har nöjda kunder", 97, PCT, T,
                         measure="satisfied_customers_share"),
                 ],
                 children=[
                     goal("enhetsmal", "SF Rekrytering är en modern och attraktiv rekryteringspartner som skapar "
                          "mervärde.", ref="23-e31a", pred="20-e32c",
                          expected="- Andel rekryteringar inom stadens förvaltningar som utförs av "
                          "serviceförvaltningen rekrytering 15 procent\n- Andel nöjda kunder 97 procent\n- Andel "
                          "sålda chefspaket av stadens chefsrekryteringar 35 procent\n- 95 procent av våra kunder "
                          "vill anlita oss igen\n- Antal nya kunder",
                          follow="I slutet av året stämmer verksamhetschefen av att alla HR-chefer haft en kontakt "
                          "från oss under året. KBR-utbildningar följs upp med kursutvärdering enligt "
                          "överenskommelse med kunden.",
                          indicators=[
                              ind("satisfied_customers_score", "Andel nöjda kunder", "9.5", SCORE, T,
                                  measure="question_mean",
                                  params={"survey": "customer", "question": "overall_satisfaction"},
                                  target_text="9,5 /10"),
                              ind("kbr_trainings", "Antal utförda KBR-utbildningar", 8, CNT, T,
                                  measure="kbr_trainings"),
                              ind("new_channels", "Efter året ska vi ha hittat två nya kanaler att kommunicera (t ex "
                                  "trainee-program, ambassadörsnätverket m fl)", 2, CNT, T, E),
                              ind("knowledge_sharing", "Varje utvecklingsgrupp erfarenhetsdelar till resten av "
                                  "avdelningen kring nyheter inom respektive område. Frekvens/år/grupp.", 6, CNT, Y,
                                  E, target_text="6, 1/grupp"),
                          ],
                          activities=_acts(
                              ("Annonsworkshop med fokus på säljande annonser", "2023-01-09", "2023-05-31", ""),
                              ("Se över frågorna i kundkvalitetsenkäten. Lägga in en vägvalsfråga; har du köpt stöd "
                               "av oss innan Ja/Nej, om Nej hur fick du kännedom om oss.", "2023-01-11", "2023-01-15",
                               ""),
                              ("Ta fram bedömningsankare, kopplade till chefsprofilen.", "2023-01-09", "2023-03-31",
                               "JCH, MK, DÖN, AK"),
                              ("Testa nytt sätt att mäta antalet nya rekryterande chefer som köper våra tjänster.",
                               "2023-01-18", "2023-12-31", ""),
                              ("Öka användandet av Varbis funktioner.", "2023-01-11", "2023-05-31", "JCH, CA, MH"),
                          )),
                 ]),
            goal("namndmal", "Servicenämnden har en ekonomi i balans", ref="23-n31b", pred="20-n31",
                 expected="Förvaltningen utför överenskomna uppdrag med balans mellan kostnadseffektivitet, kvalitet "
                 "och service. Prismodellen är transparent och priserna är satta utifrån självkostnad."),
            goal("namndmal", "Servicenämnden utvecklar och effektiviserar administrativa funktioner i syfte att "
                 "frigöra resurser för stadens förvaltningar och bolag.", ref="23-n31c",
                 expected="Serviceförvaltningens tjänster bidrar till att frigöra resurser i form av kompetens, tid "
                 "och/eller kostnader för stadens förvaltningar och bolag. Serviceförvaltningens kunder är nöjda och "
                 "förtroendet för förvaltningen är högt.",
                 indicators=[
                     ind("e_services_share", "Andel ärenden i ärendehanteringssystemet som inkommer via e-tjänster",
                         None, PCT, T, E),
                 ],
                 children=[
                     goal("enhetsmal", "Förvaltningens verksamhetsområden arbetar i samråd med objekt "
                          "ärendehantering med utveckling av systemstödets funktionalitet och e-tjänster för en mer "
                          "effektiv ärendehandläggning där både kunder och handläggare upplever att det är lätt att "
                          "göra rätt.", ref="23-e31c",
                          activities=_acts(
                              ("Driva ett införande av förvaltningens gemensamma ärendehanteringssystem Artvise på "
                               "verksamhetsområdet förutsatt att motsvarande funktionalitet som vi idag har kan "
                               "utvecklas.", "2022-02-01", "2023-05-31", "KTL, AN"),
                              ("Varje verksamhetsområde ska utveckla sina arbetssätt i systemstöd för "
                               "ärendehantering i syfte att effektivisera och öka kvaliteten i ärendehandläggningen",
                               "2023-01-01", "2023-12-31", ""),
                          )),
                     goal("enhetsmal", "SF Rekryterings tjänster håller en hög kvalitet.", ref="23-e31b",
                          pred="20-e32b",
                          expected="- Bibehålla andelen nöjda kunder\n- Bibehålla andelen nöjda rekryterade "
                          "kandidater\n- Erhålla minst betyg 8/10 på våra kompetensbaserade rekryteringsutbildningar",
                          follow="Se under arbetssätt och nedan indikatorer. Resultatet följs upp och tas med inför "
                          "nästa års verksamhetsplanering",
                          indicators=[
                              ind("satisfied_customers", "Andel nöjda kunder", 97, PCT, T,
                                  measure="satisfied_customers_share"),
                              ind("satisfied_candidates", "Andel nöjda rekryterade kandidater där SF Rekrytering "
                                  "varit involverade i hela processen.", 95, PCT, T,
                                  measure="satisfied_candidates_share"),
                              ind("candidate_answers", "Antal svar på kandidatenkäten", 400, CNT, T,
                                  measure="candidate_answers"),
                              ind("six_month_match", "Betyg på enkätfrågan; Hur väl matchar din nya medarbetare "
                                  "tjänsten den anställdes för?", 8, SCORE, T, measure="six_month_match_mean"),
                              ind("customer_total_mean", "Bibehålla snittbetyg i kundundersökning (snitt alla frågor "
                                  "sammanräknat)", "9.5", SCORE, T, measure="total_mean", target_text="9,5"),
                              ind("customer_response_rate", "Svarsfrekvens kundenkät", 70, PCT, T,
                                  measure="customer_response_rate"),
                              ind("six_month_response_rate", "Svarsfrekvens på enkät: hur väl matchar din nya "
                                  "medarbetare tjänsten den anställdes för?", 65, PCT, T,
                                  measure="six_month_response_rate"),
                              ind("training_grade", "Vad ger våra kunder vår kompetensbaserade "
                                  "rekryteringsutbildning för betyg?", 8, SCORE, Y, measure="training_mean",
                                  target_text="8 /10"),
                          ],
                          activities=_acts(
                              ("Likvärdig process ska vara ett tema under erfarenhetsdelning våren.", "2023-01-11",
                               "2023-05-31", ""),
                              ("Senast anställda rekryteringskonsulter granskar våra produktblad, så att dessa är "
                               "tydliga och begripliga för nästkommande år.", "2023-10-01", "2023-11-30", ""),
                              ("Ta fram e-postscript för att tacka för samarbetet och påminna kund om att fylla i "
                               "kundenkät. Uppdatera befintliga e-postscript.", "2023-01-11", "2023-02-28", "MS"),
                          )),
                 ]),
        ]),
        goal("kf_mal", KF_32, number="3.2", ref="23-k32", pred="20-k11", indicators=_jobs((4, 1, 8))),
        goal("kf_mal", KF_34, number="3.4", ref="23-k34",
             indicators=[
                 ind("ami_kf", "Aktivt Medskapandeindex", 84, IDX, Y, A, measure="ami_total", kf_target="83"),
                 *_sick_leave("6.5", "6,5 %"),
             ],
             children=[
                 goal("namndmal", ATTRACTIVE_EMPLOYER + ".", ref="23-n34",
                      activities=_acts(
                          ("Förvaltningen ska genomföra analys och utvecklingsinsatser i syfte att stärka den "
                           "digitala kompetensen.", "2023-01-01", "2023-12-31", ""),
                      ),
                      children=[
                          goal("enhetsmal", "SF Rekrytering är en attraktiv och hållbar arbetsplats", ref="23-e34",
                               pred="20-e32d",
                               expected="- Bibehålla 88 AMI i medarbetarundersökningen\n- Bibehålla 90 på frågan "
                               "”Jag kan rekommendera min arbetsplats till andra” i medarbetarundersökningen\n- "
                               "Medarbetarna upplever en god fysisk och psykosocial arbetsmiljö. Genomsnittligt "
                               "värde i temperaturmätning på åtta (på en skala 1-10).",
                               indicators=[
                                   ind("ami", "AMI i medarbetarenkäten", 88, IDX, Y, A, measure="ami_total",
                                       target_text="88 %"),
                                   ind("recommend_workplace", f"{RECOMMEND} (index från medarbetarenkäten)", 90, IDX,
                                       T, A, measure="ami_statement", params={"statement": RECOMMEND}),
                                   ind("temperature_work_environment", "Resultat i temperaturmätare avseende fysisk, "
                                       "organisatorisk och social arbetsmiljö som mäts på en skala 1-10.", 8, SCORE,
                                       T, E),
                                   ind("temperature_team", "Resultat i temperaturmätare avseende teamkänsla som mäts "
                                       "på en skala 1-10.", 7, SCORE, Y, E),
                               ]),
                      ]),
             ]),
        goal("kf_mal", KF_37, number="3.7", ref="23-k37", children=[
            goal("namndmal", "Genom verksamhetsområde rekrytering har stadens chefer tillgång till ett "
                 "kvalitetssäkrat och fördomsmedvetet konsultstöd i sina rekryteringar", ref="23-n37",
                 indicators=[
                     ind("candidates_non_discriminatory", "Andel kandidater som upplevt rekryteringsprocessen som "
                         "icke-diskriminerande och fördomsmedveten", 90, PCT, T, measure="question_yes_share",
                         params={"survey": "candidate", "question": "non_discriminatory"}),
                     ind("customers_non_discriminatory", "Andel kunder som tycker att de fått bra stöd för att "
                         "säkerställa en icke-diskriminerande och fördomsmedveten rekrytering.", 95, PCT, T,
                         measure="question_satisfied_share",
                         params={"survey": "customer", "question": "competency_based"}),
                 ],
                 activities=_acts(
                     ("Förvaltningen ska, i samarbete med personalstrategiska avdelningen vid stadsledningskontoret, "
                      "utvärdera pilotprojektet angående rekryteringar utan personligt brev.", "2022-10-01",
                      "2023-03-31", ""),
                 ),
                 children=[
                     goal("enhetsmal", "SF Rekrytering driver en fördomsmedveten rekryteringsprocess baserad på "
                          "kompetens", ref="23-e37", pred="20-e32a",
                          indicators=[
                              ind("candidates_ad_clear", "Andel kandidater som tyckte att annonsen var skriven på ett "
                                  "tydligt och begripligt språk", 95, PCT, T, measure="question_yes_share",
                                  params={"survey": "candidate", "question": "ad_clear"}),
                              ind("customers_ad_support", "Andel kunder som tycker att de fått bra stöd att skriva en "
                                  "inkluderande, lättförståelig och lockande annons.", 95, PCT, Y,
                                  measure="question_satisfied_share",
                                  params={"survey": "customer", "question": "ad_support"}),
                              ind("aspects_candidates", "Antal kandidater som fått möjlighet att göra Aspects.", 200,
                                  CNT, T, measure="screened_candidates", params={"screening": True},
                                  target_text="200 st"),
                              ind("without_personal_letter", "Antal rekryteringsprocesser där personligt brev tagits "
                                  "bort i ansökan.", 30, CNT, T, measure="assignments_ordered",
                                  params={"personal_letter": False}, target_text="30 st"),
                          ],
                          activities=_acts(
                              ("Fortsatt ökat användande av Aspects. Omvärldsbevaka hur andra använder "
                               "screeningtester. Hur ska vi marknadsföra det?", "2023-01-11", "2023-11-30",
                               "ALLA, utvecklingsgrupp tester/arbetsprov/case"),
                              ("Hela avdelningen går vår egen KBR-utbildning för att känna till upplägg och kunna "
                               "bidra till förbättringar och marknadsföring av den.", "2023-01-11", "2023-01-31", ""),
                          )),
                 ]),
        ]),
    ]),
]
