"""Shared test configuration: the hypothesis profiles.

``HYPOTHESIS_PROFILE=ci`` (what ``.ci/run`` sets) is thorough; the default ``dev`` profile is
fast enough to run on every save.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# tests/typing/ holds code for mypy, not for pytest (not even for doctest collection).
collect_ignore = ["typing"]

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=25, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
