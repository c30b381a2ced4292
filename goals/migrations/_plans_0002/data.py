"""The department's plans as data (from seeds 001 = 2025 and 002 = 2023), used by the seed migration.

Pure data: a tree of goals per plan, each goal with its indicators and activities. Names,
targets and periods are the plan's own (OCR corrected). `pred` links a goal to its
predecessor in the previous plan explicitly (by the `ref` given here, never by number).
Indicator tuples: key, name, target, unit, periodicity, source, measure, params, extra.
"""
from __future__ import annotations

T, Y = "tertial", "year"
PCT, CNT, SCORE, IDX, SEK = "percent", "count", "score", "index", "sek"
C, E, A = "computed", "entered", "ami"
MANAGER_PACKAGES = ["CHEF", "HOGRE_CHEF", "SECOND_OPINION"]
KF_BOARD = "Tas fram av nämnd/styrelse"


def goal(level, text, *, ref, number="", pred=None, expected="", way="", follow="", children=(),
         indicators=(), activities=()):
    return {"level": level, "text": text, "ref": ref, "number": number, "pred": pred, "expected": expected,
            "way": way, "follow": follow, "children": list(children), "indicators": list(indicators),
            "activities": list(activities)}


def ind(key, name, target, unit, periodicity, source=C, measure="", params=None, **extra):
    return {"key": key, "name": name, "target": target, "unit": unit, "periodicity": periodicity,
            "source": source, "measure": measure if source != E else "", "params": params or {},
            "direction": extra.get("direction", "higher"), "target_text": extra.get("target_text", ""),
            "kf_target": extra.get("kf_target", "")}


def share(org=None, manager=False, packages=None):
    params = {}
    if org:
        params["organisation"] = org
    if manager:
        params["manager"] = True
        params["denominator_key"] = "ads_published_manager"
    else:
        params["denominator_key"] = "ads_published"
    if packages:
        params["packages"] = packages
    return params


def districts(sector, level):
    return {"sector": sector, "role_level": level}


MANAGERS = ["chef", "hogre_chef"]

KF_AIM_1 = "Ett Stockholm som håller samman med en stark och jämlik välfärd i hela staden"
KF_AIM_3 = "Ett Stockholm med en stabil och hållbar ekonomi med utbildning, jobb och bostäder för alla"
KF_12 = "Alla barn ska ges likvärdig möjlighet till utveckling och lärande i förskolan och skolan"
KF_31 = "Stockholms ekonomi är stark, hållbar och lägger grunden för en jämlik välfärd"
KF_32 = "I Stockholm ska alla ges möjlighet till ett eget jobb"
KF_34 = "Medarbetare i Stockholm ska ges goda förutsättningar att göra ett bra jobb"
KF_37 = "Stockholm ska vara en öppen, jämställd och demokratisk stad som samarbetar internationellt"
ATTRACTIVE_EMPLOYER = (
    "Servicenämnden är en attraktiv arbetsgivare med ändamålsenlig organisation där chefer och medarbetare "
    "har förutsättningar att aktivt bidra till förvaltningens utveckling och mål"
)
RECOMMEND = "Jag kan rekommendera min arbetsplats till andra"


def _jobs(year_targets):
    feriejobb, stockholmsjobb, praktik = year_targets
    return [
        ind("summer_jobs", "Antal tillhandahållna platser för feriejobb", feriejobb, CNT, T, E,
            kf_target=KF_BOARD, target_text=f"{feriejobb} st"),
        ind("stockholm_jobs", "Antal tillhandahållna platser för Stockholmsjobb", stockholmsjobb, CNT, T, E,
            kf_target=KF_BOARD, target_text=f"{stockholmsjobb} st"),
        ind("internships", "Antal tillhandahållna praktikplatser för högskolestuderande samt platser för "
            "verksamhetsförlagd utbildning", praktik, CNT, T, E, kf_target="Tas fram av nämnd",
            target_text=f"{praktik} st"),
    ]


def _sick_leave(total, total_text):
    return [
        ind("sick_leave", "Sjukfrånvaro", total, PCT, T, E, direction="lower", kf_target=KF_BOARD,
            target_text=total_text),
        ind("sick_leave_short", "Sjukfrånvaro dag 1-14", "2.2", PCT, T, E, direction="lower", kf_target=KF_BOARD,
            target_text="2,2 %"),
    ]
