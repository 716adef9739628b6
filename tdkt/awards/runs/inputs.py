"""What the engine had for each subject, as JSON to store and compare, and as tables to read."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.awards import models as m
from tdkt.awards.models import Rating
from tdkt.awards.rules.facts import AwardFact, Facts, PersonFacts, UnitFacts


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _award(fact: AwardFact) -> list[Any]:
    """[record id, commendation type, decision date of a form]"""
    return [fact.pk, fact.commendation_type, _day(fact.decision_date)]


def _awards(awards: dict[str, dict[int, AwardFact]]) -> dict[str, dict[str, list[Any]]]:
    return {
        code: {str(year): _award(awards[code][year]) for year in sorted(awards[code])}
        for code in sorted(awards)
    }


def _listed(facts: Iterable[AwardFact]) -> list[list[Any]]:
    return sorted([f.pk, f.code, f.year, f.commendation_type, f.revoked] for f in facts)


def _holds(subject: PersonFacts | UnitFacts) -> list[list[Any]]:
    return sorted([h.kind, _day(h.opened_on), _day(h.closed_on), h.source] for h in subject.holds)


def person_inputs(person: PersonFacts) -> dict[str, Any]:
    """The facts the engine had for a person, as JSON (keys in docs/architecture.md)."""
    data = {
        "code": person.code,
        "name": person.name,
        "unit_id": person.unit_id,
        "recruited_on": _day(person.recruited_on),
        "is_judge": person.is_judge,
        "ratings": {
            str(year): [rating, None if rate is None else str(rate)]
            for year, (rating, rate) in sorted(person.ratings.items())
        },
        "awards": _awards(person.awards),
        "revoked": _listed(person.revoked),
        "other_awards": _listed(person.other_awards),
        "disciplines": sorted([lvl, _day(d), _day(e)] for lvl, d, e in person.disciplines),
        "initiatives": sorted(
            [i.pk, i.name, i.kind, i.scope, i.year, i.claimed_by] for i in person.initiatives
        ),
        "holds": _holds(person),
        "leaves": sorted([kind, _day(s), _day(e)] for kind, s, e in person.leaves),
    }
    service = person.service
    if service is not None:  # moved in the year, or no recruitment date (IND-05)
        data["service"] = {
            "first_start": _day(service.first_start),
            "stints": [
                [s.unit_id, s.court_id, s.name, s.secondment, _day(s.start), _day(s.end)]
                for s in service.stints
            ],
            "comments": sorted(
                [
                    c.kind,
                    c.source_id,
                    c.successor_id,
                    c.successor,
                    c.reason,
                    _day(c.given_on),
                    c.reference,
                ]
                for c in service.comments
            ),
        }
    return data


def unit_inputs(unit: UnitFacts, facts: Facts) -> dict[str, Any]:
    """The facts the engine had for a collective: its own, its members (person ids), its
    cluster's size, the units it continues by lineage and the chain decisions about it."""
    everything = {**facts.history_units, **facts.units}
    predecessors = {}
    for pk in sorted(facts.lineage.predecessor_ids([unit.pk])):
        found = everything.get(pk)
        if found is not None:
            predecessors[str(pk)] = {
                "code": found.code,
                "ratings": {str(y): list(r) for y, r in sorted(found.ratings.items())},
                "awards": _awards(found.awards),
            }
    return {
        "code": unit.code,
        "name": unit.name,
        "level": unit.level,
        "valid_from": _day(unit.valid_from),
        "valid_to": _day(unit.valid_to),
        "ratings": {str(y): list(r) for y, r in sorted(unit.ratings.items())},
        "awards": _awards(unit.awards),
        "revoked": _listed(unit.revoked),
        "holds": _holds(unit),
        "members": sorted(unit.members),
        "cluster_size": unit.cluster_size,
        "predecessors": predecessors,
        "chain_overrides": sorted(
            [code, year, held, reason, reference]
            for (unit_id, code, year), (held, reason, reference) in facts.overrides.items()
            if unit_id == unit.pk
        ),
    }


def subject_inputs(subject: PersonFacts | UnitFacts, facts: Facts) -> dict[str, Any]:
    if isinstance(subject, PersonFacts):
        return person_inputs(subject)
    return unit_inputs(subject, facts)


def digest(data: Any) -> str:
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.blake2b(canonical.encode(), digest_size=16).hexdigest()


def reference_of(facts: Facts) -> dict[str, Any]:
    """Every rule version and parameter the engine had, as it had them."""
    return {
        "rules": [
            {
                "rule_id": r.rule_id,
                "version": r.version,
                "valid_from": _day(r.valid_from),
                "valid_to": _day(r.valid_to),
                "legal_basis": r.legal_basis,
                "confirmed": r.firm,
            }
            for rule_id in sorted(facts.rules)
            for r in facts.rules[rule_id]
        ],
        "parameters": [
            {
                "key": key,
                "scope": scope,
                "value": p.value,
                "valid_from": _day(p.valid_from),
                "valid_to": _day(p.valid_to),
                "legal_basis": p.legal_basis,
                "confirmed": p.firm,
            }
            for (key, scope) in sorted(facts.params)
            for p in facts.params[(key, scope)]
        ],
    }


INPUT_LABELS = {
    "code": gettext_lazy("code"),
    "name": gettext_lazy("name"),
    "unit_id": gettext_lazy("unit"),
    "recruited_on": gettext_lazy("recruitment date"),
    "is_judge": gettext_lazy("judge"),
    "ratings": gettext_lazy("ratings"),
    "awards": gettext_lazy("titles and forms held"),
    "revoked": gettext_lazy("revoked awards"),
    "other_awards": gettext_lazy("titles and forms held"),
    "disciplines": gettext_lazy("discipline"),
    "initiatives": gettext_lazy("initiatives and research"),
    "holds": gettext_lazy("holds"),
    "leaves": gettext_lazy("leave"),
    "service": gettext_lazy("employment in the year and other units' comments"),
    "level": gettext_lazy("level"),
    "valid_from": gettext_lazy("validity"),
    "valid_to": gettext_lazy("validity"),
    "members": gettext_lazy("members"),
    "cluster_size": gettext_lazy("cluster"),
    "predecessors": gettext_lazy("units continued by lineage"),
    "chain_overrides": gettext_lazy("chain decisions"),
}


def _rating_label(value: str) -> str:
    return str(Rating(value).label) if value in Rating.values else value


def _award_changes(code: str, was: dict[str, Any], now: dict[str, Any]) -> list[str]:
    added = [
        _("recorded since: %(code)s %(year)s") % {"code": code, "year": y}
        for y in sorted(set(now) - set(was))
    ]
    gone = [
        _("no longer recorded: %(code)s %(year)s") % {"code": code, "year": y}
        for y in sorted(set(was) - set(now))
    ]
    changed = [
        _("changed: %(code)s %(year)s") % {"code": code, "year": y}
        for y in sorted(set(was) & set(now))
        if was[y] != now[y]
    ]
    return [*added, *gone, *changed]


def describe_input_changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Which inputs of one subject differ, in words: ratings and awards by year, else the
    kind of input."""
    texts: list[str] = []
    for name in INPUT_LABELS:
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        if name == "ratings":
            for year in sorted(set(old or {}) | set(new or {})):
                was, now = (old or {}).get(year), (new or {}).get(year)
                if was != now:
                    texts.append(
                        _("rating for %(year)s: %(old)s → %(new)s")
                        % {
                            "year": year,
                            "old": _rating_label(was[0]) if was else "—",
                            "new": _rating_label(now[0]) if now else "—",
                        }
                    )
        elif name == "awards":
            for code in sorted(set(old or {}) | set(new or {})):
                texts.extend(
                    _award_changes(code, (old or {}).get(code, {}), (new or {}).get(code, {}))
                )
        else:
            texts.append(str(INPUT_LABELS[name]))
    return list(dict.fromkeys(texts))


def shown_day(value: str | None) -> str:
    return dt.date.fromisoformat(value).strftime("%d/%m/%Y") if value else "…"


@dataclass
class Section:
    title: str
    headers: list[str]
    rows: list[list[Any]]


def _label(choices: Any, value: Any) -> str:
    return str(dict(choices.choices).get(value, value)) if value is not None else "—"


def _dmy(value: str | None) -> str:
    return shown_day(value) if value else "—"


def readable_inputs(kind: str, data: dict[str, Any]) -> list[Section]:
    """A subject's stored inputs as tables with labels in the reader's language."""
    names = {
        **dict(m.EmulationTitle.objects.values_list("code", "name")),
        **dict(m.CommendationForm.objects.values_list("code", "name")),
    }

    def awards(title: str, held: dict[str, dict[str, list[Any]]]) -> Section:
        rows = [
            [names.get(code, code), year, _label(m.CommendationType, kind), _dmy(day), pk]
            for code, years in held.items()
            for year, (pk, kind, day) in years.items()
        ]
        headers = [_("Title or form"), _("Year"), _("commendation type"), _("decision date")]
        return Section(title, [*headers, _("record")], rows)

    yes_no = {True: _("yes"), False: _("no")}
    holds = Section(
        _("Legal holds"),
        [_("kind"), _("opened on"), _("closed on"), _("source document")],
        [[_label(m.Hold.Kind, k), _dmy(o), _dmy(c), src] for k, o, c, src in data["holds"]],
    )
    if kind == "unit":
        ratings = [
            [y, _label(Rating, r), _label(m.UnitRating.Source, s) if s else "—"]
            for y, (r, s) in data["ratings"].items()
        ]
        chain = [
            [names.get(c, c), y, yes_no[held], why, ref]
            for c, y, held, why, ref in data["chain_overrides"]
        ]
        return [
            Section(_("Ratings"), [_("Year"), _("Rating"), _("source")], ratings),
            awards(_("Titles and forms held"), data["awards"]),
            *(
                awards(
                    _("Continued by lineage: %(code)s") % {"code": found["code"]}, found["awards"]
                )
                for found in data["predecessors"].values()
            ),
            Section(
                _("Chain decisions"),
                [_("Title or form"), _("Year"), _("counts as held"), _("reason"), _("reference")],
                chain,
            ),
            holds,
        ]
    rate_header = _("judge: annulled or amended for subjective reasons (%)")
    ratings = [[y, _label(Rating, r), rate or "—"] for y, (r, rate) in data["ratings"].items()]
    listed = [
        [pk, names.get(c, c), y, _label(m.CommendationType, t), yes_no[bool(revoked)]]
        for pk, c, y, t, revoked in [*data["revoked"], *data["other_awards"]]
    ]
    initiatives = [
        [name, _label(m.Initiative.Kind, k), _label(m.Initiative.Scope, s), y, claimed or "—"]
        for _pk, name, k, s, y, claimed in data["initiatives"]
    ]
    return [
        Section(_("Ratings"), [_("Year"), _("Rating"), rate_header], ratings),
        awards(_("Titles and forms held"), data["awards"]),
        Section(
            _("Revoked, or a second record of the same year"),
            [_("record"), _("Title or form"), _("Year"), _("commendation type"), _("revoked")],
            listed,
        ),
        Section(
            _("Discipline"),
            [_("level"), _("decided on"), _("discipline period ends")],
            [
                [_label(m.Discipline.Level, lvl), _dmy(d), _dmy(e)]
                for lvl, d, e in data["disciplines"]
            ],
        ),
        Section(
            _("Initiatives and research"),
            [_("name"), _("kind"), _("recognised at"), _("Year"), _("used by the award")],
            initiatives,
        ),
        Section(
            _("Leave that counts as work"),
            [_("kind"), _("from"), _("to")],
            [[_label(m.Leave.Kind, k), _dmy(s), _dmy(e)] for k, s, e in data["leaves"]],
        ),
        *_service_sections(data.get("service")),
        holds,
    ]


def _service_sections(service: dict[str, Any] | None) -> list[Section]:
    """A mover's employment in the year and the comments of other units (IND-05)."""
    if service is None:
        return []
    kinds = {False: _("appointment or transfer"), True: _("secondment")}
    courts = {court: name for _unit, court, name, *_rest in service["stints"]}
    comments = [
        [
            _label(m.TransferComment.Kind, kind),
            courts.get(source, source),
            _dmy(day),
            ref,
            successor or "—",
            why,
        ]
        for kind, source, _successor_id, successor, why, day, ref in service["comments"]
    ]
    return [
        Section(
            _("Employment in the year"),
            [_("unit"), _("kind"), _("from"), _("to")],
            [
                [name, kinds[away], _dmy(a), _dmy(b)]
                for _u, _c, name, away, a, b in service["stints"]
            ],
        ),
        Section(
            _("Comments of the former or host unit"),
            [
                _("comments of"),
                _("former or host unit"),
                _("given on"),
                _("document number"),
                _("given by its successor"),
                _("why the successor gives them"),
            ],
            comments,
        ),
    ]
