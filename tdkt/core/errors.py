"""Errors the services raise; views and the API turn them into messages or 409/422."""

from __future__ import annotations

from dataclasses import dataclass, field


class WorkflowError(Exception):
    """A broken rule: the action is not allowed in the current state."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RowError:
    """One problem in one row of an import: Dòng 14, cột “Số vụ”: cần …, nhận được “12,5”."""

    row: int | None
    column: str
    message: str
    value: str = ""


@dataclass
class InputError(Exception):
    """Bad input, with every problem found (an import checks all rows before giving up)."""

    errors: list[RowError] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(e.message for e in self.errors[:5])
