"""Saved eligibility runs ("Lưu kết quả xét"): freeze, read back, compare with today.

`save_run` evaluates a scope once, exactly as the verdict table does (the engine, then the
council outcomes), and writes the run, its verdicts, their distinct reason lists and each
subject's inputs with `bulk_create` in batches, in one transaction with one audit event: a
handful of queries however many people. The engine is only read: `Verdict` (head, status,
reasons, remaining, override) and the `PersonFacts` / `UnitFacts` each verdict names.

`compare_run` evaluates the same scope and council session date again and lists every subject
× title or form whose verdict (or decision by hand) changed since the save, with why: the rule
version, the subject's inputs, the decision by hand, a council outcome, or a parameter.
"""

from tdkt.awards.runs.compare import Change, Comparison, compare_run
from tdkt.awards.runs.inputs import digest, readable_inputs, subject_inputs
from tdkt.awards.runs.store import (
    filter_stored,
    iter_with_reasons,
    latest_stored_for_person,
    live_verdicts,
    save_run,
    with_reasons,
    write_run,
)

__all__ = [
    "Change",
    "Comparison",
    "compare_run",
    "digest",
    "filter_stored",
    "iter_with_reasons",
    "latest_stored_for_person",
    "live_verdicts",
    "readable_inputs",
    "save_run",
    "subject_inputs",
    "with_reasons",
    "write_run",
]
