"""The KPI report reproduces the independently computed sample figures (tolerances of compare_kpi.py)."""
import json

import pytest

from reporting.privacy import candidate_too_few
from reporting.selectors import kpi_report
from tests.conftest import data_for_the_module

from .sample_loader import SAMPLES, load_samples

SCOPES = {
    "2025": {"year": 2025},
    "2025-T1": {"year": 2025, "tertial": 1},
    "2025-T2": {"year": 2025, "tertial": 2},
    "2024": {"year": 2024},
    "2025-konsult03": {"year": 2025, "consultant": "konsult03@rekrytering.example.se"},
}


def _close(got, want, tol):
    if want == 0 and tol == 0 and got is None:
        return True
    if got is None or want is None:
        return got is None and want is None
    return abs(float(got) - float(want)) <= tol


def _differences(got: dict, exp: dict) -> list[str]:
    problems = []

    def check(path, g, w, tol):
        if not _close(g, w, tol):
            problems.append(f"{path}: got {g!r}, expected {w!r}")

    c, ec = got["customer"], exp["customer"]
    for k in ("responses", "promoters", "passives", "detractors"):
        check(f"customer.{k}", c[k], ec[k], 0)
    check("customer.nps", c["nps"], ec["nps"], 0.05)
    check("customer.total_mean", c["total_mean"], ec["total_mean"], 0.005)
    check("customer.satisfied_share", c["satisfied_share"], ec["satisfied_share"], 0.0005)
    for q, v in ec["questions"].items():
        gq = c["questions"].get(q) or {}
        check(f"customer.{q}.mean", gq.get("mean"), v["mean"], 0.005)
        check(f"customer.{q}.n", gq.get("n"), v["n"], 0)
    cc, ecc = got["candidate"], exp["candidate"]
    check("candidate.responses", cc["responses"], ecc["responses"], 0)
    for q, v in ecc["questions"].items():
        gq = cc["questions"].get(q) or {}
        if candidate_too_few(v["n"]):  # the rule of five: a question answered by too few is not shown
            if gq:
                problems.append(f"candidate.{q}: shown from {v['n']} answers")
            continue
        key = "mean" if "mean" in v else "yes_share"
        check(f"candidate.{q}.{key}", gq.get(key), v[key], 0.0005 if key == "yes_share" else 0.005)
        check(f"candidate.{q}.n", gq.get("n"), v["n"], 0)
    s, es = got["six_month"], exp["six_month"]
    check("six_month.responses", s["responses"], es["responses"], 0)
    check("six_month.match_mean", s["match_mean"], es["match_mean"], 0.005)
    check("six_month.use_again_share", s["use_again_share"], es["use_again_share"], 0.0005)
    t, et = got["training"], exp["training"]
    check("training.responses", t["responses"], et["responses"], 0)
    check("training.mean", t["mean"], et["mean"], 0.005)
    a, ea = got["assignments"], exp["assignments"]
    for k in ("ordered", "closed", "revenue_sek"):
        check(f"assignments.{k}", a[k], ea[k], 0.5)
    for code, n in ea["by_package"].items():
        check(f"assignments.by_package.{code}", a["by_package"].get(code), n, 0)
    return problems


@pytest.fixture(scope="module")
def samples(django_db_setup, django_db_blocker):
    """The sample register and survey history, loaded once for every scope."""
    with data_for_the_module(django_db_blocker):
        load_samples()
        yield


@pytest.mark.django_db
@pytest.mark.parametrize("scope", list(SCOPES))
def test_it_reproduces_the_expected_sample_figures(samples, scope):
    expected = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))[scope]
    got = json.loads(json.dumps(kpi_report(**SCOPES[scope]).to_json()))
    assert _differences(got, expected) == []
