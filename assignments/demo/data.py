"""Names for the demo data: the city's real administrations and companies, made-up people."""

# The 13 district administrations (stadsdelsförvaltningar) since 2020.
DISTRICTS = [
    "Bromma stadsdelsförvaltning",
    "Enskede-Årsta-Vantörs stadsdelsförvaltning",
    "Farsta stadsdelsförvaltning",
    "Hägersten-Älvsjö stadsdelsförvaltning",
    "Hässelby-Vällingby stadsdelsförvaltning",
    "Kungsholmens stadsdelsförvaltning",
    "Norrmalms stadsdelsförvaltning",
    "Rinkeby-Kista stadsdelsförvaltning",
    "Skarpnäcks stadsdelsförvaltning",
    "Skärholmens stadsdelsförvaltning",
    "Spånga-Tensta stadsdelsförvaltning",
    "Södermalms stadsdelsförvaltning",
    "Östermalms stadsdelsförvaltning",
]

# Main administrations (fackförvaltningar) with the sector most of their recruitments fall in.
ADMINISTRATIONS = [
    ("Utbildningsförvaltningen", "skola"),
    ("Förskoleförvaltningen", "forskola"),
    ("Socialförvaltningen", "socialtjanst"),
    ("Äldreförvaltningen", "aldreomsorg"),
    ("Arbetsmarknadsförvaltningen", "ovrigt"),
    ("Serviceförvaltningen", "ovrigt"),
    ("Stadsledningskontoret", "ovrigt"),
    ("Trafikkontoret", "ovrigt"),
    ("Stadsbyggnadskontoret", "ovrigt"),
    ("Miljöförvaltningen", "ovrigt"),
    ("Kulturförvaltningen", "ovrigt"),
    ("Idrottsförvaltningen", "ovrigt"),
    ("Fastighetskontoret", "ovrigt"),
    ("Exploateringskontoret", "ovrigt"),
    ("Överförmyndarförvaltningen", "ovrigt"),
]

PARENT_COMPANY = "Stockholms Stadshus AB"
COMPANIES = [
    "Svenska Bostäder",
    "Familjebostäder",
    "Stockholmshem",
    "Micasa Fastigheter",
    "Stockholm Vatten och Avfall",
    "Stockholms Hamnar",
    "SISAB Skolfastigheter i Stockholm",
    "Stockholms Stads Parkering",
    "Stokab",
    "Stockholm Business Region",
    "S:t Erik Kommunikation",
]

FIRST_NAMES = [
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Fatima", "Sofia", "Ida", "Elin", "Amina",
    "Johan", "Erik", "Lars", "Mikael", "Anders", "Ahmed", "Nils", "Peter", "Omar", "Jonas", "David", "Ali",
    "Helena", "Malin", "Linnea", "Hanna", "Yasmin", "Petra", "Oskar", "Gustav", "Viktor", "Samir",
]
LAST_NAMES = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Lindqvist", "Berg", "Ali", "Hassan",
    "Mohammed", "Lund", "Holm", "Ek", "Sandberg", "Forsberg", "Nyström", "Sjöberg", "Wallin", "Engström",
]

# Consultants of SF Rekrytering: name, unit, FTE, role, qualified for manager recruitments.
CONSULTANTS = [
    ("Karin Konsult", "Enhet 1", "1.00", "konsult", True),
    ("Kim Koordinator", "Enhet 1", "1.00", "koordinator", False),
    ("Maria Chef", "Enhet 1", "1.00", "chef", True),
    ("Jonas Sandberg", "Enhet 2", "1.00", "chef", True),
    ("Lena Forsberg", "Enhet 2", "1.00", "koordinator", False),
    ("Helena Lindqvist", "Enhet 1", "1.00", "samordnare", True),
    ("Omar Hassan", "Enhet 2", "1.00", "samordnare", True),
    ("Anna Wallin", "Enhet 1", "1.00", "konsult", True),
    ("Erik Nyström", "Enhet 1", "0.80", "konsult", False),
    ("Sofia Berg", "Enhet 1", "1.00", "konsult", True),
    ("Peter Holm", "Enhet 1", "1.00", "konsult", False),
    ("Amina Mohammed", "Enhet 1", "0.75", "konsult", False),
    ("Malin Engström", "Enhet 1", "1.00", "konsult", True),
    ("David Lund", "Enhet 1", "1.00", "konsult", False),
    ("Elin Sjöberg", "Enhet 1", "0.50", "konsult", False),
    ("Viktor Ek", "Enhet 2", "1.00", "konsult", True),
    ("Hanna Gustafsson", "Enhet 2", "1.00", "konsult", False),
    ("Samir Ali", "Enhet 2", "1.00", "konsult", True),
    ("Petra Svensson", "Enhet 2", "0.80", "konsult", False),
    ("Linnea Pettersson", "Enhet 2", "1.00", "konsult", False),
    ("Gustav Olsson", "Enhet 2", "1.00", "konsult", True),
    ("Yasmin Karlsson", "Enhet 2", "1.00", "konsult", False),
    ("Oskar Persson", "Enhet 2", "0.90", "konsult", False),
    ("Ida Larsson", "Enhet 2", "1.00", "konsult", False),
    ("Nils Eriksson", "Enhet 2", "1.00", "konsult", False),
]

ROLE_TITLES = {
    "forskola": [("Förskollärare", "medarbetare"), ("Barnskötare", "medarbetare"), ("Förskolechef", "chef"),
                 ("Biträdande förskolechef", "chef")],
    "skola": [("Lärare i matematik", "medarbetare"), ("Speciallärare", "medarbetare"),
              ("Lärare i svenska som andraspråk", "medarbetare"), ("Rektor", "chef"),
              ("Biträdande rektor", "chef")],
    "socialtjanst": [("Socialsekreterare", "medarbetare"), ("Familjebehandlare", "medarbetare"),
                     ("Enhetschef IFO", "chef"), ("Avdelningschef IFO", "chef")],
    "aldreomsorg": [("Undersköterska", "medarbetare"), ("Sjuksköterska", "medarbetare"),
                    ("Enhetschef hemtjänst", "chef"), ("Enhetschef vård- och omsorgsboende", "chef")],
    "lss": [("Stödassistent", "medarbetare"), ("Boendestödjare", "medarbetare"), ("Enhetschef LSS", "chef")],
    "ovrigt": [("HR-specialist", "medarbetare"), ("Controller", "medarbetare"), ("Kommunikatör", "medarbetare"),
               ("Ekonom", "medarbetare"), ("IT-strateg", "medarbetare"), ("Handläggare", "medarbetare"),
               ("Enhetschef", "chef"), ("Avdelningschef", "chef")],
}
SENIOR_TITLES = ["Förvaltningschef", "Stadsdelsdirektör", "VD", "Biträdande förvaltningschef"]
DISTRICT_SECTORS = ["forskola"] * 3 + ["socialtjanst"] * 3 + ["aldreomsorg"] * 3 + ["lss", "ovrigt", "ovrigt"]

# Package mix of a year (weights), roughly as in the 2023 budget and the 2025 figures.
PACKAGE_WEIGHTS = [
    ("STORA", 45), ("CHEF", 16), ("HOGRE_CHEF", 2), ("LILLA", 4), ("OMTAG", 4), ("SECOND_OPINION", 8),
    ("SEARCH", 4), ("OVRIG", 6), ("KBR", 1), ("REFERENS", 6), ("SCREENING", 3),
]
# Prices quoted for packages without a catalogue price in a year.
QUOTED_PRICES = {"SCREENING": 9000}
