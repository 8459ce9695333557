"""氷見市's agency directory as Open Referral HSDS 3.0 JSON.

Resource directories and referral platforms exchange "who offers what, where, for whom" in the
Human Services Data Specification (HSDS, https://openreferral.org/). This script exports
hokatsu's preset of 氷見市 with ``hokatsu.hsds.to_hsds``, prints what became what (agencies as
organizations with their services, the areas each serves, the fields as taxonomy terms), writes
the whole export as JSON text and checks that a second export gives the same ids.

Run it with ``python examples/export_hsds.py``.
"""

from __future__ import annotations

import json

from hokatsu.hsds import HsdsDirectory, to_hsds
from hokatsu.reference import himi


def print_services(export: HsdsDirectory) -> None:
    """Print each organization's services with the areas they cover and the fields they take."""
    terms = {t["id"]: t["name"] for t in export.taxonomy_terms}
    for organization in export.organizations:
        print(f"{organization['name']} ({organization['description']}, "
              f"{organization['legal_status']})")
        for service in export.services:
            if service["organization_id"] != organization["id"]:
                continue
            areas = [a["name"] for a in export.service_areas if a["service_id"] == service["id"]]
            fields = [terms[a["taxonomy_term_id"]] for a in export.attributes
                      if a["link_id"] == service["id"]]
            print(f"  service {service['name']}: areas {'・'.join(areas) or '-'}; "
                  f"fields {'・'.join(fields) or '-'}")


def main() -> None:
    """Export the preset, print it, write it as JSON and check that its ids are stable."""
    export = to_hsds(himi())
    print(export)
    print()
    print_services(export)
    text = json.dumps(export.as_dict(), ensure_ascii=False, indent=2)
    again = json.dumps(to_hsds(himi()).as_dict(), ensure_ascii=False, indent=2)
    assert again == text, "a second export differs"
    print()
    print(f"{len(text.encode()):,} bytes of HSDS JSON; a second export is identical.")


if __name__ == "__main__":
    main()
