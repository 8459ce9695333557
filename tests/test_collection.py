"""The suite runs the same whatever paths pytest is given."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_module_collected_first_is_not_loaded_twice() -> None:
    """A module of the package given first (its doctests collected by path) is the package's
    own copy: the simulation's doctest then hands the indicator engine a Ledger it knows
    (before the root conftest.py, two Ledger classes lived side by side and it was refused)."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "src/hokatsu/ledger.py", "src/hokatsu/simulation/engine.py"],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:]
