"""The 2020 business plan of HR-service (seed 003), as data for the seed migration."""
from .data import CNT, IDX, PCT, A, E, T, Y, goal, ind, share

HOURS = "hours"
NAMND = "Tas fram av nämnd"


def _acts(*rows):
    return list(rows)


PLAN = [
    goal("kf_inriktningsmal", "En modern storstad med möjligheter och valfrihet för alla", number="1", ref="20-i1",
         children=[
             goal("kf_mal", "I Stockholm är människor självförsörjande och vägen till arbete och svenskkunskaper är "
                  "kort", number="1.1", ref="20-k11", indicators=[
                      ind("summer_jobs", "Antal tillhandahållna platser för feriejobb", 4, CNT, T, E, kf_target=NAMND,
                          target_text="4 st"),
                      ind("stockholm_jobs", "Antal tillhandahållna platser för Stockholmsjobb", 2, CNT, T, E,
                          kf_target=NAMND, target_text="2 st"),
                      ind("internships", "Antal tillhandahållna praktikplatser för högskolestuderande samt platser "
                          "för verksamhetsförlagd utbildning", 10, CNT, T, E, kf_target=NAMND),
                  ]),
             goal("kf_mal", "Stockholm är en trygg, säker och välskött stad att bo och vistas i", number="1.2",
                  ref="20-k12", children=[
                      goal("namndmal", "Servicenämndens verksamheter fungerar ändamålsenligt även vid oönskade "
                           "händelser.", ref="20-n12",
                           expected="Verksamheten ska säkerställa att processer och arbetssätt är kvalitetssäkrade "
                           "och fungerar ändamålsenligt även vid oönskade händelser och att information behandlas "
                           "säkert enligt gällande lagar och riktlinjer.",
                           indicators=[
                               ind("infosec_training", "Andel medarbetare som har genomgått utbildning Ett säkert "
                                   "Stockholm om informationssäkerhet i utbildningsportalen.", 100, PCT, T, E),
                           ],
                           activities=_acts(
                               ("Förvaltningen ska uppmana samtliga medarbetare om vikten av att genomföra "
                                "e-utbildning Ett säkert Stockholm - informationssäkerhet.", "2020-01-01",
                                "2020-10-31", ""),
                           )),
                  ]),
             goal("kf_mal", "I Stockholm når barn sin fulla potential då Stockholms skolor och förskolor är de bästa "
                  "i Sverige", number="1.3", ref="20-k13", children=[
                      goal("namndmal", "Servicenämnden skapar förutsättningar för att ge barn och elever goda "
                           "möjligheter och lika villkor.", ref="20-n13",
                           expected="HR-service erbjuder en effektiv och kvalitetssäkrad rekryteringsprocess i syfte "
                           "att attrahera och rekrytera bra lärare till stadens skolor och förskolor.",
                           activities=_acts(
                               ("HR-service håller utbildningar i kompetensbaserad rekrytering och bistår med stöd i "
                                "lärar- och rektorsrekryteringar.", "2020-01-01", "2020-10-31", ""),
                           )),
                  ]),
         ]),
    goal("kf_inriktningsmal", "En ekonomiskt hållbar och innovativ storstad för framtiden", number="3", ref="20-i3",
         children=[
             goal("kf_mal", "Stockholm har en budget i balans och långsiktigt hållbara finanser", number="3.1",
                  ref="20-k31", children=[
                      goal("namndmal", "Servicenämnden har en ekonomi i balans", ref="20-n31",
                           expected="Förvaltningens verksamheter utför överenskomna uppdrag och tjänster med balans "
                           "mellan kostnadseffektivitet, kvalitet och service."),
                  ]),
             goal("kf_mal", "Stockholm använder skattemedlen effektivt till största nytta för stockholmarna",
                  number="3.2", ref="20-k32", children=[
                      goal("namndmal", "Servicenämnden effektiviserar stadens administration", ref="20-n32",
                           expected="Genom att systematiskt arbeta med verksamhets- och processutveckling och "
                           "tillvarata digitaliseringens möjligheter ökar effektiviteten i tjänster och service.",
                           children=[
                               goal("enhetsmal", "HR-service har hög medvetenhet för människors olikheter, ett "
                                    "utvecklat normkritiskt förhållningssätt och ett inkluderande bemötande.",
                                    ref="20-e32a",
                                    expected="En aktiv handlingsplan finns för att främja ett normkritiskt bemötande "
                                    "och inkludering. Kunder och kandidater upplever att HR-service har ett öppet och "
                                    "respektfullt bemötande. Kunder och kandidater upplever att vi har ett tydligt "
                                    "och begripligt språk.",
                                    indicators=[
                                        ind("candidates_ad_clear", "Andel kandidater som tyckte att annonsen var "
                                            "skriven på ett tydligt och begripligt språk", 90, PCT, T,
                                            measure="question_yes_share",
                                            params={"survey": "candidate", "question": "ad_clear"}),
                                        ind("candidates_respectful", "Andel kandidater som upplevt att HR-konsulten "
                                            "bemött dem på ett respektfullt/inkluderande sätt under "
                                            "rekryteringsprocessens gång", 95, PCT, T, E),
                                        ind("customers_inclusive", "Andel kunder som tycker att de fått bra stöd för "
                                            "att säkerställa en inkluderande rekrytering.", 90, PCT, T,
                                            measure="question_satisfied_share",
                                            params={"survey": "customer", "question": "competency_based"}),
                                    ],
                                    activities=_acts(
                                        ("HR-service ser över inkluderingsfrågan i kund- och kandidatenkät",
                                         "2020-01-01", "2020-01-31", "KTL"),
                                        ("HR-service skapar en handlingsplan för alla diskrimineringsgrunder",
                                         "2020-01-01", "2020-06-30", "mångfaldsgruppen"),
                                    )),
                               goal("enhetsmal", "HR-service utvecklar kvaliteten genom ett systematiskt "
                                    "förbättringsarbete.", ref="20-e32b",
                                    expected="Bibehålla verksamhetens höga kvalitet som idag ligger på 9,45. "
                                    "Likvärdigt arbetssätt och service tillämpas.",
                                    indicators=[
                                        ind("satisfied_customers", "Andel nöjda kunder", 95, PCT, T,
                                            measure="satisfied_customers_share"),
                                        ind("satisfied_candidates", "Andel nöjda rekryterade kandidater där "
                                            "HR-service varit inblandade i hela processen.", 92, PCT, T,
                                            measure="satisfied_candidates_share"),
                                        ind("process_revisions", "Antal revideringar gjorda i HR-service process",
                                            None, CNT, T, E),
                                        ind("candidate_response_rate", "Svarsfrekvens kandidatenkät", 72, PCT, T,
                                            measure="candidate_response_rate"),
                                        ind("customer_response_rate", "Svarsfrekvens kundenkät", 75, PCT, T,
                                            measure="customer_response_rate"),
                                    ],
                                    activities=_acts(
                                        ("Förberedelse för deltagande i kvalitetsutmärkelsen 2021", "2020-01-01",
                                         "2020-12-31", "KTL, GD, JCH"),
                                        ("Omarbetning av kundenkät", "2020-01-01", "2020-01-31", "KTL"),
                                        ("Ta fram ett årshjul", "2020-05-01", "2020-12-31", "EF, NA, DÖN"),
                                    )),
                               goal("enhetsmal", "HR-service är en effektiv, innovativ och attraktiv "
                                    "rekryteringspartner", ref="20-e32c",
                                    expected="God kännedom om HR-service och våra tjänster. HR-service ökar sin andel "
                                    "av stadens totala rekryteringar från 13 % till 15-20 %. Minska antalet timmar vi "
                                    "lägger i genomsnitt på ett stort paket från 36 timmar (2019) till 32 timmar och "
                                    "ett chefspaket från 41 timmar (2019) till 39 timmar.",
                                    follow="I slutet av året stämmer verksamhetschefen av att alla HR-chefer haft en "
                                    "kontakt från oss under året.",
                                    indicators=[
                                        ind("city_manager_share", "Andel av stadens annonserade chefsrekryteringar "
                                            "som HR-service drivit hela processen.", 35, PCT, Y,
                                            measure="share_of_ads", params=share(manager=True)),
                                        ind("satisfied_customers_partner", "Andel nöjda kunder", 95, PCT, T,
                                            measure="satisfied_customers_share"),
                                        ind("hours_manager_package", "Antal timmar ett chefspaket tagit att genomföra "
                                            "i snitt", 39, HOURS, T, measure="mean_hours",
                                            params={"packages": ["CHEF"]}, direction="lower"),
                                        ind("hours_large_package", "Antal timmar ett stort paket tagit att genomföra "
                                            "i snitt", 32, HOURS, T, measure="mean_hours",
                                            params={"packages": ["STORA"]}, direction="lower"),
                                        ind("web_news", "Antal publicerade nyheter på kundwebben", 12, CNT, Y, E,
                                            target_text="12 st"),
                                    ],
                                    activities=_acts(
                                        ("Utvärdera digital referenstagning och ev upphandla detsamma.",
                                         "2020-01-01", "2020-03-31", "KTL, AN"),
                                        ("Ta fram en marknadsföringsplan som vi agerar utifrån för att öka "
                                         "kännedomen om våra tjänster.", "2020-03-02", "2020-12-31",
                                         "KTL, EJ, JCH"),
                                    )),
                           ]),
                      goal("namndmal", "Servicenämnden har en effektiv och ändamålsenlig organisation", ref="20-n32b"),
                      goal("namndmal", "Servicenämnden är en attraktiv arbetsgivare", ref="20-n32c",
                           expected="Genom ett aktivt arbetsmiljöarbete med tydliga och gemensamma rutiner följs "
                           "arbetsmiljö- och sjukfrånvaro upp för en minskad sjukfrånvaro.",
                           children=[
                               goal("enhetsmal", "HR-service är en attraktiv arbetsplats", ref="20-e32d",
                                    expected="Bibehållen personalomsättning på 0-15 %\nBibehålla AMI på 88 i "
                                    "medarbetarundersökningen\nMedarbetarna upplever en rimlig arbetsbelastning och "
                                    "god hälsa. Genomsnittligt värde i temperaturmätning på 8 (på en skala 1-10).",
                                    indicators=[
                                        ind("ami", "AMI i medarbetarenkäten", 88, IDX, Y, A, measure="ami_total"),
                                        ind("staff_turnover", "Bibehålla personalomsättning på 0-15 %", 10, PCT, T, E,
                                            direction="lower"),
                                        ind("temperature_health", "Resultat i temperaturmätare avseende hälsa och "
                                            "arbetsbelastning", 80, PCT, T, E),
                                        ind("temperature_development", "Resultat i temperaturmätare avseende "
                                            "utveckling", 80, PCT, T, E),
                                    ],
                                    activities=_acts(
                                        ("Arbeta med vår värdegrund", "2020-01-21", "2020-12-31", "MH, LG"),
                                        ("Utvärdering av den uppdaterade introduktionen", "2020-11-01", "2020-12-31",
                                         "LG, KTL"),
                                    )),
                           ]),
                  ]),
         ]),
]
