"""The 2025 business plan of SF Rekrytering (seed 001), as data for the seed migration."""
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
    MANAGERS,
    PCT,
    RECOMMEND,
    SCORE,
    SEK,
    A,
    E,
    T,
    Y,
    _jobs,
    _sick_leave,
    districts,
    goal,
    ind,
    share,
)

KBR_DISTRICTS = "Antal KBR-utbildningar utförda för stadsdelsförvaltningar."
ELDERLY_STAFF = "Antal stadsdelsförvaltningar som tagit hjälp vid rekrytering av medarbetare till äldreomsorgen"
NON_DISCRIMINATORY = "Andel kandidater som upplevt rekryteringsprocessen som icke-diskriminerande och fördomsmedveten"
DISTRICT_KBR = {"districts_only": True}
REKRYTERING_RESULT = (
    "Genom verksamhetsområde rekrytering ges stadens förskolor och skolor möjlighet att nyttja ett "
    "kvalitetssäkrat stöd vid rekrytering av chefer och medarbetare som rektorer, biträdande rektorer, "
    "förskollärare, barnskötare och lärare."
)

PLAN = [
    goal("kf_inriktningsmal", KF_AIM_1, number="1", ref="25-i1", pred="23-i1", children=[
        goal("kf_mal", KF_12, number="1.2", ref="25-k12", pred="23-k12", children=[
            goal("namndmal", "Servicenämnden bidrar till likvärdiga och kvalitetssäkrade möjligheter i förskolan "
                 "och skolan", ref="25-n12", pred="23-n12", expected=REKRYTERING_RESULT, children=[
                goal("enhetsmal", "SF rekrytering bidrar till kvalitetssäkrad rekrytering till förskolan till "
                     "samtliga stadsdelsförvaltningar samt till utbildningsförvaltningen", ref="25-e12", pred="23-e12",
                     expected="• SF Rekrytering ökar sin involvering i utbildningsförvaltningens rekryteringar "
                     "jämfört med 2024.\n• SF Rekrytering ökar sin involvering i utbildningsförvaltningens "
                     "chefsrekryteringar jämfört med 2024.\n• SF rekrytering är involverade i fler stadsdelars "
                     "rekryteringar av chefer till förskolan jämfört med 2024.",
                     way="SF rekrytering har ett tilläggsavtal 2025 med kompetensförsörjningsenheten på "
                     "utbildningsförvaltningen som innebär att de avropar second opinions för sina "
                     "chefsrekryteringar. Vi håller KBR-utbildningar till stadsdelsförvaltningar (inkl chefer "
                     "förskola).",
                     follow="Andelen av utbildningsförvaltningens rekryteringar följs upp med antal "
                     "uppdrag/antal publicerade annonser i Varbi för utbildningsförvaltningen. Involveringen i "
                     "utbildningsförvaltningens chefsrekryteringar mäts genom antalet chefspaket + antalet second "
                     "opinion för chefer/antalet publicerade chefsannonser i Varbi.",
                     indicators=[
                         ind("preschool_share", "Andel i procent av förskoleförvaltningens rekryteringar.", 80,
                             PCT, T, measure="share_of_ads", params=share("Förskoleförvaltningen")),
                         ind("edu_manager_share", "Andel i procent av utbildningsförvaltningens "
                             "chefsrekryteringar (chefspaket, second opinion paket)", 40, PCT, T,
                             measure="share_of_ads",
                             params=share("Utbildningsförvaltningen", manager=True, packages=MANAGER_PACKAGES)),
                         ind("edu_share", "Andel i procent av utbildningsförvaltningens rekryteringar.", 5, PCT, T,
                             measure="share_of_ads", params=share("Utbildningsförvaltningen")),
                         ind("kbr_districts_preschool", KBR_DISTRICTS, 6, CNT, T, measure="kbr_trainings",
                             params=DISTRICT_KBR),
                         ind("districts_preschool_managers", "SF rekrytering är involverade i fler stadsdelars "
                             "rekryteringar av chefer till förskolan jämfört med 2024.", 5, CNT, T,
                             measure="distinct_districts", params=districts("forskola", MANAGERS)),
                     ]),
            ]),
        ]),
        goal("kf_mal", "Stockholms stad ska ge stöd och omsorg där behoven är som störst", number="1.3",
             ref="25-k13", children=[
                 goal("namndmal", "Servicenämnden bidrar till att det sociala området är likvärdigt, tillgängligt "
                      "och kvalitetssäkrat", ref="25-n13",
                      expected="Genom verksamhetsområde rekrytering ges stadens socialtjänst möjlighet att nyttja "
                      "ett kvalitetssäkrat stöd vid rekrytering av chefer och medarbetare.", children=[
                          goal("enhetsmal", "SF rekrytering bidrar till kvalitetssäkrad rekrytering till "
                               "socialtjänsten till samtliga stadsdelsförvaltningar.", ref="25-e13",
                               expected="• SF rekrytering är involverade i fler stadsdelars rekryteringar av chefer "
                               "till socialtjänsten jämfört med 2024.",
                               follow="Antal KBR-utbildningar och antal stadsdelsförvaltningar som köper stöd vid "
                               "chefsrekrytering följs upp utifrån verksamhetens databas där samtliga uppdrag "
                               "dokumenteras.",
                               indicators=[
                                   ind("social_share", "Andel i procent av socialförvaltningens rekryteringar.", 55,
                                       PCT, T, measure="share_of_ads", params=share("Socialförvaltningen")),
                                   ind("kbr_districts_social", KBR_DISTRICTS, 6, CNT, Y, measure="kbr_trainings",
                                       params=DISTRICT_KBR),
                                   ind("districts_social_managers", "SF rekrytering är involverade i fler "
                                       "stadsdelars rekryteringar av chefer till socialtjänsten jämfört med 2024.",
                                       8, CNT, T, measure="distinct_districts",
                                       params=districts("socialtjanst", MANAGERS)),
                               ]),
                      ]),
             ]),
        goal("kf_mal", "Stockholm ska vara en bra stad att åldras i - med god omsorg och stor trygghet",
             number="1.4", ref="25-k14", children=[
                 goal("namndmal", "Servicenämnden bidrar till kvalitetssäkrad rekrytering av personal till "
                      "äldreomsorgen", ref="25-n14",
                      expected="Genom verksamhetsområde rekrytering ges stadens äldreomsorg möjlighet att nyttja "
                      "ett kvalitetssäkrat stöd vid rekrytering av medarbetare och chefer.",
                      indicators=[
                          ind("districts_elderly_managers_board", "Antal stadsdelsförvaltningar som tagit hjälp vid "
                              "chefsrekrytering till äldreomsorgen", 8, CNT, Y, measure="distinct_districts",
                              params=districts("aldreomsorg", MANAGERS)),
                          ind("districts_elderly_staff_board", ELDERLY_STAFF, 7, CNT, Y,
                              measure="distinct_districts", params=districts("aldreomsorg", ["medarbetare"])),
                      ],
                      activities=[
                          ("Verksamhetsområde rekrytering ska stötta minst en stadsdelsförvaltning i rekrytering av "
                           "sommarvikarier till äldreomsorgen. Arbetet ska utvärderas som underlag för eventuellt "
                           "erbjudande till fler stadsdelsförvaltningar.", "2025-01-01", "2025-05-31", ""),
                      ],
                      children=[
                          goal("enhetsmal", "SF rekrytering bidrar till kvalitetssäkrad rekrytering till "
                               "äldreomsorgen till samtliga stadsdelsförvaltningar", ref="25-e14",
                               expected="• SF rekrytering är involverade i fler stadsdelars rekryteringar av chefer "
                               "till äldreomsorgen.\n• SF Rekrytering ökar sin involvering i äldreomsorgens "
                               "medarbetarrekryteringar jämfört med 2024.\n• Genomföra minst ett volymprojekt "
                               "avseende rekrytering till stadsdelarnas äldreomsorg.",
                               way="SF rekrytering genomför ett kostnadseffektivt och hållbart koncept för "
                               "volymrekryteringar till äldreomsorgen.",
                               follow="Antal KBR-utbildningar och antal stadsdelsförvaltningar som köper stöd vid "
                               "chefsrekrytering och medarbetarrekrytering följs upp utifrån verksamhetens databas "
                               "där samtliga uppdrag dokumenteras.",
                               indicators=[
                                   ind("elderly_share", "Andel i procent av äldreförvaltningens rekryteringar.", 75,
                                       PCT, T, measure="share_of_ads", params=share("Äldreförvaltningen")),
                                   ind("kbr_districts_elderly", KBR_DISTRICTS, 6, CNT, T, measure="kbr_trainings",
                                       params=DISTRICT_KBR),
                                   ind("districts_elderly_staff", ELDERLY_STAFF, 6, CNT, T,
                                       measure="distinct_districts",
                                       params=districts("aldreomsorg", ["medarbetare"])),
                                   ind("districts_elderly_managers", "SF rekrytering är involverade i fler "
                                       "stadsdelars rekryteringar av chefer till äldreomsorgen jämfört med 2024.",
                                       7, CNT, T, measure="distinct_districts",
                                       params=districts("aldreomsorg", MANAGERS)),
                               ],
                               activities=[
                                   ("Inför kompetensförsörjningsplanen 2026 särskilt överväga eventuella förändrade "
                                    "kompetensförsörjningsbehov som fler volymprojekt kan innebära.",
                                    "2025-08-18", "2025-11-30", ""),
                                   ("Omvärldsbevaka hur andra kommuner arbetar med rekrytering till äldreomsorgen.",
                                    "2025-01-01", "2025-06-30", "Utvecklingsgrupp rekryteringsprocessen"),
                               ]),
                      ]),
             ]),
    ]),
    goal("kf_inriktningsmal", KF_AIM_3, number="3", ref="25-i3", pred="23-i3", children=[
        goal("kf_mal", KF_31, number="3.1", ref="25-k31", pred="23-k31", children=[
            goal("namndmal", "Servicenämnden erbjuder konkurrenskraftiga konsulttjänster i egen regi till "
                 "förvaltningar och bolag", ref="25-n31", pred="23-n31",
                 expected="Serviceförvaltningens breda kunskap om staden, i kombination med specialistkompetens "
                 "inom förvaltningens uppdrag, innebär att förvaltningen erbjuder konkurrenskraftiga "
                 "konsulttjänster i egen regi.",
                 indicators=[
                     ind("city_manager_share", "Andel chefsrekryteringar inom stadens förvaltningar som utförs av "
                         "serviceförvaltningen rekrytering", 35, PCT, Y, measure="share_of_ads",
                         params=share(manager=True)),
                     ind("city_share", "Andel rekryteringar inom stadens förvaltningar som utförs av "
                         "serviceförvaltningen rekrytering", 13, PCT, T, measure="share_of_ads", params=share()),
                     ind("nps", "Verksamhetsområde rekryterings NPS-värde visar att kundnöjdheten är hög", 70, SCORE,
                         T, measure="nps", target_text="70 NPS"),
                     ind("revenue_per_fte", "Verksamhetsområde rekryterings omsättning per årsarbetare", 1200000,
                         SEK, T, measure="revenue_per_fte", target_text="1 200 000 kr"),
                 ],
                 children=[
                     goal("enhetsmal", "SF rekrytering är en attraktiv rekryteringspartner i framkant som skapar "
                          "mervärde.", ref="25-e31a", pred="23-e31a",
                          expected="• Andel rekryteringar inom stadens förvaltningar som utförs av "
                          "serviceförvaltningen rekrytering ligger på minst 12 procent\n• Andel sålda chefspaket av "
                          "stadens chefsrekryteringar är minst 30 procent",
                          follow="I slutet av året stämmer verksamhetschefen av att alla HR-chefer haft en kontakt "
                          "från oss under året. Varje utvecklingsgrupp följer upp sitt arbete genom sina respektive "
                          "årsplaneringar.",
                          indicators=[
                              ind("search_packages", "Antal sålda searchpaket", 30, CNT, Y,
                                  measure="search_packages_sold"),
                              ind("kbr_trainings", "Antal utförda KBR-utbildningar", 9, CNT, T,
                                  measure="kbr_trainings"),
                              ind("knowledge_sharing", "Varje utvecklingsgrupp erfarenhetsdelar till resten av "
                                  "avdelningen kring omvärldsbevakning inom respektive område. Totalt antal och "
                                  "antal/grupp.", 6, CNT, Y, E, target_text="6, 1/grupp"),
                          ],
                          activities=[
                              ("Undersöka om det är relevant med bedömningsankare för fler kompetenser och om AI kan "
                               "användas för att ta fram ett utkast och därigenom effektivisera framtagandet i så "
                               "fall.", "2025-04-01", "2025-09-30", "JCH"),
                              ("Utvärdera bedömningsankare i chefsrekryteringarna.", "2025-02-01", "2025-03-31",
                               "JCH"),
                              ("Utvärdera Storykitfilmer i våra platsannonser.", "2025-02-01", "2025-03-31",
                               "JCH, LQ, KTL, utvecklingsgrupp Annons & Search"),
                          ]),
                     goal("enhetsmal", "SF rekryterings tjänster håller en hög kvalitet som bidrar till att matcha "
                          "rätt kandidat till rätt tjänst.", ref="25-e31b", pred="23-e31b",
                          expected="• Bibehålla andelen nöjda kunder\n• Bibehålla andelen nöjda rekryterade "
                          "kandidater\n• Bibehålla högt betyg på våra kompetensbaserade rekryteringsutbildningar\n"
                          "• Bibehålla hög kvalitet på hur väl kandidaten matchar tjänsten den anställdes för, 6-8 "
                          "månader efter avslutat uppdrag",
                          follow="• Enkät till kund efter avslutat uppdrag\n• Enkät till kund 6-8 månader efter att "
                          "kandidaten anställts\n• Enkät till kandidat efter avslutat uppdrag\n• Uppföljning av "
                          "kandidat- och kundenkät tre gånger per år i helgrupp",
                          indicators=[
                              ind("satisfied_customers", "Andel nöjda kunder", 97, PCT, T,
                                  measure="satisfied_customers_share"),
                              ind("satisfied_candidates", "Andel nöjda rekryterade kandidater där SF Rekrytering "
                                  "varit involverade i hela processen.", 95, PCT, T,
                                  measure="satisfied_candidates_share"),
                              ind("candidate_answers", "Antal svar på kandidatenkäten", 300, CNT, T,
                                  measure="candidate_answers"),
                              ind("six_month_match", "Betyg på enkätfrågan; Hur väl matchar din nya medarbetare "
                                  "tjänsten hen anställdes för?", 9, SCORE, T, measure="six_month_match_mean"),
                              ind("customer_total_mean", "Bibehålla snittbetyg i kundundersökning (snitt alla frågor "
                                  "sammanräknat)", "9.5", SCORE, T, measure="total_mean", target_text="9,5"),
                              ind("customer_response_rate", "Svarsfrekvens kundenkät", 75, PCT, T,
                                  measure="customer_response_rate"),
                              ind("six_month_response_rate", "Svarsfrekvens på enkät: hur väl matchar din nya "
                                  "medarbetare tjänsten den anställdes för?", 65, PCT, T,
                                  measure="six_month_response_rate"),
                              ind("training_grade", "Vad ger våra kunder vår kompetensbaserade "
                                  "rekryteringsutbildning för betyg?", "8.5", SCORE, Y, measure="training_mean",
                                  target_text="8,5 /10"),
                          ],
                          activities=[
                              ("Se över hur vi kan nyttja resultatet från Realcruit för utveckling av "
                               "kandidatupplevelsen till serviceförvaltningens rekryteringar.", "2025-01-01",
                               "2025-08-31", "Utvecklingsgruppen kandidatupplevelse"),
                              ("Se över våra kvalitetsenkäter inför 2026.", "2025-09-01", "2025-11-30",
                               "AN, LG, MK, EÅ, GD"),
                              ("Senast anställda rekryteringskonsulter eller praktikanter granskar våra "
                               "produktblad, så att dessa är tydliga och begripliga för nästkommande år.",
                               "2025-09-01", "2025-11-30", ""),
                              ("Utbildning i intervjuteknik.", "2025-02-01", "2025-04-30", "JCH, LG"),
                          ]),
                 ]),
            goal("namndmal", "Servicenämnden utvecklar och effektiviserar stadens administrativa funktioner",
                 ref="25-n31b", pred="23-n31c",
                 expected="Serviceförvaltningens tjänster bidrar till att frigöra resurser i form av kompetens, tid "
                 "och/eller kostnader för stadens förvaltningar och bolag som har möjlighet att fokusera på sin "
                 "kärnverksamhet.",
                 activities=[
                     ("Utveckla kunddialoger, bemötande och arbetssätt som möjliggör god verksamhetskunskap hos "
                      "medarbetare inom respektive verksamhetsområde", "2025-01-01", "2025-12-31", ""),
                 ]),
        ]),
        goal("kf_mal", KF_32, number="3.2", ref="25-k32", pred="23-k32", indicators=_jobs((5, 2, 10))),
        goal("kf_mal", KF_34, number="3.4", ref="25-k34", pred="23-k34",
             indicators=[
                 ind("ami_kf", "Aktivt Medskapandeindex", 83, IDX, Y, A, measure="ami_total", kf_target="83"),
                 *_sick_leave(6, "6 %"),
             ],
             children=[
                 goal("namndmal", ATTRACTIVE_EMPLOYER, ref="25-n34", pred="23-n34", children=[
                     goal("enhetsmal", "SF rekrytering är en attraktiv och socialt hållbar arbetsplats", ref="25-e34",
                          pred="23-e34",
                          expected="• Bibehålla 89 AMI-aktivt medarbetarindex i medarbetarundersökningen\n• Över 85 "
                          "på frågan ”Jag kan rekommendera min arbetsplats till andra” i "
                          "medarbetarundersökningen\n• Bibehålla resultatet på frågor kring Laganda i "
                          "engagemangsmätningarna på 9.\n• Bibehålla genomsnittligt värde i engagemangsmätningen 8,5 "
                          "(på en skala 1-10).",
                          follow="• Vi använder oss av medarbetarundersökningens resultat och tar fram handlingsplan "
                          "utifrån den.\n• Engagemangsmätning minst tio gånger per år.",
                          indicators=[
                              ind("ami", "AMI i medarbetarenkäten", 89, IDX, Y, A, measure="ami_total",
                                  target_text="89 %"),
                              ind("study_visits", "Avdelningen har under året som målsättning att bjuda in ett antal "
                                  "interna/externa besök på avdelningsmötena i kompetensutvecklande syfte.", 6, CNT,
                                  Y, E),
                              ind("engagement_team", "Engagemangsmätningens resultat avseende laganda", 9, SCORE, T, E),
                              ind("recommend_workplace", f"{RECOMMEND} (index från medarbetarenkäten)", 85, IDX, T, A,
                                  measure="ami_statement", params={"statement": RECOMMEND}),
                              ind("engagement_total", "Sammanräknat resultat i engagemangsmätning", "8.5", SCORE, T,
                                  E, target_text="8,5"),
                          ],
                          activities=[
                              ("Genomgång av syfte och värdet med de kvalitetsuppföljningar vi gör.", "2025-01-01",
                               "2025-04-30", "Samordnare, verksamhetsutvecklare, verksamhetschef"),
                              ("Se över våra engagemangsfrågor inför 2026 förutsatt att avtalet med leverantören "
                               "förlängs.", "2025-10-01", "2025-12-01", "Utvecklingsgrupp Arbetsmiljö & hälsa"),
                              ("Synliggöra rutin när någon blir sjuk för att minska stress och överväga om något kan "
                               "förbättras.", "2025-01-01", "2025-09-30", "verksamhetschef, samordnare"),
                              ("Inför kompetensförsörjningsplanen 2026 särskilt överväga eventuella förändrade "
                               "kompetensförsörjningsbehov som fler volymprojekt kan innebära.", "2025-08-18",
                               "2025-11-30", ""),
                              ("Ta bort fredags zoomfika, ersätt med spontan digitalfika. Här försöker vi alla bidra "
                               "med att bjuda in. Vi utvärderar efter halvår om detta bidragit till en mer socialt "
                               "hållbar arbetsplats.", "2025-01-01", "2025-08-31", ""),
                              ("Testa och ta fram ett koncept med roterande teman på veckomötet i syfte att "
                               "erfarenhetsdela oftare. T ex ”Veckans flipp”, ”veckans flopp”, ”veckans lyft av en "
                               "kollega”. Dessa olika teman kan rotera så att det inte alltid blir samma.",
                               "2025-01-01", "2025-04-30", "Förslag Carla, Bo-Bertil, Erik"),
                              ("Testa och utvärdera om det var bättre att lägga reflektionstid i mindre grupper i "
                               "samband med erfarenhetsdelningarna istället för reflektionsenkät.", "2025-01-01",
                               "2025-10-15", ""),
                              ("Utbildning i intervjuteknik.", "2025-02-01", "2025-04-30", "JCH, LG"),
                          ]),
                 ]),
             ]),
        goal("kf_mal", KF_37, number="3.7", ref="25-k37", pred="23-k37", children=[
            goal("namndmal", "Servicenämndens verksamheter bidrar till en öppen, jämställd och demokratisk stad",
                 ref="25-n37", pred="23-n37",
                 expected="Servicenämndens verksamheter bidrar både till att stärka de mänskliga rättigheterna och "
                 "till uppfyllnad av flera av de globala målen i Agenda 2030 samt principen om att ingen ska lämnas "
                 "utanför.",
                 indicators=[
                     ind("candidates_non_discriminatory_board", NON_DISCRIMINATORY, 97, PCT, T,
                         measure="question_yes_share",
                         params={"survey": "candidate", "question": "non_discriminatory"}),
                     ind("customers_competency_based", "Andel kunder som tycker att de fått bra stöd i att arbeta "
                         "kompetensbaserat och fördomsmedvetet i syfte att undvika diskriminering", 97, PCT, T,
                         measure="question_satisfied_share",
                         params={"survey": "customer", "question": "competency_based"}),
                 ],
                 activities=[
                     ("Implementera MR-programmet med handlingsplaner brett inom förvaltningens samtliga "
                      "verksamhetsområden och förtydliga förvaltningens bidrag till uppfyllnad av Agenda 2030",
                      "2025-01-01", "2025-12-31", ""),
                     ("Samtliga nyanställda ska genomgå en utbildning i jämställdhet och normmedvetenhet",
                      "2025-01-01", "2025-12-31", ""),
                 ],
                 children=[
                     goal("enhetsmal", "SF rekrytering driver en fördomsmedveten rekryteringsprocess baserad på "
                          "kompetens och potential", ref="25-e37", pred="23-e37",
                          expected="- Minst 97 procent av våra kunder upplever att SF rekrytering har gett bra stöd "
                          "i att driva en kompetensbaserad och fördomsmedveten rekrytering i syfte att undvika "
                          "diskriminering.\n- Minst 97 procent av våra kandidater upplever att SF rekrytering har "
                          "drivit en icke-diskriminerande och fördomsmedveten rekryteringsprocess.\n- Minst 97 "
                          "procent av våra kandidater upplever att SF rekrytering har ett tydligt och begripligt "
                          "språk i annonserna.",
                          follow="Resultatet från de löpande kund- och kandidatenkäterna följer vi upp tre gånger "
                          "per år och lyfter eventuella synpunkter som kan påverka detta mål.",
                          indicators=[
                              ind("candidates_non_discriminatory", NON_DISCRIMINATORY, 97, PCT, T,
                                  measure="question_yes_share",
                                  params={"survey": "candidate", "question": "non_discriminatory"}),
                              ind("personal_letter_share", "Andel rekryteringsprocesser där vi använt oss av "
                                  "personligt brev i ansökan.", 35, PCT, T, measure="personal_letter_share",
                                  direction="lower"),
                              ind("screening_processes", "Antal rekryteringsprocesser där screeningtester använts.",
                                  50, CNT, T, measure="screening_count", target_text="50 st"),
                          ],
                          activities=[
                              ("Följa upp effekten av screeningtester och utifrån det överväga om avtalet ska "
                               "förlängas 2026.", "2025-01-01", "2025-10-31",
                               "Verksamhetsutvecklare, Arbetsgrupp screeningtester samt utvecklingsgrupp "
                               "tester/arbetsprov/case"),
                              ("Hur ska vi marknadsföra vårt nya screeningpaket och användande av screening i våra "
                               "vanliga paket?", "2025-01-01", "2025-03-31",
                               "Verksamhetsutvecklare, LQ, MH och utvecklingsgrupp tester/arbetsprov/case"),
                              ("Lägga in i mallen för telefonavstämning en fråga kring om det finns något behov hos "
                               "kandidaten som vi behöver ta hänsyn till inför/under intervjun.", "2025-01-01",
                               "2025-03-31", "Utvecklingsgrupp mångfald"),
                              ("Undersöka möjligheten att ta ut statistik från Varbi för antal rekryteringar "
                               "genomförda tillsammans med oss med PB.", "2025-01-01", "2025-05-31", ""),
                              ("Utreda och undersöka möjligheten att i större utsträckning anonymisera ansökningar "
                               "och omvärldsbevaka hur andra arbetar med CV-lös ansökan.", "2025-01-01",
                               "2025-11-30", "Superuser Varbi och utvecklingsgrupp mångfald"),
                          ]),
                 ]),
        ]),
    ]),
]
