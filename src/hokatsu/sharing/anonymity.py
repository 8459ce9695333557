"""k-anonymity and ℓ-diversity of a research export's households, with plain group-bys.

Pseudonyms hide names, not people: a researcher who knows that a household of three in one
block, with a member in her forties and another over ninety, holds a 療育手帳 and came for
elderly care and hardship, can find it if it is the only one so described.
:func:`~hokatsu.sharing.check_anonymity` groups the households of a
:class:`~hokatsu.sharing.ResearchExport` by such *quasi-identifiers* and reports the groups of
fewer than *k* households (k-anonymity, Sweeney 2002), and the groups whose households share
too few values of a sensitive attribute (distinct ℓ-diversity, Machanavajjhala et al. 2007): in
a group of ten households that all carry the tag 虐待, knowing that a household is in the group
tells that it does.

A household is described as it was at its latest case's opening (its members, area and size),
with the fields, tags and intake categories of every issue of its cases. The quasi-identifiers
available are listed in :data:`~hokatsu.sharing.QUASI_IDENTIFIERS` and the sensitive attributes
in :data:`~hokatsu.sharing.SENSITIVE`; a group is reported by the values it shares and the
pseudonyms of its households, never by anything the export does not hold.

Examples:
    >>> from hokatsu.ledger import Ledger
    >>> from hokatsu.reference import himi
    >>> from hokatsu.reference.sample import himi_fy2017
    >>> from hokatsu.sharing import research_export
    >>> export = research_export(Ledger(himi(), himi_fy2017()), b"0123456789abcdef",
    ...                          area_level="city")
    >>> check_anonymity(export, k=2, quasi_identifiers=("area",)).k_anonymous
    True
    >>> report = check_anonymity(export, k=2, quasi_identifiers=("area", "size"))
    >>> report  # doctest: +NORMALIZE_WHITESPACE
    <AnonymityReport: 3 households in 3 groups; 2-anonymous: no (smallest group 1),
     2-diverse: no (least 1)>
    >>> [(g.values, g.size) for g in report.small_groups]
    [(('himi', 1), 1), (('himi', 2), 1), (('himi', 3), 1)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from hokatsu import _validators as v
from hokatsu.errors import InvalidValueError, UnknownReferenceError
from hokatsu.sharing.export import _ISSUE_COLUMNS, _MEMBER_COLUMNS, ResearchExport

__all__ = [
    "DEFAULT_QUASI_IDENTIFIERS",
    "QUASI_IDENTIFIERS",
    "SENSITIVE",
    "AnonymityReport",
    "Group",
    "check_anonymity",
]


@attrs.frozen
class _Household:
    """What the export tells of one household (the latest case's opening, every issue)."""

    members: list[tuple[Any, ...]]
    size: int
    area: str
    fields: set[str] = attrs.field(factory=set)
    tags: set[str] = attrs.field(factory=set)
    categories: set[str] = attrs.field(factory=set)


def _sorted(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(sorted(values, key=lambda x: (x is None, str(x))))


# columns of the members table, by position (see ResearchExport.members)
_PERSON, _RELATION, _AGE, _CERTIFICATES, _CARE, _EMPLOYMENT, _ASSISTANCE = (
    _MEMBER_COLUMNS.index(c) for c in ("person", "relation", "age_band", "certificates",
                                       "care_level", "employment", "public_assistance"))
_CASE, _FIELD, _CATEGORIES, _TAGS = (
    _ISSUE_COLUMNS.index(c) for c in ("case_id", "field", "categories", "tags"))

#: What a household may be recognised by, each as a function of what the export tells of it.
QUASI_IDENTIFIERS: Mapping[str, Callable[[_Household], Any]] = MappingProxyType({
    "age_bands": lambda h: _sorted(m[_AGE] for m in h.members),
    "person_age_band": lambda h: next((m[_AGE] for m in h.members if m[_PERSON]), None),
    "size": lambda h: h.size,
    "area": lambda h: h.area,
    "fields": lambda h: _sorted(h.fields),
    "certificates": lambda h: _sorted({c for m in h.members for c in m[_CERTIFICATES]}),
    "relations": lambda h: _sorted(m[_RELATION] for m in h.members),
    "employment": lambda h: _sorted(m[_EMPLOYMENT] for m in h.members),
})

#: The quasi-identifiers :func:`~hokatsu.sharing.check_anonymity` uses unless told otherwise:
#: what a neighbour or a relative is likely to know of a household.
DEFAULT_QUASI_IDENTIFIERS = ("age_bands", "size", "area", "fields", "certificates")

#: The sensitive attributes whose diversity within a group
#: :func:`~hokatsu.sharing.check_anonymity` can measure.
SENSITIVE: Mapping[str, Callable[[_Household], Any]] = MappingProxyType({
    "tags": lambda h: _sorted(h.tags),
    "categories": lambda h: _sorted(h.categories),
    "care_levels": lambda h: _sorted({m[_CARE] for m in h.members if m[_CARE] is not None}),
    "public_assistance": lambda h: any(m[_ASSISTANCE] for m in h.members),
    "fields": lambda h: _sorted(h.fields),
})


@attrs.frozen(kw_only=True, repr=False)
class Group:
    """Households that share one combination of quasi-identifiers.

    Attributes:
        values: the combination, one value per quasi-identifier, in the report's order.
        size: how many households share it.
        diversity: how many distinct values of the sensitive attribute they hold.
        households: their pseudonyms, sorted.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> from hokatsu.sharing import check_anonymity, research_export
        >>> export = research_export(Ledger(himi(), himi_fy2017()), b"0123456789abcdef",
        ...                          area_level="city")
        >>> group = check_anonymity(export, k=2, quasi_identifiers=("size",)).small_groups[0]
        >>> group
        <Group: 1 households, 1 sensitive values>
        >>> group.values, len(group.households)
        ((1,), 1)
    """

    values: tuple[Any, ...]
    size: int
    diversity: int
    households: tuple[str, ...]

    def __repr__(self) -> str:
        return f"<Group: {self.size} households, {self.diversity} sensitive values>"


@attrs.frozen(kw_only=True, repr=False)
class AnonymityReport:
    """How recognisable the households of an export are.

    Attributes:
        k: the smallest group size asked for.
        l: the least number of sensitive values per group asked for.
        quasi_identifiers: what the households were grouped by.
        sensitive: the sensitive attribute.
        households: how many households there are.
        groups: how many combinations of quasi-identifiers they make.
        smallest: the size of the smallest group (the export is ``smallest``-anonymous); 0
            when there are no households.
        least_diverse: the fewest distinct sensitive values of a group; 0 without households.
        small_groups: the groups of fewer than *k* households, smallest first (then by
            their values).
        undiverse_groups: the groups with fewer than *l* sensitive values, least first.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> from hokatsu.sharing import check_anonymity, research_export
        >>> export = research_export(Ledger(himi(), himi_fy2017()), b"0123456789abcdef",
        ...                          area_level="city")
        >>> report = check_anonymity(export, k=3, l=1, quasi_identifiers=("area",))
        >>> report.households, report.groups, report.smallest, report.k_anonymous
        (3, 1, 3, True)
    """

    k: int
    l: int  # noqa: E741  # ℓ of ℓ-diversity
    quasi_identifiers: tuple[str, ...]
    sensitive: str
    households: int
    groups: int
    smallest: int
    least_diverse: int
    small_groups: tuple[Group, ...]
    undiverse_groups: tuple[Group, ...]

    @property
    def k_anonymous(self) -> bool:
        """Whether every group has at least *k* households.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> from hokatsu.sharing import check_anonymity, research_export
            >>> export = research_export(Ledger(himi(), himi_fy2017()), b"0123456789abcdef",
            ...                          area_level="city")
            >>> check_anonymity(export, k=4, quasi_identifiers=("area",)).k_anonymous
            False
        """
        return not self.small_groups

    @property
    def l_diverse(self) -> bool:
        """Whether every group holds at least *l* values of the sensitive attribute.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> from hokatsu.sharing import check_anonymity, research_export
            >>> export = research_export(Ledger(himi(), himi_fy2017()), b"0123456789abcdef",
            ...                          area_level="city")
            >>> check_anonymity(export, l=1, quasi_identifiers=("area",)).l_diverse
            True
        """
        return not self.undiverse_groups

    @property
    def at_risk(self) -> tuple[str, ...]:
        """The pseudonyms of the households in a small or undiverse group, sorted.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> from hokatsu.sharing import check_anonymity, research_export
            >>> export = research_export(Ledger(himi(), himi_fy2017()), b"0123456789abcdef",
            ...                          area_level="city")
            >>> report = check_anonymity(export, k=2, quasi_identifiers=("size",))
            >>> len(report.at_risk), report.at_risk == tuple(sorted(report.at_risk))
            (3, True)
        """
        return tuple(sorted({h for g in (*self.small_groups, *self.undiverse_groups)
                             for h in g.households}))

    def __repr__(self) -> str:
        return (f"<AnonymityReport: {self.households:,} households in {self.groups:,} groups; "
                f"{self.k}-anonymous: {'yes' if self.k_anonymous else 'no'} (smallest group "
                f"{self.smallest}), {self.l}-diverse: {'yes' if self.l_diverse else 'no'} "
                f"(least {self.least_diverse})>")


_K = v.integer(1, 1_000_000)


def check_anonymity(
    export: ResearchExport,
    *,
    k: int = 5,
    l: int = 2,  # noqa: E741  # ℓ of ℓ-diversity
    quasi_identifiers: Iterable[str] = DEFAULT_QUASI_IDENTIFIERS,
    sensitive: str = "tags",
) -> AnonymityReport:
    """Check the k-anonymity and ℓ-diversity of *export*'s households.

    Args:
        export: a research export (:func:`~hokatsu.sharing.research_export`).
        k: the smallest acceptable number of households sharing a combination of
            quasi-identifiers (5 by default, a common choice; agree it with the data's
            recipients and the municipality's privacy officer).
        l: the least acceptable number of distinct values of *sensitive* within a group
            (2 by default).
        quasi_identifiers: names from :data:`~hokatsu.sharing.QUASI_IDENTIFIERS`: age bands of
            the members, household size, area, fields of the issues and certificates by
            default.
        sensitive: a name from :data:`~hokatsu.sharing.SENSITIVE` (the compound-case tags by
            default: 虐待, DV, 多重債務 …).

    Returns:
        The :class:`~hokatsu.sharing.AnonymityReport`.

    Raises:
        InvalidValueError: *export* is not a research export, or *k* or *l* not an int ≥ 1.
        UnknownReferenceError: a quasi-identifier or the sensitive attribute is unknown.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> from hokatsu.sharing import check_anonymity, research_export
        >>> export = research_export(Ledger(himi(), himi_fy2017()), b"0123456789abcdef",
        ...                          area_level="city")
        >>> report = check_anonymity(export, k=2, sensitive="fields")
        >>> report.quasi_identifiers, report.sensitive
        (('age_bands', 'size', 'area', 'fields', 'certificates'), 'fields')
        >>> check_anonymity(export, sensitive="names")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.UnknownReferenceError: ...
    """
    if not isinstance(export, ResearchExport):
        raise InvalidValueError("check_anonymity", "export", type(export).__name__,
                                "a ResearchExport", personal=True)
    v.argument("check_anonymity", "k", k, _K)
    v.argument("check_anonymity", "l", l, _K)
    if not isinstance(quasi_identifiers, Iterable) or isinstance(quasi_identifiers, str):
        raise InvalidValueError("check_anonymity", "quasi_identifiers", quasi_identifiers,
                                "an iterable of names of QUASI_IDENTIFIERS")
    names = tuple(quasi_identifiers)
    for name in names:
        if type(name) is not str or name not in QUASI_IDENTIFIERS:
            raise UnknownReferenceError("check_anonymity", "quasi_identifiers", name,
                                        QUASI_IDENTIFIERS)
    if type(sensitive) is not str or sensitive not in SENSITIVE:
        raise UnknownReferenceError("check_anonymity", "sensitive", sensitive, SENSITIVE)

    households = _households(export)
    describe = [QUASI_IDENTIFIERS[name] for name in names]
    secret = SENSITIVE[sensitive]
    groups: dict[tuple[Any, ...], list[str]] = {}
    values: dict[tuple[Any, ...], set[Any]] = {}
    for pseudonym, household in households.items():
        key = tuple(f(household) for f in describe)
        groups.setdefault(key, []).append(pseudonym)
        values.setdefault(key, set()).add(secret(household))
    found = [Group(values=key, size=len(members), diversity=len(values[key]),
                   households=tuple(sorted(members)))
             for key, members in groups.items()]
    return AnonymityReport(
        k=k, l=l, quasi_identifiers=names, sensitive=sensitive, households=len(households),
        groups=len(found), smallest=min((g.size for g in found), default=0),
        least_diverse=min((g.diversity for g in found), default=0),
        small_groups=tuple(sorted((g for g in found if g.size < k),
                                  key=lambda g: (g.size, str(g.values)))),
        undiverse_groups=tuple(sorted((g for g in found if g.diversity < l),
                                      key=lambda g: (g.diversity, str(g.values)))),
    )


def _households(export: ResearchExport) -> dict[str, _Household]:
    """Each household of *export* by pseudonym, as of its latest case's opening, with the
    issues of all its cases: group-bys over the households, members and issues tables."""
    latest: dict[str, tuple[str, str]] = {}  # household → (period, case) of its latest opening
    case_of: dict[str, str] = {}  # case → household
    by_case: dict[str, tuple[int, str]] = {}
    for period, area, household, case, size in export.households.rows:
        case_of[case] = household
        by_case[case] = (size, area)
        if household not in latest or latest[household][0] <= period:
            latest[household] = (period, case)
    members: dict[str, list[tuple[Any, ...]]] = {}
    for row in export.members.rows:
        members.setdefault(row[1], []).append(row)
    out: dict[str, _Household] = {}
    for household, (_, case) in latest.items():
        size, area = by_case[case]
        out[household] = _Household(members=members.get(case, []), size=size, area=area)
    for row in export.issues.rows:
        household = case_of.get(row[_CASE])
        if household is None:
            continue  # an issue of a case opened before the exported selection
        h = out[household]
        h.fields.add(row[_FIELD])
        h.categories.update(row[_CATEGORIES])
        h.tags.update(row[_TAGS])
    return out
