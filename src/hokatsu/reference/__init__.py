"""Reference data and preset directories taken from the report.

Figures and facts here are the report's data; where a preset needs detail the report does not
give (the names of 氷見市's 21 districts, its 226 neighbourhood associations), the areas are
made up and marked ``synthetic=True``.

Presets, each a cached function returning a :class:`~hokatsu.domain.municipality.Municipality`:
:func:`himi` (氷見市), :func:`edogawa` (江戸川区), :func:`iga` (伊賀市, partly synthetic),
:func:`tochigi` (栃木市), :func:`kotoura` (琴浦町), :func:`kushiro` (釧路市) and
:func:`morioka` (盛岡市). Data: the 26 model municipalities of FY2016 and the case-study
cities' base data (:mod:`hokatsu.reference.municipalities`), and the FY2016 survey
(:mod:`hokatsu.reference.survey`). Where each comes from, what is synthetic and where the report
contradicts itself: :data:`~hokatsu.reference.notes.SOURCE_NOTES`.

Examples:
    >>> sorted(name for name, note in SOURCE_NOTES.items() if note.synthetic_areas)
    ['himi', 'iga']
    >>> morioka().coordinator_fte == model_municipality("盛岡市").coordinators
    True
"""

from hokatsu.reference.edogawa import edogawa
from hokatsu.reference.himi import himi
from hokatsu.reference.iga import iga
from hokatsu.reference.kotoura import kotoura
from hokatsu.reference.kushiro import kushiro
from hokatsu.reference.morioka import morioka
from hokatsu.reference.municipalities import BASE_DATA, MODEL_MUNICIPALITIES, model_municipality
from hokatsu.reference.notes import SOURCE_NOTES, SourceNote, source_note
from hokatsu.reference.survey import (
    EVALUATION_ITEM_IMPORTANCE,
    PROMOTION_MEETINGS_FY2016,
    ROLE_RANKING,
)
from hokatsu.reference.tochigi import tochigi

__all__ = [
    "BASE_DATA",
    "EVALUATION_ITEM_IMPORTANCE",
    "MODEL_MUNICIPALITIES",
    "PROMOTION_MEETINGS_FY2016",
    "ROLE_RANKING",
    "SOURCE_NOTES",
    "SourceNote",
    "edogawa",
    "himi",
    "iga",
    "kotoura",
    "kushiro",
    "model_municipality",
    "morioka",
    "source_note",
    "tochigi",
]
