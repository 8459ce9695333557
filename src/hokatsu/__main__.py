"""The demo: ``python -m hokatsu`` tours the library on a preset municipality.

It shows the directory (the report's data), a simulated fiscal year (made up, not the
municipality's results), one case's climb up the layered meetings, the year's indicators, the
network, a checklist self-assessment, a consent and disclosure example, and where to read next.
``python -m hokatsu --help`` lists the options; ``--json`` prints the same content as JSON.
The sections are built by the pure functions of :mod:`hokatsu._demo`; this is the one place
in hokatsu that prints.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from hokatsu._demo import parser, to_data, to_text, tour
from hokatsu.errors import HokatsuError


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line, build the tour and print it; return the exit status.

    Bad arguments end with argparse's usage message and exit status 2.
    """
    p = parser()
    args = p.parse_args(argv)
    try:
        result = tour(args.preset, seed=args.seed, fiscal_year=args.fiscal_year)
    except HokatsuError as error:  # an argument the simulation refuses: report it as argparse does
        p.error(str(error))
    if args.json:
        print(json.dumps(to_data(result), ensure_ascii=False, indent=1))
    else:
        print(to_text(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
