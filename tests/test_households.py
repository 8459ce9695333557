"""Tests for hokatsu.domain.households: members, issues, households and the typology ①–④."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hokatsu import (
    CareLevel,
    Certificate,
    CompoundTag,
    DuplicateIdError,
    Eligibility,
    Employment,
    Field,
    HardCaseType,
    Household,
    IntakeCategory,
    InvalidValueError,
    Issue,
    Member,
    Relation,
    Typology,
    UnknownReferenceError,
    classify,
    typology,
)
from hokatsu.domain.households import age_on
from tests.strategies import dates, households

DAY = dt.date(2016, 6, 1)


def member(member_id: str, relation: Relation = Relation.HEAD, **kw: object) -> Member:
    return Member(id=member_id, relation=relation, born=kw.pop("born", dt.date(1960, 1, 1)),
                  **kw)  # type: ignore[arg-type]


def issue(issue_id: str, member_id: str | None, field: Field, **kw: object) -> Issue:
    return Issue(id=issue_id, member_id=member_id, field=field,
                 identified=kw.pop("identified", DAY), **kw)  # type: ignore[arg-type]


class TestMember:
    def test_defaults(self) -> None:
        """A member without extra facts has no certificate, care level or disability."""
        m = member("m")
        assert m.certificates == frozenset()
        assert m.care_level is None
        assert m.employment is Employment.UNKNOWN
        assert not m.has_disability

    def test_suspected_disability_with_certificate_is_rejected(self) -> None:
        """A suspicion of disability is for members without a certificate."""
        with pytest.raises(InvalidValueError) as info:
            member("m", certificates=frozenset({Certificate.PHYSICAL}), disability_suspected=True)
        assert info.value.field == "disability_suspected"

    def test_has_disability(self) -> None:
        """A certificate or a suspicion each count as a disability."""
        assert member("a", certificates=frozenset({Certificate.INTELLECTUAL})).has_disability
        assert member("b", disability_suspected=True).has_disability

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("id", ""), ("id", " m"), ("id", "x" * 201), ("id", "a\nb"), ("id", 1),
            ("relation", "head"), ("born", dt.datetime(1960, 1, 1)), ("born", "1960-01-01"),
            ("certificates", {Certificate.PHYSICAL}), ("certificates", frozenset({"physical"})),
            ("disability_suspected", 1), ("care_level", "care_1"), ("employment", None),
            ("carer", "yes"), ("public_assistance", None),
        ],
    )
    def test_rejects_bad_fields(self, field: str, value: object) -> None:
        """Each field checks its type and names itself in the error."""
        kw: dict[str, object] = {"id": "m", "relation": Relation.HEAD, "born": DAY, field: value}
        with pytest.raises(InvalidValueError) as info:
            Member(**kw)  # type: ignore[arg-type]
        assert info.value.field.startswith(field)


class TestAgeOn:
    def test_birthday(self) -> None:
        """The age goes up on the birthday itself, not the day before."""
        born = dt.date(2000, 4, 2)
        assert age_on(born, dt.date(2016, 4, 1)) == 15
        assert age_on(born, dt.date(2016, 4, 2)) == 16

    def test_born_on_29_february(self) -> None:
        """Someone born on 29 February gets a year older on 1 March in common years."""
        born = dt.date(2000, 2, 29)
        assert age_on(born, dt.date(2001, 2, 28)) == 0
        assert age_on(born, dt.date(2001, 3, 1)) == 1
        assert age_on(born, dt.date(2004, 2, 28)) == 3
        assert age_on(born, dt.date(2004, 2, 29)) == 4

    def test_member_age_on(self) -> None:
        """Member.age_on uses the member's date of birth."""
        assert member("m", born=dt.date(1966, 8, 1)).age_on(DAY) == 49

    @given(dates, st.integers(0, 120))
    def test_age_on_anniversaries(self, born: dt.date, years: int) -> None:
        """On the n-th anniversary (1 March for 29 February in a common year) the age is n,
        and n - 1 the day before."""
        year = born.year + years
        try:
            anniversary = born.replace(year=year)
        except ValueError:  # 29 February in a common year
            anniversary = dt.date(year, 3, 1)
        assert age_on(born, anniversary) == years
        if years:
            assert age_on(born, anniversary - dt.timedelta(days=1)) == years - 1


class TestHousehold:
    def test_rejects_duplicate_member_ids(self) -> None:
        """Two members with one id are rejected."""
        with pytest.raises(DuplicateIdError) as info:
            Household(id="h", person_id="a", members=(member("a"), member("a")))
        assert (info.value.field, info.value.ref) == ("members", "a")

    def test_rejects_duplicate_issue_ids(self) -> None:
        """Two issues with one id are rejected."""
        with pytest.raises(DuplicateIdError) as info:
            Household(id="h", person_id="a", members=(member("a"),),
                      issues=(issue("i", "a", Field.HEALTH), issue("i", None, Field.HOUSING)))
        assert (info.value.field, info.value.ref) == ("issues", "i")

    def test_rejects_unknown_person(self) -> None:
        """The person at the centre must be a member."""
        with pytest.raises(UnknownReferenceError) as info:
            Household(id="h", person_id="z", members=(member("a"),))
        assert (info.value.field, info.value.ref, info.value.known) == ("person_id", "z", ("a",))

    def test_rejects_issue_of_unknown_member(self) -> None:
        """An issue must belong to a member or to the whole household."""
        with pytest.raises(UnknownReferenceError) as info:
            Household(id="h", person_id="a", members=(member("a"),),
                      issues=(issue("i", "b", Field.HEALTH),))
        assert (info.value.field, info.value.ref) == ("member_id", "b")
        assert "issue 'i'" in info.value.obj

    def test_rejects_empty_members(self) -> None:
        """A household has at least one member."""
        with pytest.raises(InvalidValueError):
            Household(id="h", person_id="a", members=())

    def test_rejects_lists(self) -> None:
        """Collections are tuples, not lists."""
        with pytest.raises(InvalidValueError):
            Household(id="h", person_id="a", members=[member("a")])  # type: ignore[arg-type]

    def test_look_ups(self) -> None:
        """Members, the person and issues by member and date are found."""
        h = Household(
            id="h", person_id="b", members=(member("a"), member("b", Relation.CHILD)),
            issues=(issue("i1", "b", Field.HEALTH), issue("i2", None, Field.HOUSING),
                    issue("i3", "b", Field.EMPLOYMENT, identified=dt.date(2017, 1, 1))),
        )
        assert h.person.id == "b"
        assert h.member("a").relation is Relation.HEAD
        assert [i.id for i in h.issues_of("b")] == ["i1", "i3"]
        assert [i.id for i in h.issues_of("b", on=DAY)] == ["i1"]
        assert [i.id for i in h.issues_of(None)] == ["i2"]
        assert h.fields(on=DAY) == {Field.HEALTH, Field.HOUSING}
        with pytest.raises(UnknownReferenceError):
            h.member("zz")


class TestReportExamples:
    """The four example households of 実施要綱 (第1章 2.(2)), modelled and classified."""

    def test_8050_parent_needing_care_and_withdrawn_child(self) -> None:
        """① (several members with issues): the parent consults about care (one issue of
        the parent), the unemployed child in ひきこもり has issues of their own; the person
        has a single issue and existing services (care, hardship support) can take each."""
        parent = member("p", born=dt.date(1936, 5, 1), care_level=CareLevel.CARE_2,
                        employment=Employment.RETIRED)
        child = member("c", Relation.CHILD, born=dt.date(1966, 8, 1),
                       employment=Employment.UNEMPLOYED)
        h = Household(
            id="8050", person_id="p", members=(parent, child),
            issues=(
                issue("care", "p", Field.ELDERLY, categories=frozenset({IntakeCategory.CARE}),
                      tags=frozenset({CompoundTag.EIGHTY_FIFTY})),
                issue("withdrawal", "c", Field.ISOLATION,
                      categories=frozenset({IntakeCategory.WITHDRAWAL_TRUANCY}),
                      tags=frozenset({CompoundTag.HIKIKOMORI, CompoundTag.EIGHTY_FIFTY})),
                issue("job", "c", Field.EMPLOYMENT,
                      categories=frozenset({IntakeCategory.JOB_SEARCH})),
            ),
        )
        assert typology(h) == Typology(multi_member=True, multi_issue=False,
                                       no_fitting_service=False)
        assert classify(h) is HardCaseType.MULTI_MEMBER
        assert parent.age_on(DAY) == 80
        assert child.age_on(DAY) == 49

    def test_cancer_patient_with_disabled_child(self) -> None:
        """④ (compound): the person, a cancer patient, has a medical and an employment need
        (②), and the disabled child has a need of their own (①)."""
        patient = member("p", born=dt.date(1975, 3, 3), employment=Employment.EMPLOYED)
        child = member("c", Relation.CHILD, born=dt.date(2008, 9, 9),
                       certificates=frozenset({Certificate.INTELLECTUAL}),
                       employment=Employment.STUDENT)
        h = Household(
            id="cancer", person_id="p", members=(patient, child),
            issues=(
                issue("treatment", "p", Field.HEALTH,
                      categories=frozenset({IntakeCategory.ILLNESS_HEALTH_DISABILITY})),
                issue("work", "p", Field.EMPLOYMENT,
                      categories=frozenset({IntakeCategory.WORKPLACE})),
                issue("child", "c", Field.DISABILITY),
            ),
        )
        assert typology(h) == Typology(multi_member=True, multi_issue=True,
                                       no_fitting_service=False)
        assert classify(h) is HardCaseType.COMPOUND

    def test_double_care(self) -> None:
        """② (several issues of the person): in a dual-income household the consulting
        parent carries both the care of their own parent and the raising of the children
        (ダブルケア); the cared-for members are not the ones with the issue."""
        h = Household(
            id="double-care", person_id="mother",
            members=(
                member("mother", Relation.SPOUSE, born=dt.date(1976, 1, 1),
                       employment=Employment.EMPLOYED, carer=True),
                member("father", Relation.HEAD, born=dt.date(1974, 1, 1),
                       employment=Employment.EMPLOYED),
                member("grandmother", Relation.PARENT_IN_LAW, born=dt.date(1938, 1, 1),
                       care_level=CareLevel.CARE_1),
                member("baby", Relation.CHILD, born=dt.date(2015, 1, 1),
                       employment=Employment.PRESCHOOL),
            ),
            issues=(
                issue("care", "mother", Field.ELDERLY, tags=frozenset({CompoundTag.DOUBLE_CARE}),
                      categories=frozenset({IntakeCategory.CARE})),
                issue("rearing", "mother", Field.CHILDREN,
                      tags=frozenset({CompoundTag.DOUBLE_CARE}),
                      categories=frozenset({IntakeCategory.CHILD_REARING})),
            ),
        )
        assert typology(h) == Typology(multi_member=False, multi_issue=True,
                                       no_fitting_service=False)
        assert classify(h) is HardCaseType.MULTI_ISSUE

    def test_double_care_recorded_on_the_cared_for(self) -> None:
        """The same household recorded with the needs on the grandmother and the baby is ①:
        the typology follows whom the issues are recorded on."""
        h = Household(
            id="double-care-2", person_id="mother",
            members=(member("mother", carer=True), member("grandmother", Relation.PARENT),
                     member("baby", Relation.CHILD)),
            issues=(issue("care", "grandmother", Field.ELDERLY),
                    issue("rearing", "baby", Field.CHILDREN)),
        )
        assert classify(h) is HardCaseType.MULTI_MEMBER

    def test_suspected_disability_without_certificate(self) -> None:
        """③ (no fitting service): services for disabled people ask for a certificate the
        person does not hold, so the one issue falls between the systems (制度の狭間)."""
        person = member("p", born=dt.date(1990, 1, 1), disability_suspected=True,
                        employment=Employment.UNEMPLOYED)
        service = Eligibility(fields=frozenset({Field.DISABILITY}), needs_certificate=True)
        fits = service.admits(age=person.age_on(DAY), field=Field.DISABILITY,
                              has_certificate=bool(person.certificates))
        h = Household(
            id="suspected", person_id="p", members=(person,),
            issues=(issue("suspected", "p", Field.DISABILITY, fits_existing_services=fits,
                          tags=frozenset({CompoundTag.SUSPECTED_DISABILITY})),),
        )
        assert not fits
        assert typology(h) == Typology(multi_member=False, multi_issue=False,
                                       no_fitting_service=True)
        assert classify(h) is HardCaseType.NO_FITTING_SERVICE


class TestTypology:
    def test_household_issues_count_as_the_persons(self) -> None:
        """An issue of the whole household adds to the person's issues (②), not to ①."""
        h = Household(id="h", person_id="a", members=(member("a"), member("b")),
                      issues=(issue("i1", "a", Field.HEALTH), issue("i2", None, Field.HOUSING)))
        assert typology(h) == Typology(multi_member=False, multi_issue=True,
                                       no_fitting_service=False)

    def test_no_issues_is_no_type(self) -> None:
        """A household without issues is none of the types."""
        assert classify(Household(id="h", person_id="a", members=(member("a"),))) is None

    @pytest.mark.parametrize(
        ("flags", "expected"),
        [
            ((False, False, False), None),
            ((True, False, False), HardCaseType.MULTI_MEMBER),
            ((False, True, False), HardCaseType.MULTI_ISSUE),
            ((False, False, True), HardCaseType.NO_FITTING_SERVICE),
            ((True, True, False), HardCaseType.COMPOUND),
            ((True, False, True), HardCaseType.COMPOUND),
            ((False, True, True), HardCaseType.COMPOUND),
            ((True, True, True), HardCaseType.COMPOUND),
        ],
    )
    def test_type_table(self, flags: tuple[bool, bool, bool], expected: object) -> None:
        """Exactly one condition gives its type, several give ④, none gives None."""
        t = Typology(multi_member=flags[0], multi_issue=flags[1], no_fitting_service=flags[2])
        assert t.type is expected

    def test_labels(self) -> None:
        """The types carry the report's ① to ④ labels."""
        assert [t.label[0] for t in HardCaseType] == ["①", "②", "③", "④"]

    @given(households())
    def test_none_iff_no_condition(self, h: Household) -> None:
        """classify is None exactly when no condition ①–③ holds."""
        t = typology(h)
        assert (classify(h) is None) == (
            not (t.multi_member or t.multi_issue or t.no_fitting_service)
        )

    @given(households())
    def test_compound_iff_two_conditions(self, h: Household) -> None:
        """classify is ④ exactly when two or more conditions hold."""
        t = typology(h)
        held = sum((t.multi_member, t.multi_issue, t.no_fitting_service))
        assert (classify(h) is HardCaseType.COMPOUND) == (held >= 2)

    @given(households())
    def test_conditions_match_their_definitions(self, h: Household) -> None:
        """① counts members with issues of their own, ② the person's and the household's
        issues, ③ any issue no existing service can take."""
        t = typology(h)
        owners = {i.member_id for i in h.issues} - {None}
        assert t.multi_member == (len(owners) >= 2)
        assert t.multi_issue == (len(h.issues_of(h.person_id)) + len(h.issues_of(None)) >= 2)
        assert t.no_fitting_service == any(not i.fits_existing_services for i in h.issues)

    @given(households(), dates)
    def test_later_issues_are_ignored(self, h: Household, on: dt.date) -> None:
        """As of a date, only issues identified by then count."""
        earlier = attrs.evolve(h, issues=tuple(i for i in h.issues if i.identified <= on))
        assert typology(h, on) == typology(earlier)
        assert classify(h, on) == classify(earlier)

    @given(households())
    def test_classify_is_pure(self, h: Household) -> None:
        """Classification depends only on the facts: the order of members and issues does
        not matter."""
        shuffled = attrs.evolve(h, members=h.members[::-1], issues=h.issues[::-1])
        assert classify(shuffled) == classify(h)



class TestWrongArguments:
    @pytest.mark.parametrize("junk", [None, "h1", 3, ()])
    def test_classify_junk(self, junk: object) -> None:
        """classify(None) and the like name the household argument."""
        for function in (classify, typology):
            with pytest.raises(InvalidValueError) as info:
                function(junk)  # type: ignore[arg-type]
            assert info.value.field == "household"

    def test_classify_on_must_be_a_date(self) -> None:
        """classify(..., on=) takes None or a plain date."""
        household = Household(id="h", person_id="m", members=(
            Member(id="m", relation=Relation.HEAD, born=dt.date(1950, 1, 1)),))
        for on in ("2016-06-01", dt.datetime(2016, 6, 1), 2016):
            with pytest.raises(InvalidValueError) as info:
                classify(household, on=on)  # type: ignore[arg-type]
            assert info.value.field == "on"
        with pytest.raises(InvalidValueError):
            household.issues_of(None, on="2016")  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError):
            household.fields(on="2016")  # type: ignore[arg-type]

    def test_age_on_junk(self) -> None:
        """age_on names the bad argument and does not quote a birth date."""
        with pytest.raises(InvalidValueError) as info:
            age_on("1950-01-02", dt.date(2016, 1, 1))  # type: ignore[arg-type]
        assert str(info.value) == (
            "age_on.born: got a str; expected a datetime.date (not a datetime)")
        member = Member(id="m", relation=Relation.HEAD, born=dt.date(1950, 1, 2))
        with pytest.raises(InvalidValueError) as info:
            member.age_on(None)  # type: ignore[arg-type]
        assert info.value.field == "date"

    def test_hard_case_type_junk(self) -> None:
        """hard_case_type takes True or False for each condition."""
        from hokatsu.domain.households import hard_case_type

        with pytest.raises(InvalidValueError) as info:
            hard_case_type("yes", False, False)  # type: ignore[arg-type]
        assert info.value.field == "multi_member"
