"""Which later awards counted a revoked one (RULES.md GEN-11, cascade: B design).

Each rule module declares, next to its rule, the recorded awards it counts: `COUNTS` (the
subject's own awards, code → year offsets from the year under review), `MEMBER_COUNTS` (a
collective's members' awards) and `COUNTS_FOLLOW_LINEAGE` (a unit's chain reads its
predecessors' awards, ORG-02). `tdkt/awards/tests/test_cascade_declarations.py` checks each
declaration against what the rule really reads.

The walk goes level by level from the revoked awards: each level loads the awards of the
subjects it reaches in one query (and the employment of the people whose collectives count
them in another), so a whole import file is walked in a handful of queries. An award reached
through another one is recorded with that award as `via`; the first (shortest) path wins.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Q

from tdkt.awards.models import AwardRecord, CommendationForm, EmulationTitle
from tdkt.awards.rules import MODULES
from tdkt.org.models import Employment, Organisation, Unit
from tdkt.org.queries import LineageIndex

Subject = tuple[str, int]  # ("p", person id) or ("u", unit id)


@dataclass(frozen=True, slots=True)
class Node:
    """An award as the walk sees it."""

    pk: int
    owner_id: int
    person_id: int | None
    unit_id: int | None  # the collective that received it
    code: str
    year: int

    @property
    def subject(self) -> Subject:
        return ("p", self.person_id) if self.person_id is not None else ("u", self.unit_id or 0)

    @classmethod
    def of(cls, award: AwardRecord) -> Node:
        return cls(
            award.pk,
            award.unit_id,
            award.person_id,
            award.recipient_unit_id,
            award.distinction.code,
            award.year,
        )


@dataclass(frozen=True)
class Reads:
    """What the rule of one catalogue code reads of recorded awards."""

    own: Mapping[str, tuple[int, ...]]
    members: Mapping[str, tuple[int, ...]]
    lineage: bool


@dataclass(frozen=True)
class Edge:
    """Awards of `upper` count awards of some lower code at these year offsets."""

    upper: str
    offsets: tuple[int, ...]
    members: bool  # the lower award is a member's, the upper one the collective's
    lineage: bool


def rule_reads(catalogue: Iterable[tuple[str, str]]) -> dict[str, Reads]:
    """Catalogue code → what its rule counts, from the constants of the rule modules."""
    found: dict[str, Reads] = {}
    for code, rule in catalogue:
        module = MODULES.get(rule)
        if module is not None:
            found[code] = Reads(
                module.COUNTS,
                getattr(module, "MEMBER_COUNTS", {}),
                getattr(module, "COUNTS_FOLLOW_LINEAGE", False),
            )
    return found


def readers(reads: Mapping[str, Reads]) -> dict[str, list[Edge]]:
    """Lower code → the edges to the codes whose rules count it."""
    edges: dict[str, list[Edge]] = defaultdict(list)
    for upper, read in reads.items():
        for lower, offsets in read.own.items():
            edges[lower].append(Edge(upper, offsets, False, read.lineage))
        for lower, offsets in read.members.items():
            edges[lower].append(Edge(upper, offsets, True, False))
    return dict(edges)


def catalogue_rules() -> list[tuple[str, str]]:
    return [
        (code, rule)
        for model in (EmulationTitle, CommendationForm)
        for code, rule in model.objects.exclude(rule="").values_list("code", "rule")
    ]


@dataclass(frozen=True)
class Found:
    award: Node
    origin: Node  # the revoked award
    via: Node | None  # the award through which it counted the revoked one; None: directly


@dataclass
class _Data:
    """Awards, employment, the unit tree and lineage, loaded as the walk reaches them."""

    awards: dict[Subject, dict[tuple[str, int], list[Node]]] = field(default_factory=dict)
    jobs: dict[int, list[tuple[int, dt.date, dt.date | None]]] = field(default_factory=dict)
    units: dict[int, tuple[int | None, str, dt.date | None]] = field(default_factory=dict)
    lineage: LineageIndex | None = None
    org: Organisation | None = None

    def bounds(self, year: int) -> tuple[dt.date, dt.date]:
        if self.org is None:
            self.org = Organisation.current()
        return self.org.year_bounds(year)

    def load_units(self) -> None:
        if not self.units:
            self.units = {
                pk: (parent, level, valid_from)
                for pk, parent, level, valid_from in Unit.objects.values_list(
                    "pk", "parent_id", "level", "valid_from"
                )
            }

    def load_jobs(self, person_ids: set[int]) -> None:
        missing = person_ids - set(self.jobs)
        if not missing:
            return
        self.load_units()
        for person_id in missing:
            self.jobs[person_id] = []
        for person_id, unit_id, start, end in Employment.objects.filter(
            person_id__in=missing
        ).values_list("person_id", "unit_id", "start", "end"):
            self.jobs[person_id].append((unit_id, start, end))

    def member_units(self, person_id: int, year: int) -> set[int]:
        """The collectives that count `person_id` as a member in `year`: the units employing
        them in the year and, from a department, the units above it up to the first that is
        not a department (as `facts.py` builds `members`)."""
        start, end = self.bounds(year)
        found: set[int] = set()
        for unit_id, job_start, job_end in self.jobs.get(person_id, ()):
            if job_start > end or (job_end is not None and job_end < start):
                continue
            current: int | None = unit_id
            while current is not None and current not in found:
                found.add(current)
                parent, level, _from = self.units.get(current, (None, "", None))
                current = parent if level == Unit.Level.DEPARTMENT else None
        return found

    def successors(self, unit_id: int, year: int) -> set[int]:
        """Units that continue `unit_id` by lineage and did not exist in `year`, so their chain
        reads its awards for that year (`unit_held`, ORG-02)."""
        if self.lineage is None:
            self.lineage = LineageIndex.load()
            self.load_units()
        end = self.bounds(year)[1]
        found: set[int] = set()
        queue = [unit_id]
        while queue:
            for step in self.lineage.forward.get(queue.pop(), ()):
                successor = step.successor
                if successor is None or successor.pk in found:
                    continue
                queue.append(successor.pk)
                if successor.valid_from is not None and successor.valid_from > end:
                    found.add(successor.pk)
        return found

    def load_awards(self, subjects: set[Subject]) -> None:
        missing = subjects - set(self.awards)
        if not missing:
            return
        for subject in missing:
            self.awards[subject] = defaultdict(list)
        people = [pk for kind, pk in missing if kind == "p"]
        units = [pk for kind, pk in missing if kind == "u"]
        rows = (
            AwardRecord.objects.filter(revoked=False)
            .filter(Q(person_id__in=people) | Q(recipient_unit_id__in=units))
            .values_list(
                "pk",
                "unit_id",
                "person_id",
                "recipient_unit_id",
                "title__code",
                "form__code",
                "year",
            )
        )
        for pk, owner, person_id, unit_id, title, form, year in rows:
            node = Node(pk, owner, person_id, unit_id, title or form, year)
            self.awards[node.subject][(node.code, year)].append(node)

    def of(self, subject: Subject, code: str, year: int) -> list[Node]:
        return self.awards.get(subject, {}).get((code, year), [])


def _targets(node: Node, edge: Edge, data: _Data) -> list[tuple[Subject, int]]:
    """The subjects and years whose `edge.upper` awards counted `node`."""
    targets: list[tuple[Subject, int]] = []
    for offset in edge.offsets:
        year = node.year - offset
        if edge.members:
            if node.person_id is not None:
                targets += [(("u", u), year) for u in data.member_units(node.person_id, year)]
            continue
        targets.append((node.subject, year))
        if edge.lineage and node.unit_id is not None:
            targets += [(("u", u), year) for u in data.successors(node.unit_id, node.year)]
    return targets


def dependents(
    revoked: Iterable[Node], edges: Mapping[str, list[Edge]] | None = None
) -> list[Found]:
    """Every award in force that counted one of `revoked`, directly or through another award
    that did, each once per revoked award it rests on."""
    if edges is None:
        edges = readers(rule_reads(catalogue_rules()))
    origins = list(revoked)
    revoked_pks = {n.pk for n in origins}
    seen: dict[int, set[int]] = {n.pk: {n.pk} for n in origins}
    data = _Data()
    found: list[Found] = []
    frontier = [(n, n) for n in origins]
    while frontier:
        needs = [
            (node, origin, edge) for node, origin in frontier for edge in edges.get(node.code, ())
        ]
        data.load_jobs({n.person_id for n, _o, e in needs if e.members and n.person_id is not None})
        targets = [_targets(node, edge, data) for node, _o, edge in needs]
        data.load_awards({subject for listed in targets for subject, _y in listed})
        following: list[tuple[Node, Node]] = []
        for (node, origin, edge), listed in zip(needs, targets, strict=True):
            for subject, year in listed:
                for award in data.of(subject, edge.upper, year):
                    if award.pk in revoked_pks or award.pk in seen[origin.pk]:
                        continue
                    seen[origin.pk].add(award.pk)
                    via = None if node.pk == origin.pk else node
                    found.append(Found(award, origin, via))
                    following.append((award, origin))
        frontier = following
    return found
