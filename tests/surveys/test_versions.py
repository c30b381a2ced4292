"""Seeded versions, the version in force per year, copying a version to a new year, and editing it."""
import pytest

from surveys.models import Answer, Question, Response, SurveyVersion
from surveys.selectors.answering import version_for
from surveys.services.versions import VersionError, questions_update, version_copy
from tests.factories import AssignmentFactory

STATEMENTS = ["planning", "ad_support", "selection_support", "interview_support", "reference_support",
              "test_feedback", "competency_based"]
EXPECTED = {
    ("customer", 2020): STATEMENTS + ["treatment", "cooperation", "overall_satisfaction", "comment"],
    ("customer", 2023): STATEMENTS + ["treatment", "cooperation", "overall_satisfaction", "returning_customer",
                                      "heard_of_us", "comment"],
    ("customer", 2025): STATEMENTS + ["cooperation", "overall_satisfaction", "nps", "returning_customer",
                                      "heard_of_us", "comment"],
    ("candidate", 2025): ["info_interviewers", "info_competency_based", "ad_clear", "info_matched_job",
                          "interview_fair_picture", "time_efficient", "info_sufficient", "non_discriminatory",
                          "consultant_contact", "took_tests", "test_info", "overall", "comment"],
    ("six_month", 2025): ["match", "use_again", "comment"],
    ("training", 2025): ["overall", "content", "delivery", "comment"],
}


@pytest.mark.django_db
class TestSeededVersions:
    def test_it_seeds_each_version_with_its_exact_keys_in_order(self):
        seeded = {(v.kind, v.year): [q.key for q in v.questions.order_by("order")]
                  for v in SurveyVersion.objects.all()}
        assert seeded == EXPECTED

    def test_the_questions_carry_the_departments_wording_and_rules(self):
        v2025 = SurveyVersion.objects.get(kind="customer", year=2025)
        assert v2025.stem == "Rekryteringskonsultens arbetssätt i rekryteringsprocessen har kännetecknats av:"
        q = {x.key: x for x in v2025.questions.all()}
        assert q["planning"].text == "väl planerad rekrytering"
        assert q["competency_based"].text.endswith("i syfte att undvika diskriminering")
        assert q["nps"].qtype == "scale_0_10"
        assert q["returning_customer"].text == "Har du köpt stöd av oss tidigare?"
        assert q["returning_customer"].qtype == "yes_no"
        assert q["heard_of_us"].condition == {"key": "returning_customer", "equals": "nej"}
        assert q["interview_support"].requires_interviews and q["interview_support"].allow_not_applicable
        assert q["test_feedback"].requires_tests and q["test_feedback"].allow_not_applicable
        assert q["comment"].required is False
        v2020 = SurveyVersion.objects.get(kind="customer", year=2020)
        assert v2020.questions.get(key="competency_based").text.endswith(
            "för att säkerställa en inkluderande rekrytering")
        assert v2020.questions.get(key="treatment").text == "gott bemötande"
        candidate = SurveyVersion.objects.get(kind="candidate", year=2025)
        assert candidate.questions.get(key="test_info").condition == {"key": "took_tests", "equals": "ja"}
        assert candidate.questions.get(key="overall").text.startswith("Helhetsomdöme: Rekryteringsprocessen")

    def test_seeding_again_changes_nothing(self):
        import importlib

        from django.apps import apps
        before = list(Question.objects.order_by("pk").values())
        importlib.import_module("surveys.migrations.0002_answer_seed_versions").seed(apps, None)
        assert list(Question.objects.order_by("pk").values()) == before


@pytest.mark.django_db
@pytest.mark.parametrize("kind,year,expected", [
    ("customer", 2019, 2020), ("customer", 2020, 2020), ("customer", 2022, 2020), ("customer", 2023, 2023),
    ("customer", 2024, 2023), ("customer", 2025, 2025), ("customer", 2030, 2025),
    ("candidate", 2024, 2025), ("six_month", 2026, 2025), ("training", 2025, 2025),
])
def test_version_for_picks_the_latest_version_from_that_year_or_the_earliest(kind, year, expected):
    assert version_for(kind, year).year == expected


@pytest.mark.django_db
class TestCopyAndEdit:
    def test_copy_makes_next_years_version_and_leaves_old_answers_alone(self):
        old = SurveyVersion.objects.get(kind="customer", year=2025)
        response = Response.objects.create(kind="customer", version=old, assignment=AssignmentFactory(),
                                           submitted_on="2025-05-01")
        Answer.objects.create(response=response, question_key="planning", value_number=9)
        new = version_copy(version=old, year=2026)
        assert new.kind == "customer" and new.stem == old.stem
        assert [(q.key, q.text, q.qtype, q.condition, q.requires_interviews) for q in new.questions.all()] == [
            (q.key, q.text, q.qtype, q.condition, q.requires_interviews) for q in old.questions.all()]
        questions_update(version=new, changes=[], delete=[new.questions.get(key="nps").pk])
        assert not new.questions.filter(key="nps").exists()
        assert old.questions.filter(key="nps").exists()
        response.refresh_from_db()
        assert response.version == old and version_for("customer", 2026) == new

    def test_copy_refuses_a_year_that_exists(self):
        old = SurveyVersion.objects.get(kind="customer", year=2023)
        with pytest.raises(VersionError):
            version_copy(version=old, year=2025)

    def test_a_version_with_answers_keeps_its_questions_but_texts_can_change(self):
        version = SurveyVersion.objects.get(kind="six_month", year=2025)
        Response.objects.create(kind="six_month", version=version, assignment=AssignmentFactory(),
                                submitted_on="2025-05-01")
        match = version.questions.get(key="match")
        with pytest.raises(VersionError):
            questions_update(version=version, changes=[], delete=[match.pk])
        with pytest.raises(VersionError):
            questions_update(version=version, changes=[], add={"key": "extra", "text": "Ny?", "qtype": "yes_no",
                                                               "required": False, "order": 99})
        questions_update(version=version, changes=[{"id": match.pk, "text": "Ny text", "required": False,
                                                   "order": 5}])
        match.refresh_from_db()
        assert (match.text, match.required, match.order) == ("Ny text", False, 5)
        assert version.questions.count() == 3
