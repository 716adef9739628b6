"""Load the catalogue, rule versions and parameters of `data.py` (idempotent).

The data migration calls it with the historical app registry; `tdkt load-awards-reference`
with the real one. Rows already there keep an administrator's confirmation and edits: only
missing rows are created.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from tdkt.awards import data


def load_awards_reference(registry: Any = None) -> Counter[str]:
    if registry is None:
        from django.apps import apps as registry
    title_model = registry.get_model("awards", "EmulationTitle")
    form_model = registry.get_model("awards", "CommendationForm")
    rule_model = registry.get_model("awards", "RuleVersion")
    param_model = registry.get_model("awards", "Parameter")
    counts: Counter[str] = Counter()
    for model, rows, label in (
        (title_model, data.TITLES, "titles"),
        (form_model, data.FORMS, "forms"),
    ):
        have = set(model.objects.values_list("code", flat=True))
        new = [
            model(
                code=code,
                short_name=short,
                name=name,
                aliases="\n".join(aliases),
                subject=subject,
                level=level,
                legal_basis=basis,
                rule=rule,
                period_years=period,
                rank=rank,
            )
            for code, short, name, aliases, subject, level, basis, rule, period, rank in rows
            if code not in have
        ]
        model.objects.bulk_create(new)
        counts[label] += len(new)
    have_rules = set(rule_model.objects.values_list("rule_id", "version"))
    new_rules = [
        rule_model(
            rule_id=rule_id,
            version=version,
            valid_from=start,
            valid_to=end,
            legal_basis=basis,
            confidence=confidence,
        )
        for rule_id, version, start, end, basis, confidence in data.RULE_VERSIONS
        if (rule_id, version) not in have_rules
    ]
    rule_model.objects.bulk_create(new_rules)
    counts["rule versions"] += len(new_rules)
    have_params = set(param_model.objects.values_list("key", "scope", "valid_from"))
    new_params = [
        param_model(
            key=key,
            scope=scope,
            value=value,
            valid_from=start,
            valid_to=end,
            legal_basis=basis,
            confidence=confidence,
        )
        for key, scope, value, start, end, basis, confidence in data.parameters()
        if (key, scope, start) not in have_params
    ]
    param_model.objects.bulk_create(new_params)
    counts["parameters"] += len(new_params)
    return counts
