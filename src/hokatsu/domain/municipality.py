"""The directory of what exists in one municipality, with referential integrity.

A :class:`Municipality` ties together the area tree, the agencies and their services, the
coordinators, the meeting bodies and the foundations the system is built on (ARCHITECTURE.md).
It checks every reference between them when it is built, including the escalation rules of the
layered meetings (第3章 3.(2)④): a body escalates only to a known body of the same or a higher
tier (a smaller tier number), covering an area that contains its own, and escalation never
loops.

Examples:
    >>> from hokatsu.reference import himi
    >>> city = himi()
    >>> chain = city.escalation_chain("himi-district")
    >>> [body.tier_label for body in chain]
    ['第3層', '第2層', '第1層', '第1層']
    >>> [body.name for body in chain]  # doctest: +NORMALIZE_WHITESPACE
    ['セーフティネット地域会議', '地域セーフティネットブロック会議',
     '地域セーフティネットコア会議', '地域セーフティネット構築会議']
    >>> city.escalation_target("himi-district", "himi-d01")
    ('himi-block', 'himi-b1')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sized
from typing import TypeVar

import attrs

from hokatsu import _validators as v
from hokatsu.domain.agencies import Agency, Service
from hokatsu.domain.areas import AreaTree
from hokatsu.domain.coordinators import Coordinator, PlacementPattern
from hokatsu.domain.foundations import Foundation, WelfareStyle
from hokatsu.domain.meetings import MeetingBody
from hokatsu.errors import CycleError, InvalidValueError, UnknownReferenceError

__all__ = ["Municipality"]

_T = TypeVar("_T")


@attrs.frozen(kw_only=True, repr=False)
class Municipality:
    """A municipality's directory: areas, agencies, coordinators and meeting bodies.

    Its repr gives counts, not contents: ``<Municipality 'himi' 氷見市: 252 areas, 30
    agencies, 2 coordinators, 9 meeting bodies>``.

    Args:
        id: a short id (``"himi"``).
        name: the municipality's name (``"氷見市"``).
        prefecture: its prefecture (``"富山県"``).
        areas: the area tree; its root is the whole municipality.
        agencies: agencies and community actors, each serving areas of the tree.
        coordinators: the comprehensive-support coordinators.
        bodies: the meeting bodies.
        foundations: the system(s) comprehensive support is built upon (第2章 3.).
        welfare_style: for a community-welfare foundation, base- or people-centred.
        population: residents, if known (used for rates per 100,000).
        households: number of households, if known.
        aging_rate: share of residents aged 65 or over, 0 to 1, if known.

    Raises:
        DuplicateIdError: two agencies, services, coordinators or bodies share an id.
        UnknownReferenceError: a reference to an area, level, agency or body that is not here.
        CycleError: escalation or ``part_of`` references loop.
        InvalidValueError: an escalation to a lower tier or to a body whose area does not
            contain the escalating body's area.

    Examples:
        >>> from hokatsu.reference import himi
        >>> himi()
        <Municipality 'himi' 氷見市: 252 areas, 14 agencies, 2 coordinators, 6 meeting bodies>
        >>> from hokatsu.domain.areas import Area, AreaTree
        >>> Municipality(id="x", name="x", areas=AreaTree(levels=("city",), areas=(
        ...     Area(id="x", name="x", level="city"),)), coordinators=himi().coordinators,
        ... )  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.UnknownReferenceError: ...
    """

    id: str = attrs.field(validator=v.ID)
    name: str = attrs.field(validator=v.TEXT)
    prefecture: str | None = attrs.field(default=None, validator=v.optional(v.TEXT))
    areas: AreaTree = attrs.field(validator=v.instance_of(AreaTree))
    agencies: tuple[Agency, ...] = attrs.field(
        default=(), validator=v.tuple_of(v.instance_of(Agency))
    )
    coordinators: tuple[Coordinator, ...] = attrs.field(
        default=(), validator=v.tuple_of(v.instance_of(Coordinator))
    )
    bodies: tuple[MeetingBody, ...] = attrs.field(
        default=(), validator=v.tuple_of(v.instance_of(MeetingBody))
    )
    foundations: frozenset[Foundation] = attrs.field(
        default=frozenset(), validator=v.frozenset_of(v.enum_of(Foundation))
    )
    welfare_style: WelfareStyle | None = attrs.field(
        default=None, validator=v.optional(v.enum_of(WelfareStyle))
    )
    population: int | None = attrs.field(default=None, validator=v.optional(v.integer(0)))
    households: int | None = attrs.field(default=None, validator=v.optional(v.integer(0)))
    aging_rate: float | None = attrs.field(default=None, validator=v.optional(v.number(0, 1)))

    _agencies: dict[str, Agency] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _services: dict[str, tuple[Agency, Service]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _coordinators: dict[str, Coordinator] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _bodies: dict[str, MeetingBody] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __repr__(self) -> str:
        return (
            f"<Municipality {self.id!r} {self.name}: {_count(self.areas, 'area')}, "
            f"{_count(self.agencies, 'agency', 'agencies')}, "
            f"{_count(self.coordinators, 'coordinator')}, "
            f"{_count(self.bodies, 'meeting body', 'meeting bodies')}>"
        )

    def __attrs_post_init__(self) -> None:
        me = f"Municipality {self.id!r}"
        v.unique_ids(me, "agencies", (a.id for a in self.agencies))
        v.unique_ids(me, "services", (s.id for a in self.agencies for s in a.services))
        v.unique_ids(me, "coordinators", (c.id for c in self.coordinators))
        v.unique_ids(me, "bodies", (b.id for b in self.bodies))
        agencies = {a.id: a for a in self.agencies}
        bodies = {b.id: b for b in self.bodies}
        tree = self.areas
        area_ids = tree.ids  # once: each call builds the set
        for a in self.agencies:
            for area in sorted(a.area_ids):
                _known(f"Agency {a.id!r}", "area_ids", area, area_ids)
        for c in self.coordinators:
            if c.agency_id is not None:
                _known(f"Coordinator {c.id!r}", "agency_id", c.agency_id, agencies)
            for area in sorted(c.area_ids):
                _known(f"Coordinator {c.id!r}", "area_ids", area, area_ids)
        for b in self.bodies:
            _check_body(b, tree, agencies, bodies)
        _check_chains(bodies, "escalates_to")
        _check_chains(bodies, "part_of")
        for b in self.bodies:
            if b.escalates_to is not None:
                _check_escalation(b, bodies[b.escalates_to], tree)
        if self.welfare_style is not None and Foundation.COMMUNITY_WELFARE not in self.foundations:
            raise InvalidValueError(
                me, "welfare_style", self.welfare_style,
                "None unless foundations include COMMUNITY_WELFARE",
            )
        object.__setattr__(self, "_agencies", agencies)
        object.__setattr__(
            self, "_services", {s.id: (a, s) for a in self.agencies for s in a.services}
        )
        object.__setattr__(self, "_coordinators", {c.id: c for c in self.coordinators})
        object.__setattr__(self, "_bodies", bodies)

    # -- look-ups ------------------------------------------------------------------------

    def agency(self, agency_id: str) -> Agency:
        """The agency *agency_id*; raises UnknownReferenceError if there is none.

        Args:
            agency_id: the agency's id.

        Returns:
            The :class:`~hokatsu.domain.agencies.Agency`.

        Raises:
            UnknownReferenceError: there is no such agency.

        Examples:
            >>> from hokatsu.reference import himi
            >>> himi().agency("himi-support").name
            'ふくし相談サポートセンター'
        """
        return _get(self._agencies, agency_id, self, "agencies")

    def service(self, service_id: str) -> tuple[Agency, Service]:
        """The service *service_id* with the agency offering it.

        Args:
            service_id: the service's id.

        Returns:
            ``(agency, service)``.

        Raises:
            UnknownReferenceError: no agency offers such a service.

        Examples:
            >>> from hokatsu.reference import himi
            >>> himi().service("none")  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            ...
            hokatsu.errors.UnknownReferenceError: ...
        """
        return _get(self._services, service_id, self, "services")

    def coordinator(self, coordinator_id: str) -> Coordinator:
        """The coordinator *coordinator_id*; raises UnknownReferenceError if there is none.

        Args:
            coordinator_id: the coordinator's id.

        Returns:
            The :class:`~hokatsu.domain.coordinators.Coordinator`.

        Raises:
            UnknownReferenceError: there is no such coordinator.

        Examples:
            >>> from hokatsu.reference import himi
            >>> himi().coordinator("himi-csw2").agency_id
            'himi-support'
        """
        return _get(self._coordinators, coordinator_id, self, "coordinators")

    def body(self, body_id: str) -> MeetingBody:
        """The meeting body *body_id*; raises UnknownReferenceError if there is none.

        Args:
            body_id: the body's id.

        Returns:
            The :class:`~hokatsu.domain.meetings.MeetingBody`.

        Raises:
            UnknownReferenceError: there is no such body.

        Examples:
            >>> from hokatsu.reference import himi
            >>> himi().body("himi-core").name
            '地域セーフティネットコア会議'
        """
        return _get(self._bodies, body_id, self, "bodies")

    @property
    def agency_ids(self) -> frozenset[str]:
        """Every agency id.

        Examples:
            >>> from hokatsu.reference import himi
            >>> len(himi().agency_ids), "himi-swc" in himi().agency_ids
            (14, True)
        """
        return frozenset(self._agencies)

    @property
    def body_ids(self) -> frozenset[str]:
        """Every meeting body id.

        Examples:
            >>> from hokatsu.reference import himi
            >>> sorted(himi().body_ids)[:2]
            ['himi-block', 'himi-care']
        """
        return frozenset(self._bodies)

    @property
    def coordinator_ids(self) -> frozenset[str]:
        """Every coordinator id.

        Examples:
            >>> from hokatsu.reference import himi
            >>> sorted(himi().coordinator_ids)
            ['himi-csw1', 'himi-csw2']
        """
        return frozenset(self._coordinators)

    # -- derived facts -------------------------------------------------------------------

    @property
    def coordinator_fte(self) -> float:
        """Total coordinator staffing in full-time equivalents (1.3 for 大牟田市).

        Examples:
            >>> from hokatsu.reference import himi
            >>> himi().coordinator_fte
            2.0
        """
        return round(sum(c.fte for c in self.coordinators), 6)

    @property
    def placement_patterns(self) -> frozenset[PlacementPattern]:
        """The placement patterns ①–⑥ of the coordinators (第2章 4.).

        Examples:
            >>> from hokatsu.reference import iga
            >>> sorted(p.number for p in iga().placement_patterns)
            [1, 2]
        """
        return frozenset(c.pattern for c in self.coordinators)

    def agencies_serving(self, area_id: str) -> tuple[Agency, ...]:
        """Agencies whose service areas include *area_id* (an area or one above it).

        Args:
            area_id: the area's id.

        Returns:
            The agencies, in the directory's order.

        Raises:
            UnknownReferenceError: there is no such area.

        Examples:
            >>> from hokatsu.reference import iga
            >>> [a.name for a in iga().agencies_serving("iga-d01")][:2]
            ['地域包括支援センター中部', '福祉相談調整課']
        """
        lineage = set(self.areas.lineage(area_id))
        return tuple(a for a in self.agencies if a.area_ids & lineage)

    def agencies_in_system(self, on: dt.date) -> tuple[Agency, ...]:
        """Agencies that had joined the comprehensive system by *on*.

        Args:
            on: the day asked about.

        Returns:
            The agencies whose ``joined`` date is on or before *on*.

        Raises:
            InvalidValueError: *on* is not a plain date.

        Examples:
            >>> import datetime as dt
            >>> from hokatsu.reference import himi
            >>> len(himi().agencies_in_system(dt.date(2018, 3, 31))) <= len(himi().agencies)
            True
        """
        v.argument("Municipality.agencies_in_system", "on", on, v.DATE)
        return tuple(a for a in self.agencies if a.in_system_on(on))

    def escalation_chain(self, body_id: str) -> tuple[MeetingBody, ...]:
        """The body and every body above it in escalation order (地域会議 → … → 構築会議).

        Args:
            body_id: the body to start from.

        Returns:
            The bodies, starting with *body_id*'s own.

        Raises:
            UnknownReferenceError: there is no such body.

        Examples:
            >>> from hokatsu.reference import himi
            >>> [b.id for b in himi().escalation_chain("himi-block")]
            ['himi-block', 'himi-core', 'himi-construction']
        """
        chain = [self.body(body_id)]
        while chain[-1].escalates_to is not None:
            chain.append(self._bodies[chain[-1].escalates_to])
        return tuple(chain)

    def session_areas(self, body_id: str) -> tuple[str, ...]:
        """The areas in which *body_id* holds its sessions: one per area of ``convenes_per``
        under the body's area, or the body's own area.

        Args:
            body_id: the body's id.

        Returns:
            Area ids, in the area tree's order.

        Raises:
            UnknownReferenceError: there is no such body.

        Examples:
            >>> from hokatsu.reference import himi
            >>> himi().session_areas("himi-block"), himi().session_areas("himi-core")
            (('himi-b1', 'himi-b2', 'himi-b3', 'himi-b4'), ('himi',))
        """
        body = self.body(body_id)
        if body.convenes_per is None:
            return (body.area_id,)
        return tuple(
            a.id for a in self.areas.at_level(body.convenes_per)
            if self.areas.contains(body.area_id, a.id)
        )

    def escalation_target(self, body_id: str, area_id: str) -> tuple[str, str] | None:
        """Where a case raised at *body_id*'s session in *area_id* goes next.

        Args:
            body_id: the body where the case was raised.
            area_id: the area of the session that raised it.

        Returns:
            ``(target body id, target session area id)``, or None at the top of the chain.

        Raises:
            UnknownReferenceError: unknown body, or an area where the body holds no session.

        Examples:
            >>> from hokatsu.reference import himi
            >>> himi().escalation_target("himi-block", "himi-b2"), himi().escalation_target(
            ...     "himi-construction", "himi")
            (('himi-core', 'himi'), None)
        """
        body = self.body(body_id)
        if area_id not in self.session_areas(body_id):
            raise UnknownReferenceError(
                f"MeetingBody {body_id!r}", "session area", area_id, self.session_areas(body_id)
            )
        if body.escalates_to is None:
            return None
        target = self._bodies[body.escalates_to]
        return target.id, _session_area_for(target, area_id, self.areas)


def _count(items: Sized, one: str, many: str | None = None) -> str:
    n = len(items)
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _get(index: Mapping[str, _T], key: str, owner: Municipality, field: str) -> _T:
    try:
        return index[key]
    except (KeyError, TypeError):  # named only on a miss: look-ups are frequent
        raise UnknownReferenceError(f"Municipality {owner.id!r}", field, key, index) from None


def _known(obj: str, field: str, ref: str, known: Iterable[str]) -> None:
    if ref not in known:
        raise UnknownReferenceError(obj, field, ref, known)


def _check_body(
    b: MeetingBody, tree: AreaTree, agencies: Mapping[str, Agency],
    bodies: Mapping[str, MeetingBody],
) -> None:
    me = f"MeetingBody {b.id!r}"
    _known(me, "area_id", b.area_id, tree.ids)
    if b.convenes_per is not None:
        _known(me, "convenes_per", b.convenes_per, tree.levels)
        if tree.levels.index(b.convenes_per) < tree.depth(b.area_id):
            raise InvalidValueError(
                me, "convenes_per", b.convenes_per,
                f"a level at or below its area's level {tree.get(b.area_id).level!r}",
            )
    for m in b.members:
        _known(me, "members", m.agency_id, agencies)
    if b.format.secretariat_id is not None:
        _known(me, "format.secretariat_id", b.format.secretariat_id, agencies)
    if b.escalates_to is not None:
        _known(me, "escalates_to", b.escalates_to, bodies)
    if b.part_of is not None:
        _known(me, "part_of", b.part_of, bodies)


def _check_chains(bodies: Mapping[str, MeetingBody], field: str) -> None:
    """Raise CycleError if following *field* from any body loops."""
    done: set[str] = set()
    for start in bodies:
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in done:
            if node in path:
                raise CycleError("Municipality", f"bodies.{field}", path[path.index(node):])
            path.append(node)
            node = getattr(bodies[node], field)
        done.update(path)


def _scope_depth(body: MeetingBody, tree: AreaTree) -> int:
    if body.convenes_per is not None:
        return tree.levels.index(body.convenes_per)
    return tree.depth(body.area_id)


def _check_escalation(source: MeetingBody, target: MeetingBody, tree: AreaTree) -> None:
    me = f"MeetingBody {source.id!r}"
    if target.tier > source.tier:
        raise InvalidValueError(
            me, "escalates_to", target.id,
            f"a body of tier {source.tier} or higher (a smaller number); "
            f"{target.id!r} is tier {target.tier}",
        )
    if not tree.contains(target.area_id, source.area_id) or (
        _scope_depth(target, tree) > _scope_depth(source, tree)
    ):
        raise InvalidValueError(
            me, "escalates_to", target.id,
            "a body whose sessions cover the areas of this body's sessions",
        )
    if target.convenes_per is not None:
        # every session area must lie under some session area of the target: a branch of the
        # tree that skips the target's level would leave its cases with nowhere to go
        level = target.convenes_per
        sources = (
            [a.id for a in tree.at_level(source.convenes_per)
             if tree.contains(source.area_id, a.id)]
            if source.convenes_per is not None else [source.area_id]
        )
        for area in sources:
            if tree.ancestor_at(area, level) is None:
                raise InvalidValueError(
                    me, "escalates_to", target.id,
                    f"a body that meets for every session area of this body; area {area!r} "
                    f"has no {level!r} above it",
                )


def _session_area_for(target: MeetingBody, area_id: str, tree: AreaTree) -> str:
    if target.convenes_per is None:
        return target.area_id
    found = tree.ancestor_at(area_id, target.convenes_per)
    assert found is not None, "checked when the municipality was built"
    return found
