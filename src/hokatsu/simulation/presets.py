"""Preset scenarios of the report's three case-study cities (第3章): 氷見市, 江戸川区 and 伊賀市.

Each takes the city's directory from :mod:`hokatsu.reference` (伊賀市's partly synthetic) and
its base data (平成27年国勢調査: population, households, aging rate; DOMAIN.md §8); everything
else is an assumption of :mod:`hokatsu.simulation.assumptions`.

Examples:
    >>> from hokatsu.simulation import presets
    >>> presets.himi()
    <Scenario '氷見市': 氷見市 FY2017, 16,096 households>
    >>> [s.frequency.sessions_per_year for s in presets.himi().schedules]
    [2.0, 6.0, 4.0, 12.0]
    >>> presets.edogawa().n_households, presets.iga().n_households
    (309072, 33651)
"""

from __future__ import annotations

from collections.abc import Mapping

from hokatsu import _validators as v
from hokatsu.domain.meetings import Frequency, FrequencyUnit
from hokatsu.reference import edogawa as _edogawa
from hokatsu.reference import himi as _himi
from hokatsu.reference.edogawa import BASES
from hokatsu.reference.iga import iga as _iga
from hokatsu.simulation import assumptions as _a
from hokatsu.simulation.scenario import MeetingSchedule, Scenario

__all__ = ["edogawa", "himi", "iga"]


def _per_year(n: int) -> Frequency:
    if n % 12 == 0:
        return Frequency(times=n // 12, per=FrequencyUnit.MONTH)
    return Frequency(times=n, per=FrequencyUnit.YEAR)


def _schedules(table: Mapping[str, int]) -> tuple[MeetingSchedule, ...]:
    return tuple(MeetingSchedule(body_id=b, frequency=_per_year(n)) for b, n in table.items())


def himi(fiscal_year: int = 2017) -> Scenario:
    """氷見市 with its FY2017 layered meetings (第3章 3.(2)④) and two CSW coordinators.

    Args:
        fiscal_year: the fiscal year simulated (the layered design starts in FY2017).

    Returns:
        The :class:`~hokatsu.simulation.scenario.Scenario`, every rate at its assumed default.

    Raises:
        InvalidValueError: *fiscal_year* is not a year.

    Examples:
        >>> from hokatsu.simulation import presets
        >>> scenario = presets.himi(2018)
        >>> scenario.fiscal_year, scenario.directory.name, scenario.coordinators
        (2018, '氷見市', None)
        >>> presets.himi("2017")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.InvalidValueError: ...
    """
    v.argument("presets.himi", "fiscal_year", fiscal_year, v.integer(1900, 9990))
    return Scenario(name="氷見市", directory=_himi(), fiscal_year=fiscal_year,
                    schedules=_schedules(_a.HIMI_SESSIONS_PER_YEAR))


def edogawa(fiscal_year: int = 2016) -> Scenario:
    """江戸川区 with its three なごみの家 (第3章 2.); the rest of the ward's households are
    recorded at the ward level.

    Args:
        fiscal_year: the fiscal year simulated (the bases opened in May 2016).

    Returns:
        The :class:`~hokatsu.simulation.scenario.Scenario`, its households weighted between
        the ward and the three bases' territories.

    Raises:
        InvalidValueError: *fiscal_year* is not a year.

    Examples:
        >>> from hokatsu.simulation import presets
        >>> scenario = presets.edogawa()
        >>> scenario.fiscal_year, len(scenario.area_weights), len(scenario.schedules)
        (2016, 4, 1)
    """
    v.argument("presets.edogawa", "fiscal_year", fiscal_year, v.integer(1900, 9990))
    share = _a.EDOGAWA_TERRITORY_SHARE
    weights = ((_edogawa().areas.root.id, 1 - share * len(BASES)),
               *((area, share) for area, _, _ in BASES))
    return Scenario(
        name="江戸川区", directory=_edogawa(), fiscal_year=fiscal_year, area_weights=weights,
        schedules=(MeetingSchedule(body_id="edogawa-support-meeting",
                                   frequency=_per_year(_a.SUPPORT_MEETINGS_PER_YEAR)),))


def iga(fiscal_year: int = 2016) -> Scenario:
    """伊賀市 with its three centres, the 福祉相談調整課 and five coordinators (第3章 1.).

    Args:
        fiscal_year: the fiscal year simulated.

    Returns:
        The :class:`~hokatsu.simulation.scenario.Scenario`, with 伊賀市's meeting schedule.

    Raises:
        InvalidValueError: *fiscal_year* is not a year.

    Examples:
        >>> from hokatsu.simulation import presets
        >>> scenario = presets.iga()
        >>> scenario.name, scenario.fiscal_year, round(scenario.rate_65, 3)
        ('伊賀市', 2016, 0.317)
    """
    v.argument("presets.iga", "fiscal_year", fiscal_year, v.integer(1900, 9990))
    return Scenario(name="伊賀市", directory=_iga(), fiscal_year=fiscal_year,
                    schedules=_schedules(_a.IGA_SESSIONS_PER_YEAR))
