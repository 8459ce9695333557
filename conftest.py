"""Shared by every test run, whatever paths it is given.

pytest imports each module it collects doctests from by its path (``--import-mode=importlib``).
When the first path given is a module of the package (``pytest src/hokatsu/ledger.py``), that
module would run before the package: the package's ``__init__`` imports it once more, and two
copies of it (two ``Ledger`` classes) live side by side. Importing the package first, here,
makes pytest find every module already imported and reuse it.
"""

import hokatsu  # noqa: F401
