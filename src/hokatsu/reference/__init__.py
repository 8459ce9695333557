"""Reference data and preset directories taken from the report.

Figures and facts here are the report's data; where a preset needs detail the report does not
give (the names of 氷見市's 21 districts, its 226 neighbourhood associations), the areas are
made up and marked ``synthetic=True``.
"""

from hokatsu.reference.himi import himi

__all__ = ["himi"]
