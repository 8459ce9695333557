"""Tests of the HSDS 3.0 export: every object validates against Open Referral's JSON schemas.

The schemas are copied, unmodified, into ``tests/data/hsds-3.0/`` (with their licence) from
``shared/external/hsds-3.0``; they refer to each other by file name, and a ``referencing``
registry holding all of them resolves those references without any network access.

Formats are checked with jsonschema's own checker. Its ``uuid`` check is built in; ``uri`` and
``date-time`` would need optional packages (rfc3987, rfc3339-validator) and are skipped
silently without them, so the export writes no value under such a format (a test checks that
every format it does write is one the checker knows).
"""

from __future__ import annotations

import copy
import json
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from hokatsu import Agency, AgencyKind, Area, AreaTree, Eligibility, Field, Municipality, Sector
from hokatsu import Service as HokatsuService
from hokatsu.domain import CompoundTag, IntakeCategory
from hokatsu.errors import InvalidValueError
from hokatsu.hsds import HSDS_KINDS, HSDS_NAMESPACE, HsdsDirectory, hsds_uuid, to_hsds
from hokatsu.reference import edogawa, himi
from tests.strategies import municipalities, scaled

SCHEMA_DIR = Path(__file__).parent / "data" / "hsds-3.0" / "schema"


def _registry() -> Registry[Any]:
    """Every schema of the folder under its file name, which is what their ``$ref`` say."""
    return Registry().with_resources(
        (path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8")),
                                           default_specification=DRAFT202012))
        for path in sorted(SCHEMA_DIR.glob("*.json"))
    )


REGISTRY = _registry()
#: A validator per kind of object, checking formats (uuid among them) too.
VALIDATORS = {
    kind: Draft202012Validator(REGISTRY.contents(f"{kind}.json"), registry=REGISTRY,
                               format_checker=Draft202012Validator.FORMAT_CHECKER)
    for kind in HSDS_KINDS
}


def errors_of(kind: str, obj: Any) -> list[str]:
    """The messages of every schema violation of *obj* as an HSDS *kind*."""
    return [e.message for e in VALIDATORS[kind].iter_errors(obj)]


def assert_valid(export: HsdsDirectory) -> None:
    """Every object of *export* validates against its schema."""
    for kind, obj in export.objects():
        assert errors_of(kind, obj) == [], (kind, obj)


def small_city() -> Municipality:
    """Two areas, an agency with a service for people of 65 and over with a care level."""
    tree = AreaTree(levels=("city", "district"), areas=(
        Area(id="c", name="見本市", level="city"),
        Area(id="d/1", name="一地区", level="district", parent_id="c"),
    ))
    care = HokatsuService(id="day", name="通所介護", eligibility=Eligibility(
        min_age=65, fields=frozenset({Field.ELDERLY}), needs_care_level=True,
        tags=frozenset({CompoundTag.DOUBLE_CARE})))
    return Municipality(id="mihon", name="見本市", areas=tree, agencies=(
        Agency(id="cgsc", name="地域包括支援センター", sector=Sector.SOCIAL_WELFARE_CORPORATION,
               kind=AgencyKind.COMMUNITY_GENERAL_SUPPORT_CENTER,
               fields=frozenset({Field.ELDERLY, Field.RIGHTS}), area_ids=frozenset({"d/1"}),
               services=(care,)),
    ))


class TestSchemas:
    def test_the_copied_schemas_are_the_shared_ones(self) -> None:
        """The test copy holds the schemas hokatsu exports, beside their licence."""
        names = {p.stem for p in SCHEMA_DIR.glob("*.json")}
        assert set(HSDS_KINDS) <= names
        assert (SCHEMA_DIR.parent / "LICENSE").read_text(encoding="utf-8").startswith(
            "The Human Services Data Specification")

    def test_references_resolve_offline(self) -> None:
        """A nested object is checked against the schema its ``$ref`` names, and a name not
        in the registry is not fetched but refused."""
        service = {"id": str(uuid.uuid4()), "name": "x", "status": "active",
                   "organization": {"id": "not a uuid"}}
        assert errors_of("service", service) != []
        with pytest.raises(Unresolvable):
            REGISTRY.resolver().lookup("https://example.org/elsewhere.json")

    def test_uuid_format_is_checked(self) -> None:
        """The format checker refuses an id that is not a UUID (formats are not only notes)."""
        assert "uuid" in Draft202012Validator.FORMAT_CHECKER.checkers
        assert errors_of("taxonomy", {"id": "himi", "name": "x", "description": "y"}) != []


class TestExport:
    def test_himi_validates(self) -> None:
        """氷見市's export validates, with an organization, location and own service per
        agency and every Field, IntakeCategory and CompoundTag as a term."""
        city = himi()
        export = to_hsds(city)
        assert_valid(export)
        n = len(city.agencies)
        assert (len(export.organizations), len(export.locations), len(export.services)) == (
            n, n, n)
        assert len(export.taxonomy_terms) == len(Field) + len(IntakeCategory) + len(CompoundTag)

    def test_japanese_names_are_kept(self) -> None:
        """Names, descriptions and terms keep the directory's and the report's Japanese."""
        export = to_hsds(himi())
        names = {o["name"] for o in export.organizations}
        assert "氷見市社会福祉協議会" in names
        assert {t["name"] for t in export.taxonomy_terms} >= {"高齢", "生活困窮", "8050"}
        assert all(t["language"] == "ja" for t in export.taxonomy_terms)
        assert "氷見市" in json.dumps(export.as_dict(), ensure_ascii=False)

    def test_a_service_of_the_directory(self) -> None:
        """A directory service carries its ages and eligibility in words, and is linked to
        the terms of its fields and tags; its area keeps its place in the tree."""
        export = to_hsds(small_city())
        assert_valid(export)
        day = next(s for s in export.services if s["name"] == "通所介護")
        assert day["minimum_age"] == 65
        assert "maximum_age" not in day
        assert day["eligibility_description"] == (
            "年齢：65歳〜。分野：高齢。対象：ダブルケア。要介護認定が必要")
        linked = {a["taxonomy_term_id"] for a in export.attributes if a["link_id"] == day["id"]}
        assert linked == {hsds_uuid("taxonomy_term", "field", "elderly"),
                          hsds_uuid("taxonomy_term", "compound_tag", "double_care")}
        own = next(s for s in export.services if s["name"] == "地域包括支援センター")
        assert own["description"] == "地域包括支援センターの相談・支援（分野：高齢・権利擁護）"
        assert [a["description"] for a in export.service_areas
                if a["service_id"] == own["id"]] == ["見本市 > 一地区"]

    def test_ids_follow_the_documented_rule(self) -> None:
        """An id is uuid5 in the namespace of the kind and the percent-encoded ids."""
        export = to_hsds(small_city())
        expected = uuid.uuid5(HSDS_NAMESPACE, "service_area:mihon/cgsc/day/d%2F1")
        assert str(expected) in {a["id"] for a in export.service_areas}
        assert hsds_uuid("organization", "mihon", "cgsc") == export.organizations[0]["id"]
        derived = uuid.uuid5(uuid.NAMESPACE_URL, "https://hokatsu.readthedocs.io/hsds")
        assert derived == HSDS_NAMESPACE

    def test_every_format_written_is_checked(self) -> None:
        """Every field the export writes either has no format in its schema or one the
        format checker actually checks (so no format passes unchecked)."""
        checked = set(Draft202012Validator.FORMAT_CHECKER.checkers)
        export = to_hsds(small_city())
        for kind, obj in export.objects():
            properties = VALIDATORS[kind].schema["properties"]
            for name in obj:
                fmt = properties[name].get("format")
                assert fmt is None or fmt in checked, (kind, name, fmt)

    def test_the_order_of_agencies_does_not_matter(self) -> None:
        """A directory listing its agencies in another order exports the same objects."""
        city = himi()
        turned = attrs.evolve(city, agencies=tuple(reversed(city.agencies)))
        assert to_hsds(turned) == to_hsds(city)

    def test_every_preset_validates(self) -> None:
        """江戸川区's larger directory validates too."""
        assert_valid(to_hsds(edogawa()))

    def test_as_dict_is_json_and_a_copy(self) -> None:
        """as_dict gives JSON-ready lists under HSDS's plural names; changing them leaves the
        export as it was."""
        export = to_hsds(small_city())
        data = export.as_dict()
        assert set(data) == set(HsdsDirectory.SCHEMAS)
        assert json.loads(json.dumps(data)) == data
        data["organizations"][0]["name"] = "changed"
        assert export.organizations[0]["name"] == "地域包括支援センター"

    def test_repr_gives_counts(self) -> None:
        """The repr gives the municipality and counts, not contents."""
        text = repr(to_hsds(small_city()))
        assert text.startswith("<HsdsDirectory 'mihon': 1 organizations, 2 services")
        assert "見本市" not in text

    @scaled(1 / 2)
    @given(municipalities())
    def test_random_directories_validate(self, city: Municipality) -> None:
        """Any valid directory exports valid objects with unique ids whose links point to
        exported objects, and the same directory gives the same ids."""
        export = to_hsds(city)
        assert_valid(export)
        ids = Counter(obj["id"] for _, obj in export.objects())
        assert max(ids.values()) == 1
        by_kind = {kind: {obj["id"] for k, obj in export.objects() if k == kind}
                   for kind in HSDS_KINDS}
        for kind, link, target in [
            ("service", "organization_id", "organization"),
            ("location", "organization_id", "organization"),
            ("service_at_location", "service_id", "service"),
            ("service_at_location", "location_id", "location"),
            ("service_area", "service_id", "service"),
            ("attribute", "link_id", "service"),
            ("attribute", "taxonomy_term_id", "taxonomy_term"),
            ("taxonomy_term", "taxonomy_id", "taxonomy"),
        ]:
            assert {obj[link] for k, obj in export.objects() if k == kind} <= by_kind[target]
        n_services = len(city.agencies) + sum(len(a.services) for a in city.agencies)
        assert len(export.services) == len(export.service_at_locations) == n_services
        assert len(export.service_areas) == sum(
            len(a.area_ids) * (1 + len(a.services)) for a in city.agencies)
        again = to_hsds(copy.deepcopy(city))
        assert again == export
        assert [o["id"] for _, o in again.objects()] == [o["id"] for _, o in export.objects()]


def _broken(kind: str, obj: dict[str, Any]) -> list[dict[str, Any]]:
    """Broken variants of a valid *obj*: each required field dropped, the id not a UUID, a
    string field given a number, an unknown enum value."""
    required = VALIDATORS[kind].schema["required"]
    out = [{k: v for k, v in obj.items() if k != name} for name in required]
    out.append({**obj, "id": "himi-cgsc"})
    out.append({**obj, "id": obj["id"].replace("-", "")[:31]})
    text = next(k for k, v in obj.items() if isinstance(v, str) and k != "id")
    out.append({**obj, text: 7})
    if kind == "service":
        out.append({**obj, "status": "open"})
        out.append({**obj, "minimum_age": "65"})
    if kind == "location":
        out.append({**obj, "location_type": "office"})
    if kind in ("service", "location", "service_at_location", "service_area", "attribute"):
        link = next(k for k in obj if k.endswith("_id") and k != "id")
        out.append({**obj, link: "cgsc"})
    return out


class TestBrokenObjectsAreRejected:
    @pytest.mark.parametrize("kind", HSDS_KINDS)
    def test_broken_variants_fail(self, kind: str) -> None:
        """Every broken variant of a real exported object of each kind fails validation."""
        export = to_hsds(small_city())
        obj = next(o for k, o in export.objects() if k == kind)
        assert errors_of(kind, obj) == []
        for bad in _broken(kind, obj):
            assert errors_of(kind, bad) != [], bad


class TestBadInput:
    @pytest.mark.parametrize("junk", [None, "himi", {"id": "himi"}, himi().areas])
    def test_to_hsds_refuses_what_is_not_a_directory(self, junk: Any) -> None:
        """to_hsds names its argument and the type it takes."""
        with pytest.raises(InvalidValueError, match=r"to_hsds\.directory: .*Municipality"):
            to_hsds(junk)

    @pytest.mark.parametrize(("kind", "parts", "field"), [
        ("agency", ("himi",), "kind"),
        (None, ("himi",), "kind"),
        ("organization", (), "parts"),
        ("organization", ("himi", " x"), "parts[1]"),
        ("organization", ("himi", 3), "parts[1]"),
    ])
    def test_hsds_uuid_refuses_bad_arguments(self, kind: Any, parts: Any, field: str) -> None:
        """hsds_uuid refuses an unknown kind, no parts, or a part that is not an id."""
        with pytest.raises(InvalidValueError) as info:
            hsds_uuid(kind, *parts)
        assert info.value.field == field

    def test_hsds_directory_checks_its_fields(self) -> None:
        """HsdsDirectory takes tuples of dicts only."""
        with pytest.raises(InvalidValueError, match="organizations"):
            HsdsDirectory(municipality_id="x", organizations=[{}])  # type: ignore[arg-type]
