"""Fails when the Vietnamese catalogue has an untranslated or fuzzy entry."""

from __future__ import annotations

import sys

import polib


def main(path: str) -> int:
    catalogue = polib.pofile(path)
    bad = [e for e in catalogue if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    for entry in bad[:50]:
        state = "fuzzy" if "fuzzy" in entry.flags else "untranslated"
        print(f"{path}: {state}: {entry.msgid!r}", file=sys.stderr)
    if bad:
        print(f"{len(bad)} Vietnamese entries need a translation.", file=sys.stderr)
        return 1
    print(f"{path}: {len(catalogue)} entries, all translated.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
