"""Fill Vietnamese entries from a JSON object {msgid: msgstr} (clears their fuzzy flag).
A plural entry (Vietnamese has one form) takes its msgstr[0] from the same string.

    .venv/bin/python scripts/translate.py tdkt/locale/vi/LC_MESSAGES/django.po new.json

Used by developers after `make i18n` lists new strings; it never invents a translation.
"""

from __future__ import annotations

import json
import sys

import polib


def main(po_path: str, json_path: str) -> int:
    with open(json_path, encoding="utf-8") as handle:
        wanted: dict[str, str] = json.load(handle)
    catalogue = polib.pofile(po_path, wrapwidth=79)
    done = 0
    for entry in catalogue:
        if entry.msgid in wanted:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: wanted[entry.msgid]}
            else:
                entry.msgstr = wanted[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            entry.previous_msgid_plural = None
            done += 1
    catalogue.save(po_path)
    missing = sorted(set(wanted) - {e.msgid for e in catalogue})
    print(f"{done} entries filled; not in the catalogue: {missing or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
