"""A saved run against the verdicts of today: what changed, and why."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from tdkt.awards.models_runs import (
    EligibilityRun,
    StoredInputs,
    StoredReasons,
    StoredVerdict,
    VerdictStatus,
)
from tdkt.awards.rules import Verdict
from tdkt.awards.rules.base import STATUS_LABELS, Status
from tdkt.awards.rules.facts import Facts
from tdkt.awards.runs.inputs import (
    describe_input_changes,
    digest,
    reference_of,
    shown_day,
    subject_inputs,
)
from tdkt.awards.runs.store import Key, SubjectKey, live_verdicts
from tdkt.awards.votes import is_outcome

BADGES = {"pass": "success", "fail": "danger", "needs_review": "warning", "deferred": "dark"}


@dataclass
class Change:
    """A subject × title or form whose verdict is not what the run saved."""

    subject_kind: str
    subject_id: int
    subject_code: str
    subject_name: str
    code: str
    name: str
    before: str  # stored status, "" when the run had no such verdict
    after: str  # live status, "" when it is no longer computed
    before_override: str
    after_override: str
    causes: list[str] = field(default_factory=list)

    @property
    def before_badge(self) -> str:
        return BADGES.get(self.before, "secondary")

    @property
    def after_badge(self) -> str:
        return BADGES.get(self.after, "secondary")

    @property
    def before_label(self) -> str:
        return str(STATUS_LABELS[Status(self.before)]) if self.before else "—"

    @property
    def after_label(self) -> str:
        return str(STATUS_LABELS[Status(self.after)]) if self.after else "—"

    @property
    def before_override_label(self) -> str:
        return str(VerdictStatus(self.before_override).label) if self.before_override else ""

    @property
    def after_override_label(self) -> str:
        return str(VerdictStatus(self.after_override).label) if self.after_override else ""


@dataclass
class Comparison:
    run: EligibilityRun
    changes: list[Change]
    unchanged: int
    counts: dict[str, int]  # live, as on the verdict table
    rules: list[str]  # rule versions added, changed or confirmed since the save
    parameters: list[str]  # parameters added or changed since


def _rows_by(
    items: Iterable[dict[str, Any]], *fields: str
) -> dict[tuple[Any, ...], dict[str, Any]]:
    return {tuple(item[f] for f in fields): item for item in items}


def _reference_changes(
    before: dict[str, Any], after: dict[str, Any]
) -> tuple[list[str], list[str], dict[tuple[str, str], str]]:
    """What changed in the rule versions and parameters; also, per (rule id, version), why."""
    rules: list[str] = []
    why: dict[tuple[str, str], str] = {}
    old = _rows_by(before.get("rules", []), "rule_id", "version")
    new = _rows_by(after["rules"], "rule_id", "version")
    for key in sorted(set(old) | set(new)):
        was, now = old.get(key), new.get(key)
        label = f"{key[0]} {key[1]}"
        if was == now:
            continue
        if was is None and now is not None:
            text = _("%(rule)s added (%(basis)s, from %(start)s).") % {
                "rule": label,
                "basis": now["legal_basis"],
                "start": shown_day(now["valid_from"]),
            }
        elif now is None or was is None:
            text = _("%(rule)s removed.") % {"rule": label}
        elif was["confirmed"] != now["confirmed"]:
            text = (
                _("%(rule)s confirmed by an administrator since the save.")
                if now["confirmed"]
                else _("%(rule)s no longer confirmed.")
            ) % {"rule": label}
        else:
            text = _("%(rule)s changed: %(old)s → %(new)s.") % {
                "rule": label,
                "old": _version_text(was),
                "new": _version_text(now),
            }
        rules.append(text)
        why[(str(key[0]), str(key[1]))] = text
    parameters: list[str] = []
    old = _rows_by(before.get("parameters", []), "key", "scope", "valid_from")
    new = _rows_by(after["parameters"], "key", "scope", "valid_from")
    for key in sorted(set(old) | set(new), key=str):
        was, now = old.get(key), new.get(key)
        if was == now:
            continue
        name = key[0] + (f" ({key[1]})" if key[1] else "")
        parameters.append(
            _("%(key)s from %(start)s: %(old)s → %(new)s.")
            % {
                "key": name,
                "start": shown_day(key[2]),
                "old": _param_text(was),
                "new": _param_text(now),
            }
        )
    return rules, parameters, why


def _version_text(row: dict[str, Any]) -> str:
    return f"{row['legal_basis']}, {shown_day(row['valid_from'])} – {shown_day(row['valid_to'])}"


def _param_text(row: dict[str, Any] | None) -> str:
    if row is None:
        return "—"
    firm = "" if row["confirmed"] else " " + _("(not confirmed)")
    return f"{row['value']}{firm} ({shown_day(row['valid_from'])} – {shown_day(row['valid_to'])})"


def compare_run(run: EligibilityRun) -> Comparison:
    """The verdicts of the run's scope and council session date now, against the run."""
    facts, live = live_verdicts(
        year=run.year, unit_ids=None if run.unit_id is None else {run.unit_id}, as_of=run.as_of
    )
    stored: dict[Key, tuple[Any, ...]] = {
        (kind, pk, code): tuple(row)
        for kind, pk, code, *row in StoredVerdict.objects.filter(run=run).values_list(
            "subject_kind",
            "subject_id",
            "code",
            "subject_code",
            "subject_name",
            "name",
            "status",
            "override_status",
            "rule_id",
            "rule_version",
            "legal_basis",
            "reasons_key",
        )
    }
    rules, parameters, rule_why = _reference_changes(run.reference, reference_of(facts))
    changes: list[tuple[Change, tuple[Any, ...] | None, Verdict | None]] = []
    unchanged = 0
    counts = dict.fromkeys(VerdictStatus.values, 0)
    for verdict in live:
        counts[verdict.status.value] += 1
        key = (verdict.subject_kind, verdict.subject_id, verdict.code)
        row = stored.pop(key, None)
        override = verdict.override[0] if verdict.override else ""
        if row is not None and row[3] == verdict.status.value and row[4] == override:
            unchanged += 1
            continue
        change = Change(
            verdict.subject_kind,
            verdict.subject_id,
            verdict.subject_code,
            verdict.subject_name,
            verdict.code,
            verdict.name,
            row[3] if row else "",
            verdict.status.value,
            row[4] if row else "",
            override,
        )
        changes.append((change, row, verdict))
    for (kind, pk, code), row in stored.items():
        change = Change(kind, pk, row[0], row[1], code, row[2], row[3], "", row[4], "")
        changes.append((change, row, None))
    _explain(run, facts, changes, rule_why, bool(parameters))
    return Comparison(run, [c for c, _r, _v in changes], unchanged, counts, rules, parameters)


def _explain(
    run: EligibilityRun,
    facts: Facts,
    changes: list[tuple[Change, tuple[Any, ...] | None, Verdict | None]],
    rule_why: dict[tuple[str, str], str],
    parameters_changed: bool,
) -> None:
    """Why each change happened; reads the stored inputs and reasons of the changed rows only
    (two queries)."""
    if not changes:
        return
    people = {c.subject_id for c, _r, _v in changes if c.subject_kind == "person"}
    units = {c.subject_id for c, _r, _v in changes if c.subject_kind == "unit"}
    inputs = {
        (i.subject_kind, i.subject_id): i
        for i in StoredInputs.objects.filter(run=run).filter(
            Q(subject_kind="person", subject_id__in=people)
            | Q(subject_kind="unit", subject_id__in=units)
        )
    }
    keys = {row[-1] for _c, row, _v in changes if row is not None}
    reason_sets = {s.key: s for s in StoredReasons.objects.filter(run=run, key__in=keys)}
    live_inputs: dict[SubjectKey, dict[str, Any]] = {}
    for change, row, verdict in changes:
        causes = change.causes
        if row is None:
            causes.append(_("Not in the saved run (for example employed, or in force, since)."))
            continue
        if verdict is None:
            causes.append(_("No longer computed (for example employment ended, or out of force)."))
            continue
        if (row[6], row[7]) != (verdict.rule_version, verdict.legal_basis):
            causes.append(
                _("Rule version changed: %(old)s → %(new)s.")
                % {
                    "old": f"{row[6] or '—'} ({row[7] or '—'})",
                    "new": f"{verdict.rule_version or '—'} ({verdict.legal_basis or '—'})",
                }
            )
        elif (verdict.rule_id, verdict.rule_version) in rule_why:
            causes.append(rule_why[(verdict.rule_id, verdict.rule_version)])
        subject = (change.subject_kind, change.subject_id)
        saved = inputs.get(subject)
        if subject not in live_inputs:
            live_inputs[subject] = subject_inputs(verdict.subject, facts)  # type: ignore[arg-type]
        if saved is not None and saved.digest != digest(live_inputs[subject]):
            causes.append(
                _("Inputs changed: %(what)s.")
                % {"what": "; ".join(describe_input_changes(saved.data, live_inputs[subject]))}
            )
        if change.before_override != change.after_override:
            causes.append(
                _("Decision by hand changed: %(old)s → %(new)s.")
                % {
                    "old": change.before_override_label or "—",
                    "new": change.after_override_label or "—",
                }
            )
        saved_reasons = reason_sets.get(row[-1])
        had = {r["message"] for r in saved_reasons.reasons} if saved_reasons is not None else set()
        if any(is_outcome(r.message) and r.message not in had for r in verdict.reasons) or any(
            is_outcome(m) for m in had - {r.message for r in verdict.reasons}
        ):
            causes.append(_("Council outcome recorded or changed since the save."))
        if not causes:
            causes.append(
                _("A parameter changed (see above).")
                if parameters_changed
                else _("A verdict it builds on changed (a lower title, or the members' verdicts).")
            )
