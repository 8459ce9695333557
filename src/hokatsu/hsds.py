"""An agency directory in the shape of Open Referral's HSDS 3.0.

The Human Services Data Specification (HSDS, https://openreferral.org/) is the common format of
directories of human services: organisations, the services they deliver, where and for which
areas. :func:`to_hsds` turns a :class:`~hokatsu.domain.municipality.Municipality` into
HSDS 3.0 objects, as plain JSON-ready dicts in HSDS's flat (tabular) form, linked by their ids:

- an **organization** per agency (関係機関), its ``description`` the agency's kind and its
  ``legal_status`` its sector (運営主体, 第2章 1., 第3章);
- a **location** per agency, its office (``physical``; the directory records no address);
- a **service** per agency for its own consultation and support, named after the agency, and
  a service per :class:`~hokatsu.domain.agencies.Service` it offers, with its eligibility
  (ages, fields, certificates, compound-case tags) in ``minimum_age``, ``maximum_age`` and
  ``eligibility_description``;
- a **service_at_location** per service, at its agency's office;
- a **service_area** per service and area the agency serves, its ``description`` the area's
  place in the tree (``氷見市 > 灘浦ブロック``);
- three **taxonomies** with their **taxonomy_terms**: the fields of support (分野,
  :class:`~hokatsu.domain.fields.Field`), the sixteen boxes of the hardship-support intake form
  (issue categories, :class:`~hokatsu.domain.fields.IntakeCategory`) and the tags of compound cases
  (:class:`~hokatsu.domain.fields.CompoundTag`), each term's ``code`` the enum's value and its
  ``name`` the report's Japanese label;
- an **attribute** per service and field (or compound-case tag) it takes, linking the service to
  that term. A service whose eligibility names no field takes its agency's fields.

Names and descriptions stay in Japanese, as in the directory. HSDS requires UUIDs for ids, so
every id is a name-based UUID (version 5) in :data:`HSDS_NAMESPACE`, made by :func:`hsds_uuid`
from the kind of object and the hokatsu ids it stands for: the same directory always gives the
same ids, and an agency keeps its ids from one export to the next. Objects come in a fixed order
(agencies, services and areas by id; terms in the order of their enum).

Examples:
    >>> from hokatsu.reference import himi
    >>> export = to_hsds(himi())
    >>> export  # doctest: +NORMALIZE_WHITESPACE
    <HsdsDirectory 'himi': 14 organizations, 14 services, 14 locations,
     14 service_at_locations, 14 service_areas, 3 taxonomies, 37 taxonomy_terms,
     19 attributes>
    >>> cgsc = next(o for o in export.organizations if o["name"] == "地域包括支援センター")
    >>> cgsc["id"] == hsds_uuid("organization", "himi", "himi-cgsc")
    True
    >>> cgsc["description"], cgsc["legal_status"]
    ('地域包括支援センター', '行政（直営）')
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar
from urllib.parse import quote

import attrs

from hokatsu import _validators as v
from hokatsu._enums import Labelled
from hokatsu.domain.agencies import Agency, Eligibility, Service
from hokatsu.domain.fields import CompoundTag, Field, IntakeCategory
from hokatsu.domain.municipality import Municipality
from hokatsu.errors import InvalidValueError

__all__ = ["HSDS_KINDS", "HSDS_NAMESPACE", "HsdsDirectory", "hsds_uuid", "to_hsds"]

#: The namespace of every id hokatsu gives an HSDS object:
#: ``uuid5(NAMESPACE_URL, "https://hokatsu.readthedocs.io/hsds")``.
HSDS_NAMESPACE = uuid.UUID("a58e66a8-ecfa-54d1-a0ca-3b91b744743d")

#: The kinds of HSDS object :func:`to_hsds` makes, each the name of its HSDS schema.
HSDS_KINDS = ("organization", "service", "location", "service_at_location", "service_area",
              "taxonomy", "taxonomy_term", "attribute")

#: An HSDS object: a JSON-ready dict.
HsdsObject = dict[str, Any]

_OBJECTS = v.tuple_of(v.instance_of(dict))


def hsds_uuid(kind: str, *parts: str) -> str:
    """The id of the HSDS object of *kind* standing for the hokatsu ids *parts*.

    It is ``uuid5(HSDS_NAMESPACE, name)``, where the name is the kind, a colon and the parts
    joined by ``/``, each percent-encoded (``organization:himi/himi-cgsc``), so that no two
    lists of parts give the same name. The parts are, for each kind:

    - organization, location: the municipality's id and the agency's;
    - service, service_at_location: the municipality's, the agency's and, for a service of
      the directory, the service's id (without it: the agency's own consultation service);
    - service_area: the service's parts and the area's id;
    - taxonomy: its name (``field``, ``intake_category``, ``compound_tag``), and taxonomy_term
      the taxonomy's name and the term's code (``field``, ``elderly``): terms are shared by
      every municipality's export;
    - attribute: the service's parts, the taxonomy's name and the term's code.

    Args:
        kind: one of :data:`HSDS_KINDS`.
        parts: the hokatsu ids the object stands for.

    Returns:
        The UUID as a lower-case string, as HSDS writes it.

    Raises:
        InvalidValueError: an unknown kind, no parts, or a part that is not an id.

    Examples:
        >>> hsds_uuid("organization", "himi", "himi-cgsc")
        '2a757c6d-f595-5dd5-b912-70f6c981ad97'
        >>> hsds_uuid("taxonomy_term", "field", "elderly")
        'bcda4a28-332f-5c16-b602-773e765b94ea'
    """
    if type(kind) is not str or kind not in HSDS_KINDS:
        raise InvalidValueError("hsds_uuid", "kind", kind, ", ".join(HSDS_KINDS))
    if not parts:
        raise InvalidValueError("hsds_uuid", "parts", parts, "at least one id")
    v.argument("hsds_uuid", "parts", parts, v.tuple_of(v.ID))
    return _uuid(kind, parts)


def _uuid(kind: str, parts: Iterable[str]) -> str:
    name = kind + ":" + "/".join(quote(p, safe="") for p in parts)
    return str(uuid.uuid5(HSDS_NAMESPACE, name))


@attrs.frozen(kw_only=True, repr=False, unsafe_hash=False)
class HsdsDirectory:
    """A directory as HSDS 3.0 objects, one tuple of plain dicts per kind of object.

    Made by :func:`to_hsds`. Each dict is one HSDS object in the flat (tabular) form, ready for
    ``json.dumps``; its schema is the HSDS schema named in :attr:`SCHEMAS`. Its repr gives
    counts.

    Args:
        municipality_id: the id of the municipality exported.
        organizations: one per agency.
        services: the agencies' own consultation services and the services they offer.
        locations: one per agency.
        service_at_locations: one per service.
        service_areas: one per service and area served.
        taxonomies: fields, intake categories, compound-case tags.
        taxonomy_terms: the terms of the taxonomies.
        attributes: links from services to the terms of their fields and tags.

    Raises:
        InvalidValueError: a field that is not a tuple of dicts.

    Examples:
        >>> from hokatsu.reference import himi
        >>> to_hsds(himi())  # doctest: +NORMALIZE_WHITESPACE
        <HsdsDirectory 'himi': 14 organizations, 14 services, 14 locations, 14 service_at_locations,
         14 service_areas, 3 taxonomies, 37 taxonomy_terms, 19 attributes>
        >>> HsdsDirectory.SCHEMAS["service_areas"]
        'service_area'
    """

    #: For each field holding objects, the name of their HSDS schema.
    SCHEMAS: ClassVar[dict[str, str]] = {
        "organizations": "organization", "services": "service", "locations": "location",
        "service_at_locations": "service_at_location", "service_areas": "service_area",
        "taxonomies": "taxonomy", "taxonomy_terms": "taxonomy_term", "attributes": "attribute",
    }

    municipality_id: str = attrs.field(validator=v.ID)
    organizations: tuple[HsdsObject, ...] = attrs.field(default=(), validator=_OBJECTS)
    services: tuple[HsdsObject, ...] = attrs.field(default=(), validator=_OBJECTS)
    locations: tuple[HsdsObject, ...] = attrs.field(default=(), validator=_OBJECTS)
    service_at_locations: tuple[HsdsObject, ...] = attrs.field(default=(), validator=_OBJECTS)
    service_areas: tuple[HsdsObject, ...] = attrs.field(default=(), validator=_OBJECTS)
    taxonomies: tuple[HsdsObject, ...] = attrs.field(default=(), validator=_OBJECTS)
    taxonomy_terms: tuple[HsdsObject, ...] = attrs.field(default=(), validator=_OBJECTS)
    attributes: tuple[HsdsObject, ...] = attrs.field(default=(), validator=_OBJECTS)

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(getattr(self, name))} {name}" for name in self.SCHEMAS)
        return f"<HsdsDirectory {self.municipality_id!r}: {counts}>"

    def objects(self) -> Iterator[tuple[str, HsdsObject]]:
        """Every object with the name of its HSDS schema, kind by kind in :attr:`SCHEMAS`
        order.

        Yields:
            ``(schema name, object)`` pairs.

        Examples:
            >>> from hokatsu.reference import himi
            >>> schema, obj = next(to_hsds(himi()).objects())
            >>> schema, sorted(obj)
            ('organization', ['description', 'id', 'legal_status', 'name'])
        """
        for name, schema in self.SCHEMAS.items():
            for obj in getattr(self, name):
                yield schema, obj

    def as_dict(self) -> dict[str, list[HsdsObject]]:
        """The objects as one JSON-ready dict, a list per kind under its HSDS plural name.

        Returns:
            ``{"organizations": [...], "services": [...], ...}`` with copies of the objects.

        Examples:
            >>> from hokatsu.reference import himi
            >>> data = to_hsds(himi()).as_dict()
            >>> list(data)[:3], len(data["taxonomy_terms"])
            (['organizations', 'services', 'locations'], 37)
        """
        return {name: [dict(obj) for obj in getattr(self, name)] for name in self.SCHEMAS}


# -- taxonomies --------------------------------------------------------------------------------

#: (name, enum, title, description) of each taxonomy, in export order.
_TAXONOMIES: tuple[tuple[str, type[Labelled], str, str], ...] = (
    ("field", Field, "分野",
     "Fields of support (分野) of comprehensive consultation support: the report's five and "
     "those of its case studies (hokatsu.domain.Field)."),
    ("intake_category", IntakeCategory, "相談受付・申込票の区分",
     "Issue categories: the sixteen boxes of the hardship-support intake form "
     "(hokatsu.domain.IntakeCategory)."),
    ("compound_tag", CompoundTag, "複合課題のタグ",
     "Tags of compound cases such as 8050 or ダブルケア (hokatsu.domain.CompoundTag)."),
)


def _taxonomies() -> tuple[tuple[HsdsObject, ...], tuple[HsdsObject, ...]]:
    taxonomies: list[HsdsObject] = []
    terms: list[HsdsObject] = []
    for name, cls, title, description in _TAXONOMIES:
        taxonomy_id = _uuid("taxonomy", (name,))
        taxonomies.append({"id": taxonomy_id, "name": title, "description": description})
        terms.extend(
            {
                "id": _uuid("taxonomy_term", (name, member.value)),
                "code": member.value,
                "name": member.label,
                "description": f"{member.label} ({cls.__name__}.{member.name})",
                "taxonomy": title,
                "taxonomy_id": taxonomy_id,
                "language": "ja",
            }
            for member in cls
        )
    return tuple(taxonomies), tuple(terms)


# -- the export ----------------------------------------------------------------------------------


def _labels(members: Iterable[Labelled], cls: type[Labelled]) -> list[str]:
    """The labels of *members* in the enum's order."""
    chosen = set(members)
    return [m.label for m in cls if m in chosen]


def _eligibility_text(eligibility: Eligibility) -> str:
    """Who a service is for, in Japanese, from its structured eligibility."""
    parts = []
    low, high = eligibility.min_age, eligibility.max_age
    if low is not None or high is not None:
        parts.append(f"年齢：{'' if low is None else f'{low}歳'}〜"
                     f"{'' if high is None else f'{high}歳'}")
    if eligibility.fields:
        parts.append("分野：" + "・".join(_labels(eligibility.fields, Field)))
    if eligibility.tags:
        parts.append("対象：" + "・".join(_labels(eligibility.tags, CompoundTag)))
    if eligibility.needs_certificate:
        parts.append("障害者手帳が必要")
    if eligibility.needs_care_level:
        parts.append("要介護認定が必要")
    return "。".join(parts)


def _service(
    agency: Agency, service: Service | None, key: tuple[str, ...], organization_id: str
) -> HsdsObject:
    if service is None:
        fields = _labels(agency.fields, Field)
        return {
            "id": _uuid("service", key),
            "organization_id": organization_id,
            "name": agency.name,
            "description": f"{agency.kind.label}の相談・支援"
            + (f"（分野：{'・'.join(fields)}）" if fields else ""),
            "status": "active",
        }
    obj: HsdsObject = {
        "id": _uuid("service", key),
        "organization_id": organization_id,
        "name": service.name,
        "status": "active",
    }
    text = _eligibility_text(service.eligibility)
    if text:
        obj["eligibility_description"] = text
    if service.eligibility.min_age is not None:
        obj["minimum_age"] = service.eligibility.min_age
    if service.eligibility.max_age is not None:
        obj["maximum_age"] = service.eligibility.max_age
    return obj


def to_hsds(directory: Municipality) -> HsdsDirectory:
    """Export a municipality's agency directory as HSDS 3.0 objects.

    Every object validates against its HSDS 3.0 JSON schema (the tests check this with
    ``jsonschema``); the module's docstring lists what becomes what. Meeting bodies and
    coordinators have no place in HSDS and are left out.

    Args:
        directory: the municipality whose agencies, services and areas are exported.

    Returns:
        The objects, kind by kind, in a fixed order, with ids from :func:`hsds_uuid`.

    Raises:
        InvalidValueError: *directory* is not a Municipality.

    Examples:
        >>> from hokatsu.reference import himi
        >>> export = to_hsds(himi())
        >>> branch = next(s for s in export.services
        ...               if s["name"] == "地域包括支援センターブランチ1")
        >>> branch["description"]
        '地域包括支援センターのブランチの相談・支援（分野：高齢）'
        >>> [a["description"] for a in export.service_areas if a["service_id"] == branch["id"]]
        ['氷見市 > 南條']
        >>> to_hsds(himi()) == export
        True
    """
    v.argument("to_hsds", "directory", directory, v.instance_of(Municipality))
    tree = directory.areas
    # each served area's place in the tree, root first: only the areas agencies serve
    places = {area_id: " > ".join(tree.get(i).name for i in reversed(tree.lineage(area_id)))
              for agency in directory.agencies for area_id in agency.area_ids}
    organizations: list[HsdsObject] = []
    locations: list[HsdsObject] = []
    services: list[HsdsObject] = []
    at_locations: list[HsdsObject] = []
    areas: list[HsdsObject] = []
    attributes: list[HsdsObject] = []
    for agency in sorted(directory.agencies, key=lambda a: a.id):
        own = (directory.id, agency.id)
        organization_id = _uuid("organization", own)
        location_id = _uuid("location", own)
        organizations.append({
            "id": organization_id, "name": agency.name, "description": agency.kind.label,
            "legal_status": agency.sector.label,
        })
        locations.append({
            "id": location_id, "location_type": "physical", "organization_id": organization_id,
            "name": agency.name,
        })
        offered: list[tuple[Service | None, tuple[str, ...]]] = [(None, own)]
        offered += [(s, (*own, s.id)) for s in sorted(agency.services, key=lambda s: s.id)]
        for service, key in offered:
            obj = _service(agency, service, key, organization_id)
            services.append(obj)
            at_locations.append({
                "id": _uuid("service_at_location", key), "service_id": obj["id"],
                "location_id": location_id,
            })
            areas.extend(
                {"id": _uuid("service_area", (*key, area_id)), "service_id": obj["id"],
                 "name": tree.get(area_id).name, "description": places[area_id]}
                for area_id in sorted(agency.area_ids)
            )
            eligibility = service.eligibility if service is not None else Eligibility()
            links = (("field", [m for m in Field
                                if m in (eligibility.fields or agency.fields)]),
                     ("compound_tag", [m for m in CompoundTag if m in eligibility.tags]))
            attributes.extend(
                {"id": _uuid("attribute", (*key, taxonomy, member.value)),
                 "link_id": obj["id"], "link_entity": "service", "link_type": taxonomy,
                 "taxonomy_term_id": _uuid("taxonomy_term", (taxonomy, member.value))}
                for taxonomy, members in links for member in members
            )
    taxonomies, terms = _taxonomies()
    return HsdsDirectory(
        municipality_id=directory.id, organizations=tuple(organizations),
        services=tuple(services), locations=tuple(locations),
        service_at_locations=tuple(at_locations), service_areas=tuple(areas),
        taxonomies=taxonomies, taxonomy_terms=terms, attributes=tuple(attributes),
    )
