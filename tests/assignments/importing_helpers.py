"""Build small import files for tests."""
import csv
import io
from pathlib import Path

from assignments.importing import REQUIRED_COLUMNS

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = DATA / "assignments.csv"
SAMPLE_BAD = DATA / "assignments_bad.csv"


def row(**overrides) -> dict:
    values = {
        "reference": "2024-0001", "ordered_on": "2024-03-04", "organisation": "Äldreförvaltningen",
        "organisation_kind": "fackförvaltning", "contact_name": "Eva Berg",
        "contact_email": "eva.berg@aldre.example.se", "consultant": "konsult01@rekrytering.example.se",
        "package": "STORA", "role_title": "Enhetschef", "role_level": "chef", "sector": "aldreomsorg",
        "status": "closed_hired", "closed_on": "2024-05-02", "price_sek": "25000", "hours": "30",
        "applicants": "45", "personal_letter": "nej", "screening": "ja", "search": "nej",
    }
    values.update(overrides)
    return values


def csv_bytes(rows: list[dict], columns=None) -> bytes:
    if columns is None:
        columns = list(REQUIRED_COLUMNS)
        for r in rows:
            columns += [k for k in r if k not in columns]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: v for k, v in r.items() if k in columns})
    return out.getvalue().encode("utf-8")
