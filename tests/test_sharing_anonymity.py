"""k-anonymity and ℓ-diversity of an export's households (issue 13)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hokatsu.errors import InvalidValueError, UnknownReferenceError
from hokatsu.ledger import Ledger
from hokatsu.reference import himi
from hokatsu.sharing import (
    DEFAULT_QUASI_IDENTIFIERS,
    QUASI_IDENTIFIERS,
    SENSITIVE,
    check_anonymity,
    research_export,
)
from hokatsu.sharing.anonymity import _households
from tests.scenarios import generate, seeds

KEY = b"a key of thirty-two bytes, here."
CITY = himi()

quasi = st.lists(st.sampled_from(sorted(QUASI_IDENTIFIERS)), min_size=1, max_size=4,
                 unique=True)


class TestGroups:
    """The groups against a brute-force count."""

    @given(seeds, st.integers(30, 250), st.integers(1, 6), st.integers(1, 3), quasi,
           st.sampled_from(sorted(SENSITIVE)), st.sampled_from(["city", "block", "district"]))
    def test_against_pairs(self, seed: int, n: int, k: int, l: int,  # noqa: E741
                           names: list[str], sensitive: str, level: str) -> None:
        """A household is in a small group exactly when fewer than k households (itself
        included) share its quasi-identifiers, and in an undiverse group exactly when those
        households hold fewer than l values of the sensitive attribute."""
        export = research_export(Ledger(CITY, generate(CITY, seed, n)), KEY, area_level=level)
        report = check_anonymity(export, k=k, l=l, quasi_identifiers=names, sensitive=sensitive)
        households = _households(export)
        key = {h: tuple(QUASI_IDENTIFIERS[q](x) for q in names) for h, x in households.items()}
        small = {h for g in report.small_groups for h in g.households}
        undiverse = {h for g in report.undiverse_groups for h in g.households}
        for h in households:
            peers = [p for p in households if key[p] == key[h]]
            assert (len(peers) < k) == (h in small)
            diversity = len({SENSITIVE[sensitive](households[p]) for p in peers})
            assert (diversity < l) == (h in undiverse)
        assert report.households == len(households)
        assert set(report.at_risk) == small | undiverse

    @given(seeds, st.integers(30, 200))
    def test_households_are_the_exports(self, seed: int, n: int) -> None:
        """The households checked are those of the export's households table."""
        export = research_export(Ledger(CITY, generate(CITY, seed, n)), KEY, area_level="block")
        report = check_anonymity(export, k=1)
        assert report.households == len(set(export.households.column("household")))
        assert report.k_anonymous
        assert report.smallest >= 1 or report.households == 0

    def test_coarser_is_safer(self) -> None:
        """Grouping by fewer quasi-identifiers never makes the smallest group smaller."""
        export = research_export(Ledger(CITY, generate(CITY, 7, 400)), KEY, area_level="block")
        fine = check_anonymity(export, quasi_identifiers=DEFAULT_QUASI_IDENTIFIERS)
        coarse = check_anonymity(export, quasi_identifiers=("size",))
        assert coarse.smallest >= fine.smallest
        assert coarse.groups <= fine.groups

    def test_empty_export(self) -> None:
        """An export without households is trivially anonymous."""
        report = check_anonymity(research_export(Ledger(CITY), KEY, area_level="city"))
        assert (report.households, report.smallest, report.k_anonymous) == (0, 0, True)

    def test_repr_gives_counts(self) -> None:
        """Reprs give counts, not households."""
        export = research_export(Ledger(CITY, generate(CITY, 3, 200)), KEY, area_level="city")
        report = check_anonymity(export, k=1000)
        assert repr(report).startswith("<AnonymityReport: ")
        assert "household-" not in repr(report)
        assert "household-" not in repr(report.small_groups[0])


class TestInput:
    """Bad arguments are refused with hokatsu errors."""

    EXPORT = research_export(Ledger(CITY, generate(CITY, 1, 80)), KEY, area_level="city")

    @pytest.mark.parametrize("export", [None, {}, Ledger(CITY)])
    def test_not_an_export(self, export: Any) -> None:
        """Anything but a research export is refused."""
        with pytest.raises(InvalidValueError, match="export"):
            check_anonymity(export)

    @pytest.mark.parametrize(("name", "value"), [("k", 0), ("l", 0), ("k", "5"), ("l", 1.5)])
    def test_bad_thresholds(self, name: str, value: Any) -> None:
        """k and l must be ints of at least 1."""
        with pytest.raises(InvalidValueError, match=name):
            check_anonymity(self.EXPORT, **{name: value})

    @pytest.mark.parametrize("names", [["name"], ("size", 3), "size"])
    def test_unknown_quasi_identifier(self, names: Any) -> None:
        """An unknown quasi-identifier, or a single string, is refused."""
        with pytest.raises((UnknownReferenceError, InvalidValueError)):
            check_anonymity(self.EXPORT, quasi_identifiers=names)

    def test_unknown_sensitive(self) -> None:
        """An unknown sensitive attribute is refused, naming those known."""
        with pytest.raises(UnknownReferenceError, match="tags"):
            check_anonymity(self.EXPORT, sensitive="born")
