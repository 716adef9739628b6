"""Matching the title and form names written in spreadsheets to the catalogue.

A name matches through the catalogue's names, short names and aliases, and through the
mappings users made once (`NameMapping`); NFC/NFD, diacritics, case, dashes and the i/y
variants ("sĩ"/"sỹ", "kĩ"/"kỹ") do not matter. "CSTĐ" alone is ambiguous (GLOSSARY §16.2) and
is left for the user to map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tdkt.awards.models import CommendationForm, EmulationTitle, NameMapping
from tdkt.org.io.values import key

_FINAL_Y = re.compile(r"y\b")


def name_key(text: str) -> str:
    """ "Chiến sỹ thi đua cơ sở" → "chien si thi dua co so"."""
    return _FINAL_Y.sub("i", key(text))


@dataclass(frozen=True)
class Target:
    code: str
    name: str
    is_title: bool
    pk: int


class NameIndex:
    def __init__(self, targets: dict[str, Target]) -> None:
        self.by_key = targets

    @classmethod
    def load(cls, *, with_mappings: bool = True) -> NameIndex:
        found: dict[str, Target] = {}
        for model, is_title in ((EmulationTitle, True), (CommendationForm, False)):
            for entry in model.objects.all():
                target = Target(entry.code, entry.name, is_title, entry.pk)
                for spelling in (entry.name, entry.short_name, entry.code, *entry.alias_list):
                    if spelling:
                        found.setdefault(name_key(spelling), target)
        if with_mappings:
            for mapping in NameMapping.objects.select_related("title", "form"):
                chosen = mapping.title or mapping.form
                if chosen is not None:
                    found[mapping.key] = Target(
                        chosen.code, chosen.name, mapping.title is not None, chosen.pk
                    )
        return cls(found)

    @classmethod
    def from_seed(cls) -> NameIndex:
        """The seed catalogue of `data.py`, for checking a file without the database."""
        from tdkt.awards import data

        found: dict[str, Target] = {}
        for rows, is_title in ((data.TITLES, True), (data.FORMS, False)):
            for pk, (code, short, name, aliases, *_rest) in enumerate(rows, start=1):
                target = Target(code, name, is_title, pk)
                for spelling in (name, short, code, *aliases):
                    if spelling:
                        found.setdefault(name_key(spelling), target)
        return cls(found)

    def match(self, text: str) -> Target | None:
        return self.by_key.get(name_key(text))
